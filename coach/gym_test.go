package coach

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestGymRound(t *testing.T) {
	g := DefaultGym()
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		e      Equipment
		u      Unit
		target float64
		want   float64
		ok     bool
	}{
		// kg barbell: 20 + 2.5k up to 20 + 2*207.5 = 435.
		{Barbell, KG, 80, 80, true},
		{Barbell, KG, 81.25, 80, true}, // tie goes lighter
		{Barbell, KG, 81.26, 82.5, true},
		{Barbell, KG, 81.24, 80, true},
		{Barbell, KG, 10, 20, true},    // below min: the bare bar
		{Barbell, KG, -5, 20, true},    // nonsense low: still the bar
		{Barbell, KG, 1000, 435, true}, // above max clamps
		{Barbell, KG, 0.1 + 0.2 + 79.7, 80, true},
		// kg Smith: 15 + 2.5k.
		{Smith, KG, 16.25, 15, true},
		{Smith, KG, 61, 60, true},
		{Smith, KG, 5, 15, true},
		// kg dumbbells: 2 4 5 6 8 10 12.5 ... 50.
		{Dumbbell, KG, 3, 2, true}, // tie
		{Dumbbell, KG, 9, 8, true}, // tie
		{Dumbbell, KG, 11.3, 12.5, true},
		{Dumbbell, KG, 11.25, 10, true}, // tie
		{Dumbbell, KG, 1, 2, true},
		{Dumbbell, KG, 60, 50, true},
		// kg stacks.
		{Machine, KG, 7.5, 5, true},
		{Machine, KG, 7.6, 10, true},
		{Machine, KG, 200, 150, true},
		{Cable, KG, 3.75, 2.5, true},
		{Cable, KG, 0, 2.5, true},
		{Cable, KG, 99, 100, true},
		// lb barbell: 45 + 5k up to 45 + 2*335 = 715.
		{Barbell, LB, 225, 225, true},
		{Barbell, LB, 47.5, 45, true}, // tie
		{Barbell, LB, 228, 230, true},
		{Barbell, LB, 227.5, 225, true}, // tie
		{Barbell, LB, 1000, 715, true},
		{Barbell, LB, 20, 45, true},
		// lb Smith: 25 + 5k.
		{Smith, LB, 30, 30, true},
		{Smith, LB, 27.5, 25, true},
		// lb dumbbells 5..120 by 5, machine 10..300 by 10, cable 5..200 by 5.
		{Dumbbell, LB, 7.5, 5, true},
		{Dumbbell, LB, 200, 120, true},
		{Dumbbell, LB, 2, 5, true},
		{Machine, LB, 15, 10, true},
		{Machine, LB, 16, 20, true},
		{Machine, LB, 301, 300, true},
		{Cable, LB, 7.5, 5, true},
		{Cable, LB, 1, 5, true},
		// Unusable targets and equipment.
		{Barbell, KG, nan, 0, false},
		{Barbell, KG, inf, 0, false},
		{Dumbbell, LB, -inf, 0, false},
		{Equipment(99), KG, 50, 0, false},
	}
	for _, tt := range tests {
		got, ok := g.Round(tt.e, tt.u, tt.target)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Round(%v, %v, %v) = %v, %v; want %v, %v", tt.e, tt.u, tt.target, got, ok, tt.want, tt.ok)
		}
	}

	// A gym without dumbbells or cables has no loads for them.
	kg := DefaultKGRack()
	kg.Dumbbells = nil
	kg.Cable = Stack{}
	g2, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Equipment{Dumbbell, Cable} {
		if got, ok := g2.Round(e, KG, 10); ok {
			t.Errorf("Round(%v) with none = %v, true", e, got)
		}
		if g2.Min(e, KG) != 0 || g2.Max(e, KG) != 0 || len(g2.Loads(e, KG)) != 0 {
			t.Errorf("%v with none: min %v max %v loads %v", e, g2.Min(e, KG), g2.Max(e, KG), g2.Loads(e, KG))
		}
	}
}

