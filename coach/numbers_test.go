package coach

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// hostileNumbers are spellings strconv.ParseFloat (or a careless reading)
// takes as numbers but no lifter means: not finite, not plain decimal,
// or out of any range.
var hostileNumbers = []string{"nan", "NaN", "inf", "+Inf", "-inf", "infinity", "1e309", "0x10", "0x1p3", "1_000", "1e-10", "8e0"}

func TestParseDecimal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{"80", 80}, {"67.5", 67.5}, {"-15", -15}, {"+2.5", 2.5}, {".5", 0.5}, {"5.", 5}, {"0", 0}, {"007", 7},
	} {
		if got, ok := ParseDecimal(tc.in); !ok || got != tc.want {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
	refused := append([]string{"", "+", "-", ".", "1.2.3", "1,5", " 1", "1 ", "--1", "1-", strings.Repeat("9", 400)}, hostileNumbers...)
	for _, in := range refused {
		if got, ok := ParseDecimal(in); ok {
			t.Errorf("ParseDecimal(%q) = %v, true; want refused", in, got)
		}
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range append([]string{"80", "67.5", "-1", ".5"}, hostileNumbers...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseDecimal(s)
		if !ok {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || strings.ContainsAny(strings.ToLower(s), "xpe_ni") {
			t.Fatalf("ParseDecimal(%q) = %v, true", s, v)
		}
	})
}

// Every place a command reads a number refuses every hostile spelling
// with the user-facing error, and none of them reaches a plan or a log.
func TestHostileNumbersInCommands(t *testing.T) {
	c := testCoach(t)
	places := []string{
		"drop %skg bench",                 // a plan's load
		"drop %s bench",                   // a load in the default unit
		"drop 80kg bench -%s%%",           // a drop's percent
		"drop 80kg bench %s%%",            // the same, without the minus
		"drop 80kg bench %s drops",        // the number of drops
		"rp 100kg squat %s minis",         // mini-sets
		"rp 100kg squat rest %s",          // a rest
		"backoff bench 90kg x%s",          // reps
		"done %s",                         // reps reported in a session
		"log bench %sx5",                  // a logged load
		"log bench %s kg 5",               // a logged load, apart
		"log bench 100x%s",                // logged reps
		"log bench 100x5x%s",              // logged sets
		"log squat 140kg 5 @%s",           // RPE
		"log squat 140kg 5 rpe %s",        // RPE, in words
		"log bench 100kg x %s",            // reps of a pending load
		"japanese 100kg bench x%s",        // a Japanese set's reps
		"japanese ladder 100kg bench x%s", // the ladder's
	}
	for _, place := range places {
		for _, n := range hostileNumbers {
			text := fmt.Sprintf(place, n)
			if text == "log bench 0x10x5" {
				continue // load x reps x sets: 0 kg, 10 reps, 5 sets, as written
			}
			cmd, err := c.Parse(text, KG)
			var ue *Error
			if !errors.As(err, &ue) {
				t.Errorf("Parse(%q) = %+v, %v; want a user error", text, cmd, err)
			}
		}
	}
}

// The RPE of a logged set is a plain number from 1 to 10; "@nan" once
// passed every comparison and was stored.
func TestLoggedRPEIsFinite(t *testing.T) {
	c := testCoach(t)
	cmd, err := c.Parse("log squat 140kg 5 @8.5", KG)
	if err != nil || len(cmd.Lifts) != 1 || cmd.Lifts[0].RPE != 8.5 {
		t.Fatalf("Parse = %+v, %v", cmd.Lifts, err)
	}
	for _, n := range hostileNumbers {
		if cmd, err := c.Parse("log squat 140kg 5 @"+n, KG); err == nil {
			t.Errorf("@%s logged: %+v", n, cmd.Lifts)
		} else if !strings.Contains(err.Error(), "RPE is written @8") {
			t.Errorf("@%s: %v", n, err)
		}
	}
}

func TestHostileNumbersInGymChanges(t *testing.T) {
	places := [][]string{
		{"bar", "%s"}, {"trap", "%s"}, {"smith", "%s"},
		{"plates", "%sx2"}, {"plates", "20x%s"}, {"plates", "20", "%s"},
		{"dumbbells", "%s"}, {"dumbbells", "2-%s/2"}, {"dumbbells", "%s-50/2"}, {"dumbbells", "2-50/%s"},
		{"machine", "5-%s/5"}, {"machine", "%s-100/5"}, {"cable", "5-100/%s"},
	}
	for _, place := range places {
		for _, n := range hostileNumbers {
			args := make([]string, len(place))
			for i, a := range place {
				args[i] = strings.ReplaceAll(a, "%s", n)
			}
			r, err := ChangeRack(DefaultKGRack(), args)
			var ue *Error
			if !errors.As(err, &ue) {
				t.Errorf("ChangeRack(%q) = %+v, %v; want a user error", args, r, err)
			}
		}
	}
}
