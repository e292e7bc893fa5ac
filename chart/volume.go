package chart

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/spotter-coach/spotter/coach"
)

// Weeks of the volume chart: DefaultWeeks when the lifter names none,
// at most MaxWeeks (a year, where a bar is still a few pixels wide).
const (
	DefaultWeeks = 8
	MaxWeeks     = 52
)

// Other is the group of the sets whose exercise the catalog cannot place
// (an imported name it does not know).
const Other coach.Muscle = "other"

// muscleColours give each muscle group one colour on every chart, so a
// lifter learns them: Tableau's 20 colours, the lighter ones for the
// smaller groups, grey for Other.
var muscleColours = map[coach.Muscle]color.RGBA{
	coach.Chest:      {R: 0x4e, G: 0x79, B: 0xa7, A: 0xff},
	coach.Back:       {R: 0xf2, G: 0x8e, B: 0x2b, A: 0xff},
	coach.Shoulders:  {R: 0xe1, G: 0x57, B: 0x59, A: 0xff},
	coach.Biceps:     {R: 0x76, G: 0xb7, B: 0xb2, A: 0xff},
	coach.Triceps:    {R: 0x59, G: 0xa1, B: 0x4f, A: 0xff},
	coach.Quads:      {R: 0xed, G: 0xc9, B: 0x48, A: 0xff},
	coach.Hamstrings: {R: 0xb0, G: 0x7a, B: 0xa1, A: 0xff},
	coach.Glutes:     {R: 0xff, G: 0x9d, B: 0xa7, A: 0xff},
	coach.Calves:     {R: 0x9c, G: 0x75, B: 0x5f, A: 0xff},
	coach.Abs:        {R: 0xd3, G: 0x72, B: 0x95, A: 0xff},
	coach.Forearms:   {R: 0xa0, G: 0xcb, B: 0xe8, A: 0xff},
	coach.Traps:      {R: 0x8c, G: 0xd1, B: 0x7d, A: 0xff},
	Other:            {R: 0xba, G: 0xb0, B: 0xac, A: 0xff},
}

// colourOf is a muscle group's colour.
func colourOf(m coach.Muscle) color.RGBA {
	if c, ok := muscleColours[m]; ok {
		return c
	}
	return muscleColours[Other]
}

// Volume is the training volume per ISO week and muscle group.
type Volume struct {
	// Weeks are the Mondays, at midnight in the lifter's zone, of the
	// weeks counted, oldest first; the last is the current week.
	Weeks []time.Time
	// Muscles are the groups trained in those weeks, the most volume
	// first and Other last; By holds each one's volume per week, in the unit asked.
	Muscles []coach.Muscle
	By      map[coach.Muscle][]float64
}

// Total is the volume of week i over every muscle group.
func (v Volume) Total(i int) float64 {
	t := 0.0
	for _, m := range v.Muscles {
		t += v.By[m][i]
	}
	return t
}

// VolumeFrom is the first day the volume of the last weeks ISO weeks
// counts: the Monday, at midnight in loc, weeks-1 weeks before now's
// week (weeks between 1 and MaxWeeks).
func VolumeFrom(now time.Time, loc *time.Location, weeks int) time.Time {
	weeks = min(max(weeks, 1), MaxWeeks)
	l := now.In(loc)
	back := (int(l.Weekday())+6)%7 + 7*(weeks-1) // days since that Monday
	return time.Date(l.Year(), l.Month(), l.Day()-back, 0, 0, 0, 0, loc)
}

