package coach

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// dropLifter builds a lifter's drop sets the way "log" stores them: a top
// set to failure, then drops, each pct % off the load before it, each with
// reps reps; one drop set a day, the last one day before now.
type dropLifter struct {
	exercise string
	unit     Unit
	now      time.Time
	history  []Lift
	n        int
}

func newDropLifter(exercise string, u Unit) *dropLifter {
	return &dropLifter{exercise: exercise, unit: u, now: time.Date(2025, 3, 1, 18, 0, 0, 0, time.UTC)}
}

// logged adds one drop set done daysAgo days before now.
func (d *dropLifter) logged(daysAgo int, top float64, pct float64, reps ...int) *dropLifter {
	d.n++
	at := d.now.Add(-time.Duration(daysAgo) * 24 * time.Hour)
	entry := "e" + strconv.Itoa(d.n)
	load := top
	d.history = append(d.history, Lift{At: at, Exercise: d.exercise, Load: load, Unit: d.unit, Reps: 10,
		Technique: DropSet.Key(), Kind: KindFailure, Entry: entry})
	for _, r := range reps {
		load *= 1 - pct/100
		d.history = append(d.history, Lift{At: at, Exercise: d.exercise, Load: load, Unit: d.unit, Reps: r,
			Technique: DropSet.Key(), Kind: KindDrop, Entry: entry})
	}
	return d
}

func (d *dropLifter) fit(t *testing.T) (DropFit, bool) {
	t.Helper()
	return FitDrops(d.history, d.exercise, Epley, d.now)
}

func TestFitDropsMoreRepsMeansSmallerDrops(t *testing.T) {
	cases := []struct {
		name    string
		reps    int
		pct     float64
		want    float64
		clamped bool
	}{
		// 15 % off gave 5 reps: Epley gave 5.3, so the lifter's factor
		// is 0.94 and 8 reps need 8.5 by the formula: 22 % off.
		{"5 reps at 15 %: bigger drops", 5, 15, 22, false},
		// 3 reps at 15 %: the fit is 32 %, over the articles' range.
		{"3 reps at 15 %: capped at 25 %", 3, 15, 25, true},
		// 8 reps at 20 %: what the article asks for; the drop stays.
		{"8 reps at 20 %: the same drops", 8, 20, 20, false},
		// 11 reps at 15 %: factor 2.08, 8 reps need 3.8 by Epley.
		{"11 reps at 15 %: smaller drops", 11, 15, 11, false},
		// 14 reps at 12 %: the fit is 7 %, under the articles' range.
		{"14 reps at 12 %: floored at 10 %", 14, 12, 10, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := newDropLifter("bench press", KG).
				logged(8, 100, tc.pct, tc.reps, tc.reps).
				logged(4, 100, tc.pct, tc.reps, tc.reps)
			f, ok := l.fit(t)
			if !ok {
				t.Fatal("no fit from 4 recent drops")
			}
			if f.Percent != tc.want {
				t.Errorf("fitted %v %%, want %v %% (raw %.2f)", f.Percent, tc.want, f.Raw)
			}
			if f.Drops != 4 || f.Sets != 2 {
				t.Errorf("fitted to %d drops of %d sets, want 4 of 2", f.Drops, f.Sets)
			}
			if math.Abs(f.AvgReps-float64(tc.reps)) > 1e-9 || math.Abs(f.AvgPercent-tc.pct) > 1e-6 {
				t.Errorf("averages %v reps at %v %%, want %d at %v", f.AvgReps, f.AvgPercent, tc.reps, tc.pct)
			}
			if f.Percent < dropPercentLo || f.Percent > dropPercentHi {
				t.Errorf("fitted %v %%, outside 10-25 %%", f.Percent)
			}
			note := f.Note("bench press")
			for _, want := range []string{"Drops of " + formatPercent(tc.want), "4 drops on bench press (2 drop sets",
				"averaging " + strconv.Itoa(tc.reps) + " reps at " + formatPercent(tc.pct), "about 8 reps a drop"} {
				if !strings.Contains(note, want) {
					t.Errorf("note %q lacks %q", note, want)
				}
			}
			if got := strings.Contains(note, "kept within 10-25 %"); got != tc.clamped {
				t.Errorf("note %q: says it was kept within the range: %v, want %v", note, got, tc.clamped)
			}
		})
	}
}

