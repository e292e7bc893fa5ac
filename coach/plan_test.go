package coach

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func plan(t *testing.T, c *Coach, in string, unit Unit) *Plan {
	t.Helper()
	p, _, err := c.Handle(in, unit)
	if err != nil {
		t.Fatalf("Handle(%q): %v", in, err)
	}
	if p == nil {
		t.Fatalf("Handle(%q): no plan", in)
	}
	return p
}

func loads(p *Plan) []float64 {
	out := make([]float64, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.Load
	}
	return out
}

func rests(p *Plan) []time.Duration {
	out := make([]time.Duration, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.Rest
	}
	return out
}

func reps(p *Plan) []string {
	out := make([]string, len(p.Steps))
	for i, s := range p.Steps {
		out[i] = s.Reps
	}
	return out
}

func equalLoads(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func hasNote(p *Plan, sub string) bool {
	for _, n := range p.Notes {
		if strings.Contains(n, sub) {
			return true
		}
	}
	return false
}

// The expected numbers below come from COACHING.md, rounded by hand to the
// default gym (20 kg bar with plates down to 1.25 kg a side; 45 lb bar
// with plates down to 2.5 lb; machine stacks by 5 kg / 10 lb).
func TestPlanLoads(t *testing.T) {
	c := testCoach(t)
	cases := []struct {
		in    string
		unit  Unit
		loads []float64
		reps  []string
		rests []time.Duration
	}{
		// Drop set: -15 % per drop, 3 drops: 80, 68, 57.8, 49.1 -> strip set.
		{"drop 80kg bench", KG, []float64{80, 67.5, 57.5, 50}, []string{"8-12", "~8", "~8", "~8"}, []time.Duration{0, 0, 0, 0}},
		// Machine stack by 5 kg: 60, 51, 43.4, 36.8.
		// Each drop about 15 % off the load planned before it (COACHING.md 1):
		// 50 -> 42.5 is a tie of 40 and 45, the one nearer 60 x 0.85² = 43.35;
		// 45 -> 38.25 takes 40.
		{"drop 60kg leg extension", KG, []float64{60, 50, 45, 40}, nil, []time.Duration{0, 0, 0, 0}},
		// -20 %, 2 drops on a cable stack by 2.5 kg: 50, 40, 32.
		{"drop 50kg tricep pushdown -20% 2 drops", KG, []float64{50, 40, 32.5}, nil, nil},
		// Dumbbells by 2.5 kg: 30, 25.5, 21.7, 18.4.
		// 22.5 -> 19.1 takes 20 (1.1 off), not 17.5 (1.6 off).
		{"drop 30kg db curl", KG, []float64{30, 25, 22.5, 20}, nil, nil},
		// Dumbbells in lb by 5: 60, 51, 43.4, 36.8.
		{"drop 60lb db curl", LB, []float64{60, 50, 45, 40}, nil, nil},
		// Rest-pause: same weight, 15 s rests, 2 mini-sets.
		{"rp 225lb squat", LB, []float64{225, 225, 225}, []string{"to failure", "AMRAP", "AMRAP"}, []time.Duration{15 * time.Second, 15 * time.Second, 0}},
		{"rp 100kg squat 3 minis rest 20s", KG, []float64{100, 100, 100, 100}, nil, []time.Duration{20 * time.Second, 20 * time.Second, 20 * time.Second, 0}},
		// Goto back-off from a 100 kg 1RM: warm-ups 50/60 %, 5 x 85 %, AMRAP 50 %.
		{"backoff 100kg bench", KG, []float64{50, 60, 85, 85, 85, 85, 85, 50},
			[]string{"4", "4", "1-2", "1-2", "1-2", "1-2", "1-2", "AMRAP"},
			[]time.Duration{2 * time.Minute, 2 * time.Minute, 2 * time.Minute, 2 * time.Minute, 2 * time.Minute, 2 * time.Minute, 30 * time.Second, 0}},
		// Top set 90 x 2: Epley 1RM 96: 48, 57.6, 81.6, 48.
		// 1RM 96: warm-up 1 at 50-60 % is 48-57.6 kg, so 50 (47.5 is under 50 %).
		{"backoff bench 90kg x2", KG, []float64{50, 57.5, 82.5, 82.5, 82.5, 82.5, 82.5, 47.5}, nil, nil},
		// Isolation (curl example): 40/50 % warm-ups, 4 x 6 @ 65 %, back-off 50 %. 1RM 40 kg of dumbbell curl.
		// Warm-ups 40-50 % of 40 kg: 16-20 kg; 15 is outside, 17.5 the nearest 40 % inside.
		{"backoff 40kg db curl", KG, []float64{17.5, 20, 25, 25, 25, 25, 20}, []string{"6-8", "6-8", "6", "6", "6", "6", "AMRAP"}, nil},
		// Japanese, working sets x5 (80-90 %, 5-8 RM): 1RM 116.7, 50-60 % -> 55 % = 64.2.
		{"japanese 100kg bench x5", KG, []float64{65}, []string{"15-20+"}, nil},
		// Working sets x3 (90-100 %, 1-4 RM): 1RM 110, 60-70 % -> 65 % = 71.5.
		{"japanese 100kg bench x3", KG, []float64{72.5}, []string{"10-15+"}, nil},
		// Ladder, fast: -15 % a drop, ceil(25/5) = 5 AMRAPs: 100, 85, 72.3, 61.4, 52.2
		// on a bar that moves in 2.5 kg steps.
		// 62.5 -> 52.5 would drop 16 %, over the article's 15 %: 55 (12 %).
		{"japanese ladder 100kg bench x5 fast", KG, []float64{100, 85, 72.5, 62.5, 55}, nil,
			[]time.Duration{30 * time.Second, 30 * time.Second, 30 * time.Second, 30 * time.Second, 0}},
		// Ladder, slow: -5 % a drop: 100, 95, 90.3, 85.7, 81.5.
		// 85 -> 82.5 would drop 2.9 %, under the article's 5 %: 80 (5.9 %).
		{"japanese ladder 100kg bench x5 slow", KG, []float64{100, 95, 90, 85, 80}, nil, nil},
		// Ramp to a 100 kg max triple: RPE 4/6/7 triples from the RPE chart (76.2, 81.1, 83.7 % over 92.2 %),
		// the max triple, then -10 % and -10 % again.
		{"ramp 100kg squat", KG, []float64{82.5, 87.5, 90, 100, 90, 80}, []string{"3", "3", "3", "3", "5", "8"},
			[]time.Duration{75 * time.Second, 75 * time.Second, 75 * time.Second, 75 * time.Second, 75 * time.Second, 0}},
		// Presets fill the options: strip = -20 %, 2 drops.
		{"strip 100kg curl", KG, []float64{100, 80, 65}, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			p := plan(t, c, tc.in, tc.unit)
			if got := loads(p); !equalLoads(got, tc.loads) {
				t.Errorf("loads = %v, want %v\n%s", got, tc.loads, p.Text())
			}
			if tc.reps != nil && strings.Join(reps(p), "|") != strings.Join(tc.reps, "|") {
				t.Errorf("reps = %q, want %q", reps(p), tc.reps)
			}
			if tc.rests != nil {
				got := rests(p)
				for i := range tc.rests {
					if i >= len(got) || got[i] != tc.rests[i] {
						t.Errorf("rests = %v, want %v", got, tc.rests)
						break
					}
				}
			}
			checkPlanInvariants(t, tc.in, p)
		})
	}
}

