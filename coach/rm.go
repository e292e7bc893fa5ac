package coach

import "math"

// Formula is a one-rep-max estimate from a set of w x r.
type Formula uint8

const (
	// Epley: w * (1 + r/30).
	Epley Formula = iota
	// Brzycki: w * 36 / (37 - r).
	Brzycki
)

func (f Formula) String() string {
	if f == Brzycki {
		return "Brzycki"
	}
	return "Epley"
}

// ParseFormula reads "epley" or "brzycki".
func ParseFormula(s string) (Formula, bool) {
	switch s {
	case "epley", "Epley":
		return Epley, true
	case "brzycki", "Brzycki":
		return Brzycki, true
	}
	return Epley, false
}

// WeakEstimateReps is the rep count above which any 1RM estimate is weak.
const WeakEstimateReps = 12

// OneRM estimates a one-rep max from load x reps. Brzycki is undefined at
// 37 reps or more; there it falls back to Epley.
func (f Formula) OneRM(load float64, reps int) float64 {
	if reps <= 0 {
		return load
	}
	if f == Brzycki && reps < 37 {
		return load * 36 / float64(37-reps)
	}
	return load * (1 + float64(reps)/30)
}

// RepsAt inverts the formula: how many reps a lifter with this 1RM could do
// at load, rounded down, at least 0.
func (f Formula) RepsAt(oneRM, load float64) int {
	if load <= 0 || oneRM < load {
		return 0
	}
	var r float64
	if f == Brzycki {
		r = 37 - 36*load/oneRM
	} else {
		r = 30 * (oneRM/load - 1)
	}
	return max(1, int(math.Floor(r+1e-9)))
}

// rpeMaxPercent is the RPE chart's load for a set taken to failure
// (RPE 10), by reps 1..12, as a fraction of 1RM.
var rpeMaxPercent = [...]float64{
	1: 1.000, 2: 0.955, 3: 0.922, 4: 0.892, 5: 0.863, 6: 0.837,
	7: 0.811, 8: 0.786, 9: 0.762, 10: 0.739, 11: 0.707, 12: 0.680,
}

// RPEPercent is the RPE chart: the fraction of 1RM for reps done at rpe.
// Each RPE point below 10 is one more rep in reserve, so reps @ rpe is a
// (reps + 10 - rpe)-rep max. Half points interpolate. Beyond 12 reps to
// failure the chart continues at about 2.5 % per rep, down to 50 %.
func RPEPercent(reps int, rpe float64) float64 {
	if reps < 1 {
		reps = 1
	}
	if rpe > 10 {
		rpe = 10
	}
	if rpe < 1 {
		rpe = 1
	}
	total := float64(reps) + 10 - rpe
	lo := math.Floor(total)
	frac := total - lo
	p := repMaxPercent(int(lo))
	if frac > 0 {
		p += (repMaxPercent(int(lo)+1) - p) * frac
	}
	return p
}

func repMaxPercent(n int) float64 {
	if n < 1 {
		return 1
	}
	if n < len(rpeMaxPercent) {
		return rpeMaxPercent[n]
	}
	p := rpeMaxPercent[len(rpeMaxPercent)-1] - 0.025*float64(n-len(rpeMaxPercent)+1)
	return math.Max(p, 0.5)
}
