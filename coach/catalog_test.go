package coach

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestCatalogLookup(t *testing.T) {
	c := DefaultCatalog()
	tests := []struct {
		in, want string
	}{
		// canonical names and aliases
		{"bench press", "bench press"},
		{"bench", "bench press"},
		{"bp", "bench press"},
		{"ohp", "overhead press"},
		{"press", "overhead press"},
		{"shoulder press", "dumbbell shoulder press"},
		{"squat", "back squat"},
		{"rdl", "romanian deadlift"},
		{"db rdl", "dumbbell romanian deadlift"},
		{"curl", "barbell curl"},
		{"bicep curl", "dumbbell curl"},
		{"leg curl", "lying leg curl"},
		{"pulldown", "lat pulldown"},
		{"smith incline", "smith incline bench press"},
		// case, hyphens, underscores, spaces
		{"BP", "bench press"},
		{"Bench Press", "bench press"},
		{"Bench-Press", "bench press"},
		{"  flat   bench ", "bench press"},
		{"flat_bench", "bench press"},
		{"T-Bar Row", "t bar row"},
		{"ez-bar curl", "ez bar curl"},
		{"lat\tpulldown", "lat pulldown"},
		{"stiff-legged deadlift", "stiff leg deadlift"},
		{"Incline – Bench", "incline bench press"}, // en dash from a phone keyboard
		// plurals
		{"squats", "back squat"},
		{"curls", "barbell curl"},
		{"lateral raises", "lateral raise"},
		{"Lateral-Raises", "lateral raise"},
		{"skull crushers", "skull crusher"},
		{"lunges", "barbell lunge"},
		{"dumbbell flies", "dumbbell fly"},
		{"rdls", "romanian deadlift"},
		{"face pulls", "face pull"},
		{"rack pulls", "rack pull"},
	}
	for _, tt := range tests {
		e, ok := c.Lookup(tt.in)
		if !ok {
			t.Errorf("Lookup(%q): not found, want %q", tt.in, tt.want)
			continue
		}
		if e.Name != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.in, e.Name, tt.want)
		}
	}
}

func TestLookupMisses(t *testing.T) {
	c := DefaultCatalog()
	for _, in := range []string{
		"", "   ", "-", "xyzzy", "benchpress", "bench press please",
		"plank", "bs", "pres", "b", strings.Repeat("bench ", 200),
	} {
		if e, ok := c.Lookup(in); ok {
			t.Errorf("Lookup(%q) = %q, want no match", in, e.Name)
		}
	}
}

func TestLookupSingularOfPluralName(t *testing.T) {
	c, err := NewCatalog([]Exercise{
		{Name: "farmer walks", Aliases: []string{"farmers"}, Muscles: []Muscle{Forearms, Traps}, Equipment: Dumbbell},
	})
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := c.Lookup("Farmer Walk"); !ok || e.Name != "farmer walks" {
		t.Errorf(`Lookup("Farmer Walk") = %v, %v; want "farmer walks"`, e, ok)
	}
}

func TestLookupNoAllocs(t *testing.T) {
	c := DefaultCatalog()
	for _, in := range []string{"bench press", "bp", "Bench-Press", "  flat   bench ", "lateral raises", "xyzzy"} {
		if n := testing.AllocsPerRun(100, func() { c.Lookup(in) }); n != 0 {
			t.Errorf("Lookup(%q) allocates %v times, want 0", in, n)
		}
	}
}

