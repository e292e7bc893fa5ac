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
// planned, so it asks again.
func (h *Hub) askLoadAgain(t *turn, base Reply, m Message, pr prefs) {
	pending := t.record.ConfirmLoad
	cmd, err := h.coach.Parse(pending, pr.Unit)
	if err != nil || cmd.Kind != coach.KindPlan {
		// The command no longer parses (the catalog changed): drop it.
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
	if len(words) == 1 && noWords[strings.TrimRight(words[0], "!.")] {
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		r := base
		r.Text = "Nothing planned. Send the plan again with the load you meant."
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
	cmd, err := h.coach.Parse(pending, pr.Unit)
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
	cmd, err = h.coach.Parse(text, pr.Unit)
	if err != nil {
		return false
	}
	t.record.ConfirmLoad = ""
	t.change.Session = t.record
	m.Text = text
	h.plan(t, base, m, pr, cmd, false) // checked again: it may ask again
	return true
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
