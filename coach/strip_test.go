package coach

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// stripCheck asserts every invariant of a StripSet PlanStrip returned.
func stripCheck(t *testing.T, g *Gym, e Equipment, u Unit, targets []float64, s StripSet) {
	t.Helper()
	n := len(targets)
	if len(s.Loads) != n || len(s.PerSide) != n || len(s.Off) != n {
		t.Fatalf("%v: lengths %d %d %d for %d targets", targets, len(s.Loads), len(s.PerSide), len(s.Off), n)
	}
	if s.Off[0] != nil {
		t.Errorf("%v: Off[0] = %v", targets, s.Off[0])
	}
	r := g.Rack(u)
	bar := r.Bar
	if e == Smith {
		bar = r.SmithBar
	}
	smallH := int64(math.Round(g.SmallestPlate(u) * 100))
	var maxMiss int64
	for i := range n {
		var sum float64
		for _, p := range s.PerSide[i] {
			sum += p
		}
		if math.Abs(bar+2*sum-s.Loads[i]) > 1e-9 {
			t.Errorf("%v: step %d load %v but plates %v on a %v bar", targets, i, s.Loads[i], s.PerSide[i], bar)
		}
		th := int64(math.Round(targets[i] * 100))
		miss := stripAbs(int64(math.Round(s.Loads[i]*100)) - th)
		if tolH := max(2*smallH, th*stripSharePct/100); miss > tolH {
			t.Errorf("%v: step %d load %v misses target by more than %v", targets, i, s.Loads[i], float64(tolH)/100)
		}
		maxMiss = max(maxMiss, miss)
		if i == 0 {
			continue
		}
		if s.Loads[i] >= s.Loads[i-1] {
			t.Errorf("%v: loads not strictly decreasing: %v", targets, s.Loads)
		}
		if lo, hi := stripBand(targets[i-1], targets[i]); !stripDropIn(s.Loads[i-1], s.Loads[i], lo, hi) {
			t.Errorf("%v: drop %d from %v to %v is outside %v-%v %%", targets, i, s.Loads[i-1], s.Loads[i], lo, hi)
		}
		prev, cur, off := s.PerSide[i-1], s.PerSide[i], s.Off[i]
		if len(off) == 0 {
			t.Errorf("%v: drop %d removes nothing", targets, i)
		}
		if len(prev) != len(cur)+len(off) || !slices.Equal(prev[:len(cur)], cur) || !slices.Equal(prev[len(cur):], off) {
			t.Errorf("%v: step %d %v is not %v with %v taken off its end", targets, i, cur, prev, off)
		}
	}
	if got := float64(maxMiss) / 100; s.MaxMiss != got {
		t.Errorf("%v: MaxMiss %v, want %v", targets, s.MaxMiss, got)
	}
	// The plates at the start come from the inventory without reuse.
	inv := slices.Clone(r.Plates)
	for _, p := range s.PerSide[0] {
		i := slices.Index(inv, p)
		if i < 0 {
			t.Fatalf("%v: plate %v of %v not in inventory %v", targets, p, s.PerSide[0], r.Plates)
		}
		inv = slices.Delete(inv, i, i+1)
	}
}

// stripBand is the drop band PlanStrip allows between targets a and b, in
// percent: 10-25, or 0.75-1.25 times the drop a -> b asks for when that is
// outside 10-25 (and then at least 0.5, at most 95).
func stripBand(a, b float64) (lo, hi float64) {
	want := 100 * (1 - b/a)
	if want >= 10-1e-9 && want <= 25+1e-9 {
		return 10, 25
	}
	return max(0.5, want*0.75), min(95, want*1.25)
}

// stripDropIn reports whether the drop from a to b takes off lo-hi % of
// a (PlanStrip holds the band to the millionth of a load).
func stripDropIn(a, b, lo, hi float64) bool {
	d := (a - b) / a * 100
	return d >= lo-1e-4 && d <= hi+1e-4
}

