package coach

import (
	"math"
	"testing"
)

func TestOneRMFormulas(t *testing.T) {
	cases := []struct {
		f          Formula
		load       float64
		reps       int
		want       float64
		wantRepsAt int // RepsAt(want, load) recovers the reps
	}{
		{Epley, 100, 5, 100 * (1 + 5.0/30), 5},
		{Epley, 90, 2, 96, 2},
		{Epley, 140, 10, 140 * (1 + 10.0/30), 10},
		{Brzycki, 90, 2, 90 * 36.0 / 35, 2},
		{Brzycki, 100, 10, 100 * 36.0 / 27, 10},
		{Brzycki, 100, 1, 100, 1},
	}
	for _, tc := range cases {
		got := tc.f.OneRM(tc.load, tc.reps)
		if math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%v.OneRM(%v, %d) = %v, want %v", tc.f, tc.load, tc.reps, got, tc.want)
		}
		if r := tc.f.RepsAt(got, tc.load); r != tc.wantRepsAt {
			t.Errorf("%v.RepsAt(%v, %v) = %d, want %d", tc.f, got, tc.load, r, tc.wantRepsAt)
		}
	}
	if Brzycki.OneRM(50, 40) != Epley.OneRM(50, 40) {
		t.Error("Brzycki at 37+ reps must fall back to Epley, not divide by zero or go negative")
	}
	if r := Epley.RepsAt(100, 120); r != 0 {
		t.Errorf("RepsAt above the 1RM = %d, want 0", r)
	}
}

// The RPE chart points named in COACHING.md: RPE 10 x 1 = 100 %, x 3 ≈ 92 %,
// x 5 ≈ 86 %, and each RPE point lower is one more rep in reserve.
func TestRPEChart(t *testing.T) {
	cases := []struct {
		reps int
		rpe  float64
		want float64
	}{
		{1, 10, 1.00},
		{3, 10, 0.92},
		{5, 10, 0.86},
		{3, 9, RPEPercent(4, 10)},
		{3, 8, RPEPercent(5, 10)},
		{1, 8, RPEPercent(3, 10)},
	}
	for _, tc := range cases {
		if got := RPEPercent(tc.reps, tc.rpe); math.Abs(got-tc.want) > 0.005 {
			t.Errorf("RPEPercent(%d, %v) = %.3f, want %.3f", tc.reps, tc.rpe, got, tc.want)
		}
	}
	// Lower RPE, lighter load; half points between the whole ones.
	for reps := 1; reps <= 12; reps++ {
		for rpe := 10.0; rpe > 3; rpe -= 0.5 {
			if RPEPercent(reps, rpe-0.5) >= RPEPercent(reps, rpe) {
				t.Fatalf("RPE %v x %d is not lighter than RPE %v", rpe-0.5, reps, rpe)
			}
		}
	}
}

func TestLadderDropsFollowReps(t *testing.T) {
	// COACHING.md section 3: under 6 reps -> top of the range, over 10 ->
	// bottom, between -> middle; the fibre types' ranges.
	cases := []struct {
		f    Fiber
		reps int
		want float64
	}{
		{FiberFast, 4, 15}, {FiberFast, 8, 12.5}, {FiberFast, 12, 10},
		{FiberSlow, 5, 10}, {FiberSlow, 6, 7.5}, {FiberSlow, 11, 5},
		{FiberMixed, 3, 15}, {FiberMixed, 10, 10}, {FiberMixed, 20, 5},
	}
	for _, tc := range cases {
		if got := tc.f.NextLadderDrop(tc.reps); got != tc.want {
			t.Errorf("%v after %d reps: -%v %%, want -%v %%", tc.f, tc.reps, got, tc.want)
		}
	}
}
