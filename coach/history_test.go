package coach

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestParseLog(t *testing.T) {
	c := testCoach(t)
	cases := []struct {
		in    string
		unit  Unit
		loads []float64
		reps  []int
		rpe   float64
		kind  string
		tech  string
	}{
		{"log bench 100x5x5", KG, []float64{100, 100, 100, 100, 100}, []int{5, 5, 5, 5, 5}, 0, KindWork, ""},
		{"log bench 80x10 67.5x8 57.5x6 drop", KG, []float64{80, 67.5, 57.5}, []int{10, 8, 6}, 0, KindFailure, "drop"},
		{"log squat 140kg 5 @8", KG, []float64{140}, []int{5}, 8, KindWork, ""},
		{"log squat 315lbx5x3", LB, []float64{315, 315, 315}, []int{5, 5, 5}, 0, KindWork, ""},
		{"/log@SpotterBot bench 100 kg x5", KG, []float64{100}, []int{5}, 0, KindWork, ""},
		{"log curl 20x12 rpe 9", KG, []float64{20}, []int{12}, 9, KindWork, ""},
		{"log bench 60x12 backoff", KG, []float64{60}, []int{12}, 0, KindAMRAP, "back_off"},
		{"log bench back-off 60x12x2", KG, []float64{60, 60}, []int{12, 12}, 0, KindAMRAP, "back_off"},
		{"log squat 70x15 goto", KG, []float64{70}, []int{15}, 0, KindAMRAP, "back_off"},
		{"log bench 100x8 100x3 100x2 rp", KG, []float64{100, 100, 100}, []int{8, 3, 2}, 0, KindFailure, "rest_pause"},
		{"log bench rest pause 100x8 100x3", KG, []float64{100, 100}, []int{8, 3}, 0, KindFailure, "rest_pause"},
	}
	for _, tc := range cases {
		cmd, err := c.Parse(tc.in, KG)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if cmd.Kind != KindLog || len(cmd.Lifts) != len(tc.loads) {
			t.Errorf("%q: kind %v, %d lifts", tc.in, cmd.Kind, len(cmd.Lifts))
			continue
		}
		for i, l := range cmd.Lifts {
			if l.Load != tc.loads[i] || l.Reps != tc.reps[i] || l.Unit != tc.unit || l.Exercise == "" {
				t.Errorf("%q set %d: %+v", tc.in, i, l)
			}
		}
		if l := cmd.Lifts[0]; l.RPE != tc.rpe || l.Kind != tc.kind || l.Technique != tc.tech {
			t.Errorf("%q: rpe %v kind %q tech %q", tc.in, l.RPE, l.Kind, l.Technique)
		}
	}
	for in, want := range map[string]string{
		"log bench":                    "What did you lift",
		"log bench 100":                "how many reps",
		"log 100x5":                    "Which exercise",
		"log bench 100x5 @11":          "RPE is written @8",
		"log bench 100x5x99":           "At most 50 sets",
		"log bench 80x10 90x8 drop":    "lighter than the one before",
		"log bench 80x10 60x8 drop rp": "One technique per log line",
		"log bench 100xx5":             "load x reps x sets",
		"log benhc 100x5":              "did you mean bench press",
		"log bench 100kg x 5.5":        "Reps are a whole number", // 100x0 is a failed set: logparse_test.go
		"log bench 1e309x5":            "write a set as",
		"log bench 5000x1":             "not a load I can log",
		"log bench 100x5 extra words?": "I don't know the exercise",
	} {
		_, err := c.Parse(in, KG)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestLoggedTechniqueSetsKinds(t *testing.T) {
	c := testCoach(t)
	kinds := func(in string) []string {
		cmd, err := c.Parse(in, KG)
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		var out []string
		for _, l := range cmd.Lifts {
			out = append(out, l.Kind)
		}
		return out
	}
	if got := strings.Join(kinds("log bench 100x8 100x3 100x2 rp"), " "); got != "failure mini mini" {
		t.Errorf("rest-pause kinds: %s", got)
	}
	if got := strings.Join(kinds("log bench 80x10 67.5x8 drop"), " "); got != "failure drop" {
		t.Errorf("drop kinds: %s", got)
	}
	if got := strings.Join(kinds("log bench 60x12x3 backoff"), " "); got != "amrap amrap amrap" {
		t.Errorf("back-off kinds: %s", got)
	}
	// A logged back-off set never sets a 1RM record, however many reps.
	cmd, _ := c.Parse("log bench 60x30 backoff", KG)
	l := cmd.Lifts[0]
	l.At = day(1, 9)
	if l.CountsFor1RM() {
		t.Error("a logged back-off set counts for 1RM")
	}
	hist := []Lift{{At: day(1, 8), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork}, l}
	if r := BuildRecords(hist, "bench press", KG, Epley); r.BestE1RM == nil || r.BestE1RM.Load != 100 {
		t.Errorf("best 1RM from %+v", r.BestE1RM)
	}
	if e, _ := BestEstimate(hist, "bench press", KG, Epley, day(2, 9)); e.From.Load != 100 {
		t.Errorf("estimate from %+v", e.From)
	}
}

func day(d int, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }

func TestRecordsExcludeDropStepsAndBackOffAMRAPs(t *testing.T) {
	history := []Lift{
		{At: day(1, 9), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork},
		// A drop step of many reps would give a higher Epley estimate: 90*(1+12/30) = 126.
		{At: day(2, 9), Exercise: "bench press", Load: 90, Unit: KG, Reps: 12, Kind: KindDrop, Technique: "drop"},
		// So would a back-off AMRAP: 60*(1+30/30) = 120.
		{At: day(3, 9), Exercise: "bench press", Load: 60, Unit: KG, Reps: 30, Kind: KindAMRAP, Technique: "back_off"},
		{At: day(4, 9), Exercise: "bench press", Load: 102.5, Unit: KG, Reps: 2, Kind: KindWork},
		{At: day(4, 9), Exercise: "back squat", Load: 300, Unit: LB, Reps: 5, Kind: KindWork},
	}
	r := BuildRecords(history, "bench press", KG, Epley)
	if r.Sets != 4 || r.Heaviest.Load != 102.5 {
		t.Fatalf("sets %d heaviest %+v", r.Sets, r.Heaviest)
	}
	if want := 100 * (1 + 5.0/30); math.Abs(r.E1RM-want) > 1e-9 || r.BestE1RM.Load != 100 {
		t.Errorf("best 1RM %v from %+v, want %v from 100 x 5", r.E1RM, r.BestE1RM, want)
	}
	if r.RepsAt[0].Load != 102.5 || r.RepsAt[1].Reps != 5 {
		t.Errorf("rep records %+v", r.RepsAt)
	}
	// Records in another unit convert.
	sq := BuildRecords(history, "back squat", KG, Epley)
	if math.Abs(sq.Heaviest.LoadIn(KG)-300*KGPerLB) > 1e-9 {
		t.Errorf("lb set in kg: %v", sq.Heaviest.LoadIn(KG))
	}
	// Brzycki names and uses its own formula.
	rb := BuildRecords(history, "bench press", KG, Brzycki)
	if want := 100 * 36.0 / 32; math.Abs(rb.E1RM-want) > 1e-9 || !strings.Contains(rb.Text(Brzycki), "Brzycki") {
		t.Errorf("Brzycki 1RM %v, want %v:\n%s", rb.E1RM, want, rb.Text(Brzycki))
	}
}

func TestNewRecords(t *testing.T) {
	before := []Lift{{At: day(1, 9), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork}}
	cases := []struct {
		added []Lift
		want  []string
	}{
		{[]Lift{{Exercise: "bench press", Load: 105, Unit: KG, Reps: 1, Kind: KindWork}}, []string{"heaviest bench press: 105 kg"}},
		{[]Lift{{Exercise: "bench press", Load: 100, Unit: KG, Reps: 6, Kind: KindWork}}, []string{"estimated 1RM bench press", "most reps at 100 kg on bench press: 6 (was 5)"}},
		// A drop step, a back-off AMRAP or a warm-up sets no record, not
		// even of reps at a load (SetsRecords): the board counts the same.
		{[]Lift{{Exercise: "bench press", Load: 100, Unit: KG, Reps: 9, Kind: KindDrop, Technique: "drop"}}, nil},
		{[]Lift{{Exercise: "bench press", Load: 100, Unit: KG, Reps: 20, Kind: KindAMRAP, Technique: "back_off"}}, nil},
		{[]Lift{{Exercise: "bench press", Load: 100, Unit: KG, Reps: 6, Kind: KindWarmup}}, nil},
		// A rest-pause mini-set is a set to failure like any other.
		{[]Lift{{Exercise: "bench press", Load: 100, Unit: KG, Reps: 7, Kind: KindMini, Technique: "rest_pause"}}, []string{"estimated 1RM bench press", "most reps at 100 kg on bench press: 7 (was 5)"}},
		{[]Lift{{Exercise: "bench press", Load: 90, Unit: KG, Reps: 5, Kind: KindWork}}, nil},
		// A first set of an exercise is no record.
		{[]Lift{{Exercise: "back squat", Load: 140, Unit: KG, Reps: 5, Kind: KindWork}}, nil},
	}
	for _, tc := range cases {
		got := NewRecords(before, tc.added, KG, Epley)
		if len(got) != len(tc.want) {
			t.Errorf("%+v: %q, want %d records", tc.added, got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("record %q lacks %q", got[i], w)
			}
		}
		if len(tc.added) == 1 && tc.added[0].Kind == KindDrop {
			for _, g := range got {
				if strings.Contains(g, "1RM") {
					t.Errorf("a drop step set a 1RM record: %q", g)
				}
			}
		}
	}
}

func TestBestEstimatePrefersRecentAndFewReps(t *testing.T) {
	now := day(30, 12)
	old := now.Add(-20 * 7 * 24 * time.Hour)
	ls := []Lift{
		{At: old, Exercise: "bench press", Load: 130, Unit: KG, Reps: 3, Kind: KindWork},
		{At: now.Add(-48 * time.Hour), Exercise: "bench press", Load: 60, Unit: KG, Reps: 20, Kind: KindWork},
		{At: now.Add(-24 * time.Hour), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork},
	}
	e, ok := BestEstimate(ls, "bench press", KG, Epley, now)
	if !ok || e.From.Load != 100 || !e.Recent || e.Weak {
		t.Fatalf("estimate %+v", e)
	}
	txt := e.Text("bench press", KG, Epley)
	if !strings.Contains(txt, "Epley") || !strings.Contains(txt, "100 kg × 5") {
		t.Errorf("text %q", txt)
	}
	// Only old sets: used, and said so.
	e, _ = BestEstimate(ls[:1], "bench press", KG, Epley, now)
	if e.Recent || !strings.Contains(e.Text("bench press", KG, Epley), "older") {
		t.Errorf("old estimate %+v", e)
	}
	if _, ok := BestEstimate(nil, "bench press", KG, Epley, now); ok {
		t.Error("an estimate from nothing")
	}
}

func TestWeekGuardAcrossTimezoneAndWeekBoundaries(t *testing.T) {
	c := testCoach(t)
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// Now: Monday 30 Nov 2026, 00:30 in Berlin (Sunday 23:30 UTC). The last
	// seven days in Berlin start on Tuesday 24 Nov at 00:00 Berlin time,
	// which is Monday 23 Nov 23:00 UTC.
	now := time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC)
	if got := WeekStart(now, berlin); !got.Equal(time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)) {
		t.Fatalf("week start %v", got.UTC())
	}
	drop := func(at time.Time, entry string) Lift {
		return Lift{At: at, Exercise: "leg extension", Load: 50, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: entry}
	}
	ls := []Lift{
		drop(time.Date(2026, 11, 23, 22, 30, 0, 0, time.UTC), "a"), // Mon 23:30 Berlin: outside
		drop(time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC), "b"), // Tue 00:30 Berlin: inside
		drop(time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC), "c"),
		// Two steps of one drop set count once.
		{At: time.Date(2026, 11, 26, 18, 0, 0, 0, time.UTC), Exercise: "leg extension", Load: 40, Unit: KG, Reps: 8, Technique: "drop", Kind: KindDrop, Entry: "c"},
		{At: time.Date(2026, 11, 27, 18, 0, 0, 0, time.UTC), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Technique: "rest_pause", Kind: KindFailure, Session: "s1"},
	}
	w := c.Week(ls, now, berlin)
	if n := w.Uses[Quads][DropSet]; n != 2 {
		t.Errorf("quads drop sets this week: %d, want 2", n)
	}
	if n := w.Uses[Chest][RestPause]; n != 1 {
		t.Errorf("chest rest-pause: %d, want 1", n)
	}
	legExt, _ := c.catalog.Lookup("leg extension")
	if warn := w.Warning(DropSet, legExt); !strings.Contains(warn, "once or twice per muscle group") {
		t.Errorf("no warning for a third drop set: %q", warn)
	}
	bench, _ := c.catalog.Lookup("bench press")
	if warn := w.Warning(RestPause, bench); warn != "" {
		t.Errorf("warning for a second rest-pause: %q", warn)
	}
	if txt := w.Text(); !strings.Contains(txt, "quads: drop set 2× (limit reached)") {
		t.Errorf("week text:\n%s", txt)
	}
	// In UTC the first set is inside the window (Mon 23 Nov 22:30 >= Mon 23 Nov 00:00).
	if n := c.Week(ls, now, time.UTC).Uses[Quads][DropSet]; n != 3 {
		t.Errorf("in UTC: %d drop sets, want 3", n)
	}
}

