package bot

import (
	"fmt"
	"strings"

	"github.com/spotter-coach/spotter/chart"
	"github.com/spotter-coach/spotter/coach"
)

// chartCommand answers chart EXERCISE with a PNG of the estimated 1RM and
// top load per day. Drawing a year of history takes tens of
// milliseconds, so a worker reads the history and draws (slowwork.go);
// the hub only checks the exercise.
func (h *Hub) chartCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	name, _, ok := h.exerciseArg(t, base, cmd)
	if !ok {
		return
	}
	if name == "" {
		t.fail(base, "Which exercise? Try: chart bench")
		return
	}
	f := h.coach.Defaults().Formula
	t.slow = func(t *turn) {
		r := base
		png, err := chart.Progress(h.exerciseHistory(m, name), name, p.Unit, f, p.loc)
		if err != nil {
			r.Text = "No sets of " + name + " to chart yet. Log one: log " + name + " 100x5"
		} else {
			r.Text = fmt.Sprintf("%s: estimated 1RM (%s) and top load per day, %s.", name, f, p.Unit)
			r.Image = &File{Name: "chart-" + strings.ReplaceAll(name, " ", "-") + ".png", MIME: "image/png", Data: png}
		}
		t.replies = append(t.replies, r)
	}
}
