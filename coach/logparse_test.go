package coach

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// sets is n sets of one load and reps, as a log line reads them.
func sets(n int, exercise string, load float64, u Unit, reps int) []Lift {
	out := make([]Lift, n)
	for i := range out {
		out[i] = Lift{Exercise: exercise, Load: load, Unit: u, Reps: reps, Kind: KindWork}
	}
	return out
}

// with returns ls with f applied to each.
func with(ls []Lift, f func(*Lift)) []Lift {
	for i := range ls {
		f(&ls[i])
	}
	return ls
}

func cat(groups ...[]Lift) []Lift {
	var out []Lift
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func rpe(v float64) func(*Lift) { return func(l *Lift) { l.RPE = v } }

func note(n string) func(*Lift) { return func(l *Lift) { l.Note = n } }

// logCases are log lines as lifters write them and the sets each is;
// FuzzParseLog is seeded from them.
var logCases = []struct {
	in   string
	unit Unit // the lifter's unit
	want []Lift
	day  LogDay
	swap string // the line read the other way round
}{
	// Load x reps x sets, and units anywhere.
	{in: "log bench 100x5x3", want: sets(3, "bench press", 100, KG, 5), swap: "log bench 5x100x3"},
	{in: "log bench 100x5", want: sets(1, "bench press", 100, KG, 5), swap: "log bench 5x100"},
	{in: "log bench 100kgx5", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 100 kg x5", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 100 kg x 5", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 100 x 5", want: sets(1, "bench press", 100, KG, 5), swap: "log bench 5 x 100"},
	{in: "log db curl 15kg x 12 x 3", want: sets(3, "dumbbell curl", 15, KG, 12)},
	{in: "log squat 3 x 5 x 100 kg", want: sets(3, "back squat", 100, KG, 5)},
	{in: "log squat 315lbx5x3", want: sets(3, "back squat", 315, LB, 5)},
	{in: "log bench 225 lbs x 5", want: sets(1, "bench press", 225, LB, 5)},
	{in: "log bench 100 kilos x 5", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 100kgs x5", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 225 pounds x5", want: sets(1, "bench press", 225, LB, 5)},
	{in: "log bench 225#x5", want: sets(1, "bench press", 225, LB, 5)},
	{in: "log bench 67,5kg x 8", want: sets(1, "bench press", 67.5, KG, 8)},
	{in: "log bench 67,5x8", want: sets(1, "bench press", 67.5, KG, 8)},         // no set has 67.5 reps
	{in: "log bench 225x5", unit: LB, want: sets(1, "bench press", 225, LB, 5)}, // nor 225
	{in: "log bench 60x5", unit: LB, want: sets(1, "bench press", 60, LB, 5), swap: "log bench 5x60"},
	// A load, then sets x reps; sets x reps, then the load.
	{in: "log deadlift 180kg 3x5", want: sets(3, "deadlift", 180, KG, 5)},
	{in: "log bench 100kg 3x5", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 3x5 @ 100", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 3x5@100kg", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 3x5 100kg", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 3x5 at 100", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 5x100kg", want: sets(1, "bench press", 100, KG, 5)},
	// In words.
	{in: "log bench 100 kg for 5 reps", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 100kg for 3 sets of 5", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 100kg for 3 sets of 5 reps", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 5 reps at 100", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 5 reps @ 100kg", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 3 sets x 5 reps @ 100kg", want: sets(3, "bench press", 100, KG, 5)},
	{in: "log bench 5 sets of 5 at 100kg", want: sets(5, "bench press", 100, KG, 5)},
	// Several groups on a line; more reps at the load before.
	{in: "log bench 100x5 90x8", want: cat(sets(1, "bench press", 100, KG, 5), sets(1, "bench press", 90, KG, 8)), swap: "log bench 5x100 8x90"},
	{in: "log bench 100kg 3x5 90kg 2x8", want: cat(sets(3, "bench press", 100, KG, 5), sets(2, "bench press", 90, KG, 8))},
	{in: "log bench 3x5 100kg 2x8 90kg", want: cat(sets(3, "bench press", 100, KG, 5), sets(2, "bench press", 90, KG, 8))},
	{in: "log bench 100x5 90kg 8", want: cat(sets(1, "bench press", 100, KG, 5), sets(1, "bench press", 90, KG, 8)), swap: "log bench 5x100 90kg 8"},
	{in: "log squat 140kg 5 5 4", want: cat(sets(2, "back squat", 140, KG, 5), sets(1, "back squat", 140, KG, 4))},
	{in: "log squat 140kg 5", want: sets(1, "back squat", 140, KG, 5)},
	{in: "log bench 100 5 90 8", want: cat(sets(1, "bench press", 100, KG, 5), sets(1, "bench press", 90, KG, 8))},
	{in: "log bench 100kg x5 225lb x3", want: cat(sets(1, "bench press", 100, KG, 5), sets(1, "bench press", 225, LB, 3))},
	{in: "log bench x5 100kg", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 100 kg for 5 reps @8 then 90kg x 8", want: cat(with(sets(1, "bench press", 100, KG, 5), rpe(8)), sets(1, "bench press", 90, KG, 8))},
	{in: "log bench 60kg 12, 10, 8", want: cat(sets(1, "bench press", 60, KG, 12), sets(1, "bench press", 60, KG, 10), sets(1, "bench press", 60, KG, 8))},
	{in: "log bench 2x5 @ 60kg, 3x5 @ 80kg", want: cat(sets(2, "bench press", 60, KG, 5), sets(3, "bench press", 80, KG, 5))},
	// The one reading a line can have.
	{in: "log bench 5x67.5", want: sets(1, "bench press", 67.5, KG, 5)},
	{in: "log bench 5x150", want: sets(1, "bench press", 150, KG, 5)},
	// The reading that needs asking about (LogDoubt): read as written.
	{in: "log bench 5x100", want: sets(1, "bench press", 5, KG, 100), swap: "log bench 100x5"},
	{in: "log bench 3x5", want: sets(1, "bench press", 3, KG, 5), swap: "log bench 5x3"},
	// RPE and RIR.
	{in: "log squat 140kg 5 @8", want: with(sets(1, "back squat", 140, KG, 5), rpe(8))},
	{in: "log squat 140kg 5 @8.5", want: with(sets(1, "back squat", 140, KG, 5), rpe(8.5))},
	{in: "log squat 140kg 5 @8,5", want: with(sets(1, "back squat", 140, KG, 5), rpe(8.5))},
	{in: "log squat 140kg 5 rpe 8", want: with(sets(1, "back squat", 140, KG, 5), rpe(8))},
	{in: "log squat 140kg 5 rpe8", want: with(sets(1, "back squat", 140, KG, 5), rpe(8))},
	{in: "log squat 140kg 5 rir 2", want: with(sets(1, "back squat", 140, KG, 5), rpe(8))},
	{in: "log squat 140kg 5 2 rir", want: with(sets(1, "back squat", 140, KG, 5), rpe(8))},
	{in: "log squat 140kg 5 rir0", want: with(sets(1, "back squat", 140, KG, 5), rpe(10))},
	{in: "log bench 100x5 @8 105x3 @9", want: cat(with(sets(1, "bench press", 100, KG, 5), rpe(8)), with(sets(1, "bench press", 105, KG, 3), rpe(9))), swap: "log bench 5x100 @8 105x3 @9"},
	{in: "log curl 20x12 rpe 9", want: with(sets(1, "barbell curl", 20, KG, 12), rpe(9)), swap: "log curl 12x20 rpe 9"},
	// Notes keep their case.
	{in: `log bench 100kg 5 "Felt heavy"`, want: with(sets(1, "bench press", 100, KG, 5), note("Felt heavy"))},
	{in: "log bench 100kg 5 “felt heavy”", want: with(sets(1, "bench press", 100, KG, 5), note("felt heavy"))},
	{in: "log bench 100kg 5 # felt heavy, left shoulder", want: with(sets(1, "bench press", 100, KG, 5), note("felt heavy, left shoulder"))},
	{in: "log bench 100kg 5 #felt heavy", want: with(sets(1, "bench press", 100, KG, 5), note("felt heavy"))},
	{in: "log bench 100kg 5 -- felt heavy", want: with(sets(1, "bench press", 100, KG, 5), note("felt heavy"))},
	{in: "log bench 100kg 5 — felt heavy", want: with(sets(1, "bench press", 100, KG, 5), note("felt heavy"))},
	{in: `log bench "paused" 100kg 3x5`, want: with(sets(3, "bench press", 100, KG, 5), note("paused"))},
	{in: "log bench 100x5 # easy", want: with(sets(1, "bench press", 100, KG, 5), note("easy")), swap: "log bench 5x100 # easy"},
	// Body weight: the load is what is added, negative for help.
	{in: "log pull up 10", want: sets(1, "pull up", 0, KG, 10)},
	{in: "log pull up 3x10", want: sets(3, "pull up", 0, KG, 10)},
	{in: "log pull up 10 8 6", want: cat(sets(1, "pull up", 0, KG, 10), sets(1, "pull up", 0, KG, 8), sets(1, "pull up", 0, KG, 6))},
	{in: "log dips +20kg x8", want: sets(1, "dip", 20, KG, 8)},
	{in: "log dips +20kg 8 8 6", want: cat(sets(2, "dip", 20, KG, 8), sets(1, "dip", 20, KG, 6))},
	{in: "log dips +20 x 8", want: sets(1, "dip", 20, KG, 8)},
	{in: "log dip +45lb 3x5", want: sets(3, "dip", 45, LB, 5)},
	{in: "log pull up -30kg x8", want: sets(1, "pull up", -30, KG, 8)},
	{in: "log chin up bw 8", want: sets(1, "chin up", 0, KG, 8)},
	{in: "log chin up bwx8", want: sets(1, "chin up", 0, KG, 8)},
	{in: "log chin up bw 3x8", want: sets(3, "chin up", 0, KG, 8)},
	{in: "log pull up bw+10kg x 5", want: sets(1, "pull up", 10, KG, 5)},
	{in: "log pull up 10 +10kg 6", want: cat(sets(1, "pull up", 0, KG, 10), sets(1, "pull up", 10, KG, 6))},
	{in: "log pull ups 20x5", want: sets(1, "pull up", 20, KG, 5)},
	{in: "log push up 25", unit: LB, want: sets(1, "push up", 0, LB, 25)},
	// A failed set.
	{in: "log bench 100x0", want: with(sets(1, "bench press", 100, KG, 0), func(l *Lift) { l.Kind = KindFailed }), swap: ""},
	{in: "log bench 100kg 0", want: with(sets(1, "bench press", 100, KG, 0), func(l *Lift) { l.Kind = KindFailed })},
	{in: "log bench 100kg x0", want: with(sets(1, "bench press", 100, KG, 0), func(l *Lift) { l.Kind = KindFailed })},
	{in: "log bench 100kg 5 5 0", want: cat(sets(2, "bench press", 100, KG, 5), with(sets(1, "bench press", 100, KG, 0), func(l *Lift) { l.Kind = KindFailed }))},
	{in: "log pull up 0", want: with(sets(1, "pull up", 0, KG, 0), func(l *Lift) { l.Kind = KindFailed })},
	// A past day, anywhere on the line.
	{in: "log bench 100kg 5 yesterday", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Back: 1}},
	{in: "log yesterday bench 100kg 5", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Back: 1}},
	{in: "log bench 100kg 5 today", want: sets(1, "bench press", 100, KG, 5)},
	{in: "log bench 100kg 5 monday", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Weekday: time.Monday, WeekdaySet: true}},
	{in: "log bench 100kg 5 on mon", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Weekday: time.Monday, WeekdaySet: true}},
	{in: "log bench 100kg 5 last thurs", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Weekday: time.Thursday, WeekdaySet: true}},
	{in: "log bench 100kg 5 3 days ago", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Back: 3}},
	{in: "log bench 100kg 5 2026-11-28", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Year: 2026, Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 28/11", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 11/28", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 5/6", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Month: time.June, Day: 5}},
	{in: "log bench 225lb 5 5/6", unit: LB, want: sets(1, "bench press", 225, LB, 5), day: LogDay{Month: time.May, Day: 6}},
	{in: "log bench 100kg 5 28/11/2025", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Year: 2025, Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 28.11.", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 28.11.2025", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Year: 2025, Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 nov 28", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 28 nov", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Month: time.November, Day: 28}},
	{in: "log bench 100kg 5 28th November 2025", want: sets(1, "bench press", 100, KG, 5), day: LogDay{Year: 2025, Month: time.November, Day: 28}},
	// Technique sets, as before.
	{in: "log bench 80x10 67.5x8 57.5x6 drop", want: []Lift{
		{Exercise: "bench press", Load: 80, Unit: KG, Reps: 10, Kind: KindFailure, Technique: "drop"},
		{Exercise: "bench press", Load: 67.5, Unit: KG, Reps: 8, Kind: KindDrop, Technique: "drop"},
		{Exercise: "bench press", Load: 57.5, Unit: KG, Reps: 6, Kind: KindDrop, Technique: "drop"},
	}, swap: "log bench 10x80 67.5x8 57.5x6 drop"}, // a candidate only: it does not parse
	{in: "log bench 80kg x10 67.5kg x8 drop set", want: []Lift{
		{Exercise: "bench press", Load: 80, Unit: KG, Reps: 10, Kind: KindFailure, Technique: "drop"},
		{Exercise: "bench press", Load: 67.5, Unit: KG, Reps: 8, Kind: KindDrop, Technique: "drop"},
	}},
	{in: "log bench 60kg x12 backoff", want: with(sets(1, "bench press", 60, KG, 12), func(l *Lift) { l.Kind, l.Technique = KindAMRAP, "back_off" })},
	{in: "/log@SpotterBot Bench 100 KG x5", want: sets(1, "bench press", 100, KG, 5)},
}

