package bot

import "github.com/spotter-coach/spotter/coach"

// weekCommand answers week: drop sets and rest-pause per muscle group
// since the start of the lifter's week in their time zone, against "once
// or twice a week", and the sessions and logs it counted, by exercise and
// day, with the back-off sets of each day. Plans warn before a third
// (guardWarning).
func (h *Hub) weekCommand(t *turn, base Reply, m Message, p prefs, _ coach.Command) {
	sets, err := h.store.SetsSince(m.Platform, m.UserID, coach.WeekStart(h.now(), p.loc))
	if err != nil {
		h.log.Error("week", "err", err)
		t.fail(base, genericError)
		return
	}
	r := base
	r.Text = h.coach.Week(lifts(sets), h.now(), p.loc).Text()
	t.replies = append(t.replies, r)
}
