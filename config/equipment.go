package config

import (
	"cmp"
	"slices"
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// gym builds the equipment from the built-in racks and the file's
// overrides. The coach checks the weights themselves (coach.NewGym); its
// errors name the key first ("equipment.kg.trap_bar: ..."), which places
// them in the file.
func (et equipmentTable) gym(path string, lines map[string]int, fail failFunc) (*coach.Gym, error) {
	kg, lb := coach.DefaultKGRack(), coach.DefaultLBRack()
	if err := et.KG.apply(&kg, "equipment.kg", fail); err != nil {
		return nil, err
	}
	if err := et.LB.apply(&lb, "equipment.lb", fail); err != nil {
		return nil, err
	}
	g, err := coach.NewGym(kg, lb)
	if err != nil {
		key, msg, ok := strings.Cut(err.Error(), ": ")
		if !ok {
			key, msg = "equipment", err.Error()
		}
		// A plate given in plate_pairs is named by that key.
		for table, rt := range map[string]rackTable{"equipment.kg": et.KG, "equipment.lb": et.LB} {
			if key == table+".plates" && rt.PlatePairs != nil {
				key = table + ".plate_pairs"
			}
		}
		return nil, &Error{File: path, Line: lineOf(lines, key), Key: key, Msg: msg}
	}
	return g, nil
}

// apply sets the file's overrides of one unit's rack on r; table is
// "equipment.kg" or "equipment.lb".
func (rt rackTable) apply(r *coach.Rack, table string, fail failFunc) error {
	starts := rt.starts()
	for _, e := range coach.AllEquipment() {
		if v := starts[e.RackKey()]; e.Plated() && v != nil {
			r.SetStart(e, *v)
		}
	}
	if rt.Plates != nil {
		r.Plates = rt.Plates
	}
	if rt.PlatePairs != nil {
		if rt.Plates != nil {
			return fail(table+".plate_pairs", "give plates or plate_pairs, not both")
		}
		plates, err := platesFromPairs(rt.PlatePairs, table+".plate_pairs", fail)
		if err != nil {
			return err
		}
		r.Plates = plates
	}
	if rt.Dumbbells != nil {
		r.Dumbbells = rt.Dumbbells
	}
	if rt.Machine != nil {
		r.Machine = coach.Stack(*rt.Machine)
	}
	if rt.Cable != nil {
		r.Cable = coach.Stack(*rt.Cable)
	}
	return nil
}

// platesFromPairs turns { "25" = 4, "1.25" = 1 } into the per-side list,
// heaviest first: one plate a side for each pair. The weights themselves
// are checked by coach.NewGym.
func platesFromPairs(pairs map[string]int, key string, fail failFunc) ([]float64, error) {
	weights := make([]string, 0, len(pairs))
	for w := range pairs {
		weights = append(weights, w)
	}
	slices.Sort(weights)
	var plates []float64
	total := 0
	for _, w := range weights {
		n := pairs[w]
		p, ok := coach.ParseDecimal(strings.TrimSpace(w))
		if !ok || p <= 0 {
			return nil, fail(key+"."+w, "%q is not a plate weight such as \"20\" or \"1.25\"", w)
		}
		if total += n; n < 0 || total > coach.MaxPlatesPerSide {
			return nil, fail(key+"."+w, "%d pairs: a gym has 0 or more, at most %d pairs in all", n, coach.MaxPlatesPerSide)
		}
		for range n {
			plates = append(plates, p)
		}
	}
	slices.SortFunc(plates, func(a, b float64) int { return cmp.Compare(b, a) })
	return plates, nil
}
