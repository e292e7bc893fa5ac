package coach

import (
	"fmt"
	"math"
	"strings"
)

// Drop-set rules (articles 000 and 001). The articles give "about 15 %"
// per drop (000) and drop 100 lb to 80 lb, 20 %, in an example (001); they
// give no wider range. A drop under 10 % or over 25 % is far from both and
// the reply says so (COACHING.md section 1).
const (
	dropPercentLo = 10
	dropPercentHi = 25
	dropStartReps = "8-12"
	dropReps      = "~8"
)

// dropRange is the range a drop set's drops are kept in: 10-25 % around a
// default inside what the articles describe, else a band around the
// preset's own figure (the reply then says it is outside the articles).
func dropRange(pct float64) pctRange {
	if pct >= dropPercentLo && pct <= dropPercentHi {
		return pctRange{dropPercentLo, pct, dropPercentHi}
	}
	return pctRange{max(pct*0.75, 0.5), pct, min(pct*1.25, 95)}
}

func (c *Coach) planDrop(cmd Command, o Options) (*Plan, error) {
	if !cmd.LoadSet {
		return nil, needLoad(DropSet, "a start load, the weight you fail with at 8-12 reps")
	}
	e, u := cmd.Equipment, cmd.Unit
	p := &Plan{Technique: DropSet, Exercise: cmd.Exercise, Equipment: e, Unit: u}
	start, note, err := c.startLoad(e, u, cmd.Load)
	if err != nil {
		return nil, err
	}
	p.Notes = appendNote(p.Notes, note)
	rng := dropRange(o.Percent)
	var loads []float64
	var strip StripSet
	stripped := false
	if e.Plated() {
		// Each drop about o.Percent off the load really planned before it.
		targets := make([]float64, o.Drops+1)
		for i := range targets {
			targets[i] = start * math.Pow(1-o.Percent/100, float64(i))
		}
		strip, stripped = c.gym.PlanStrip(e, u, targets)
		if stripped && strip.Loads[0] != start {
			stripped = false
		}
		if stripped {
			loads = strip.Loads
		}
	}
	if !stripped {
		var notes []string
		loads, notes = c.ladderDrops(e, u, start, o.Drops, rng, "drop")
		p.Notes = append(p.Notes, notes...)
		if e.Plated() && len(loads) > 1 {
			p.Notes = append(p.Notes, fmt.Sprintf("No strip order from %s %s keeps every load within %d %% of its target (or one %s %s plate a side) and every drop %s, so reload between drops as shown.",
				FormatLoad(start), u, stripSharePct, FormatLoad(c.gym.SmallestPlate(u)), u, rng))
		}
	}
	if len(loads) < 2 {
		return nil, userErr("drop 80kg bench", "%s %s is already the lightest %s load here: nothing to drop to.", FormatLoad(loads[0]), u, e)
	}
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
		p.Notes = append(p.Notes, "A drop of "+formatPercent(o.Percent)+
			" is outside what the drop-set articles describe: about 15 % a drop (20 % in one example).")
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
	case e.Sled():
		p.Notes = append(p.Notes, "Have the plates for each drop stacked by the "+e.String()+", or a partner to take them off.")
	case e.Plated() && cmd.Exercise.Compound:
		p.Notes = append(p.Notes, "Drop sets suit machines and isolation work best; on a heavy barbell lift have a spotter and the small plates ready.")
	case e.Plated():
		p.Notes = append(p.Notes, "Have the small plates ready, or a partner to strip them.")
	}
	p.Notes = append(p.Notes, "For intermediate to advanced lifters after size, not strength: use drop sets occasionally, at the end of the workout, once or twice per muscle group a week.")
	return p, nil
}
