package coach

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The board's week is Monday to Sunday in the board's zone: a set late on
// Sunday evening in Berlin is that week's, though it is Monday's in
// Tokyo, and a week over a change to summer time is still seven days.
func TestBoardWeekStartIsMondayInTheZone(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	sunday := time.Date(2026, 3, 29, 22, 30, 0, 0, berlin) // the day summer time starts
	if got := BoardWeekStart(sunday, berlin); !got.Equal(time.Date(2026, 3, 23, 0, 0, 0, 0, berlin)) {
		t.Errorf("Sunday 22:30 in Berlin: week from %v", got)
	}
	if got := BoardWeekStart(sunday, tokyo); !got.Equal(time.Date(2026, 3, 30, 0, 0, 0, 0, tokyo)) {
		t.Errorf("the same moment in Tokyo: week from %v", got)
	}
	monday := time.Date(2026, 3, 30, 0, 0, 0, 0, berlin)
	if got := BoardWeekStart(monday, berlin); !got.Equal(monday) {
		t.Errorf("Monday midnight: week from %v", got)
	}
	if weekNumber(monday, berlin)-weekNumber(sunday, berlin) != 1 {
		t.Error("the weeks either side of summer time are not consecutive")
	}
}

func TestParseWeekday(t *testing.T) {
	for in, want := range map[string]time.Weekday{"sun": time.Sunday, "Sunday": time.Sunday, "MON": time.Monday, "th": time.Thursday, "tu": time.Tuesday, "sa": time.Saturday} {
		if got, ok := ParseWeekday(in); !ok || got != want {
			t.Errorf("ParseWeekday(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "s", "t", "someday", "18"} {
		if d, ok := ParseWeekday(in); ok {
			t.Errorf("ParseWeekday(%q) = %v", in, d)
		}
	}
}

// boardDay is a time in the week of Monday 2 Nov 2026 (week 0) or the
// weeks around it.
func boardDay(week, day, hour int) time.Time {
	return time.Date(2026, 11, 2+7*week+day, hour, 0, 0, 0, time.UTC)
}

func lift(at time.Time, ex string, load float64, u Unit, reps int, kind, technique string) Lift {
	return Lift{At: at, Exercise: ex, Load: load, Unit: u, Reps: reps, Kind: kind, Technique: technique, Entry: at.String() + ex}
}

// A lifter's line counts the week's days, sets and volume without
// warm-ups, in their own unit; sets outside the week count for nothing.
func TestBoardCountsTheWeekInTheLiftersUnit(t *testing.T) {
	now := boardDay(0, 4, 12) // Friday
	ls := []Lift{
		lift(boardDay(-1, 6, 20), "bench press", 100, KG, 5, KindWork, ""), // last Sunday
		lift(boardDay(0, 0, 9), "bench press", 60, KG, 5, KindWarmup, ""),
		lift(boardDay(0, 0, 9), "bench press", 100, KG, 5, KindWork, ""),
		lift(boardDay(0, 0, 9), "bench press", 100, KG, 5, KindWork, ""),
		lift(boardDay(0, 2, 9), "back squat", 225, LB, 5, KindWork, ""),
		lift(boardDay(0, 2, 9), "pull up", 0, KG, 10, KindWork, ""),
	}
	b := BuildBoard([]BoardLifter{{Name: "ana", Unit: KG, Lifts: ls}}, now, time.UTC, "UTC", Epley)
	l := b.Lines[0]
	if l.Days != 2 || l.Sets != 4 {
		t.Errorf("days %d, sets %d; want 2 days (Mon, Wed), 4 sets (no warm-up, nothing of last week)", l.Days, l.Sets)
	}
	want := 1000 + Convert(225, LB, KG)*5
	if diff := l.Volume - want; diff > 1e-6 || diff < -1e-6 {
		t.Errorf("volume %.2f kg, want %.2f (the squat converted, the warm-up and the body weight left out)", l.Volume, want)
	}
	lb := BuildBoard([]BoardLifter{{Name: "ana", Unit: LB, Lifts: ls}}, now, time.UTC, "UTC", Epley).Lines[0]
	if !strings.Contains(lb.Text(), " lb,") {
		t.Errorf("in lb: %s", lb.Text())
	}
}

// Records on the board are those the week's sets set against every set
// before; warm-ups, drop-set steps, back-off AMRAPs and failed sets never
// set one, however heavy, and a first set of an exercise is no record.
func TestBoardRecordsLeaveOutWhatRecordsLeaveOut(t *testing.T) {
	now := boardDay(0, 6, 12)
	before := []Lift{lift(boardDay(-2, 1, 9), "bench press", 100, KG, 5, KindWork, "")}
	for _, tc := range []struct {
		name  string
		lifts []Lift
		want  int
	}{
		{"a heavier work set", []Lift{lift(boardDay(0, 1, 9), "bench press", 110, KG, 5, KindWork, "")}, 2},
		{"a heavier warm-up", []Lift{lift(boardDay(0, 1, 9), "bench press", 120, KG, 5, KindWarmup, "")}, 0},
		{"a heavier drop step", []Lift{lift(boardDay(0, 1, 9), "bench press", 120, KG, 5, KindDrop, "drop")}, 0},
		{"a back-off AMRAP", []Lift{lift(boardDay(0, 1, 9), "bench press", 100, KG, 20, KindAMRAP, BackOff.Key())}, 0},
		{"a failed set", []Lift{lift(boardDay(0, 1, 9), "bench press", 150, KG, 0, KindFailed, "")}, 0},
		{"a first squat", []Lift{lift(boardDay(0, 1, 9), "back squat", 150, KG, 5, KindWork, "")}, 0},
	} {
		ls := append(append([]Lift(nil), before...), tc.lifts...)
		l := BuildBoard([]BoardLifter{{Name: "ana", Unit: KG, Lifts: ls}}, now, time.UTC, "UTC", Epley).Lines[0]
		if l.Records != tc.want {
			t.Errorf("%s: %d records %v, want %d", tc.name, l.Records, l.RecordsOn, tc.want)
		}
	}
}

// A streak is the weeks in a row with a set, ending this week, or last
// week while this one has none yet; a week without a set ends it.
func TestBoardStreaks(t *testing.T) {
	now := boardDay(0, 2, 12) // Wednesday
	set := func(week int) Lift { return lift(boardDay(week, 3, 9), "bench press", 100, KG, 5, KindWork, "") }
	for _, tc := range []struct {
		name  string
		weeks []int
		want  int
	}{
		{"this week and the two before", []int{-2, -1, 0}, 3},
		{"the two before, none yet this week", []int{-2, -1}, 2},
		{"a gap", []int{-4, -3, -1, 0}, 2},
		{"only two weeks ago", []int{-2}, 0},
		{"never", nil, 0},
	} {
		var ls []Lift
		for _, w := range tc.weeks {
			s := set(w)
			if w == 0 {
				s.At = boardDay(0, 1, 9) // Tuesday: before now
			}
			ls = append(ls, s)
		}
		if got := BuildBoard([]BoardLifter{{Name: "ana", Unit: KG, Lifts: ls}}, now, time.UTC, "UTC", Epley).Lines[0].Streak; got != tc.want {
			t.Errorf("%s: streak %d, want %d", tc.name, got, tc.want)
		}
	}
}

// Lifters come most days first, then most sets, then by name; with none,
// the board says how to be on it.
func TestBoardOrderAndEmpty(t *testing.T) {
	now := boardDay(0, 6, 12)
	one := []Lift{lift(boardDay(0, 0, 9), "bench press", 100, KG, 5, KindWork, "")}
	two := append(append([]Lift(nil), one...), lift(boardDay(0, 1, 9), "bench press", 100, KG, 5, KindWork, ""))
	b := BuildBoard([]BoardLifter{{Name: "cy", Unit: KG, Lifts: one}, {Name: "Bo", Unit: KG, Lifts: one}, {Name: "ana", Unit: KG}, {Name: "dee", Unit: KG, Lifts: two}}, now, time.UTC, "UTC", Epley)
	var names []string
	for _, l := range b.Lines {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, " "); got != "dee Bo cy ana" {
		t.Errorf("order %s, want dee Bo cy ana", got)
	}
	if got := BuildBoard(nil, now, time.UTC, "UTC", Epley).Text(); !strings.Contains(got, "settings board on") {
		t.Errorf("an empty board: %s", got)
	}
}

func ExampleBuildBoard() {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := func(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, berlin) }
	ana := []Lift{
		{At: at(25, 18), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork, Entry: "a"},
		{At: at(30, 18), Exercise: "bench press", Load: 105, Unit: KG, Reps: 5, Kind: KindWork, Entry: "b"},
		{At: at(30, 18), Exercise: "bench press", Load: 105, Unit: KG, Reps: 5, Kind: KindWork, Entry: "b"},
		{At: at(2, 18).AddDate(0, 1, 0), Exercise: "back squat", Load: 140, Unit: KG, Reps: 5, Kind: KindWork, Entry: "c"},
	}
	bo := []Lift{{At: at(24, 7), Exercise: "deadlift", Load: 315, Unit: LB, Reps: 5, Kind: KindWork, Entry: "d"}}
	b := BuildBoard([]BoardLifter{{Name: "bo", Unit: LB, Lifts: bo}, {Name: "ana", Unit: KG, Lifts: ana}}, at(6, 18).AddDate(0, 1, 0), berlin, "Europe/Berlin", Epley)
	fmt.Println(b.Text())
	// Output:
	// Board, week of Mon 30 Nov (Europe/Berlin)
	// ana: 2 days, 3 sets, volume 1,750 kg, 2 PRs (bench press), streak 2 weeks
	// bo: no sets yet this week, streak 1 week (a set this week keeps it)
}
