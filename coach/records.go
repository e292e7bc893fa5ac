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
			out = append(out, fmt.Sprintf("New PR, heaviest %s: %s (%swas %s).", l.Exercise,
				loadNumber(now.Heaviest, u)+" "+u.String(), loggedAs(now.Heaviest, u, "; "), loadNumber(prev.Heaviest, u)))
		}
		// Shown to 0.5 kg or 1 lb, an estimate beats the last only when
		// the lifter can read the difference.
		if prev.E1RM > 0 && RoundStep(now.E1RM, u) > RoundStep(prev.E1RM, u) {
			out = append(out, fmt.Sprintf("New PR, estimated 1RM %s: %s (%s, was %s).", l.Exercise,
				FormatE1RM(now.E1RM, u), f, FormatLoad(RoundStep(prev.E1RM, u))))
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
				out = append(out, fmt.Sprintf("New PR, most reps at %s on %s: %d (was %d).", FormatLoadIn(a.Load, a.Unit, u), l.Exercise, a.Reps, most))
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
	fmt.Fprintf(&b, "PRs, %s (%s)\n", r.Exercise, Plural(r.Sets, "set"))
	if r.Heaviest != nil {
		fmt.Fprintf(&b, "Heaviest: %s × %d on %s\n", FormatLoadIn(r.Heaviest.Load, r.Heaviest.Unit, r.Unit), r.Heaviest.Reps, r.Heaviest.At.Format("2 Jan 2006"))
	}
	if r.BestE1RM != nil {
		// The set an estimate came from is shown as it was logged.
		fmt.Fprintf(&b, "Best estimated 1RM: %s (%s, from %s %s × %d on %s)\n", FormatE1RM(r.E1RM, r.Unit), f,
			FormatLoad(r.BestE1RM.Load), r.BestE1RM.Unit, r.BestE1RM.Reps, r.BestE1RM.At.Format("2 Jan 2006"))
	}
	if len(r.RepsAt) > 0 {
		b.WriteString("Most reps:")
		for i, l := range r.RepsAt {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %s × %d", FormatLoadIn(l.Load, l.Unit, r.Unit), l.Reps)
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
	s := fmt.Sprintf("Estimated 1RM, %s: %s (%s, from %s %s × %d on %s).", exercise, FormatE1RM(e.OneRM, u), f,
		FormatLoad(e.From.Load), e.From.Unit, e.From.Reps, e.From.At.Format("2 Jan 2006"))
	if !e.Recent {
		s += " No set in the last 12 weeks: this is older."
	}
	if e.Weak {
		s += fmt.Sprintf(" From more than %d reps the estimate is weak.", WeakEstimateReps)
	}
	return s
}

// loadNumber is a set's load in u without its unit: as logged when the
// units agree, else converted to DisplayStep.
func loadNumber(l *Lift, u Unit) string {
	if l.Unit == u {
		return FormatLoad(l.Load)
	}
	return FormatLoad(RoundStep(l.LoadIn(u), u))
}

// loggedAs is the load of a set logged in a unit other than u, as logged,
// followed by sep ("142.5 kg; "); "" when the units agree.
func loggedAs(l *Lift, u Unit, sep string) string {
	if l.Unit == u {
		return ""
	}
	return FormatLoad(l.Load) + " " + l.Unit.String() + sep
}
