package coach

import "math"

// StripSet is a barbell drop ladder in which every drop only takes plates
// off: the plates that stay longest are loaded first, so each drop strips
// the outermost ones. It is a plain value owned by the caller.
type StripSet struct {
	Loads []float64 // total load at each step, strictly decreasing
	// PerSide lists the plates on each side at each step in loading order,
	// inside first and outermost last. PerSide[i] is PerSide[i-1] with
	// Off[i] removed from its end.
	PerSide [][]float64
	// Off lists the plates taken off EACH side going into step i, in the
	// order they sat on the bar (inside first, which is also heaviest
	// first). Off[0] is nil; Off[i] shares memory with the end of
	// PerSide[i-1].
	Off     [][]float64
	MaxMiss float64 // the largest |Loads[i]-targets[i]|, targets taken to the hundredth
}

// Limits that keep PlanStrip bounded whatever it is given.
const (
	stripMaxSteps  = 12      // targets per ladder
	stripMaxTarget = 1e6     // |target| beyond this cannot be a real load
	stripBudget    = 1 << 19 // search nodes per call (a few milliseconds)
)

// How far a strip set may stray from its targets. A step may miss its
// target by stripSharePct % of the target or by one smallest plate per
// side (2*SmallestPlate of total load), whichever is larger. 5 % because
// the start load is the one that brings failure at 8-12 reps (000), a
// window about 5 % of load either side of its middle (Epley), so a step
// that far off still lands the lifter in a rep window as wide as the one
// the article gives (about 8 reps after a drop becomes about 6-10); the
// one example drop in 001 (100 lb to 80, 20 % where 000 says about 15 %)
// is itself about 6 % off a 15 % target.
//
// Every drop, measured from the load actually planned at the step before,
// must take off stripDropLoPct-stripDropHiPct % of it (COACHING.md 1: a
// drop under 10 % or over 25 % is outside what the articles describe).
// Targets that ask for a drop outside that band (a preset of 30 %) keep
// it within a quarter of what they ask (22.5-37.5 %), as the drop-set and
// ladder planners do when they reload.
const (
	stripSharePct  = 5
	stripDropLoPct = 10
	stripDropHiPct = 25
)

// stripDropBand is the band, in percent of the load before it, that a
// drop from a target of a to one of b must keep: 10-25 % when a to b asks
// for a drop inside it, else within a quarter of the drop asked (at least
// 0.5 %, at most 95 %).
func stripDropBand(a, b float64) (lo, hi float64) {
	p := 100 * (1 - b/a)
	if !(a > 0) || p >= stripDropLoPct-1e-9 && p <= stripDropHiPct+1e-9 {
		return stripDropLoPct, stripDropHiPct
	}
	return max(p*0.75, 0.5), min(p*1.25, 95)
}

// PlanStrip finds plate orders for a strip set on e (a barbell or Smith
// machine) in u: targets are the wanted loads, strictly decreasing, and
// targets[0] is the start load. Every step must land within 5 % of its
// target or within one smallest plate per side of it (2*SmallestPlate(u)
// of total load), whichever is larger. Every drop must take off 10-25 %
// of the load planned at the step before; where two targets ask for a
// drop p outside that band, that drop must take off 0.75p-1.25p instead
// (at least 0.5 %, at most 95 %).
//
// The plan starts at Round(e, u, targets[0]) whenever some valid order
// starts there, then has the smallest total miss over all steps, then the
// fewest plates, then the fewest plates removed over all drops. Each drop
// removes at least one plate per side, only the outermost ones, and plates
// come from the per-side inventory without reuse.
//
// ok is false when e is not plated, targets are empty, too many (over 12),
// not finite or not strictly decreasing (to the hundredth), or no order
// keeps every step and every drop within those bounds: the caller should
// then show a reload instead. The search is exact and its work is capped;
// a pathological inventory that exhausts the cap also gives ok=false.
// PlanStrip is safe for concurrent use.
func (g *Gym) PlanStrip(e Equipment, u Unit, targets []float64) (StripSet, bool) {
	set, ok, _ := g.planStrip(e, u, targets)
	return set, ok
}

