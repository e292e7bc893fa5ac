package bot

import (
	"testing"

	"github.com/spotter-coach/spotter/coach"
)

// Every verb of coach's table reaches the hub through the handler table:
// its example parses to the verb's route, the route has a handler, and
// every handler answers some verb. The answers of the verbs the table
// marks private are private.
func TestEveryVerbHasAHandler(t *testing.T) {
	// A coach with the preset the preset verb's example names.
	c, err := coach.New(coach.Config{Presets: []coach.Preset{{Name: "quickrp", Technique: coach.RestPause}}})
	if err != nil {
		t.Fatal(err)
	}
	reached := map[route]bool{}
	for _, v := range coach.Verbs() {
		want := verbRoute(v)
		reached[want] = true
		cmd, err := c.Parse(v.Example, coach.KG)
		if err != nil {
			t.Errorf("%s: its example %q does not parse: %v", v.Words[0], v.Example, err)
			continue
		}
		if got := routeOf(cmd); got != want {
			t.Errorf("%s: %q parses to %+v, want %+v", v.Words[0], v.Example, got, want)
		}
		if _, ok := handlers[want]; !ok {
			t.Errorf("%s: no handler for %+v", v.Words[0], want)
		}
		if isPrivate := v.Menu != nil && v.Menu.Private; private[want] != isPrivate {
			t.Errorf("%s: private %v, want %v", v.Words[0], private[want], isPrivate)
		}
	}
	for rt := range handlers {
		if !reached[rt] {
			t.Errorf("the handler for %+v answers no verb of coach's table", rt)
		}
	}
}