func TestPlanStripWorkedKG(t *testing.T) {
	g := DefaultGym()
	targets := []float64{80, 68, 57.8, 49.13} // 15 % drops
	s, ok := g.PlanStrip(Barbell, KG, targets)
	if !ok {
		t.Fatal("PlanStrip failed")
	}
	stripCheck(t, g, Barbell, KG, targets, s)
	// Checked by hand: the windows (5 % of the target, at least ±2.5)
	// allow per side 30 (the rounded start); 22.5, 23.75 or 25; 17.5,
	// 18.75 or 20; 13.75 or 15. The least total miss is
	// 0 + 0.5 + 0.3 + 0.87 with loads 80, 67.5, 57.5, 50, and the fewest
	// plates for it are six: 15 | 2.5 1.25 | 5 | 5 1.25.
	want := StripSet{
		Loads: []float64{80, 67.5, 57.5, 50},
		PerSide: [][]float64{
			{15, 2.5, 1.25, 5, 5, 1.25},
			{15, 2.5, 1.25, 5},
			{15, 2.5, 1.25},
			{15},
		},
		Off:     [][]float64{nil, {5, 1.25}, {5}, {2.5, 1.25}},
		MaxMiss: 0.87,
	}
	if fmt.Sprint(s) != fmt.Sprint(want) {
		t.Errorf("PlanStrip = %+v\nwant        %+v", s, want)
	}
	if r, _ := g.Round(Barbell, KG, targets[0]); s.Loads[0] != r {
		t.Errorf("first load %v, want Round = %v", s.Loads[0], r)
	}
}

func TestPlanStripLB(t *testing.T) {
	g := DefaultGym()

	// The brief's 15 % lb ladder cannot be stripped from 225. Windows
	// (5 % of each target, at least ±5 lb) per side: 90; 70-77.5;
	// 55-62.5; 45-50. The first drop takes off at most 90-70 = 20 a side,
	// the second at most 77.5-55 = 22.5, the third at most 62.5-45 = 17.5,
	// so no drop can take off a 25 and all three, 40-45 a side in all, must
	// come from the 10s, 5s and 2.5s, which add up to only 35 a side. The
	// best order starts elsewhere, which the drop-set planner refuses.
	ladder := []float64{225, 191.25, 162.6, 138.2}
	if s, ok := g.PlanStrip(Barbell, LB, ladder); ok {
		stripCheck(t, g, Barbell, LB, ladder, s)
		if s.Loads[0] == 225 {
			t.Errorf("lb 4-step ladder: got %+v, want no order from 225", s)
		}
	}

	// Its first three steps can: per side 90; 70-77.5; 55-62.5. No load
	// is nearer than 190 or 192.5 (miss 1.25) and 165 (miss 2.4), so the
	// least miss is 0 + 1.25 + 2.4 (225, 190, 165) via 35 25 | 10 2.5 | 10 5 2.5.
	targets := []float64{225, 191.25, 162.6}
	s, ok := g.PlanStrip(Barbell, LB, targets)
	if !ok {
		t.Fatal("lb 3-step ladder failed")
	}
	stripCheck(t, g, Barbell, LB, targets, s)
	want := StripSet{
		Loads:   []float64{225, 190, 165},
		PerSide: [][]float64{{35, 25, 10, 2.5, 10, 5, 2.5}, {35, 25, 10, 2.5}, {35, 25}},
		Off:     [][]float64{nil, {10, 5, 2.5}, {10, 2.5}},
		MaxMiss: 2.4,
	}
	if fmt.Sprint(s) != fmt.Sprint(want) {
		t.Errorf("PlanStrip = %+v\nwant        %+v", s, want)
	}
}

