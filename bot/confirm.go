package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// A plan whose typed load is far beyond plausible (coach.Implausible: more
// than anyone has lifted on the exercise, or far beyond the lifter's best
// estimated 1RM) is not planned at once. The hub asks whether that is the
// number meant and keeps the command's text in the lifter's session record
// (record.Session.ConfirmLoad), stored with the reply like every other
// state, so the question survives a restart. The lifter's next message
// answers it:
//   - yes (or the "Yes, 800 kg" button) plans the command as written;
//   - no drops it, and says so;
//   - a load alone ("80", "80kg"; the suggestion's button carries the whole
//     command with the suggested load) plans the command with that load,
//     checked again;
//   - start asks again (there is nothing to start);
//   - anything else drops the question and is handled as usual.
//
// A log line whose sets look like a typo (coach.LogDoubt: "log bench
// 5x100", 100 reps of 5 kg) waits the same way, and is stored only once
// answered:
//   - yes (or the "Yes, 5 kg × 100" button) logs it as written, once;
//   - no drops it, and says so;
//   - the other reading's button carries the line read the other way
//     round ("log bench 100x5"), a log line like any other, checked
//     again ("swap" when that line is too long for a button);
//   - start drops the question and starts the last plan, which a log
//     line leaves alone;
//   - anything else drops the question and is handled as usual.
//
// Only the lifter asked can answer: another lifter's yes is their own
// message, with no question waiting.

// maxButtonData is the longest button data every platform carries: what
// is left of Telegram's 64 bytes of callback data once the adapter has
// put the owner's id in front (see adapters/telegram/keyboard.go).
const maxButtonData = 46

// yesWords and noWords answer a load question.
var (
	yesWords = map[string]bool{"yes": true, "y": true, "yeah": true, "yep": true, "confirm": true}
	noWords  = map[string]bool{"no": true, "n": true, "nope": true}
)

// isAnswerWord reports whether text is a lone yes or no word.
func isAnswerWord(text string) bool {
	w := strings.TrimRight(strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), "/"))), "!.")
	if i := strings.IndexByte(w, '@'); i > 0 {
		w = w[:i]
	}
	return yesWords[w] || noWords[w]
}

// bestEstimate is the lifter's best estimated 1RM on the command's
// exercise, in its unit; 0 with no usable set.
func (h *Hub) bestEstimate(m Message, cmd coach.Command) float64 {
	name := cmd.Exercise.Name
	est, ok := coach.BestEstimate(h.exerciseHistory(m, name), name, cmd.Unit, h.coach.Defaults().Formula, h.now())
	if !ok {
		return 0
	}
	return est.OneRM
}

// askLoad asks whether an implausible load is the one meant, instead of
// planning it. The last plan is dropped: start has nothing to run until
// the lifter answers.
func (h *Hub) askLoad(t *turn, base Reply, m Message, pr prefs, cmd coach.Command, d coach.Doubt) {
	rec := t.record
	rec.ConfirmLoad = strings.TrimSpace(m.Text)
	rec.Planned = nil
	rec.ConfirmStart = false
	t.change.Session = rec
	unit := cmd.Unit.String()
	load := coach.FormatLoad(cmd.Load) + " " + unit
	r := base
	r.Text = d.Text + "\nNothing is planned until you answer: yes plans " + load + " as written"
	r.Buttons = [][]Button{{{Label: "Yes, " + load, Data: "yes"}}}
	if d.Suggest > 0 {
		s := coach.FormatLoad(d.Suggest)
		r.Text += ", " + s + " plans " + s + " " + unit
		data := s + unit // "80kg": an answer while the question waits
		if text, ok := h.coach.WithLoad(rec.ConfirmLoad, pr.Unit, d.Suggest); ok && len(text) <= maxButtonData {
			data = text // the whole command: it plans even after the question is gone
		}
		r.Buttons[0] = append(r.Buttons[0], Button{Label: s + " " + unit, Data: data})
	}
	r.Text += "."
	t.replies = append(t.replies, r)
}

// askLoadAgain answers start while a load question waits: nothing is
// planned, so it asks again. A question about a log line has nothing to
// do with the plan start runs: it is dropped, and the plan starts.
func (h *Hub) askLoadAgain(t *turn, base Reply, m Message, pr prefs) {
	pending := t.record.ConfirmLoad
	cmd, err := h.coach.WithOwnNames(h.ownNames(m)).Parse(pending, pr.Unit)
	if err != nil || cmd.Kind != coach.KindPlan {
		// A log line, or a command that no longer parses (the catalog
		// changed): drop it.
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		h.start(t, base)
		return
	}
	m.Text = pending
	n := len(t.replies)
	h.plan(t, base, m, pr, cmd, false)
	if len(t.replies) > n && t.record.ConfirmLoad != "" {
		t.replies[n].Text = "Nothing to start yet.\n" + t.replies[n].Text
	}
}