func TestSuggest(t *testing.T) {
	c := DefaultCatalog()
	tests := []struct {
		in, first string
	}{
		{"bech", "bench press"},
		{"bnch", "bench press"},
		{"benchpress", "bench press"},
		{"bench pres", "bench press"},
		{"sqaut", "back squat"},
		{"squats", "back squat"},
		{"front sqaut", "front squat"},
		{"dedlift", "deadlift"},
		{"romanain deadlift", "romanian deadlift"},
		{"lateral raize", "lateral raise"},
		{"hamer curl", "hammer curl"},
		{"tricep pushdwn", "tricep pushdown"},
		{"latpulldown", "lat pulldown"},
		{"bulg", "bulgarian split squat"},
		{"incline", "incline bench press"},
		{"Skull-Crushers!", "skull crusher"},
	}
	for _, tt := range tests {
		got := c.Suggest(tt.in, 3)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("Suggest(%q, 3) = %q, want %q first", tt.in, got, tt.first)
		}
		if len(got) > 3 {
			t.Errorf("Suggest(%q, 3) gave %d names", tt.in, len(got))
		}
		for i, name := range got {
			if _, ok := c.Lookup(name); !ok {
				t.Errorf("Suggest(%q) gave %q, which Lookup does not find", tt.in, name)
			}
			if slices.Contains(got[:i], name) {
				t.Errorf("Suggest(%q) = %q: %q twice", tt.in, got, name)
			}
		}
	}
}

func TestSuggestIncline(t *testing.T) {
	// A single shared word lists the exercises that have it.
	c := DefaultCatalog()
	got := c.Suggest("incline", 5)
	if len(got) < 3 {
		t.Fatalf("Suggest(incline, 5) = %q, want several", got)
	}
	for _, name := range got {
		e, _ := c.Lookup(name)
		words := strings.Join(append([]string{e.Name}, e.Aliases...), " ")
		if !strings.Contains(words, "incline") {
			t.Errorf("Suggest(incline) gave %q, which has no incline in its names", name)
		}
	}
}

func TestSuggestNothingClose(t *testing.T) {
	c := DefaultCatalog()
	for _, in := range []string{"xyzzy", "", "   ", "kettlebell swing", "qwertyuiopasdfgh", "plank"} {
		if got := c.Suggest(in, 5); len(got) != 0 {
			t.Errorf("Suggest(%q) = %q, want none", in, got)
		}
	}
	if got := c.Suggest("bech", 0); len(got) != 0 {
		t.Errorf("Suggest(bech, 0) = %q, want none", got)
	}
}

func TestNewCatalogErrors(t *testing.T) {
	bench := Exercise{Name: "bench press", Aliases: []string{"bench", "bp"}, Muscles: []Muscle{Chest}}
	tests := []struct {
		name  string
		ex    []Exercise
		words []string // each must appear in the error
	}{
		{"duplicate alias", []Exercise{bench,
			{Name: "dumbbell bench press", Aliases: []string{"db bench", "Bench"}, Muscles: []Muscle{Chest}}},
			[]string{`"bench"`, `"bench press"`, `"dumbbell bench press"`}},
		{"alias is another name", []Exercise{bench,
			{Name: "floor press", Aliases: []string{"bench-press"}, Muscles: []Muscle{Chest}}},
			[]string{`"bench press"`, `"floor press"`}},
		{"duplicate name after normalising", []Exercise{bench,
			{Name: "Bench_Press", Aliases: []string{"barbell bench"}, Muscles: []Muscle{Chest}}},
			[]string{`"bench press"`}},
		{"alias repeated", []Exercise{
			{Name: "deadlift", Aliases: []string{"dl", "DL"}, Muscles: []Muscle{Back}}},
			[]string{`"dl"`, `"deadlift"`}},
		{"missing muscle", []Exercise{{Name: "mystery lift", Aliases: []string{"ml"}}},
			[]string{`"mystery lift"`, "muscle"}},
		{"unknown muscle", []Exercise{{Name: "pec fly", Muscles: []Muscle{"pecs"}}},
			[]string{`"pec fly"`, `"pecs"`}},
		{"empty name", []Exercise{bench, {Name: "  ", Muscles: []Muscle{Chest}}},
			[]string{"#2", "name"}},
		{"empty alias", []Exercise{{Name: "dip", Aliases: []string{"-"}, Muscles: []Muscle{Triceps}}},
			[]string{`"dip"`, "alias"}},
		{"unknown equipment", []Exercise{{Name: "sled push", Muscles: []Muscle{Quads}, Equipment: equipmentCount}},
			[]string{`"sled push"`, "equipment"}},
	}
	for _, tt := range tests {
		c, err := NewCatalog(tt.ex)
		if err == nil {
			t.Errorf("%s: NewCatalog succeeded with %d exercises, want an error", tt.name, c.Len())
			continue
		}
		for _, w := range tt.words {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %s", tt.name, err, w)
			}
		}
	}
}

