package chart

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"

	"github.com/spotter-coach/spotter/coach"
)

var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// set is a set of bench press in kg at t.
func set(t time.Time, load float64, reps int) coach.Lift {
	return coach.Lift{At: t, Exercise: "bench press", Load: load, Unit: coach.KG, Reps: reps, Kind: coach.KindWork}
}

// fourDays are four bench days a few days apart, each heavier than the
// last, with a warm-up and a drop set on the way.
func fourDays() []coach.Lift {
	at := time.Date(2025, 3, 3, 18, 0, 0, 0, berlin)
	var out []coach.Lift
	for i, w := range []float64{100, 102.5, 105, 107.5} {
		day := at.AddDate(0, 0, 3*i)
		warm := set(day, 60, 10)
		warm.Kind = coach.KindWarmup
		drop := set(day.Add(20*time.Minute), w-20, 10)
		drop.Kind, drop.Technique = coach.KindDrop, "drop"
		out = append(out, warm, set(day.Add(10*time.Minute), w, 5), drop)
	}
	return out
}

// year is a year of bench three times a week: a slow climb, a deload
// every fifth week, and a week off in summer.
func year(u coach.Unit, start time.Time, weeks int) []coach.Lift {
	var out []coach.Lift
	rng := rand.New(rand.NewPCG(1, 2))
	for w := range weeks {
		if w%26 == 20 {
			continue
		}
		for _, d := range []int{0, 2, 4} {
			load := 80 + 0.5*float64(w) + 2.5*float64(rng.IntN(3)-1)
			if w%5 == 4 {
				load *= 0.85
			}
			if u == coach.LB {
				load = math.Round(load*2.2/5) * 5
			} else {
				load = math.Round(load/2.5) * 2.5
			}
			l := set(start.AddDate(0, 0, 7*w+d), load, 3+rng.IntN(5))
			l.Unit = u
			out = append(out, l)
		}
	}
	return out
}

func TestFitY(t *testing.T) {
	for _, c := range []struct {
		name   string
		values []float64
		u      coach.Unit
		want   Range
	}{
		{"a few kilos of progress fill the height", []float64{100, 107.5}, coach.KG, Range{97.5, 110, 2.5}},
		{"a flat series is not magnified", []float64{100, 100}, coach.KG, Range{95, 105, 2.5}},
		{"a year of progress", []float64{80, 131.5}, coach.KG, Range{70, 140, 10}},
		{"pounds count in fives", []float64{225, 245}, coach.LB, Range{220, 250, 5}},
		{"light dumbbells", []float64{2, 4}, coach.KG, Range{1.5, 4.5, 0.5}},
		{"never below zero", []float64{0.5, 30}, coach.KG, Range{0, 35, 5}},
		{"heavy pulls in pounds", []float64{405, 600}, coach.LB, Range{350, 650, 50}},
	} {
		got := FitY(c.values, c.u)
		if math.Abs(got.Min-c.want.Min) > 1e-9 || math.Abs(got.Max-c.want.Max) > 1e-9 || math.Abs(got.Step-c.want.Step) > 1e-9 {
			t.Errorf("%s: FitY(%v, %s) = %+v, want %+v", c.name, c.values, c.u, got, c.want)
		}
	}
}

