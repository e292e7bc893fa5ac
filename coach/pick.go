package coach

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Choosing loads the way COACHING.md section 6 asks: every percentage is
// taken from a load the equipment really makes, a rule's range is kept
// whenever the equipment has a load inside it (the one nearest the
// default), and only when it has none does a plan take the nearest load
// and say so.

// loadEps is the slack, in load units, when comparing a load to a bound
// computed in floating point: loads are whole hundredths.
const loadEps = 0.005

// startLoad is the load a plan really starts at: asked rounded to a load e
// makes in u. The note says when that is not the load asked for: above the
// heaviest the equipment makes, below the lightest (the empty bar), or
// between two of its loads.
func (c *Coach) startLoad(e Equipment, u Unit, asked float64) (float64, string, error) {
	v, err := c.roundLoad(e, u, asked)
	if err != nil {
		return 0, "", err
	}
	lo, hi := c.gym.Min(e, u), c.gym.Max(e, u)
	switch {
	case asked > hi+loadEps:
		return v, fmt.Sprintf("%s %s is more than the %s here makes (heaviest %s %s): every step is planned from %s %s.",
			FormatLoad(asked), u, e, FormatLoad(hi), u, FormatLoad(v), u), nil
	case asked < lo-loadEps && e.Plated():
		return v, fmt.Sprintf("%s %s is lighter than the empty %s (%s %s): every step is planned from the empty %s.",
			FormatLoad(asked), u, e, FormatLoad(lo), u, e), nil
	case asked < lo-loadEps:
		return v, fmt.Sprintf("%s %s is lighter than the lightest %s load here (%s %s): every step is planned from %s %s.",
			FormatLoad(asked), u, e, FormatLoad(lo), u, FormatLoad(v), u), nil
	}
	return v, roundingNote(asked, v, u, e), nil
}

// pickIn is the load of e in u inside [lo, hi] nearest to target, and
// true; when e makes no load inside the range, the load nearest to the
// range (the lighter one on a tie) and false. ok is false only when e has
// no loads at all.
func (c *Coach) pickIn(e Equipment, u Unit, target, lo, hi float64) (load float64, inside, ok bool) {
	return c.pickInTie(e, u, target, target, lo, hi)
}

// pickInTie is pickIn where two loads equally near target go to the one
// nearer tie.
func (c *Coach) pickInTie(e Equipment, u Unit, target, tie, lo, hi float64) (load float64, inside, ok bool) {
	loads := c.gym.Loads(e, u)
	if len(loads) == 0 || math.IsNaN(target) {
		return 0, false, false
	}
	i := sort.SearchFloat64s(loads, lo-loadEps)
	best, found := 0.0, false
	for j := i; j < len(loads) && loads[j] <= hi+loadEps; j++ {
		d, bd := math.Abs(loads[j]-target), math.Abs(best-target)
		if !found || d < bd-1e-9 || d < bd+1e-9 && math.Abs(loads[j]-tie) < math.Abs(best-tie) {
			best, found = loads[j], true
		}
	}
	if found {
		return best, true, true
	}
	switch {
	case i == 0:
		return loads[0], false, true
	case i == len(loads):
		return loads[len(loads)-1], false, true
	case loads[i]-hi < lo-loads[i-1]:
		return loads[i], false, true
	}
	return loads[i-1], false, true
}

// pctRange is the range of a rule in percent, with the default the plan
// aims for.
type pctRange struct{ lo, def, hi float64 }

func (r pctRange) String() string {
	if r.lo == r.hi {
		return formatPercent(r.lo)
	}
	return strings.TrimSuffix(FormatLoad(r.lo), ".0") + "-" + formatPercent(r.hi)
}

// ofOneRM picks a load at r percent of oneRM: inside the range's loads
// when e makes one, else the nearest, with a note naming what (the step's
// name for the lifter) and why it is outside.
func (c *Coach) ofOneRM(e Equipment, u Unit, oneRM float64, r pctRange, what string) (float64, string, error) {
	load, inside, ok := c.pickIn(e, u, oneRM*r.def/100, oneRM*r.lo/100, oneRM*r.hi/100)
	if !ok {
		return 0, "", userErr("drop 80kg bench", "This gym has no %s loads in %s.", e, u)
	}
	if inside {
		return load, "", nil
	}
	got := formatPercent(math.Round(load / oneRM * 100))
	where := "the nearest load here"
	switch {
	case load >= c.gym.Max(e, u)-loadEps && load < oneRM*r.lo/100:
		where = "the heaviest the " + e.String() + " makes"
	case load <= c.gym.Min(e, u)+loadEps && load > oneRM*r.hi/100:
		if e.Plated() {
			where = "the empty " + e.String()
		} else {
			where = "the lightest " + e.String() + " load here"
		}
	}
	return load, fmt.Sprintf("%s should be %s of 1RM (%s %s); %s is %s %s (%s).",
		what, r, loadSpan(oneRM*r.lo/100, oneRM*r.hi/100), u, where, FormatLoad(load), u, got), nil
}

// countOf writes "1 drop", "2 drops", "no drops" ("is"/"are" first).
func countOf(n int, noun string) string {
	switch n {
	case 0:
		return "are no " + noun + "s"
	case 1:
		return "is 1 " + noun
	}
	return fmt.Sprintf("are %d %ss", n, noun)
}

// loadSpan writes a span of loads, "40-48.5", or one load when both ends
// are the same: never "20-20".
// Ends are shown to a tenth: they are targets, not loads to pick up.
func loadSpan(lo, hi float64) string {
	a, b := FormatLoad(math.Round(lo*10)/10), FormatLoad(math.Round(hi*10)/10)
	if a == b {
		return a
	}
	return a + "-" + b
}

// ladderDrops plans the loads after start, each about r.def percent
// lighter than the load before it and, whenever the equipment makes one,
// r.lo to r.hi percent lighter, until n loads follow start or nothing
// lighter exists. Every load is lighter than the one before it. The notes
// say where a drop had to leave the range and where the ladder stopped
// early.
func (c *Coach) ladderDrops(e Equipment, u Unit, start float64, n int, r pctRange, what string) ([]float64, []string) {
	loads := append(make([]float64, 0, n+1), start)
	var off []string
	var notes []string
	for i := 1; i <= n; i++ {
		// About r.def off the load before, as planned; a tie goes to the
		// load nearer the whole ladder's course from start.
		prev := loads[i-1]
		v, inside, ok := c.pickInTie(e, u, prev*(1-r.def/100), start*math.Pow(1-r.def/100, float64(i)),
			prev*(1-r.hi/100), prev*(1-r.lo/100))
		if ok && v >= prev-loadEps {
			v, ok = c.gym.Below(e, u, prev)
			inside = false
		}
		if !ok {
			notes = append(notes, fmt.Sprintf("Nothing here is lighter than %s %s, so there %s, not %d.",
				FormatLoad(prev), u, countOf(i-1, what), n))
			break
		}
		if !inside {
			off = append(off, fmt.Sprintf("%s → %s %s (-%s)", FormatLoad(prev), FormatLoad(v), u,
				formatPercent(math.Round((prev-v)/prev*1000)/10)))
		}
		loads = append(loads, v)
	}
	if len(off) > 0 {
		notes = append([]string{fmt.Sprintf("No %s load here is %s lighter there, so the nearest: %s.",
			e, r, strings.Join(off, ", "))}, notes...)
	}
	return loads, notes
}