func TestNewCatalogNormalisesAndCopies(t *testing.T) {
	in := []Exercise{{Name: "Landmine  Press", Aliases: []string{"Landmine_OHP", "LM press"}, Muscles: []Muscle{Shoulders}, Equipment: Barbell, Compound: true, Family: "Overhead Press"}}
	c, err := NewCatalog(in)
	if err != nil {
		t.Fatal(err)
	}
	in[0].Aliases[1] = "changed"
	in[0].Muscles[0] = Calves
	e, ok := c.Lookup("lm press")
	if !ok {
		t.Fatal(`Lookup("lm press") failed after the caller changed its slice`)
	}
	if e.Name != "landmine press" || e.Family != "overhead press" || e.Muscles[0] != Shoulders {
		t.Errorf("got %+v, want normalised name and family and the original muscle", *e)
	}
}

func TestCatalogWith(t *testing.T) {
	base := DefaultCatalog()
	n := base.Len()

	// Adding.
	landmine := Exercise{Name: "landmine press", Aliases: []string{"lm press"}, Muscles: []Muscle{Shoulders, Chest}, Equipment: Barbell, Compound: true, Family: "overhead press"}
	c, err := base.With([]Exercise{landmine})
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != n+1 {
		t.Errorf("With one new exercise: Len = %d, want %d", c.Len(), n+1)
	}
	if e, ok := c.Lookup("LM-Press"); !ok || e.Name != "landmine press" {
		t.Errorf("new exercise not found by alias")
	}
	if e, ok := c.Lookup("bp"); !ok || e.Name != "bench press" {
		t.Errorf("With lost the existing exercises")
	}
	if _, ok := base.Lookup("lm press"); ok || base.Len() != n {
		t.Errorf("With changed the catalog it was called on")
	}
	if all := c.All(); all[len(all)-1].Name != "landmine press" {
		t.Errorf("new exercise is not last in All")
	}

	// Replacing: a user whose "squat" is the front squat and whose back
	// squat is spelled out.
	back := Exercise{Name: "Back Squat", Aliases: []string{"high bar"}, Muscles: []Muscle{Quads}, Equipment: Barbell, Compound: true, Family: "squat"}
	front := Exercise{Name: "front squat", Aliases: []string{"squat", "fsq"}, Muscles: []Muscle{Quads}, Equipment: Barbell, Compound: true, Family: "squat"}
	c, err = base.With([]Exercise{back, front})
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != n {
		t.Errorf("With replacements: Len = %d, want %d", c.Len(), n)
	}
	if e, ok := c.Lookup("squat"); !ok || e.Name != "front squat" {
		t.Errorf(`after replacing, "squat" = %v, want front squat`, e)
	}
	if e, ok := c.Lookup("high bar"); !ok || e.Name != "back squat" {
		t.Errorf(`after replacing, "high bar" = %v, want back squat`, e)
	}
	if _, ok := c.Lookup("bb squat"); ok {
		t.Errorf("replaced exercise kept its old aliases")
	}
	if slices.IndexFunc(c.All(), func(e *Exercise) bool { return e.Name == "back squat" }) !=
		slices.IndexFunc(base.All(), func(e *Exercise) bool { return e.Name == "back squat" }) {
		t.Errorf("replaced exercise moved in All")
	}

	// Clashes are reported as by NewCatalog.
	if _, err := base.With([]Exercise{{Name: "floor press", Aliases: []string{"bench"}, Muscles: []Muscle{Chest}}}); err == nil ||
		!strings.Contains(err.Error(), `"bench press"`) || !strings.Contains(err.Error(), `"floor press"`) {
		t.Errorf("alias clash with an existing exercise: err = %v", err)
	}
	if _, err := base.With([]Exercise{landmine, landmine}); err == nil {
		t.Errorf("the same new exercise twice: no error")
	}
	if _, err := base.With([]Exercise{{Name: "bench press"}}); err == nil {
		t.Errorf("replacement without muscles: no error")
	}
}