func TestGymBelow(t *testing.T) {
	g := DefaultGym()
	tests := []struct {
		e    Equipment
		u    Unit
		load float64
		want float64
		ok   bool
	}{
		{Barbell, KG, 80, 77.5, true},
		{Barbell, KG, 80.004, 77.5, true}, // noise: still "80"
		{Barbell, KG, 79.996, 77.5, true},
		{Barbell, KG, 80.01, 80, true},
		{Barbell, KG, 57.50000000001, 55, true},
		{Barbell, KG, 0.1 + 0.2 + 79.7, 77.5, true},
		{Barbell, KG, 20, 0, false},
		{Barbell, KG, 1000, 435, true},
		{Barbell, KG, math.Inf(1), 435, true},
		{Barbell, KG, math.Inf(-1), 0, false},
		{Barbell, KG, math.NaN(), 0, false},
		{Smith, KG, 20, 17.5, true},
		{Dumbbell, KG, 10, 8, true},
		{Dumbbell, KG, 2, 0, false},
		{Machine, KG, 7, 5, true},
		{Cable, KG, 5, 2.5, true},
		{Barbell, LB, 225, 220, true},
		{Barbell, LB, 45, 0, false},
		{Smith, LB, 30, 25, true},
		{Dumbbell, LB, 52.5, 50, true},
		{Machine, LB, 10, 0, false},
		{Cable, LB, 200, 195, true},
		{equipmentCount, LB, 100, 0, false},
	}
	for _, tt := range tests {
		got, ok := g.Below(tt.e, tt.u, tt.load)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Below(%v, %v, %v) = %v, %v; want %v, %v", tt.e, tt.u, tt.load, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGymMinMaxLoads(t *testing.T) {
	g := DefaultGym()
	tests := []struct {
		e        Equipment
		u        Unit
		min, max float64
		n        int
	}{
		{Barbell, KG, 20, 435, 167},
		{Smith, KG, 15, 430, 167},
		{Dumbbell, KG, 2, 50, 22},
		{Machine, KG, 5, 150, 30},
		{Cable, KG, 2.5, 100, 40},
		{Barbell, LB, 45, 715, 135},
		{Smith, LB, 25, 695, 135},
		{Dumbbell, LB, 5, 120, 24},
		{Machine, LB, 10, 300, 30},
		{Cable, LB, 5, 200, 40},
	}
	for _, tt := range tests {
		loads := g.Loads(tt.e, tt.u)
		if g.Min(tt.e, tt.u) != tt.min || g.Max(tt.e, tt.u) != tt.max || len(loads) != tt.n {
			t.Errorf("%v %v: min %v max %v n %d; want %v %v %d", tt.e, tt.u, g.Min(tt.e, tt.u), g.Max(tt.e, tt.u), len(loads), tt.min, tt.max, tt.n)
		}
		if !slices.IsSorted(loads) {
			t.Errorf("%v %v: loads not ascending", tt.e, tt.u)
		}
		if cap(loads) != len(loads) {
			t.Errorf("%v %v: Loads has spare capacity an append would write into", tt.e, tt.u)
		}
	}
	if got := g.SmallestPlate(KG); got != 1.25 {
		t.Errorf("SmallestPlate(KG) = %v", got)
	}
	if got := g.SmallestPlate(LB); got != 2.5 {
		t.Errorf("SmallestPlate(LB) = %v", got)
	}
	if got := g.SmallestPlate(Unit(9)); got != 1.25 { // unknown units read as kg
		t.Errorf("SmallestPlate(9) = %v", got)
	}
}

func TestGymRackCopy(t *testing.T) {
	g := DefaultGym()
	r := g.Rack(KG)
	if r.Bar != 20 || r.SmithBar != 15 || len(r.Plates) != 16 || r.Plates[0] != 25 || r.Plates[15] != 1.25 {
		t.Fatalf("Rack(KG) = %+v", r)
	}
	r.Plates[0] = 999
	r.Dumbbells[0] = 999
	if r2 := g.Rack(KG); r2.Plates[0] != 25 || r2.Dumbbells[0] != 2 {
		t.Errorf("Rack returned shared slices: %v %v", r2.Plates, r2.Dumbbells)
	}
	// Lists are normalized: plates heaviest first, dumbbells ascending, deduplicated.
	kg := DefaultKGRack()
	kg.Plates = []float64{5, 25, 1.25, 10}
	kg.Dumbbells = []float64{10, 5, 10, 7.5}
	g2, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	r = g2.Rack(KG)
	if !slices.Equal(r.Plates, []float64{25, 10, 5, 1.25}) || !slices.Equal(r.Dumbbells, []float64{5, 7.5, 10}) {
		t.Errorf("normalized rack = %v %v", r.Plates, r.Dumbbells)
	}
	if got := g2.Loads(Dumbbell, KG); !slices.Equal(got, []float64{5, 7.5, 10}) {
		t.Errorf("dumbbell loads = %v", got)
	}
}

func TestGymPlatesFor(t *testing.T) {
	g := DefaultGym()
	limited := func(plates ...float64) *Gym {
		kg := DefaultKGRack()
		kg.Plates = plates
		g, err := NewGym(kg, DefaultLBRack())
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	tests := []struct {
		name string
		g    *Gym
		e    Equipment
		u    Unit
		load float64
		want []float64
		ok   bool
	}{
		{"kg 80", g, Barbell, KG, 80, []float64{25, 5}, true}, // 25+5 beats 20+10 and 15+15
		{"kg 100", g, Barbell, KG, 100, []float64{25, 15}, true},
		{"kg 102.5", g, Barbell, KG, 102.5, []float64{25, 15, 1.25}, true},
		{"kg 435 all", g, Barbell, KG, 435, []float64{25, 25, 25, 25, 20, 20, 15, 15, 10, 10, 5, 5, 2.5, 2.5, 1.25, 1.25}, true},
		{"kg bare bar", g, Barbell, KG, 20, []float64{}, true},
		{"kg smith 60", g, Smith, KG, 60, []float64{20, 2.5}, true},
		{"kg 21 half-plate", g, Barbell, KG, 21, nil, false},
		{"kg 81.25 odd", g, Barbell, KG, 81.25, nil, false},
		{"kg 440 too heavy", g, Barbell, KG, 440, nil, false},
		{"kg below bar", g, Barbell, KG, 10, nil, false},
		{"kg noise", g, Barbell, KG, 0.1 + 0.2 + 79.7, []float64{25, 5}, true},
		{"lb 225", g, Barbell, LB, 225, []float64{45, 45}, true},
		{"lb 315", g, Barbell, LB, 315, []float64{45, 45, 45}, true},
		{"lb 135", g, Barbell, LB, 135, []float64{45}, true},
		{"lb 185", g, Barbell, LB, 185, []float64{45, 25}, true},
		{"lb 190", g, Barbell, LB, 190, []float64{45, 25, 2.5}, true},
		{"lb smith 115", g, Smith, LB, 115, []float64{45}, true},
		{"dumbbell", g, Dumbbell, KG, 20, nil, false},
		{"nan", g, Barbell, KG, math.NaN(), nil, false},
		{"inf", g, Barbell, KG, math.Inf(1), nil, false},
		// Greedy takes 15 then 10 and is stuck at 25; the answer is 15+15.
		{"greedy fails 15 15 10", limited(15, 15, 10), Barbell, KG, 80, []float64{15, 15}, true},
		{"limited 50", limited(15, 15, 10), Barbell, KG, 70, []float64{15, 10}, true},
		// Greedy 25+5+5+5 uses four plates; 20+20 uses two.
		{"fewest not greedy", limited(25, 20, 20, 5, 5, 5), Barbell, KG, 100, []float64{20, 20}, true},
		{"limited unreachable", limited(15, 15, 10), Barbell, KG, 60, nil, false},
	}
	for _, tt := range tests {
		got, ok := tt.g.PlatesFor(tt.e, tt.u, tt.load)
		if ok != tt.ok || !slices.Equal(got, tt.want) || (ok && got == nil) {
			t.Errorf("%s: PlatesFor(%v, %v, %v) = %v, %v; want %v, %v", tt.name, tt.e, tt.u, tt.load, got, ok, tt.want, tt.ok)
		}
	}

	// Every achievable barbell load has plates that add up to it.
	for _, u := range []Unit{KG, LB} {
		bar := g.Rack(u).Bar
		for _, l := range g.Loads(Barbell, u) {
			p, ok := g.PlatesFor(Barbell, u, l)
			var sum float64
			for _, x := range p {
				sum += x
			}
			if !ok || math.Abs(bar+2*sum-l) > 1e-9 || !slices.IsSortedFunc(p, func(a, b float64) int { return cmp.Compare(b, a) }) {
				t.Errorf("PlatesFor(Barbell, %v, %v) = %v, %v", u, l, p, ok)
			}
		}
	}
}

func TestNewGymErrors(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		edit func(kg, lb *Rack)
		want string
	}{
		{"bar zero", func(kg, lb *Rack) { kg.Bar = 0 }, "equipment.kg.bar: bar 0 must be positive"},
		{"bar nan", func(kg, lb *Rack) { lb.Bar = nan }, "equipment.lb.bar: bar NaN must be a number"},
		{"smith negative", func(kg, lb *Rack) { kg.SmithBar = -1 }, "equipment.kg.smith_bar: Smith bar -1 must not be negative"},
		{"plate negative", func(kg, lb *Rack) { kg.Plates = []float64{25, -5} }, "equipment.kg.plates: plate -5 must be positive"},
		{"plate zero", func(kg, lb *Rack) { lb.Plates = []float64{0} }, "equipment.lb.plates: plate 0 must be positive"},
		{"plate inf", func(kg, lb *Rack) { kg.Plates = []float64{math.Inf(1)} }, "equipment.kg.plates: plate +Inf must be a number"},
		{"plate nan", func(kg, lb *Rack) { kg.Plates = []float64{20, nan} }, "equipment.kg.plates: plate NaN must be a number"},
		{"plate fraction", func(kg, lb *Rack) { lb.Plates = []float64{0.625} }, "equipment.lb.plates: plate 0.625 must be a multiple of 0.01"},
		{"plate huge", func(kg, lb *Rack) { kg.Plates = []float64{20000} }, "equipment.kg.plates: plate 20000 must be at most 10000"},
		{"too many plates", func(kg, lb *Rack) { kg.Plates = make([]float64, 49) }, "equipment.kg.plates: 49 plates per side, at most 48"},
		{"too heavy per side", func(kg, lb *Rack) { kg.Plates = []float64{600, 600} }, "equipment.kg.plates: 1200 per side in all, at most 1000"},
		{"dumbbell negative", func(kg, lb *Rack) { lb.Dumbbells = []float64{5, -1} }, "equipment.lb.dumbbells: dumbbell -1 must be positive"},
		{"machine step", func(kg, lb *Rack) { lb.Machine.Step = 0 }, "equipment.lb.machine: step 0 must be positive"},
		{"machine min>max", func(kg, lb *Rack) { kg.Machine = Stack{Min: 50, Max: 10, Step: 5} }, "equipment.kg.machine: min 50 must not exceed max 10"},
		{"cable nan", func(kg, lb *Rack) { kg.Cable.Max = nan }, "equipment.kg.cable: max NaN must be a number"},
		{"cable negative min", func(kg, lb *Rack) { lb.Cable.Min = -5 }, "equipment.lb.cable: min -5 must not be negative"},
		{"cable too many", func(kg, lb *Rack) { kg.Cable = Stack{Min: 0.01, Max: 5000, Step: 0.01} }, "equipment.kg.cable: 500000 loads, at most 100000"},
	}
	for _, tt := range tests {
		kg, lb := DefaultKGRack(), DefaultLBRack()
		tt.edit(&kg, &lb)
		g, err := NewGym(kg, lb)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: NewGym = %v, %v; want error %q", tt.name, g, err, tt.want)
		}
	}

	// Valid edge cases: no plates, no dumbbells, zero stacks, a
	// counterbalanced Smith bar.
	kg := Rack{Bar: 15}
	g, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Loads(Barbell, KG); !slices.Equal(got, []float64{15}) {
		t.Errorf("bar-only loads = %v", got)
	}
	if got := g.Loads(Smith, KG); !slices.Equal(got, []float64{0}) {
		t.Errorf("counterbalanced smith loads = %v", got)
	}
	if g.SmallestPlate(KG) != 0 {
		t.Errorf("SmallestPlate with no plates = %v", g.SmallestPlate(KG))
	}
}

