package coach

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Back-off rules (article 003, Goto et al. 2004).
const (
	backOffRestLo = 30 * time.Second
	backOffRestHi = 90 * time.Second
)

// backOffTemplate is one of the article's two worked examples: the bench
// press for compound lifts, the curl for isolation work.
type backOffTemplate struct {
	warmups    []pctRange // %1RM per warm-up set: the article's range, aiming at its ends in turn
	warmupReps string
	warmLo     int
	warmHi     int
	sets       int
	work       pctRange // %1RM for the working sets
	workReps   string
	workLo     int
	workHi     int
	why        string
}

// backOffSet is the back-off set itself: 50 % of 1RM (article 003). The
// article gives one figure; within 45-55 % the plan says nothing more.
var backOffSet = pctRange{45, 50, 55}

// heavyPercent is where a set counts as heavy (COACHING.md section 6): a
// 1RM estimated from more than WeakEstimateReps reps never sets such a
// load on its own.
const heavyPercent = 80

var (
	// Bench example: warm-up 2 x 4 @ 50-60 %, 5 x 1-2 @ 80-90 %, AMRAP @ 50 %.
	compoundBackOff = backOffTemplate{
		warmups: []pctRange{{50, 50, 60}, {50, 60, 60}}, warmupReps: "4", warmLo: 4, warmHi: 4,
		sets: 5, work: pctRange{80, 85, 90}, workReps: "1-2", workLo: 1, workHi: 2,
		why: "Warm-up 2 x 4 @ 50-60 %, 5 x 1-2 @ 80-90 %, then one set to exhaustion @ 50 % of 1RM",
	}
	// Curl example: warm-up 1-2 x 6-8 @ 40-50 %, 4 x 6 @ 60-70 %, back-off @ 50 %.
	isolationBackOff = backOffTemplate{
		warmups: []pctRange{{40, 40, 50}, {40, 50, 50}}, warmupReps: "6-8", warmLo: 6, warmHi: 8,
		sets: 4, work: pctRange{60, 65, 70}, workReps: "6", workLo: 6, workHi: 6,
		why: "Warm-up 1-2 x 6-8 @ 40-50 %, 4 x 6 @ 60-70 %, then one set to exhaustion @ 50 % of 1RM",
	}
)

func (c *Coach) planBackOff(cmd Command, o Options) (*Plan, error) {
	if cmd.Exercise.Family == "deadlift" {
		return nil, userErr("backoff bench 90kg x2",
			"Back-off sets are not advised on deadlifts (Goto article); they suit bench, squat, rows and overhead press.")
	}
	if !cmd.LoadSet {
		return nil, needLoad(BackOff, "your estimated 1RM (backoff 100kg bench) or a top set (backoff bench 90kg x2)")
	}
	e, u := cmd.Equipment, cmd.Unit
	p := &Plan{Technique: BackOff, Exercise: cmd.Exercise, Equipment: e, Unit: u}
	f := c.defaults.Formula
	p.OneRM = cmd.Load
	p.OneRMFrom = "your estimated 1RM"
	tpl := compoundBackOff
	if !cmd.Exercise.Compound {
		tpl = isolationBackOff
	}
	if cmd.Reps > 0 {
		p.OneRM = f.OneRM(cmd.Load, cmd.Reps)
		p.OneRMFrom = fmt.Sprintf("%s from %s %s x %d", f, FormatLoad(cmd.Load), u, cmd.Reps)
		if cmd.Reps > WeakEstimateReps && tpl.work.hi >= heavyPercent {
			return nil, userErr(fmt.Sprintf("backoff %s %s%s x5", cmd.Exercise.Name, FormatLoad(RoundStep(cmd.Load*1.2, u)), u),
				"A 1RM estimated from %d reps is too weak to plan heavy sets (%s of 1RM) from: give a top set of %d reps or fewer, or your known 1RM (backoff 100%s %s).",
				cmd.Reps, tpl.work, WeakEstimateReps, u, cmd.Exercise.Name)
		}
		if cmd.Reps > WeakEstimateReps {
			p.Notes = append(p.Notes, fmt.Sprintf("A 1RM estimated from %d reps is weak; a heavier top set gives a better one.", cmd.Reps))
		}
	}
	add := func(kind StepKind, label, what string, r pctRange, reps string, lo, hi int, rest time.Duration) error {
		load, note, err := c.ofOneRM(e, u, p.OneRM, r, what)
		if err != nil {
			return err
		}
		if note != "" && !slices.Contains(p.Notes, note) {
			p.Notes = append(p.Notes, note)
		}
		p.Steps = append(p.Steps, Step{Kind: kind, Label: label, Load: load, Reps: reps, RepsLo: lo, RepsHi: hi,
			Rest: rest, Plates: c.platesFor(e, u, load)})
		return nil
	}
	for i, r := range tpl.warmups {
		if err := add(StepWarmup, fmt.Sprintf("Warm-up %d", i+1), fmt.Sprintf("Warm-up %d", i+1), r, tpl.warmupReps, tpl.warmLo, tpl.warmHi, o.WorkRest); err != nil {
			return nil, err
		}
	}
	for i := 1; i <= tpl.sets; i++ {
		rest := o.WorkRest
		if i == tpl.sets {
			rest = o.Rest
		}
		if err := add(StepWork, "Set "+strconv.Itoa(i), "The working sets", tpl.work, tpl.workReps, tpl.workLo, tpl.workHi, rest); err != nil {
			return nil, err
		}
	}
	if err := add(StepAMRAP, "Back-off", "The back-off set", backOffSet, "AMRAP", 0, 0, 0); err != nil {
		return nil, err
	}
	p.Why = fmt.Sprintf("%s after %s rest; 1RM %s (%s).", tpl.why, FormatRest(o.Rest), FormatE1RM(p.OneRM, u), p.OneRMFrom)
	p.Notes = c.checkRest(p.Notes, o.Rest, backOffRestLo, backOffRestHi, "back-off")
	p.Notes = append(p.Notes, "Same tempo and range of motion as the working sets; 2-3 back-off sets per session at most.")
	return p, nil
}
