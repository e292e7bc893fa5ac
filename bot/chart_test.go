package bot

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"
)

// chart week parses, draws the weekly volume as a PNG of the usual size,
// and refuses a number of weeks it cannot draw with a line saying how.
func TestChartWeek(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		if rep := r.say("ana", "chart week"); rep.Image != nil || !strings.Contains(rep.Text, "No sets") {
			t.Fatalf("a chart of nothing: %+v", rep)
		}
		for _, l := range []string{"log bench 100x5x3", "log squat 140x5x3", "log row 80x8x3"} {
			r.say("ana", l)
			time.Sleep(26 * time.Hour)
		}
		for text, name := range map[string]string{"chart week": "chart-week-8.png", "chart week 12": "chart-week-12.png", "chart weeks 1": "chart-week-1.png"} {
			rep := r.say("ana", text)
			if rep.Image == nil || rep.Image.MIME != "image/png" || rep.Image.Name != name || !rep.Private || rep.Error {
				t.Fatalf("%s: %+v", text, rep)
			}
			if !strings.Contains(rep.Text, "muscle group") {
				t.Errorf("%s says %q", text, rep.Text)
			}
			img, err := png.Decode(bytes.NewReader(rep.Image.Data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != 768 || b.Dy() != 384 {
				t.Errorf("%s: size %v, want 768x384", text, b)
			}
		}
		for _, text := range []string{"chart week 0", "chart week 53", "chart week many", "chart week 4 5"} {
			if rep := r.say("ana", text); !rep.Error || rep.Image != nil || !strings.Contains(rep.Text, "Try: chart week 12") {
				t.Errorf("%s: %+v", text, rep)
			}
		}
		if rep := r.say("ana", "chart"); !rep.Error || !strings.Contains(rep.Text, "chart week") {
			t.Errorf("chart alone: %+v", rep)
		}
	})
}
