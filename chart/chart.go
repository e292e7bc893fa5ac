// Package chart draws a lifter's training as PNG charts, with gonum/plot:
// the estimated 1RM and the top load of each training day on one
// exercise, with its records (Progress), and the volume of each week per
// muscle group (WeeklyVolume).
//
// Every chart has the same frame: a title and a subtitle at the top
// left, a legend outside the plot area, axes fitted to the data and
// labelled in the lifter's unit and time zone, all in Liberation Sans
// inside a margin, so nothing is clipped whatever the names and numbers.
// The functions are pure and safe for concurrent use.
package chart

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/spotter-coach/spotter/coach"
)

// day is one training day's best figures on an exercise.
type day struct {
	at      time.Time // noon of the day in the lifter's zone
	top     float64   // heaviest load
	topReps int       // most reps at the heaviest load
	e1rm    float64   // best estimated 1RM, when hasRM
	hasRM   bool
	// topBest and rmBest: the day beat every earlier day's top load or
	// estimated 1RM (the first day beats nothing).
	topBest, rmBest bool
	// days is how many training days the point stands for: 1, or those
	// of its week when a long history is drawn week by week.
	days int
}

// progressDays are the training days of exercise in lifts, oldest first,
// in unit u and zone loc, with the days that set a new best marked.
// Warm-ups are left out: they never count for records, and a day of
// warm-ups alone is not a day of training the lift.
func progressDays(lifts []coach.Lift, exercise string, u coach.Unit, f coach.Formula, loc *time.Location) []day {
	byDate := map[string]*day{}
	for i := range lifts {
		l := &lifts[i]
		if !l.SameExercise(exercise) || l.Reps <= 0 || l.Load <= 0 || l.Kind == coach.KindWarmup {
			continue
		}
		local := l.At.In(loc)
		key := local.Format("2006-01-02")
		d := byDate[key]
		if d == nil {
			d = &day{at: time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc), days: 1}
			byDate[key] = d
		}
		load := l.LoadIn(u)
		switch {
		case load > d.top+1e-9:
			d.top, d.topReps = load, l.Reps
		case math.Abs(load-d.top) <= 1e-9:
			d.topReps = max(d.topReps, l.Reps)
		}
		if l.CountsFor1RM() {
			d.e1rm = max(d.e1rm, f.OneRM(load, l.Reps))
			d.hasRM = true
		}
	}
	days := make([]day, 0, len(byDate))
	for _, d := range byDate {
		days = append(days, *d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].at.Before(days[j].at) })
	markBests(days)
	return days
}

// markBests marks the days that beat every day before them.
func markBests(days []day) {
	bestTop, bestRM := math.Inf(-1), math.Inf(-1)
	for i := range days {
		d := &days[i]
		d.topBest = i > 0 && d.top > bestTop+1e-9
		bestTop = max(bestTop, d.top)
		if d.hasRM {
			d.rmBest = !math.IsInf(bestRM, -1) && d.e1rm > bestRM+1e-9
			bestRM = max(bestRM, d.e1rm)
		}
	}
}

// weeklyAfter is the span of history beyond which the chart draws the
// best of each week rather than every day: past a year or so, days are
// under two pixels apart and the lines become a band of noise.
const weeklyAfter = 400 * 24 * time.Hour

// bestOfWeeks merges days into ISO weeks in loc, each drawn on its
// Thursday (the middle of the week) with the best figures of its days.
func bestOfWeeks(days []day, loc *time.Location) []day {
	var out []day
	for _, d := range days {
		mon := VolumeFrom(d.at, loc, 1)
		at := time.Date(mon.Year(), mon.Month(), mon.Day()+3, 12, 0, 0, 0, loc)
		if len(out) == 0 || !out[len(out)-1].at.Equal(at) {
			out = append(out, day{at: at})
		}
		w := &out[len(out)-1]
		switch {
		case d.top > w.top+1e-9:
			w.top, w.topReps = d.top, d.topReps
		case math.Abs(d.top-w.top) <= 1e-9:
			w.topReps = max(w.topReps, d.topReps)
		}
		if d.hasRM {
			w.e1rm, w.hasRM = max(w.e1rm, d.e1rm), true
		}
		w.days += d.days
	}
	markBests(out)
	return out
}

// Progress draws the estimated 1RM (formula f) and the top load of each
// training day of exercise, in unit u, with days in loc, and marks with
// a star each day that set a new best. A history longer than a year or
// so is drawn week by week, each week's best, and the subtitle says so.
// It returns the PNG, or an error when there is nothing to draw.
func Progress(lifts []coach.Lift, exercise string, u coach.Unit, f coach.Formula, loc *time.Location) ([]byte, error) {
	png, _, err := drawProgress(progressPoints(lifts, exercise, u, f, loc), exercise, u, f, loc)
	return png, err
}

