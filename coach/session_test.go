package coach

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// runSession starts plan p and reports every step: skipped where skip
// says, else done with 8 reps. It returns the prompt shown before each
// step, in order (the first is the "Now:" line of start, the others the
// "Next:" line and GO ping after the step before).
func runSession(t *testing.T, c *Coach, p *Plan, skip func(i int) bool) []string {
	t.Helper()
	s := NewSession("t", p)
	var prompts []string
	for !s.Finished() {
		i := s.Current
		prompts = append(prompts, s.Prompt(i))
		if _, err := c.Advance(s, Report{Skip: skip(i), Reps: 8}); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	return prompts
}

// stripPlan plans in and checks its plates are the ones the hand-written
// prompts below were worked out from.
func stripPlan(t *testing.T, c *Coach, in string, u Unit, want [][]float64) *Plan {
	t.Helper()
	p := plan(t, c, in, u)
	var got [][]float64
	for _, s := range p.Steps {
		got = append(got, s.Plates)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s: plates a side %v, the prompts below were worked out for %v\n%s", in, got, want, p.Text())
	}
	return p
}

// TestStripSessionSkipPrompts drives real strip sets through Advance with
// a skip at each position and checks each prompt's plates against what a
// lifter who did (or skipped) the steps before must take off, worked out
// by hand: a skipped step is never stripped to, so the next step done
// takes off its own plates and the skipped step's.
func TestStripSessionSkipPrompts(t *testing.T) {
	c := testCoach(t)
	tests := []struct {
		in     string
		u      Unit
		plates [][]float64 // per side, as planned
		// want[k] are the prompts with step k skipped; want[len] with
		// nothing skipped.
		want [][]string
	}{
		{
			in: "drop 80kg bench", u: KG,
			plates: [][]float64{{15, 2.5, 1.25, 5, 5, 1.25}, {15, 2.5, 1.25, 5}, {15, 2.5, 1.25}, {15}},
			want: [][]string{
				// Top set skipped: the bar was loaded to start, so drop 1
				// strips as planned.
				{"top set, 80 kg, 8-12 reps", "drop 1, 67.5 kg (take off 5 + 1.25 a side), ~8 reps",
					"drop 2, 57.5 kg (take off 5 a side), ~8 reps", "drop 3, 50 kg (take off 2.5 + 1.25 a side), ~8 reps"},
				// Drop 1 skipped: the bar still holds the top set's
				// 15 2.5 1.25 5 5 1.25; drop 2 keeps 15 2.5 1.25.
				{"top set, 80 kg, 8-12 reps", "drop 1, 67.5 kg (take off 5 + 1.25 a side), ~8 reps",
					"drop 2, 57.5 kg (take off 5 + 5 + 1.25 a side), ~8 reps", "drop 3, 50 kg (take off 2.5 + 1.25 a side), ~8 reps"},
				// Drop 2 skipped: the bar holds drop 1's 15 2.5 1.25 5.
				{"top set, 80 kg, 8-12 reps", "drop 1, 67.5 kg (take off 5 + 1.25 a side), ~8 reps",
					"drop 2, 57.5 kg (take off 5 a side), ~8 reps", "drop 3, 50 kg (take off 2.5 + 1.25 + 5 a side), ~8 reps"},
				// Drop 3 skipped: nothing after it.
				{"top set, 80 kg, 8-12 reps", "drop 1, 67.5 kg (take off 5 + 1.25 a side), ~8 reps",
					"drop 2, 57.5 kg (take off 5 a side), ~8 reps", "drop 3, 50 kg (take off 2.5 + 1.25 a side), ~8 reps"},
				// Nothing skipped: the plan's own order.
				{"top set, 80 kg, 8-12 reps", "drop 1, 67.5 kg (take off 5 + 1.25 a side), ~8 reps",
					"drop 2, 57.5 kg (take off 5 a side), ~8 reps", "drop 3, 50 kg (take off 2.5 + 1.25 a side), ~8 reps"},
			},
		},
		{
			in: "drop 185lb bench", u: LB,
			plates: [][]float64{{35, 10, 10, 5, 5, 2.5, 2.5}, {35, 10, 10}, {35, 10}, {35}},
			want: [][]string{
				{"top set, 185 lb, 8-12 reps", "drop 1, 155 lb (take off 5 + 5 + 2.5 + 2.5 a side), ~8 reps",
					"drop 2, 135 lb (take off 10 a side), ~8 reps", "drop 3, 115 lb (take off 10 a side), ~8 reps"},
				// Drop 1 skipped: 35 10 10 5 5 2.5 2.5 on the bar; drop 2
				// keeps 35 10.
				{"top set, 185 lb, 8-12 reps", "drop 1, 155 lb (take off 5 + 5 + 2.5 + 2.5 a side), ~8 reps",
					"drop 2, 135 lb (take off 10 + 5 + 5 + 2.5 + 2.5 a side), ~8 reps", "drop 3, 115 lb (take off 10 a side), ~8 reps"},
				// Drop 2 skipped: 35 10 10 on the bar; drop 3 keeps 35.
				{"top set, 185 lb, 8-12 reps", "drop 1, 155 lb (take off 5 + 5 + 2.5 + 2.5 a side), ~8 reps",
					"drop 2, 135 lb (take off 10 a side), ~8 reps", "drop 3, 115 lb (take off 10 + 10 a side), ~8 reps"},
				{"top set, 185 lb, 8-12 reps", "drop 1, 155 lb (take off 5 + 5 + 2.5 + 2.5 a side), ~8 reps",
					"drop 2, 135 lb (take off 10 a side), ~8 reps", "drop 3, 115 lb (take off 10 a side), ~8 reps"},
				{"top set, 185 lb, 8-12 reps", "drop 1, 155 lb (take off 5 + 5 + 2.5 + 2.5 a side), ~8 reps",
					"drop 2, 135 lb (take off 10 a side), ~8 reps", "drop 3, 115 lb (take off 10 a side), ~8 reps"},
			},
		},
	}
	for _, tc := range tests {
		p := stripPlan(t, c, tc.in, tc.u, tc.plates)
		for k, want := range tc.want {
			got := runSession(t, c, p, func(i int) bool { return i == k })
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%s, skip step %d:\n got  %q\n want %q", tc.in, k, got, want)
			}
		}
	}

	// Drops 1 and 2 both skipped: drop 3 strips from the top set.
	p := stripPlan(t, c, "drop 185lb bench", LB, tests[1].plates)
	got := runSession(t, c, p, func(i int) bool { return i == 1 || i == 2 })
	if want := "drop 3, 115 lb (take off 10 + 10 + 5 + 5 + 2.5 + 2.5 a side), ~8 reps"; got[3] != want {
		t.Errorf("drop 185lb bench, skip 1 and 2: last prompt %q, want %q", got[3], want)
	}
}

