package coach

import (
	"fmt"
	"math"
	"time"
)

// Drops that learn: a drop set's percentage fitted to the lifter's own
// drops so that each lands near the article's "about 8 reps" (000),
// kept within the 10-25 % around its "about 15 %" (dropRange).
//
// The model, one number a lifter can check. Right after a set to
// failure the lifter can no longer move that load even once, so for the
// moment it is their one-rep max; the 1RM formula then says how many
// reps a load d lighter allows: Epley 30·d/(1-d), Brzycki 37·d (15 %
// off: about 5 reps). Lifters differ from that: their fatigue factor is
// the reps they really did over the reps the formula gave, on all their
// recent drops together (least squares through the origin, so a bigger
// drop weighs more). The fitted drop is the one whose expected reps,
// formula times factor, are 8.
const (
	// DropFitWindow is how far back a drop counts for the fit.
	DropFitWindow = 8 * 7 * 24 * time.Hour
	// DropFitMaxDrops is how many of the most recent drops the fit uses.
	DropFitMaxDrops = 12
	// DropFitMinDrops is the fewest drops a fit is made from.
	DropFitMinDrops = 2
	// dropFitReps is what each drop aims at (000: "after 8 or so reps").
	dropFitReps = 8
	// dropFitMaxPct is the largest step down that counts as a drop: a
	// bigger one is a new set or a mistyped load, not a drop.
	dropFitMaxPct = 60
)

// DropFit is a drop percentage fitted to a lifter's own drops.
type DropFit struct {
	// Percent is the drop to plan, a whole percentage within 10-25 %.
	Percent float64
	// Raw is the fit before it was rounded and kept within 10-25 %.
	Raw float64
	// Drops is how many drops it was fitted to, from Sets drop sets.
	Drops, Sets int
	// AvgReps and AvgPercent are what those drops averaged.
	AvgReps, AvgPercent float64
	// Factor is the reps done over the reps the formula gave.
	Factor  float64
	Formula Formula
}

// dropPoint is one drop of the history: the percentage taken off the
// set before it and the reps then done.
type dropPoint struct {
	pct  float64
	reps int
	set  string // the drop set it belongs to
}

// FitDrops fits a drop percentage for exercise to the lifter's drop sets
// in history (their sets, oldest first, as stored): the last
// DropFitMaxDrops drops done within DropFitWindow before now. ok is false
// when there are fewer than DropFitMinDrops such drops, or the exercise
// is done on the body's weight (its loads are only what was added to the
// body, so a percentage of them means nothing). Loads in kg and lb mix:
// each drop's percentage is taken in one unit.
func FitDrops(history []Lift, exercise string, f Formula, now time.Time) (DropFit, bool) {
	if IsBodyWeight(exercise) {
		return DropFit{}, false
	}
	since := now.Add(-DropFitWindow)
	prev := map[string]*Lift{} // the last set of each drop set so far
	var pts []dropPoint
	for i := range history {
		l := &history[i]
		if l.Technique != DropSet.Key() || l.BodyWeight() || !l.SameExercise(exercise) {
			continue
		}
		key := dropSetKey(l)
		before := prev[key]
		prev[key] = l
		if l.Kind != KindDrop || before == nil || l.At.Before(since) || l.At.After(now) || l.Reps <= 0 {
			continue
		}
		from, to := before.LoadIn(KG), l.LoadIn(KG)
		if from <= 0 || to <= 0 || to >= from {
			continue
		}
		pct := (from - to) / from * 100
		if pct > dropFitMaxPct {
			continue
		}
		pts = append(pts, dropPoint{pct: pct, reps: l.Reps, set: key})
	}
	if len(pts) > DropFitMaxDrops {
		pts = pts[len(pts)-DropFitMaxDrops:]
	}
	if len(pts) < DropFitMinDrops {
		return DropFit{}, false
	}
	fit := DropFit{Drops: len(pts), Formula: f}
	var sxy, sxx, sumReps, sumPct float64
	sets := map[string]bool{}
	for _, p := range pts {
		x := repsAfterFailure(f, p.pct)
		sxy += x * float64(p.reps)
		sxx += x * x
		sumReps += float64(p.reps)
		sumPct += p.pct
		sets[p.set] = true
	}
	fit.Sets = len(sets)
	fit.AvgReps = sumReps / float64(len(pts))
	fit.AvgPercent = sumPct / float64(len(pts))
	fit.Factor = sxy / sxx
	fit.Raw = dropForReps(f, dropFitReps/fit.Factor)
	fit.Percent = min(max(math.Round(fit.Raw), dropPercentLo), dropPercentHi)
	return fit, true
}

// dropSetKey names the drop set a set belongs to: its guided session,
// else its log line (entry), else its time.
func dropSetKey(l *Lift) string {
	switch {
	case l.Session != "":
		return "s " + l.Session
	case l.Entry != "":
		return "e " + l.Entry
	}
	return "t " + l.At.UTC().Format(time.RFC3339Nano)
}

// repsAfterFailure is how many reps formula f gives at a load pct % below
// the load just taken to failure (that load being, for the moment, the
// one-rep max): Epley 30·d/(1-d), Brzycki 37·d, with d = pct/100.
func repsAfterFailure(f Formula, pct float64) float64 {
	d := pct / 100
	if f == Brzycki {
		return 37 * d
	}
	return 30 * d / (1 - d)
}

// dropForReps inverts repsAfterFailure: the drop, in %, at which formula f
// gives reps.
func dropForReps(f Formula, reps float64) float64 {
	if f == Brzycki {
		return reps / 37 * 100
	}
	x := reps / 30
	return x / (1 + x) * 100
}

// Note is the line a plan carries when its drops were fitted: the
// percentage, what it was fitted to, and what it aims at.
func (d DropFit) Note(exercise string) string {
	s := fmt.Sprintf("Drops of %s, fitted to your last %s on %s (%s, averaging %s reps at %s off",
		formatPercent(d.Percent), Plural(d.Drops, "drop"), exercise, Plural(d.Sets, "drop set"),
		FormatLoad(math.Round(d.AvgReps*10)/10), formatPercent(math.Round(d.AvgPercent)))
	if d.Raw < dropPercentLo-0.5 || d.Raw > dropPercentHi+0.5 {
		s += fmt.Sprintf("; the fit, %s, is kept within %d-%d %% around the articles' \"about 15 %%\"",
			formatPercent(math.Round(d.Raw)), dropPercentLo, dropPercentHi)
	}
	return s + fmt.Sprintf("): aiming at about %d reps a drop.", dropFitReps)
}
