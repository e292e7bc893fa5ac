package coach

import (
	"fmt"
	"math"
	"strings"
)

// Drop-set rules (articles 000 and 001).
const (
	dropPercentLo = 5
	dropPercentHi = 50
	dropStartReps = "8-12"
	dropReps      = "~8"
)

func (c *Coach) planDrop(cmd Command, o Options) (*Plan, error) {
	if !cmd.LoadSet {
		return nil, needLoad(DropSet, "a start load, the weight you fail with at 8-12 reps")
	}
	e, u := cmd.Equipment, cmd.Unit
	p := &Plan{Technique: DropSet, Exercise: cmd.Exercise, Equipment: e, Unit: u}
	targets := make([]float64, o.Drops+1)
	for i := range targets {
		targets[i] = cmd.Load * math.Pow(1-o.Percent/100, float64(i))
	}
	var loads []float64
	var strip StripSet
	stripped := false
	if e.Plated() {
		strip, stripped = c.gym.PlanStrip(e, u, targets)
		// A strip order must start at the load asked for, as rounded.
		if start, ok := c.gym.Round(e, u, cmd.Load); stripped && (!ok || strip.Loads[0] != start) {
			stripped = false
		}
		if stripped {
			loads = strip.Loads
		}
	}
	if !stripped {
		var note string
		var err error
		loads, note, err = c.descending(e, u, targets)
		if err != nil {
			return nil, err
		}
		p.Notes = appendNote(p.Notes, note)
		if e.Plated() {
			small := c.gym.SmallestPlate(u)
			p.Notes = append(p.Notes, fmt.Sprintf("No strip order keeps every drop within one %s %s plate a side of its target, so reload the bar between drops as shown.", FormatLoad(small), u))
		}
	}
	if len(loads) < 2 {
		return nil, userErr("drop 80kg bench", "%s %s is already the lightest %s load here: nothing to drop to.", FormatLoad(loads[0]), u, e)
	}
	p.Notes = appendNote(p.Notes, roundingNote(cmd.Load, loads[0], u, e))
	for i, load := range loads {
		s := Step{Load: load, Kind: StepDrop, Reps: dropReps, RepsLo: 8, RepsHi: 8,
			Label: fmt.Sprintf("Drop %d", i)}
		if i == 0 {
			s.Kind, s.Label, s.Reps, s.RepsLo, s.RepsHi = StepFailure, "Top set", dropStartReps, 8, 12
		}
		if stripped {
			s.Plates = strip.PerSide[i]
			if i > 0 {
				s.Off = strip.Off[i]
			}
		} else {
			s.Plates = c.platesFor(e, u, load)
		}
		p.Steps = append(p.Steps, s)
	}
	p.Why = fmt.Sprintf("Each set to failure, then about %s off and straight on: no rest between drops.", formatPercent(o.Percent))
	if o.Percent < dropPercentLo || o.Percent > dropPercentHi {
		p.Notes = append(p.Notes, outsideRange("A drop of "+formatPercent(o.Percent), "5-50 %", "drop-set"))
	}
	switch {
	case e == Dumbbell:
		var b strings.Builder
		for i, l := range loads {
			if i > 0 {
				b.WriteString(", ")
			}
			b.Write(AppendLoad(nil, l))
		}
		p.Notes = append(p.Notes, "Line the dumbbells up before you start: "+b.String()+" "+u.String()+".")
	case e.Plated() && cmd.Exercise.Compound:
		p.Notes = append(p.Notes, "Drop sets suit machines and isolation work best; on a heavy barbell lift have a spotter and the small plates ready.")
	case e.Plated():
		p.Notes = append(p.Notes, "Have the small plates ready, or a partner to strip them.")
	}
	p.Notes = append(p.Notes, "For size, not for strength or speed work; once or twice per muscle group a week.")
	return p, nil
}