func TestDefaultCatalog(t *testing.T) {
	c := DefaultCatalog()
	if c != DefaultCatalog() {
		t.Error("DefaultCatalog built twice")
	}
	if c.Len() < 60 {
		t.Errorf("DefaultCatalog has %d exercises, want at least 60", c.Len())
	}
	all := c.All()
	if len(all) != c.Len() {
		t.Fatalf("All has %d, Len says %d", len(all), c.Len())
	}
	families := map[string]bool{}
	for _, e := range all {
		if len(e.Aliases) == 0 {
			t.Errorf("%q has no alias", e.Name)
		}
		if len(e.Muscles) == 0 || !catValidMuscle(e.Muscles[0]) {
			t.Errorf("%q has no valid muscle", e.Name)
		}
		if e.Family == "" {
			t.Errorf("%q has no family", e.Name)
		}
		families[e.Family] = true
		// Every name a lifter may type reaches this exercise, so no two
		// exercises share one.
		for _, k := range append([]string{e.Name}, e.Aliases...) {
			if got, ok := c.Lookup(k); !ok || got != e {
				t.Errorf("Lookup(%q) does not give %q", k, e.Name)
			}
		}
	}
	for _, f := range []string{"bench", "squat", "deadlift", "row", "overhead press", "curl"} {
		if !families[f] {
			t.Errorf("no exercise in family %q", f)
		}
	}
	// All is the caller's to reorder.
	all[0], all[1] = all[1], all[0]
	if c.All()[0] == all[0] {
		t.Error("All shares its slice with the catalog")
	}
}

func TestCatalogCoversEquipment(t *testing.T) {
	c := DefaultCatalog()
	for _, tt := range []struct {
		name string
		eq   Equipment
	}{
		{"bench", Barbell}, {"db bench", Dumbbell}, {"leg extension", Machine},
		{"lat pulldown", Cable}, {"smith squat", Smith}, {"hammer curl", Dumbbell},
		{"face pull", Cable},
		// Each names its own bar or sled.
		{"leg press", LegPressSled}, {"calf press", LegPressSled}, {"hack squat", HackSquatSled},
		{"trap bar", TrapBar}, {"hex bar deadlift", TrapBar}, {"ssb", SafetySquatBar},
		{"ez curl", EZBar}, {"preacher", EZBar}, {"skull crusher", EZBar},
		{"hammer strength row", PlateLoaded}, {"hammer strength chest press", PlateLoaded},
		{"plate loaded shoulder press", PlateLoaded}, {"machine row", Machine},
		{"barbell curl", Barbell}, {"t bar row", Barbell},
	} {
		e, ok := c.Lookup(tt.name)
		if !ok || e.Equipment != tt.eq {
			t.Errorf("Lookup(%q) = %v, want default equipment %v", tt.name, e, tt.eq)
		}
	}
	if e, _ := c.Lookup("squat"); !e.Compound {
		t.Error("squat is not compound")
	}
	if e, _ := c.Lookup("lateral raise"); e.Compound {
		t.Error("lateral raise is compound")
	}
}

func TestCatalogDeadliftFamily(t *testing.T) {
	// Back-off sets are never advised on deadlifts, so every variant a
	// lifter may name must land in the "deadlift" family...
	c := DefaultCatalog()
	for _, in := range []string{
		"deadlift", "sumo", "conventional deadlift", "rdl", "romanian deadlift",
		"stiff leg deadlift", "SLDL", "trap-bar deadlift", "hex bar", "rack pull",
		"block pull", "deficit deadlift", "db rdl", "single leg rdl",
	} {
		e, ok := c.Lookup(in)
		if !ok || e.Family != "deadlift" {
			t.Errorf("Lookup(%q) = %v, want an exercise in the deadlift family", in, e)
		}
	}
	isDeadlift := func(w string) bool {
		for _, tok := range strings.Fields(w) {
			switch tok {
			case "deadlift", "dl", "rdl", "sldl", "tbdl", "deads":
				return true
			}
		}
		return strings.Contains(w, "rack pull")
	}
	// ...and every exercise whose names say deadlift is in it.
	for _, e := range c.All() {
		for _, w := range append([]string{e.Name}, e.Aliases...) {
			if isDeadlift(w) && e.Family != "deadlift" {
				t.Errorf("%q (as %q) is in family %q, want deadlift", e.Name, w, e.Family)
			}
		}
	}
	// A good morning is a hinge, not a deadlift.
	if e, _ := c.Lookup("good morning"); e.Family == "deadlift" {
		t.Error("good morning is in the deadlift family")
	}
}