func TestParseLogNotations(t *testing.T) {
	c := testCoach(t)
	for _, tc := range logCases {
		t.Run(tc.in, func(t *testing.T) {
			cmd, err := c.Parse(tc.in, tc.unit)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if cmd.Kind != KindLog || len(cmd.Lifts) != len(tc.want) {
				t.Fatalf("kind %v, lifts %+v; want %+v", cmd.Kind, cmd.Lifts, tc.want)
			}
			for i, got := range cmd.Lifts {
				if got != tc.want[i] {
					t.Errorf("set %d: %+v\nwant   %+v", i, got, tc.want[i])
				}
			}
			if cmd.Log.Day != tc.day {
				t.Errorf("day %v, want %v", cmd.Log.Day, tc.day)
			}
			if cmd.Log.Swap != tc.swap {
				t.Errorf("swap %q, want %q", cmd.Log.Swap, tc.swap)
			}
			if tc.swap != "" && !strings.HasSuffix(tc.swap, " drop") {
				if _, err := c.Parse(tc.swap, tc.unit); err != nil {
					t.Errorf("the swapped line %q: %v", tc.swap, err)
				}
			}
		})
	}
}

// RIR is read as an RPE, and the reply says so.
func TestParseLogRIRReading(t *testing.T) {
	c := testCoach(t)
	cmd, err := c.Parse("log squat 140kg 5 rir 1.5", KG)
	if err != nil || cmd.Lifts[0].RPE != 8.5 || len(cmd.Log.Readings) != 1 || cmd.Log.Readings[0] != "1.5 reps in reserve (RIR) is RPE 8.5." {
		t.Fatalf("Parse = %+v, %+v, %v", cmd.Lifts, cmd.Log, err)
	}
}

