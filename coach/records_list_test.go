package coach

import (
	"strings"
	"testing"
	"time"
)

// Every load keeps its most reps, heaviest first, a few to a line; failed
// sets count for nothing, and warm-ups, drop steps and back-off AMRAPs
// never for 1RM.
func TestRecordsKeepMostRepsAtEveryLoad(t *testing.T) {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var ls []Lift
	for i := range 10 {
		load := 100 - 5*float64(i)
		ls = append(ls, Lift{At: at, Exercise: "bench press", Load: load, Unit: KG, Reps: 2 + i, Kind: KindWork},
			Lift{At: at, Exercise: "bench press", Load: load, Unit: KG, Reps: 1 + i, Kind: KindWork})
	}
	ls = append(ls, Lift{At: at, Exercise: "bench press", Load: 140, Unit: KG, Reps: 0, Kind: KindWork}) // failed
	r := BuildRecords(ls, "bench press", KG, Epley)
	if len(r.RepsAt) != 10 {
		t.Fatalf("%d loads: %+v", len(r.RepsAt), r.RepsAt)
	}
	if r.Heaviest.Load != 100 || r.Sets != 20 {
		t.Errorf("heaviest %v of %d sets: the failed set counted", r.Heaviest.Load, r.Sets)
	}
	text := r.Text(Epley)
	want := "Most reps: 100 kg × 2, 95 kg × 3, 90 kg × 4, 85 kg × 5, 80 kg × 6, 75 kg × 7,\n  70 kg × 8, 65 kg × 9, 60 kg × 10, 55 kg × 11"
	if !strings.HasSuffix(text, want) {
		t.Errorf("records:\n%s\nwant them to end:\n%s", text, want)
	}
	for _, l := range []Lift{
		{At: at, Exercise: "bench press", Load: 95, Unit: KG, Reps: 20, Kind: KindWarmup},
		{At: at, Exercise: "bench press", Load: 90, Unit: KG, Reps: 25, Kind: KindDrop, Technique: "drop"},
		{At: at, Exercise: "bench press", Load: 60, Unit: KG, Reps: 30, Kind: KindAMRAP, Technique: "back_off"},
	} {
		if got := BuildRecords(append(ls[:len(ls):len(ls)], l), "bench press", KG, Epley); got.E1RM != r.E1RM {
			t.Errorf("a %s set of %v × %d set the 1RM: %v, was %v", l.Kind, l.Load, l.Reps, got.E1RM, r.E1RM)
		}
	}
}

// The list of every exercise: one line each, the most recently trained
// first, under the name last written, and nothing for an exercise with
// only failed sets.
func TestRecordsOfEachListsEveryExercise(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	ls := []Lift{
		{At: day(1), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork},
		{At: day(2), Exercise: "back squat", Load: 140, Unit: KG, Reps: 5, Kind: KindWork},
		{At: day(3), Exercise: "Bench Press", Load: 225, Unit: LB, Reps: 3, Kind: KindWork},
		{At: day(3), Exercise: "bench press", Load: 80, Unit: KG, Reps: 10, Kind: KindWork},
		{At: day(3), Exercise: "bench press", Load: 60, Unit: KG, Reps: 15, Kind: KindWork},
		{At: day(4), Exercise: "deadlift", Load: 200, Unit: KG, Reps: 0, Kind: KindWork},
		{At: day(5), Exercise: "pull up", Load: 0, Unit: KG, Reps: 0, Kind: KindWork},
	}
	var histories [][]Lift
	for _, name := range []string{"bench press", "back squat", "deadlift", "pull up"} {
		var h []Lift
		for _, l := range ls {
			if l.SameExercise(name) {
				h = append(h, l)
			}
		}
		histories = append(histories, h)
	}
	rs := RecordsOfEach(histories, KG, Epley)
	var names []string
	for _, r := range rs {
		names = append(names, r.Exercise)
	}
	if got := strings.Join(names, ", "); got != "bench press, back squat" {
		t.Fatalf("exercises: %s", got)
	}
	got := ListText(rs, Epley)
	want := `PRs on 2 exercises, most recently trained first (e1RM by Epley). Every load of one: pr bench press
bench press (4 sets): heaviest 102 kg (225 lb) × 3 · e1RM 116.5 kg · most reps 102 kg (225 lb) × 3, 100 kg × 5, 80 kg × 10 (1 more load)
back squat (1 set): heaviest 140 kg × 5 · e1RM 163.5 kg · most reps 140 kg × 5`
	if got != want {
		t.Errorf("list:\n%s\nwant:\n%s", got, want)
	}
	if got := ListText(nil, Epley); !strings.HasPrefix(got, "No sets yet.") {
		t.Errorf("no sets: %q", got)
	}
}

