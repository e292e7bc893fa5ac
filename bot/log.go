package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Logging sets done without a guided session, and undoing the last entry.
// A log line is one entry: undo removes all its sets.

// logCommand records a "log" line, announcing new records. A line that
// looks like a typo is asked about first (askLog).
func (h *Hub) logCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	h.logLine(t, base, m, p, cmd, false)
}

// logLine records the sets of a log line on the day it names, stamped at
// noon of that day in the lifter's zone (now for today). Unless the
// lifter confirmed them (a yes to askLog), sets that look like a typo
// (coach.LogDoubt) are asked about and nothing is stored.
func (h *Hub) logLine(t *turn, base Reply, m Message, p prefs, cmd coach.Command, confirmed bool) {
	now := h.now()
	at, err := cmd.Log.Day.At(now, p.loc)
	if err != nil {
		t.replies = append(t.replies, h.errorReply(base, err))
		return
	}
	if !confirmed {
		best := 0.0
		if cmd.Exercise.Equipment != coach.BodyWeight {
			best = h.bestEstimate(m, cmd)
		}
		if q, ok := h.coachFor(m).LogDoubt(cmd, p.Unit, best); ok {
			h.askLog(t, base, m, q)
			return
		}
	}
	before := h.exerciseHistory(m, cmd.Exercise.Name)
	entry := "log-" + h.newID()
	added := make([]coach.Lift, len(cmd.Lifts))
	for i, l := range cmd.Lifts {
		l.At, l.Entry = at, entry
		added[i] = l
		t.change.Sets = append(t.change.Sets, record.Set{Lift: l, Platform: m.Platform, UserID: m.UserID, ChatID: m.ChatID})
	}
	r := base
	r.Text = "Logged " + describe(added, false)
	day := cmd.Log.Day.Text(at, now, p.loc)
	if day != "" {
		r.Text += " on " + day
	}
	if n := added[0].Note; n != "" {
		r.Text += " " + noteText(n)
	}
	r.Text += "."
	for _, line := range cmd.Log.Readings {
		r.Text += "\n" + line
	}
	prs := coach.NewRecords(before, added, p.Unit, h.coach.Defaults().Formula)
	if len(prs) > 0 {
		r.Text += "\n" + strings.Join(prs, "\n")
	}
	if m.Group && day == "" && len(cmd.Log.Readings) == 0 && len(prs) == 0 {
		// Nothing to read but "logged as you wrote it": in a group, a
		// platform set up for it reacts to the line instead of answering.
		r.React = logReaction
	}
	h.askBoard(t, m, p, &r)
	t.replies = append(t.replies, r)
}

// logReaction is the reaction that acknowledges a plain log line in a
// group (Reply.React); Telegram offers it among its standard reactions.
const logReaction = "✍"

// undoCommand takes back the last step of the running session
// (sessions.go), or else removes the lifter's last logged entry.
func (h *Hub) undoCommand(t *turn, base Reply, m Message, _ prefs, _ coach.Command) {
	var last []record.Set
	var err error
	var at time.Time
	if ref := t.record.LastEntry; ref != nil && ref.Platform == m.Platform && ref.UserID == m.UserID {
		// What this chat's last message wrote, wherever it stands.
		last, err = h.store.Entry(*ref)
		at = ref.At
	}
	if err == nil && len(last) == 0 {
		last, err = h.store.LastEntry(m.Platform, m.UserID)
		at = time.Time{}
	}
	if err != nil {
		h.log.Error("undo", "err", err)
		t.fail(base, genericError)
		return
	}
	t.record.LastEntry = nil
	t.change.Session = t.record
	if t.record.Active != nil && h.undoStep(t, base, m, last) {
		return
	}
	if len(last) == 0 {
		t.fail(base, "Nothing to undo: you have no sets logged.")
		return
	}
	// The change names the entry, so that it removes these sets only,
	// whatever was written since they were read.
	t.change.Undo = &record.EntryRef{Platform: m.Platform, UserID: m.UserID, Entry: last[0].Entry, At: at}
	ls := lifts(last)
	slices.Reverse(ls) // LastEntry returns them newest first
	r := base
	r.Text = "Removed " + describeSets(ls) + "."
	t.replies = append(t.replies, r)
}

