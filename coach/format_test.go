package coach

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestRoundStep(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		u    Unit
		want float64
	}{
		{116.6667, KG, 116.5},
		{116.76, KG, 117},
		{116.75, KG, 117}, // half a step rounds up
		{123.3333, KG, 123.5},
		{100, KG, 100},
		{67.5, KG, 67.5},
		{0.2, KG, 0},
		{-0.1, KG, 0},
		{314.16, LB, 314},
		{257.21, LB, 257},
		{220.46, LB, 220},
		{220.5, LB, 221},
		{135, LB, 135},
	} {
		if got := RoundStep(tc.v, tc.u); got != tc.want {
			t.Errorf("RoundStep(%v, %s) = %v, want %v", tc.v, tc.u, got, tc.want)
		}
	}
}

func TestFormatE1RM(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		u    Unit
		want string
	}{
		{116.6667, KG, "116.5 kg"},
		{123.3333, KG, "123.5 kg"},
		{36.3, KG, "36.5 kg"},
		{210, KG, "210 kg"},
		{257.21, LB, "257 lb"},
		{314.16, LB, "314 lb"},
		{0, KG, "0 kg"},
	} {
		if got := FormatE1RM(tc.v, tc.u); got != tc.want {
			t.Errorf("FormatE1RM(%v, %s) = %q, want %q", tc.v, tc.u, got, tc.want)
		}
	}
}

