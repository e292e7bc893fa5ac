package coach

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Numbers and words as a lifter reads them. A load the equipment makes is
// shown as it is (FormatLoad: 67.5, 1.25 for a plate); a number Spotter
// computes or converts (an estimated 1RM, a load logged in the other unit,
// a session's volume) is shown to the step a lifter can act on, 0.5 kg or
// 1 lb, never as 116.67 or 314.16. JSON keeps full precision: only text is
// rounded.

// DisplayStep is the step computed loads are shown to: 0.5 kg, 1 lb.
func DisplayStep(u Unit) float64 {
	if u == LB {
		return 1
	}
	return 0.5
}

// RoundStep rounds a computed load to DisplayStep(u): 116.67 kg is 116.5,
// 314.16 lb is 314.
func RoundStep(v float64, u Unit) float64 {
	s := DisplayStep(u)
	r := math.Round(v/s) * s
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// FormatE1RM writes an estimated one-rep max with its unit, to
// DisplayStep: "116.5 kg", "257 lb".
func FormatE1RM(v float64, u Unit) string {
	return FormatLoad(RoundStep(v, u)) + " " + u.String()
}

// FormatLoadIn writes a load logged in unit logged as a lifter who reads
// unit u sees it: as logged when the units agree ("142.5 kg"), else
// converted to DisplayStep with the load as logged after it ("314 lb
// (142.5 kg)"), so that nobody reads 314.16 lb and the plates they
// really used stay in sight.
func FormatLoadIn(load float64, logged, u Unit) string {
	if logged == u {
		return FormatLoad(load) + " " + u.String()
	}
	return FormatLoad(RoundStep(Convert(load, logged, u), u)) + " " + u.String() +
		" (" + FormatLoad(load) + " " + logged.String() + ")"
}

// Plural writes a count and its noun, the noun in the plural unless the
// count is one: Plural(1, "set") is "1 set", Plural(3, "rep") "3 reps",
// Plural(2, "entry") "2 entries".
func Plural(n int, noun string) string {
	s := strconv.Itoa(n) + " "
	if n == 1 || n == -1 {
		return s + noun
	}
	return s + PluralNoun(noun)
}

// PluralNoun is the plural of an English noun as Spotter uses them: sets,
// reps, entries, boxes, inches.
func PluralNoun(noun string) string {
	switch {
	case noun == "":
		return noun
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"), strings.HasSuffix(noun, "z"),
		strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "sh"):
		return noun + "es"
	case len(noun) > 1 && strings.HasSuffix(noun, "y") && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

// Article is "a" or "an" for the phrase that follows it, by how the
// phrase is spoken: "an RPE ramp", "a drop set", "an EZ bar", "an 80 kg
// set", "an 11", "a 1RM", "a unilateral row", "an hour".
func Article(phrase string) string {
	if anSound(phrase) {
		return "an"
	}
	return "a"
}

// WithArticle is phrase after its article: "an RPE ramp".
func WithArticle(phrase string) string { return Article(phrase) + " " + phrase }

// anSound reports whether phrase starts with a vowel sound.
func anSound(phrase string) bool {
	w := strings.TrimSpace(phrase)
	if i := strings.IndexAny(w, " -"); i > 0 {
		w = w[:i]
	}
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsDigit(r):
		return anNumber(w)
	case isInitialism(w):
		// Said letter by letter: "an RPE", "an EZ bar", "an SSB", "a DB".
		return strings.ContainsRune("AEFHILMNORSX", r)
	}
	l := strings.ToLower(w)
	for _, p := range []string{"uni", "use", "usu", "uti", "ura", "ure", "uro", "eu", "one", "once", "ewe"} {
		if strings.HasPrefix(l, p) {
			return false
		}
	}
	for _, p := range []string{"hour", "honest", "honor", "honour", "heir"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return strings.ContainsRune("aeiou", rune(l[0]))
}

// isInitialism reports whether w is two to four capital letters (with
// digits), a word said letter by letter rather than as a word.
func isInitialism(w string) bool {
	if len(w) < 2 || len(w) > 4 {
		return false
	}
	letters := 0
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 2
}

// anNumber reports whether a number written in digits is said with a
// vowel first: 8, 11, 18, 80-89, 800-899, 8000, 11000, 18000...
func anNumber(w string) bool {
	end := 0
	for end < len(w) && (w[end] >= '0' && w[end] <= '9' || w[end] == ',') {
		end++
	}
	digits := strings.ReplaceAll(w[:end], ",", "")
	if digits == "" {
		return false
	}
	lead := len(digits) % 3
	if lead == 0 {
		lead = 3
	}
	g := digits[:lead]
	return g[0] == '8' || g == "11" || g == "18"
}