func TestGymHotPathNoAlloc(t *testing.T) {
	g := DefaultGym()
	var sink float64
	allocs := testing.AllocsPerRun(200, func() {
		for _, e := range []Equipment{Barbell, Dumbbell, Machine, Cable, Smith} {
			a, _ := g.Round(e, KG, 61.3)
			b, _ := g.Below(e, LB, 183)
			sink += a + b + float64(len(g.Loads(e, KG)))
		}
	})
	if allocs != 0 {
		t.Errorf("Round/Below/Loads allocate %v times per run", allocs)
	}
	_ = sink
}

func TestGymConcurrent(t *testing.T) {
	g := DefaultGym()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 200 {
				x := float64(20 + (i*7+w)%400)
				if _, ok := g.Round(Barbell, KG, x); !ok {
					t.Error("Round failed")
				}
				g.PlatesFor(Barbell, LB, x)
				g.PlanStrip(Barbell, KG, []float64{x, x * 0.85, x * 0.72})
			}
		})
	}
	wg.Wait()
}

func BenchmarkRound(b *testing.B) {
	g := DefaultGym()
	b.ReportAllocs()
	var sink float64
	for i := 0; b.Loop(); i++ {
		x, _ := g.Round(Barbell, KG, float64(20+i%400)+0.3)
		sink += x
	}
	_ = sink
}