// Whatever the drops gave, more reps at the same drop never fit a bigger
// drop, and the fit stays within 10-25 %.
func TestFitDropsMonotonic(t *testing.T) {
	for _, f := range []Formula{Epley, Brzycki} {
		last := math.Inf(1)
		for reps := 1; reps <= 25; reps++ {
			l := newDropLifter("leg extension", KG).logged(3, 60, 17, reps, reps, reps)
			fit, ok := FitDrops(l.history, l.exercise, f, l.now)
			if !ok {
				t.Fatalf("%v, %d reps: no fit", f, reps)
			}
			if fit.Percent > last {
				t.Errorf("%v: %d reps fit %v %%, more than %v %% for one rep fewer", f, reps, fit.Percent, last)
			}
			if fit.Percent < dropPercentLo || fit.Percent > dropPercentHi {
				t.Errorf("%v, %d reps: %v %% outside 10-25 %%", f, reps, fit.Percent)
			}
			last = fit.Percent
		}
	}
}

// The fit's expected reps at the raw fitted drop are 8: the model, run
// forward on its own answer.
func TestFitDropsAimsAtEight(t *testing.T) {
	for _, f := range []Formula{Epley, Brzycki} {
		for _, reps := range []int{4, 6, 9} {
			l := newDropLifter("bench press", KG).logged(2, 100, 15, reps).logged(1, 90, 20, reps+1)
			fit, ok := FitDrops(l.history, l.exercise, f, l.now)
			if !ok {
				t.Fatalf("%v: no fit", f)
			}
			if got := fit.Factor * repsAfterFailure(f, fit.Raw); math.Abs(got-8) > 1e-9 {
				t.Errorf("%v, %d reps: expected %v reps at the fitted %v %%, want 8", f, reps, got, fit.Raw)
			}
		}
	}
}

func TestFitDropsNeedsRecentHistory(t *testing.T) {
	cases := []struct {
		name string
		l    *dropLifter
	}{
		{"no history", newDropLifter("bench press", KG)},
		{"one drop", newDropLifter("bench press", KG).logged(1, 100, 15, 6)},
		{"a top set alone", newDropLifter("bench press", KG).logged(1, 100, 15).logged(2, 100, 15)},
		{"only drops older than 8 weeks", newDropLifter("bench press", KG).logged(60, 100, 15, 6, 6).logged(57, 100, 15, 6, 6)},
		{"one recent drop, the rest old", newDropLifter("bench press", KG).logged(70, 100, 15, 6, 6, 6).logged(2, 100, 15, 6)},
		{"other exercises only", newDropLifter("bench press", KG).logged(1, 100, 15, 6, 6)},
		{"body weight", newDropLifter("dip", KG).logged(2, 20, 50, 6, 6).logged(1, 20, 50, 6, 6)},
	}
	cases[5].l.exercise = "leg extension" // asked about leg extension
	for _, tc := range cases {
		if f, ok := tc.l.fit(t); ok {
			t.Errorf("%s: fitted %+v", tc.name, f)
		}
	}
}

