package bot

import (
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// Records: a lifter's personal records and best estimated 1RM, from their
// history. Drop-set steps and back-off AMRAPs never count for 1RM (coach
// decides which sets count).

// prCommand answers pr [exercise]: the records of one exercise, or of the
// lifter's recent ones.
func (h *Hub) prCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	name, _, ok := h.exerciseArg(t, base, cmd)
	if !ok {
		return
	}
	r := base
	r.Text = h.recordsText(m, p, name)
	t.replies = append(t.replies, r)
}

// recordsText is the records of the exercise name, or of the lifter's
// five most recent exercises when name is "".
func (h *Hub) recordsText(m Message, p prefs, name string) string {
	f := h.coach.Defaults().Formula
	if name != "" {
		return coach.BuildRecords(h.exerciseHistory(m, name), name, p.Unit, f).Text(f)
	}
	recent, err := h.store.LastSets(m.Platform, m.UserID, 300, nil)
	if err != nil {
		h.log.Error("pr", "err", err)
	}
	names := recentExercises(lifts(recent), 5)
	if len(names) == 0 {
		return "No sets yet. Log one: log bench 100x5"
	}
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = coach.BuildRecords(h.exerciseHistory(m, n), n, p.Unit, f).Text(f)
	}
	return strings.Join(parts, "\n\n")
}

// oneRMCommand answers 1rm EXERCISE: the best recent estimated 1RM, with
// the formula and the set it came from.
func (h *Hub) oneRMCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	name, _, ok := h.exerciseArg(t, base, cmd)
	if !ok {
		return
	}
	if name == "" {
		t.fail(base, "Which exercise? Try: 1rm bench")
		return
	}
	f := h.coach.Defaults().Formula
	r := base
	if est, found := coach.BestEstimate(h.exerciseHistory(m, name), name, p.Unit, f, h.now()); found {
		r.Text = est.Text(name, p.Unit, f)
	} else {
		r.Text = "No sets of " + name + " to estimate from yet. Log one: log " + name + " 100x5"
	}
	t.replies = append(t.replies, r)
}
