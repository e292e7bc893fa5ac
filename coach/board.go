package coach

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// The group's board: each lifter's week (Monday to Sunday in the board's
// zone) on a line: days trained, sets, volume, new records and the streak
// of weeks trained.

// BoardWeekStart is the start of the board's week that holds now: Monday
// at midnight in loc.
func BoardWeekStart(now time.Time, loc *time.Location) time.Time {
	n := now.In(loc)
	back := (int(n.Weekday()) + 6) % 7 // days since Monday
	return time.Date(n.Year(), n.Month(), n.Day()-back, 0, 0, 0, 0, loc)
}

// ParseWeekday reads a day of the week as lifters write it: "sun",
// "Sunday", "su", in any case.
func ParseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 2 {
		return 0, false
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if strings.HasPrefix(strings.ToLower(d.String()), s) {
			return d, true
		}
	}
	return 0, false
}

// weekNumber numbers the Monday-to-Sunday weeks of t's calendar in loc,
// consecutive weeks by consecutive numbers, whatever summer time does to
// the length of a day.
func weekNumber(t time.Time, loc *time.Location) int64 {
	d := t.In(loc)
	days := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400
	// 1 January 1970 was a Thursday: Monday-based weeks start 3 days later.
	return floorDiv(days+3, 7)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// BoardLifter is one lifter who shows their training on a board: the
// name the board shows, their unit, and their whole history (records and
// streaks look back before the week).
type BoardLifter struct {
	Name  string
	Unit  Unit
	Lifts []Lift
}

// BoardLine is one lifter's week on the board.
type BoardLine struct {
	Name string
	Unit Unit
	// Days are the days of the week with a set, in the board's zone.
	Days int
	// Sets are the week's sets, warm-ups left out.
	Sets int
	// Volume is load × reps of those sets with a load, in Unit.
	Volume float64
	// Records are the new records of the week (as NewRecords says them,
	// from the sets that may set one: no warm-ups, drop-set steps,
	// back-off AMRAPs or failed sets), and the exercises they were set
	// on, in the order they were set.
	Records   int
	RecordsOn []string
	// Streak is how many weeks in a row the lifter trained (a set in the
	// week), ending this week or, if they have not trained yet this week,
	// last week; 0 for none.
	Streak int
}

// Board is a group's week.
type Board struct {
	Start time.Time // Monday at midnight in the board's zone
	Zone  string    // the zone's name, as shown
	Lines []BoardLine
}

// BuildBoard builds the board of the week that holds now, in loc (named
// zoneName on the board), from the lifters who show their training on
// it, with 1RM formula f. The lines come most days first, then most
// sets, then by name; a lifter without a set this week has a line all
// the same (their streak may still be alive).
func BuildBoard(lifters []BoardLifter, now time.Time, loc *time.Location, zoneName string, f Formula) Board {
	b := Board{Start: BoardWeekStart(now, loc), Zone: zoneName}
	end := b.Start.AddDate(0, 0, 7)
	for _, lf := range lifters {
		b.Lines = append(b.Lines, boardLine(lf, b.Start, end, loc, f))
	}
	sort.SliceStable(b.Lines, func(i, j int) bool {
		x, y := b.Lines[i], b.Lines[j]
		if x.Days != y.Days {
			return x.Days > y.Days
		}
		if x.Sets != y.Sets {
			return x.Sets > y.Sets
		}
		return strings.ToLower(x.Name) < strings.ToLower(y.Name)
	})
	return b
}

func boardLine(lf BoardLifter, start, end time.Time, loc *time.Location, f Formula) BoardLine {
	line := BoardLine{Name: lf.Name, Unit: lf.Unit}
	lifts := append([]Lift(nil), lf.Lifts...)
	sort.SliceStable(lifts, func(i, j int) bool { return lifts[i].At.Before(lifts[j].At) })
	days := map[string]bool{}
	weeks := map[int64]bool{}
	var week []Lift
	for i := range lifts {
		l := &lifts[i]
		if l.At.Before(end) {
			weeks[weekNumber(l.At, loc)] = true
		}
		if l.At.Before(start) || !l.At.Before(end) {
			continue
		}
		week = append(week, *l)
		if l.Kind == KindWarmup {
			continue
		}
		days[l.At.In(loc).Format(dayKey)] = true
		line.Sets++
		if l.Load > 0 && l.Reps > 0 {
			line.Volume += l.LoadIn(lf.Unit) * float64(l.Reps)
		}
	}
	line.Days = len(days)
	this := weekNumber(start, loc)
	if !weeks[this] {
		this--
	}
	for w := this; weeks[w]; w-- {
		line.Streak++
	}
	line.Records, line.RecordsOn = weekRecords(lifts, week, start, lf.Unit, f)
	return line
}

// weekRecords counts the records the week's sets set, each against every
// set before it that may set one, and names their exercises.
func weekRecords(all, week []Lift, start time.Time, u Unit, f Formula) (int, []string) {
	n := 0
	var on []string
	named := map[string]bool{}
	var before []Lift
	for i := range all {
		if all[i].At.Before(start) && all[i].SetsRecords() {
			before = append(before, all[i])
		}
	}
	// Each entry (a log line, a session's step) is judged at once, as
	// the reply to it judged it.
	for i := 0; i < len(week); {
		j := i + 1
		for j < len(week) && week[j].Entry != "" && week[j].Entry == week[i].Entry {
			j++
		}
		var added []Lift
		for k := i; k < j; k++ {
			if week[k].SetsRecords() {
				added = append(added, week[k])
			}
		}
		if len(added) > 0 {
			if prs := NewRecords(before, added, u, f); len(prs) > 0 {
				n += len(prs)
				for _, a := range added {
					key := strings.ToLower(a.Exercise)
					if !named[key] {
						named[key] = true
						on = append(on, a.Exercise)
					}
				}
			}
			before = append(before, added...)
		}
		i = j
	}
	return n, on
}

// Text renders the board: a title line with the week and the zone, then
// a line per lifter. With no lifter, it says how to be on it.
func (b Board) Text() string {
	if len(b.Lines) == 0 {
		return "Nobody here shows their training on the board yet. To be on it: settings board on"
	}
	var s strings.Builder
	fmt.Fprintf(&s, "Board, week of %s (%s)", b.Start.Format("Mon 2 Jan"), b.Zone)
	for _, l := range b.Lines {
		s.WriteString("\n" + l.Text())
	}
	return s.String()
}

// Text renders one lifter's line: "ana: 3 days, 14 sets, volume 5,200
// kg, 2 PRs (bench press, back squat), streak 4 weeks".
func (l BoardLine) Text() string {
	var s strings.Builder
	s.WriteString(l.Name + ": ")
	if l.Sets == 0 {
		s.WriteString("no sets yet this week")
		if l.Streak > 0 {
			fmt.Fprintf(&s, ", streak %s (a set this week keeps it)", Plural(l.Streak, "week"))
		}
		return s.String()
	}
	fmt.Fprintf(&s, "%s, %s, volume %s %s", Plural(l.Days, "day"), Plural(l.Sets, "set"),
		thousands(math.Round(l.Volume)), l.Unit)
	if l.Records > 0 {
		fmt.Fprintf(&s, ", %s (%s)", Plural(l.Records, "PR"), strings.Join(l.RecordsOn, ", "))
	}
	fmt.Fprintf(&s, ", streak %s", Plural(l.Streak, "week"))
	return s.String()
}

// thousands writes a whole number with commas between thousands: 12,450.
func thousands(v float64) string {
	d := fmt.Sprintf("%.0f", math.Abs(v))
	var s strings.Builder
	if v < 0 {
		s.WriteByte('-')
	}
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			s.WriteByte(',')
		}
		s.WriteRune(c)
	}
	return s.String()
}
