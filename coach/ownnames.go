package coach

import (
	"slices"
	"strings"
)

// OwnNames returns the exercise names in one lifter's history, as they
// are stored: the catalog's names, and the names an import kept as the
// app wrote them because the catalog could not place them ("ring dip",
// "lat pulldown (single arm)"). The coach calls it only when the catalog
// does not know a name a command gives, so it may read the history then;
// it is called on the goroutine that called the coach, and not kept.
type OwnNames func() []string

// WithOwnNames returns a coach for one lifter, which reaches the lifter's
// own exercise names (see OwnNames) wherever a command names an exercise:
// Parse (plans, log), FindExercise and SuggestExercises. A name the
// catalog knows always means the catalog's exercise. c is not changed;
// own nil returns c.
func (c *Coach) WithOwnNames(own OwnNames) *Coach {
	if own == nil {
		return c
	}
	cc := *c
	cat := *c.catalog
	cat.own = own
	cc.catalog = &cat
	return &cc
}

// FindExercise finds the exercise a lifter names, as Parse does: in the
// catalog (see Catalog.Lookup), else among the lifter's own names when the
// coach has them (WithOwnNames). An own name's exercise carries the name
// as stored, so that history, records and charts find its sets; its
// equipment is the one its name says ("(cable)", "machine"), else the
// barbell, and it has no muscles or family.
func (c *Coach) FindExercise(name string) (*Exercise, bool) {
	if e, ok := c.catalog.Lookup(name); ok {
		return e, true
	}
	return c.catalog.lookupOwn(name)
}

// SuggestExercises are up to n names close to one neither the catalog nor
// the lifter's own names hold, for "did you mean": the lifter's own names
// first.
func (c *Coach) SuggestExercises(name string, n int) []string {
	var out []string
	if oc := c.catalog.ownCatalog(); oc != nil {
		out = oc.Suggest(name, n)
	}
	for _, s := range c.catalog.Suggest(name, n) {
		if len(out) >= n {
			break
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// lookupOwn finds name among the lifter's own names: the name as stored,
// without its parenthesised label ("lat pulldown (single arm)" also
// answers to "lat pulldown single arm"), in the plural or the singular.
func (c *Catalog) lookupOwn(name string) (*Exercise, bool) {
	oc := c.ownCatalog()
	if oc == nil {
		return nil, false
	}
	return oc.Lookup(name)
}

// ownCatalog is a catalog of the lifter's own names that c does not know,
// built when asked (a lifter's names change with every import); nil when
// there are none.
func (c *Catalog) ownCatalog() *Catalog {
	if c.own == nil {
		return nil
	}
	names := c.own()
	oc := &Catalog{byKey: make(map[string]*Exercise, 2*len(names))}
	for _, stored := range names {
		stored = strings.TrimSpace(stored)
		k := catNormalize(stored)
		if k == "" || len(k) > 2*MaxMessage {
			continue
		}
		if _, ok := c.Lookup(k); ok {
			continue // the catalog's: reached as such
		}
		if _, ok := oc.byKey[k]; ok {
			continue // the same name written another way: the first stays
		}
		e := &Exercise{Name: stored, Equipment: ownEquipment(k)}
		idx := len(oc.list)
		oc.list = append(oc.list, e)
		for _, key := range ownKeys(k) {
			if _, taken := oc.byKey[key]; !taken {
				oc.byKey[key] = e
				oc.keys = append(oc.keys, catMakeKey(key, idx))
				oc.maxKey = max(oc.maxKey, len(key))
			}
		}
	}
	if len(oc.list) == 0 {
		return nil
	}
	return oc
}

// ownKeys are the keys an own name answers to: itself, and with a
// parenthesised label, the name without it and the name with the label's
// words ("lat pulldown (single arm)", "lat pulldown", "lat pulldown single
// arm").
func ownKeys(k string) []string {
	keys := []string{k}
	base, rest, found := strings.Cut(k, "(")
	if !found {
		return keys
	}
	label, after, _ := strings.Cut(rest, ")")
	base = strings.TrimSpace(base)
	flat := strings.Join(strings.Fields(base+" "+label+" "+after), " ")
	if flat != "" && flat != k {
		keys = append(keys, flat)
	}
	if base != "" && strings.TrimSpace(after) == "" {
		keys = append(keys, base)
	}
	return keys
}

// ownEquipment is the equipment an own name says: its label ("(cable)",
// "(assisted)"), else its first equipment word ("smith machine shrug"),
// else the barbell, the catalog's version of a bare movement.
func ownEquipment(k string) Equipment {
	if _, rest, found := strings.Cut(k, "("); found {
		label, _, _ := strings.Cut(rest, ")")
		if _, eq, ok := equipmentLabel(strings.TrimSpace(label)); ok {
			return eq
		}
	}
	for _, w := range strings.FieldsFunc(k, func(r rune) bool { return r == ' ' || r == '(' || r == ')' }) {
		if eq, ok := ParseEquipment(w); ok {
			return eq
		}
		if eq, ok := labelWords[w]; ok {
			return eq
		}
	}
	return Barbell
}
