package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"strings"
	"unicode/utf8"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Size of the charts in pixels at 96 dpi: 768 × 384, wide enough to be
// read on a phone without zooming and small enough to send as a photo.
const (
	Width  = 8 * vg.Inch
	Height = 4 * vg.Inch
)

// dpi is the resolution the charts are drawn at (vgimg's default).
const dpi = 96

// margin is the white space kept free at every edge of the canvas.
const margin = vg.Length(8)

// Colours. The series colours are Tableau's, which stay distinct for
// lifters with the common forms of colour blindness; the record star is
// a gold that neither series uses.
var (
	colText    = color.RGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}
	colSubtle  = color.RGBA{R: 0x5f, G: 0x5f, B: 0x5f, A: 0xff}
	colGrid    = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	colE1RM    = color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff}
	colTop     = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	colRecord  = color.RGBA{R: 0xff, G: 0xc1, B: 0x07, A: 0xff}
	background = color.White
)

// sans is the face of every text on the charts: Liberation Sans, which
// gonum/plot embeds, so a chart looks the same on every server.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textStyle is a text style of the given size and colour, aligned at its
// left and bottom unless changed.
func textStyle(size vg.Length, c color.Color, bold bool) text.Style {
	f := sans
	if bold {
		f.Weight = stdfont.WeightBold
	}
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

// fitText makes s fit in width: it shrinks the style's font down to min
// points, then cuts s with an ellipsis. Titles carry exercise names as
// lifters or their apps wrote them, of any length, and must never run
// off the canvas.
func fitText(sty text.Style, s string, width, min vg.Length) (text.Style, string) {
	for sty.Width(s) > width && sty.Font.Size > min {
		sty.Font.Size = max(min, sty.Font.Size-0.5)
	}
	if sty.Width(s) <= width {
		return sty, s
	}
	r := []rune(s)
	for len(r) > 1 && sty.Width(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return sty, strings.TrimRight(string(r), " ,:;-") + "…"
}

// fitName fits a title made of a name and a fixed rest (the unit, the
// formula) in width: it shrinks the font down to min points, then cuts
// the name rather than the rest, which says what the chart shows.
func fitName(sty text.Style, name, rest string, width, min vg.Length) (text.Style, string) {
	for sty.Width(name+rest) > width && sty.Font.Size > min {
		sty.Font.Size = max(min, sty.Font.Size-0.5)
	}
	if sty.Width(name+rest) <= width {
		return sty, name + rest
	}
	r := []rune(name)
	for len(r) > 1 && sty.Width(string(r)+"…"+rest) > width {
		r = r[:len(r)-1]
	}
	return fitText(sty, strings.TrimRight(string(r), " ,:;-")+"…"+rest, width, min)
}

// capitalize upper-cases the first letter of s, as a title starts.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// drawHeader draws a chart's title, name followed by what, and subtitle
// lines at the top left of the canvas, each fitted to its width; rest is
// what remains below.
func drawHeader(c draw.Canvas, name, what string, subtitle ...string) (rest draw.Canvas, box vg.Rectangle) {
	width := c.Max.X - c.Min.X - 2*margin
	x := c.Min.X + margin
	y := c.Max.Y - margin
	top := y
	ts, title := fitName(textStyle(14, colText, true), name, what, width, 10)
	y -= ts.Height(title)
	c.FillText(ts, vg.Point{X: x, Y: y + ts.FontExtents().Descent}, title)
	w := ts.Width(title)
	for i, line := range subtitle {
		ss, line := fitText(textStyle(10, colSubtle, false), line, width, 8)
		y -= ss.Height(line)
		if i == 0 {
			y -= 3
		}
		c.FillText(ss, vg.Point{X: x, Y: y + ss.FontExtents().Descent}, line)
		w = max(w, ss.Width(line))
	}
	rest = c
	rest.Max.Y = y
	return rest, vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: top}}
}

// legendItem is one entry of a legend: a small picture and its words.
type legendItem struct {
	label string
	thumb func(c *draw.Canvas, r vg.Rectangle)
}

// thumbSize is the width of a legend entry's picture.
const thumbSize = vg.Length(22)