// Only the last DropFitMaxDrops drops, and only those of the last 8
// weeks, count: a lifter whose drops changed is fitted to how they drop now.
func TestFitDropsUsesTheLatest(t *testing.T) {
	l := newDropLifter("bench press", KG).
		logged(80, 100, 15, 2, 2, 2). // too old
		logged(30, 100, 15, 3, 3, 3)  // recent, but more than 12 drops ago
	for day := 12; day >= 1; day -= 3 {
		l.logged(day, 100, 15, 8, 8, 8)
	}
	f, ok := l.fit(t)
	if !ok {
		t.Fatal("no fit")
	}
	if f.Drops != DropFitMaxDrops || f.Sets != 4 || f.AvgReps != 8 {
		t.Errorf("fitted to %d drops of %d sets averaging %v reps, want the last 12 drops of 4 sets at 8", f.Drops, f.Sets, f.AvgReps)
	}
	if f.Percent != 15 {
		t.Errorf("8 reps at 15 %% fit %v %%, want 15 %%: the older drops of 2 and 3 reps would have made it bigger", f.Percent)
	}
	// A drop set done after now (a clock set back) is not counted.
	l.now = l.now.Add(-10 * 24 * time.Hour)
	if f2, _ := l.fit(t); f2.Drops != 6 {
		t.Errorf("with the clock 10 days back, fitted to %d drops, want 6 (the sets 30 and 12 days before)", f2.Drops)
	}
}

// Kilograms and pounds fit alike: a drop of 15 % is 15 % in either unit,
// and a drop set written in lb from a kg top set (or back) is taken in
// one unit.
func TestFitDropsMixedUnits(t *testing.T) {
	kg := newDropLifter("bench press", KG).logged(3, 100, 15, 5, 5).logged(1, 100, 15, 5, 5)
	mixed := newDropLifter("bench press", LB).logged(3, 220, 15, 5, 5)
	mixed.unit = KG
	mixed.logged(1, 100, 15, 5, 5)
	a, okA := kg.fit(t)
	b, okB := mixed.fit(t)
	if !okA || !okB || a.Percent != b.Percent || a.Drops != b.Drops || math.Abs(a.AvgPercent-b.AvgPercent) > 1e-6 {
		t.Errorf("kg %+v, kg and lb %+v: want the same fit", a, b)
	}
	// One drop set, its top set in lb and its drop in kg: 100 lb is
	// 45.36 kg, 38.56 kg is 15 % off.
	at := kg.now.Add(-time.Hour)
	h := []Lift{
		{At: at, Exercise: "curl", Load: 100, Unit: LB, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: "x"},
		{At: at, Exercise: "curl", Load: Convert(100, LB, KG) * 0.85, Unit: KG, Reps: 5, Technique: "drop", Kind: KindDrop, Entry: "x"},
		{At: at, Exercise: "curl", Load: 100 * 0.85 * 0.85, Unit: LB, Reps: 5, Technique: "drop", Kind: KindDrop, Entry: "x"},
	}
	f, ok := FitDrops(h, "curl", Epley, kg.now)
	if !ok || math.Abs(f.AvgPercent-15) > 1e-6 || f.Percent != a.Percent {
		t.Errorf("mixed units in one drop set: %+v, want drops of 15 %% and the fit of %v %%", f, a.Percent)
	}
}

// A guided session writes each step as its own entry: its drops are
// taken from the step before in the same session. Rest-pause, Japanese
// sets and plain sets are not drops, and a drop counts only after the
// set it dropped from.
func TestFitDropsGuidedSessionsAndOtherSets(t *testing.T) {
	now := time.Date(2025, 3, 1, 18, 0, 0, 0, time.UTC)
	at := now.Add(-48 * time.Hour)
	step := func(i int, load float64, reps int, kind string) Lift {
		return Lift{At: at.Add(time.Duration(i) * time.Minute), Exercise: "lat pulldown", Load: load, Unit: KG, Reps: reps,
			Technique: "drop", Kind: kind, Session: "s1", Entry: "d" + strconv.Itoa(i)}
	}
	h := []Lift{
		{At: at.Add(-time.Hour), Exercise: "lat pulldown", Load: 70, Unit: KG, Reps: 8, Kind: KindWork, Entry: "w"},
		step(0, 60, 10, KindFailure),
		step(1, 50, 6, KindDrop),
		{At: at.Add(90 * time.Second), Exercise: "lat pulldown", Load: 40, Unit: KG, Reps: 3, Technique: "rest_pause", Kind: KindMini, Entry: "rp"},
		step(2, 40, 7, KindDrop),
		{At: at.Add(time.Hour), Exercise: "lat pulldown", Load: 30, Unit: KG, Reps: 20, Technique: "japanese", Kind: KindAMRAP, Entry: "j"},
		// A drop with no set before it (its top set undone): not counted.
		{At: at.Add(2 * time.Hour), Exercise: "lat pulldown", Load: 45, Unit: KG, Reps: 1, Technique: "drop", Kind: KindDrop, Entry: "lone"},
	}
	f, ok := FitDrops(h, "lat pulldown", Epley, now)
	if !ok {
		t.Fatal("no fit from a guided session's two drops")
	}
	// 60 -> 50 is 16.7 %, 50 -> 40 is 20 %.
	if f.Drops != 2 || f.Sets != 1 || math.Abs(f.AvgPercent-(100.0/6+20)/2) > 1e-9 || f.AvgReps != 6.5 {
		t.Errorf("got %+v, want 2 drops of one set averaging 6.5 reps at 18.3 %%", f)
	}
}