func TestStripSetPlates(t *testing.T) {
	c := testCoach(t)
	p := plan(t, c, "drop 80kg bench", KG)
	bar := 20.0
	for i, s := range p.Steps {
		sum := 0.0
		for _, pl := range s.Plates {
			sum += pl
		}
		if math.Abs(bar+2*sum-s.Load) > 1e-9 {
			t.Errorf("step %d: plates %v a side do not make %v kg", i, s.Plates, s.Load)
		}
		if i == 0 {
			continue
		}
		if len(s.Off) == 0 {
			t.Errorf("step %d takes no plates off", i)
		}
		prev := p.Steps[i-1].Plates
		if len(prev) != len(s.Plates)+len(s.Off) {
			t.Fatalf("step %d: %v minus %v is not %v", i, prev, s.Off, s.Plates)
		}
		for j := range s.Plates {
			if prev[j] != s.Plates[j] {
				t.Errorf("step %d changes an inner plate: %v -> %v", i, prev, s.Plates)
			}
		}
	}
	if !strings.Contains(p.Text(), "take off") {
		t.Errorf("the text does not say which plates come off:\n%s", p.Text())
	}
}

func TestStripSetFallsBackToReload(t *testing.T) {
	kg := DefaultKGRack()
	kg.Plates = []float64{20, 20, 20} // no small plates at all
	gym, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Gym: gym})
	if err != nil {
		t.Fatal(err)
	}
	p := plan(t, c, "drop 100kg bench -30%", KG)
	if !hasNote(p, "reload") {
		t.Errorf("no reload note:\n%s", p.Text())
	}
	for i := 1; i < len(p.Steps); i++ {
		if p.Steps[i].Load >= p.Steps[i-1].Load {
			t.Errorf("step %d not lighter: %v", i, loads(p))
		}
	}
}