// Whatever the loads, the axis holds them all with room to spare, starts
// above zero when they are far from it, counts in a step of the unit,
// and has a readable number of ticks.
func TestFitYHoldsEverySeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		u := coach.Unit(rng.IntN(2))
		base := 5 + rng.Float64()*400 // from the lightest dumbbell
		values := make([]float64, 1+rng.IntN(30))
		for i := range values {
			values[i] = base + rng.Float64()*base*rng.Float64()
		}
		r := FitY(values, u)
		lo, hi := values[0], values[0]
		for _, v := range values {
			lo, hi = min(lo, v), max(hi, v)
		}
		if r.Min < 0 || r.Min >= lo || r.Max <= hi {
			t.Fatalf("FitY(%v, %s) = %+v: does not hold the data with room", values, u, r)
		}
		if lo > 50 && r.Min == 0 {
			t.Fatalf("FitY(%v, %s) = %+v: starts at zero", values, u, r)
		}
		if n := len(r.Ticks()); n < 3 || n > 8 {
			t.Fatalf("FitY(%v, %s) = %+v: %d ticks", values, u, r, n)
		}
		found := false
		for _, s := range loadSteps[u] {
			found = found || s == r.Step
		}
		if !found {
			t.Fatalf("FitY(%v, %s) = %+v: step not in %v", values, u, r, loadSteps[u])
		}
		if (r.Max-r.Min)/(hi-lo+hi/10) > 3.5 {
			t.Fatalf("FitY(%v, %s) = %+v: far wider than the data", values, u, r)
		}
	}
}

func TestProgressDaysMarkNewBests(t *testing.T) {
	days := progressDays(fourDays(), "Bench Press", coach.KG, coach.Epley, berlin)
	if len(days) != 4 {
		t.Fatalf("%d days, want 4", len(days))
	}
	for i, d := range days {
		if d.top != []float64{100, 102.5, 105, 107.5}[i] || d.topReps != 5 {
			t.Errorf("day %d: top %v × %d (warm-ups and drop steps are not the top set)", i, d.top, d.topReps)
		}
		if want := i > 0; d.topBest != want || d.rmBest != want {
			t.Errorf("day %d: new best %v/%v, want %v (the first day beats nothing)", i, d.topBest, d.rmBest, want)
		}
		if d.at.Hour() != 12 || d.at.Location() != berlin {
			t.Errorf("day %d at %v, want noon in Berlin", i, d.at)
		}
	}
	// A lighter day beats nothing; an equal one neither.
	more := append(fourDays(), set(time.Date(2025, 3, 20, 18, 0, 0, 0, berlin), 107.5, 5), set(time.Date(2025, 3, 22, 18, 0, 0, 0, berlin), 90, 5))
	days = progressDays(more, "bench press", coach.KG, coach.Epley, berlin)
	for _, d := range days[4:] {
		if d.topBest || d.rmBest {
			t.Errorf("%v marked a new best", d.at)
		}
	}
}

// The bench chart: the axis fitted to the data, the lines filling the
// height, the records starred, the legend clear of the lines.
func TestProgressChart(t *testing.T) {
	days := progressDays(fourDays(), "bench press", coach.KG, coach.Epley, berlin)
	data, lay, err := drawProgress(days, "bench press", coach.KG, coach.Epley, berlin)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, "progress-four-days", data)
	checkFrame(t, "four days", img, lay)
	checkLegendClear(t, "four days", img, lay)

	var values []float64
	for _, d := range days {
		values = append(values, d.top, d.e1rm)
	}
	if want := FitY(values, coach.KG); lay.YMin != want.Min || lay.YMax != want.Max || lay.YMin <= 0 {
		t.Errorf("y-axis %v-%v, want the fitted %+v, not from zero", lay.YMin, lay.YMax, want)
	}
	// 100 kg to 125.4 kg must fill most of the plot's height, as it
	// could not on an axis from zero.
	lines := extent(append(where(img, lay.Data.Inset(-8), colE1RM), where(img, lay.Data.Inset(-8), colTop)...))
	if frac := float64(lines.Dy()) / float64(lay.Data.Dy()); frac < 0.6 {
		t.Errorf("the lines fill %.0f%% of the plot's height, want most of it", 100*frac)
	}
	if stars := where(img, lay.Data.Inset(-8), colRecord); len(stars) < 6*20 {
		t.Errorf("%d pixels of record stars, want six stars", len(stars))
	}
	if stars := where(img, lay.Legend, colRecord); len(stars) == 0 {
		t.Error("the legend does not show the record star")
	}
}