// planStrip is PlanStrip; exhausted also reports a search stopped by its
// budget (tests check that real gyms never get there).
func (g *Gym) planStrip(e Equipment, u Unit, targets []float64) (set StripSet, ok, exhausted bool) {
	n := len(targets)
	if !e.Plated() || n == 0 || n > stripMaxSteps {
		return StripSet{}, false, false
	}
	gu := g.unit(u)
	t := &gu.loads[e]
	if len(t.h) == 0 {
		return StripSet{}, false, false
	}
	ps := &gu.plates
	s := &stripSearch{
		ps:     ps,
		n:      n,
		barH:   t.h[0],
		q:      ps.q,
		budget: stripBudget,
	}
	m := len(ps.denoms)

	// One backing array for the per-call integer state.
	ints := make([]int64, 7*n+2+(n+1)*(m+1))
	s.target, s.lo, s.hi = ints[:n], ints[n:2*n], ints[2*n:3*n]
	s.ratioHi, s.ratioLo = ints[3*n:4*n], ints[4*n:5*n]
	s.wlo, s.whi = ints[5*n:6*n+1], ints[6*n+1:7*n+2]
	caps := ints[7*n+2:]
	s.caps = make([][]int64, n+1)
	for i := range s.caps {
		s.caps[i] = caps[i*(m+1) : (i+1)*(m+1)]
	}
	for i, x := range targets {
		if math.IsNaN(x) || math.Abs(x) > stripMaxTarget {
			return StripSet{}, false, false
		}
		s.target[i] = int64(math.Round(x * 100))
		if i > 0 && s.target[i] >= s.target[i-1] {
			return StripSet{}, false, false
		}
		// Per-side window in quanta: |bar + 2*side - target| <= tol.
		tolH := stripTolH(s.target[i], ps.smallH)
		lo := stripCeilDiv(stripCeilDiv(s.target[i]-tolH-s.barH, 2), s.q)
		hi := stripFloorDiv(stripFloorDiv(s.target[i]+tolH-s.barH, 2), s.q)
		s.lo[i], s.hi[i] = max(lo, 0), min(hi, ps.total)
		if s.lo[i] > s.hi[i] {
			return StripSet{}, false, false
		}
		if i == 0 {
			continue
		}
		// The drop band as bounds on load[i]/load[i-1] in millionths:
		// at most 1-lo %, at least 1-hi %.
		dlo, dhi := stripDropBand(targets[i-1], x)
		s.ratioHi[i] = int64(math.Round((100 - dlo) * 1e4))
		s.ratioLo[i] = int64(math.Round((100 - dhi) * 1e4))
	}
	r, _ := g.Round(e, u, targets[0])
	s.roundH = int64(math.Round(r * 100))

	s.used = make([]int, m)
	s.radix = make([]uint64, m)
	place := uint64(1)
	for j, c := range ps.counts {
		s.radix[j] = place
		place *= uint64(c + 1) // at most 2^gymMaxPlates in all
	}
	s.best = make([]stripMemo, n+1)
	s.baseCount = make([]int, n+1)
	s.memo = make(map[uint64]stripMemo, 64)

	top := s.solve(n, 0, 0, 0)
	if s.budget < 0 {
		return StripSet{}, false, true
	}
	if !top.ok {
		return StripSet{}, false, false
	}

	// Walk the chosen sets from the lightest step up.
	codes := make([]uint64, n)
	codes[n-1] = top.next
	for i := n - 1; i > 0; i-- {
		codes[i-1] = s.memo[s.key(i, codes[i])].next
	}
	set.Loads = make([]float64, n)
	set.PerSide = make([][]float64, n)
	set.Off = make([][]float64, n)
	var prev uint64
	var side []float64
	var sideQ int64
	var maxMiss int64
	for i := n - 1; i >= 0; i-- {
		start := len(side)
		for j, d := range ps.denoms {
			k := (codes[i]/s.radix[j])%uint64(ps.counts[j]+1) - (prev/s.radix[j])%uint64(ps.counts[j]+1)
			p := float64(d*ps.q) / 100
			for range k {
				side = append(side, p)
			}
			sideQ += int64(k) * d
		}
		prev = codes[i]
		side = side[:len(side):len(side)] // later steps append to a new array
		set.PerSide[i] = side
		if i < n-1 {
			set.Off[i+1] = side[start:]
		}
		loadH := s.barH + 2*sideQ*s.q
		set.Loads[i] = float64(loadH) / 100
		maxMiss = max(maxMiss, stripAbs(loadH-s.target[i]))
	}
	set.MaxMiss = float64(maxMiss) / 100
	return set, true, false
}

// stripTolH is how far a step may miss a target (both in hundredths):
// stripSharePct % of it or one plate of smallH per side, whichever is
// larger.
func stripTolH(targetH, smallH int64) int64 {
	return max(2*smallH, targetH*stripSharePct/100)
}

// stripCost ranks plans, compared in field order, lower first.
type stripCost struct {
	notRound int64 // 1 when the first load is not Round(targets[0])
	miss     int64 // sum of |load - target| in hundredths
	plates   int64 // plates per side at the first step
	removed  int64 // plates per side taken off over all drops
}

func (a stripCost) less(b stripCost) bool {
	switch {
	case a.notRound != b.notRound:
		return a.notRound < b.notRound
	case a.miss != b.miss:
		return a.miss < b.miss
	case a.plates != b.plates:
		return a.plates < b.plates
	}
	return a.removed < b.removed
}

// stripMemo is the best way to finish the ladder from a state: its cost
// and the plate set (as a code) of the next heavier step.
type stripMemo struct {
	cost stripCost
	next uint64
	ok   bool
}

