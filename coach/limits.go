package coach

import (
	"slices"
	"time"
)

// The bounds of what a plan may ask for. The parser holds a lifter's
// command to them and the configuration holds the admin's technique tables
// and presets to them, so that a preset can never set what a command could
// not.
const (
	// MinDrops and MaxDrops bound the number of drops of a drop set.
	MinDrops = 1
	MaxDrops = maxDrops

	// MinMiniSets and MaxMiniSets bound the mini-sets of a rest-pause set.
	MinMiniSets = 1
	MaxMiniSets = maxMiniSets

	// MinRest is the shortest rest a plan may ask for (MaxRest the longest).
	MinRest = time.Second

	// MaxPercent bounds a drop: more than 0 and less than MaxPercent per
	// cent of the load, since a drop of all of it leaves nothing to lift.
	MaxPercent = 100
)

// OptionKeys are the options a technique takes, by their keys in the
// configuration file: a technique's table and its presets may set these
// and no others (drops belong to drop sets, mini-sets to rest-pause, and
// so on, as the parser holds a command to).
func (t Technique) OptionKeys() []string {
	switch t {
	case DropSet:
		return []string{"percent", "drops"}
	case RestPause:
		return []string{"rest", "mini_sets"}
	case BackOff:
		return []string{"rest", "work_rest"}
	case Japanese:
		return []string{"rest", "fiber", "ladder", "percent"}
	case Ramp:
		return []string{"rest", "percent"}
	}
	return nil
}

// AllTechniques is every technique, in the order of the constants.
func AllTechniques() []Technique {
	var ts []Technique
	for t, key := range techniqueKeys {
		if key != "" {
			ts = append(ts, Technique(t))
		}
	}
	return ts
}

// AllMuscles is every muscle group an exercise can train, in the order of
// the constants.
func AllMuscles() []Muscle {
	return slices.Clone(catMuscles[:])
}