// checkLegendClear holds the legend clear of the lines: the series'
// colours appear in the header nowhere and outside the legend only
// below it, where the plot is.
func checkLegendClear(t *testing.T, name string, img image.Image, lay layout) {
	t.Helper()
	for _, c := range []struct {
		what string
		col  color.RGBA
	}{{"top load", colTop}, {"estimated 1RM", colE1RM}} {
		if len(where(img, lay.Legend, c.col)) == 0 {
			t.Errorf("%s: the legend has no %s entry", name, c.what)
		}
		for _, p := range where(img, img.Bounds(), c.col) {
			if !p.In(lay.Legend) && p.Y < lay.Legend.Max.Y {
				t.Fatalf("%s: %s pixel at %v, above the plot (legend %v, header %v)", name, c.what, p, lay.Legend, lay.Header)
			}
		}
	}
}

// One day: both points in the middle, their figures written beside
// them, one date on the axis.
func TestProgressOneDay(t *testing.T) {
	lifts := fourDays()[:3]
	days := progressDays(lifts, "bench press", coach.KG, coach.Epley, berlin)
	data, lay, err := drawProgress(days, "bench press", coach.KG, coach.Epley, berlin)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, "progress-one-day", data)
	checkFrame(t, "one day", img, lay)
	checkLegendClear(t, "one day", img, lay)
	mid := (lay.Data.Min.X + lay.Data.Max.X) / 2
	for _, c := range []struct {
		what string
		col  color.RGBA
	}{{"top load", colTop}, {"estimated 1RM", colE1RM}} {
		e := extent(where(img, lay.Data.Inset(-8), c.col))
		if e.Min.X < mid-8 || e.Min.X > mid+8 {
			t.Errorf("the %s point is at x %d, want the middle %d", c.what, e.Min.X, mid)
		}
		if e.Dx() < 100 {
			t.Errorf("the %s point has no figures beside it (%d pixels wide)", c.what, e.Dx())
		}
	}
	if len(where(img, img.Bounds(), colRecord)) != 0 {
		t.Error("one day shows a record star: a first day beats nothing")
	}
	if lay.YMin <= 0 {
		t.Errorf("y-axis from %v", lay.YMin)
	}
}

// Two days: a line from one to the other across the plot.
func TestProgressTwoDays(t *testing.T) {
	days := progressDays(fourDays()[:6], "bench press", coach.KG, coach.Epley, berlin)
	data, lay, err := drawProgress(days, "bench press", coach.KG, coach.Epley, berlin)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, "progress-two-days", data)
	checkFrame(t, "two days", img, lay)
	checkLegendClear(t, "two days", img, lay)
	for _, c := range []struct {
		what string
		col  color.RGBA
	}{{"top load", colTop}, {"estimated 1RM", colE1RM}} {
		e := extent(where(img, lay.Data.Inset(-8), c.col))
		if e.Dx() < lay.Data.Dx()*7/10 {
			t.Errorf("the %s line spans %d of %d pixels", c.what, e.Dx(), lay.Data.Dx())
		}
		mid := (lay.Data.Min.X + lay.Data.Max.X) / 2
		if len(where(img, image.Rect(mid, lay.Data.Min.Y, mid+1, lay.Data.Max.Y), c.col)) == 0 {
			t.Errorf("no %s line between the days", c.what)
		}
	}
}