func TestWeekCountsBackOffSetsPerSession(t *testing.T) {
	c := testCoach(t)
	now := day(20, 20)
	var ls []Lift
	for i := range 4 {
		ls = append(ls, Lift{At: day(20, 10+i), Exercise: "bench press", Load: 50, Unit: KG, Reps: 20, Technique: "back_off", Kind: KindAMRAP, Session: "s9"})
	}
	if txt := c.Week(ls, now, time.UTC).Text(); !strings.Contains(txt, "4 back-off sets on Fri 20 Nov: the article says 2-3 per session at most.") {
		t.Errorf("week text:\n%s", txt)
	}
}

func TestBackOffSetsAreCountedPerDayInTheLiftersZone(t *testing.T) {
	c := testCoach(t)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	bench, _ := c.catalog.Lookup("bench press")
	backoff := func(at time.Time, session string) Lift {
		return Lift{At: at, Exercise: "bench press", Load: 50, Unit: KG, Reps: 20, Technique: "back_off", Kind: KindAMRAP, Session: session}
	}
	// Two sessions and a logged set, one training day: each counts.
	ls := []Lift{
		backoff(time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC), "s1"), // 10:00 in Tokyo
		// The heavy sets of a back-off plan are not back-off sets.
		{At: time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC), Exercise: "bench press", Load: 85, Unit: KG, Reps: 2, Technique: "back_off", Kind: KindWork, Session: "s1"},
		backoff(time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC), "s2"),
		backoff(time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC), ""), // 23:00 in Tokyo
	}
	for _, tc := range []struct {
		now   time.Time
		loc   *time.Location
		today int
		note  string
	}{
		{time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC), tokyo, 3, "You already did 3 back-off sets today: the Goto article advises 2-3 per session at most; skip this one."},
		// 00:30 the next day in Tokyo: a new day; still the 20th in UTC.
		{time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC), tokyo, 0, ""},
		{time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC), time.UTC, 3, "You already did 3"},
		{time.Date(2026, 11, 20, 1, 30, 0, 0, time.UTC), tokyo, 1, "This is your 2nd back-off set today: the article says 2-3 per session at most."},
		{time.Date(2026, 11, 20, 2, 30, 0, 0, time.UTC), tokyo, 2, "This is your 3rd back-off set today, the last the article allows (2-3 per session at most)."},
	} {
		w := c.Week(ls, tc.now, tc.loc)
		if w.BackOffToday != tc.today {
			t.Errorf("%v in %v: %d back-off sets today, want %d", tc.now, tc.loc, w.BackOffToday, tc.today)
		}
		if got := w.Warning(BackOff, bench); tc.note == "" && got != "" || !strings.HasPrefix(got, tc.note) {
			t.Errorf("%v in %v: note %q, want %q", tc.now, tc.loc, got, tc.note)
		}
		if len(w.BackOffOver) != 0 {
			t.Errorf("3 in a day is not over the limit: %v", w.BackOffOver)
		}
	}
	// A fourth on the same Tokyo day is over the limit; the week says so.
	ls = append(ls, backoff(time.Date(2026, 11, 20, 14, 10, 0, 0, time.UTC), ""))
	w := c.Week(ls, time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), tokyo)
	if w.BackOffOver["2026-11-20"] != 4 || !strings.Contains(w.Text(), "4 back-off sets on Fri 20 Nov") {
		t.Errorf("over: %v\n%s", w.BackOffOver, w.Text())
	}
	if w := c.Week(nil, time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), tokyo); !strings.Contains(w.Text(), "Back-off sets: within 2-3 per session.") {
		t.Errorf("no back-off sets:\n%s", w.Text())
	}
}
