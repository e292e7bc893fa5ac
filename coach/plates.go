package coach

import "math"

// plateSet is a per-side plate inventory prepared for exact plate math. Sums
// are counted in quanta of q hundredths, q being the greatest common divisor
// of the plates, which keeps the tables small (the default kg inventory
// needs 167 columns, the lb one 135). It is immutable once built.
type plateSet struct {
	q      int64   // hundredths per quantum
	denoms []int64 // distinct plates in quanta, heaviest first
	counts []int   // plates of each denomination per side
	total  int64   // the whole inventory per side, in quanta
	smallH int64   // the smallest plate in hundredths, 0 when there are none
	// fewest[j*(total+1)+s] is the fewest plates from denoms[j:] that sum to
	// exactly s quanta, or plateNone. Row len(denoms) is the empty
	// inventory.
	fewest []uint8
}

// plateNone marks a per-side sum the inventory cannot make. Counts fit in a
// uint8 because NewGym allows at most gymMaxPlates plates per side.
const plateNone = math.MaxUint8

func plateGCD(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// newPlateSet prepares an inventory given in hundredths, heaviest first,
// every plate positive.
func newPlateSet(platesH []int64) plateSet {
	ps := plateSet{q: 1}
	if len(platesH) > 0 {
		ps.q = 0
		for _, p := range platesH {
			ps.q = plateGCD(ps.q, p)
		}
		ps.smallH = platesH[len(platesH)-1]
	}
	for _, p := range platesH {
		d := p / ps.q
		if n := len(ps.denoms); n > 0 && ps.denoms[n-1] == d {
			ps.counts[n-1]++
		} else {
			ps.denoms = append(ps.denoms, d)
			ps.counts = append(ps.counts, 1)
		}
		ps.total += d
	}

	// Bounded knapsack for the fewest plates, one row per suffix of the
	// denominations, built from the empty inventory upward.
	m, stride := len(ps.denoms), int(ps.total+1)
	ps.fewest = make([]uint8, (m+1)*stride)
	last := ps.fewest[m*stride:]
	for s := range last {
		last[s] = plateNone
	}
	last[0] = 0
	for j := m - 1; j >= 0; j-- {
		row, next := ps.fewest[j*stride:(j+1)*stride], ps.fewest[(j+1)*stride:(j+2)*stride]
		d := int(ps.denoms[j])
		for s := range row {
			best := plateNone
			for k := 0; k <= ps.counts[j] && k*d <= s; k++ {
				if v := int(next[s-k*d]); v != plateNone && v+k < best {
					best = v + k
				}
			}
			row[s] = uint8(best)
		}
	}
	return ps
}

// barLoads lists bar + 2*(every per-side sum the inventory makes).
func (ps *plateSet) barLoads(barH int64) gymLoads {
	var h []int64
	for s, v := range ps.fewest[:ps.total+1] {
		if v != plateNone {
			h = append(h, barH+2*int64(s)*ps.q)
		}
	}
	return gymLoadsOf(h)
}

// sideQuanta converts a total load in hundredths on a bar of barH to the
// per-side sum in quanta, if the inventory can make it.
func (ps *plateSet) sideQuanta(loadH, barH int64) (int64, bool) {
	x := loadH - barH
	if x < 0 || x%2 != 0 || (x/2)%ps.q != 0 {
		return 0, false
	}
	s := x / 2 / ps.q
	if s > ps.total || ps.fewest[s] == plateNone {
		return 0, false
	}
	return s, true
}

// pick returns the fewest plates, heaviest first, that sum to s quanta
// (s must be makeable); among equally few it keeps as many of each heavier
// plate as possible.
func (ps *plateSet) pick(s int64) []float64 {
	stride := ps.total + 1
	need := int(ps.fewest[s])
	out := make([]float64, 0, need)
	for j, d := range ps.denoms {
		next := ps.fewest[int64(j+1)*stride:]
		for k := min(int64(ps.counts[j]), s/d); k >= 0; k-- {
			if v := int(next[s-k*d]); v != plateNone && v+int(k) == need {
				p := float64(d*ps.q) / 100
				for range k {
					out = append(out, p)
				}
				need -= int(k)
				s -= k * d
				break
			}
		}
	}
	return out
}

// PlatesFor returns the plates to put on EACH side, heaviest first, to
// make exactly load on plated equipment (a bar or a sled, see
// Equipment.Plated) from the unit's inventory, never more of a plate
// than the inventory holds: the fewest plates, and among equally few the heavier ones
// (for 30 per side, 25+5 before 15+15). It is exact where a greedy
// heaviest-first choice fails on a limited inventory. The bare bar gives
// an empty list. ok is false when e is not plated, the gym has none, or
// load is not achievable to the hundredth.
func (g *Gym) PlatesFor(e Equipment, u Unit, load float64) ([]float64, bool) {
	if !e.Plated() || math.IsNaN(load) || math.Abs(load) > 2*gymMaxValue+2*gymMaxSideTotal {
		return nil, false
	}
	gu := g.unit(u)
	t := &gu.loads[e]
	if len(t.h) == 0 {
		return nil, false
	}
	s, ok := gu.plates.sideQuanta(int64(math.Round(load*100)), t.h[0])
	if !ok {
		return nil, false
	}
	return gu.plates.pick(s), true
}

// SmallestPlate is the lightest plate in u's inventory, 0 if it has none.
func (g *Gym) SmallestPlate(u Unit) float64 {
	return float64(g.unit(u).plates.smallH) / 100
}
