package coach

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// bruteBar is a plate inventory per side as the tests see it, in
// hundredths, apart from plateSet: denominations heaviest first and how
// many of each a side holds.
type bruteBar struct {
	denoms []int64
	counts []int
}

func bruteBarOf(plates []float64) bruteBar {
	var b bruteBar
	ps := slices.Clone(plates)
	slices.SortFunc(ps, func(x, y float64) int { return int(math.Round(y*100) - math.Round(x*100)) })
	for _, p := range ps {
		h := int64(math.Round(p * 100))
		if n := len(b.denoms); n > 0 && b.denoms[n-1] == h {
			b.counts[n-1]++
		} else {
			b.denoms = append(b.denoms, h)
			b.counts = append(b.counts, 1)
		}
	}
	return b
}

// bruteMoves is the fewest plate moves on one side to lift targets (per
// side, in hundredths) in order, found by a breadth-first search over
// every state the side can be in: a stack of plates from the inventory,
// changed one plate at a time, on or off at the outside end only. A
// lifter can lift when the side holds their target heaviest inside. The
// bar starts empty and is not stripped after the last lifter. With
// anyOrder, plates may sit in any order between lifts (a plate lighter
// than one outside it); otherwise every state is heaviest inside, which
// keeps the search small for real inventories. States never hold more
// than the heaviest target.
func bruteMoves(b bruteBar, targets []int64, anyOrder bool) int {
	top := slices.Max(targets)
	type state struct {
		stage int
		stack string // denomination indices, inside first
	}
	sum := func(st string) int64 {
		var s int64
		for i := range len(st) {
			s += b.denoms[st[i]]
		}
		return s
	}
	sorted := func(st string) bool {
		for i := 1; i < len(st); i++ {
			if st[i] < st[i-1] {
				return false
			}
		}
		return true
	}
	dist := map[state]int{{0, ""}: 0}
	// 0-1 breadth-first search: lifting costs nothing, a plate move 1.
	deque := []state{{0, ""}}
	for len(deque) > 0 {
		s := deque[0]
		deque = deque[1:]
		d := dist[s]
		if s.stage == len(targets) {
			return d
		}
		relax := func(n state, w int) {
			if old, ok := dist[n]; ok && old <= d+w {
				return
			}
			dist[n] = d + w
			if w == 0 {
				deque = append([]state{n}, deque...)
			} else {
				deque = append(deque, n)
			}
		}
		if sorted(s.stack) && sum(s.stack) == targets[s.stage] {
			relax(state{s.stage + 1, s.stack}, 0)
		}
		if len(s.stack) > 0 {
			relax(state{s.stage, s.stack[:len(s.stack)-1]}, 1)
		}
		for j := range b.denoms {
			if !anyOrder && len(s.stack) > 0 && byte(j) < s.stack[len(s.stack)-1] {
				continue
			}
			if strings.Count(s.stack, string(rune(j))) >= b.counts[j] || sum(s.stack)+b.denoms[j] > top {
				continue
			}
			relax(state{s.stage, s.stack + string(rune(j))}, 1)
		}
	}
	return -1
}