func TestGymBarsAndSleds(t *testing.T) {
	g := DefaultGym()
	tests := []struct {
		name string
		e    Equipment
		u    Unit
		load float64
		side []float64 // plates a side
	}{
		// 30 kg on the 10 kg EZ bar: (30-10)/2 = 10 a side.
		{"ez curl 30 kg", EZBar, KG, 30, []float64{10}},
		// 60 kg on the 25 kg trap bar: (60-25)/2 = 17.5 a side = 15 + 2.5.
		{"trap bar 60 kg", TrapBar, KG, 60, []float64{15, 2.5}},
		// The women's bar empty is 15 kg (35 lb): no plates.
		{"women's bar empty", WomensBar, KG, 15, []float64{}},
		{"women's bar empty lb", WomensBar, LB, 35, []float64{}},
		// 60 kg on the women's bar: (60-15)/2 = 22.5 a side = 20 + 2.5.
		{"women's bar 60 kg", WomensBar, KG, 60, []float64{20, 2.5}},
		// 100 kg on the 30 kg safety squat bar: 35 a side = 25 + 10.
		{"ssb 100 kg", SafetySquatBar, KG, 100, []float64{25, 10}},
		// 150 kg on the 50 kg leg press sled: 50 a side = 25 + 25.
		{"leg press 150 kg", LegPressSled, KG, 150, []float64{25, 25}},
		// 100 kg on the 40 kg hack squat sled: 30 a side = 25 + 5.
		{"hack squat 100 kg", HackSquatSled, KG, 100, []float64{25, 5}},
		// 100 kg on a plate-loaded press counted as 10 kg: 45 a side = 25 + 20.
		{"plate-loaded 100 kg", PlateLoaded, KG, 100, []float64{25, 20}},
		// 225 lb on the 55 lb trap bar: 85 a side = 45 + 35 + 5 (three
		// plates, as few as 35 + 25 + 25, and heavier first).
		{"trap bar 225 lb", TrapBar, LB, 225, []float64{45, 35, 5}},
		// 65 lb on the 25 lb EZ bar: 20 a side = 10 + 10.
		{"ez curl 65 lb", EZBar, LB, 65, []float64{10, 10}},
		// 380 lb on the 110 lb leg press sled: 135 a side = three 45s.
		{"leg press 380 lb", LegPressSled, LB, 380, []float64{45, 45, 45}},
	}
	for _, tt := range tests {
		if got, ok := g.Round(tt.e, tt.u, tt.load); !ok || got != tt.load {
			t.Errorf("%s: Round = %v, %v; want %v", tt.name, got, ok, tt.load)
		}
		side, ok := g.PlatesFor(tt.e, tt.u, tt.load)
		if !ok || !slices.Equal(side, tt.side) || side == nil {
			t.Errorf("%s: PlatesFor = %v, %v; want %v", tt.name, side, ok, tt.side)
		}
	}

	// 61 kg is not an EZ-bar load (10 + an even number of 1.25s): it
	// rounds to 60 and has no plates.
	if got, _ := g.Round(EZBar, KG, 61); got != 60 {
		t.Errorf("Round(EZ bar, 61 kg) = %v, want 60", got)
	}
	if _, ok := g.PlatesFor(LegPressSled, KG, 40); ok {
		t.Error("PlatesFor(leg press, 40 kg) below the 50 kg sled is ok")
	}

	// The lightest load of each bar or sled is its own weight, and the
	// heaviest is it plus the whole inventory on both sides (207.5 kg and
	// 335 lb a side).
	for _, u := range []Unit{KG, LB} {
		r := g.Rack(u)
		side := map[Unit]float64{KG: 207.5, LB: 335}[u]
		for _, e := range AllEquipment() {
			if !e.Plated() {
				continue
			}
			start := r.Start(e)
			if start <= 0 && e != Smith {
				t.Errorf("%v %v: default weight %v", e, u, start)
			}
			if g.Min(e, u) != start || g.Max(e, u) != start+2*side {
				t.Errorf("%v %v: Min %v Max %v; want %v %v", e, u, g.Min(e, u), g.Max(e, u), start, start+2*side)
			}
			if p, ok := g.PlatesFor(e, u, start); !ok || len(p) != 0 {
				t.Errorf("%v %v: PlatesFor(empty) = %v, %v", e, u, p, ok)
			}
		}
	}
}

