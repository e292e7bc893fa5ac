package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Logging sets done without a guided session, and undoing the last entry.
// A log line is one entry: undo removes all its sets.

// logCommand records a "log" line, announcing new records.
func (h *Hub) logCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	now := h.now()
	before := h.exerciseHistory(m, cmd.Exercise.Name)
	entry := "log-" + h.newID()
	added := make([]coach.Lift, len(cmd.Lifts))
	for i, l := range cmd.Lifts {
		l.At, l.Entry = now, entry
		added[i] = l
		t.change.Sets = append(t.change.Sets, record.Set{Lift: l, Platform: m.Platform, UserID: m.UserID, ChatID: m.ChatID})
	}
	r := base
	r.Text = "Logged " + describeSets(added) + "."
	if prs := coach.NewRecords(before, added, p.Unit, h.coach.Defaults().Formula); len(prs) > 0 {
		r.Text += "\n" + strings.Join(prs, "\n")
	}
	t.replies = append(t.replies, r)
}

// undoCommand removes the lifter's last logged entry.
func (h *Hub) undoCommand(t *turn, base Reply, m Message, _ prefs, _ coach.Command) {
	last, err := h.store.LastEntry(m.Platform, m.UserID)
	if err != nil {
		h.log.Error("undo", "err", err)
		t.fail(base, genericError)
		return
	}
	if len(last) == 0 {
		t.fail(base, "Nothing to undo: you have no sets logged.")
		return
	}
	// The change names the entry, so that it removes these sets only,
	// whatever was written since they were read.
	t.change.Undo = &record.EntryRef{Platform: m.Platform, UserID: m.UserID, Entry: last[0].Entry}
	ls := lifts(last)
	slices.Reverse(ls) // LastEntry returns them newest first
	r := base
	r.Text = "Removed " + describeSets(ls) + "."
	t.replies = append(t.replies, r)
}

// describeSets writes sets compactly, each in the unit it was logged:
// "bench press 100 kg 5×5", "bench press 80×10, 67.5×8 kg (drop set)", or
// for sets logged in both units "bench press 100 kg×5, 225 lb×3".
func describeSets(ls []coach.Lift) string {
	if len(ls) == 0 {
		return ""
	}
	same, oneUnit := true, true
	for _, l := range ls[1:] {
		same = same && l.Load == ls[0].Load && l.Reps == ls[0].Reps && l.Unit == ls[0].Unit
		oneUnit = oneUnit && l.Unit == ls[0].Unit
	}
	var b strings.Builder
	b.WriteString(ls[0].Exercise + " ")
	switch {
	case same:
		fmt.Fprintf(&b, "%s %s %d×%d", coach.FormatLoad(ls[0].Load), ls[0].Unit, len(ls), ls[0].Reps)
	case oneUnit:
		for i, l := range ls {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s×%d", coach.FormatLoad(l.Load), l.Reps)
		}
		b.WriteString(" " + ls[0].Unit.String())
	default:
		for i, l := range ls {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %s×%d", coach.FormatLoad(l.Load), l.Unit, l.Reps)
		}
	}
	if ls[0].RPE > 0 {
		fmt.Fprintf(&b, " @%s", strconv.FormatFloat(ls[0].RPE, 'f', -1, 64))
	}
	if t, ok := coach.ParseTechnique(ls[0].Technique); ok {
		b.WriteString(" (" + t.String() + ")")
	}
	return b.String()
}