func TestPlanAdvice(t *testing.T) {
	c := testCoach(t)
	cases := []struct {
		in, note string
	}{
		{"drop 80kg bench", "isolation"},
		{"drop 80kg bench", "once or twice per muscle group"},
		{"drop 30kg db curl", "Line the dumbbells up"},
		{"drop 80kg bench -60%", "outside what the drop-set articles describe"},
		{"rp 40kg leg extension", "compound lifts"},
		{"rp 100kg squat", "intermediate to advanced"},
		{"rp 100kg squat rest 30s", "outside the rest-pause article's range of 10-20 s"},
		{"rp 100kg squat 4 minis", "outside the rest-pause article's range of 2-3"},
		{"backoff 100kg bench", "2-3 back-off sets per session"},
		{"backoff 100kg bench rest 2m", "outside the back-off article's range of 30-90 s"},
		{"backoff db curl 10kg x15", "weak"}, // isolation: no heavy sets; bench from 15 reps is refused (edges_test.go)
		{"japanese 100kg bench x5", "20-25 reps"},
		{"japanese 100kg bench x5", "15-17 reps"},
		{"japanese ladder 100kg bench x5 rest 60s", "up to 45 s"},
		{"ramp 100kg squat rest 2m", "outside the RPE ramp article's range of 60-90 s"},
		{"drop 80.3kg bench", "not a barbell load"},
	}
	for _, tc := range cases {
		p := plan(t, c, tc.in, KG)
		if !hasNote(p, tc.note) {
			t.Errorf("%q: no note with %q:\n%s", tc.in, tc.note, p.Text())
		}
	}
}

func TestPlanNamesFormula(t *testing.T) {
	c := testCoach(t)
	p := plan(t, c, "backoff bench 90kg x2", KG)
	if math.Abs(p.OneRM-96) > 1e-9 || !strings.Contains(p.Text(), "Epley") {
		t.Errorf("1RM %v, text:\n%s", p.OneRM, p.Text())
	}
	bc, err := New(Config{Defaults: func() Defaults { d := ArticleDefaults(); d.Formula = Brzycki; return d }()})
	if err != nil {
		t.Fatal(err)
	}
	p = plan(t, bc, "backoff bench 90kg x2", KG)
	// Brzycki: 90 * 36 / 35 = 92.57.
	if math.Abs(p.OneRM-90*36.0/35) > 1e-9 || !strings.Contains(p.Text(), "Brzycki") {
		t.Errorf("Brzycki 1RM %v, text:\n%s", p.OneRM, p.Text())
	}
}

func TestJapaneseUnnecessaryAbove8Reps(t *testing.T) {
	c := testCoach(t)
	for _, in := range []string{"japanese 80kg bench x10", "japanese ladder 80kg bench x9 fast"} {
		p := plan(t, c, in, KG)
		if len(p.Steps) != 0 || !strings.Contains(p.Text(), "unnecessary") {
			t.Errorf("%q planned %d steps:\n%s", in, len(p.Steps), p.Text())
		}
	}
}

