package coach

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// ownHistory is what an import of a Strong, Hevy or FitNotes file keeps
// under the app's own names, beside names the catalog knows.
var ownHistory = []string{
	"bench press", "ring dip", "lat pulldown (single arm)", "bench press - wide grip (barbell)",
	"kettlebell swing", "Seated Chest Flys (Cable)", "  shrug (smith machine) ", "chest dip (assisted)",
}

func TestOwnNamesReachEveryCommand(t *testing.T) {
	c := testCoach(t).WithOwnNames(func() []string { return ownHistory })
	for _, tt := range []struct{ in, want string }{
		{"log ring dip 20x5", "ring dip"},
		{"log ring dips 20x5", "ring dip"},
		{"log Ring-Dip 20x5", "ring dip"},
		{"log lat pulldown single arm 40x10", "lat pulldown (single arm)"},
		{"log lat pulldown (single arm) 40x10", "lat pulldown (single arm)"},
		{"log bench press - wide grip (barbell) 80x5", "bench press - wide grip (barbell)"},
		{"log bench press wide grip 80x5", "bench press - wide grip (barbell)"},
		{"log seated chest flys 20x12", "Seated Chest Flys (Cable)"},
		{"log shrug (smith machine) 100x10", "shrug (smith machine)"},
		// The catalog's names stay the catalog's.
		{"log bench 100x5", "bench press"},
		{"log chest dip (assisted) 10x8", "dip"},
	} {
		cmd, err := c.Parse(tt.in, KG)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if cmd.Exercise.Name != tt.want || cmd.Lifts[0].Exercise != tt.want {
			t.Errorf("Parse(%q) = exercise %q, lifts of %q; want %q", tt.in, cmd.Exercise.Name, cmd.Lifts[0].Exercise, tt.want)
		}
	}
	// A plan on an own name is planned on the equipment its name says.
	for in, want := range map[string]Equipment{
		"drop 40kg seated chest flys": Cable, "drop 60kg bench press wide grip": Barbell,
		"drop 100kg shrug (smith machine)": Smith, "drop 40kg ring dip dumbbell": Dumbbell,
	} {
		cmd, err := c.Parse(in, KG)
		if err != nil || cmd.Equipment != want {
			t.Errorf("Parse(%q) = equipment %v, %v; want %v", in, cmd.Equipment, err, want)
			continue
		}
		if _, err := c.Plan(cmd); err != nil {
			t.Errorf("Plan(%q): %v", in, err)
		}
	}
	// The history commands find them through FindExercise.
	for in, want := range map[string]string{
		"kettlebell swings": "kettlebell swing", "Lat Pulldown Single Arm": "lat pulldown (single arm)",
		"bp": "bench press", "Bench Press (Barbell)": "bench press",
	} {
		if e, ok := c.FindExercise(in); !ok || e.Name != want {
			t.Errorf("FindExercise(%q) = %v, %v; want %q", in, e, ok, want)
		}
	}
	// An assisted own name is a body-weight exercise, and is not planned.
	if _, err := c.Parse("drop 20kg chest dip (assisted)", KG); err == nil || !strings.Contains(err.Error(), "body-weight") {
		t.Errorf("a plan on an assisted dip: %v", err)
	}
}

func TestOwnNamesSuggested(t *testing.T) {
	c := testCoach(t).WithOwnNames(func() []string { return ownHistory })
	_, err := c.Parse("log rnig dip 20x5", KG)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Msg, "did you mean ring dip") {
		t.Fatalf("Parse(rnig dip) = %v, want ring dip suggested first", err)
	}
	if got := c.SuggestExercises("kettlebel swing", 3); len(got) == 0 || got[0] != "kettlebell swing" {
		t.Errorf("SuggestExercises(kettlebel swing) = %q", got)
	}
	if got := c.SuggestExercises("bech", 3); !slices.Contains(got, "bench press") || len(got) > 3 {
		t.Errorf("SuggestExercises(bech) = %q", got)
	}
}

func TestOwnNamesOnlyWhenAsked(t *testing.T) {
	calls := 0
	base := testCoach(t)
	c := base.WithOwnNames(func() []string { calls++; return ownHistory })
	for _, in := range []string{"log bench 100x5", "drop 80kg bench", "log Flat Barbell Bench Press 100x5"} {
		if _, err := c.Parse(in, KG); err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
	}
	if calls != 0 {
		t.Errorf("the lifter's names were read %d times for names the catalog knows", calls)
	}
	// Without them, an own name is unknown, and the shared coach never
	// learns them.
	if _, err := base.Parse("log ring dip 20x5", KG); err == nil {
		t.Error("the shared coach knows a lifter's own name")
	}
	if base.WithOwnNames(nil) != base {
		t.Error("WithOwnNames(nil) made a new coach")
	}
	empty := base.WithOwnNames(func() []string { return nil })
	if _, err := empty.Parse("log ring dip 20x5", KG); err == nil {
		t.Error("an empty history knows ring dip")
	}
}

func ExampleCatalog_Place() {
	c := DefaultCatalog()
	for _, name := range []string{
		"Bench Press (Barbell)",            // Strong and Hevy
		"Flat Barbell Bench Press",         // FitNotes
		"Lat Pulldown - Wide Grip (Cable)", // Strong
		"Pull Up (Assisted)",               // Hevy
		"Shrug (Smith Machine)",            // no Smith machine shrug in the catalog
	} {
		canonical, ok := c.Place(name)
		fmt.Printf("%s -> %q %v\n", name, canonical, ok)
	}
	// Output:
	// Bench Press (Barbell) -> "bench press" true
	// Flat Barbell Bench Press -> "bench press" true
	// Lat Pulldown - Wide Grip (Cable) -> "lat pulldown" true
	// Pull Up (Assisted) -> "pull up" true
	// Shrug (Smith Machine) -> "" false
}

func ExampleCoach_WithOwnNames() {
	c, _ := New(Config{})
	own := func() []string { return []string{"ring dip", "lat pulldown (single arm)"} }
	lifter := c.WithOwnNames(own)
	cmd, _ := lifter.Parse("log lat pulldown single arm 40x10", KG)
	fmt.Println(cmd.Lifts[0].Exercise)
	e, _ := lifter.FindExercise("ring dips")
	fmt.Println(e.Name)
	_, ok := c.FindExercise("ring dips") // the shared coach knows no lifter's names
	fmt.Println(ok)
	// Output:
	// lat pulldown (single arm)
	// ring dip
	// false
}
