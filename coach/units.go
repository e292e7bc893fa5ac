package coach

import (
	"math"
	"strconv"
	"strings"
)

// Unit is a unit of load: kilograms or pounds.
type Unit uint8

const (
	KG Unit = iota
	LB
)

// KGPerLB is the exact international pound.
const KGPerLB = 0.45359237

func (u Unit) String() string {
	if u == LB {
		return "lb"
	}
	return "kg"
}

// ParseUnit reads a unit word: kg, kgs, kilo(s), lb, lbs, pound(s).
func ParseUnit(s string) (Unit, bool) {
	switch strings.ToLower(s) {
	case "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms":
		return KG, true
	case "lb", "lbs", "pound", "pounds", "#":
		return LB, true
	}
	return KG, false
}

// Convert converts a load from one unit to another.
func Convert(load float64, from, to Unit) float64 {
	switch {
	case from == to:
		return load
	case from == LB:
		return load * KGPerLB
	default:
		return load / KGPerLB
	}
}

// FormatLoad writes a load with at most two decimals and no trailing zeros:
// 80, 67.5, 1.25.
func FormatLoad(load float64) string {
	return string(AppendLoad(nil, load))
}

// AppendLoad is FormatLoad appending to b.
func AppendLoad(b []byte, load float64) []byte {
	r := math.Round(load*100) / 100
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.AppendFloat(b, r, 'f', -1, 64)
}
