package coach

import (
	"math"
	"slices"
)

// A shared bar: two to four lifters take turns on one bar, each at their
// own load, and the order they lift in decides how many plates are moved.
//
// The model. Each side of the bar is a stack: plates go on and come off at
// the outside end only, and a loading is heaviest inside (plates
// non-increasing from the collar inward), as lifters load a bar. Both sides
// mirror each other, so everything here is counted on one side.
//
// A plate move is one plate put on or taken off one side. The bar starts
// empty, so loading the first lifter's plates counts; stripping the bar
// after the last lifter does not (the last lifter strips it, whatever the
// order, or leaves it for whoever comes next).
//
// Moves between two loadings. To go from loading A to loading B, every
// plate of A that stays on the bar keeps its place, and so do all plates
// inside it: the plates that stay are a common prefix of A and B (counted
// from the inside, plates of one weight being interchangeable). Everything
// of A outside that prefix must come off, and everything of B outside it
// must go on. Keeping the longest common prefix is therefore best:
//
//	moves(A, B) = len(A) + len(B) - 2*lcp(A, B)
//
// So 100 -> 80 kg on a 20 kg bar is 25+15 -> 25+5 (off 15, on 5: 2 moves),
// but 20+20 -> 20+10 from a loading of 20+20 (also 2), and 60 -> 80 is
// 20 -> 20+10 (on 10: 1 move) where 20 -> 25+5 would cost 3. Which plates
// make a load is part of the choice: the search considers every loading of
// each load the inventory makes, not only the one with the fewest plates.
// A loading's plates come from the gym's inventory per side; moves between
// two loadings never need more plates than either holds (plates come off
// before others go on).
//
// The search. For one order of lifters, the fewest moves is a shortest
// path through the layers of loadings (a layer per lifter, from the empty
// bar): dynamic programming over the layers, where the cheapest way into
// loading B from the layer before is
//
//	len(B) + min over prefixes P of B (best[P] - 2*len(P)),
//	best[P] = min over loadings A of the layer that start with P (cost(A) + len(A)),
//
// which a trie of the layer's loadings gives without comparing every pair.
// Every order (at most 4! = 24) is solved; the order with the fewest moves
// is chosen, and the worst order's count is kept to show what the choice
// saves. Among orders that tie, lighter lifters go first (warming up on
// the way), and lifters at one load keep the order they were given in.

// Limits of a shared bar.
const (
	ShareMinLifters = 2
	ShareMaxLifters = 4
	// shareMaxLoadings caps the loadings considered for one load. The
	// loadings are tried fewest plates first, so a cap reached (only by a
	// custom inventory of many small plates) drops only loadings with many
	// plates; the default gyms never reach it (a test checks).
	shareMaxLoadings = 4096
)

// ShareStep is one lifter's turn on the shared bar: the plates that come
// off and go on EACH side before they lift, and the side as it then is.
type ShareStep struct {
	Lifter int // index into SharePlan.Lifters
	// Off lists the plates taken off each side, outermost first (the
	// order they come off); On the plates put on, inside first (the order
	// they go on). Off comes before On.
	Off, On []float64
	Side    []float64 // the plates on each side after the change, inside first
}

// Moves is the plate moves of the step, per side.
func (s ShareStep) Moves() int { return len(s.Off) + len(s.On) }

// ShareLifter is one lifter of a shared bar.
type ShareLifter struct {
	Name  string  // as the lifter was named; "" for none
	Asked float64 // the load asked for
	Load  float64 // the load the bar and plates make nearest to Asked
}

// SharePlan is the order in which lifters share one bar. It is a plain
// value owned by the caller.
type SharePlan struct {
	Exercise  *Exercise // nil when the caller named none
	Equipment Equipment
	Unit      Unit
	Bar       float64 // the empty bar (or sled)
	Heaviest  float64 // the heaviest load the bar and plates make
	Lifters   []ShareLifter
	Steps     []ShareStep // in lifting order
	Moves     int         // plate moves per side in the chosen order
	Worst     int         // plate moves per side in the worst order
	Best      int         // how many orders take Moves (at least 1)
	Orders    int         // how many orders there are (n!)
}

