// Package chart draws a lifter's progress on one exercise as a PNG, with
// gonum/plot: the estimated 1RM and the top load of each training day.
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"sort"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/spotter-coach/spotter/coach"
)

// Size of the chart in pixels at 96 dpi.
const (
	Width  = 8 * vg.Inch
	Height = 4 * vg.Inch
)

// day is one training day's best figures.
type day struct {
	at    time.Time
	e1rm  float64
	top   float64
	hasRM bool
}

// Progress draws the estimated 1RM (formula f) and the top load per day
// of exercise, in unit u, with days in loc. It returns the PNG bytes, or
// an error when there is nothing to draw.
func Progress(lifts []coach.Lift, exercise string, u coach.Unit, f coach.Formula, loc *time.Location) ([]byte, error) {
	days := map[string]*day{}
	for i := range lifts {
		l := &lifts[i]
		if !l.SameExercise(exercise) || l.Reps <= 0 || l.Load <= 0 {
			continue
		}
		local := l.At.In(loc)
		key := local.Format("2006-01-02")
		d := days[key]
		if d == nil {
			d = &day{at: time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, loc)}
			days[key] = d
		}
		load := l.LoadIn(u)
		d.top = max(d.top, load)
		if l.CountsFor1RM() {
			d.e1rm = max(d.e1rm, f.OneRM(load, l.Reps))
			d.hasRM = true
		}
	}
	if len(days) == 0 {
		return nil, fmt.Errorf("chart: no sets of %s", exercise)
	}
	list := make([]*day, 0, len(days))
	for _, d := range days {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].at.Before(list[j].at) })

	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: estimated 1RM (%s) and top load", exercise, f)
	p.Y.Label.Text = u.String()
	p.X.Tick.Marker = plot.TimeTicks{Format: "2 Jan\n2006", Time: plot.UnixTimeIn(loc)}
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.Left = true

	top := make(plotter.XYs, 0, len(list))
	highest := 0.0
	rm := make(plotter.XYs, 0, len(list))
	for _, d := range list {
		x := float64(d.at.Unix())
		top = append(top, plotter.XY{X: x, Y: d.top})
		highest = max(highest, d.top, d.e1rm)
		if d.hasRM {
			rm = append(rm, plotter.XY{X: x, Y: d.e1rm})
		}
	}
	if err := addSeries(p, "top load", top, color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}); err != nil {
		return nil, err
	}
	if len(rm) > 0 {
		if err := addSeries(p, "estimated 1RM", rm, color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}); err != nil {
			return nil, err
		}
	}
	if len(list) == 1 { // one day: give the time axis some width
		p.X.Min, p.X.Max = float64(list[0].at.Add(-72*time.Hour).Unix()), float64(list[0].at.Add(72*time.Hour).Unix())
	}
	p.Y.Min, p.Y.Max = 0, highest*1.25 // room for the legend above the lines
	wt, err := p.WriterTo(Width, Height, "png")
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

func addSeries(p *plot.Plot, name string, pts plotter.XYs, c color.Color) error {
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	line.Color = c
	line.Width = vg.Points(2)
	points.Color = c
	points.Shape = draw.CircleGlyph{}
	p.Add(line, points)
	p.Legend.Add(name, line, points)
	return nil
}
