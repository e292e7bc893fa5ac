package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spotter-coach/spotter/chart"
	"github.com/spotter-coach/spotter/coach"
)

// chartCommand answers chart EXERCISE with a PNG of the estimated 1RM and
// top load per day, and chart week [N] with one of the volume per muscle
// group of the last N ISO weeks. Drawing a year of history takes tens of
// milliseconds, so a worker reads the history and draws (slowwork.go);
// the hub only checks the arguments.
func (h *Hub) chartCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	if len(cmd.Args) > 0 && (cmd.Args[0] == "week" || cmd.Args[0] == "weeks") {
		h.weekChart(t, base, m, p, cmd.Args[1:])
		return
	}
	name, _, ok := h.exerciseArg(t, base, cmd)
	if !ok {
		return
	}
	if name == "" {
		t.fail(base, "Which exercise? Try: chart bench (or chart week for your weekly volume)")
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

// weekChart answers chart week [N]: stacked bars of the volume per muscle
// group of each of the last N ISO weeks (chart.DefaultWeeks when no N),
// in the lifter's unit and zone.
func (h *Hub) weekChart(t *turn, base Reply, m Message, p prefs, args []string) {
	weeks := chart.DefaultWeeks
	if len(args) > 0 {
		n, err := strconv.Atoi(args[0])
		if err != nil || len(args) > 1 {
			t.fail(base, "chart week takes a number of weeks. Try: chart week 12")
			return
		}
		if n < 1 || n > chart.MaxWeeks {
			t.fail(base, fmt.Sprintf("chart week charts 1 to %d weeks. Try: chart week 12", chart.MaxWeeks))
			return
		}
		weeks = n
	}
	now := h.now()
	cat := h.coach.Catalog()
	muscles := func(exercise string) []coach.Muscle {
		if e, ok := cat.Lookup(exercise); ok {
			return e.Muscles
		}
		return nil
	}
	t.slow = func(t *turn) {
		sets, err := h.store.SetsSince(m.Platform, m.UserID, chart.VolumeFrom(now, p.loc, weeks))
		if err != nil {
			h.log.Error("week chart", "platform", m.Platform, "err", err)
			t.fail(base, genericError)
			return
		}
		span := "this week"
		if weeks > 1 {
			span = fmt.Sprintf("the last %d weeks", weeks)
		}
		r := base
		png, err := chart.WeeklyVolume(lifts(sets), muscles, p.Unit, p.loc, now, weeks)
		if err != nil {
			r.Text = "No sets with a load in " + span + " to chart yet. Log one: log bench 100x5"
		} else {
			r.Text = fmt.Sprintf("Weekly volume per muscle group, %s, %s: load × reps of every set but warm-ups, each set shared equally among its exercise's muscle groups.", span, p.Unit)
			r.Image = &File{Name: fmt.Sprintf("chart-week-%d.png", weeks), MIME: "image/png", Data: png}
		}
		t.replies = append(t.replies, r)
	}
}