func TestPlanStripStartsAtRound(t *testing.T) {
	// Only the 81.25 tie makes 80 the nearest load; the plan must start
	// there even though starting at 82.5 would not be worse later.
	g := DefaultGym()
	targets := []float64{81.25, 70, 60}
	s, ok := g.PlanStrip(Barbell, KG, targets)
	if !ok {
		t.Fatal("failed")
	}
	stripCheck(t, g, Barbell, KG, targets, s)
	if s.Loads[0] != 80 {
		t.Errorf("first load %v, want 80 (Round of 81.25)", s.Loads[0])
	}

	// When no order starts at the rounded load, a valid one starting
	// elsewhere within tolerance is still returned. Inventory 20 20 10 10
	// 2.5 per side (tolerance 5 % or ±5, whichever is larger): 101 rounds
	// to 100 (40 a side: 20 20 or 20 10 10). Step 2 (86 ± 5) needs
	// 30.5-35.5 a side, only 32.5 = 20 10 2.5, which no order of 40 has
	// underneath. Starting at 105 (20 10 2.5 10, within 5.05 of 101) and
	// taking off the 10 makes 85, a 19 % drop.
	kg := DefaultKGRack()
	kg.Plates = []float64{20, 20, 10, 10, 2.5}
	g2, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	targets = []float64{101, 86}
	s, ok = g2.PlanStrip(Barbell, KG, targets)
	if !ok {
		t.Fatal("fallback failed")
	}
	stripCheck(t, g2, Barbell, KG, targets, s)
	if !slices.Equal(s.Loads, []float64{105, 85}) {
		t.Errorf("loads %v, want [105 85]", s.Loads)
	}
}

func TestPlanStripFails(t *testing.T) {
	g := DefaultGym()
	kg := DefaultKGRack()
	kg.Plates = []float64{20, 20}
	twenties, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name    string
		g       *Gym
		e       Equipment
		targets []float64
	}{
		// Two plates allow only two drops' worth of steps: the third step
		// would be the bare 20 kg bar for a 72 kg target.
		{"only 20s", twenties, Barbell, []float64{100, 85, 72}},
		{"dumbbell", g, Dumbbell, []float64{30, 25}},
		{"machine", g, Machine, []float64{30, 25}},
		{"empty", g, Barbell, nil},
		{"nan", g, Barbell, []float64{100, nan, 70}},
		{"inf", g, Barbell, []float64{inf, 80}},
		{"-inf", g, Barbell, []float64{100, math.Inf(-1)}},
		{"negative", g, Barbell, []float64{100, 80, -10}},
		{"below bar", g, Barbell, []float64{40, 30, 15}},
		{"above max", g, Barbell, []float64{500, 450}},
		{"huge", g, Barbell, []float64{1e300, 1e299}},
		{"increasing", g, Barbell, []float64{60, 80}},
		{"equal", g, Barbell, []float64{80, 80}},
		{"equal to the hundredth", g, Barbell, []float64{80.001, 80}},
		{"too many steps", g, Barbell, []float64{200, 190, 180, 170, 160, 150, 140, 130, 120, 110, 100, 90, 80}},
	}
	for _, tt := range tests {
		if s, ok := tt.g.PlanStrip(tt.e, KG, tt.targets); ok {
			t.Errorf("%s: PlanStrip(%v) = %+v, want ok=false", tt.name, tt.targets, s)
		}
	}
	var zero Gym
	if _, ok := zero.PlanStrip(Barbell, KG, []float64{60, 50}); ok {
		t.Error("zero Gym planned a strip set")
	}
}

func TestPlanStripLongLadders(t *testing.T) {
	g := DefaultGym()
	tests := []struct {
		u       Unit
		targets []float64
		ok      bool
	}{
		{KG, []float64{200, 160, 128, 102.4, 82, 65.5}, true},
		{LB, []float64{405, 345, 295, 250, 210}, true},
		{LB, []float64{495, 405, 335, 275, 225, 185}, true},
		// Five 10 % drops need five groups of 2.5-7.5 per side: the
		// 5s, 2.5s and 1.25s add up to only 17.5.
		{KG, []float64{120, 110, 100, 90, 80, 70}, false},
	}
	for _, tt := range tests {
		s, ok := g.PlanStrip(Barbell, tt.u, tt.targets)
		if ok != tt.ok {
			t.Errorf("%v %v: ok %v, want %v", tt.u, tt.targets, ok, tt.ok)
			continue
		}
		if ok {
			stripCheck(t, g, Barbell, tt.u, tt.targets, s)
		}
	}
}