// logMistakes are wrong log lines, a piece of the one line that says
// what is wrong, and the example after it ("" for any that parses).
var logMistakes = []struct{ in, want, example string }{
	{"log bench", "What did you lift", "log bench press 100x5x5"},
	{"log bench 100", "100 kg: how many reps? Write them after the load: 100x5.", "log bench press 100x5"},
	{"log bench 100kg", "100 kg: how many reps?", "log bench press 100kg x5"},
	{"log dips +20kg", "+20 kg: how many reps?", "log dip +20kg x5"},
	{"log 100x5", "Which exercise?", "log bench press 100x5"},
	{"log benhc 100x5", "did you mean bench press", "log bench press 100x5"},
	{"log benhc 100kg for 5 reps yesterday", "did you mean bench press", "log bench press 100kg for 5 reps yesterday"},
	{"log pul up 10", "did you mean pull up", "log pull up 10"},
	{"log bench 100x5 @11", "RPE is written @8", ""},
	{"log bench @8 100x5", "RPE is written @8", ""},
	{"log squat 140kg 5 rir 12", "Reps in reserve are written rir 2", ""},
	{"log squat 140kg 5 rpe", "RPE is written @8", ""},
	{"log bench 100x5x99", "At most 50 sets", ""},
	{"log bench 100x5x30 90x5x30", "At most 50 sets", ""},
	{"log bench 80x10 90x8 drop", "lighter than the one before", ""},
	{"log bench 80x10 60x8 drop rp", "One technique per log line", ""},
	{"log bench 100xx5", "load x reps x sets", ""},
	{"log bench 100x5x3x2", "load x reps x sets", ""},
	{"log bench 100x", "A set ends with its reps", ""},
	{"log bench 100 x bench", "a number comes after x", ""},
	{"log bench 1e309x5", "write a set as", ""},
	{"log bench 5000x1", "not a load I can log", ""},
	{"log bench 100x5 extra words?", "I don't know the exercise", ""},
	{"log bench 100x5 felt easy", `I don't know the exercise "bench felt easy"; if "felt easy" is a note, write it after # or in quotes.`, "log bench 100x5 # felt easy"},
	{"log bench 100kg 5 felt easy yesterday", `if "felt easy" is a note`, "log bench 100kg 5 yesterday # felt easy"},
	{"log squat 3 x 5 kg", "write the unit right after the load", ""},
	{"log bench 100kg x 5.5", "Reps are a whole number", ""},
	{"log bench 100kg 3.5x5", "Sets are a whole number", ""},
	{"log bench 100x0x3", "A failed set is logged one at a time", ""},
	{"log bench 3 sets of 5", "Which load?", ""},
	{"log bench kg 100x5", "write the unit right after the load", ""},
	{"log bench 3x5 kg", "write the unit right after the load", ""},
	{"log bench reps 5", "write the number before it", ""},
	{"log bench bw 5", "bw is the body alone", ""},
	{"log bench -20kg x5", "a minus is help", ""},
	{"log bench 100x5 yesterday mon", "One day per log line", ""},
	{"log bench 100x5 31/2", "There is no 31 Feb", ""},
	{"log bench 100x5 2025-02-29", "There is no 29 Feb in 2025", ""},
	{"log bench 100x5 45/11", "not a date I can read", ""},
	{"log bench 100x5 2026-13-01", "not a date I can read", ""},
	{"log bench 100x5 nov 28 1900", "1900 is not a year", ""},
	{"log bench 100x5 9999 days ago", "more than ten years ago", ""},
	{`log bench 100x5 "` + strings.Repeat("very ", 70) + `heavy"`, "A note is at most 300 characters", ""},
}

