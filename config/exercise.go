package config

import (
	"fmt"
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// catalog is the built-in catalog with the file's [[exercise]] tables
// added; the coach refuses a name or alias that clashes.
func catalog(tables []exerciseTable, fail failFunc) (*coach.Catalog, error) {
	extra := make([]coach.Exercise, len(tables))
	for i, et := range tables {
		key := fmt.Sprintf("exercise[%d]", i)
		e := coach.Exercise{Name: strings.ToLower(strings.TrimSpace(et.Name)), Compound: et.Compound, Family: et.Family}
		for _, a := range et.Aliases {
			e.Aliases = append(e.Aliases, strings.ToLower(strings.TrimSpace(a)))
		}
		for _, m := range et.Muscles {
			mu, ok := coach.ParseMuscle(m)
			if !ok {
				return nil, fail(key+".muscles", "%q is not a muscle group (%s)", m, muscleWords())
			}
			e.Muscles = append(e.Muscles, mu)
		}
		eq, ok := coach.ParseEquipment(et.Equipment)
		if !ok {
			return nil, fail(key+".equipment", "%q is not one of %s", et.Equipment, strings.Join(coach.EquipmentWords(), ", "))
		}
		e.Equipment = eq
		extra[i] = e
	}
	cat, err := coach.DefaultCatalog().With(extra)
	if err != nil {
		return nil, fail("exercise", "%v", err)
	}
	return cat, nil
}

// muscleWords lists the muscle groups: "chest, back, shoulders, ...".
func muscleWords() string {
	var words []string
	for _, m := range coach.AllMuscles() {
		words = append(words, string(m))
	}
	return strings.Join(words, ", ")
}