// The week names what it counted: each drop set and rest-pause by
// exercise and weekday, once per session or log, and the back-off sets
// of every day, not only of the days over the limit.
func TestWeekNamesWhatItCounted(t *testing.T) {
	c := testCoach(t)
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) } // 16 Nov is a Monday
	ls := []Lift{
		// A guided drop set on Monday: its steps count once.
		{At: at(16, 9), Exercise: "bench press", Load: 80, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Session: "s1"},
		{At: at(16, 9), Exercise: "bench press", Load: 67.5, Unit: KG, Reps: 8, Technique: "drop", Kind: KindDrop, Session: "s1"},
		// A rest-pause on Tuesday, logged.
		{At: at(17, 9), Exercise: "back squat", Load: 100, Unit: KG, Reps: 5, Technique: "rest_pause", Kind: KindFailure, Entry: "e2"},
		{At: at(17, 9), Exercise: "back squat", Load: 100, Unit: KG, Reps: 2, Technique: "rest_pause", Kind: KindMini, Entry: "e2"},
		// Two back-off sets on Tuesday, one on Thursday.
		{At: at(17, 10), Exercise: "bench press", Load: 50, Unit: KG, Reps: 20, Technique: "back_off", Kind: KindAMRAP, Session: "s3"},
		{At: at(17, 11), Exercise: "bench press", Load: 50, Unit: KG, Reps: 18, Technique: "back_off", Kind: KindAMRAP, Entry: "e4"},
		{At: at(19, 11), Exercise: "bench press", Load: 50, Unit: KG, Reps: 18, Technique: "back_off", Kind: KindAMRAP, Entry: "e5"},
		// Two logged drop sets on Wednesday, one on an exercise the
		// catalog does not know.
		{At: at(18, 9), Exercise: "leg extension", Load: 60, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: "e6"},
		{At: at(18, 10), Exercise: "leg extension", Load: 60, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: "e7"},
		{At: at(18, 11), Exercise: "Gym 80 Pec Fly", Load: 40, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: "e8"},
	}
	w := c.Week(ls, at(20, 20), time.UTC)
	if len(w.Counted) != 5 {
		t.Fatalf("%d uses counted: %+v", len(w.Counted), w.Counted)
	}
	if w.BackOffDays["2026-11-17"] != 2 || w.BackOffDays["2026-11-19"] != 1 || len(w.BackOffOver) != 0 {
		t.Errorf("back-off days %v, over %v", w.BackOffDays, w.BackOffOver)
	}
	text := w.Text()
	want := "Counted: 4 drop sets (bench press Mon, leg extension Wed 2×, Gym 80 Pec Fly Wed: no muscle group known), 1 rest-pause (back squat Tue); back-off sets per day: Tue 2, Thu 1"
	if !strings.Contains(text, "\n"+want+"\n") {
		t.Errorf("week:\n%s\nwant the line:\n%s", text, want)
	}
	for _, line := range []string{"quads: drop set 2× (limit reached), rest-pause 1×", "chest: drop set 1×"} {
		if !strings.Contains(text, "\n"+line+"\n") {
			t.Errorf("week:\n%s\nwant the line %q", text, line)
		}
	}
	// Days are the lifter's: Monday 23:30 in UTC is Tuesday in Tokyo.
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	late := []Lift{{At: time.Date(2026, 11, 16, 23, 30, 0, 0, time.UTC), Exercise: "bench press", Load: 80, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: "x"}}
	if text := c.Week(late, at(20, 20), tokyo).Text(); !strings.Contains(text, "Counted: 1 drop set (bench press Tue)") {
		t.Errorf("in Tokyo:\n%s", text)
	}
	// Nothing counted: no such line.
	if text := c.Week(nil, at(20, 20), time.UTC).Text(); strings.Contains(text, "Counted") || !strings.Contains(text, "None this week.") {
		t.Errorf("an empty week:\n%s", text)
	}
}
