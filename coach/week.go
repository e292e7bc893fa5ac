package coach

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Weekly limits from the articles.
const (
	// PerMuscleWeekly: drop sets and rest-pause once or twice per muscle
	// group per week (article 001).
	PerMuscleWeekly = 2
	// BackOffPerSession: 2-3 back-off sets per session at most (article 003).
	BackOffPerSession = 3
)

// WeekStart is the start of the last seven calendar days in loc: midnight
// six days before now's day.
func WeekStart(now time.Time, loc *time.Location) time.Time {
	n := now.In(loc)
	return time.Date(n.Year(), n.Month(), n.Day()-6, 0, 0, 0, 0, loc)
}

// DayStart is midnight of now's day in loc: where a lifter's training
// day starts.
func DayStart(now time.Time, loc *time.Location) time.Time {
	n := now.In(loc)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
}

// Week is the use of the guarded techniques over the last seven days.
type Week struct {
	Start time.Time
	// Uses counts drop sets and rest-pause sets per muscle group.
	Uses map[Muscle]map[Technique]int
	// BackOffOver holds the training days with more back-off sets than
	// BackOffPerSession: the day's date in the lifter's zone
	// ("2006-01-02") -> how many.
	BackOffOver map[string]int
	// BackOffToday is how many back-off sets the lifter did today, in
	// their zone.
	BackOffToday int
	// Counted are the uses of drop sets and rest-pause that Uses counts,
	// in time order: what the week names as counted.
	Counted []Use
	// BackOffDays holds every training day with back-off sets: the day's
	// date in the lifter's zone ("2006-01-02") -> how many.
	BackOffDays map[string]int
}

// Use is one counted use of a guarded technique on one exercise: a guided
// session, or one logged entry, however many steps or mini-sets it had.
type Use struct {
	Technique Technique
	Exercise  string
	// At is its first set, in the lifter's zone.
	At time.Time
	// Muscles are the primary muscle groups it counted for; none when
	// the catalog does not know the exercise.
	Muscles []Muscle
}

// dayKey is the date of t in loc, the key of Week.BackOffOver.
const dayKey = "2006-01-02"

// Week counts, over the last seven days in loc, each drop set and
// rest-pause set once for every primary muscle group of its exercise, and
// back-off sets per training day.
//
// A back-off set is a back-off AMRAP (Technique back_off, Kind amrap): the
// last step of a guided back-off session, or a set logged with "backoff".
// The article's limit is per session, but they are counted per day in the
// lifter's zone: a lifter who runs two back-off plans in one workout has
// two guided sessions, one AMRAP each, and a day is the closest the
// history comes to one workout.
func (c *Coach) Week(lifts []Lift, now time.Time, loc *time.Location) Week {
	w := Week{Start: WeekStart(now, loc), Uses: map[Muscle]map[Technique]int{}, BackOffOver: map[string]int{}, BackOffDays: map[string]int{}}
	today := DayStart(now, loc)
	seen := map[string]bool{}
	backoff := map[string]int{}
	for i := range lifts {
		l := &lifts[i]
		if l.At.Before(w.Start) || l.At.After(now) {
			continue
		}
		t, ok := ParseTechnique(l.Technique)
		if !ok {
			continue
		}
		if t == BackOff {
			if l.Kind == KindAMRAP {
				backoff[l.At.In(loc).Format(dayKey)]++
				if !l.At.Before(today) {
					w.BackOffToday++
				}
			}
			continue
		}
		if t != DropSet && t != RestPause {
			continue
		}
		use := l.Session
		if use == "" {
			use = l.Entry
		}
		use = string(rune(t)) + use + "\x00" + strings.ToLower(l.Exercise)
		if seen[use] {
			continue
		}
		seen[use] = true
		muscles := c.musclesOf(l.Exercise)
		for _, m := range muscles {
			if w.Uses[m] == nil {
				w.Uses[m] = map[Technique]int{}
			}
			w.Uses[m][t]++
		}
		w.Counted = append(w.Counted, Use{Technique: t, Exercise: l.Exercise, At: l.At.In(loc), Muscles: muscles})
	}
	sort.SliceStable(w.Counted, func(i, j int) bool { return w.Counted[i].At.Before(w.Counted[j].At) })
	for k, n := range backoff {
		w.BackOffDays[k] = n
		if n > BackOffPerSession {
			w.BackOffOver[k] = n
		}
	}
	return w
}

func (c *Coach) musclesOf(exercise string) []Muscle {
	if e, ok := c.catalog.Lookup(exercise); ok {
		return e.Muscles
	}
	return nil
}

