package chart

import (
	"image"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

var newYork = mustZone("America/New_York")

// threeMuscles is a catalog of three exercises: bench press (chest and
// triceps), squat (quads) and curl (biceps); nothing else is placed.
func threeMuscles(exercise string) []coach.Muscle {
	return map[string][]coach.Muscle{
		"bench press": {coach.Chest, coach.Triceps},
		"squat":       {coach.Quads},
		"curl":        {coach.Biceps},
	}[exercise]
}

func lift(exercise string, at time.Time, load float64, u coach.Unit, reps int, kind string) coach.Lift {
	return coach.Lift{At: at, Exercise: exercise, Load: load, Unit: u, Reps: reps, Kind: kind}
}

func TestVolumeFrom(t *testing.T) {
	for _, c := range []struct {
		now   time.Time
		weeks int
		want  time.Time
	}{
		{time.Date(2025, 5, 7, 18, 0, 0, 0, newYork), 1, time.Date(2025, 5, 5, 0, 0, 0, 0, newYork)},
		{time.Date(2025, 5, 7, 18, 0, 0, 0, newYork), 3, time.Date(2025, 4, 21, 0, 0, 0, 0, newYork)},
		{time.Date(2025, 5, 11, 23, 59, 0, 0, newYork), 1, time.Date(2025, 5, 5, 0, 0, 0, 0, newYork)},
		{time.Date(2025, 5, 12, 0, 0, 0, 0, newYork), 1, time.Date(2025, 5, 12, 0, 0, 0, 0, newYork)},
		// Monday 03:30 UTC is still Sunday in New York: last week.
		{time.Date(2025, 5, 12, 3, 30, 0, 0, time.UTC), 1, time.Date(2025, 5, 5, 0, 0, 0, 0, newYork)},
		{time.Date(2025, 5, 7, 18, 0, 0, 0, newYork), 0, time.Date(2025, 5, 5, 0, 0, 0, 0, newYork)},
		{time.Date(2025, 5, 7, 18, 0, 0, 0, newYork), 99, time.Date(2024, 5, 13, 0, 0, 0, 0, newYork)},
	} {
		if got := VolumeFrom(c.now, newYork, c.weeks); !got.Equal(c.want) {
			t.Errorf("VolumeFrom(%v, %d) = %v, want %v", c.now, c.weeks, got, c.want)
		}
	}
}

// Volume per ISO week in the lifter's zone: a set's load × reps shared
// among its muscle groups, drop steps counted, warm-ups, body weight and
// assisted sets not, other units converted, unknown names apart.
func TestWeeklyVolumes(t *testing.T) {
	now := time.Date(2025, 5, 7, 18, 0, 0, 0, newYork)
	ny := func(m time.Month, d, h, min int) time.Time { return time.Date(2025, m, d, h, min, 0, 0, newYork) }
	lifts := []coach.Lift{
		lift("squat", ny(4, 20, 23, 0), 200, coach.KG, 5, coach.KindWork), // the Sunday before: not counted
		lift("bench press", ny(4, 21, 10, 0), 100, coach.KG, 5, coach.KindWork),
		lift("squat", ny(4, 27, 23, 30), 100, coach.KG, 5, coach.KindWork), // Sunday night here, Monday in UTC
		lift("squat", ny(4, 28, 9, 0), 60, coach.KG, 5, coach.KindWarmup),
		lift("bench press", ny(4, 28, 9, 30), 80, coach.KG, 8, coach.KindDrop),
		lift("squat", ny(4, 29, 9, 0), 225, coach.LB, 3, coach.KindWork),
		lift("Cable Thing", ny(5, 6, 9, 0), 30, coach.KG, 10, coach.KindWork),
		lift("pull up", ny(5, 6, 9, 10), 0, coach.KG, 10, coach.KindWork),
		lift("lat pulldown", ny(5, 6, 9, 20), -30, coach.KG, 10, coach.KindWork),
		lift("squat", ny(5, 6, 9, 30), 150, coach.KG, 0, coach.KindFailure),
	}
	v := WeeklyVolumes(lifts, threeMuscles, coach.KG, newYork, now, 3)
	if len(v.Weeks) != 3 || !v.Weeks[0].Equal(ny(4, 21, 0, 0)) || !v.Weeks[2].Equal(ny(5, 5, 0, 0)) {
		t.Fatalf("weeks %v", v.Weeks)
	}
	squat := 100*5.0 + 225*coach.KGPerLB*3
	if got := strings.Join(muscleNames(v.Muscles), ","); got != "quads,chest,triceps,other" {
		t.Errorf("muscles %s, want the most volume first and other last", got)
	}
	want := map[coach.Muscle][]float64{
		coach.Quads:   {500, 225 * coach.KGPerLB * 3, 0},
		coach.Chest:   {250, 320, 0},
		coach.Triceps: {250, 320, 0},
		Other:         {0, 0, 300},
	}
	for m, w := range want {
		for i := range w {
			if math.Abs(v.By[m][i]-w[i]) > 1e-9 {
				t.Errorf("%s, week %d: %v, want %v", m, i, v.By[m][i], w[i])
			}
		}
	}
	if total := v.Total(0) + v.Total(1) + v.Total(2); math.Abs(total-(squat+500+640+300)) > 1e-9 {
		t.Errorf("total %v: a set's volume is shared, not counted once per muscle", total)
	}
	lb := WeeklyVolumes(lifts, threeMuscles, coach.LB, newYork, now, 3)
	if got, want := lb.By[coach.Chest][0], 250/coach.KGPerLB; math.Abs(got-want) > 1e-9 {
		t.Errorf("in lb: chest %v, want %v", got, want)
	}
}

func muscleNames(ms []coach.Muscle) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = string(m)
	}
	return out
}