func TestParseMuscle(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Muscle
		ok   bool
	}{
		{"chest", Chest, true}, {"Pecs", Chest, true}, {"lats", Back, true},
		{"delts", Shoulders, true}, {"bicep", Biceps, true}, {"TRIS", Triceps, true},
		{"quadriceps", Quads, true}, {"hammies", Hamstrings, true}, {" glute ", Glutes, true},
		{"calf", Calves, true}, {"core", Abs, true}, {"forearm", Forearms, true},
		{"trap", Traps, true}, {"neck", "", false}, {"", "", false},
	} {
		got, ok := ParseMuscle(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseMuscle(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for _, m := range catMuscles {
		if got, ok := ParseMuscle(string(m)); !ok || got != m {
			t.Errorf("ParseMuscle(%q) = %q, %v", m, got, ok)
		}
	}
}

func TestCatalogConcurrent(t *testing.T) {
	c := DefaultCatalog()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if _, ok := c.Lookup("Flat-Bench"); !ok {
					t.Error("Lookup failed")
				}
				c.Suggest("sqaut", 3)
				c.All()
			}
		})
	}
	wg.Wait()
}

func BenchmarkLookup(b *testing.B) {
	c := DefaultCatalog()
	for _, in := range []string{"bench press", "bp", "Bench-Press", "  flat   bench ", "lateral raises", "xyzzy"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Lookup(in)
			}
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	c := DefaultCatalog()
	b.ReportAllocs()
	for b.Loop() {
		c.Suggest("romanain deadlift", 3)
	}
}

func ExampleCatalog_Lookup() {
	c := DefaultCatalog()
	for _, typed := range []string{"BP", "Flat-Bench", "  lateral   raises ", "rdl"} {
		e, ok := c.Lookup(typed)
		fmt.Printf("%q -> %q %v %v\n", typed, e.Name, e.Equipment, ok)
	}
	_, ok := c.Lookup("benchpress")
	fmt.Println("benchpress:", ok, c.Suggest("benchpress", 1))
	// Output:
	// "BP" -> "bench press" barbell true
	// "Flat-Bench" -> "bench press" barbell true
	// "  lateral   raises " -> "lateral raise" dumbbell true
	// "rdl" -> "romanian deadlift" barbell true
	// benchpress: false [bench press]
}

// Every exercise in the catalog is planned on equipment the default gym
// has in both units: a plated one starts at its own bar or sled. A
// body-weight exercise is not planned (TestBodyWeightIsLoggedNotPlanned).
func TestCatalogEquipmentLoadable(t *testing.T) {
	g := DefaultGym()
	for _, e := range DefaultCatalog().All() {
		if !e.Equipment.valid() || e.Equipment == WomensBar {
			t.Errorf("%s: equipment %v is not an exercise's default", e.Name, e.Equipment)
		}
		if e.Equipment == BodyWeight {
			continue
		}
		for _, u := range []Unit{KG, LB} {
			if len(g.Loads(e.Equipment, u)) < 2 {
				t.Errorf("%s: the default gym has %v loads of %v in %v", e.Name, len(g.Loads(e.Equipment, u)), e.Equipment, u)
				continue
			}
			load, ok := g.Round(e.Equipment, u, g.Max(e.Equipment, u)/2)
			if !ok {
				t.Errorf("%s: Round on %v in %v not ok", e.Name, e.Equipment, u)
			}
			if e.Equipment.Plated() {
				if g.Min(e.Equipment, u) != g.Rack(u).Start(e.Equipment) {
					t.Errorf("%s: lightest %v load in %v is %v, not the bar's %v", e.Name, e.Equipment, u, g.Min(e.Equipment, u), g.Rack(u).Start(e.Equipment))
				}
				if _, ok := g.PlatesFor(e.Equipment, u, load); !ok {
					t.Errorf("%s: no plates for %v %v on %v", e.Name, load, u, e.Equipment)
				}
			}
		}
	}
}

