package coach

import (
	"fmt"
	"strconv"
	"time"
)

// RPE ramp rules (article 004): four triples at RPE 3-5, 5-7, 6-8 and max,
// then 5 reps at 10 % less and 8 reps at a further 10 % less, 60-90 s rests.
const (
	rampRestLo  = 60 * time.Second
	rampRestHi  = 90 * time.Second
	rampPercent = 10
)

// rampSets are the ramp's RPE ranges; the plan uses the middle of each.
var rampSets = [...]struct{ lo, hi float64 }{{3, 5}, {5, 7}, {6, 8}}

func (c *Coach) planRamp(cmd Command, o Options) (*Plan, error) {
	if !cmd.LoadSet {
		return nil, needLoad(Ramp, "today's max-effort triple")
	}
	e, u := cmd.Equipment, cmd.Unit
	p := &Plan{Technique: Ramp, Exercise: cmd.Exercise, Equipment: e, Unit: u}
	top, note, err := c.startLoad(e, u, cmd.Load)
	if err != nil {
		return nil, err
	}
	p.Notes = appendNote(p.Notes, note)
	maxPct := RPEPercent(3, 10)
	p.OneRM = top / maxPct
	p.OneRMFrom = "RPE chart: a max triple is about 92 % of 1RM"
	// The lighter triples are RPE ranges: a load inside each, nearest its
	// middle, as a share of the top triple actually planned.
	for i, r := range rampSets {
		rng := pctRange{RPEPercent(3, r.lo) / maxPct * 100, RPEPercent(3, (r.lo+r.hi)/2) / maxPct * 100, RPEPercent(3, r.hi) / maxPct * 100}
		label := fmt.Sprintf("Set %d · RPE %.0f-%.0f", i+1, r.lo, r.hi)
		load, inside, ok := c.pickIn(e, u, top*rng.def/100, top*rng.lo/100, top*rng.hi/100)
		if !ok {
			return nil, userErr("ramp 100kg squat", "This gym has no %s loads in %s.", e, u)
		}
		if !inside {
			p.Notes = append(p.Notes, fmt.Sprintf("%s: no %s load here is at RPE %.0f-%.0f for %s max triple (%s %s); nearest %s %s.",
				label, e, r.lo, r.hi, WithArticle(FormatLoad(top)+" "+u.String()), loadSpan(top*rng.lo/100, top*rng.hi/100), u, FormatLoad(load), u))
		}
		p.Steps = append(p.Steps, Step{Kind: StepWork, Label: label,
			Load: load, Reps: "3", RepsLo: 3, RepsHi: 3, Rest: o.Rest})
	}
	p.Steps = append(p.Steps, Step{Kind: StepWork, Label: "Set 4 · max effort", Load: top, Reps: "3", RepsLo: 3, RepsHi: 3, Rest: o.Rest})
	pct := o.Percent
	if pct <= 0 {
		pct = rampPercent
	}
	// Each back-off set is pct less than the set before it, as planned;
	// the article gives one figure, kept within 2.5 points when the
	// equipment can.
	backs, notes := c.ladderDrops(e, u, top, 2, pctRange{max(pct-2.5, 0.5), pct, pct + 2.5}, "back-off set")
	p.Notes = append(p.Notes, notes...)
	reps := [...]int{5, 8}
	for i, load := range backs[1:] {
		p.Steps = append(p.Steps, Step{Kind: StepWork, Label: fmt.Sprintf("Set %d · -%s", i+5, formatPercent(pct)),
			Load: load, Reps: strconv.Itoa(reps[i]), RepsLo: reps[i], RepsHi: reps[i], Rest: o.Rest})
	}
	p.Steps[len(p.Steps)-1].Rest = 0
	for i := range p.Steps {
		p.Steps[i].Plates = c.platesFor(e, u, p.Steps[i].Load)
	}
	p.Why = fmt.Sprintf("Triples at RPE 3-5, 5-7, 6-8 and max, then 5 reps at %s less and 8 at %s less again; rest %s between sets. Ramp loads from the RPE chart.",
		formatPercent(pct), formatPercent(pct), FormatRest(o.Rest))
	p.Notes = c.checkRest(p.Notes, o.Rest, rampRestLo, rampRestHi, "RPE ramp")
	if pct != rampPercent {
		p.Notes = append(p.Notes, outsideRange("A back-off drop of "+formatPercent(pct), "10 %", "RPE ramp"))
	}
	return p, nil
}