func TestGymAbsentEquipment(t *testing.T) {
	kg, lb := DefaultKGRack(), DefaultLBRack()
	kg.TrapBar, kg.LegPressSled = 0, 0
	lb.EZBar = 0
	g, err := NewGym(kg, lb)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		e Equipment
		u Unit
	}{{TrapBar, KG}, {LegPressSled, KG}, {EZBar, LB}} {
		if _, ok := g.Round(c.e, c.u, 100); ok {
			t.Errorf("%v %v: Round ok with weight 0", c.e, c.u)
		}
		if _, ok := g.Below(c.e, c.u, 100); ok || g.Min(c.e, c.u) != 0 || g.Max(c.e, c.u) != 0 || len(g.Loads(c.e, c.u)) != 0 {
			t.Errorf("%v %v: loads %v with weight 0", c.e, c.u, g.Loads(c.e, c.u))
		}
		if _, ok := g.PlatesFor(c.e, c.u, 100); ok {
			t.Errorf("%v %v: PlatesFor ok with weight 0", c.e, c.u)
		}
	}
	// The other unit and the other bars are untouched.
	if g.Min(TrapBar, LB) != 55 || g.Min(EZBar, KG) != 10 {
		t.Errorf("Min(trap bar, lb) = %v, Min(EZ bar, kg) = %v", g.Min(TrapBar, LB), g.Min(EZBar, KG))
	}
	// A plan on it says so.
	c, err := New(Config{Gym: g})
	if err != nil {
		t.Fatal(err)
	}
	cmd, err := c.Parse("drop 100kg trap bar deadlift", KG)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Plan(cmd); err == nil || !strings.Contains(err.Error(), "This gym has no trap bar loads in kg") {
		t.Errorf("drop on an absent trap bar: %v", err)
	}

	if _, err := NewGym(Rack{Bar: 20, HackSquatSled: -5}, lb); err == nil || err.Error() != "equipment.kg.hack_squat_sled: hack squat sled -5 must not be negative" {
		t.Errorf("negative sled: %v", err)
	}
	if _, err := NewGym(kg, Rack{Bar: 45, EZBar: 20.005}); err == nil || err.Error() != "equipment.lb.ez_bar: EZ bar 20.005 must be a multiple of 0.01" {
		t.Errorf("odd EZ bar: %v", err)
	}
}