func TestPlanStripSmith(t *testing.T) {
	g := DefaultGym()
	targets := []float64{75, 64, 54}
	s, ok := g.PlanStrip(Smith, KG, targets)
	if !ok {
		t.Fatal("failed")
	}
	stripCheck(t, g, Smith, KG, targets, s)
	if s.Loads[0] != 75 {
		t.Errorf("first load %v", s.Loads[0])
	}
}

// stripBest is an exhaustive reference: every plate goes unused, into the
// base or into one step's group. It returns the best cost or ok=false.
func stripBest(g *Gym, e Equipment, u Unit, targets []float64) (stripCost, bool) {
	n := len(targets)
	r := g.Rack(u)
	barH := int64(math.Round(r.Bar * 100))
	if e == Smith {
		barH = int64(math.Round(r.SmithBar * 100))
	}
	smallH := int64(math.Round(g.SmallestPlate(u) * 100))
	rd, _ := g.Round(e, u, targets[0])
	roundH := int64(math.Round(rd * 100))
	th := make([]int64, n)
	for i, x := range targets {
		th[i] = int64(math.Round(x * 100))
	}
	plates := r.Plates
	slot := make([]int, len(plates)) // 0 unused, 1 base (step n-1), 1+k group added for step n-1-k
	var best stripCost
	found := false
	for {
		var side int64
		var count int64
		groupSize := make([]int64, n+1)
		groupSum := make([]int64, n+1)
		for i, sl := range slot {
			if sl > 0 {
				groupSize[sl]++
				groupSum[sl] += int64(math.Round(plates[i] * 100))
			}
		}
		ok := true
		var c stripCost
		var lastH int64
		for k := 1; k <= n && ok; k++ { // k=1 is the last step
			if k > 1 && groupSize[k] == 0 {
				ok = false
			}
			side += groupSum[k]
			count += groupSize[k]
			step := n - k
			loadH := barH + 2*side
			miss := stripAbs(loadH - th[step])
			if miss > max(2*smallH, th[step]*stripSharePct/100) {
				ok = false
			}
			if k > 1 {
				lo, hi := stripBand(targets[step], targets[step+1])
				if !stripDropIn(float64(loadH)/100, float64(lastH)/100, lo, hi) {
					ok = false
				}
			}
			lastH = loadH
			c.miss += miss
			if step == 0 && loadH != roundH {
				c.notRound = 1
			}
		}
		if ok {
			c.plates = count
			c.removed = count - groupSize[1]
			if !found || c.less(best) {
				best, found = c, true
			}
		}
		// next assignment
		i := 0
		for ; i < len(slot); i++ {
			slot[i]++
			if slot[i] <= n {
				break
			}
			slot[i] = 0
		}
		if i == len(slot) {
			break
		}
	}
	return best, found
}

func stripCostOf(g *Gym, e Equipment, u Unit, targets []float64, s StripSet) stripCost {
	var c stripCost
	if r, _ := g.Round(e, u, targets[0]); s.Loads[0] != r {
		c.notRound = 1
	}
	for i, l := range s.Loads {
		c.miss += stripAbs(int64(math.Round(l*100)) - int64(math.Round(targets[i]*100)))
	}
	c.plates = int64(len(s.PerSide[0]))
	c.removed = c.plates - int64(len(s.PerSide[len(s.PerSide)-1]))
	return c
}