// TestOffNowBriefExample is the case of issue 12 item 7 on a 20 kg bar:
// top set 100 kg (25 10 5 a side), drop 1 90 kg (25 10), drop 2 70 kg
// (25). Skip drop 1 and drop 2 must take off the 10 and the 5 the lifter
// never stripped, not the planned 10 alone.
func TestOffNowBriefExample(t *testing.T) {
	c := testCoach(t)
	p := &Plan{Technique: DropSet, Equipment: Barbell, Unit: KG, Steps: []Step{
		{Kind: StepFailure, Label: "Top set", Load: 100, Reps: "8-12", RepsLo: 8, RepsHi: 12, Plates: []float64{25, 10, 5}},
		{Kind: StepDrop, Label: "Drop 1", Load: 90, Reps: "~8", RepsLo: 8, RepsHi: 8, Plates: []float64{25, 10}, Off: []float64{5}},
		{Kind: StepDrop, Label: "Drop 2", Load: 70, Reps: "~8", RepsLo: 8, RepsHi: 8, Plates: []float64{25}, Off: []float64{10}},
	}}
	s := NewSession("t", p)
	if off, on := s.OffNow(0); off != nil || on != nil {
		t.Errorf("before the top set: off %v on %v, want nothing (loaded to start)", off, on)
	}
	mustAdvance(t, c, s, Report{Reps: 9})
	if off, on := s.OffNow(1); !slices.Equal(off, []float64{5}) || on != nil {
		t.Errorf("after the top set: off %v on %v, want off [5]", off, on)
	}
	mustAdvance(t, c, s, Report{Skip: true})
	off, on := s.OffNow(2)
	if !slices.Equal(off, []float64{10, 5}) || on != nil {
		t.Errorf("drop 1 skipped: off %v on %v, want off [10 5]", off, on)
	}
	if got, want := s.Prompt(2), "drop 2, 70 kg (take off 10 + 5 a side), ~8 reps"; got != want {
		t.Errorf("Prompt(2) = %q, want %q", got, want)
	}
	if bar, ok := s.BarNow(); !ok || !slices.Equal(bar, []float64{25, 10, 5}) {
		t.Errorf("BarNow = %v %v, want [25 10 5]", bar, ok)
	}
	// The plan as written keeps its own order.
	if !strings.Contains(p.Text(), "take off 10 a side") {
		t.Errorf("plan text changed:\n%s", p.Text())
	}
}