// A gym that owns one pair of 20s (and two pairs of 5s) never plans a
// load that needs two 20s a side, on any bar or sled.
func TestGymLimitedPlates(t *testing.T) {
	kg := DefaultKGRack()
	kg.Plates = []float64{20, 5, 5} // per side: one 20, two 5s
	g, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	// Per side the inventory makes 0, 5, 10, 20, 25 and 30: the barbell
	// tops out at 20 + 2*30 = 80, the leg press at 50 + 60 = 110.
	if got := g.Loads(Barbell, KG); !slices.Equal(got, []float64{20, 30, 40, 60, 70, 80}) {
		t.Errorf("barbell loads = %v", got)
	}
	if got, _ := g.Round(Barbell, KG, 100); got != 80 {
		t.Errorf("Round(barbell, 100) = %v, want 80 (100 needs two 20s a side)", got)
	}
	if got, _ := g.Round(LegPressSled, KG, 130); got != 110 {
		t.Errorf("Round(leg press, 130) = %v, want 110", got)
	}
	if _, ok := g.PlatesFor(Barbell, KG, 100); ok {
		t.Error("PlatesFor(barbell, 100) is ok with one pair of 20s")
	}
	if p, ok := g.PlatesFor(TrapBar, KG, 85); !ok || !slices.Equal(p, []float64{20, 5, 5}) {
		t.Errorf("PlatesFor(trap bar, 85) = %v, %v; want 20 5 5", p, ok)
	}
	for _, e := range AllEquipment() {
		if !e.Plated() {
			continue
		}
		for target := 0.0; target <= 200; target += 0.5 {
			load, ok := g.Round(e, KG, target)
			if !ok {
				t.Fatalf("%v: Round(%v) not ok", e, target)
			}
			p, ok := g.PlatesFor(e, KG, load)
			if !ok {
				t.Fatalf("%v: Round(%v) = %v, which PlatesFor cannot make", e, target, load)
			}
			n := map[float64]int{}
			for _, x := range p {
				n[x]++
			}
			if n[20] > 1 || n[5] > 2 || len(n) > 2 {
				t.Fatalf("%v: %v uses %v a side, more than the inventory", e, load, p)
			}
		}
	}
}