// progressPoints are the points Progress draws: the training days, or
// the weeks of a long history.
func progressPoints(lifts []coach.Lift, exercise string, u coach.Unit, f coach.Formula, loc *time.Location) []day {
	days := progressDays(lifts, exercise, u, f, loc)
	if len(days) > 1 && days[len(days)-1].at.Sub(days[0].at) > weeklyAfter {
		return bestOfWeeks(days, loc)
	}
	return days
}

// drawProgress draws the days and says where it put what.
func drawProgress(days []day, exercise string, u coach.Unit, f coach.Formula, loc *time.Location) ([]byte, layout, error) {
	var lay layout
	if len(days) == 0 {
		return nil, lay, fmt.Errorf("chart: no sets of %s", exercise)
	}
	img, c := canvas()
	lay.Canvas = pixels(c.Rectangle)

	what := fmt.Sprintf(": estimated 1RM (%s) and top load, %s", f, u)
	rest, hdr := drawHeader(c, capitalize(exercise), what, progressSubtitle(days, u))
	lay.Header = pixels(hdr)

	var top, rm, topBest, rmBest plotter.XYs
	values := make([]float64, 0, 2*len(days))
	for _, d := range days {
		x := float64(d.at.Unix())
		top = append(top, plotter.XY{X: x, Y: d.top})
		values = append(values, d.top)
		if d.topBest {
			topBest = append(topBest, plotter.XY{X: x, Y: d.top})
		}
		if d.hasRM {
			rm = append(rm, plotter.XY{X: x, Y: d.e1rm})
			values = append(values, d.e1rm)
			if d.rmBest {
				rmBest = append(rmBest, plotter.XY{X: x, Y: d.e1rm})
			}
		}
	}

	var items []legendItem
	if len(rm) > 0 { // none when the days hold drop-set steps alone
		items = append(items, legendItem{fmt.Sprintf("estimated 1RM (%s)", f), lineThumb(colE1RM)})
	}
	items = append(items, legendItem{"top load", lineThumb(colTop)})
	if len(topBest)+len(rmBest) > 0 {
		items = append(items, legendItem{"new best", starThumb})
	}
	rest.Max.Y -= 6
	leg := legendRow(rest, items)
	lay.Legend = pixels(leg)
	rest.Max.Y = leg.Min.Y - 4

	p := plot.New()
	styleAxes(p)
	yr := FitY(values, u)
	p.Y.Tick.Marker = ticker(yr, coach.FormatLoad)
	p.Add(&plotter.Grid{Vertical: gridLine, Horizontal: gridLine})

	dot := vg.Length(3)
	switch n := len(days); {
	case n > 120:
		dot = 0
	case n > 40:
		dot = 2
	}
	if err := addSeries(p, top, colTop, dot); err != nil {
		return nil, lay, err
	}
	if len(rm) > 0 {
		if err := addSeries(p, rm, colE1RM, dot); err != nil {
			return nil, lay, err
		}
	}
	star := vg.Length(6)
	if len(topBest)+len(rmBest) > 30 { // a long history of progress: smaller stars, fewer overlaps
		star = 4.5
	}
	for _, s := range []struct {
		pts plotter.XYs
		col color.Color
	}{{topBest, colTop}, {rmBest, colE1RM}} {
		if len(s.pts) == 0 {
			continue
		}
		sc, err := plotter.NewScatter(s.pts)
		if err != nil {
			return nil, lay, fmt.Errorf("chart: %w", err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: s.col, Radius: star, Shape: starGlyph{fill: colRecord}}
		p.Add(sc)
	}

	first, last := days[0].at, days[len(days)-1].at
	if len(days) == 1 {
		// One day: the day in the middle of a week, with its figures
		// written next to its points, rather than two dots lost in an
		// axis of hours.
		if err := labelDay(p, days[0], u, f); err != nil {
			return nil, lay, err
		}
		p.X.Min, p.X.Max = float64(first.AddDate(0, 0, -3).Unix()), float64(first.AddDate(0, 0, 3).Unix())
		p.X.Tick.Marker = plot.ConstantTicks(labelDates([]time.Time{first}, dateStep{'d', 1}))
	} else {
		pad := max(last.Sub(first)/30, 12*time.Hour)
		p.X.Min, p.X.Max = float64(first.Add(-pad).Unix()), float64(last.Add(pad).Unix())
		p.X.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick { return dateTicks(min, max, loc) })
	}
	p.Y.Min, p.Y.Max = yr.Min, yr.Max
	lay.YMin, lay.YMax = yr.Min, yr.Max

	area := draw.Crop(rest, margin, -margin, margin, 0)
	p.Draw(area)
	lay.Data = pixels(p.DataCanvas(area).Rectangle)
	png, err := encode(img)
	return png, lay, err
}