func mustAdvance(t *testing.T, c *Coach, s *Session, r Report) {
	t.Helper()
	if _, err := c.Advance(s, r); err != nil {
		t.Fatal(err)
	}
}

// TestOffNowReload: a drop set whose bar is reloaded between drops (the
// plates of each step heaviest first) says what to take off and what to
// put on, from what is on the bar.
func TestOffNowReload(t *testing.T) {
	c := testCoach(t)
	p := &Plan{Technique: DropSet, Equipment: Barbell, Unit: KG, Steps: []Step{
		{Kind: StepFailure, Label: "Top set", Load: 100, Reps: "8-12", RepsLo: 8, RepsHi: 12, Plates: []float64{25, 15}},
		{Kind: StepDrop, Label: "Drop 1", Load: 85, Reps: "~8", RepsLo: 8, RepsHi: 8, Plates: []float64{25, 5, 2.5}},
		{Kind: StepDrop, Label: "Drop 2", Load: 72.5, Reps: "~8", RepsLo: 8, RepsHi: 8, Plates: []float64{25, 1.25}},
		{Kind: StepDrop, Label: "Drop 3", Load: 62.5, Reps: "~8", RepsLo: 8, RepsHi: 8, Plates: []float64{20, 1.25}},
	}}
	tests := []struct {
		skip int
		want []string
	}{
		{-1, []string{
			"top set, 100 kg, 8-12 reps",
			// 25 15 -> 25 5 2.5: the 15 comes off, the 5 and 2.5 go on.
			"drop 1, 85 kg (take off 15 a side, then put on 5 + 2.5 a side), ~8 reps",
			// 25 5 2.5 -> 25 1.25.
			"drop 2, 72.5 kg (take off 5 + 2.5 a side, then put on 1.25 a side), ~8 reps",
			// 25 1.25 -> 20 1.25: the 1.25 must come off to get at the 25.
			"drop 3, 62.5 kg (take off 25 + 1.25 a side, then put on 20 + 1.25 a side), ~8 reps",
		}},
		{1, []string{
			"top set, 100 kg, 8-12 reps",
			"drop 1, 85 kg (take off 15 a side, then put on 5 + 2.5 a side), ~8 reps",
			// Drop 1 skipped: 25 15 still on.
			"drop 2, 72.5 kg (take off 15 a side, then put on 1.25 a side), ~8 reps",
			"drop 3, 62.5 kg (take off 25 + 1.25 a side, then put on 20 + 1.25 a side), ~8 reps",
		}},
		{2, []string{
			"top set, 100 kg, 8-12 reps",
			"drop 1, 85 kg (take off 15 a side, then put on 5 + 2.5 a side), ~8 reps",
			"drop 2, 72.5 kg (take off 5 + 2.5 a side, then put on 1.25 a side), ~8 reps",
			// Drop 2 skipped: 25 5 2.5 still on.
			"drop 3, 62.5 kg (take off 25 + 5 + 2.5 a side, then put on 20 + 1.25 a side), ~8 reps",
		}},
	}
	for _, tc := range tests {
		got := runSession(t, c, p, func(i int) bool { return i == tc.skip })
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("skip %d:\n got  %q\n want %q", tc.skip, got, tc.want)
		}
	}
}

