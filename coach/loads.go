package coach

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// round2 rounds to hundredths for display and JSON.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

// roundLoad rounds a target to the nearest load the equipment can make.
func (c *Coach) roundLoad(e Equipment, u Unit, target float64) (float64, error) {
	v, ok := c.gym.Round(e, u, target)
	if !ok {
		return 0, userErr("drop 80kg bench", "This gym has no %s loads in %s.", e, u)
	}
	return v, nil
}

// platesFor is the per-side plates for a load on plated equipment, or nil.
func (c *Coach) platesFor(e Equipment, u Unit, load float64) []float64 {
	if !e.Plated() {
		return nil
	}
	p, ok := c.gym.PlatesFor(e, u, load)
	if !ok {
		return nil
	}
	if p == nil {
		p = []float64{}
	}
	return p
}

// roundingNote says when the asked-for load is not one the equipment makes.
func roundingNote(asked, got float64, u Unit, e Equipment) string {
	if math.Abs(asked-got) < 0.005 {
		return ""
	}
	return fmt.Sprintf("%s %s is not %s load here; planned from %s %s.", FormatLoad(asked), u, WithArticle(e.String()), FormatLoad(got), u)
}

// outsideRange is the note for a setting outside an article's range.
// subject is what was set ("A rest of 30 s"), rng the article's range.
func outsideRange(subject, rng, article string) string {
	return fmt.Sprintf("%s: outside the %s article's range of %s.", subject, article, rng)
}

// FormatRest writes a rest exactly as the timer runs it: 15 s, 75 s, 2 min,
// 2 min 30 s. Plans, session replies and pings all use it, so the rest a
// step announces is the rest the timer waits.
func FormatRest(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s >= 120 && s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	case s >= 120:
		return fmt.Sprintf("%d min %d s", s/60, s%60)
	}
	return fmt.Sprintf("%d s", s)
}

func formatPercent(p float64) string {
	return strings.TrimSuffix(FormatLoad(p), ".0") + " %"
}

func (c *Coach) checkRest(notes []string, rest time.Duration, lo, hi time.Duration, article string) []string {
	if rest < lo || rest > hi {
		notes = append(notes, outsideRange("A rest of "+FormatRest(rest),
			fmt.Sprintf("%d-%d s", int(lo/time.Second), int(hi/time.Second)), article))
	}
	return notes
}

// appendNote appends n if it is not empty.
func appendNote(notes []string, n string) []string {
	if n == "" {
		return notes
	}
	return append(notes, n)
}

// needLoad is the error for a plan without a load.
func needLoad(t Technique, what string) error {
	return userErr(exampleFor(t), "%s needs %s.", capitalize(WithArticle(t.String())), what)
}
