package config

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// options checks a technique table (or a preset) against the coach's
// bounds and converts it; key is the table's key path, for the Errors.
func (tt techniqueTable) options(t coach.Technique, key string, fail failFunc) (coach.Options, error) {
	var o coach.Options
	allowed := t.OptionKeys()
	for _, c := range []struct {
		name string
		set  bool
	}{
		{"percent", tt.Percent != nil}, {"drops", tt.Drops != nil}, {"rest", tt.Rest != nil},
		{"mini_sets", tt.MiniSets != nil}, {"fiber", tt.Fiber != nil}, {"ladder", tt.Ladder != nil},
		{"work_rest", tt.WorkRest != nil},
	} {
		if c.set && !slices.Contains(allowed, c.name) {
			return o, fail(key+"."+c.name, "a %s has no %s (its keys: %s)", t, c.name, strings.Join(allowed, ", "))
		}
	}
	if tt.Percent != nil {
		if p := *tt.Percent; !(p > 0 && p < coach.MaxPercent) {
			return o, fail(key+".percent", "%v: a drop is more than 0 and less than %d %%", p, coach.MaxPercent)
		}
		o.Percent = *tt.Percent
	}
	if tt.Drops != nil {
		if n := *tt.Drops; n < coach.MinDrops || n > coach.MaxDrops {
			return o, fail(key+".drops", "%d: drops are %d to %d", n, coach.MinDrops, coach.MaxDrops)
		}
		o.Drops = *tt.Drops
	}
	if tt.MiniSets != nil {
		if n := *tt.MiniSets; n < coach.MinMiniSets || n > coach.MaxMiniSets {
			return o, fail(key+".mini_sets", "%d: mini-sets are %d to %d", n, coach.MinMiniSets, coach.MaxMiniSets)
		}
		o.MiniSets = *tt.MiniSets
	}
	if tt.Rest != nil {
		d, err := parseRest(*tt.Rest)
		if err != nil {
			return o, fail(key+".rest", "%v", err)
		}
		o.Rest = d
	}
	if tt.WorkRest != nil {
		d, err := parseRest(*tt.WorkRest)
		if err != nil {
			return o, fail(key+".work_rest", "%v", err)
		}
		o.WorkRest = d
	}
	if tt.Fiber != nil {
		f, ok := coach.ParseFiber(*tt.Fiber)
		if !ok {
			return o, fail(key+".fiber", "%q is not slow, mixed or fast", *tt.Fiber)
		}
		o.Fiber, o.FiberSet = f, true
	}
	if tt.Ladder != nil {
		o.Ladder = *tt.Ladder
	}
	return o, nil
}

// parseRest reads a duration string such as "15s" or "1m30s", within the
// coach's bounds on a rest.
func parseRest(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as \"15s\" or \"1m30s\"", s)
	}
	if d < coach.MinRest || d > coach.MaxRest {
		return 0, fmt.Errorf("%s: a rest is %s to %s", s, coach.MinRest, coach.MaxRest)
	}
	return d, nil
}