// WeeklyVolumes adds up the volume (load × reps, in unit u) of the last
// weeks ISO weeks in loc, the current one included, per primary muscle
// group of each set's exercise as muscles names them (none: Other).
//
// A set's volume is split equally among its exercise's muscle groups,
// so that a week's stacked bar is the week's whole volume: a bench press
// set of 100 kg × 5 adds 500 kg to the week, a third each to chest,
// triceps and shoulders. Every set with a load counts, drop-set steps,
// mini-sets and failed sets' reps included; warm-ups do not, being the
// way to the work rather than the work. Sets without a load (body weight
// alone) or with an assisted, negative one add nothing.
func WeeklyVolumes(lifts []coach.Lift, muscles func(exercise string) []coach.Muscle, u coach.Unit, loc *time.Location, now time.Time, weeks int) Volume {
	weeks = min(max(weeks, 1), MaxWeeks)
	v := Volume{By: map[coach.Muscle][]float64{}}
	first := VolumeFrom(now, loc, weeks)
	for i := range weeks {
		v.Weeks = append(v.Weeks, time.Date(first.Year(), first.Month(), first.Day()+7*i, 0, 0, 0, 0, loc))
	}
	end := time.Date(first.Year(), first.Month(), first.Day()+7*weeks, 0, 0, 0, 0, loc)
	total := map[coach.Muscle]float64{}
	for i := range lifts {
		l := &lifts[i]
		if l.At.Before(first) || !l.At.Before(end) || l.Kind == coach.KindWarmup || l.Reps <= 0 || l.Load <= 0 {
			continue
		}
		w := sort.Search(len(v.Weeks), func(j int) bool { return v.Weeks[j].After(l.At) }) - 1
		ms := muscles(l.Exercise)
		if len(ms) == 0 {
			ms = []coach.Muscle{Other}
		}
		share := l.LoadIn(u) * float64(l.Reps) / float64(len(ms))
		for _, m := range ms {
			if v.By[m] == nil {
				v.By[m] = make([]float64, weeks)
			}
			v.By[m][w] += share
			total[m] += share
		}
	}
	for m := range v.By {
		v.Muscles = append(v.Muscles, m)
	}
	sort.Slice(v.Muscles, func(i, j int) bool {
		a, b := v.Muscles[i], v.Muscles[j]
		if (a == Other) != (b == Other) { // the unplaced on top, apart from the groups
			return b == Other
		}
		if total[a] != total[b] {
			return total[a] > total[b]
		}
		return a < b
	})
	return v
}

// WeeklyVolume draws the volume of the last weeks ISO weeks per muscle
// group (see WeeklyVolumes) as stacked bars, in unit u and zone loc. It
// returns the PNG, or an error when those weeks hold no volume.
func WeeklyVolume(lifts []coach.Lift, muscles func(exercise string) []coach.Muscle, u coach.Unit, loc *time.Location, now time.Time, weeks int) ([]byte, error) {
	png, _, err := drawVolume(WeeklyVolumes(lifts, muscles, u, loc, now, weeks), u, loc)
	return png, err
}

// drawVolume draws v and says where it put what.
func drawVolume(v Volume, u coach.Unit, loc *time.Location) ([]byte, layout, error) {
	var lay layout
	n := len(v.Weeks)
	if len(v.Muscles) == 0 {
		return nil, lay, fmt.Errorf("chart: no volume in the last %d weeks", n)
	}
	img, c := canvas()
	lay.Canvas = pixels(c.Rectangle)

	span := dateSpan(v.Weeks[0], v.Weeks[n-1].AddDate(0, 0, 6))
	weeks := fmt.Sprintf("This ISO week so far (Monday to Sunday, %s), %s", zoneName(loc), span)
	if n > 1 {
		weeks = fmt.Sprintf("%d ISO weeks (Monday to Sunday, %s), %s; the last is this week so far", n, zoneName(loc), span)
	}
	rest, hdr := drawHeader(c, "Weekly volume per muscle group", ", "+u.String(), weeks,
		"Load × reps of every set but warm-ups, drop-set steps included; a set's volume is shared equally among its exercise's muscle groups")
	lay.Header = pixels(hdr)

	items := make([]legendItem, 0, len(v.Muscles))
	for i := len(v.Muscles) - 1; i >= 0; i-- { // top of the stack first, as the bars read
		m := v.Muscles[i]
		items = append(items, legendItem{string(m), boxThumb(colourOf(m))})
	}
	rest.Max.Y -= 10
	leg := legendColumn(rest, items)
	lay.Legend = pixels(leg)

	highest := 0.0
	for i := range n {
		highest = max(highest, v.Total(i))
	}
	step := niceStep(highest*1.08, 5) // room above the tallest bar for its total
	yr := Range{Min: 0, Max: math.Ceil(highest*1.08/step) * step, Step: step}

	p := plot.New()
	styleAxes(p)
	p.Y.Tick.Marker = ticker(yr, thousands)
	p.Y.Min, p.Y.Max = yr.Min, yr.Max
	lay.YMin, lay.YMax = yr.Min, yr.Max
	p.X.Min, p.X.Max = -0.6, float64(n)-0.4
	if n < 4 { // a few bars: as wide as in a month's chart, in the middle
		mid := float64(n-1) / 2
		p.X.Min, p.X.Max = mid-2, mid+2
	}
	p.X.Tick.Marker = plot.ConstantTicks(weekTicks(v.Weeks))
	p.X.Tick.Length = 0
	p.Add(&plotFunc{draw: func(c draw.Canvas, p *plot.Plot) { drawGridY(c, p, yr) }})
	p.Add(&plotFunc{draw: func(c draw.Canvas, p *plot.Plot) { drawBars(c, p, v, n <= 16) }})

	area := draw.Crop(rest, margin, -(margin + leg.Size().X + 12), margin, 0)
	p.Draw(area)
	lay.Data = pixels(p.DataCanvas(area).Rectangle)
	png, err := encode(img)
	return png, lay, err
}

