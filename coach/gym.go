package coach

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Stack is a machine or cable weight stack: loads Min, Min+Step, ..., up
// to the heaviest that does not pass Max. The zero Stack means the gym has
// no such equipment.
type Stack struct{ Min, Max, Step float64 }

// Rack is one unit's equipment; every number is in that unit and must be a
// multiple of 0.01. A Rack is a plain value: NewGym copies what it keeps.
//
// Every plated Equipment has its own bar or sled weight here (see Start):
// the barbell must have one; the Smith bar may be 0 (a fully
// counterbalanced machine); for the others 0 means the gym has none, and
// planners then say "This gym has no trap bar loads". All of them load
// the same plate inventory.
type Rack struct {
	Bar      float64 // the barbell
	SmithBar float64 // the Smith machine's bar as counted load (0 for a fully counterbalanced one)
	EZBar    float64 // the EZ curl bar
	TrapBar  float64 // the trap (hex) bar
	// SafetySquatBar is the safety squat bar.
	SafetySquatBar float64
	WomensBar      float64 // the women's bar
	LegPressSled   float64 // the leg press sled, empty
	HackSquatSled  float64 // the hack squat sled, empty
	// PlateLoadedSled is what an empty plate-loaded press or row machine
	// counts as.
	PlateLoadedSled float64
	// Plates is the plate inventory PER SIDE, one entry per plate (one
	// per pair the gym owns), e.g. [25 25 25 25 20 20 15 15 10 10 5 5 2.5
	// 2.5 1.25 1.25]. Every plated load is made from it, and no load
	// needs more plates than it holds.
	Plates []float64
	// Dumbbells lists every dumbbell weight on the rack (the load of ONE
	// dumbbell).
	Dumbbells []float64
	Machine   Stack
	Cable     Stack

	// unset marks the start weights a stored rack did not carry (it was
	// saved before they existed): NewGym gives them the unit's defaults.
	unset uint32
}

// start is the field of e's bar or sled weight, nil for equipment that
// takes no plates.
func (r *Rack) start(e Equipment) *float64 {
	switch e {
	case Barbell:
		return &r.Bar
	case Smith:
		return &r.SmithBar
	case EZBar:
		return &r.EZBar
	case TrapBar:
		return &r.TrapBar
	case SafetySquatBar:
		return &r.SafetySquatBar
	case WomensBar:
		return &r.WomensBar
	case LegPressSled:
		return &r.LegPressSled
	case HackSquatSled:
		return &r.HackSquatSled
	case PlateLoaded:
		return &r.PlateLoadedSled
	}
	return nil
}

// Start is the weight of e's empty bar or sled, 0 for equipment without
// plates (or absent from the gym).
func (r Rack) Start(e Equipment) float64 {
	if p := r.start(e); p != nil {
		return *p
	}
	return 0
}

// SetStart sets the weight of e's empty bar or sled; it reports false,
// changing nothing, for equipment that takes no plates.
func (r *Rack) SetStart(e Equipment, w float64) bool {
	p := r.start(e)
	if p == nil {
		return false
	}
	*p = w
	r.unset &^= 1 << e
	return true
}