// TestPlanStripOptimal compares PlanStrip with the exhaustive reference on
// small random inventories and ladders.
func TestPlanStripOptimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	denoms := []float64{25, 20, 15, 10, 5, 2.5, 1.25}
	var okCount int
	for iter := range 300 {
		np := 2 + rng.IntN(5)
		plates := make([]float64, np)
		for i := range plates {
			plates[i] = denoms[rng.IntN(len(denoms))]
		}
		kg := DefaultKGRack()
		kg.Plates = plates
		g, err := NewGym(kg, DefaultLBRack())
		if err != nil {
			t.Fatal(err)
		}
		n := 1 + rng.IntN(4)
		targets := make([]float64, n)
		targets[0] = 20 + rng.Float64()*2*60
		for i := 1; i < n; i++ {
			targets[i] = math.Round(targets[i-1]*(0.7+0.25*rng.Float64())*100) / 100
		}
		targets[0] = math.Round(targets[0]*100) / 100
		want, wantOK := stripBest(g, Barbell, KG, targets)
		s, ok := g.PlanStrip(Barbell, KG, targets)
		if ok != wantOK {
			t.Errorf("iter %d plates %v targets %v: ok %v, reference %v (%+v)", iter, plates, targets, ok, wantOK, want)
			continue
		}
		if !ok {
			continue
		}
		okCount++
		stripCheck(t, g, Barbell, KG, targets, s)
		if got := stripCostOf(g, Barbell, KG, targets, s); got != want {
			t.Errorf("iter %d plates %v targets %v: cost %+v, reference %+v; plan %+v", iter, plates, targets, got, want, s)
		}
	}
	if okCount < 50 {
		t.Errorf("only %d of 300 random cases were feasible; the test is too weak", okCount)
	}
}

// TestPlanStripProperty runs many random ladders (and some junk) on the
// default gym: every answer satisfies the invariants, nothing panics.
func TestPlanStripProperty(t *testing.T) {
	g := DefaultGym()
	rng := rand.New(rand.NewPCG(7, 11))
	junk := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -50, 0, 1e12, -1e12, 19.99}
	var okCount int
	for iter := range 3000 {
		u := Unit(rng.IntN(2))
		e := Barbell
		if rng.IntN(4) == 0 {
			e = Smith
		}
		n := 1 + rng.IntN(7)
		targets := make([]float64, n)
		targets[0] = g.Min(e, u) - 10 + rng.Float64()*(g.Max(e, u)*0.7)
		for i := 1; i < n; i++ {
			targets[i] = targets[i-1] * (0.75 + 0.22*rng.Float64())
		}
		if rng.IntN(10) == 0 {
			targets[rng.IntN(n)] = junk[rng.IntN(len(junk))]
		}
		s, ok := g.PlanStrip(e, u, targets)
		if !ok {
			continue
		}
		okCount++
		stripCheck(t, g, e, u, targets, s)
		if t.Failed() {
			t.Fatalf("iter %d: %v %v %v -> %+v", iter, e, u, targets, s)
		}
	}
	if okCount < 300 {
		t.Errorf("only %d of 3000 random ladders were feasible", okCount)
	}
}

func TestPlanStripBounded(t *testing.T) {
	// Many distinct small plates and a huge tolerance: the search must stop
	// within its budget (either answer is fine, it must not hang or panic).
	plates := make([]float64, 48)
	for i := range plates {
		plates[i] = 10 + float64(i)*0.01
	}
	kg := DefaultKGRack()
	kg.Plates = plates
	g, err := NewGym(kg, DefaultLBRack())
	if err != nil {
		t.Fatal(err)
	}
	targets := []float64{900, 850, 800, 750, 700, 650, 600, 550, 500, 450, 400, 350}
	if s, ok := g.PlanStrip(Barbell, KG, targets); ok {
		stripCheck(t, g, Barbell, KG, targets, s)
	}
}

func BenchmarkPlanStrip(b *testing.B) {
	g := DefaultGym()
	cases := []struct {
		name    string
		u       Unit
		targets []float64
	}{
		{"kg4", KG, []float64{80, 68, 57.8, 49.13}},
		{"kg6", KG, []float64{200, 160, 128, 102.4, 82, 65.5}},
		{"kg6-infeasible", KG, []float64{100, 90, 81, 73, 65.6, 59}},
		{"lb3", LB, []float64{225, 191.25, 162.6}},
		{"lb4-not-from-225", LB, []float64{225, 191.25, 162.6, 138.2}},
		{"lb6", LB, []float64{495, 405, 335, 275, 225, 185}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g.PlanStrip(Barbell, c.u, c.targets)
			}
		})
	}
}