// plotFunc is a plot.Plotter from a function.
type plotFunc struct {
	draw func(c draw.Canvas, p *plot.Plot)
}

// Plot implements plot.Plotter.
func (f *plotFunc) Plot(c draw.Canvas, p *plot.Plot) { f.draw(c, p) }

// drawGridY draws the horizontal grid lines at the range's ticks.
func drawGridY(c draw.Canvas, p *plot.Plot, r Range) {
	_, y := p.Transforms(&c)
	for _, v := range r.Ticks() {
		c.StrokeLine2(gridLine, c.Min.X, y(v), c.Max.X, y(v))
	}
}

// drawBars draws each week's bar, the muscle groups stacked with the
// most volume at the bottom, and its total above it when there is room.
func drawBars(c draw.Canvas, p *plot.Plot, v Volume, totals bool) {
	x, y := p.Transforms(&c)
	sty := textStyle(9, colSubtle, false)
	sty.XAlign = draw.XCenter
	for i := range v.Weeks {
		left, right := x(float64(i)-0.35), x(float64(i)+0.35)
		base := 0.0
		for _, m := range v.Muscles {
			h := v.By[m][i]
			if h <= 0 {
				continue
			}
			fillRect(&c, colourOf(m), vg.Rectangle{Min: vg.Point{X: left, Y: y(base)}, Max: vg.Point{X: right, Y: y(base + h)}})
			base += h
		}
		if totals && base > 0 {
			c.FillText(sty, vg.Point{X: (left + right) / 2, Y: y(base) + 2}, thousands(math.Round(base)))
		}
	}
}

// weekTicks label the bars with their Mondays: "10 Mar", the year under
// the first and where it changes, at most ten labels.
func weekTicks(weeks []time.Time) []plot.Tick {
	every := (len(weeks) + 9) / 10
	var ts []plot.Tick
	last := 0
	for i, w := range weeks {
		if (len(weeks)-1-i)%every != 0 { // the current week is always labelled
			continue
		}
		l := w.Format("2 Jan")
		if len(ts) == 0 || w.Year() != weeks[last].Year() {
			l += "\n" + w.Format("2006")
		}
		ts = append(ts, plot.Tick{Value: float64(i), Label: l})
		last = i
	}
	return ts
}

// thousands writes a whole number with commas between thousands:
// 12,500.
func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", math.Round(v))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// zoneName is the name of loc a lifter recognises: its IANA name, or
// its abbreviation now for a fixed zone.
func zoneName(loc *time.Location) string {
	if n := loc.String(); n != "" && n != "Local" {
		return n
	}
	name, _ := time.Now().In(loc).Zone()
	return name
}