func TestPlanJSON(t *testing.T) {
	c := testCoach(t)
	p := plan(t, c, "drop 80kg bench", KG)
	raw, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Technique, Exercise, Equipment, Unit string
		Steps                                []struct {
			Load   float64    `json:"load"`
			Reps   string     `json:"reps"`
			RestS  *int       `json:"rest_s"`
			Plates *[]float64 `json:"plates"`
		}
		Notes []string
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Technique != "drop" || got.Exercise != "bench press" || got.Equipment != "barbell" || got.Unit != "kg" {
		t.Errorf("header fields: %s", raw)
	}
	if len(got.Steps) != 4 || got.Steps[0].Load != 80 || got.Steps[0].Reps != "8-12" || got.Steps[0].RestS == nil || got.Steps[0].Plates == nil {
		t.Errorf("steps: %s", raw)
	}
	if len(got.Notes) == 0 {
		t.Errorf("no notes: %s", raw)
	}
	p = plan(t, c, "drop 40kg leg extension", KG)
	raw, _ = json.Marshal(p)
	if strings.Contains(string(raw), "plates") {
		t.Errorf("machine plan carries plates: %s", raw)
	}
}

func TestHelp(t *testing.T) {
	c := testCoach(t)
	for topic, want := range map[string]string{
		"":          "drop 80kg bench",
		"drop":      "8-12 reps",
		"rp":        "10-20 s",
		"backoff":   "+15 % vs +9 %",
		"japanese":  "25 reps",
		"ramp":      "RPE 3-5",
		"exercises": "bench press",
		"presets":   "strip",
		"nonsense":  "No help on",
	} {
		if got := c.Help(topic); !strings.Contains(got, want) {
			t.Errorf("Help(%q) lacks %q:\n%s", topic, want, got)
		}
	}
}

func BenchmarkPlanDrop(b *testing.B)      { benchPlan(b, "drop 80kg bench") }
func BenchmarkPlanDropDB(b *testing.B)    { benchPlan(b, "drop 30kg db curl") }
func BenchmarkPlanRestPause(b *testing.B) { benchPlan(b, "rp 100kg squat") }
func BenchmarkPlanBackOff(b *testing.B)   { benchPlan(b, "backoff bench 90kg x2") }
func BenchmarkPlanJapanese(b *testing.B)  { benchPlan(b, "japanese 100kg bench x5") }
func BenchmarkPlanLadder(b *testing.B)    { benchPlan(b, "japanese ladder 100kg bench x5 fast") }
func BenchmarkPlanRamp(b *testing.B)      { benchPlan(b, "ramp 100kg squat") }

func benchPlan(b *testing.B, in string) {
	c := testCoach(b)
	cmd, err := c.Parse(in, KG)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.plan(cmd); err != nil { // the planner itself, past the cache
			b.Fatal(err)
		}
	}
}

// BenchmarkParsePlanCached is a chat's hot path: a command seen before is
// parsed and its plan comes from the cache.
func BenchmarkParsePlanCached(b *testing.B) {
	c := testCoach(b)
	in := []string{"drop 80kg bench", "rp 225lb squat 3 minis", "backoff bench 90kg x2", "japanese ladder 100kg bench x5 fast", "ramp 100kg squat"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		cmd, err := c.Parse(in[i%len(in)], KG)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Plan(cmd); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCachedPlansAreTheSameAndKeptApartByGym(t *testing.T) {
	c := testCoach(t)
	a := plan(t, c, "drop 80kg bench", KG)
	if b := plan(t, c, "DROP 80kg bench", KG); b != a {
		t.Error("the same command was planned twice")
	}
	kg := DefaultKGRack()
	kg.Plates = []float64{20, 20, 10, 5}
	g, _ := NewGym(kg, DefaultLBRack())
	if other := plan(t, c.WithGym(g), "drop 80kg bench", KG); other == a || equalLoads(loads(other), loads(a)) {
		t.Errorf("another gym got this gym's plan: %v", loads(other))
	}
	if p := plan(t, c, "strip 80kg bench", KG); p == a || p.Preset != "strip" {
		t.Error("a preset shared a plain command's plan")
	}
}

func TestBackOffPresetSetsItsWorkRest(t *testing.T) {
	c, err := New(Config{Presets: []Preset{{Name: "quickbo", Technique: BackOff, Options: Options{Rest: 45 * time.Second, WorkRest: 90 * time.Second}}}})
	if err != nil {
		t.Fatal(err)
	}
	p := plan(t, c, "quickbo 100kg bench", KG)
	if got := rests(p); got[0] != 90*time.Second || got[5] != 90*time.Second || got[6] != 45*time.Second {
		t.Errorf("rests %v: want 90 s after warm-ups and heavy sets, 45 s before the AMRAP", got)
	}
}
