package config

import (
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/spotter-coach/spotter/coach"
)

// plainNumbers refuses every number in the file that is not written in
// plain decimal, as coach.ParseDecimal reads a lifter's numbers: TOML
// also takes nan, inf, exponents (1e-10), hexadecimal, octal and binary
// integers and underscores (1_000), and none of them is a weight, a
// percentage or a rate anyone means. A nan in particular passes every
// range check (each comparison with it is false), so it is stopped here,
// once for every key, before any check of a value.
func plainNumbers(data []byte, fail failFunc) error {
	var err error
	walkKeys(data, func(key string, _ int, v *unstable.Node) {
		if err == nil && v != nil {
			err = plainValue(key, v, fail)
		}
	})
	return err
}

// plainValue checks one value, and the values of an array in it.
func plainValue(key string, v *unstable.Node, fail failFunc) error {
	switch v.Kind {
	case unstable.Integer, unstable.Float:
		if _, ok := coach.ParseDecimal(string(v.Data)); !ok {
			return fail(key, "%s is not a number written in plain decimal, such as 20 or 2.5 (no nan, inf, exponents, hexadecimal or underscores)", v.Data)
		}
	case unstable.Array:
		it := v.Children()
		for it.Next() {
			if err := plainValue(key, it.Node(), fail); err != nil {
				return err
			}
		}
	}
	return nil
}
