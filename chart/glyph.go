package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// starGlyph is the record marker: a five-pointed star filled with fill
// and outlined in the glyph's colour, the series that set the record.
type starGlyph struct{ fill color.Color }

// DrawGlyph implements draw.GlyphDrawer.
func (s starGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	pts := make([]vg.Point, 0, 10)
	for i := range 10 {
		r := sty.Radius
		if i%2 == 1 {
			r *= 0.45
		}
		a := math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, vg.Point{X: pt.X + r*vg.Length(math.Cos(a)), Y: pt.Y + r*vg.Length(math.Sin(a))})
	}
	c.FillPolygon(s.fill, pts)
	var p vg.Path
	p.Move(pts[0])
	for _, q := range pts[1:] {
		p.Line(q)
	}
	p.Close()
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: 1})
	c.Stroke(p)
}

// starThumb is the legend's picture of the record marker.
func starThumb(c *draw.Canvas, r vg.Rectangle) {
	h := r.Max.Y - r.Min.Y
	pt := vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: (r.Min.Y + r.Max.Y) / 2}
	c.DrawGlyph(draw.GlyphStyle{Color: colText, Radius: h / 2, Shape: starGlyph{fill: colRecord}}, pt)
}
