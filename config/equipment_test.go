package config

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/coach"
)

// Every bar and sled has its key in both units; the file sets each, 0
// takes one out, and the example documents them all.
func TestConfigBarsAndSleds(t *testing.T) {
	example, err := os.ReadFile("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	var kg, lb strings.Builder
	kg.WriteString("[equipment.kg]\n")
	lb.WriteString("[equipment.lb]\n")
	want := map[coach.Unit]map[coach.Equipment]float64{coach.KG: {}, coach.LB: {}}
	var rc rackTable
	for i, e := range coach.AllEquipment() {
		if !e.Plated() {
			continue
		}
		key := e.RackKey()
		if _, ok := rc.starts()[key]; !ok {
			t.Errorf("%v: no %s key in [equipment.kg]", e, key)
		}
		if n := strings.Count(string(example), "\n"+key+" = "); n != 2 {
			t.Errorf("config.example.toml sets %s %d times, want once per unit", key, n)
		}
		// Distinct weights: 21, 22.5, 23, 24.5, ... in kg, 50, 51, ... in lb.
		w := 20 + float64(i) + float64(i%2)/2
		want[coach.KG][e], want[coach.LB][e] = w, 50+float64(i)
		if e == coach.TrapBar {
			want[coach.LB][e] = 0 // no trap bar in pounds
		}
		fmt.Fprintf(&kg, "%s = %v\n", key, want[coach.KG][e])
		fmt.Fprintf(&lb, "%s = %v\n", key, want[coach.LB][e])
	}
	for _, w := range coach.EquipmentWords() {
		if !strings.Contains(string(example), " "+w+",") && !strings.Contains(string(example), " "+w+" ") && !strings.Contains(string(example), " "+w+".") {
			t.Errorf("config.example.toml does not name the equipment %q", w)
		}
	}
	path := filepath.Join(t.TempDir(), "bars.toml")
	src := kg.String() + lb.String() + "[[exercise]]\nname = \"trap bar shrug\"\nmuscles = [\"traps\"]\nequipment = \"trap\"\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	g := cfg.Coach.Gym
	for u, ws := range want {
		r := g.Rack(u)
		for e, w := range ws {
			if r.Start(e) != w || g.Min(e, u) != w && w != 0 {
				t.Errorf("%v %v: weight %v, lightest load %v; want %v", e, u, r.Start(e), g.Min(e, u), w)
			}
		}
	}
	if _, ok := g.Round(coach.TrapBar, coach.LB, 225); ok {
		t.Error("trap_bar = 0 in lb still plans a trap bar in lb")
	}
	if e, ok := cfg.Coach.Catalog.Lookup("trap bar shrug"); !ok || e.Equipment != coach.TrapBar {
		t.Errorf("exercise on equipment \"trap\": %v %v", e, ok)
	}
}

// plate_pairs gives the inventory as pairs owned: one plate a side per
// pair, and no load needs more.
func TestConfigPlatePairs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pairs.toml")
	os.WriteFile(path, []byte(`[equipment.kg]
plate_pairs = { "25" = 4, "20" = 1, "1.25" = 1, "5" = 0 }
[equipment.lb.plate_pairs]
"45" = 2
"2.5" = 1
`), 0o600)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	g := cfg.Coach.Gym
	if got := g.Rack(coach.KG).Plates; !slices.Equal(got, []float64{25, 25, 25, 25, 20, 1.25}) {
		t.Errorf("kg plates a side = %v", got)
	}
	if got := g.Rack(coach.LB).Plates; !slices.Equal(got, []float64{45, 45, 2.5}) {
		t.Errorf("lb plates a side = %v", got)
	}
	// 20 + 2 * (4*25 + 20 + 1.25) = 262.5 kg is everything on the bar.
	if got := g.Max(coach.Barbell, coach.KG); got != 262.5 {
		t.Errorf("heaviest barbell = %v, want 262.5", got)
	}
	// 100 kg needs 40 a side: 20 + 20 (one pair of 20s only) or 25 + 15
	// (no 15s), so it is not a load here. A side makes 25a + 20b + 1.25c
	// (a up to 4, b and c up to 1): nothing between 26.25 (72.5 kg) and
	// 45 (110 kg), and Round takes the nearer, 110.
	if _, ok := g.PlatesFor(coach.Barbell, coach.KG, 100); ok {
		t.Error("PlatesFor(100 kg) is ok with one pair of 20s and no 15s")
	}
	if got, _ := g.Round(coach.Barbell, coach.KG, 100); got != 110 {
		t.Errorf("Round(100 kg) = %v, want 110", got)
	}
	// The leg press sled (50 kg) with two 25s a side: 150 kg.
	if p, ok := g.PlatesFor(coach.LegPressSled, coach.KG, 150); !ok || !slices.Equal(p, []float64{25, 25}) {
		t.Errorf("leg press 150 kg: %v %v", p, ok)
	}
}
