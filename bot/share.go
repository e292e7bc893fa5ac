package bot

import "github.com/spotter-coach/spotter/coach"

// shareCommand answers "share bench ana 100kg bo 80kg": the order in
// which lifters share one bar, with the plates to move at each change,
// planned on the space's gym (coachFor) in the sender's unit unless the
// loads name one. It writes nothing.
func (h *Hub) shareCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	plan, err := h.coachFor(m).Share(cmd.Args, p.Unit)
	if err != nil {
		t.replies = append(t.replies, h.errorReply(base, err))
		return
	}
	r := base
	r.Text = plan.Text()
	t.replies = append(t.replies, r)
}