func ExampleGym_PlanStrip() {
	g := DefaultGym()
	s, ok := g.PlanStrip(Barbell, KG, []float64{80, 68, 57.8, 49.13})
	if !ok {
		fmt.Println("reload between drops")
		return
	}
	fmt.Println("load per side, inside out:", s.PerSide[0])
	for i, load := range s.Loads {
		if i == 0 {
			fmt.Printf("%s kg\n", FormatLoad(load))
			continue
		}
		fmt.Printf("take off %v each side -> %s kg\n", s.Off[i], FormatLoad(load))
	}
	fmt.Println("largest miss:", FormatLoad(s.MaxMiss), "kg")
	// Output:
	// load per side, inside out: [15 2.5 1.25 5 5 1.25]
	// 80 kg
	// take off [5 1.25] each side -> 67.5 kg
	// take off [5] each side -> 57.5 kg
	// take off [2.5 1.25] each side -> 50 kg
	// largest miss: 0.87 kg
}

// stripScanCase is one top load of the share scan and what the drop-set
// planner would get for it.
type stripScanCase struct {
	u         Unit
	start     float64
	targets   []float64
	set       StripSet
	ok        bool // a strip order exists and starts at Round(start)
	exhausted bool // the search ran out of budget
}

// stripScan runs what the drop-set planner runs (targets 15 % apart, four
// loads, the strip order must start at Round(start)) for every top load
// from lo to hi by step on the default barbell in u.
func stripScan(g *Gym, u Unit, lo, hi, step float64) []stripScanCase {
	var out []stripScanCase
	for k := 0; ; k++ {
		start := lo + float64(k)*step
		if start > hi+1e-9 {
			break
		}
		targets := make([]float64, 4)
		for i := range targets {
			targets[i] = start * math.Pow(1-15.0/100, float64(i))
		}
		s, ok, exhausted := g.planStrip(Barbell, u, targets)
		if r, rok := g.Round(Barbell, u, start); ok && (!rok || s.Loads[0] != r) {
			ok = false
		}
		out = append(out, stripScanCase{u: u, start: start, targets: targets, set: s, ok: ok, exhausted: exhausted})
	}
	return out
}

// stripShare is the share of cases that got a strip order, in percent.
func stripShare(cs []stripScanCase) (pct float64, n int) {
	for _, c := range cs {
		if c.ok {
			n++
		}
	}
	return 100 * float64(n) / float64(len(cs)), n
}

// TestStripShareScan is issue 12 item 6: the share of top loads (95-405 lb
// by 5, 40-180 kg by 2.5, default gym) whose default drop set (-15 %, 3
// drops) gets a strip order rather than a reload. With every step held to
// one smallest plate a side it was 24/63 = 38.1 % in lb and 42/57 =
// 73.7 % in kg; with 5 % of the target (or one plate) and every drop
// 10-25 % it is 39/63 = 61.9 % and 46/57 = 80.7 %.
func TestStripShareScan(t *testing.T) {
	g := DefaultGym()
	for _, tc := range []struct {
		u            Unit
		lo, hi, step float64
		min          float64 // percent, as measured, rounded down
	}{
		{LB, 95, 405, 5, 61},
		{KG, 40, 180, 2.5, 80},
	} {
		cs := stripScan(g, tc.u, tc.lo, tc.hi, tc.step)
		pct, n := stripShare(cs)
		t.Logf("%v: %d of %d top loads (%v-%v by %v) get a strip order: %.1f %%", tc.u, n, len(cs), tc.lo, tc.hi, tc.step, pct)
		if pct < tc.min {
			t.Errorf("%v: %.1f %% get a strip order, want at least %v %%", tc.u, pct, tc.min)
		}
		var reload []float64
		for _, c := range cs {
			if c.exhausted {
				t.Errorf("%v %v: the search ran out of budget", c.start, c.u)
			}
			if !c.ok {
				reload = append(reload, c.start)
			}
		}
		t.Logf("%v: reload at %v", tc.u, reload)
	}
}

