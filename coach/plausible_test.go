package coach

import (
	"strings"
	"testing"
)

func TestImplausible(t *testing.T) {
	c := testCoach(t)
	cases := []struct {
		in      string
		best    float64
		ask     bool
		text    string // the whole line, or "" to skip
		suggest float64
	}{
		{"drop 80kg bench", 0, false, "", 0},
		{"drop 355kg bench", 0, false, "", 0},
		{"drop 800kg bench", 0, true, "800 kg on bench press is more than anyone has ever benched. Did you mean 80 kg?", 80},
		// 900 lb is 408 kg: beyond anyone's bench; 90 lb is plausible.
		{"rp 900lb bench", 0, true, "900 lb on bench press is more than anyone has ever benched. Did you mean 90 lb?", 90},
		{"backoff 600kg squat", 0, true, "600 kg on back squat is more than anyone has ever squatted. Did you mean 60 kg?", 60},
		{"ramp 520kg deadlift", 0, true, "", 52},
		{"drop 250kg ohp", 0, true, "", 25},
		{"drop 150kg curl", 0, true, "150 kg on barbell curl is more than anyone has ever curled. Did you mean 15 kg?", 15},
		{"drop 150kg lateral raise", 0, true, "150 kg dumbbells on lateral raise is more than anyone has ever lifted. Did you mean 15 kg?", 15},
		{"drop 40kg bench db", 0, false, "", 0},
		{"drop 400kg bench db", 0, true, "400 kg dumbbells on bench press is more than anyone has ever benched. Did you mean 40 kg?", 40},
		{"drop 900kg leg press", 0, false, "", 0},
		// Against the lifter's own best estimate: 1.5 times it at most.
		{"backoff 200kg bench", 120, true, "200 kg is far beyond your best estimated 1RM on bench press (120 kg).", 0},
		{"backoff 180kg bench", 120, false, "", 0},
		{"backoff 180.5kg bench", 120, true, "", 0},
		{"drop 800kg bench", 100, true, "800 kg on bench press is more than anyone has ever benched. Did you mean 80 kg?", 80},
		// 300 typed for 30 is not the usual typo with a 100 kg best.
		{"drop 300kg bench", 100, true, "300 kg is far beyond your best estimated 1RM on bench press (100 kg).", 0},
		{"drop 600kg bench", 100, true, "", 60},
		{"backoff bench 200kg x2", 120, true, "", 0},
		{"rp 100kg squat", 116.666666, false, "", 0},
		// In lb the best is in lb too.
		{"drop 405lb bench", 225, true, "405 lb is far beyond your best estimated 1RM on bench press (225 lb).", 0},
	}
	for _, tc := range cases {
		cmd, err := c.Parse(tc.in, KG)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		d, ask := c.Implausible(cmd, tc.best)
		if ask != tc.ask || d.Suggest != tc.suggest || tc.text != "" && d.Text != tc.text {
			t.Errorf("Implausible(%q, best %v) = %+v, %v; want ask %v, suggest %v, %q", tc.in, tc.best, d, ask, tc.ask, tc.suggest, tc.text)
		}
		if ask && (d.Text == "" || strings.Contains(d.Text, "\n")) {
			t.Errorf("%q: the doubt is not one line: %q", tc.in, d.Text)
		}
	}
	// Commands without a typed load are not judged.
	for _, in := range []string{"backoff bench", "help", "log bench 800x1"} {
		cmd, _ := c.Parse(in, KG)
		if _, ask := c.Implausible(cmd, 100); ask {
			t.Errorf("%q judged", in)
		}
	}
}

func TestHumanLimitsCoverTheCatalog(t *testing.T) {
	c := testCoach(t)
	for _, e := range c.Catalog().All() {
		for _, eq := range AllEquipment() {
			lim := HumanLimit(e, eq)
			if lim < 40 || lim > MaxLoad {
				t.Errorf("%s on %s: limit %v kg", e.Name, eq, lim)
			}
		}
		if _, ok := humanLimit[e.Family]; !ok {
			t.Errorf("%s: family %q has no figures (the default applies)", e.Name, e.Family)
		}
	}
	// The competition lifts sit just above the raw world records.
	for name, want := range map[string]float64{"bench press": 360, "back squat": 500, "deadlift": 510, "overhead press": 230, "barbell curl": 120} {
		e, _ := c.Catalog().Lookup(name)
		if got := HumanLimit(e, Barbell); got != want {
			t.Errorf("%s: %v kg, want %v", name, got, want)
		}
	}
	if got := HumanLimit(&Exercise{Name: "zercher carry", Family: "carry"}, Barbell); got != defaultLimit.bar {
		t.Errorf("unknown family: %v", got)
	}
}

func TestWithLoad(t *testing.T) {
	c := testCoach(t)
	for in, want := range map[string]string{
		"drop 800kg bench":                    "drop 80kg bench",
		"Drop 800 kg Bench":                   "drop 80 kg bench",
		"/drop@SpotterBot 800kg bench":        "drop 80kg bench",
		"backoff bench 800kgx2":               "backoff bench 80kgx2",
		"backoff bench 800kg x2":              "backoff bench 80kg x2",
		"rp 800 squat 3 minis rest 20s":       "rp 80 squat 3 minis rest 20s",
		"strip 800kg curl":                    "strip 80kg curl",
		"japanese ladder 800kg bench x5 fast": "japanese ladder 80kg bench x5 fast",
	} {
		got, ok := c.WithLoad(in, KG, 80)
		if !ok || got != want {
			t.Errorf("WithLoad(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"help", "backoff bench", "log bench 800x5", "drop 800kg benhc"} {
		if got, ok := c.WithLoad(in, KG, 80); ok {
			t.Errorf("WithLoad(%q) = %q", in, got)
		}
	}
}