// A year in kg and four years in lb: the frame holds, the axis fits, the
// dates are months or years.
func TestProgressLongHistories(t *testing.T) {
	for _, c := range []struct {
		name  string
		u     coach.Unit
		weeks int
	}{{"progress-year-kg", coach.KG, 52}, {"progress-four-years-lb", coach.LB, 4 * 52}} {
		lifts := year(c.u, time.Date(2024, 1, 1, 7, 0, 0, 0, berlin), c.weeks)
		days := progressPoints(lifts, "bench press", c.u, coach.Epley, berlin)
		if weekly := len(days) < len(lifts); weekly != (c.weeks > 52) { // a set a day
			t.Errorf("%s: %d points for %d days: week by week only beyond a year", c.name, len(days), len(lifts))
		}
		data, lay, err := drawProgress(days, "bench press", c.u, coach.Epley, berlin)
		if err != nil {
			t.Fatal(err)
		}
		img := decode(t, c.name, data)
		checkFrame(t, c.name, img, lay)
		checkLegendClear(t, c.name, img, lay)
		if lay.YMin <= 0 {
			t.Errorf("%s: y-axis from %v", c.name, lay.YMin)
		}
		if len(where(img, lay.Data.Inset(-8), colRecord)) == 0 {
			t.Errorf("%s: no record stars on a climbing year", c.name)
		}
	}
}

// A long name shrinks and is cut, never clipped by the canvas.
func TestProgressLongName(t *testing.T) {
	name := "single arm half kneeling landmine press with a two second pause at the bottom (imported)"
	lifts := fourDays()
	for i := range lifts {
		lifts[i].Exercise = name
	}
	data, lay, err := drawProgress(progressDays(lifts, name, coach.LB, coach.Epley, berlin), name, coach.LB, coach.Epley, berlin)
	if err != nil {
		t.Fatal(err)
	}
	checkFrame(t, "long name", decode(t, "progress-long-name", data), lay)
	if _, err := Progress(nil, "bench press", coach.KG, coach.Epley, berlin); err == nil {
		t.Error("a chart of nothing")
	}
}

func TestFitText(t *testing.T) {
	sty := textStyle(14, colText, true)
	long := strings.Repeat("bench press ", 20)
	got, s := fitText(sty, long, 300, 10)
	if got.Font.Size != 10 || !strings.HasSuffix(s, "…") || got.Width(s) > 300 {
		t.Errorf("fitText: %v pt, %q (%v wide)", got.Font.Size, s, got.Width(s))
	}
	if got, s := fitText(sty, "Bench press", 300, 10); got.Font.Size != 14 || s != "Bench press" {
		t.Errorf("a short title changed: %v pt, %q", got.Font.Size, s)
	}
}

// Dates on the x-axis: a sensible number of ticks for a week, a month, a
// year, several years, each label narrower than the space between two.
func TestDateTicks(t *testing.T) {
	start := time.Date(2024, 11, 20, 12, 0, 0, 0, berlin)
	sty := textStyle(10, colText, false)
	plotWidth := vg.Length(680) // points: the data area of a chart, at least
	for _, c := range []struct {
		span      time.Duration
		min, max  int
		wantFirst string
	}{
		{2 * 24 * time.Hour, 2, 3, "20 Nov\n2024"},
		{7 * 24 * time.Hour, 4, 8, "20 Nov\n2024"},
		{30 * 24 * time.Hour, 4, 8, ""},
		{365 * 24 * time.Hour, 4, 8, "Jan\n2025"},
		{4 * 365 * 24 * time.Hour, 4, 8, ""},
		{20 * 365 * 24 * time.Hour, 3, 8, ""},
	} {
		lo, hi := float64(start.Unix()), float64(start.Add(c.span).Unix())
		ts := dateTicks(lo, hi, berlin)
		if len(ts) < c.min || len(ts) > c.max {
			t.Errorf("%v: %d ticks, want %d to %d: %v", c.span, len(ts), c.min, c.max, ts)
			continue
		}
		if c.wantFirst != "" && ts[0].Label != c.wantFirst {
			t.Errorf("%v: first tick %q, want %q", c.span, ts[0].Label, c.wantFirst)
		}
		for i, tk := range ts {
			if tk.Value < lo || tk.Value > hi {
				t.Errorf("%v: tick %q outside the range", c.span, tk.Label)
			}
			if i > 0 {
				if tk.Label == ts[i-1].Label {
					t.Errorf("%v: label %q twice in a row", c.span, tk.Label)
				}
				gap := plotWidth * vg.Length((tk.Value-ts[i-1].Value)/(hi-lo))
				if w := (sty.Width(tk.Label) + sty.Width(ts[i-1].Label)) / 2; gap < w+8 {
					t.Errorf("%v: %q and %q overlap (%v apart, %v wide)", c.span, ts[i-1].Label, tk.Label, gap, w)
				}
			}
		}
	}
	// Ticks sit at noon, where a training day's point is.
	for _, tk := range dateTicks(float64(start.Unix()), float64(start.AddDate(0, 0, 5).Unix()), berlin) {
		if at := time.Unix(int64(tk.Value), 0).In(berlin); at.Hour() != 12 {
			t.Errorf("tick %q at %v", tk.Label, at)
		}
	}
}

