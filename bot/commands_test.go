package bot

import (
	"regexp"
	"testing"

	"github.com/spotter-coach/spotter/coach"
)

// Every command spec is a command the hub understands, within the
// platforms' limits, and its Text parses.
func TestCommandSpecsParse(t *testing.T) {
	c, _ := coach.New(coach.Config{})
	name := regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	samples := map[string]map[string]string{
		"drop":     {"load": "80kg", "exercise": "bench", "options": "2 drops"},
		"rp":       {"load": "100kg", "exercise": "squat"},
		"backoff":  {"load": "90kg", "exercise": "bench", "reps": "2"},
		"japanese": {"form": "ladder", "load": "100kg", "exercise": "bench", "reps": "5", "fiber": "fast"},
		"ramp":     {"load": "100kg", "exercise": "squat"},
		"log":      {"exercise": "bench", "sets": "100x5x5"},
		"1rm":      {"exercise": "bench"},
		"chart":    {"exercise": "bench"},
		"settings": {"setting": "units", "value": "lb"},
		"forget":   {"who": "me"},
		"import":   {"file": "ignored"},
	}
	for _, spec := range Commands() {
		if !name.MatchString(spec.Name) || len(spec.Description) == 0 || len(spec.Description) > 100 {
			t.Errorf("%q: bad name or description", spec.Name)
		}
		for _, a := range spec.Args {
			if !name.MatchString(a.Name) || len(a.Description) > 100 {
				t.Errorf("%s %s: bad argument", spec.Name, a.Name)
			}
		}
		text := spec.Text(samples[spec.Name])
		if _, err := c.Parse(text, coach.KG); err != nil {
			t.Errorf("/%s -> %q does not parse: %v", spec.Name, text, err)
		}
	}
}