// progressSubtitle says what the chart covers and its best figures.
func progressSubtitle(days []day, u coach.Unit) string {
	first, last := days[0].at, days[len(days)-1].at
	var bestRM, heaviest float64
	reps, n := 0, 0
	for _, d := range days {
		if d.hasRM {
			bestRM = max(bestRM, d.e1rm)
		}
		if d.top > heaviest+1e-9 {
			heaviest, reps = d.top, d.topReps
		}
		n += d.days
	}
	if n == 1 {
		return "1 training day, " + first.Format("2 Jan 2006") + "; log another day to see a trend"
	}
	s := fmt.Sprintf("%d training days, %s", n, dateSpan(first, last))
	if n > len(days) {
		s = fmt.Sprintf("%d training days in %d weeks, %s, the best of each week", n, len(days), dateSpan(first.AddDate(0, 0, -3), last.AddDate(0, 0, 3)))
	}
	if bestRM > 0 {
		s += fmt.Sprintf(" · best estimated 1RM %s %s", formatE1RM(bestRM, u), u)
	}
	return s + fmt.Sprintf(" · heaviest %s %s × %d", formatLoad(heaviest, u), u, reps)
}

// dateSpan writes two dates as a span, the year once if it is the same.
func dateSpan(a, b time.Time) string {
	if a.Year() == b.Year() {
		return a.Format("2 Jan") + " – " + b.Format("2 Jan 2006")
	}
	return a.Format("2 Jan 2006") + " – " + b.Format("2 Jan 2006")
}

// formatLoad writes a load in unit u as the equipment makes it: exact
// when it is a multiple of 0.25 (a load logged in u), else, converted
// from the other unit, to the step of formatE1RM.
func formatLoad(v float64, u coach.Unit) string {
	if q := math.Round(v*4) / 4; math.Abs(v-q) < 0.005 {
		return coach.FormatLoad(q)
	}
	return formatE1RM(v, u)
}

// formatE1RM writes an estimated 1RM to the step a lifter can load and
// an estimate deserves (coach.DisplayStep: 0.5 kg, 1 lb).
func formatE1RM(v float64, u coach.Unit) string {
	return coach.FormatLoad(coach.RoundStep(v, u))
}

// labelDay writes a lone day's figures next to its points: the estimated
// 1RM above its point, the top set below its own.
func labelDay(p *plot.Plot, d day, u coach.Unit, f coach.Formula) error {
	x := float64(d.at.Unix())
	add := func(y float64, s string, col color.Color, yalign draw.YAlignment, dy vg.Length) error {
		l, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x, Y: y}}, Labels: []string{s}})
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		sty := textStyle(10, col, true)
		sty.YAlign = yalign
		l.TextStyle = []text.Style{sty}
		l.Offset = vg.Point{X: 9, Y: dy}
		p.Add(l)
		return nil
	}
	top := fmt.Sprintf("top set %s %s × %d", formatLoad(d.top, u), u, d.topReps)
	if !d.hasRM {
		return add(d.top, top, colTop, draw.YCenter, 0)
	}
	rm := fmt.Sprintf("estimated 1RM %s %s (%s)", formatE1RM(d.e1rm, u), u, f)
	if err := add(d.e1rm, rm, colE1RM, draw.YBottom, 2); err != nil {
		return err
	}
	return add(d.top, top, colTop, draw.YTop, -2)
}

// gridLine is the style of the grid behind the data.
var gridLine = draw.LineStyle{Color: colGrid, Width: vg.Points(0.5)}

// styleAxes sets both axes in the charts' face and colours, without
// axis labels: the title names the unit.
func styleAxes(p *plot.Plot) {
	p.BackgroundColor = nil // the canvas is white already
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = colSubtle
		a.Tick.Color = colSubtle
		lbl := textStyle(10, colText, false)
		lbl.XAlign, lbl.YAlign = a.Tick.Label.XAlign, a.Tick.Label.YAlign
		a.Tick.Label = lbl
		a.Tick.Length = 4
	}
}

// addSeries draws pts as a line with a dot of radius dot at each point
// (none when 0).
func addSeries(p *plot.Plot, pts plotter.XYs, col color.Color, dot vg.Length) error {
	line, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	line.Color = col
	line.Width = vg.Points(2)
	p.Add(line)
	if dot > 0 || len(pts) == 1 {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: max(dot, 3), Shape: draw.CircleGlyph{}}
		p.Add(sc)
	}
	return nil
}