// checkShare holds PlanShare to the brute force: for every order of the
// lifters the search above gives that order's fewest moves; the plan's
// count is the least of them, its worst the most, Best counts the orders
// that tie with it; and its steps, replayed plate by plate on a stack,
// take off only outermost plates, use the inventory, hold each lifter's
// load heaviest inside and add up to its count.
func checkShare(t *testing.T, g *Gym, u Unit, loads []float64, anyOrder bool) SharePlan {
	t.Helper()
	p, ok := g.PlanShare(Barbell, u, loads)
	if !ok {
		t.Fatalf("%v %s: no plan", loads, u)
	}
	rack := g.Rack(u)
	b := bruteBarOf(rack.Plates)
	barH := int64(math.Round(rack.Bar * 100))
	targets := make([]int64, len(loads))
	for i, x := range loads {
		r, _ := g.Round(Barbell, u, x)
		if p.Lifters[i].Load != r {
			t.Errorf("%v %s: lifter %d lifts %v, Round says %v", loads, u, i+1, p.Lifters[i].Load, r)
		}
		targets[i] = (int64(math.Round(r*100)) - barH) / 2
	}

	order := make([]int, len(loads))
	for i := range order {
		order[i] = i
	}
	least, most, ties := math.MaxInt, -1, 0
	for {
		ts := make([]int64, len(order))
		for k, i := range order {
			ts[k] = targets[i]
		}
		m := bruteMoves(b, ts, anyOrder)
		switch {
		case m < least:
			least, ties = m, 1
		case m == least:
			ties++
		}
		most = max(most, m)
		if !nextPermutation(order) {
			break
		}
	}
	if p.Moves != least || p.Worst != most || p.Best != ties {
		t.Errorf("%v %s (plates %v): plan %d moves, worst %d, %d best orders; every order tried: %d, worst %d, %d best",
			loads, u, rack.Plates, p.Moves, p.Worst, p.Best, least, most, ties)
	}

	// Replay the steps.
	var side []int64
	moves := 0
	seen := map[int]bool{}
	for k, s := range p.Steps {
		if seen[s.Lifter] {
			t.Errorf("%v: lifter %d lifts twice", loads, s.Lifter+1)
		}
		seen[s.Lifter] = true
		for _, off := range s.Off {
			if len(side) == 0 || side[len(side)-1] != int64(math.Round(off*100)) {
				t.Fatalf("%v step %d: takes off %v, not the outermost plate of %v", loads, k+1, off, side)
			}
			side = side[:len(side)-1]
		}
		for _, on := range s.On {
			side = append(side, int64(math.Round(on*100)))
		}
		moves += s.Moves()
		var sum int64
		for i, h := range side {
			sum += h
			if i > 0 && h > side[i-1] {
				t.Errorf("%v step %d: %v is not heaviest inside", loads, k+1, side)
			}
			if int64(math.Round(s.Side[i]*100)) != h {
				t.Errorf("%v step %d: the side is %v, the moves make %v", loads, k+1, s.Side, side)
			}
		}
		if len(s.Side) != len(side) {
			t.Errorf("%v step %d: the side is %v, the moves make %v", loads, k+1, s.Side, side)
		}
		for j, d := range b.denoms {
			if n := strings.Count(string(runesOf(side)), string(rune(d))); n > b.counts[j] {
				t.Errorf("%v step %d: %d plates of %v, the gym has %d a side", loads, k+1, n, float64(d)/100, b.counts[j])
			}
		}
		if sum != targets[s.Lifter] {
			t.Errorf("%v step %d: the side holds %v, lifter %d needs %v", loads, k+1, float64(sum)/100, s.Lifter+1, float64(targets[s.Lifter])/100)
		}
	}
	if len(seen) != len(loads) || moves != p.Moves {
		t.Errorf("%v: %d lifters lift, the steps move %d plates, the plan says %d", loads, len(seen), moves, p.Moves)
	}
	return p
}

func runesOf(h []int64) []rune {
	out := make([]rune, len(h))
	for i, x := range h {
		out[i] = rune(x)
	}
	return out
}