// PlanShare plans a shared bar on e in u for loads, in the order given:
// each load is rounded as plans round (Round), and the order of lifters
// and the loading of each load are chosen to move the fewest plates (see
// the model above). ok is false when e is not plated, the gym has no such
// bar, or there are not 2 to 4 finite loads. PlanShare is safe for
// concurrent use.
func (g *Gym) PlanShare(e Equipment, u Unit, loads []float64) (SharePlan, bool) {
	n := len(loads)
	if !e.Plated() || n < ShareMinLifters || n > ShareMaxLifters {
		return SharePlan{}, false
	}
	gu := g.unit(u)
	t := &gu.loads[e]
	if len(t.h) == 0 {
		return SharePlan{}, false
	}
	p := SharePlan{Equipment: e, Unit: u, Bar: t.f[0], Heaviest: t.f[len(t.f)-1], Lifters: make([]ShareLifter, n)}
	ps := &gu.plates
	layers := make([][]shareStack, n)
	for i, x := range loads {
		r, ok := g.Round(e, u, x)
		if !ok {
			return SharePlan{}, false
		}
		s, ok := ps.sideQuanta(int64(math.Round(r*100)), t.h[0])
		if !ok {
			return SharePlan{}, false
		}
		p.Lifters[i] = ShareLifter{Asked: x, Load: r}
		layers[i] = ps.loadings(s, shareMaxLoadings)
	}

	best := shareRoute{moves: math.MaxInt}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	p.Worst = -1
	for {
		r := shareSolve(layers, order)
		p.Orders++
		switch {
		case r.moves < best.moves:
			best, p.Best = r, 1
			best.order = slices.Clone(order)
		case r.moves == best.moves:
			p.Best++
			if p.lighterFirst(order, best.order) {
				r.order = slices.Clone(order)
				best = r
			}
		}
		p.Worst = max(p.Worst, r.moves)
		if !nextPermutation(order) {
			break
		}
	}

	p.Moves = best.moves
	var prev []float64
	var prevStack shareStack
	for k, li := range best.order {
		st := layers[li][best.pick[k]]
		c := commonPrefix(prevStack, st)
		side := ps.plates(st)
		off := slices.Clone(prev[c:])
		slices.Reverse(off)
		p.Steps = append(p.Steps, ShareStep{Lifter: li, Off: off, On: slices.Clone(side[c:]), Side: side})
		prev, prevStack = side, st
	}
	return p, true
}

// lighterFirst reports whether order a lifts lighter loads earlier than
// order b: the first lifter whose load differs is lighter in a.
func (p *SharePlan) lighterFirst(a, b []int) bool {
	for k := range a {
		x, y := p.Lifters[a[k]].Load, p.Lifters[b[k]].Load
		if x != y {
			return x < y
		}
	}
	return false
}

// shareStack is one side's loading: denomination indices of the plate
// set, inside first, non-decreasing (heaviest inside). As a string it is
// a trie key.
type shareStack string

// shareMoves is the plate moves from a to b on one side.
func shareMoves(a, b shareStack) int {
	return len(a) + len(b) - 2*commonPrefix(a, b)
}

func commonPrefix(a, b shareStack) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// plates lists a loading's plates, inside first.
func (ps *plateSet) plates(st shareStack) []float64 {
	out := make([]float64, len(st))
	for i := range len(st) {
		out[i] = float64(ps.denoms[st[i]]*ps.q) / 100
	}
	return out
}