// The fitted percentage is planned like any other: the equipment's loads,
// each drop kept within 10-25 %, the reason saying the percentage.
func TestFittedDropsArePlanned(t *testing.T) {
	c := testCoach(t)
	l := newDropLifter("leg extension", KG).logged(5, 60, 15, 5, 4).logged(2, 60, 15, 5, 5)
	fit, ok := l.fit(t)
	if !ok || fit.Percent <= 15 {
		t.Fatalf("fit %+v, want more than 15 %%", fit)
	}
	for _, text := range []string{"drop 60kg leg extension", "drop 100kg bench", "drop 20kg db curl"} {
		cmd, err := c.Parse(text, KG)
		if err != nil {
			t.Fatal(err)
		}
		cmd.Options.Percent = fit.Percent
		p, err := c.Plan(cmd)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if !strings.Contains(p.Why, "about "+formatPercent(fit.Percent)+" off") {
			t.Errorf("%s: why %q does not say %v %%", text, p.Why, fit.Percent)
		}
		for i := 1; i < len(p.Steps); i++ {
			prev, cur := p.Steps[i-1].Load, p.Steps[i].Load
			if pct := (prev - cur) / prev * 100; pct < dropPercentLo-0.01 || pct > dropPercentHi+0.01 {
				t.Errorf("%s: %v -> %v is a drop of %.1f %%, outside 10-25 %%", text, prev, cur, pct)
			}
		}
		for _, n := range p.Notes {
			if strings.Contains(n, "outside what the drop-set articles describe") {
				t.Errorf("%s: a fitted drop noted as outside the articles: %q", text, n)
			}
		}
	}
}

func ExampleFitDrops() {
	now := time.Date(2025, 3, 1, 18, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return now.Add(-time.Duration(d) * 24 * time.Hour) }
	// log bench 80x10 68x5 58x5 drop, twice: 15 % drops, 5 reps each.
	var history []Lift
	for i, d := range []int{6, 2} {
		entry := fmt.Sprint("entry", i)
		history = append(history,
			Lift{At: day(d), Exercise: "bench press", Load: 80, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: entry},
			Lift{At: day(d), Exercise: "bench press", Load: 68, Unit: KG, Reps: 5, Technique: "drop", Kind: KindDrop, Entry: entry},
			Lift{At: day(d), Exercise: "bench press", Load: 57.8, Unit: KG, Reps: 5, Technique: "drop", Kind: KindDrop, Entry: entry})
	}
	fit, ok := FitDrops(history, "bench press", Epley, now)
	fmt.Println(ok, fit.Percent)
	fmt.Println(fit.Note("bench press"))
	// Output:
	// true 22
	// Drops of 22 %, fitted to your last 4 drops on bench press (2 drop sets, averaging 5 reps at 15 % off): aiming at about 8 reps a drop.
}