func TestParseLogMistakes(t *testing.T) {
	c := testCoach(t)
	for _, tc := range logMistakes {
		_, err := c.Parse(tc.in, KG)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) = %v, want a *coach.Error", tc.in, err)
			continue
		}
		if !strings.Contains(e.Msg, tc.want) || strings.Contains(e.Error(), "\n") {
			t.Errorf("Parse(%q) = %q, want one line saying %q", tc.in, e.Msg, tc.want)
		}
		if tc.example != "" && e.Example != tc.example {
			t.Errorf("Parse(%q): Try: %q, want %q", tc.in, e.Example, tc.example)
		}
	}
}

// The date of a line is checked when the hub gives it a clock: a day to
// come is refused (TestLogDayAt).
func TestParseLogMistakesEveryExampleParses(t *testing.T) {
	c := testCoach(t)
	for _, u := range []Unit{KG, LB} {
		for _, tc := range logMistakes {
			_, err := c.Parse(tc.in, u)
			var e *Error
			if !errors.As(err, &e) || e.Example == "" {
				t.Errorf("Parse(%q): %v, with no example", tc.in, err)
				continue
			}
			if _, err := c.Parse(e.Example, u); err != nil {
				t.Errorf("Parse(%q) in %v: the example %q does not parse: %v", tc.in, u, e.Example, err)
			}
		}
	}
}