// Every order of up to four lifters, tried by a search over every way
// the plates can move one at a time, is never better than the order
// PlanShare chooses: on the default kg and lb gyms, on gyms with one or
// two pairs of some plates (as plate_pairs may give), and on small random
// inventories where plates may even sit out of order between lifts.
func TestShareChoosesTheFewestMoves(t *testing.T) {
	mustGym := func(kg, lb Rack) *Gym {
		g, err := NewGym(kg, lb)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	def := DefaultGym()
	edge := [][]float64{
		{100, 80, 60}, {60, 80}, {80, 60}, {100, 100}, {20, 20, 20}, {15, 20}, {100, 80, 100, 60},
		{101, 15, 400}, {1000, 20}, {435, 20, 227.5, 22.5}, {62.5, 57.5, 52.5, 47.5},
		{140, 100, 120, 60}, {22.5, 21.25, 23.75}, {180, 182.5, 185, 187.5},
	}
	for _, loads := range edge {
		checkShare(t, def, KG, loads, false)
	}
	for _, loads := range [][]float64{{405, 315, 225, 135}, {135, 185}, {225, 230, 235, 240}, {45, 50}, {500, 95, 275}} {
		checkShare(t, def, LB, loads, false)
	}

	// Few plates: one pair of 20, 10 and 5, two of 2.5.
	pairs := DefaultKGRack()
	pairs.Plates = []float64{20, 10, 5, 2.5, 2.5}
	few := mustGym(pairs, DefaultLBRack())
	for _, loads := range [][]float64{{60, 80, 40}, {95, 90, 85, 70}, {95, 30, 100}, {40, 45, 50, 55}} {
		checkShare(t, few, KG, loads, true)
	}
	lbPairs := DefaultLBRack()
	lbPairs.Plates = []float64{45, 25, 25, 10, 5}
	fewLB := mustGym(DefaultKGRack(), lbPairs)
	for _, loads := range [][]float64{{135, 185, 95}, {225, 195, 165, 135}, {65, 75}} {
		checkShare(t, fewLB, LB, loads, true)
	}

	rng := rand.New(rand.NewPCG(18, 2))
	pool := []float64{25, 20, 15, 10, 5, 2.5, 1.25}
	lbPool := []float64{45, 35, 25, 10, 5, 2.5}
	for range 60 {
		// A small random inventory, any order between lifts allowed.
		u := Unit(rng.IntN(2))
		rack, from := DefaultKGRack(), pool
		if u == LB {
			rack, from = DefaultLBRack(), lbPool
		}
		rack.Plates = nil
		for len(rack.Plates) < 2+rng.IntN(5) {
			rack.Plates = append(rack.Plates, from[rng.IntN(len(from))])
		}
		g := mustGym(rack, DefaultLBRack())
		if u == LB {
			g = mustGym(DefaultKGRack(), rack)
		}
		checkShare(t, g, u, randomShareLoads(rng, g, u), true)
	}
	for range 40 {
		// The default gyms, heaviest inside throughout.
		u := Unit(rng.IntN(2))
		checkShare(t, def, u, randomShareLoads(rng, def, u), false)
	}
}

// randomShareLoads is 2-4 loads from a little under the empty bar to a
// little over the heaviest load, not all of them ones the gym makes,
// some repeated.
func randomShareLoads(rng *rand.Rand, g *Gym, u Unit) []float64 {
	lo, hi := g.Min(Barbell, u), g.Max(Barbell, u)
	hi = min(hi, lo+160) // keep the brute force quick
	loads := make([]float64, 2+rng.IntN(3))
	for i := range loads {
		switch rng.IntN(6) {
		case 0:
			loads[i] = lo - float64(rng.IntN(10))
		case 1:
			if i > 0 {
				loads[i] = loads[i-1]
				continue
			}
			fallthrough
		default:
			loads[i] = math.Round((lo+rng.Float64()*(hi-lo))*4) / 4
		}
		loads[i] = max(loads[i], 1)
	}
	return loads
}

// Taking a plate from deep inside means taking off the ones outside it
// and putting them back, so 100 -> 80 kg from 25 + 15 takes off the 15
// and puts on a 5 (2 moves), and the order that climbs 60, 80, 100 with
// 20, then 10, then 10 costs 3 where the worst order costs 5. Loads the
// bar cannot make are rounded, and every lifter lifts once.
func TestShareStacksPlates(t *testing.T) {
	g := DefaultGym()
	p := checkShare(t, g, KG, []float64{100, 80, 60}, false)
	if p.Moves != 3 || p.Worst != 5 {
		t.Errorf("100, 80, 60 kg: %d moves, worst %d; want 3 and 5", p.Moves, p.Worst)
	}
	var got []float64
	for _, s := range p.Steps {
		got = append(got, p.Lifters[s.Lifter].Load)
	}
	if !slices.Equal(got, []float64{60, 80, 100}) {
		t.Errorf("order %v; want 60, 80, 100", got)
	}
	if s := p.Steps[2]; !slices.Equal(s.On, []float64{10}) || len(s.Off) != 0 || !slices.Equal(s.Side, []float64{20, 10, 10}) {
		t.Errorf("to 100 kg: off %v on %v, a side %v; want on 10, 20 + 10 + 10", s.Off, s.On, s.Side)
	}

	// From 25 + 15 (100 kg) the cheapest 80 kg is 25 + 5: the 15 comes
	// off, a 5 goes on.
	if d := shareMoves("\x00\x02", "\x00\x04"); d != 2 {
		t.Errorf("25+15 -> 25+5: %d moves; want 2", d)
	}
	// 20 + 10 + 5 -> 20 + 5: the 5 comes off to free the 10, then goes
	// back on: 3 moves.
	if d := shareMoves("\x01\x03\x04", "\x01\x04"); d != 3 {
		t.Errorf("20+10+5 -> 20+5: %d moves; want 3", d)
	}

	// Two lifters at one load share a loading: no change between them.
	p = checkShare(t, g, KG, []float64{100, 60, 100}, false)
	if p.Moves != 2 {
		t.Errorf("100, 60, 100 kg: %d moves; want 2 (20 for 60, another 20 for both 100s)", p.Moves)
	}
}

// The default gyms list few enough loadings for any load that the cap
// on loadings is never what limits the search.
func TestShareLoadingsUncapped(t *testing.T) {
	for _, u := range []Unit{KG, LB} {
		ps := &DefaultGym().unit(u).plates
		most := 0
		for s := int64(0); s <= ps.total; s++ {
			n := len(ps.loadings(s, shareMaxLoadings+1))
			if ps.fewest[s] != plateNone && n == 0 {
				t.Errorf("%s: %d quanta a side is makeable, no loading listed", u, s)
			}
			most = max(most, n)
		}
		if most > shareMaxLoadings {
			t.Errorf("%s: up to %d loadings of one load; the cap is %d", u, most, shareMaxLoadings)
		}
		t.Logf("%s: at most %d loadings of one load", u, most)
	}
}

// A share command names the exercise first, then 2-4 loads, each perhaps
// after its lifter's name; every mistake gets one line and an example
// that works.
func TestShareCommand(t *testing.T) {
	c := testCoach(t)
	for _, tc := range []struct {
		in    string
		names []string
		loads []float64
		unit  Unit
	}{
		{"bench 100kg 80kg 60kg", []string{"", "", ""}, []float64{100, 80, 60}, KG},
		{"bench ana 100kg bo 80kg", []string{"ana", "bo"}, []float64{100, 80}, KG},
		{"bench press ana 100 kg bo 80 kg", []string{"ana", "bo"}, []float64{100, 80}, KG},
		{"squat 140 100kg", []string{"", ""}, []float64{140, 100}, KG},
		{"deadlift 405lb 315lb 225lb 135lb", []string{"", "", "", ""}, []float64{405, 315, 225, 135}, LB},
		{"bench 100kg bo 80kg", []string{"", "bo"}, []float64{100, 80}, KG},
	} {
		p, err := c.Share(strings.Fields(tc.in), KG)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if p.Unit != tc.unit || len(p.Lifters) != len(tc.loads) {
			t.Errorf("%s: %d lifters in %s", tc.in, len(p.Lifters), p.Unit)
			continue
		}
		for i, l := range p.Lifters {
			if l.Name != tc.names[i] || l.Asked != tc.loads[i] {
				t.Errorf("%s: lifter %d is %q at %v; want %q at %v", tc.in, i+1, l.Name, l.Asked, tc.names[i], tc.loads[i])
			}
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"bench 100kg", "Only one load"},
		{"bench 100kg 90kg 80kg 70kg 60kg", "5 loads: at most 4"},
		{"100kg 80kg", "Which exercise?"},
		{"100kg 80kg bench", "Put the exercise first"},
		{"", "Which exercise, and whose loads?"},
		{"bench", "Give each lifter's load"},
		{"db curl 20kg 15kg", "dumbbells: there is no shared bar"},
		{"bench db 40kg 30kg", "dumbbells: there is no shared bar"},
		{"leg extension 50kg 40kg", "no plates to share"},
		{"pull up 10kg 20kg", "body-weight exercise"},
		{"bench ana 100kg ana 80kg", "ana is named twice"},
		{"bench 100kg 80lb", "Mixed units"},
		{"benhc 100kg 80kg", "did you mean bench press"},
		{"bench 100kg ana", "after the last load"},
		{"bench 100kg big ana 80kg", "one name per lifter"},
		{"bench 0kg 80kg", "more than 0"},
		{"bench 100kgx5 80kg", "write each load as 100kg"},
	} {
		_, err := c.Share(strings.Fields(tc.in), KG)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("share %s: %v; want %q", tc.in, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("share %s: more than one line: %v", tc.in, err)
		}
		for _, u := range []Unit{KG, LB} {
			_, err := c.Share(strings.Fields(tc.in), u)
			ex := err.(*Error).Example
			if err := tryExample(c, ex, u); err != nil {
				t.Errorf("share %s (%s): the example %q fails: %v", tc.in, u, ex, err)
			}
		}
	}
}

// The reply counts moves in the lifter's words and says what was
// rounded, and the gym decides the plates: on a gym with few plates the
// same loads take more moves.
func TestShareText(t *testing.T) {
	c := testCoach(t)
	p, err := c.Share(strings.Fields("squat ana 101kg bo 15kg cy 500kg"), KG)
	if err != nil {
		t.Fatal(err)
	}
	text := p.Text()
	for _, want := range []string{
		"plate moves a side (the worst order: ",
		"ana: 101 kg is not a barbell load here; ana lifts 100 kg.",
		"bo: 15 kg is lighter than the empty barbell (20 kg); bo lifts the empty barbell.",
		"cy: 500 kg is more than the barbell here makes; cy lifts 435 kg, the heaviest.",
		"1. bo, 20 kg: the empty bar",
		"A plate move is one plate put on or taken off one side",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the reply does not say %q:\n%s", want, text)
		}
	}
	p, _ = c.Share(strings.Fields("bench 100kg 100kg"), KG)
	if !strings.Contains(p.Text(), "2 plate moves a side, in any order.") {
		t.Errorf("two lifters at one load:\n%s", p.Text())
	}
}