// eightWeeks are eight weeks of bench, squat and curl, a little more
// each week, ending on now.
func eightWeeks(now time.Time) []coach.Lift {
	var out []coach.Lift
	for w := range 8 {
		mon := VolumeFrom(now, berlin, 8).AddDate(0, 0, 7*w)
		for d, e := range []string{"bench press", "squat", "curl"} {
			at := mon.AddDate(0, 0, 2*d).Add(18 * time.Hour)
			if at.After(now) {
				continue
			}
			load := map[string]float64{"bench press": 90, "squat": 120, "curl": 15}[e] + 2.5*float64(w)
			for range 4 {
				out = append(out, lift(e, at, load, coach.KG, 8, coach.KindWork))
			}
		}
	}
	return out
}

// The weekly chart with three muscle groups: a bar per week starting
// from zero, each group in its colour in the bars and in the legend, the
// legend beside the plot.
func TestWeeklyVolumeChart(t *testing.T) {
	now := time.Date(2025, 5, 7, 20, 0, 0, 0, berlin)
	lifts := eightWeeks(now)
	muscles := func(e string) []coach.Muscle {
		if e == "bench press" {
			return []coach.Muscle{coach.Chest}
		}
		return threeMuscles(e)
	}
	v := WeeklyVolumes(lifts, muscles, coach.KG, berlin, now, 8)
	if len(v.Muscles) != 3 {
		t.Fatalf("muscles %v, want 3", v.Muscles)
	}
	data, lay, err := drawVolume(v, coach.KG, berlin)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, "volume-8-weeks", data)
	checkFrame(t, "volume", img, lay)
	if lay.Legend.Min.X <= lay.Data.Max.X {
		t.Errorf("legend %v is not beside the data %v", lay.Legend, lay.Data)
	}
	highest := 0.0
	for i := range v.Weeks {
		highest = max(highest, v.Total(i))
	}
	if lay.YMin != 0 || lay.YMax < highest || lay.YMax > highest*1.5 {
		t.Errorf("y-axis %v-%v for a tallest bar of %v: bars start at zero and reach near the top", lay.YMin, lay.YMax, highest)
	}
	var bars []image.Point
	for _, m := range v.Muscles {
		in := where(img, lay.Data, colourOf(m))
		if len(in) < 500 {
			t.Errorf("%s: %d pixels of its colour in the bars", m, len(in))
		}
		if len(where(img, lay.Legend, colourOf(m))) < 20 {
			t.Errorf("%s: not in the legend", m)
		}
		bars = append(bars, in...)
	}
	// The tallest bar reaches the height its total says.
	top := extent(bars).Min.Y
	want := float64(lay.Data.Max.Y) - highest/lay.YMax*float64(lay.Data.Dy())
	if math.Abs(float64(top)-want) > 3 {
		t.Errorf("the tallest bar's top at y %d, want %.0f", top, want)
	}
	// Eight bars: eight runs of bar colour across the middle of the
	// lowest group.
	y := lay.Data.Max.Y - 3
	runs, in := 0, false
	for x := lay.Data.Min.X; x < lay.Data.Max.X; x++ {
		c := near(img.At(x, y), colourOf(v.Muscles[0]), 24)
		if c && !in {
			runs++
		}
		in = c
	}
	if runs != 8 {
		t.Errorf("%d bars, want 8", runs)
	}
}

// One week and a year of weeks keep their frame; an empty span is an
// error, not a blank chart.
func TestWeeklyVolumeSpans(t *testing.T) {
	now := time.Date(2025, 5, 7, 20, 0, 0, 0, berlin)
	lifts := append(eightWeeks(now), lift("Cable Thing", now.Add(-time.Hour), 40, coach.KG, 12, coach.KindWork))
	for _, weeks := range []int{1, MaxWeeks} {
		v := WeeklyVolumes(lifts, threeMuscles, coach.KG, berlin, now, weeks)
		data, lay, err := drawVolume(v, coach.KG, berlin)
		if err != nil {
			t.Fatal(err)
		}
		name := map[int]string{1: "volume-1-week", MaxWeeks: "volume-52-weeks"}[weeks]
		checkFrame(t, name, decode(t, name, data), lay)
	}
	if _, err := WeeklyVolume(lifts, threeMuscles, coach.KG, berlin, now.AddDate(1, 0, 0), 4); err == nil {
		t.Error("a chart of four empty weeks")
	}
}

func TestWeekTicks(t *testing.T) {
	var weeks []time.Time
	for i := range MaxWeeks {
		weeks = append(weeks, time.Date(2024, 5, 13+7*i, 0, 0, 0, 0, berlin))
	}
	ts := weekTicks(weeks)
	if len(ts) > 10 || ts[len(ts)-1].Value != MaxWeeks-1 {
		t.Errorf("%d labels, the last at %v: at most ten, this week's always", len(ts), ts[len(ts)-1].Value)
	}
	if ts[0].Label != weeks[int(ts[0].Value)].Format("2 Jan\n2006") {
		t.Errorf("first label %q, want the date and year", ts[0].Label)
	}
	years := 0
	for _, tk := range ts {
		if strings.Contains(tk.Label, "\n") {
			years++
		}
	}
	if years != 2 {
		t.Errorf("the year written %d times, want under the first label and at the new year", years)
	}
}

func TestThousands(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 12500: "12,500", 1234567.4: "1,234,567", -2500: "-2,500"} {
		if got := thousands(v); got != want {
			t.Errorf("thousands(%v) = %q, want %q", v, got, want)
		}
	}
}