// UnmarshalJSON reads a rack as encoding/json writes it. A bar or sled
// weight missing from the data (a rack stored before that equipment
// existed) takes the unit's default in NewGym rather than reading as 0,
// "not in this gym".
func (r *Rack) UnmarshalJSON(data []byte) error {
	type plain Rack
	var v struct {
		plain
		// Pointers tell a missing weight from a 0.
		EZBar, TrapBar, SafetySquatBar, WomensBar, LegPressSled, HackSquatSled, PlateLoadedSled *float64
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*r = Rack(v.plain)
	r.unset = 0
	for e, w := range map[Equipment]*float64{EZBar: v.EZBar, TrapBar: v.TrapBar, SafetySquatBar: v.SafetySquatBar,
		WomensBar: v.WomensBar, LegPressSled: v.LegPressSled, HackSquatSled: v.HackSquatSled, PlateLoaded: v.PlateLoadedSled} {
		if w == nil {
			r.unset |= 1 << e
		} else {
			*r.start(e) = *w
		}
	}
	return nil
}

// MaxPlatesPerSide is the most plates a rack may list per side (the most
// pairs a gym may own).
const MaxPlatesPerSide = gymMaxPlates

// Limits NewGym enforces so that a hostile configuration cannot make the
// precomputed tables (or PlanStrip's search) explode.
const (
	gymMaxValue       = 10000  // any single figure, in the rack's unit
	gymMaxPlates      = 48     // plates per side
	gymMaxSideTotal   = 1000   // sum of the plates per side
	gymMaxDumbbells   = 1000   // dumbbell entries
	gymMaxStackLoads  = 100000 // loads on one stack
	gymHundredthSlack = 1e-6   // float noise tolerated when reading a figure as hundredths
)

// Gym is a gym's equipment in kilograms and in pounds, with every
// achievable load precomputed. A Gym is immutable after NewGym and safe for
// concurrent use; its methods treat any Unit other than LB as KG, and an
// unknown Equipment as one with no loads.
type Gym struct {
	units [2]gymUnit // [KG], [LB]
}

// gymUnit is one unit's normalized rack and tables.
type gymUnit struct {
	rack   Rack
	loads  [equipmentCount]gymLoads // indexed by Equipment
	plates plateSet
}

// gymLoads is the ascending list of achievable loads of one equipment, in
// hundredths (for searching) and as loads (for returning without
// allocating).
type gymLoads struct {
	h []int64
	f []float64
}

// DefaultKGRack is a typical commercial gym in kilograms: a 20 kg bar, a
// 15 kg Smith bar, per side 25x4, 20x2, 15x2, 10x2, 5x2, 2.5x2, 1.25x2,
// dumbbells 2, 4, 5, 6, 8 then 10 to 50 by 2.5, a machine stack 5-150 by 5
// and a cable stack 2.5-100 by 2.5.
//
// The other bars and sleds are typical figures, not standards (a gym sets
// its own, and 0 means it has none): an EZ bar 10 kg (Olympic EZ bars
// weigh about 7-12 kg), a trap bar 25 kg (commercial hex bars are about
// 20-30 kg), a safety squat bar 30 kg (they are about 25-32 kg), the
// women's bar 15 kg (the weightlifting standard), a 45-degree leg press
// sled 50 kg and a hack squat sled 40 kg (sleds vary widely between
// makers; the lifter counts the empty sled as part of the load), and a
// plate-loaded press or row 10 kg for its empty arms.
func DefaultKGRack() Rack {
	db := []float64{2, 4, 5, 6, 8}
	for w := 10.0; w <= 50; w += 2.5 {
		db = append(db, w)
	}
	return Rack{
		Bar:             20,
		SmithBar:        15,
		EZBar:           10,
		TrapBar:         25,
		SafetySquatBar:  30,
		WomensBar:       15,
		LegPressSled:    50,
		HackSquatSled:   40,
		PlateLoadedSled: 10,
		Plates:          []float64{25, 25, 25, 25, 20, 20, 15, 15, 10, 10, 5, 5, 2.5, 2.5, 1.25, 1.25},
		Dumbbells:       db,
		Machine:         Stack{Min: 5, Max: 150, Step: 5},
		Cable:           Stack{Min: 2.5, Max: 100, Step: 2.5},
	}
}

// DefaultLBRack is a typical commercial gym in pounds: a 45 lb bar, a
// 25 lb Smith bar (a common figure for a counterbalanced Smith machine),
// per side 45x4, 35x2, 25x2, 10x2, 5x2, 2.5x2, dumbbells 5 to 120 by 5, a
// machine stack 10-300 by 10 and a cable stack 5-200 by 5.
//
// The other bars and sleds are the kilogram figures in the round numbers
// American gyms quote (a gym sets its own): an EZ bar 25 lb, a trap bar
// 55 lb, a safety squat bar 65 lb, a women's bar 35 lb (15 kg is 33 lb;
// bars sold in pounds are rated 35 lb, and 35 keeps every load on the
// 5 lb steps the plates make), a leg press sled 110 lb, a hack squat sled
// 90 lb and a plate-loaded machine 20 lb.
func DefaultLBRack() Rack {
	var db []float64
	for w := 5.0; w <= 120; w += 5 {
		db = append(db, w)
	}
	return Rack{
		Bar:             45,
		SmithBar:        25,
		EZBar:           25,
		TrapBar:         55,
		SafetySquatBar:  65,
		WomensBar:       35,
		LegPressSled:    110,
		HackSquatSled:   90,
		PlateLoadedSled: 20,
		Plates:          []float64{45, 45, 45, 45, 35, 35, 25, 25, 10, 10, 5, 5, 2.5, 2.5},
		Dumbbells:       db,
		Machine:         Stack{Min: 10, Max: 300, Step: 10},
		Cable:           Stack{Min: 5, Max: 200, Step: 5},
	}
}

var defaultGym = sync.OnceValue(func() *Gym {
	g, err := NewGym(DefaultKGRack(), DefaultLBRack())
	if err != nil {
		panic("coach: default gym: " + err.Error())
	}
	return g
})

// DefaultGym is the Gym of DefaultKGRack and DefaultLBRack, built once and
// shared.
func DefaultGym() *Gym { return defaultGym() }

// NewGym validates both racks and precomputes every achievable load of
// every equipment in both units. Lists may come in any order. The error
// names the faulty field, e.g. "equipment.kg.plates: plate -5 must be
// positive".
func NewGym(kg, lb Rack) (*Gym, error) {
	g := new(Gym)
	for i, r := range [2]Rack{kg, lb} {
		u := Unit(i)
		if err := g.units[i].build(u, r); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// gymHundredths reads a figure as a whole number of hundredths.
func gymHundredths(v float64) (int64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > gymMaxValue {
		return 0, false
	}
	r := math.Round(v * 100)
	if math.Abs(v*100-r) > gymHundredthSlack {
		return 0, false
	}
	return int64(r), true
}

// gymFigure checks one figure of field: finite, in range, a multiple of
// 0.01, positive (or not negative when zeroOK).
func gymFigure(u Unit, field, what string, v float64, zeroOK bool) (int64, error) {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("equipment.%s.%s: %s %v must be a number", u, field, what, v)
	case v < 0 || (v == 0 && !zeroOK):
		if zeroOK {
			return 0, fmt.Errorf("equipment.%s.%s: %s %v must not be negative", u, field, what, v)
		}
		return 0, fmt.Errorf("equipment.%s.%s: %s %v must be positive", u, field, what, v)
	case v > gymMaxValue:
		return 0, fmt.Errorf("equipment.%s.%s: %s %v must be at most %d", u, field, what, v, gymMaxValue)
	}
	h, ok := gymHundredths(v)
	if !ok {
		return 0, fmt.Errorf("equipment.%s.%s: %s %v must be a multiple of 0.01", u, field, what, v)
	}
	return h, nil
}

func (gu *gymUnit) build(u Unit, r Rack) error {
	// Bars and sleds: the barbell must have a weight; 0 is a fully
	// counterbalanced Smith machine, and for the rest no such equipment.
	var def Rack
	if r.unset != 0 {
		def = DefaultKGRack()
		if u == LB {
			def = DefaultLBRack()
		}
	}
	var startH [equipmentCount]int64
	var starts [equipmentCount]float64
	for _, e := range AllEquipment() {
		if !e.Plated() {
			continue
		}
		w := r.Start(e)
		if r.unset&(1<<e) != 0 {
			w = def.Start(e)
		}
		what := e.String()
		if e == Smith {
			what = "Smith bar"
		} else if e == Barbell {
			what = "bar"
		}
		h, err := gymFigure(u, e.RackKey(), what, w, e != Barbell)
		if err != nil {
			return err
		}
		startH[e], starts[e] = h, float64(h)/100
	}

	if len(r.Plates) > gymMaxPlates {
		return fmt.Errorf("equipment.%s.plates: %d plates per side, at most %d", u, len(r.Plates), gymMaxPlates)
	}
	plates := slices.Clone(r.Plates)
	slices.SortFunc(plates, func(a, b float64) int { return cmp.Compare(b, a) })
	platesH := make([]int64, len(plates))
	var sideH int64
	var err error
	for i, p := range plates {
		if platesH[i], err = gymFigure(u, "plates", "plate", p, false); err != nil {
			return err
		}
		sideH += platesH[i]
	}
	if sideH > gymMaxSideTotal*100 {
		return fmt.Errorf("equipment.%s.plates: %v per side in all, at most %d", u, float64(sideH)/100, gymMaxSideTotal)
	}

	if len(r.Dumbbells) > gymMaxDumbbells {
		return fmt.Errorf("equipment.%s.dumbbells: %d dumbbells, at most %d", u, len(r.Dumbbells), gymMaxDumbbells)
	}
	dbs := slices.Clone(r.Dumbbells)
	slices.Sort(dbs)
	dbH := make([]int64, 0, len(dbs))
	for _, d := range dbs {
		h, err := gymFigure(u, "dumbbells", "dumbbell", d, false)
		if err != nil {
			return err
		}
		if n := len(dbH); n == 0 || dbH[n-1] != h {
			dbH = append(dbH, h)
		}
	}
	dbs = dbs[:0]
	for _, h := range dbH {
		dbs = append(dbs, float64(h)/100)
	}

	machine, err := gymStack(u, "machine", r.Machine)
	if err != nil {
		return err
	}
	cable, err := gymStack(u, "cable", r.Cable)
	if err != nil {
		return err
	}

	gu.plates = newPlateSet(platesH)
	gu.rack = Rack{
		Plates:    plates,
		Dumbbells: slices.Clip(dbs),
		Machine:   r.Machine,
		Cable:     r.Cable,
	}
	for _, e := range AllEquipment() {
		if !e.Plated() {
			continue
		}
		gu.rack.SetStart(e, starts[e])
		if e == Barbell || e == Smith || startH[e] > 0 {
			gu.loads[e] = gu.plates.barLoads(startH[e])
		}
	}
	gu.loads[Dumbbell] = gymLoadsOf(dbH)
	gu.loads[Machine] = machine
	gu.loads[Cable] = cable
	return nil
}

// gymStack validates a stack and lists its loads.
func gymStack(u Unit, field string, s Stack) (gymLoads, error) {
	if s == (Stack{}) {
		return gymLoads{}, nil
	}
	minH, err := gymFigure(u, field, "min", s.Min, true)
	if err != nil {
		return gymLoads{}, err
	}
	maxH, err := gymFigure(u, field, "max", s.Max, true)
	if err != nil {
		return gymLoads{}, err
	}
	stepH, err := gymFigure(u, field, "step", s.Step, false)
	if err != nil {
		return gymLoads{}, err
	}
	if minH > maxH {
		return gymLoads{}, fmt.Errorf("equipment.%s.%s: min %v must not exceed max %v", u, field, s.Min, s.Max)
	}
	n := (maxH-minH)/stepH + 1
	if n > gymMaxStackLoads {
		return gymLoads{}, fmt.Errorf("equipment.%s.%s: %d loads, at most %d", u, field, n, gymMaxStackLoads)
	}
	h := make([]int64, n)
	for i := range h {
		h[i] = minH + int64(i)*stepH
	}
	return gymLoadsOf(h), nil
}

// gymLoadsOf pairs ascending hundredths with their loads.
func gymLoadsOf(h []int64) gymLoads {
	if len(h) == 0 {
		return gymLoads{}
	}
	f := make([]float64, len(h))
	for i, v := range h {
		f[i] = float64(v) / 100
	}
	return gymLoads{h: h, f: f}
}

func (g *Gym) unit(u Unit) *gymUnit {
	if u == LB {
		return &g.units[1]
	}
	return &g.units[0]
}

// gymNoLoads is the table of an unknown Equipment.
var gymNoLoads gymLoads

func (g *Gym) table(e Equipment, u Unit) *gymLoads {
	if !e.valid() {
		return &gymNoLoads
	}
	return &g.unit(u).loads[e]
}

// Rack returns a copy of the unit's rack as NewGym normalized it: plates
// heaviest first, dumbbells ascending without duplicates.
func (g *Gym) Rack(u Unit) Rack {
	r := g.unit(u).rack
	r.Plates = slices.Clone(r.Plates)
	r.Dumbbells = slices.Clone(r.Dumbbells)
	return r
}

// Loads returns the achievable loads of e in u, ascending. The slice is
// shared by every caller and goroutine: callers must not modify it.
func (g *Gym) Loads(e Equipment, u Unit) []float64 {
	f := g.table(e, u).f
	return f[:len(f):len(f)]
}

// gymSearch is the index of the first hundredths value >= x.
func gymSearch(h []int64, x int64) int {
	lo, hi := 0, len(h)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if h[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Round returns the achievable load of e in u nearest to target, compared
// to the hundredth; a tie goes to the lighter load, and a target outside
// the range gets the nearer end. ok is false only when e has no loads or
// target is NaN or infinite.
func (g *Gym) Round(e Equipment, u Unit, target float64) (float64, bool) {
	t := g.table(e, u)
	n := len(t.h)
	if n == 0 || math.IsNaN(target) || math.IsInf(target, 0) {
		return 0, false
	}
	if target <= t.f[0] {
		return t.f[0], true
	}
	if target >= t.f[n-1] {
		return t.f[n-1], true
	}
	x := int64(math.Round(target * 100))
	i := gymSearch(t.h, x)
	if t.h[i] == x || i == 0 {
		return t.f[i], true
	}
	if x-t.h[i-1] <= t.h[i]-x {
		return t.f[i-1], true
	}
	return t.f[i], true
}

// Below returns the heaviest achievable load of e in u strictly lighter
// than load, compared to the hundredth so that float noise in load does not
// matter. ok is false when there is none or load is NaN.
func (g *Gym) Below(e Equipment, u Unit, load float64) (float64, bool) {
	t := g.table(e, u)
	n := len(t.h)
	if n == 0 || math.IsNaN(load) {
		return 0, false
	}
	if load > t.f[n-1]+1 {
		return t.f[n-1], true
	}
	if load < t.f[0] {
		return 0, false
	}
	i := gymSearch(t.h, int64(math.Round(load*100)))
	if i == 0 {
		return 0, false
	}
	return t.f[i-1], true
}

// Min is the lightest achievable load of e in u, 0 if it has none.
func (g *Gym) Min(e Equipment, u Unit) float64 {
	if f := g.table(e, u).f; len(f) > 0 {
		return f[0]
	}
	return 0
}

// Max is the heaviest achievable load of e in u, 0 if it has none.
func (g *Gym) Max(e Equipment, u Unit) float64 {
	if f := g.table(e, u).f; len(f) > 0 {
		return f[len(f)-1]
	}
	return 0
}