func TestFormatLoadIn(t *testing.T) {
	for _, tc := range []struct {
		load      float64
		logged, u Unit
		want      string
	}{
		{142.5, KG, KG, "142.5 kg"},
		{1.25, KG, KG, "1.25 kg"}, // as logged: a load the lifter typed
		{142.5, KG, LB, "314 lb (142.5 kg)"},
		{100, KG, LB, "220 lb (100 kg)"},
		{225, LB, LB, "225 lb"},
		{225, LB, KG, "102 kg (225 lb)"},
		{135, LB, KG, "61 kg (135 lb)"},
		{45, LB, KG, "20.5 kg (45 lb)"},
	} {
		if got := FormatLoadIn(tc.load, tc.logged, tc.u); got != tc.want {
			t.Errorf("FormatLoadIn(%v, %s, %s) = %q, want %q", tc.load, tc.logged, tc.u, got, tc.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "set", "0 sets"},
		{1, "set", "1 set"},
		{2, "set", "2 sets"},
		{1, "rep", "1 rep"},
		{25, "rep", "25 reps"},
		{1, "step", "1 step"},
		{8, "step", "8 steps"},
		{1, "mini-set", "1 mini-set"},
		{3, "mini-set", "3 mini-sets"},
		{2, "entry", "2 entries"},
		{2, "day", "2 days"},
		{2, "box", "2 boxes"},
		{2, "inch", "2 inches"},
		{2, "class", "2 classes"},
		{1, "exercise", "1 exercise"},
		{98, "exercise", "98 exercises"},
		{-1, "rep", "-1 rep"},
	} {
		if got := Plural(tc.n, tc.noun); got != tc.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
}

func TestArticle(t *testing.T) {
	for _, tc := range []struct{ phrase, want string }{
		{"RPE ramp", "an RPE ramp"},
		{"drop set", "a drop set"},
		{"rest-pause", "a rest-pause"},
		{"back-off", "a back-off"},
		{"japanese drop set", "a japanese drop set"},
		{"EZ bar", "an EZ bar"},
		{"SSB", "an SSB"},
		{"DB row", "a DB row"},
		{"AMRAP", "an AMRAP"},
		{"barbell", "a barbell"},
		{"dumbbell", "a dumbbell"},
		{"machine", "a machine"},
		{"incline press", "an incline press"},
		{"overhead press", "an overhead press"},
		{"upright row", "an upright row"},
		{"unilateral row", "a unilateral row"},
		{"one-arm row", "a one-arm row"},
		{"hour", "an hour"},
		{"8 kg dumbbell", "an 8 kg dumbbell"},
		{"80 kg max triple", "an 80 kg max triple"},
		{"800 kg", "an 800 kg"},
		{"11 kg", "an 11 kg"},
		{"18 kg", "an 18 kg"},
		{"180 kg", "a 180 kg"},
		{"110 kg", "a 110 kg"},
		{"100 kg max triple", "a 100 kg max triple"},
		{"8000", "an 8000"},
		{"11000", "an 11000"},
		{"1RM", "a 1RM"},
		{"", "a "},
	} {
		if got := WithArticle(tc.phrase); got != tc.want {
			t.Errorf("WithArticle(%q) = %q, want %q", tc.phrase, got, tc.want)
		}
	}
}

// Every technique and every equipment takes its article, so that no
// sentence built from them reads "a RPE ramp" or "a EZ bar".
func TestArticlesOfTechniquesAndEquipment(t *testing.T) {
	want := map[string]string{"RPE ramp": "an", "EZ bar": "an"}
	for _, tq := range []Technique{DropSet, RestPause, BackOff, Japanese, Ramp} {
		if a, w := Article(tq.String()), orA(want[tq.String()], "a"); a != w {
			t.Errorf("Article(%q) = %q, want %q", tq, a, w)
		}
	}
	for e := Equipment(0); e < equipmentCount; e++ {
		if a, w := Article(e.String()), orA(want[e.String()], "a"); a != w {
			t.Errorf("Article(%q) = %q, want %q", e, a, w)
		}
	}
	c, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	cmd, err := c.Parse("ramp squat", KG)
	if err == nil {
		_, err = c.Plan(cmd)
	}
	if err == nil || !strings.HasPrefix(err.Error(), "An RPE ramp needs") {
		t.Errorf("a ramp without a load: %v", err)
	}
}

func orA(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestRecordsReadInTheLiftersUnit(t *testing.T) {
	day := time.Date(2000, 1, 1, 10, 0, 0, 0, time.UTC)
	ls := []Lift{
		{At: day, Exercise: "bench press", Load: 100, Unit: KG, Reps: 5},
		{At: day, Exercise: "bench press", Load: 130, Unit: KG, Reps: 1},
		{At: day, Exercise: "bench press", Load: 225, Unit: LB, Reps: 10},
	}
	kg := BuildRecords(ls, "bench press", KG, Epley).Text(Epley)
	for _, want := range []string{
		"PRs, bench press (3 sets)",
		"Heaviest: 130 kg × 1 on 1 Jan 2000",
		"Best estimated 1RM: 136 kg (Epley, from 225 lb × 10 on 1 Jan 2000)",
		"Most reps: 130 kg × 1, 102 kg (225 lb) × 10, 100 kg × 5",
	} {
		if !strings.Contains(kg, want) {
			t.Errorf("records in kg lack %q:\n%s", want, kg)
		}
	}
	lb := BuildRecords(ls, "bench press", LB, Epley).Text(Epley)
	for _, want := range []string{
		"Heaviest: 287 lb (130 kg) × 1 on 1 Jan 2000",
		"Best estimated 1RM: 300 lb (Epley, from 225 lb × 10 on 1 Jan 2000)",
		"Most reps: 287 lb (130 kg) × 1, 225 lb × 10, 220 lb (100 kg) × 5",
	} {
		if !strings.Contains(lb, want) {
			t.Errorf("records in lb lack %q:\n%s", want, lb)
		}
	}
	one := BuildRecords(ls[:1], "bench press", KG, Epley).Text(Epley)
	if !strings.HasPrefix(one, "PRs, bench press (1 set)\n") {
		t.Errorf("one set:\n%s", one)
	}
	est, ok := BestEstimate(ls, "bench press", LB, Epley, day)
	if !ok {
		t.Fatal("no estimate")
	}
	if got, want := est.Text("bench press", LB, Epley), "Estimated 1RM, bench press: 300 lb (Epley, from 225 lb × 10 on 1 Jan 2000)."; got != want {
		t.Errorf("estimate:\n%s\nwant:\n%s", got, want)
	}
}

func TestNewRecordsReadAsShown(t *testing.T) {
	day := time.Date(2000, 1, 1, 10, 0, 0, 0, time.UTC)
	before := []Lift{{At: day, Exercise: "bench press", Load: 100, Unit: KG, Reps: 5}} // Epley 116.67
	for _, tc := range []struct {
		name  string
		added Lift
		u     Unit
		want  []string
	}{
		{"heavier, in kg", Lift{Load: 105, Unit: KG, Reps: 3}, KG, []string{
			"New PR, heaviest bench press: 105 kg (was 100).",
		}},
		{"a better estimate", Lift{Load: 100, Unit: KG, Reps: 7}, KG, []string{
			"New PR, estimated 1RM bench press: 123.5 kg (Epley, was 116.5).",
			"New PR, most reps at 100 kg on bench press: 7 (was 5).",
		}},
		// 95 x 7 is 117.17 kg, read 117: a step above 116.5.
		{"a step above", Lift{Load: 95, Unit: KG, Reps: 7}, KG, []string{
			"New PR, estimated 1RM bench press: 117 kg (Epley, was 116.5).",
		}},
		// 97.25 x 6 is 116.7 kg, more than 116.67 but read 116.5 as well:
		// "116.5 (was 116.5)" would be no news.
		{"less than a step", Lift{Load: 97.25, Unit: KG, Reps: 6}, KG, nil},
		{"heavier, logged in kg, read in lb", Lift{Load: 142.5, Unit: KG, Reps: 1}, LB, []string{
			"New PR, heaviest bench press: 314 lb (142.5 kg; was 220).",
			"New PR, estimated 1RM bench press: 325 lb (Epley, was 257).",
		}},
		{"most reps at a kg load, read in lb", Lift{Load: 100, Unit: KG, Reps: 6}, LB, []string{
			"New PR, estimated 1RM bench press: 265 lb (Epley, was 257).",
			"New PR, most reps at 220 lb (100 kg) on bench press: 6 (was 5).",
		}},
	} {
		a := tc.added
		a.At, a.Exercise = day, "bench press"
		got := NewRecords(before, []Lift{a}, tc.u, Epley)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

func TestSummaryReadsAsPeopleWrite(t *testing.T) {
	s := &Session{Technique: DropSet, Exercise: "bench press", Unit: KG,
		Steps: []Step{{Label: "Top set", Load: 61.25}, {Label: "Drop 1", Load: 51.25}}}
	s.Results = []Result{{Step: 0, Label: "Top set", Load: 61.25, Reps: 1}}
	got := s.Summary()
	if want := "Top set: 61.25 kg × 1\nTotal 1 rep, volume 61.3 kg."; !strings.HasSuffix(got, want) {
		t.Errorf("summary:\n%s\nwant it to end:\n%s", got, want)
	}
	s.Results = append(s.Results, Result{Step: 1, Label: "Drop 1", Load: 51.25, Reps: 3})
	if got, want := s.Summary(), "Total 4 reps, volume 215 kg."; !strings.HasSuffix(got, want) {
		t.Errorf("summary:\n%s\nwant it to end:\n%s", got, want)
	}
	s.Steps = append(s.Steps, Step{Label: "Drop 2", Load: 40, Reps: "1", RepsLo: 1, RepsHi: 1})
	if got, want := s.Prompt(2), "drop 2, 40 kg, 1 rep"; got != want {
		t.Errorf("prompt %q, want %q", got, want)
	}
}

func ExampleFormatE1RM() {
	fmt.Println(FormatE1RM(Epley.OneRM(100, 5), KG))
	fmt.Println(FormatE1RM(Epley.OneRM(100, 5)/KGPerLB, LB))
	// Output:
	// 116.5 kg
	// 257 lb
}

func ExampleFormatLoadIn() {
	fmt.Println(FormatLoadIn(142.5, KG, KG))
	fmt.Println(FormatLoadIn(142.5, KG, LB))
	// Output:
	// 142.5 kg
	// 314 lb (142.5 kg)
}

func ExamplePlural() {
	fmt.Println(Plural(1, "set"), "·", Plural(3, "rep"), "·", Plural(0, "step"))
	// Output: 1 set · 3 reps · 0 steps
}

func ExampleWithArticle() {
	fmt.Println(WithArticle("RPE ramp"), "·", WithArticle("drop set"), "·", WithArticle("80 kg bar"))
	// Output: an RPE ramp · a drop set · an 80 kg bar
}
