package coach

import (
	"fmt"
	"time"
)

// Rest-pause rules (article 001).
const (
	restPauseRestLo = 10 * time.Second
	restPauseRestHi = 20 * time.Second
	restPauseMiniLo = 2
	restPauseMiniHi = 3
)

func (c *Coach) planRestPause(cmd Command, o Options) (*Plan, error) {
	if !cmd.LoadSet {
		return nil, needLoad(RestPause, "a load, the weight you take to failure")
	}
	e, u := cmd.Equipment, cmd.Unit
	load, note, err := c.startLoad(e, u, cmd.Load)
	if err != nil {
		return nil, err
	}
	p := &Plan{Technique: RestPause, Exercise: cmd.Exercise, Equipment: e, Unit: u}
	p.Notes = appendNote(p.Notes, note)
	plates := c.platesFor(e, u, load)
	p.Steps = append(p.Steps, Step{Kind: StepFailure, Label: "Set", Load: load, Reps: "to failure", Rest: o.Rest, Plates: plates})
	for i := 1; i <= o.MiniSets; i++ {
		s := Step{Kind: StepMini, Label: fmt.Sprintf("Mini-set %d", i), Load: load, Reps: "AMRAP", Rest: o.Rest, Plates: plates}
		if i == o.MiniSets {
			s.Rest = 0
		}
		p.Steps = append(p.Steps, s)
	}
	p.Why = fmt.Sprintf("To failure, rest %s, then a mini-set with the same weight, %s.", FormatRest(o.Rest), Plural(o.MiniSets, "time"))
	p.Notes = c.checkRest(p.Notes, o.Rest, restPauseRestLo, restPauseRestHi, "rest-pause")
	if o.MiniSets < restPauseMiniLo || o.MiniSets > restPauseMiniHi {
		p.Notes = append(p.Notes, outsideRange(Plural(o.MiniSets, "mini-set"), "2-3", "rest-pause"))
	}
	if !cmd.Exercise.Compound {
		p.Notes = append(p.Notes, "Rest-pause suits compound lifts best (bench press, squat, shoulder press); on isolation work a drop set fits better.")
	}
	p.Notes = append(p.Notes, "For intermediate to advanced lifters with solid form; once or twice per muscle group a week.")
	return p, nil
}