// stripSearch is one PlanStrip call's exact search, a memoized
// depth-first search from the lightest step up. A state is the multiset
// of plates on each side at step i, coded in mixed radix (digit j is the
// count of denomination j); from it the search adds a non-empty group of
// plates that brings the side into step i-1's window, enumerating
// sub-multisets heaviest denomination first and pruning by that window.
// The window is the step's tolerance cut by the drop band from step i's
// load, which the state fixes, so the memo stays exact. Level n is the
// empty bar before the last step, whose group (the base) may be empty.
type stripSearch struct {
	ps      *plateSet
	n       int
	barH, q int64
	roundH  int64   // Round(targets[0]) in hundredths
	target  []int64 // targets in hundredths
	lo, hi  []int64 // per-side window of each step, in quanta
	// ratioHi[i] and ratioLo[i] bound load[i]/load[i-1] from above and
	// below, in millionths (the drop band).
	ratioHi, ratioLo []int64
	// wlo[i], whi[i]: the per-side window of step i-1 while solve(i) runs,
	// the step's own window cut by the drop band from step i's load.
	wlo, whi  []int64
	radix     []uint64
	used      []int     // plates of each denomination in the current partial set
	caps      [][]int64 // caps[i][j]: quanta still free in denoms[j:] at level i
	best      []stripMemo
	baseCount []int
	memo      map[uint64]stripMemo
	budget    int
}

func (s *stripSearch) key(i int, code uint64) uint64 {
	return code*(stripMaxSteps+1) + uint64(i)
}

// solve returns the best way to complete steps i-1..0 given the plates of
// step i (code, sum in quanta, count per side); s.used holds them.
func (s *stripSearch) solve(i int, code uint64, sum int64, count int) stripMemo {
	if i == 0 {
		var c stripCost
		if s.barH+2*sum*s.q != s.roundH {
			c.notRound = 1
		}
		c.plates = int64(count)
		return stripMemo{cost: c, ok: true}
	}
	k := s.key(i, code)
	if i < s.n {
		if m, hit := s.memo[k]; hit {
			return m
		}
	}
	lo, hi := s.lo[i-1], s.hi[i-1]
	if i < s.n {
		// Drop band: ratioLo <= load[i]/load[i-1] <= ratioHi (in
		// millionths), load[i] being this state's: a window on load[i-1].
		loadH := s.barH + 2*sum*s.q
		minH := stripCeilDiv(loadH*1e6, s.ratioHi[i])
		maxH := stripFloorDiv(loadH*1e6, s.ratioLo[i])
		lo = max(lo, stripCeilDiv(stripCeilDiv(minH-s.barH, 2), s.q))
		hi = min(hi, stripFloorDiv(stripFloorDiv(maxH-s.barH, 2), s.q))
	}
	s.wlo[i], s.whi[i] = lo, hi
	s.best[i] = stripMemo{}
	if lo > hi {
		if i < s.n {
			s.memo[k] = s.best[i]
		}
		return s.best[i]
	}
	caps := s.caps[i]
	m := len(s.ps.denoms)
	caps[m] = 0
	for j := m - 1; j >= 0; j-- {
		caps[j] = caps[j+1] + int64(s.ps.counts[j]-s.used[j])*s.ps.denoms[j]
	}
	s.baseCount[i] = count
	s.enum(i, 0, code, sum, count)
	b := s.best[i]
	if i < s.n && s.budget >= 0 {
		s.memo[k] = b
	}
	return b
}

// enum chooses how many of denoms[j] (and lighter) to add at level i.
func (s *stripSearch) enum(i, j int, code uint64, sum int64, count int) {
	if s.budget--; s.budget < 0 {
		return
	}
	lo, hi := s.wlo[i], s.whi[i]
	if j == len(s.ps.denoms) {
		group := count - s.baseCount[i]
		if sum < lo || (group == 0 && i < s.n) {
			return
		}
		sub := s.solve(i-1, code, sum, count)
		if !sub.ok {
			return
		}
		c := sub.cost
		c.miss += stripAbs(s.barH + 2*sum*s.q - s.target[i-1])
		if i < s.n {
			c.removed += int64(group)
		}
		if b := &s.best[i]; !b.ok || c.less(b.cost) {
			*b = stripMemo{cost: c, next: code, ok: true}
		}
		return
	}
	d := s.ps.denoms[j]
	free := s.ps.counts[j] - s.used[j]
	kmax := int64(free)
	if room := hi - sum; room < 0 {
		return
	} else if room/d < kmax {
		kmax = room / d
	}
	for k := kmax; k >= 0; k-- {
		ns := sum + k*d
		if ns+s.caps[i][j+1] < lo {
			break // fewer of this plate only falls further short
		}
		s.used[j] += int(k)
		s.enum(i, j+1, code+uint64(k)*s.radix[j], ns, count+int(k))
		s.used[j] -= int(k)
	}
}

func stripAbs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func stripFloorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func stripCeilDiv(a, b int64) int64 {
	return -stripFloorDiv(-a, b)
}