// loadings lists every loading of s quanta per side the inventory makes,
// heaviest inside, fewest plates first and, among as many, heavier plates
// first (the first is the one PlatesFor picks); at most limit of them.
func (ps *plateSet) loadings(s int64, limit int) []shareStack {
	if s < 0 || s > ps.total || ps.fewest[s] == plateNone {
		return nil
	}
	stride := ps.total + 1
	m := len(ps.denoms)
	var out []shareStack
	buf := make([]byte, 0, gymMaxPlates)
	// Exactly k plates from denoms[j:], summing to r.
	var walk func(j int, r int64, k int)
	walk = func(j int, r int64, k int) {
		if len(out) >= limit {
			return
		}
		if r == 0 && k == 0 {
			out = append(out, shareStack(buf))
			return
		}
		if j == m || k == 0 || r <= 0 {
			return
		}
		// Not even the fewest plates of denoms[j:] fit in k: prune.
		if f := ps.fewest[int64(j)*stride+r]; f == plateNone || int(f) > k {
			return
		}
		d := ps.denoms[j]
		for c := min(ps.counts[j], int(r/d), k); c >= 0; c-- {
			for range c {
				buf = append(buf, byte(j))
			}
			walk(j+1, r-int64(c)*d, k-c)
			buf = buf[:len(buf)-c]
		}
	}
	plates := 0
	for _, c := range ps.counts {
		plates += c
	}
	for k := int(ps.fewest[s]); k <= plates && len(out) < limit; k++ {
		walk(0, s, k)
	}
	return out
}

// shareRoute is the best way through the layers in one order: the
// moves, and which loading of each layer (pick[k] indexes the layer of
// order[k]).
type shareRoute struct {
	moves int
	order []int
	pick  []int
}

// shareSolve is the fewest moves through layers in order, from the empty
// bar, by dynamic programming over the layers with a trie of prefixes.
func shareSolve(layers [][]shareStack, order []int) shareRoute {
	n := len(order)
	// from[k][b] is the loading of layer k-1 that loading b of layer k is
	// best reached from.
	from := make([][]int, n)
	first := layers[order[0]]
	cost := make([]int, len(first))
	for b, st := range first {
		cost[b] = len(st)
	}
	for k := 1; k < n; k++ {
		prevLayer, layer := layers[order[k-1]], layers[order[k]]
		// best[P]: the least cost(A)+len(A) over loadings A that start
		// with prefix P, and which A.
		type node struct{ v, a int }
		trie := make(map[shareStack]node, len(prevLayer)*4)
		for a, st := range prevLayer {
			v := cost[a] + len(st)
			for l := 0; l <= len(st); l++ {
				if nd, ok := trie[st[:l]]; !ok || v < nd.v {
					trie[st[:l]] = node{v, a}
				}
			}
		}
		next := make([]int, len(layer))
		from[k] = make([]int, len(layer))
		for b, st := range layer {
			bestV, bestA := math.MaxInt, -1
			for l := len(st); l >= 0; l-- {
				nd, ok := trie[st[:l]]
				if !ok {
					continue
				}
				if v := nd.v - 2*l; v < bestV {
					bestV, bestA = v, nd.a
				}
			}
			next[b] = len(st) + bestV
			from[k][b] = bestA
		}
		cost = next
	}
	r := shareRoute{moves: math.MaxInt, pick: make([]int, n)}
	last := -1
	for b, v := range cost {
		if v < r.moves {
			r.moves, last = v, b
		}
	}
	for k := n - 1; k >= 0; k-- {
		r.pick[k] = last
		if k > 0 {
			last = from[k][last]
		}
	}
	return r
}

// nextPermutation advances p to the next permutation in lexicographic
// order, false after the last.
func nextPermutation(p []int) bool {
	i := len(p) - 2
	for i >= 0 && p[i] >= p[i+1] {
		i--
	}
	if i < 0 {
		return false
	}
	j := len(p) - 1
	for p[j] <= p[i] {
		j--
	}
	p[i], p[j] = p[j], p[i]
	slices.Reverse(p[i+1:])
	return true
}
