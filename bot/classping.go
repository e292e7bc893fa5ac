package bot

import (
	"slices"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// The GO of a class round is one timer per member, due together, which
// the outbox merges into one message mentioning each (merge.go). Its
// buttons are bound to the round's step, not to a member's session: a
// press reports the presser's own set (class.go), so they may sit under
// several members' lines, where a session's buttons may not.

// roundPingButtons are the buttons of a fired timer's ping: a class
// round's step buttons, shared, for a round member's timer; buttons as
// they are, not shared, for any other.
func roundPingButtons(t *record.Timer, buttons [][]Button) ([][]Button, bool) {
	bind, ok := roundTimerBind(t.ID)
	if !ok {
		return buttons, false
	}
	if t.Step == nil {
		return nil, true
	}
	return roundButtons(&coach.Step{Kind: t.Step.Kind, RepsLo: t.Step.RepsLo, RepsHi: t.Step.RepsHi}, bind), true
}

// sharedButtons are the buttons a message of several lifters' lines
// keeps: those of its pings when every line is a shared ping (a class
// round's GO) and all carry the same buttons; nil otherwise.
func sharedButtons(lines []Ping) [][]Button {
	if len(lines) == 0 {
		return nil
	}
	first := lines[0].Buttons
	for _, p := range lines {
		if !p.Shared || !slices.EqualFunc(p.Buttons, first, func(a, b []Button) bool { return slices.Equal(a, b) }) {
			return nil
		}
	}
	return first
}
