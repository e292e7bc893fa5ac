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

// ParseDecimal reads a number written in plain decimal: an optional sign,
// digits, and at most one decimal point ("80", "-15", "67.5", ".5"). It
// takes nothing else strconv.ParseFloat would: no "nan", "inf" or
// "infinity", no exponent ("1e-10", "1e309"), no hexadecimal ("0x10",
// "0x1p3"), no underscores ("1_000"); and the result is always finite.
// Every number a lifter types or an admin configures is read this way, so
// that no spelling of a number reaches a plan, a store or a pace that its
// plain reading would not. A decimal comma is the caller's to turn into a
// point.
func ParseDecimal(s string) (float64, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, points := 0, 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return 0, false
		}
	}
	if digits == 0 || points > 1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false // too many digits for a float64
	}
	return v, true
}