// legendRow draws items left to right from the canvas's top left, and
// returns the box it used.
func legendRow(c draw.Canvas, items []legendItem) vg.Rectangle {
	sty := textStyle(10, colText, false)
	h := sty.Height("Mg")
	x := c.Min.X + margin
	top := c.Max.Y
	for i, it := range items {
		if i > 0 {
			x += 14
		}
		it.thumb(&c, vg.Rectangle{Min: vg.Point{X: x, Y: top - h}, Max: vg.Point{X: x + thumbSize, Y: top}})
		x += thumbSize + 4
		c.FillText(sty, vg.Point{X: x, Y: top - h + sty.FontExtents().Descent}, it.label)
		x += sty.Width(it.label)
	}
	return vg.Rectangle{Min: vg.Point{X: c.Min.X + margin, Y: top - h}, Max: vg.Point{X: x, Y: top}}
}

// legendColumn draws items top to bottom at the canvas's top right, and
// returns the box it used.
func legendColumn(c draw.Canvas, items []legendItem) vg.Rectangle {
	sty := textStyle(10, colText, false)
	h := sty.Height("Mg")
	w := vg.Length(0)
	for _, it := range items {
		w = max(w, sty.Width(it.label))
	}
	w += thumbSize/2 + 4
	x := c.Max.X - margin - w
	y := c.Max.Y
	for _, it := range items {
		it.thumb(&c, vg.Rectangle{Min: vg.Point{X: x, Y: y - h + 2}, Max: vg.Point{X: x + thumbSize/2, Y: y - 2}})
		c.FillText(sty, vg.Point{X: x + thumbSize/2 + 4, Y: y - h + sty.FontExtents().Descent}, it.label)
		y -= h + 3
	}
	return vg.Rectangle{Min: vg.Point{X: x, Y: y + 3}, Max: vg.Point{X: x + w, Y: c.Max.Y}}
}

// lineThumb is a legend picture of a line with a dot on it.
func lineThumb(col color.Color) func(c *draw.Canvas, r vg.Rectangle) {
	return func(c *draw.Canvas, r vg.Rectangle) {
		y := (r.Min.Y + r.Max.Y) / 2
		c.StrokeLine2(draw.LineStyle{Color: col, Width: 2}, r.Min.X, y, r.Max.X, y)
		c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: 3, Shape: draw.CircleGlyph{}}, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: y})
	}
}

// boxThumb is a legend picture of a filled square.
func boxThumb(col color.Color) func(c *draw.Canvas, r vg.Rectangle) {
	return func(c *draw.Canvas, r vg.Rectangle) {
		side := min(r.Max.X-r.Min.X, r.Max.Y-r.Min.Y)
		y := (r.Min.Y + r.Max.Y - side) / 2
		fillRect(c, col, vg.Rectangle{Min: vg.Point{X: r.Min.X, Y: y}, Max: vg.Point{X: r.Min.X + side, Y: y + side}})
	}
}

// layout is where a chart put its parts, in pixels of the PNG (origin at
// the top left): what the tests hold the pictures to.
type layout struct {
	Canvas image.Rectangle
	Header image.Rectangle // title and subtitle
	Legend image.Rectangle
	Data   image.Rectangle // the plot's data area, inside the axes
	// YMin and YMax are the range of the y-axis.
	YMin, YMax float64
}

// pixels turns a rectangle of the canvas (points, origin at the bottom
// left) into pixels of the image (origin at the top left).
func pixels(r vg.Rectangle) image.Rectangle {
	px := func(l vg.Length) int { return int(l.Dots(dpi) + 0.5) }
	h := px(Height)
	return image.Rect(px(r.Min.X), h-px(r.Max.Y), px(r.Max.X), h-px(r.Min.Y))
}

// canvas is a blank white canvas of the charts' size.
func canvas() (*vgimg.Canvas, draw.Canvas) {
	img := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(background))
	return img, draw.New(img)
}

// encode writes the canvas as a PNG.
func encode(img *vgimg.Canvas) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

// fillRect fills r with col.
func fillRect(c *draw.Canvas, col color.Color, r vg.Rectangle) {
	c.FillPolygon(col, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}