// Exported names carry the equipment the way Strong writes it, and every
// catalog name comes back from its exported form.
func TestCatalogExportImportNames(t *testing.T) {
	c := testCoach(t)
	for name, want := range map[string]string{
		"bench press":       "Bench Press (Barbell)",
		"ez bar curl":       "Ez Bar Curl (EZ Bar)",
		"trap bar deadlift": "Trap Bar Deadlift (Trap Bar)",
		"safety bar squat":  "Safety Bar Squat (Safety Squat Bar)",
		"leg press":         "Leg Press (Machine)",
		"hack squat":        "Hack Squat (Machine)",
		"plate loaded row":  "Plate Loaded Row (Machine)",
		"smith squat":       "Smith Squat (Smith)",
	} {
		if got := c.exportName(name); got != want {
			t.Errorf("exportName(%q) = %q, want %q", name, got, want)
		}
	}
	for in, want := range map[string]string{
		"Leg Press (Machine)":               "leg press",
		"Hack Squat (Machine)":              "hack squat",
		"Curl (EZ Bar)":                     "ez bar curl",
		"Deadlift (Trap Bar)":               "trap bar deadlift",
		"Squat (Safety Squat Bar)":          "safety bar squat",
		"Preacher Curl (Barbell)":           "preacher curl",
		"Iso-Lateral Row (Machine)":         "plate loaded row",
		"Iso-Lateral Chest Press (Machine)": "plate loaded chest press",
		"Chest Press (Machine)":             "machine chest press",
	} {
		if got := c.importName(in); got != want {
			t.Errorf("importName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, e := range c.catalog.All() {
		if got := c.importName(c.exportName(e.Name)); got != e.Name {
			t.Errorf("%q exports as %q, which imports as %q", e.Name, c.exportName(e.Name), got)
		}
	}
}

// The body-weight exercises a lifter names the common ways, each on the
// lifter's own body.
func TestBodyWeightExercises(t *testing.T) {
	c := DefaultCatalog()
	for in, want := range map[string]string{
		"pull up": "pull up", "pull-ups": "pull up", "Pullups": "pull up", "weighted pull up": "pull up",
		"chin-up": "chin up", "chinups": "chin up", "dips": "dip", "chest dip": "dip", "triceps dips": "dip",
		"push-ups": "push up", "pushups": "push up", "press ups": "push up", "inverted rows": "inverted row",
		"australian pull up": "inverted row", "hanging leg raises": "hanging leg raise",
		"knee raises": "hanging knee raise", "pistol squats": "pistol squat", "nordic curls": "nordic curl",
		"nordics": "nordic curl", "muscle-ups": "muscle up", "back extensions": "back extension",
		"hyperextensions": "back extension", "sit-ups": "sit up", "crunches": "crunch", "lunges": "barbell lunge",
		"bodyweight lunges": "bodyweight lunge", "air squats": "bodyweight squat", "glute bridges": "glute bridge",
		"bench dips": "bench dip", "ab wheel": "ab wheel rollout", "ghr": "glute ham raise", "hspu": "handstand push up",
	} {
		e, ok := c.Lookup(in)
		if !ok || e.Name != want {
			t.Errorf("Lookup(%q) = %v, %v; want %q", in, e, ok, want)
			continue
		}
		if want != "barbell lunge" && (e.Equipment != BodyWeight || e.Equipment.Plated()) {
			t.Errorf("%q: equipment %v, want body weight", in, e.Equipment)
		}
	}
	if BodyWeight.Plated() || BodyWeight.Sled() || BodyWeight.RackKey() != "" {
		t.Error("body weight takes plates")
	}
	if slices.Contains(EquipmentWords(), BodyWeight.Word()) {
		t.Error("EquipmentWords offers body weight for a plan")
	}
	if got, ok := ParseEquipment("bw"); !ok || got != BodyWeight {
		t.Errorf(`ParseEquipment("bw") = %v, %v`, got, ok)
	}
}

// A plan on a body-weight exercise is refused with one line that says what
// to do instead; a log of one is read like any other.
func TestBodyWeightIsLoggedNotPlanned(t *testing.T) {
	c := testCoach(t)
	for _, tt := range []struct {
		in      string
		unit    Unit
		msg     []string
		example string
	}{
		{"drop pull up", KG, []string{"Pull up is a body-weight exercise", "no drop set", "+20kg", "-30kg"}, "log pull up 10"},
		{"drop 20kg pull ups", KG, []string{"Pull up", "no drop set"}, "log pull up 10"},
		{"rp 25 dips", LB, []string{"Dip is a body-weight exercise", "no rest-pause", "+45lb", "-65lb"}, "log dip 10"},
		{"backoff push up 20kg x5", KG, []string{"Push up", "no back-off"}, "log push up 10"},
		{"ramp 20kg chin up", KG, []string{"Chin up", "no RPE ramp"}, "log chin up 10"},
		{"japanese 10kg inverted row x5", KG, []string{"Inverted row", "no japanese drop set"}, "log inverted row 10"},
		{"drop 20kg pull up dumbbell", KG, []string{"Pull up is a body-weight exercise"}, "log pull up 10"},
		{"drop 80kg squat bw", KG, []string{"does not know your body weight", "no drop set"}, "drop 80kg back squat"},
	} {
		_, err := c.Parse(tt.in, tt.unit)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) = %v, want a refusal", tt.in, err)
			continue
		}
		for _, w := range tt.msg {
			if !strings.Contains(e.Msg, w) {
				t.Errorf("Parse(%q): %q does not say %q", tt.in, e.Msg, w)
			}
		}
		if e.Example != tt.example || strings.Contains(e.Msg, "\n") {
			t.Errorf("Parse(%q): example %q, want %q", tt.in, e.Example, tt.example)
		}
	}
	cmd, err := c.Parse("log pull ups 20x5", KG)
	if err != nil || cmd.Exercise.Name != "pull up" || cmd.Equipment != BodyWeight || len(cmd.Lifts) != 1 || cmd.Lifts[0].Exercise != "pull up" {
		t.Errorf(`Parse("log pull ups 20x5") = %+v, %v`, cmd, err)
	}
}

