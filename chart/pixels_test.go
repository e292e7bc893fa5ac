package chart

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// -charts DIR writes every chart the tests draw to DIR, to look at them:
// go test ./chart/ -args -charts /tmp/charts
var chartsDir = flag.String("charts", "", "write the charts the tests draw to this directory")

// decode decodes a chart, checks its size, and writes it to -charts.
func decode(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if b := img.Bounds(); b.Dx() != 768 || b.Dy() != 384 {
		t.Errorf("%s: size %v, want 768x384", name, b)
	}
	if *chartsDir != "" {
		if err := os.MkdirAll(*chartsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*chartsDir, name+".png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return img
}

// near reports whether two colours differ by at most tol in each
// channel: drawn lines are antialiased, their cores keep their colour.
func near(a color.Color, b color.RGBA, tol int) bool {
	r, g, bl, _ := a.RGBA()
	d := func(x uint32, y uint8) bool { v := int(x>>8) - int(y); return v <= tol && v >= -tol }
	return d(r, b.R) && d(g, b.G) && d(bl, b.B)
}

// where are the pixels of img inside r that are near colour c.
func where(img image.Image, r image.Rectangle, c color.RGBA) []image.Point {
	var out []image.Point
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(img.At(x, y), c, 24) {
				out = append(out, image.Point{X: x, Y: y})
			}
		}
	}
	return out
}

// extent is the smallest rectangle holding every point.
func extent(pts []image.Point) image.Rectangle {
	var r image.Rectangle
	for i, p := range pts {
		q := image.Rectangle{Min: p, Max: p.Add(image.Point{X: 1, Y: 1})}
		if i == 0 {
			r = q
		} else {
			r = r.Union(q)
		}
	}
	return r
}

// checkFrame holds a chart to its frame: nothing drawn in the margin
// (no text or line runs off the canvas), the header and the legend
// inside the canvas, and the legend clear of the plot's data area.
func checkFrame(t *testing.T, name string, img image.Image, lay layout) {
	t.Helper()
	b := img.Bounds()
	if lay.Canvas != b {
		t.Errorf("%s: laid out on %v, drawn on %v", name, lay.Canvas, b)
	}
	edge := 4 // pixels; the margin is 8 points, 10.7 pixels
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if x >= b.Min.X+edge && x < b.Max.X-edge && y >= b.Min.Y+edge && y < b.Max.Y-edge {
				continue
			}
			if r, g, bl, _ := img.At(x, y).RGBA(); r>>8 < 0xf8 || g>>8 < 0xf8 || bl>>8 < 0xf8 {
				t.Fatalf("%s: something drawn at the edge, at (%d,%d): text or lines run off the canvas", name, x, y)
			}
		}
	}
	for part, r := range map[string]image.Rectangle{"header": lay.Header, "legend": lay.Legend, "data area": lay.Data} {
		if r.Empty() || !r.In(b.Inset(edge)) {
			t.Errorf("%s: the %s %v is not inside the canvas %v", name, part, r, b)
		}
	}
	if lay.Legend.Overlaps(lay.Data) || lay.Header.Overlaps(lay.Data) || lay.Header.Overlaps(lay.Legend) {
		t.Errorf("%s: parts overlap: header %v, legend %v, data %v", name, lay.Header, lay.Legend, lay.Data)
	}
}
