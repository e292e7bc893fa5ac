package bot

import (
	"strconv"

	"github.com/spotter-coach/spotter/coach"
)

// fitDrops sets a drop set's percentage fitted to the lifter's own drops
// on the exercise (coach.FitDrops) and returns the note that says so; ""
// when nothing was fitted. A percentage typed in the command, or set by
// the preset it names, always wins; so does settings drops fixed, which
// keeps the configured percentage. The plan keeps its own range checks:
// the fitted percentage is planned like a typed one.
func (h *Hub) fitDrops(r Reply, m Message, p prefs, cmd *coach.Command) string {
	if cmd.Technique != coach.DropSet || cmd.Exercise == nil || cmd.Options.Percent != 0 || p.DropsFixed {
		return ""
	}
	if cmd.Preset != "" {
		for _, pr := range h.coach.Presets() {
			if pr.Name == cmd.Preset && pr.Options.Percent != 0 {
				return ""
			}
		}
	}
	name := cmd.Exercise.Name
	fit, ok := coach.FitDrops(h.exerciseHistory(m, name), name, h.coach.Defaults().Formula, h.now())
	if !ok {
		return ""
	}
	cmd.Options.Percent = fit.Percent
	return fit.Note(name) + " Say " + r.say("settings drops fixed") + " to keep " +
		strconv.FormatFloat(h.coach.Defaults().Drop.Percent, 'f', -1, 64) + " %."
}