func TestFormatLoads(t *testing.T) {
	for _, c := range []struct {
		v    float64
		u    coach.Unit
		load string
		e1rm string
	}{
		{100, coach.KG, "100", "100"},
		{102.5, coach.KG, "102.5", "102.5"},
		{116.6667, coach.KG, "116.5", "116.5"},
		{coach.Convert(125, coach.KG, coach.LB), coach.LB, "276", "276"},
		{227.5, coach.LB, "227.5", "228"},
		{1.25, coach.KG, "1.25", "1.5"},
	} {
		if got := formatLoad(c.v, c.u); got != c.load {
			t.Errorf("formatLoad(%v, %s) = %q, want %q", c.v, c.u, got, c.load)
		}
		if got := formatE1RM(c.v, c.u); got != c.e1rm {
			t.Errorf("formatE1RM(%v, %s) = %q, want %q", c.v, c.u, got, c.e1rm)
		}
	}
}

// A name too long for the title is cut, and the unit and formula stay.
func TestFitName(t *testing.T) {
	sty := textStyle(14, colText, true)
	rest := ": estimated 1RM (Epley) and top load, lb"
	got, s := fitName(sty, strings.Repeat("landmine press ", 10), rest, 500, 10)
	if !strings.HasSuffix(s, "…"+rest) || got.Width(s) > 500 || got.Font.Size != 10 {
		t.Errorf("fitName: %v pt, %q (%v wide)", got.Font.Size, s, got.Width(s))
	}
	if got, s := fitName(sty, "Bench press", rest, 500, 10); got.Font.Size != 14 || s != "Bench press"+rest {
		t.Errorf("a short title changed: %v pt, %q", got.Font.Size, s)
	}
}

// Days of drop-set steps alone have a top load and no estimate: the
// chart draws the one line and does not list the other.
func TestProgressWithoutEstimates(t *testing.T) {
	var lifts []coach.Lift
	for i, w := range []float64{60, 62.5} {
		l := set(time.Date(2025, 3, 3+2*i, 18, 0, 0, 0, berlin), w, 10)
		l.Kind, l.Technique = coach.KindDrop, "drop"
		lifts = append(lifts, l)
	}
	for _, n := range []int{1, 2} {
		data, lay, err := drawProgress(progressDays(lifts[:n], "bench press", coach.KG, coach.Epley, berlin), "bench press", coach.KG, coach.Epley, berlin)
		if err != nil {
			t.Fatal(err)
		}
		name := map[int]string{1: "progress-drop-steps-one-day", 2: "progress-drop-steps"}[n]
		img := decode(t, name, data)
		checkFrame(t, name, img, lay)
		if red := where(img, img.Bounds(), colE1RM); len(red) != 0 {
			t.Errorf("%s: %d pixels of estimated 1RM without an estimate", name, len(red))
		}
		if len(where(img, lay.Data.Inset(-8), colTop)) == 0 || len(where(img, lay.Legend, colTop)) == 0 {
			t.Errorf("%s: no top load line or legend", name)
		}
	}
}