// Other apps' names survive a catalog the configuration extends, but for
// one the configuration makes its own.
func TestCatalogWithKeepsAppNames(t *testing.T) {
	base := DefaultCatalog()
	c, err := base.With([]Exercise{{Name: "flat bench press", Aliases: []string{"flat barbell bench press"},
		Muscles: []Muscle{Chest}, Equipment: Barbell, Compound: true, Family: "bench"}})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Flat Barbell Bench Press":         "flat bench press",
		"Lat Pulldown - Wide Grip (Cable)": "lat pulldown",
		"Butterfly (Pec Deck)":             "pec deck",
	} {
		if got, ok := c.Place(in); !ok || got != want {
			t.Errorf("after With, Place(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if got, _ := base.Place("Flat Barbell Bench Press"); got != "bench press" {
		t.Errorf("With changed the catalog it was called on: %q", got)
	}
}

// Every name a lifter or an app may use is one key of one exercise: no
// app name is a name or an alias, and each reaches the exercise it names.
func TestCatalogKeysUnique(t *testing.T) {
	c := DefaultCatalog()
	owner := map[string]string{}
	for _, e := range c.All() {
		for _, k := range append([]string{e.Name}, e.Aliases...) {
			if prev, ok := owner[k]; ok {
				t.Errorf("%q is a name of %q and of %q", k, prev, e.Name)
			}
			owner[k] = e.Name
		}
	}
	for k, name := range appNameMap() {
		if prev, ok := owner[k]; ok {
			t.Errorf("app name %q of %q is already a name of %q", k, name, prev)
		}
		if e, ok := c.Lookup(k); !ok || e.Name != name {
			t.Errorf("app name %q does not reach %q", k, name)
		}
	}
}