// answerLoad handles the lifter's message while a load question waits,
// when it answers the question: yes, or a load alone. It reports whether
// it did; if not, the message is handled as usual.
func (h *Hub) answerLoad(t *turn, base Reply, m Message, pr prefs) bool {
	pending := t.record.ConfirmLoad
	words := strings.Fields(strings.ToLower(m.Text))
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	words[0] = strings.TrimPrefix(words[0], "/")
	if i := strings.IndexByte(words[0], '@'); i > 0 { // "/yes@SpotterBot"
		words[0] = words[0][:i]
	}
	cmd, err := h.coach.WithOwnNames(h.ownNames(m)).Parse(pending, pr.Unit)
	isLog := err == nil && cmd.Kind == coach.KindLog
	if len(words) == 1 && noWords[strings.TrimRight(words[0], "!.")] {
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		r := base
		r.Text = "Nothing planned. Send the plan again with the load you meant."
		if isLog {
			r.Text = "Nothing logged. Send the line again as you meant it."
		}
		t.replies = append(t.replies, r)
		return true
	}
	yes := yesWords[strings.TrimRight(words[0], "!.")]
	if yes {
		words = words[1:]
		if len(words) == 1 && strings.TrimRight(words[0], "!.") == "please" {
			words = nil
		}
	}
	if isLog {
		return h.answerLog(t, base, m, pr, cmd, words, yes)
	}
	if err != nil || cmd.Kind != coach.KindPlan {
		return false
	}
	if len(words) == 0 {
		if !yes {
			return false
		}
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		m.Text = pending
		h.plan(t, base, m, pr, cmd, true)
		return true
	}
	v, ok := loneLoad(words, cmd.Unit)
	if !ok {
		return false
	}
	text, ok := h.coach.WithLoad(pending, pr.Unit, v)
	if !ok {
		return false
	}
	cmd, err = h.coach.WithOwnNames(h.ownNames(m)).Parse(text, pr.Unit)
	if err != nil {
		return false
	}
	t.record.ConfirmLoad = ""
	t.change.Session = t.record
	m.Text = text
	h.plan(t, base, m, pr, cmd, false) // checked again: it may ask again
	return true
}

// askLog asks whether a log line whose sets look like a typo
// (coach.LogDoubt) is meant as written, instead of storing it. The line
// waits in the lifter's session record like a plan's load question, and
// the plan they may start is kept: a log line does not replace it.
func (h *Hub) askLog(t *turn, base Reply, m Message, q coach.LogQuestion) {
	rec := t.record
	rec.ConfirmLoad = strings.TrimSpace(m.Text)
	t.change.Session = rec
	r := base
	r.Text = q.Text + "\nNothing is logged until you answer: yes logs " + q.As + " as written"
	r.Buttons = [][]Button{{{Label: "Yes, " + q.As, Data: "yes"}}}
	if q.Other != "" {
		r.Text += ", " + q.Other + " logs " + q.OtherAs
		data := q.Other // the whole line: it logs even after the question is gone
		if len(data) > maxButtonData {
			data = swapWord // too long for a button: an answer while the question waits
		}
		r.Buttons[0] = append(r.Buttons[0], Button{Label: q.OtherAs, Data: data})
	}
	r.Text += ", no logs nothing."
	t.replies = append(t.replies, r)
}

// swapWord answers a log question with the line read the other way
// round, when that line is too long for a button's data.
const swapWord = "swap"

// answerLog answers a question about a log line (askLog), pending as
// parsed: yes logs it as written, once; swap logs it read the other way
// round, checked again. Anything else is not an answer, and is handled
// as usual (a line read the other way round, as the other button sends
// it, is a new log line).
func (h *Hub) answerLog(t *turn, base Reply, m Message, pr prefs, pending coach.Command, words []string, yes bool) bool {
	switch {
	case yes && len(words) == 0:
		m.Text = t.record.ConfirmLoad
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		h.logLine(t, base, m, pr, pending, true)
		return true
	case !yes && len(words) == 1 && words[0] == swapWord && pending.Log.Swap != "":
		other, err := h.coach.WithOwnNames(h.ownNames(m)).Parse(pending.Log.Swap, pr.Unit)
		if err != nil || other.Kind != coach.KindLog {
			return false
		}
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		m.Text = pending.Log.Swap
		h.logLine(t, base, m, pr, other, false)
		return true
	}
	return false
}

// loneLoad reads a load written alone: "80", "80kg", "80 kg", "67,5".
// A unit, if written, must be u.
func loneLoad(words []string, u coach.Unit) (float64, bool) {
	w := words[0]
	j := 0
	for j < len(w) && (w[j] >= '0' && w[j] <= '9' || w[j] == '.' || w[j] == ',') {
		j++
	}
	num, unit := w[:j], w[j:]
	if len(words) == 2 && unit == "" {
		unit = words[1]
	} else if len(words) > 1 {
		return 0, false
	}
	if unit != "" {
		if got, ok := coach.ParseUnit(unit); !ok || got != u {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
	if err != nil || v <= 0 || v > coach.Convert(coach.MaxLoad, coach.KG, u) {
		return 0, false
	}
	return v, true
}

// confirmedNote is the note on a plan whose load the lifter confirmed.
func confirmedNote(cmd coach.Command) string {
	return fmt.Sprintf("You confirmed the load: %s %s.", coach.FormatLoad(cmd.Load), cmd.Unit)
}
