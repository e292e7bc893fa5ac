package coach

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func testCoach(t testing.TB) *Coach {
	t.Helper()
	c, err := New(Config{Presets: []Preset{
		{Name: "strip", Technique: DropSet, Options: Options{Percent: 20, Drops: 2}},
		{Name: "quickrp", Technique: RestPause, Options: Options{Rest: 10 * time.Second, MiniSets: 3}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// parseCases are the accepted forms; FuzzParse is seeded from them.
var parseCases = []struct {
	in        string
	tech      Technique
	preset    string
	load      float64
	unit      Unit
	exercise  string
	reps      int
	equipment Equipment
	opts      Options
}{
	{in: "drop 80kg bench", tech: DropSet, load: 80, unit: KG, exercise: "bench press", equipment: Barbell},
	{in: "drop bench 80 kg", tech: DropSet, load: 80, unit: KG, exercise: "bench press", equipment: Barbell},
	{in: "DROP 175LB Curl", tech: DropSet, load: 175, unit: LB, exercise: "curl"},
	{in: "drop 80 bench", tech: DropSet, load: 80, unit: KG, exercise: "bench press", equipment: Barbell},
	{in: "/drop@SpotterBot 80kg bench", tech: DropSet, load: 80, unit: KG, exercise: "bench press", equipment: Barbell},
	{in: "drop 80kg bench 3 drops -20%", tech: DropSet, load: 80, unit: KG, exercise: "bench press", equipment: Barbell, opts: Options{Drops: 3, Percent: 20}},
	{in: "drop 80kg bench 2drops 25%", tech: DropSet, load: 80, unit: KG, exercise: "bench press", equipment: Barbell, opts: Options{Drops: 2, Percent: 25}},
	{in: "drop 30kg bench dumbbell", tech: DropSet, load: 30, unit: KG, exercise: "bench press", equipment: Dumbbell},
	{in: "drop 30kg db bench", tech: DropSet, load: 30, unit: KG, exercise: "bench press", equipment: Dumbbell},
	{in: "drop 60kg bench smith", tech: DropSet, load: 60, unit: KG, exercise: "bench press", equipment: Smith},
	{in: "drop 40kg leg extension", tech: DropSet, load: 40, unit: KG, exercise: "leg extension", equipment: Machine},
	{in: "drop 67,5kg squat machine", tech: DropSet, load: 67.5, unit: KG, exercise: "squat", equipment: Machine},
	{in: "rp 100kg squat", tech: RestPause, load: 100, unit: KG, exercise: "squat", equipment: Barbell},
	{in: "restpause 100kg squat", tech: RestPause, load: 100, unit: KG, exercise: "squat", equipment: Barbell},
	{in: "rest-pause 225lb squat 3 minis rest 20s", tech: RestPause, load: 225, unit: LB, exercise: "squat", equipment: Barbell, opts: Options{MiniSets: 3, Rest: 20 * time.Second}},
	{in: "rest pause bench 100 kg rest 1:00", tech: RestPause, load: 100, unit: KG, exercise: "bench press", equipment: Barbell, opts: Options{Rest: time.Minute}},
	{in: "backoff 100kg bench", tech: BackOff, load: 100, unit: KG, exercise: "bench press", equipment: Barbell},
	{in: "backoff bench 90kg x2", tech: BackOff, load: 90, unit: KG, exercise: "bench press", reps: 2, equipment: Barbell},
	{in: "backoff bench 90kgx2", tech: BackOff, load: 90, unit: KG, exercise: "bench press", reps: 2, equipment: Barbell},
	{in: "backoff bench 90 x 2", tech: BackOff, load: 90, unit: KG, exercise: "bench press", reps: 2, equipment: Barbell},
	{in: "back-off 200lb squat rest 60s", tech: BackOff, load: 200, unit: LB, exercise: "squat", equipment: Barbell, opts: Options{Rest: time.Minute}},
	{in: "japanese 100kg bench x5", tech: Japanese, load: 100, unit: KG, exercise: "bench press", reps: 5, equipment: Barbell},
	{in: "jds 100kg bench x5", tech: Japanese, load: 100, unit: KG, exercise: "bench press", reps: 5, equipment: Barbell},
	{in: "japanese ladder 100kg bench x5 fast", tech: Japanese, load: 100, unit: KG, exercise: "bench press", reps: 5, equipment: Barbell, opts: Options{Ladder: true, Fiber: FiberFast, FiberSet: true}},
	{in: "japanese ladder 100kg bench x5 slow", tech: Japanese, load: 100, unit: KG, exercise: "bench press", reps: 5, equipment: Barbell, opts: Options{Ladder: true, Fiber: FiberSlow, FiberSet: true}},
	{in: "japanese drop set 100kg bench x5", tech: Japanese, load: 100, unit: KG, exercise: "bench press", reps: 5, equipment: Barbell},
	{in: "ramp 100kg squat", tech: Ramp, load: 100, unit: KG, exercise: "squat", equipment: Barbell},
	{in: "strip 100kg curl", tech: DropSet, preset: "strip", load: 100, unit: KG, exercise: "curl"},
	{in: "/quickrp@gymbot 120kg bench", tech: RestPause, preset: "quickrp", load: 120, unit: KG, exercise: "bench press", equipment: Barbell},
	{in: "preset strip 100kg curl", tech: DropSet, preset: "strip", load: 100, unit: KG, exercise: "curl"},
	{in: "/Preset@gymbot quickrp 120kg bench", tech: RestPause, preset: "quickrp", load: 120, unit: KG, exercise: "bench press", equipment: Barbell},
}

func TestParse(t *testing.T) {
	c := testCoach(t)
	for _, tc := range parseCases {
		t.Run(tc.in, func(t *testing.T) {
			cmd, err := c.Parse(tc.in, KG)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.in, err)
			}
			if cmd.Kind != KindPlan || cmd.Technique != tc.tech || cmd.Preset != tc.preset {
				t.Errorf("kind/technique/preset = %v/%v/%q, want plan/%v/%q", cmd.Kind, cmd.Technique, cmd.Preset, tc.tech, tc.preset)
			}
			if cmd.Load != tc.load || cmd.Unit != tc.unit || !cmd.LoadSet {
				t.Errorf("load = %v %v (set %v), want %v %v", cmd.Load, cmd.Unit, cmd.LoadSet, tc.load, tc.unit)
			}
			if cmd.Exercise == nil || !strings.Contains(cmd.Exercise.Name, tc.exercise) {
				t.Errorf("exercise = %v, want one named like %q", cmd.Exercise, tc.exercise)
			}
			if cmd.Reps != tc.reps {
				t.Errorf("reps = %d, want %d", cmd.Reps, tc.reps)
			}
			if tc.exercise != "curl" && cmd.Equipment != tc.equipment {
				t.Errorf("equipment = %v, want %v", cmd.Equipment, tc.equipment)
			}
			if cmd.Options != tc.opts {
				t.Errorf("options = %+v, want %+v", cmd.Options, tc.opts)
			}
		})
	}
}

func TestParseDefaultUnit(t *testing.T) {
	c := testCoach(t)
	cmd, err := c.Parse("drop 175 curl", LB)
	if err != nil || cmd.Unit != LB || cmd.UnitSet {
		t.Fatalf("drop 175 curl with lb default: unit %v set %v err %v", cmd.Unit, cmd.UnitSet, err)
	}
}

func TestParseHelp(t *testing.T) {
	c := testCoach(t)
	for in, topic := range map[string]string{"help": "", "/help@SpotterBot": "", "HELP drop": "drop", "help rest-pause": "rest-pause"} {
		cmd, err := c.Parse(in, KG)
		if err != nil || cmd.Kind != KindHelp || cmd.Topic != topic {
			t.Errorf("Parse(%q) = kind %v topic %q err %v; want help %q", in, cmd.Kind, cmd.Topic, err, topic)
		}
	}
}

// errorCases are wrong inputs and a piece of the one line that says what
// was wrong.
var errorCases = []struct{ in, want string }{
	{"", "Say what to plan"},
	{"   ", "Say what to plan"},
	{"dorp 80kg bench", `did you mean drop`},
	{"blorp 80kg bench", `I don't know the command "blorp"`},
	{"drop 80kg", "Which exercise?"},
	{"drop bench", "needs a start load"},
	{"drop 80kg benhc", `did you mean bench press`},
	{"drop 80kg xyzzyqq", `I don't know the exercise "xyzzyqq"`},
	{"drop 0kg bench", "more than 0"},
	{"drop -0kg bench", "more than 0"},
	{"drop -5kg bench", "more than 0"},
	{"drop 1e309kg bench", "write the load as 80kg"},
	{"drop 5000kg bench", "more than anyone lifts"},
	{"drop 80kg 90kg bench", "Two loads"},
	{"drop 80kg bench 0 drops", "number of drops"},
	{"drop 80kg bench 99 drops", "number of drops"},
	{"drop 80kg bench -150%", "percentage between 0 and 100"},
	{"drop 80kg bench rest 10s", "no rest between drops"},
	{"rp 100kg squat rest", "Write a rest as"},
	{"rp 100kg squat rest forever", "Write a rest as"},
	{"rp 100kg squat rest 2h", "between 1 s and 10 min"},
	{"rp 100kg squat 3 drops", "Drops belong to drop sets"},
	{"drop 80kg bench 3 minis", "Mini-sets belong to rest-pause"},
	{"ramp 100kg squat fast", "fibre types belong to Japanese"},
	{"backoff bench 90kg x0", "Reps are written x5"},
	{"backoff bench 90kg x2 x3", "Two rep counts"},
	{"japanese 100kg bench", "needs your working sets"},
	{"backoff 200kg deadlift", "not advised on deadlifts"},
	{"drop 80kg 175lb bench", "Mixed units"},
	{"ramp squat", "max-effort triple"},
}

func TestParseAndPlanErrors(t *testing.T) {
	c := testCoach(t)
	for _, tc := range errorCases {
		_, _, err := c.Handle(tc.in, KG)
		var ue *Error
		if !errors.As(err, &ue) {
			t.Errorf("Handle(%q) error = %v, want a *coach.Error", tc.in, err)
			continue
		}
		msg := ue.Error()
		if !strings.Contains(msg, tc.want) {
			t.Errorf("Handle(%q) = %q, want it to say %q", tc.in, msg, tc.want)
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("Handle(%q) answer is more than one line: %q", tc.in, msg)
		}
		if ue.Example == "" {
			t.Errorf("Handle(%q) = %q has no example", tc.in, msg)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.in)
	}
	for _, tc := range errorCases {
		f.Add(tc.in)
	}
	f.Add("japanese ladder 1kg curl x1 slow")
	f.Add("drop 1000kg bench 10 drops -99%")
	c := testCoach(f)
	f.Fuzz(func(t *testing.T, in string) {
		for _, u := range []Unit{KG, LB} {
			p, help, err := c.Handle(in, u)
			if err != nil {
				var ue *Error
				if !errors.As(err, &ue) {
					t.Fatalf("Handle(%q): error %v is not a *coach.Error", in, err)
				}
				if strings.Contains(ue.Error(), "\n") {
					t.Fatalf("Handle(%q): multi-line error %q", in, ue.Error())
				}
				continue
			}
			if p == nil {
				if help == "" {
					t.Fatalf("Handle(%q): no plan, no help, no error", in)
				}
				continue
			}
			checkPlanInvariants(t, in, p)
		}
	})
}

// checkPlanInvariants holds for every plan: positive finite loads, drop
// ladders strictly lighter at each step, text that renders.
func checkPlanInvariants(t *testing.T, in string, p *Plan) {
	t.Helper()
	for i, s := range p.Steps {
		if !(s.Load > 0) || s.Load > 2*MaxLoad/KGPerLB {
			t.Fatalf("%q: step %d load %v", in, i, s.Load)
		}
		if (s.Kind == StepDrop || p.Ladder != nil && i > 0) && s.Load >= p.Steps[i-1].Load {
			t.Fatalf("%q: step %d (%v) is not lighter than step %d (%v)", in, i, s.Load, i-1, p.Steps[i-1].Load)
		}
	}
	if p.Text() == "" {
		t.Fatalf("%q: empty text", in)
	}
}

func BenchmarkParse(b *testing.B) {
	c := testCoach(b)
	inputs := []string{"drop 80kg bench", "rp 225lb squat 3 minis", "backoff bench 90kg x2", "japanese ladder 100kg bench x5 fast", "ramp 100kg squat"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := c.Parse(inputs[i%len(inputs)], KG); err != nil {
			b.Fatal(err)
		}
	}
}