// "Try: log bench bench press" was once the example for a misspelt
// exercise: a log example names the exercise once, before its sets.
func TestReplaceExerciseInLogExamples(t *testing.T) {
	for _, tt := range []struct{ ex, name, want string }{
		{"log bench 100x5x5", "bench press", "log bench press 100x5x5"},
		{"log bench press 100x5x5", "incline bench press", "log incline bench press 100x5x5"},
		{"log squat 140kg 5 @8", "back squat", "log back squat 140kg 5 @8"},
		{"log pull up 10", "chin up", "log chin up 10"},
		{"log chin up bw 8", "pull up", "log pull up bw 8"},
		{"log bench", "bench press", "log bench press"},
		{"drop 80kg bench", "bench press", "drop 80kg bench press"},
	} {
		if got := replaceExercise(tt.ex, tt.name); got != tt.want {
			t.Errorf("replaceExercise(%q, %q) = %q, want %q", tt.ex, tt.name, got, tt.want)
		}
	}
}

// LogDay.At stamps a past day at noon in the lifter's zone, today now,
// and refuses a day to come.
func TestLogDayAt(t *testing.T) {
	// Wednesday 2 Dec 2026, 06:30 UTC: Tuesday evening in Los Angeles,
	// Wednesday afternoon in Tokyo.
	now := time.Date(2026, 12, 2, 6, 30, 0, 0, time.UTC)
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skipf("no zone %s: %v", name, err)
		}
		return loc
	}
	la, tokyo := zone("America/Los_Angeles"), zone("Asia/Tokyo")
	for _, tt := range []struct {
		day  LogDay
		loc  *time.Location
		want string // the local date, or "now", or an error
	}{
		{LogDay{}, time.UTC, "now"},
		{LogDay{Back: 1}, time.UTC, "2026-12-01 12:00 UTC"},
		{LogDay{Back: 1}, la, "2026-11-30 12:00 PST"},
		{LogDay{Back: 1}, tokyo, "2026-12-01 12:00 JST"},
		{LogDay{Weekday: time.Wednesday, WeekdaySet: true}, time.UTC, "2026-11-25 12:00 UTC"}, // today excluded
		{LogDay{Weekday: time.Tuesday, WeekdaySet: true}, time.UTC, "2026-12-01 12:00 UTC"},
		{LogDay{Weekday: time.Tuesday, WeekdaySet: true}, la, "2026-11-24 12:00 PST"}, // it is Tuesday there
		{LogDay{Weekday: time.Monday, WeekdaySet: true}, la, "2026-11-30 12:00 PST"},
		{LogDay{Month: time.November, Day: 28}, time.UTC, "2026-11-28 12:00 UTC"},
		{LogDay{Month: time.December, Day: 2}, time.UTC, "now"},
		{LogDay{Month: time.December, Day: 2}, la, "2025-12-02 12:00 PST"}, // still the 1st there: last year's
		{LogDay{Month: time.December, Day: 25}, time.UTC, "2025-12-25 12:00 UTC"},
		{LogDay{Year: 2026, Month: time.December, Day: 1}, time.UTC, "2026-12-01 12:00 UTC"},
		{LogDay{Year: 2026, Month: time.December, Day: 3}, time.UTC, "still to come"},
		{LogDay{Year: 2026, Month: time.December, Day: 2}, la, "still to come"},
		{LogDay{Year: 2025, Month: time.February, Day: 29}, time.UTC, "There is no 29 Feb in 2025"},
		{LogDay{Month: time.February, Day: 29}, time.UTC, "2024-02-29 12:00 UTC"},
		{LogDay{Month: time.February, Day: 30}, time.UTC, "There is no 30 Feb"},
		{LogDay{Back: 3660}, time.UTC, "2016-11-24 12:00 UTC"},
	} {
		got, err := tt.day.At(now, tt.loc)
		var s string
		switch {
		case err != nil:
			s = err.Error()
		case got.Equal(now):
			s = "now"
		default:
			s = got.In(tt.loc).Format("2006-01-02 15:04 MST")
		}
		if !strings.Contains(s, tt.want) {
			t.Errorf("%v in %v: %s, want %s", tt.day, tt.loc, s, tt.want)
		}
		if err == nil && got.After(now) {
			t.Errorf("%v in %v: %v is after now", tt.day, tt.loc, got)
		}
	}
}