// describeSets writes sets compactly, each in the unit it was logged,
// with their note: "bench press 100 kg 5×5", "bench press 80×10, 67.5×8
// kg (drop set)", for sets logged in both units "bench press 100 kg×5,
// 225 lb×3", and on a body-weight exercise "pull up BW 3×10", "dip +20
// kg × 8", "pull up −30 kg (assisted) × 8". A failed set reads "100 kg
// × 0 (failed)".
func describeSets(ls []coach.Lift) string { return describe(ls, true) }

// describe is describeSets, with the note or without.
func describe(ls []coach.Lift, note bool) string {
	if len(ls) == 0 {
		return ""
	}
	same, oneUnit, oneRPE, failed := true, true, true, ls[0].Kind == coach.KindFailed
	for _, l := range ls[1:] {
		same = same && l.Load == ls[0].Load && l.Reps == ls[0].Reps && l.Unit == ls[0].Unit
		oneUnit = oneUnit && l.Unit == ls[0].Unit
		oneRPE = oneRPE && l.RPE == ls[0].RPE
		failed = failed || l.Kind == coach.KindFailed
	}
	// Runs of equal sets read better than each set ("60 kg 2×5, 80 kg
	// 3×5", "60 kg × 12, 10, 8") wherever a load repeats; a ladder of
	// loads, such as a drop set's, reads as each set.
	runs, multi := false, false
	for i := 1; i < len(ls); i++ {
		if ls[i].Load == ls[i-1].Load && ls[i].Unit == ls[i-1].Unit {
			runs = true
			multi = multi || ls[i].Reps == ls[i-1].Reps && ls[i].RPE == ls[i-1].RPE
		}
	}
	bw := ls[0].BodyWeight()
	var b strings.Builder
	b.WriteString(ls[0].Exercise + " ")
	switch {
	case bw || failed || !same && (!oneRPE || runs):
		// Runs of equal sets, each with its load unless it is the one
		// before: "BW 3×10, +10 kg × 8", "BW × 10, 8, 6", "140 kg 2×5, 1×4".
		for i := 0; i < len(ls); {
			j := i + 1
			for j < len(ls) && ls[j].Load == ls[i].Load && ls[j].Reps == ls[i].Reps && ls[j].Unit == ls[i].Unit && ls[j].RPE == ls[i].RPE {
				j++
			}
			if i > 0 {
				b.WriteString(", ")
			}
			sameLoad := i > 0 && ls[i].Load == ls[i-1].Load && ls[i].Unit == ls[i-1].Unit
			b.WriteString(runText(ls[i], j-i, !sameLoad, !multi))
			if !oneRPE && ls[i].RPE > 0 {
				b.WriteString(" @" + strconv.FormatFloat(ls[i].RPE, 'f', -1, 64))
			}
			i = j
		}
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
	if oneRPE && ls[0].RPE > 0 {
		fmt.Fprintf(&b, " @%s", strconv.FormatFloat(ls[0].RPE, 'f', -1, 64))
	}
	if t, ok := coach.ParseTechnique(ls[0].Technique); ok {
		b.WriteString(" (" + t.String() + ")")
	}
	if note && ls[0].Note != "" {
		b.WriteString(" " + noteText(ls[0].Note))
	}
	return b.String()
}

// runText writes n equal sets: "100 kg 3×5", "BW × 10", "+20 kg 3×8",
// "100 kg × 0 (failed)"; without their load ("3×5", "10", "0 (failed)")
// unless withLoad. One set is "× 10" when bare, else "1×10", as among
// runs of more.
func runText(l coach.Lift, n int, withLoad, bare bool) string {
	load := coach.FormatLoad(l.Load) + " " + l.Unit.String()
	if l.BodyWeight() {
		load = coach.FormatAdded(l.Load, l.Unit)
	}
	single := n == 1 && (bare || withLoad && (l.BodyWeight() || l.Kind == coach.KindFailed))
	s := load + " " + strconv.Itoa(n) + "×" + strconv.Itoa(l.Reps)
	switch {
	case single && withLoad:
		s = load + " × " + strconv.Itoa(l.Reps)
	case single:
		s = strconv.Itoa(l.Reps)
	case !withLoad:
		s = strconv.Itoa(n) + "×" + strconv.Itoa(l.Reps)
	}
	if l.Kind == coach.KindFailed {
		s += " (failed)"
	}
	return s
}

// noteText is a set's note as a reply shows it: — “felt heavy”.
func noteText(note string) string { return "— “" + note + "”" }
