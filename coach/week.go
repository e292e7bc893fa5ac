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

// Week is the use of the guarded techniques over the last seven days.
type Week struct {
	Start time.Time
	// Uses counts drop sets and rest-pause sets per muscle group.
	Uses map[Muscle]map[Technique]int
	// BackOff counts back-off AMRAP sets per session (or per day for
	// logged sets), for the sessions over the limit.
	BackOffOver map[string]int
}

// Week counts, over the last seven days in loc, each drop set and
// rest-pause set once for every primary muscle group of its exercise, and
// back-off sets per session.
func (c *Coach) Week(lifts []Lift, now time.Time, loc *time.Location) Week {
	w := Week{Start: WeekStart(now, loc), Uses: map[Muscle]map[Technique]int{}, BackOffOver: map[string]int{}}
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
		if t == BackOff && l.Kind == KindAMRAP {
			// One session, or one day for logged sets.
			backoff[l.At.In(loc).Format("Mon 2 Jan")+"\x00"+l.Session]++
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
		for _, m := range c.musclesOf(l.Exercise) {
			if w.Uses[m] == nil {
				w.Uses[m] = map[Technique]int{}
			}
			w.Uses[m][t]++
		}
	}
	for k, n := range backoff {
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

// Warning is the note to add to a plan of technique t on exercise e when
// another one this week would break the once-or-twice rule; "" if none.
func (w Week) Warning(t Technique, e *Exercise) string {
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

// Text renders the week for a chat.
func (w Week) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Since %s: drop sets and rest-pause per muscle group (the rule: once or twice a week each)\n", w.Start.Format("Mon 2 Jan"))
	if len(w.Uses) == 0 {
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
	if len(w.BackOffOver) > 0 {
		for k, n := range w.BackOffOver {
			day, _, _ := strings.Cut(k, "\x00")
			fmt.Fprintf(&b, "%d back-off sets in one session on %s: the article says 2-3 at most.\n", n, day)
		}
	} else {
		b.WriteString("Back-off sets: within 2-3 per session.")
	}
	return strings.TrimRight(b.String(), "\n")
}
