package coach

import (
	"fmt"
	"math"
	"time"
)

// Japanese drop-set rules (article 002).
const (
	japaneseMaxWorkReps = 8  // more reps in the working sets: unnecessary
	japaneseTotalReps   = 25 // the ladder ends at 25 total reps
	japaneseRestHi      = 45 * time.Second
	japaneseMaxSteps    = 10
	// A ladder drops 5-15 % a step (article 002).
	japaneseDropLo = 5
	japaneseDropHi = 15
)

// japaneseBand is one row of the article's table.
type japaneseBand struct {
	lo, hi float64 // Japanese set at lo-hi of 1RM
	reps   string  // aim for at least
	repsLo int
	repsHi int
}

var (
	// Working sets at 90-100 % (1-4 RM): 60-70 %, at least 10-15 reps.
	japaneseHeavy = japaneseBand{0.60, 0.70, "10-15", 10, 15}
	// Working sets at 80-90 % (5-8 RM): 50-60 %, at least 15-20 reps.
	japaneseModerate = japaneseBand{0.50, 0.60, "15-20", 15, 20}
)

func (c *Coach) planJapanese(cmd Command, o Options) (*Plan, error) {
	if !cmd.LoadSet || cmd.Reps == 0 {
		ex := "japanese 100kg bench x5"
		if o.Ladder {
			ex = "japanese ladder 100kg bench x5 fast"
		}
		return nil, userErr(ex, "A Japanese drop set needs your working sets: their load and reps.")
	}
	e, u := cmd.Equipment, cmd.Unit
	p := &Plan{Technique: Japanese, Exercise: cmd.Exercise, Equipment: e, Unit: u}
	if cmd.Reps > japaneseMaxWorkReps {
		p.Why = fmt.Sprintf("Working sets of %d reps already do what a Japanese drop set is for: it is unnecessary, so nothing is planned.", cmd.Reps)
		p.Notes = append(p.Notes, "The Japanese set follows heavy work of 8 reps or fewer, such as 4-5 sets of 4-6.")
		return p, nil
	}
	if o.Ladder {
		return c.planLadder(cmd, o, p)
	}
	f := c.defaults.Formula
	p.OneRM = f.OneRM(cmd.Load, cmd.Reps)
	p.OneRMFrom = fmt.Sprintf("%s from %s %s x %d", f, FormatLoad(cmd.Load), u, cmd.Reps)
	band, rm := japaneseModerate, "80-90 % (5-8 RM)"
	if cmd.Reps <= 4 {
		band, rm = japaneseHeavy, "90-100 % (1-4 RM)"
	}
	rng := pctRange{band.lo * 100, (band.lo + band.hi) * 50, band.hi * 100}
	load, note, err := c.ofOneRM(e, u, p.OneRM, rng, "The Japanese set")
	if err != nil {
		return nil, err
	}
	p.Notes = appendNote(p.Notes, note)
	p.Steps = []Step{{Kind: StepAMRAP, Label: "Japanese set", Load: load, Reps: band.reps + "+",
		RepsLo: band.repsLo, RepsHi: band.repsHi, Plates: c.platesFor(e, u, load)}}
	p.Why = fmt.Sprintf("After 4-5 working sets of %d at %s %s, i.e. %s: one set at %s of 1RM (%s %s), at least %s reps; 1RM %s (%s).",
		cmd.Reps, FormatLoad(cmd.Load), u, rm, rng, loadSpan(p.OneRM*band.lo, p.OneRM*band.hi), u, band.reps,
		FormatE1RM(p.OneRM, u), p.OneRMFrom)
	p.Notes = append(p.Notes,
		fmt.Sprintf("At 40-50 %% of 1RM (%s %s) expect 20-25 reps; exactly 25 is not required.", loadSpan(p.OneRM*0.40, p.OneRM*0.50), u),
		fmt.Sprintf("Rule of thumb: drop the weight 50-60 %% and aim for %d-%d reps, 10-12 more than your working sets.", cmd.Reps+10, cmd.Reps+12))
	return p, nil
}

// planLadder plans the "intent to cripple" ladder: AMRAP at the working
// weight, then drops of 5-15 % by fibre type, until 25 total reps. The plan
// projects each AMRAP at about the working sets' reps; a guided session
// adapts each drop to the reps actually done.
func (c *Coach) planLadder(cmd Command, o Options, p *Plan) (*Plan, error) {
	e, u := cmd.Equipment, cmd.Unit
	drop := o.Fiber.LadderDrop()
	if o.Percent != 0 {
		drop = o.Percent
	}
	steps := int(math.Ceil(float64(japaneseTotalReps) / float64(cmd.Reps)))
	capped := steps > japaneseMaxSteps
	steps = min(steps, japaneseMaxSteps)
	start, note, err := c.startLoad(e, u, cmd.Load)
	if err != nil {
		return nil, err
	}
	p.Notes = appendNote(p.Notes, note)
	rng := pctRange{japaneseDropLo, drop, japaneseDropHi}
	if drop < japaneseDropLo || drop > japaneseDropHi {
		rng = pctRange{max(drop*0.75, 0.5), drop, min(drop*1.25, 95)}
	}
	loads, notes := c.ladderDrops(e, u, start, steps-1, rng, "drop")
	p.Notes = append(p.Notes, notes...)
	for i, load := range loads {
		s := Step{Kind: StepAMRAP, Label: fmt.Sprintf("Drop %d", i), Load: load,
			Reps: fmt.Sprintf("AMRAP (~%d)", cmd.Reps), Rest: o.Rest, Plates: c.platesFor(e, u, load)}
		if i == 0 {
			s.Label = "Top set"
		}
		if i == len(loads)-1 {
			s.Rest = 0
		}
		p.Steps = append(p.Steps, s)
	}
	p.Ladder = &LadderSpec{Fiber: o.Fiber, TotalReps: japaneseTotalReps}
	lo, hi := o.Fiber.LadderRange()
	p.Why = fmt.Sprintf("AMRAP at your working weight, drop %s (%s fibre), AMRAP again, until %d total reps; rest as little as you can.",
		formatPercent(drop), o.Fiber, japaneseTotalReps)
	if drop < japaneseDropLo || drop > japaneseDropHi {
		p.Notes = append(p.Notes, outsideRange("A drop of "+formatPercent(drop), "5-15 %", "Japanese drop-set"))
	}
	if o.Rest > japaneseRestHi {
		p.Notes = append(p.Notes, outsideRange("A rest of "+FormatRest(o.Rest), "up to 45 s", "Japanese drop-set"))
	}
	p.Notes = append(p.Notes, fmt.Sprintf("Started with \"start\", each drop follows your reps: under 6 reps -%.0f %%, over 10 -%.0f %%, else -%.1f %%; it ends at %d reps.",
		hi, lo, (lo+hi)/2, japaneseTotalReps))
	if capped {
		p.Notes = append(p.Notes, fmt.Sprintf("Shown: the first %d drops.", japaneseMaxSteps))
	}
	return p, nil
}