// The questions a log line that looks like a typo gets, and the lines
// that get none.
func TestLogDoubt(t *testing.T) {
	c := testCoach(t)
	for _, tt := range []struct {
		in    string
		unit  Unit
		best  float64
		text  string // "" for no question
		other string
	}{
		{"log bench 5x100", KG, 0, "Bench press 5 kg × 100? 100 reps is more than one set usually holds, and 5 kg is lighter than the empty bar (20 kg). Did you mean 100 kg × 5?", "log bench 100x5"},
		{"log bench 5x100 yesterday", KG, 0, "Bench press 5 kg × 100? 100 reps is more than one set usually holds, and 5 kg is lighter than the empty bar (20 kg). Did you mean 100 kg × 5?", "log bench 100x5 yesterday"},
		{"log bench 10x60", LB, 0, "Bench press 10 lb × 60? 60 reps is more than one set usually holds, and 10 lb is lighter than the empty bar (45 lb). Did you mean 60 lb × 10?", "log bench 60x10"},
		{"log bench 3x5", KG, 0, "Bench press 3 kg × 5? 3 kg is lighter than the empty bar (20 kg).", ""},
		{"log bench 800x1", KG, 0, "Bench press 800 kg × 1? 800 kg is more than anyone has ever benched.", ""},
		{"log bench 200kg 5", KG, 116.67, "Bench press 200 kg × 5? 200 kg is far beyond your best estimated 1RM (116.5 kg).", ""},
		{"log bench 5x200", KG, 116.67, "Bench press 5 kg × 100", ""}, // 200 reps cannot be: read as 200 kg × 5, and asked about
		{"log dips +250kg x 3", KG, 0, "Dip +250 kg × 3? +250 kg is more than anyone has added to a dip.", ""},
		{"log pull up -200kg x 3", KG, 0, "Pull up −200 kg (assisted) × 3? 200 kg of help is more than a body weighs.", ""},
		{"log bench 60kg 60", KG, 0, "Bench press 60 kg × 60? 60 reps is more than one set usually holds.", ""},
		// No question.
		{"log bench 100x5", KG, 0, "", ""},
		{"log bench 10kg x 15", KG, 0, "", ""}, // a technique bar, written with its unit
		{"log bench 170kg x 1", KG, 116.67, "", ""},
		{"log push up 60", KG, 0, "", ""},
		{"log pull up 3x10", KG, 0, "", ""},
		{"log dips +40kg x5", KG, 0, "", ""},
		{"log leg extension 5x12", KG, 0, "", ""}, // a stack has no bar
		{"log bench 100x0", KG, 0, "", ""},
	} {
		cmd, err := c.Parse(tt.in, tt.unit)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if tt.in == "log bench 5x200" {
			// The only reading is 200 kg × 5: far beyond the estimate.
			q, ok := c.LogDoubt(cmd, tt.unit, tt.best)
			if !ok || !strings.HasPrefix(q.Text, "Bench press 200 kg × 5?") {
				t.Errorf("%s: %+v", tt.in, q)
			}
			continue
		}
		q, ok := c.LogDoubt(cmd, tt.unit, tt.best)
		if ok != (tt.text != "") || q.Text != tt.text || q.Other != tt.other {
			t.Errorf("LogDoubt(%q) = %+v, %v\nwant text %q, other %q", tt.in, q, ok, tt.text, tt.other)
		}
	}
}

