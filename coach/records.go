package coach

import (
	"fmt"
	"math"
	"sort"
	"strconv"
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
	// RepsAt holds, for every load used, the most reps done at it,
	// heaviest load first.
	RepsAt []Lift
	// BodyWeight is set for a body-weight exercise (IsBodyWeight). Its
	// records are the most reps at each load (the body alone first, then
	// added loads, heaviest first, then help) and the heaviest added load
	// (Heaviest, nil when nothing was ever added); it has no estimated
	// 1RM, since its loads leave out the body that was lifted.
	BodyWeight bool
}

// BuildRecords computes the records of one exercise from a history, in
// unit u, with formula f.
func BuildRecords(lifts []Lift, exercise string, u Unit, f Formula) Records {
	r := Records{Exercise: exercise, Unit: u, BodyWeight: IsBodyWeight(exercise)}
	best := map[int64]Lift{} // load in hundredths of u -> the set with most reps
	for i := range lifts {
		l := &lifts[i]
		// A failed set (0 reps) stays in the history and sets nothing; a
		// warm-up, a drop step or a back-off AMRAP counts as a set and
		// sets no record (SetsRecords).
		if !l.SameExercise(exercise) || l.Reps <= 0 || l.Kind == KindFailed {
			continue
		}
		r.Sets++
		if !l.SetsRecords() {
			continue
		}
		load := l.LoadIn(u)
		if load <= 0 && !r.BodyWeight {
			continue
		}
		if load > 0 && (r.Heaviest == nil || load > r.Heaviest.LoadIn(u)+1e-9) {
			r.Heaviest = l
		}
		if !r.BodyWeight && l.CountsFor1RM() {
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
	sort.Slice(keys, func(i, j int) bool {
		if r.BodyWeight && (keys[i] == 0 || keys[j] == 0) {
			return keys[i] == 0 && keys[j] != 0 // the body alone first
		}
		return keys[i] > keys[j]
	})
	for _, k := range keys {
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
		if now.BodyWeight {
			out = append(out, newBodyWeightRecords(prev, now, before, added, l.Exercise, u)...)
			continue
		}
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
			if !a.SameExercise(l.Exercise) || a.Load <= 0 || !a.SetsRecords() {
				continue
			}
			load := a.LoadIn(u)
			most := 0
			for _, b := range before {
				if b.SameExercise(l.Exercise) && b.SetsRecords() && math.Abs(b.LoadIn(u)-load) < 0.005 {
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

// newBodyWeightRecords are the records of a body-weight exercise that
// the added sets beat, given the records before (prev) and with them
// (now): the heaviest added load, and the most reps at a load (the body
// alone, or with a load added or taken off).
func newBodyWeightRecords(prev, now Records, before, added []Lift, exercise string, u Unit) []string {
	var out []string
	if now.Heaviest != nil && prev.Heaviest != nil && now.Heaviest.LoadIn(u) > prev.Heaviest.LoadIn(u)+1e-9 {
		out = append(out, fmt.Sprintf("New PR, heaviest added load on %s: %s (was %s).", exercise,
			addedIn(now.Heaviest, u), addedIn(prev.Heaviest, u)))
	}
	for i := range added {
		a := &added[i]
		if !a.SameExercise(exercise) || !a.SetsRecords() {
			continue
		}
		load := a.LoadIn(u)
		most := 0
		for _, b := range before {
			if b.SameExercise(exercise) && b.SetsRecords() && math.Abs(b.LoadIn(u)-load) < 0.005 {
				most = max(most, b.Reps)
			}
		}
		if most > 0 && a.Reps > most {
			at := "body weight"
			if a.Load != 0 {
				at = FormatAdded(a.Load, a.Unit)
			}
			out = append(out, fmt.Sprintf("New PR, most reps at %s on %s: %d (was %d).", at, exercise, a.Reps, most))
			break
		}
	}
	return out
}

// addedIn is a body-weight set's load as a lifter reading unit u sees
// it (FormatAdded): as logged when the units agree, else converted to
// DisplayStep.
func addedIn(l *Lift, u Unit) string {
	if l.Unit == u {
		return FormatAdded(l.Load, u)
	}
	return FormatAdded(RoundStep(l.LoadIn(u), u), u)
}

// Text renders the records for a chat.
func (r Records) Text(f Formula) string {
	if r.Sets == 0 && r.BodyWeight {
		return "No sets of " + r.Exercise + " yet. Log one: log " + r.Exercise + " 10"
	}
	if r.Sets == 0 {
		return "No sets of " + r.Exercise + " yet. Log one: log " + r.Exercise + " 100x5"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PRs, %s (%s)\n", r.Exercise, Plural(r.Sets, "set"))
	if r.Heaviest != nil {
		what := "Heaviest"
		if r.BodyWeight {
			what = "Heaviest added load"
		}
		fmt.Fprintf(&b, "%s: %s on %s\n", what, repsAt(*r.Heaviest, r.Unit), r.Heaviest.At.Format("2 Jan 2006"))
	}
	if r.BestE1RM != nil {
		// The set an estimate came from is shown as it was logged.
		fmt.Fprintf(&b, "Best estimated 1RM: %s (%s, from %s %s × %d on %s)\n", FormatE1RM(r.E1RM, r.Unit), f,
			FormatLoad(r.BestE1RM.Load), r.BestE1RM.Unit, r.BestE1RM.Reps, r.BestE1RM.At.Format("2 Jan 2006"))
	}
	if len(r.RepsAt) > 0 {
		// Every load, a few to a line, so that a long history reads as a
		// table and pages break between lines.
		b.WriteString("Most reps:")
		for i, l := range r.RepsAt {
			switch {
			case i > 0 && i%repsPerLine == 0:
				b.WriteString(",\n ")
			case i > 0:
				b.WriteByte(',')
			}
			b.WriteByte(' ')
			b.WriteString(repsAt(l, r.Unit))
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

// repsPerLine is how many loads a line of Records.Text's most reps holds.
const repsPerLine = 6

// lineRepLoads is how many loads a line of a list of records shows: the
// heaviest, where records are set.
const lineRepLoads = 3

// repsAt writes a most-reps record: "100 kg × 7", "+20 kg × 8" or
// "BW × 15" on a body-weight exercise.
func repsAt(l Lift, u Unit) string {
	if l.BodyWeight() {
		return addedIn(&l, u) + " × " + strconv.Itoa(l.Reps)
	}
	return FormatLoadIn(l.Load, l.Unit, u) + " × " + strconv.Itoa(l.Reps)
}

// RecordsOfEach are the records of each exercise in histories, in unit u
// with formula f: one history per exercise, each set in it under the
// name the records show (the name of its newest set; BuildRecords counts
// the sets of that name), the most recently trained first, by name when
// trained at the same time. An exercise without a set that counts (only
// failed sets) is left out.
func RecordsOfEach(histories [][]Lift, u Unit, f Formula) []Records {
	type dated struct {
		r    Records
		last time.Time
	}
	all := make([]dated, 0, len(histories))
	for _, ls := range histories {
		if len(ls) == 0 {
			continue
		}
		newest := &ls[0]
		for i := range ls {
			if !ls[i].At.Before(newest.At) {
				newest = &ls[i]
			}
		}
		if r := BuildRecords(ls, newest.Exercise, u, f); r.Sets > 0 {
			all = append(all, dated{r, newest.At})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if !all[i].last.Equal(all[j].last) {
			return all[i].last.After(all[j].last)
		}
		return all[i].r.Exercise < all[j].r.Exercise
	})
	out := make([]Records, len(all))
	for i := range all {
		out[i] = all[i].r
	}
	return out
}

// Line renders the records on one line, for a list of every exercise:
// the heaviest set, the best estimated 1RM and the most reps at the
// heaviest loads, with how many more loads "pr EXERCISE" shows.
func (r Records) Line() string {
	var b strings.Builder
	b.WriteString(r.Exercise + " (" + Plural(r.Sets, "set") + ")")
	sep := ": "
	if r.Heaviest != nil {
		b.WriteString(sep + "heaviest " + repsAt(*r.Heaviest, r.Unit))
		sep = " · "
	}
	if r.BestE1RM != nil {
		b.WriteString(sep + "e1RM " + FormatE1RM(r.E1RM, r.Unit))
		sep = " · "
	}
	if len(r.RepsAt) > 0 {
		b.WriteString(sep + "most reps ")
		for i, l := range r.RepsAt[:min(len(r.RepsAt), lineRepLoads)] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(repsAt(l, r.Unit))
		}
		if more := len(r.RepsAt) - lineRepLoads; more > 0 {
			b.WriteString(" (" + Plural(more, "more load") + ")")
		}
	}
	return b.String()
}

// ListText renders the records of every exercise (RecordsOfEach), one line
// each, under a line that says how many there are and how to see one
// whole.
func ListText(rs []Records, f Formula) string {
	if len(rs) == 0 {
		return "No sets yet. Log one: log bench 100x5"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "PRs on %s, most recently trained first (e1RM by %s). Every load of one: pr %s\n",
		Plural(len(rs), "exercise"), f, rs[0].Exercise)
	for i, r := range rs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r.Line())
	}
	return b.String()
}