// TestOffNowPutsOn: a ramp's warm-ups get heavier, so the prompts say
// what to put on; a skipped warm-up leaves its plates on the bar.
func TestOffNowPutsOn(t *testing.T) {
	c := testCoach(t)
	p := &Plan{Technique: Ramp, Equipment: Barbell, Unit: KG, Steps: []Step{
		{Kind: StepWarmup, Label: "Set 1", Load: 60, Reps: "3", RepsLo: 3, RepsHi: 3, Plates: []float64{20}},
		{Kind: StepWarmup, Label: "Set 2", Load: 80, Reps: "3", RepsLo: 3, RepsHi: 3, Plates: []float64{25, 5}},
		{Kind: StepWork, Label: "Set 3", Load: 90, Reps: "3", RepsLo: 3, RepsHi: 3, Plates: []float64{25, 10}},
	}}
	got := runSession(t, c, p, func(i int) bool { return i == 0 })
	want := []string{
		"set 1, 60 kg, 3 reps",
		// Set 1 skipped, but it was loaded to start: its 20 is on.
		"set 2, 80 kg (take off 20 a side, then put on 25 + 5 a side), 3 reps",
		"set 3, 90 kg (take off 5 a side, then put on 10 a side), 3 reps",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	s := NewSession("t", p)
	mustAdvance(t, c, s, Report{Reps: 3})
	s.Steps[2].Plates = []float64{20, 10, 5}
	if off, on := s.OffNow(2); off != nil || !slices.Equal(on, []float64{10, 5}) {
		t.Errorf("20 on, 20 10 5 wanted: off %v on %v, want on [10 5] only", off, on)
	}
	if got, want := s.Prompt(2), "set 3, 90 kg (put on 10 + 5 a side), 3 reps"; got != want {
		t.Errorf("Prompt(2) = %q, want %q", got, want)
	}
}

// TestOffNowPhysical runs real plans of every plated kind through every
// pattern of skips (a Japanese ladder through its adaptive steps too) and
// keeps the plates on one side of the bar as a stack: at each step done
// the lifter takes off what the prompt says, which must be the outermost
// plates, puts on what it says, and must then hold exactly the step's
// plates; a skipped step leaves the bar alone.
func TestOffNowPhysical(t *testing.T) {
	c := testCoach(t)
	for _, tc := range []struct {
		in string
		u  Unit
	}{
		{"drop 80kg bench", KG},
		{"drop 185lb bench", LB},
		{"drop 315lb squat", LB},
		{"drop 100kg bench", KG},
		{"drop 225lb bench", LB},
		{"drop 100kg bench -30%", KG},
		{"strip 100kg curl", KG},
		{"rp 100kg squat", KG},
		{"ramp 100kg squat", KG},
		{"ramp 275lb squat", LB},
		{"backoff 100kg bench", KG},
		{"japanese ladder 100kg bench x5 fast", KG},
		{"japanese ladder 225lb bench x5 slow", LB},
		{"drop 60kg smith squat", KG},
	} {
		p := plan(t, c, tc.in, tc.u)
		n := len(p.Steps)
		for mask := range 1 << min(n, 10) {
			s := NewSession("t", p)
			var bar []float64 // what is on one side
			if len(s.Steps) > 0 {
				bar = slices.Clone(s.Steps[0].Plates)
			}
			for !s.Finished() {
				i := s.Current
				skip := mask&(1<<min(i, 9)) != 0
				off, on := s.OffNow(i)
				prompt := s.Prompt(i)
				if (len(off) > 0) != strings.Contains(prompt, "take off") || (len(on) > 0) != strings.Contains(prompt, "put on") {
					t.Fatalf("%s mask %b step %d: prompt %q for off %v on %v", tc.in, mask, i, prompt, off, on)
				}
				if !skip {
					if len(off) > len(bar) || !slices.Equal(bar[len(bar)-len(off):], off) {
						t.Fatalf("%s mask %b step %d: take off %v, but the bar holds %v", tc.in, mask, i, off, bar)
					}
					bar = append(bar[:len(bar)-len(off)], on...)
					if !slices.Equal(bar, s.Steps[i].Plates) {
						t.Fatalf("%s mask %b step %d: the bar holds %v after the prompt %q, the step needs %v", tc.in, mask, i, bar, prompt, s.Steps[i].Plates)
					}
				}
				if _, err := c.Advance(s, Report{Skip: skip, Reps: 5 + i%4}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestOffNowNotPlated: dumbbells and stacks have no plates, and their
// prompts do not change.
func TestOffNowNotPlated(t *testing.T) {
	c := testCoach(t)
	for _, in := range []string{"drop 30kg db curl", "drop 60kg leg extension", "drop 50kg tricep pushdown -20% 2 drops"} {
		p := plan(t, c, in, KG)
		got := runSession(t, c, p, func(i int) bool { return i == 1 })
		s := NewSession("t", p)
		for i := range s.Steps {
			if off, on := s.OffNow(i); off != nil || on != nil {
				t.Errorf("%s step %d: off %v on %v", in, i, off, on)
			}
			if _, ok := s.BarNow(); ok {
				t.Errorf("%s: BarNow ok on %v", in, p.Equipment)
			}
		}
		for _, pr := range got {
			if strings.Contains(pr, "take off") || strings.Contains(pr, "put on") {
				t.Errorf("%s: prompt %q", in, pr)
			}
		}
	}
}

// TestOffNowStoredSessions: sessions are stored as JSON. A stored one
// decodes and prompts from the bar as it was; one stored without plates
// falls back to the plan's own take-off order.
func TestOffNowStoredSessions(t *testing.T) {
	c := testCoach(t)
	p := plan(t, c, "drop 80kg bench", KG)
	s := NewSession("t", p)
	mustAdvance(t, c, s, Report{Reps: 10})
	mustAdvance(t, c, s, Report{Skip: true})
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Session
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if got, want := back.Prompt(back.Current), s.Prompt(s.Current); got != want || !strings.Contains(got, "take off 5 + 5 + 1.25 a side") {
		t.Errorf("decoded prompt %q, before %q", got, want)
	}

	old := `{"ID":"old","Technique":0,"Exercise":"bench press","Equipment":0,"Unit":0,
		"Steps":[{"Kind":2,"Label":"Top set","Load":80,"Reps":"8-12","RepsLo":8,"RepsHi":12,"Rest":0,"Plates":null,"Off":null},
		{"Kind":3,"Label":"Drop 1","Load":67.5,"Reps":"~8","RepsLo":8,"RepsHi":8,"Rest":0,"Plates":null,"Off":[5,1.25]}],
		"Current":1,"Results":[{"Step":0,"Label":"Top set","Kind":2,"Load":80,"Reps":9}]}`
	var o Session
	if err := json.Unmarshal([]byte(old), &o); err != nil {
		t.Fatal(err)
	}
	if got, want := o.Prompt(1), "drop 1, 67.5 kg (take off 5 + 1.25 a side), ~8 reps"; got != want {
		t.Errorf("old session: Prompt(1) = %q, want %q", got, want)
	}
}

// TestUndoTakesBackTheLastReport: each report taken back puts the session
// on that step again, and a session with nothing reported has nothing to
// take back.
func TestUndoTakesBackTheLastReport(t *testing.T) {
	c := testCoach(t)
	p := plan(t, c, "drop 80kg bench", KG)
	s := NewSession("t", p)
	if _, ok := s.Undo(); ok {
		t.Fatal("undo with nothing reported")
	}
	mustAdvance(t, c, s, Report{Reps: 10})
	mustAdvance(t, c, s, Report{Skip: true})
	mustAdvance(t, c, s, Report{Failed: true})
	want := s.Clone()
	mustAdvance(t, c, s, Report{Reps: 6})
	if !s.Finished() {
		t.Fatal("not finished after four reports")
	}
	for i, wantLast := range []Result{
		{Step: 3, Label: "Drop 3", Kind: StepDrop, Load: p.Steps[3].Load, Reps: 6},
		{Step: 2, Label: "Drop 2", Kind: StepDrop, Load: p.Steps[2].Load, Failed: true},
		{Step: 1, Label: "Drop 1", Kind: StepDrop, Load: p.Steps[1].Load, Skipped: true},
		{Step: 0, Label: "Top set", Kind: StepFailure, Load: 80, Reps: 10},
	} {
		last, ok := s.Undo()
		if !ok || fmt.Sprint(last) != fmt.Sprint(wantLast) {
			t.Fatalf("undo %d: %+v %v, want %+v", i, last, ok, wantLast)
		}
		if s.Current != wantLast.Step || len(s.Results) != wantLast.Step {
			t.Fatalf("undo %d: current %d, %d results", i, s.Current, len(s.Results))
		}
		if i == 0 && fmt.Sprint(s) != fmt.Sprint(want) {
			t.Fatalf("undo of the last report:\n%+v\nwant\n%+v", s, want)
		}
	}
	if _, ok := s.Undo(); ok {
		t.Fatal("undo past the first step")
	}
	if fmt.Sprint(s.Steps) != fmt.Sprint(p.Steps) {
		t.Errorf("steps changed: %+v", s.Steps)
	}
}

// TestUndoInALadderPutsBackItsSteps: a ladder's next drop follows the reps
// reported; taken back, the steps are as before the report, and the drop
// follows the reps reported instead.
func TestUndoInALadderPutsBackItsSteps(t *testing.T) {
	c := testCoach(t)
	p := plan(t, c, "japanese ladder 100kg bench x5 fast", KG)
	s := NewSession("t", p)
	out, err := c.Advance(s, Report{Reps: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Result.Adapted || len(s.Steps) != 2 || s.Steps[1].Load != 85 {
		t.Fatalf("after 4 reps: %+v, steps %+v", out.Result, s.Steps)
	}
	if _, ok := s.Undo(); !ok {
		t.Fatal("nothing to undo")
	}
	if s.Current != 0 || len(s.Results) != 0 || fmt.Sprint(s.Steps) != fmt.Sprint(p.Steps) {
		t.Fatalf("after undo: current %d, results %v, steps\n%+v\nwant\n%+v", s.Current, s.Results, s.Steps, p.Steps)
	}
	// 12 reps call for the smallest drop, 10 % with fast fibres.
	mustAdvance(t, c, s, Report{Reps: 12})
	if len(s.Steps) != 2 || s.Steps[1].Load != 90 {
		t.Fatalf("after 12 reps: %+v", s.Steps)
	}
	// A skip taken back: a skipped last drop ends or extends the ladder.
	mustAdvance(t, c, s, Report{Skip: true})
	steps := fmt.Sprint(s.Steps[:2])
	if _, ok := s.Undo(); !ok || s.Current != 1 || len(s.Steps) != 2 || fmt.Sprint(s.Steps) != steps {
		t.Fatalf("after the skip's undo: current %d, steps %+v", s.Current, s.Steps)
	}
	// Stored and read back, a session still undoes.
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, c, s, Report{Reps: 5})
	var back Session
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	mustAdvance(t, c, &back, Report{Reps: 5})
	js, _ := json.Marshal(s)
	jb, _ := json.Marshal(&back)
	if string(js) != string(jb) {
		t.Fatalf("read back:\n%s\nwant\n%s", jb, js)
	}
	back.Undo()
	if fmt.Sprint(back.Steps) != steps {
		t.Errorf("undo after reading back: %+v, want %s", back.Steps, steps)
	}
}

// TestFailedSet: done 0 is a failed set of 0 reps, unlike done alone; a
// session goes on after it, and a ladder drops as after few reps.
func TestFailedSet(t *testing.T) {
	c := testCoach(t)
	s := NewSession("t", plan(t, c, "drop 80kg bench", KG))
	out, err := c.Advance(s, Report{Failed: true})
	if err != nil || !out.Result.Failed || out.Result.Reps != 0 || out.Finished || s.Current != 1 {
		t.Fatalf("failed top set: %+v %v, current %d", out, err, s.Current)
	}
	if k := out.Result.LiftKind(); k != KindFailed {
		t.Errorf("kind %q", k)
	}
	out, _ = c.Advance(s, Report{})
	if out.Result.Failed || out.Result.Reps != 8 || out.Result.LiftKind() != KindDrop {
		t.Errorf("done alone: %+v", out.Result)
	}
	// A step that needs a count takes 0 as a failed set.
	rp := NewSession("t", plan(t, c, "rp 100kg squat", KG))
	if _, err := c.Advance(rp, Report{}); err == nil {
		t.Error("done alone to failure: no question")
	}
	out, err = c.Advance(rp, Report{Failed: true})
	if err != nil || !out.Result.Failed || out.Rest != 15*time.Second {
		t.Errorf("failed set to failure: %+v %v", out, err)
	}
	if !strings.Contains(rp.Summary(), "Set: 100 kg × 0, failed\n") {
		t.Errorf("summary:\n%s", rp.Summary())
	}

	ladder := NewSession("t", plan(t, c, "japanese ladder 100kg bench x5 fast", KG))
	out, err = c.Advance(ladder, Report{Failed: true})
	if err != nil || out.Finished || ladder.Steps[1].Load != 85 {
		t.Fatalf("failed ladder top set: %+v %v, steps %+v", out, err, ladder.Steps)
	}
	if !strings.Contains(out.Why, "0 of 25 reps") || !strings.Contains(out.Why, "-15 %") {
		t.Errorf("why: %q", out.Why)
	}
}