// A body-weight set is never an estimate of a 1RM, and a failed set is
// no record of any kind.
func TestBodyWeightAndFailedRecords(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	hist := []Lift{
		{At: at(1), Exercise: "dip", Load: 0, Unit: KG, Reps: 12, Kind: KindWork},
		{At: at(2), Exercise: "dip", Load: 20, Unit: KG, Reps: 8, Kind: KindWork},
		{At: at(3), Exercise: "dip", Load: -20, Unit: KG, Reps: 15, Kind: KindWork},
		{At: at(4), Exercise: "dip", Load: 40, Unit: KG, Reps: 0, Kind: KindFailed},
	}
	for _, l := range hist {
		if l.CountsFor1RM() {
			t.Errorf("%+v counts for 1RM", l)
		}
	}
	r := BuildRecords(hist, "dip", KG, Epley)
	if !r.BodyWeight || r.BestE1RM != nil || r.Heaviest == nil || r.Heaviest.Load != 20 || r.Sets != 3 {
		t.Fatalf("records %+v", r)
	}
	want := "PRs, dip (3 sets)\nHeaviest added load: +20 kg × 8 on 2 Nov 2026\nMost reps: BW × 12, +20 kg × 8, −20 kg (assisted) × 15"
	if got := r.Text(Epley); got != want {
		t.Errorf("Text:\n%s\nwant:\n%s", got, want)
	}
	if _, ok := BestEstimate(hist, "dip", KG, Epley, at(5)); ok {
		t.Error("an estimate from body-weight sets")
	}
	added := []Lift{{At: at(5), Exercise: "dip", Load: 0, Unit: KG, Reps: 14, Kind: KindWork}, {At: at(5), Exercise: "dip", Load: 25, Unit: KG, Reps: 5, Kind: KindWork}}
	got := NewRecords(hist, added, KG, Epley)
	if strings.Join(got, "\n") != "New PR, heaviest added load on dip: +25 kg (was +20 kg).\nNew PR, most reps at body weight on dip: 14 (was 12)." {
		t.Errorf("NewRecords = %q", got)
	}
	// In lb, an added load converts.
	if got := NewRecords(hist, added[1:], LB, Epley); len(got) != 1 || got[0] != "New PR, heaviest added load on dip: +55 lb (was +44 lb)." {
		t.Errorf("NewRecords in lb = %q", got)
	}
	// A failed set is no heaviest load, and beats no rep record.
	bench := []Lift{{At: at(1), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork}}
	failed := []Lift{{At: at(2), Exercise: "bench press", Load: 120, Unit: KG, Reps: 0, Kind: KindFailed}}
	if got := NewRecords(bench, failed, KG, Epley); len(got) != 0 {
		t.Errorf("a failed set set %q", got)
	}
	if r := BuildRecords(append(bench, failed...), "bench press", KG, Epley); r.Heaviest.Load != 100 || r.Sets != 1 {
		t.Errorf("records with a failed set: %+v", r)
	}
	if got := (Records{Exercise: "pull up", BodyWeight: true}).Text(Epley); got != "No sets of pull up yet. Log one: log pull up 10" {
		t.Errorf("no sets: %q", got)
	}
}

