package coach

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Records are a lifter's personal records on one exercise.
type Records struct {
	Exercise string
	Unit     Unit // the unit the records are shown in
	Sets     int  // sets of the exercise in the history
	Heaviest *Lift
	// BestE1RM is the set with the best estimated 1RM (drop-set steps,
	// back-off AMRAPs and warm-ups excluded), E1RM its estimate.
	BestE1RM *Lift
	E1RM     float64
	// RepsAt holds, for the heaviest loads used, the most reps done at
	// each, heaviest load first.
	RepsAt []Lift
}

// maxRepLoads is how many loads RepsAt keeps.
const maxRepLoads = 5

// BuildRecords computes the records of one exercise from a history, in
// unit u, with formula f.
func BuildRecords(lifts []Lift, exercise string, u Unit, f Formula) Records {
	r := Records{Exercise: exercise, Unit: u}
	best := map[int64]Lift{} // load in hundredths of u -> the set with most reps
	for i := range lifts {
		l := &lifts[i]
		if !l.SameExercise(exercise) || l.Reps <= 0 {
			continue
		}
		r.Sets++
		load := l.LoadIn(u)
		if load <= 0 {
			continue
		}
		if r.Heaviest == nil || load > r.Heaviest.LoadIn(u)+1e-9 {
			r.Heaviest = l
		}
		if l.CountsFor1RM() {
			if e := f.OneRM(load, l.Reps); e > r.E1RM+1e-9 {
				r.E1RM, r.BestE1RM = e, l
			}
		}
		k := int64(math.Round(load * 100))
		if b, ok := best[k]; !ok || l.Reps > b.Reps {
			best[k] = *l
		}
	}
	keys := make([]int64, 0, len(best))
	for k := range best {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] > keys[j] })
	for _, k := range keys[:min(len(keys), maxRepLoads)] {
		r.RepsAt = append(r.RepsAt, best[k])
	}
	return r
}

// NewRecords says which records the new sets beat, one line each, given
// the history before them. Empty when none, or when there was no history
// of the exercise (a first set is not a record).
func NewRecords(before, added []Lift, u Unit, f Formula) []string {
	var out []string
	seen := map[string]bool{}
	for i := range added {
		l := &added[i]
		if seen[strings.ToLower(l.Exercise)] {
			continue
		}
		seen[strings.ToLower(l.Exercise)] = true
		prev := BuildRecords(before, l.Exercise, u, f)
		if prev.Sets == 0 {
			continue
		}
		now := BuildRecords(append(append([]Lift(nil), before...), added...), l.Exercise, u, f)
		if now.Heaviest != nil && prev.Heaviest != nil && now.Heaviest.LoadIn(u) > prev.Heaviest.LoadIn(u)+1e-9 {
			out = append(out, fmt.Sprintf("New PR, heaviest %s: %s %s (was %s).", l.Exercise,
				FormatLoad(now.Heaviest.LoadIn(u)), u, FormatLoad(prev.Heaviest.LoadIn(u))))
		}
		if now.E1RM > prev.E1RM+1e-9 && prev.E1RM > 0 {
			out = append(out, fmt.Sprintf("New PR, estimated 1RM %s: %s %s (%s, was %s).", l.Exercise,
				FormatLoad(round2(now.E1RM)), u, f, FormatLoad(round2(prev.E1RM))))
		}
		for _, a := range added {
			if !a.SameExercise(l.Exercise) || a.Load <= 0 {
				continue
			}
			load := a.LoadIn(u)
			most := 0
			for _, b := range before {
				if b.SameExercise(l.Exercise) && math.Abs(b.LoadIn(u)-load) < 0.005 {
					most = max(most, b.Reps)
				}
			}
			if most > 0 && a.Reps > most {
				out = append(out, fmt.Sprintf("New PR, most reps at %s %s on %s: %d (was %d).", FormatLoad(load), u, l.Exercise, a.Reps, most))
				break
			}
		}
	}
	return out
}

// Text renders the records for a chat.
func (r Records) Text(f Formula) string {
	if r.Sets == 0 {
		return "No sets of " + r.Exercise + " yet. Log one: log " + r.Exercise + " 100x5"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PRs, %s (%d sets)\n", r.Exercise, r.Sets)
	if r.Heaviest != nil {
		fmt.Fprintf(&b, "Heaviest: %s %s × %d on %s\n", FormatLoad(r.Heaviest.LoadIn(r.Unit)), r.Unit, r.Heaviest.Reps, r.Heaviest.At.Format("2 Jan 2006"))
	}
	if r.BestE1RM != nil {
		fmt.Fprintf(&b, "Best estimated 1RM: %s %s (%s, from %s %s × %d on %s)\n", FormatLoad(round2(r.E1RM)), r.Unit, f,
			FormatLoad(r.BestE1RM.LoadIn(r.Unit)), r.Unit, r.BestE1RM.Reps, r.BestE1RM.At.Format("2 Jan 2006"))
	}
	if len(r.RepsAt) > 0 {
		b.WriteString("Most reps:")
		for i, l := range r.RepsAt {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %s %s × %d", FormatLoad(l.LoadIn(r.Unit)), r.Unit, l.Reps)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// RecentWindow is how far back "1rm" looks for a recent estimate.
const RecentWindow = 12 * 7 * 24 * time.Hour

// Estimate is an estimated one-rep max and the set it came from.
type Estimate struct {
	OneRM  float64
	From   Lift
	Recent bool // from the last RecentWindow
	Weak   bool // from more than WeakEstimateReps reps
}

// BestEstimate is the best estimated 1RM of an exercise: from the sets of
// the last twelve weeks if there are any, else from all; sets of 12 reps
// or fewer are preferred. ok is false with no usable set.
func BestEstimate(lifts []Lift, exercise string, u Unit, f Formula, now time.Time) (Estimate, bool) {
	var best Estimate
	found := false
	better := func(e Estimate) bool {
		if !found {
			return true
		}
		if e.Recent != best.Recent {
			return e.Recent
		}
		if e.Weak != best.Weak {
			return !e.Weak
		}
		return e.OneRM > best.OneRM+1e-9
	}
	for i := range lifts {
		l := &lifts[i]
		if !l.SameExercise(exercise) || !l.CountsFor1RM() {
			continue
		}
		e := Estimate{OneRM: f.OneRM(l.LoadIn(u), l.Reps), From: *l,
			Recent: now.Sub(l.At) <= RecentWindow, Weak: l.Reps > WeakEstimateReps}
		if better(e) {
			best, found = e, true
		}
	}
	return best, found
}

// Text renders an estimate for a chat, naming the formula and the set.
func (e Estimate) Text(exercise string, u Unit, f Formula) string {
	s := fmt.Sprintf("Estimated 1RM, %s: %s %s (%s, from %s %s × %d on %s).", exercise, FormatLoad(round2(e.OneRM)), u, f,
		FormatLoad(e.From.LoadIn(u)), u, e.From.Reps, e.From.At.Format("2 Jan 2006"))
	if !e.Recent {
		s += " No set in the last 12 weeks: this is older."
	}
	if e.Weak {
		s += fmt.Sprintf(" From more than %d reps the estimate is weak.", WeakEstimateReps)
	}
	return s
}
