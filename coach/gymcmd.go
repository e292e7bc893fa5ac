package coach

import (
	"fmt"
	"strconv"
	"strings"
)

// WithGym is a coach that plans on gym g: the same catalog, defaults and
// presets. It is cheap; the result is immutable and safe for concurrent use.
func (c *Coach) WithGym(g *Gym) *Coach {
	cc := *c
	cc.gym = g
	return &cc
}

const gymExample = "gym kg plates 25x4 20x2 10x2 5x2 2.5x2 1.25x2"

// rackWord is the word the gym command reads for e's bar or sled weight:
// "bar", "smith", "ez", "trap", ...
func rackWord(e Equipment) string {
	if e == Barbell {
		return "bar"
	}
	return e.Word()
}

// rackWords lists the bar and sled words, the barbell's first.
func rackWords() []string {
	var w []string
	for _, e := range AllEquipment() {
		if e.Plated() {
			w = append(w, rackWord(e))
		}
	}
	return w
}

// RackChanges lists, as examples, the changes ChangeRack reads.
func RackChanges() string {
	return gymExample + ", gym lb bar 45, gym kg trap 25 (bars and sleds: " + strings.Join(rackWords()[1:], ", ") +
		"; 0 for none), gym kg dumbbells 2.5-50/2.5, gym kg machine 5-150/5"
}

// ChangeRack applies one "gym" change to a rack: a bar's or sled's weight
// ("bar 20", "smith 15", "ez 10", "trap 25", "ssb 30", "womens 15", "sled
// 50", "hack 40", "plate-loaded 10"; 0 takes that equipment out, and for
// the Smith machine means a counterbalanced bar), "plates 25x4 20x2 ..."
// (per side, that is pairs), "dumbbells 2.5-50/2.5" or a list, "machine
// 5-150/5", "cable 2.5-100/2.5". Errors are *Error values.
func ChangeRack(r Rack, args []string) (Rack, error) {
	if len(args) < 2 {
		return r, userErr(gymExample, "Say what to change and to what.")
	}
	what, vals := strings.ToLower(args[0]), args[1:]
	num := func(s string) (float64, error) {
		v, ok := ParseDecimal(strings.Replace(s, ",", ".", 1))
		if !ok || v <= 0 || v > MaxLoad*3 {
			return 0, userErr(gymExample, "%q is not a weight.", clip(s, 20))
		}
		return v, nil
	}
	switch what {
	case "plates", "pairs":
		var plates []float64
		for _, v := range vals {
			w, n := strings.NewReplacer("×", "x", "*", "x").Replace(v), 1
			if wt, cnt, ok := strings.Cut(w, "x"); ok {
				c, err := strconv.Atoi(cnt)
				if err != nil || c < 1 || c > 20 {
					return r, userErr(gymExample, "%q: write plates per side as weight x count, such as 20x2.", clip(v, 20))
				}
				w, n = wt, c
			}
			p, err := num(w)
			if err != nil {
				return r, err
			}
			for range n {
				plates = append(plates, p)
			}
		}
		r.Plates = plates
	case "dumbbells", "dumbbell", "db":
		if len(vals) == 1 && strings.Contains(vals[0], "-") {
			st, err := parseStack(vals[0])
			if err != nil {
				return r, err
			}
			var dbs []float64
			for w := st.Min; w <= st.Max+1e-9 && len(dbs) < 500; w += st.Step {
				dbs = append(dbs, round2(w))
			}
			r.Dumbbells = dbs
			break
		}
		var dbs []float64
		for _, v := range vals {
			w, err := num(v)
			if err != nil {
				return r, err
			}
			dbs = append(dbs, w)
		}
		r.Dumbbells = dbs
	case "machine", "cable":
		if len(vals) != 1 {
			return r, userErr("gym kg machine 5-150/5", "Write a stack as min-max/step, such as 5-150/5.")
		}
		st, err := parseStack(vals[0])
		if err != nil {
			return r, err
		}
		if what == "machine" {
			r.Machine = st
		} else {
			r.Cable = st
		}
	default:
		e, ok := ParseEquipment(what)
		if !ok || !e.Plated() {
			return r, userErr(gymExample, "The gym has %s, plates, dumbbells, machine and cable.", strings.Join(rackWords(), ", "))
		}
		example := "gym kg " + rackWord(e) + " " + FormatLoad(DefaultKGRack().Start(e))
		if len(vals) != 1 {
			return r, userErr(example, "Give one weight for the %s.", e)
		}
		if v, ok := ParseDecimal(strings.Replace(vals[0], ",", ".", 1)); ok && v == 0 && e != Barbell {
			r.SetStart(e, 0)
			break
		}
		v, err := num(vals[0])
		if err != nil {
			return r, userErr(example, "%q is not a weight for the %s.", clip(vals[0], 20), e)
		}
		r.SetStart(e, v)
	}
	return r, nil
}

// parseStack reads "5-150/5".
func parseStack(s string) (Stack, error) {
	bad := userErr("gym kg machine 5-150/5", "Write a range as min-max/step, such as 5-150/5.")
	rng, step, ok := strings.Cut(s, "/")
	lo, hi, ok2 := strings.Cut(rng, "-")
	if !ok || !ok2 {
		return Stack{}, bad
	}
	var v [3]float64
	for i, p := range []string{lo, hi, step} {
		f, ok := ParseDecimal(strings.Replace(p, ",", ".", 1))
		if !ok || f <= 0 {
			return Stack{}, bad
		}
		v[i] = f
	}
	if v[0] > v[1] || (v[1]-v[0])/v[2] > 1000 {
		return Stack{}, bad
	}
	return Stack{Min: v[0], Max: v[1], Step: v[2]}, nil
}

// RackText describes a rack in one line: every bar and sled with its
// weight (and the ones the gym has none of), the plates a side, the
// dumbbells and the stacks.
func RackText(u Unit, r Rack) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: bar %s, Smith bar %s, ", u, FormatLoad(r.Bar), FormatLoad(r.SmithBar))
	var none []string
	for _, e := range AllEquipment() {
		switch {
		case !e.Plated() || e == Barbell || e == Smith:
		case r.Start(e) == 0:
			none = append(none, e.String())
		default:
			fmt.Fprintf(&b, "%s %s, ", e, FormatLoad(r.Start(e)))
		}
	}
	b.WriteString("plates a side ")
	counts := map[float64]int{}
	var order []float64
	for _, p := range r.Plates {
		if counts[p] == 0 {
			order = append(order, p)
		}
		counts[p]++
	}
	for i, p := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%sx%d", FormatLoad(p), counts[p])
	}
	if len(r.Dumbbells) > 0 {
		fmt.Fprintf(&b, ", dumbbells %s-%s (%d)", FormatLoad(r.Dumbbells[0]), FormatLoad(r.Dumbbells[len(r.Dumbbells)-1]), len(r.Dumbbells))
	}
	fmt.Fprintf(&b, ", machine %s-%s/%s, cable %s-%s/%s", FormatLoad(r.Machine.Min), FormatLoad(r.Machine.Max), FormatLoad(r.Machine.Step),
		FormatLoad(r.Cable.Min), FormatLoad(r.Cable.Max), FormatLoad(r.Cable.Step))
	if len(none) > 0 {
		b.WriteString("; no " + strings.Join(none, ", no "))
	}
	return b.String()
}