// FuzzParseLog: whatever a log line says, Parse answers with sets that
// can be stored or one line that says what is wrong, and a swap that
// parses.
func FuzzParseLog(f *testing.F) {
	for _, tc := range logCases {
		f.Add(tc.in)
	}
	for _, tc := range logMistakes {
		f.Add(tc.in)
	}
	c := testCoach(f)
	f.Fuzz(func(t *testing.T, in string) {
		for _, u := range []Unit{KG, LB} {
			cmd, err := c.Parse(in, u)
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || strings.Contains(e.Error(), "\n") {
					t.Fatalf("Parse(%q): %v", in, err)
				}
				continue
			}
			if cmd.Kind != KindLog {
				continue
			}
			if len(cmd.Lifts) == 0 || len(cmd.Lifts) > maxLogSets {
				t.Fatalf("Parse(%q): %d sets", in, len(cmd.Lifts))
			}
			for _, l := range cmd.Lifts {
				if l.Reps < 0 || l.Reps > maxReps || Convert(l.Load, l.Unit, KG) > MaxLoad || Convert(-l.Load, l.Unit, KG) > MaxLoad ||
					l.Load < 0 && cmd.Exercise.Equipment != BodyWeight || l.RPE < 0 || l.RPE > 10 || (l.Reps == 0) != (l.Kind == KindFailed) {
					t.Fatalf("Parse(%q): %+v", in, l)
				}
			}
			if s := cmd.Log.Swap; s != "" {
				if _, err := c.Parse(s, u); err != nil {
					var e *Error
					if !errors.As(err, &e) {
						t.Fatalf("Parse(%q): swap %q: %v", in, s, err)
					}
				}
			}
			if _, err := cmd.Log.Day.At(time.Date(2026, 12, 2, 6, 30, 0, 0, time.UTC), time.UTC); err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("Parse(%q): day %v: %v", in, cmd.Log.Day, err)
				}
			}
			c.LogDoubt(cmd, u, 100)
		}
	})
}

func ExampleCoach_LogDoubt() {
	c, _ := New(Config{})
	cmd, _ := c.Parse("log bench 5x100", KG)
	q, _ := c.LogDoubt(cmd, KG, 0)
	fmt.Println(q.Text)
	fmt.Println(q.Other)
	// Output:
	// Bench press 5 kg × 100? 100 reps is more than one set usually holds, and 5 kg is lighter than the empty bar (20 kg). Did you mean 100 kg × 5?
	// log bench 100x5
}

func ExampleLogDay_At() {
	c, _ := New(Config{})
	cmd, _ := c.Parse("log bench 100kg 5 yesterday", KG)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	now := time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC) // 10:00 in Tokyo
	at, _ := cmd.Log.Day.At(now, tokyo)
	fmt.Println(at.In(tokyo).Format("Mon 2 Jan 15:04"))
	// Output:
	// Tue 1 Dec 12:00
}

// Every example a log mistake can show parses, as written and in lb.
func TestLogErrorExamplesParse(t *testing.T) {
	c := testCoach(t)
	for _, ex := range []string{
		exLog, exRPE, exDrop, "log bench 100kg 3x5", "log bench 100kg for 3 sets of 5", "log bench 100x5 3 days ago",
		"log bench 100x5 nov 28", "log bench 100x5 yesterday", "log bench 5 reps at 100kg", "log bench 60x12 backoff",
		"log squat 140kg 5 rir 2", `log bench 100x5 "felt heavy"`,
	} {
		for _, u := range []Unit{KG, LB} {
			if cmd, err := c.Parse(ex, u); err != nil || cmd.Kind != KindLog {
				t.Errorf("Parse(%q, %v): %v", ex, u, err)
			}
		}
	}
}