// A rack stored before the other bars and sleds existed reads them as the
// unit's defaults; one stored with a 0 keeps that equipment out.
func TestRackJSON(t *testing.T) {
	old := []byte(`{"Bar":20,"SmithBar":15,"Plates":[25,10,5],"Dumbbells":[10,20],"Machine":{"Min":5,"Max":100,"Step":5},"Cable":{"Min":0,"Max":0,"Step":0}}`)
	var kg Rack
	if err := json.Unmarshal(old, &kg); err != nil {
		t.Fatal(err)
	}
	g, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Rack(KG); got.TrapBar != 25 || got.LegPressSled != 50 || got.EZBar != 10 || got.Bar != 20 || len(got.Plates) != 3 {
		t.Errorf("old rack read as %+v", got)
	}

	r := g.Rack(KG)
	r.TrapBar = 0
	r.WomensBar = 17.5
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back Rack
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	g, err = NewGym(back, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	if g.Min(TrapBar, KG) != 0 || g.Min(WomensBar, KG) != 17.5 || g.Min(HackSquatSled, KG) != 40 {
		t.Errorf("round trip: trap %v, women's %v, hack %v", g.Min(TrapBar, KG), g.Min(WomensBar, KG), g.Min(HackSquatSled, KG))
	}
	if err := json.Unmarshal([]byte(`{"TrapBar":"heavy"}`), &back); err == nil {
		t.Error("a string bar weight decoded")
	}
}

func TestParseEquipment(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Equipment
		ok   bool
	}{
		{"barbell", Barbell, true}, {"BB", Barbell, true}, {"db", Dumbbell, true}, {"stack", Machine, true},
		{"pulley", Cable, true}, {"Smith", Smith, true},
		{"ez", EZBar, true}, {"EZBar", EZBar, true}, {"ez-bar", EZBar, true}, {"EZ bar", EZBar, true},
		{"trap", TrapBar, true}, {"hex", TrapBar, true}, {"hexbar", TrapBar, true}, {"trap bar", TrapBar, true},
		{"ssb", SafetySquatBar, true}, {"safety squat bar", SafetySquatBar, true},
		{"womens", WomensBar, true}, {"women's", WomensBar, true}, {"Women’s", WomensBar, true},
		{"sled", LegPressSled, true}, {"legpress", LegPressSled, true}, {"leg press sled", LegPressSled, true},
		{"hack", HackSquatSled, true},
		{"plate-loaded", PlateLoaded, true}, {"plateloaded", PlateLoaded, true}, {"plate-loaded machine", PlateLoaded, true},
		// "hammer" is the hammer curl, not Hammer Strength.
		{"hammer", Barbell, false}, {"kettlebell", Barbell, false}, {"", Barbell, false},
	} {
		got, ok := ParseEquipment(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseEquipment(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// Every equipment reads back from its word and its name, and the
	// tables indexed by it have room for the last one.
	for _, e := range AllEquipment() {
		for _, s := range []string{e.Word(), e.String()} {
			if got, ok := ParseEquipment(s); !ok || got != e {
				t.Errorf("ParseEquipment(%q) = %v, %v; want %v", s, got, ok, e)
			}
		}
	}
	if n := len(AllEquipment()); n != len(gymUnit{}.loads) || AllEquipment()[n-1] != BodyWeight {
		t.Errorf("%d equipment, %d tables", n, len(gymUnit{}.loads))
	}
	if got := Equipment(equipmentCount).String(); got != "equipment?" {
		t.Errorf("String of an unknown equipment = %q", got)
	}
	// A women's bar is chosen by a word after the exercise.
	c := testCoach(t)
	for in, want := range map[string]Equipment{
		"drop 40kg bench womens": WomensBar, "drop 100kg leg press": LegPressSled,
		"drop 100kg leg press machine": Machine, "drop 60kg deadlift trap": TrapBar,
		"drop 30kg preacher curl barbell": Barbell, "drop 30kg hammer curl": Dumbbell,
	} {
		cmd, err := c.Parse(in, KG)
		if err != nil || cmd.Equipment != want {
			t.Errorf("Parse(%q) = equipment %v, %v; want %v", in, cmd.Equipment, err, want)
		}
	}
}

func TestChangeRack(t *testing.T) {
	r := DefaultKGRack()
	for _, args := range [][]string{
		{"ez", "12.5"}, {"trap", "27,5"}, {"ssb", "32"}, {"Womens", "15"}, {"sled", "70"},
		{"hack", "0"}, {"plate-loaded", "5"}, {"smith", "0"}, {"bar", "20"}, {"pairs", "20x1", "5x2"},
	} {
		var err error
		if r, err = ChangeRack(r, args); err != nil {
			t.Fatalf("ChangeRack(%v): %v", args, err)
		}
	}
	want := DefaultKGRack()
	want.EZBar, want.TrapBar, want.SafetySquatBar, want.LegPressSled, want.HackSquatSled, want.PlateLoadedSled, want.SmithBar = 12.5, 27.5, 32, 70, 0, 5, 0
	for _, e := range AllEquipment() {
		if r.Start(e) != want.Start(e) {
			t.Errorf("%v: %v, want %v", e, r.Start(e), want.Start(e))
		}
	}
	if !slices.Equal(r.Plates, []float64{20, 5, 5}) {
		t.Errorf("plates %v", r.Plates)
	}
	g, err := NewGym(r, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	got := RackText(KG, g.Rack(KG))
	const text = "kg: bar 20, Smith bar 0, EZ bar 12.5, trap bar 27.5, safety squat bar 32, women's bar 15, leg press sled 70, plate-loaded machine 5, plates a side 20x1 5x2, dumbbells 2-50 (22), machine 5-150/5, cable 2.5-100/2.5; no hack squat sled"
	if got != text {
		t.Errorf("RackText =\n%s\nwant\n%s", got, text)
	}

	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"bar", "0"}, `"0" is not a weight for the barbell. Try: gym kg bar 20`},
		{[]string{"trap", "-5"}, `"-5" is not a weight for the trap bar. Try: gym kg trap 25`},
		{[]string{"ssb", "30", "32"}, `Give one weight for the safety squat bar. Try: gym kg ssb 30`},
		{[]string{"kettlebell", "16"}, "The gym has bar, smith, ez, trap, ssb, womens, sled, hack, plate-loaded, plates, dumbbells, machine and cable. Try: " + gymExample},
		{[]string{"stack", "16"}, "The gym has bar, smith, ez, trap, ssb, womens, sled, hack, plate-loaded, plates, dumbbells, machine and cable. Try: " + gymExample},
	} {
		if _, err := ChangeRack(DefaultKGRack(), tt.args); err == nil || err.Error() != tt.want {
			t.Errorf("ChangeRack(%v) = %v; want %s", tt.args, err, tt.want)
		}
	}
	if got := RackChanges(); !strings.Contains(got, "gym kg trap 25 (bars and sleds: smith, ez, trap, ssb, womens, sled, hack, plate-loaded; 0 for none)") {
		t.Errorf("RackChanges = %s", got)
	}
}