// Warning is the note to add to a plan of technique t on exercise e
// when it would break a rule of use: another drop set or rest-pause set
// this week beyond the once-or-twice rule, or another back-off set today
// near or beyond the 2-3 per session; "" if none.
func (w Week) Warning(t Technique, e *Exercise) string {
	if t == BackOff {
		return w.backOffWarning()
	}
	if t != DropSet && t != RestPause || e == nil {
		return ""
	}
	var over []string
	for _, m := range e.Muscles {
		if n := w.Uses[m][t]; n >= PerMuscleWeekly {
			over = append(over, fmt.Sprintf("%s %d×", m, n))
		}
	}
	if len(over) == 0 {
		return ""
	}
	return fmt.Sprintf("This week you already did %ss for %s: the article says once or twice per muscle group a week.", t, strings.Join(over, ", "))
}

// backOffWarning is the note for a plan of one more back-off set, given
// the ones done today.
func (w Week) backOffWarning() string {
	switch n := w.BackOffToday; {
	case n <= 0:
		return ""
	case n == 1:
		return "This is your 2nd back-off set today: the article says 2-3 per session at most."
	case n == 2:
		return "This is your 3rd back-off set today, the last the article allows (2-3 per session at most)."
	}
	return fmt.Sprintf("You already did %d back-off sets today: the Goto article advises 2-3 per session at most; skip this one.", w.BackOffToday)
}

// Text renders the week for a chat: the uses per muscle group against
// the rule, then what was counted, so that a lifter can tell which
// session or log made a count.
func (w Week) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Since %s: drop sets and rest-pause per muscle group (the rule: once or twice a week each)\n", w.Start.Format("Mon 2 Jan"))
	if len(w.Uses) == 0 && len(w.Counted) == 0 {
		b.WriteString("None this week.\n")
	}
	muscles := make([]string, 0, len(w.Uses))
	for m := range w.Uses {
		muscles = append(muscles, string(m))
	}
	sort.Strings(muscles)
	for _, m := range muscles {
		uses := w.Uses[Muscle(m)]
		var parts []string
		for _, t := range []Technique{DropSet, RestPause} {
			if n := uses[t]; n > 0 {
				mark := ""
				if n > PerMuscleWeekly {
					mark = " (over the limit)"
				} else if n == PerMuscleWeekly {
					mark = " (limit reached)"
				}
				parts = append(parts, fmt.Sprintf("%s %d×%s", t, n, mark))
			}
		}
		fmt.Fprintf(&b, "%s: %s\n", m, strings.Join(parts, ", "))
	}
	if c := w.countedText(); c != "" {
		b.WriteString(c + "\n")
	}
	if len(w.BackOffOver) > 0 {
		days := make([]string, 0, len(w.BackOffOver))
		for k := range w.BackOffOver {
			days = append(days, k)
		}
		sort.Strings(days)
		for _, k := range days {
			label := k
			if d, err := time.Parse(dayKey, k); err == nil {
				label = d.Format("Mon 2 Jan")
			}
			fmt.Fprintf(&b, "%d back-off sets on %s: the article says 2-3 per session at most.\n", w.BackOffOver[k], label)
		}
	} else {
		b.WriteString("Back-off sets: within 2-3 per session.")
	}
	return strings.TrimRight(b.String(), "\n")
}

// countedText names what the week counted: each technique's uses, by
// exercise and weekday, and the back-off sets of each day: "Counted: 2
// drop sets (bench press Mon, leg extension Wed), 1 rest-pause (back
// squat Tue); back-off sets per day: Tue 2". "" when it counted nothing.
func (w Week) countedText() string {
	var parts []string
	for _, t := range []Technique{DropSet, RestPause} {
		var names []string // "bench press Mon", in time order
		times := map[string]int{}
		unknown := map[string]bool{}
		n := 0
		for _, u := range w.Counted {
			if u.Technique != t {
				continue
			}
			n++
			name := u.Exercise + " " + u.At.Format("Mon")
			if times[name] == 0 {
				names = append(names, name)
			}
			times[name]++
			unknown[name] = len(u.Muscles) == 0
		}
		if n == 0 {
			continue
		}
		for i, name := range names {
			if k := times[name]; k > 1 {
				names[i] += fmt.Sprintf(" %d×", k)
			}
			if unknown[name] {
				names[i] += ": no muscle group known"
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", Plural(n, t.String()), strings.Join(names, ", ")))
	}
	var days []string
	for k := range w.BackOffDays {
		days = append(days, k)
	}
	sort.Strings(days)
	for i, k := range days {
		label := k
		if d, err := time.Parse(dayKey, k); err == nil {
			label = d.Format("Mon")
		}
		days[i] = fmt.Sprintf("%s %d", label, w.BackOffDays[k])
	}
	if len(parts) == 0 && len(days) == 0 {
		return ""
	}
	counted := []string{}
	if len(parts) > 0 {
		counted = append(counted, strings.Join(parts, ", "))
	}
	if len(days) > 0 {
		counted = append(counted, "back-off sets per day: "+strings.Join(days, ", "))
	}
	return "Counted: " + strings.Join(counted, "; ")
}