// TestStripScanOrders checks every strip order of the share scan as a
// lifter would: each drop takes off 10-25 % of the load before it, each
// step is strictly lighter, each step only strips outer plates, and every
// plate comes from the inventory.
func TestStripScanOrders(t *testing.T) {
	g := DefaultGym()
	for _, tc := range []struct {
		u            Unit
		lo, hi, step float64
	}{
		{LB, 95, 405, 5},
		{KG, 40, 180, 2.5},
	} {
		r := g.Rack(tc.u)
		for _, c := range stripScan(g, tc.u, tc.lo, tc.hi, tc.step) {
			if !c.ok {
				continue
			}
			s := c.set
			name := fmt.Sprintf("%v %v %v", c.start, c.u, s.Loads)
			stripCheck(t, g, Barbell, c.u, c.targets, s)
			inv := slices.Clone(r.Plates)
			for _, p := range s.PerSide[0] {
				j := slices.Index(inv, p)
				if j < 0 {
					t.Errorf("%s: plate %v of %v is not in the inventory %v", name, p, s.PerSide[0], r.Plates)
					continue
				}
				inv = slices.Delete(inv, j, j+1)
			}
			for i := 1; i < len(s.Loads); i++ {
				prev, cur := s.Loads[i-1], s.Loads[i]
				if cur >= prev {
					t.Errorf("%s: step %d is not lighter than step %d", name, i, i-1)
				}
				if d := (prev - cur) / prev * 100; d < 10-1e-9 || d > 25+1e-9 {
					t.Errorf("%s: drop %d takes off %.2f %%, outside 10-25 %%", name, i, d)
				}
				if !slices.Equal(s.PerSide[i], s.PerSide[i-1][:len(s.PerSide[i])]) {
					t.Errorf("%s: step %d %v is not step %d %v stripped", name, i, s.PerSide[i], i-1, s.PerSide[i-1])
				}
			}
		}
	}
}

// TestPlanStripDropBand: 95 lb, -15 %, targets 95, 80.75, 68.64, 58.34,
// each ±5 lb (5 % is less than one 2.5 plate a side). The loads within
// reach are 80 or 85; 65 or 70; 55 or 60. By total miss the orders go
// 80 70 60 (3.77), 80 70 55, 80 65 60, 85 70 60, 80 65 55, 85 70 55,
// 85 65 60 (9.55), 85 65 55 (11.23). All of them but 80 65 60 and 85 65 60
// need a third 5 or 2.5 a side (checked by hand), and those two drop
// 65 -> 60, 7.7 %: the plate rule alone picked 95 85 65 60, the drop band
// picks 95 85 65 55.
func TestPlanStripDropBand(t *testing.T) {
	g := DefaultGym()
	targets := []float64{95, 95 * 0.85, 95 * 0.85 * 0.85, 95 * 0.85 * 0.85 * 0.85}
	s, ok := g.PlanStrip(Barbell, LB, targets)
	if !ok {
		t.Fatal("no strip order")
	}
	stripCheck(t, g, Barbell, LB, targets, s)
	if want := []float64{95, 85, 65, 55}; !slices.Equal(s.Loads, want) {
		t.Errorf("loads %v, want %v", s.Loads, want)
	}

	// A preset outside 10-25 % keeps each drop within a quarter of it:
	// 30 % drops from 100 kg (100, 70, 49) take off 22.5-37.5 % each.
	targets = []float64{100, 70, 49}
	s, ok = g.PlanStrip(Barbell, KG, targets)
	if !ok {
		t.Fatal("no strip order for 30 % drops")
	}
	stripCheck(t, g, Barbell, KG, targets, s)
	for i := 1; i < len(s.Loads); i++ {
		if d := (s.Loads[i-1] - s.Loads[i]) / s.Loads[i-1] * 100; d < 22.5 || d > 37.5 {
			t.Errorf("30 %% drops: %v takes off %.1f %% at drop %d", s.Loads, d, i)
		}
	}
}
