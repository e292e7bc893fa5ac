package chart

import (
	"math"
	"time"

	"gonum.org/v1/plot"

	"github.com/spotter-coach/spotter/coach"
)

// Range is an axis fitted to data: from Min to Max, with a tick every
// Step.
type Range struct {
	Min, Max, Step float64
}

// Ticks are the range's tick values, Min to Max.
func (r Range) Ticks() []float64 {
	if r.Step <= 0 {
		return nil
	}
	n := int(math.Round((r.Max - r.Min) / r.Step))
	out := make([]float64, 0, n+1)
	for i := 0; i <= n; i++ {
		out = append(out, r.Min+float64(i)*r.Step)
	}
	return out
}

// loadSteps are the tick steps loads are read in, smallest first: the
// jumps a lifter makes in each unit (2.5 kg, 5 lb), their multiples and
// their decades.
var loadSteps = map[coach.Unit][]float64{
	coach.KG: {0.5, 1, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000},
	coach.LB: {1, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000},
}

// maxLoadIntervals is the most tick intervals a load axis has: eight
// labels fit the height of a chart without crowding.
const maxLoadIntervals = 7

// FitY is the y-axis of a progress chart of values (loads in unit u):
// it spans the data and a little more, and not from zero, where a few
// kilograms of progress on a 100 kg lift would look flat. A tenth of the
// spread is added at each end, the whole is at least a tenth of the
// heaviest value (so that a flat series does not magnify noise), and the
// ends are rounded out to a step a lifter counts in (2.5 kg, 5 lb, ...)
// with at most eight ticks. It never goes below zero.
func FitY(values []float64, u coach.Unit) Range {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo > hi { // nothing to fit
		lo, hi = 0, 0
	}
	pad := (hi - lo) / 10
	lo, hi = lo-pad, hi+pad
	if least := max(math.Abs(hi), 1) / 10; hi-lo < least {
		mid := (hi + lo) / 2
		lo, hi = mid-least/2, mid+least/2
	}
	lo = max(lo, 0)
	steps := loadSteps[u]
	if steps == nil {
		steps = loadSteps[coach.KG]
	}
	for _, s := range steps {
		a, b := math.Floor(lo/s+1e-9)*s, math.Ceil(hi/s-1e-9)*s
		if (b-a)/s <= maxLoadIntervals+1e-9 {
			return Range{Min: a, Max: b, Step: s}
		}
	}
	s := niceStep(hi-lo, maxLoadIntervals)
	return Range{Min: math.Floor(lo/s) * s, Max: math.Ceil(hi/s) * s, Step: s}
}

// niceStep is the smallest 1, 2, 2.5 or 5 times a power of ten that cuts
// span in at most n intervals.
func niceStep(span float64, n int) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw-1e-9 {
			return m * p
		}
	}
	return 10 * p
}

// ticker labels a range's ticks with format.
func ticker(r Range, format func(float64) string) plot.Ticker {
	return plot.TickerFunc(func(_, _ float64) []plot.Tick {
		var ts []plot.Tick
		for _, v := range r.Ticks() {
			ts = append(ts, plot.Tick{Value: v, Label: format(v)})
		}
		return ts
	})
}

// dateStep is a distance between date ticks: n days, weeks (on Mondays),
// months (on the 1st) or years (on 1 January).
type dateStep struct {
	unit byte // 'd', 'w', 'm', 'y'
	n    int
}

var dateSteps = []dateStep{
	{'d', 1}, {'d', 2}, {'d', 3}, {'w', 1}, {'w', 2},
	{'m', 1}, {'m', 2}, {'m', 3}, {'m', 6},
	{'y', 1}, {'y', 2}, {'y', 5}, {'y', 10}, {'y', 20}, {'y', 50},
}

// maxDateTicks is the most dates the x-axis of a chart shows: a label
// such as "28 Sep" is about 40 pixels wide, and each keeps at least as
// much space free around it.
const maxDateTicks = 8

// dateTicks are ticks at calendar dates in loc between the Unix times
// min and max: the finest of day, week, month and year steps that gives
// at most maxDateTicks. Each tick is at noon, where a training day's
// point is drawn. Labels read "3 Mar" (or "Mar", "2025" for long spans),
// with the year under the first and wherever it changes.
func dateTicks(min, max float64, loc *time.Location) []plot.Tick {
	from := time.Unix(int64(min), 0).In(loc)
	to := time.Unix(int64(math.Ceil(max)), 0).In(loc)
	for _, st := range dateSteps {
		ts := datesBetween(from, to, st, loc)
		if len(ts) <= maxDateTicks {
			return labelDates(ts, st)
		}
	}
	return nil
}

// datesBetween are the dates of step st from from to to, at noon.
func datesBetween(from, to time.Time, st dateStep, loc *time.Location) []time.Time {
	noon := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, loc) }
	var t time.Time
	switch st.unit {
	case 'd':
		// Count days from a fixed Monday, so that ticks stay on the
		// same dates as the range grows.
		t = noon(from.Year(), from.Month(), from.Day())
		ref := noon(2001, time.January, 1)
		days := int(math.Round(t.Sub(ref).Hours() / 24))
		if r := ((days % st.n) + st.n) % st.n; r != 0 {
			t = noon(t.Year(), t.Month(), t.Day()+st.n-r)
		}
	case 'w':
		t = noon(from.Year(), from.Month(), from.Day())
		for t.Weekday() != time.Monday {
			t = noon(t.Year(), t.Month(), t.Day()+1)
		}
		ref := noon(2001, time.January, 1) // a Monday
		weeks := int(math.Round(t.Sub(ref).Hours()/24)) / 7
		if r := ((weeks % st.n) + st.n) % st.n; r != 0 {
			t = noon(t.Year(), t.Month(), t.Day()+7*(st.n-r))
		}
	case 'm':
		months := from.Year()*12 + int(from.Month()) - 1
		months = (months + st.n - 1) / st.n * st.n
		t = noon(months/12, time.Month(months%12+1), 1)
		if t.Before(from) {
			months += st.n
			t = noon(months/12, time.Month(months%12+1), 1)
		}
	case 'y':
		y := (from.Year() + st.n - 1) / st.n * st.n
		t = noon(y, time.January, 1)
		if t.Before(from) {
			t = noon(y+st.n, time.January, 1)
		}
	}
	var out []time.Time
	for !t.After(to) {
		if !t.Before(from) {
			out = append(out, t)
		}
		if len(out) > maxDateTicks {
			break
		}
		switch st.unit {
		case 'd':
			t = noon(t.Year(), t.Month(), t.Day()+st.n)
		case 'w':
			t = noon(t.Year(), t.Month(), t.Day()+7*st.n)
		case 'm':
			t = noon(t.Year(), t.Month()+time.Month(st.n), 1)
		case 'y':
			t = noon(t.Year()+st.n, time.January, 1)
		}
	}
	return out
}

// labelDates labels date ticks: the day and month (or the month, or the
// year), with the year on a second line under the first tick and where
// the year changes.
func labelDates(ts []time.Time, st dateStep) []plot.Tick {
	out := make([]plot.Tick, len(ts))
	for i, t := range ts {
		var l string
		switch st.unit {
		case 'd', 'w':
			l = t.Format("2 Jan")
		case 'm':
			l = t.Format("Jan")
		case 'y':
			l = t.Format("2006")
		}
		if st.unit != 'y' && (i == 0 || t.Year() != ts[i-1].Year()) {
			l += "\n" + t.Format("2006")
		}
		out[i] = plot.Tick{Value: float64(t.Unix()), Label: l}
	}
	return out
}
