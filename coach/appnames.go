package coach

import "strings"

// appNames are the default exercise names of Strong, Hevy and FitNotes
// that no catalog name, alias, plural or equipment label reaches, by the
// catalog exercise each is. With them an import lands on the catalog, so
// that the lifter's records, charts and plans go on where the app left
// off. Most app names need no entry: Strong and Hevy write the equipment
// after the movement ("Bench Press (Barbell)", read as the barbell bench
// press) and many FitNotes names are aliases ("Barbell Squat").
//
// A name is listed only when it is the catalog's exercise: the same
// movement on the same equipment, a grip the catalog does not tell apart
// included ("Lat Pulldown - Wide Grip"). A harder or different variant
// ("Ring Dip", "Bench Press - Wide Grip", "Hack Squat (Barbell)") is left
// out, and an import keeps it under its own name.
//
// The names come from public projects that read these apps' exports:
// Strong's from Liftosaur's Strong importer (github.com/astashov/liftosaur,
// src/utils/importFromStrong.ts) and StrongToGymRun
// (github.com/AchrafYndz/StrongToGymRun, src/static.py), Hevy's from
// Liftosaur's Hevy importer (src/utils/importFromHevy.ts), FitNotes' from
// fitPowerUp's map of FitNotes exercises (github.com/leynadm/fitPowerUp,
// src/utils/exercisesMapObject.ts). appnames_test.go checks more than 150
// of them.
var appNames = []struct {
	name string   // the catalog's canonical name
	apps []string // as the apps write them
}{
	// Chest.
	{"bench press", []string{"Flat Barbell Bench Press"}},
	{"dumbbell bench press", []string{"Flat Dumbbell Bench Press"}},
	{"incline bench press", []string{"Incline Barbell Bench Press"}},
	{"incline dumbbell press", []string{"Incline Dumbbell Bench Press", "Incline Bench Press (Dumbbell)"}},
	{"decline bench press", []string{"Decline Barbell Bench Press"}},
	{"close grip bench press", []string{"Close Grip Barbell Bench Press", "Bench Press Close Grip"}},
	{"smith incline bench press", []string{"Smith Machine Incline Bench Press"}},
	{"dumbbell fly", []string{"Flat Dumbbell Fly", "Chest Fly"}},
	{"pec deck", []string{"Seated Machine Fly", "Chest Fly (Machine)", "Butterfly (Pec Deck)"}},
	{"cable fly", []string{"Cable Fly Crossovers", "Low Cable Fly Crossovers"}},

	// Shoulders.
	{"overhead press", []string{"Strict Military Press", "Standing Military Press"}},
	{"dumbbell shoulder press", []string{"Seated Overhead Press (Dumbbell)"}},
	{"smith shoulder press", []string{"Smith Machine Overhead Press"}},
	{"lateral raise", []string{"Lateral Dumbbell Raise", "Seated Dumbbell Lateral Raise", "Seated Lateral Raise (Dumbbell)"}},
	{"machine lateral raise", []string{"Lateral Machine Raise"}},
	{"front raise", []string{"Front Dumbbell Raise"}},
	{"rear delt fly", []string{"Rear Delt Dumbbell Raise", "Rear Delt Reverse Fly (Dumbbell)"}},
	{"reverse pec deck", []string{"Rear Delt Machine Fly", "Rear Delt Reverse Fly (Machine)"}},

	// Back.
	{"dumbbell row", []string{"Bent Over Row (Dumbbell)", "Bent Over One Arm Row (Dumbbell)"}},
	{"chest supported row", []string{"Incline Row (Dumbbell)", "Chest Supported Incline Row (Dumbbell)"}},
	{"seated cable row", []string{"Seated Cable Row V Grip", "Seated Cable Row Bar Grip", "Seated Wide Grip Row (Cable)"}},
	{"lat pulldown", []string{"Lat Pulldown (Machine)", "Lat Pulldown Wide Grip", "Lat Pull Down Machine", "Wide Grip Pull Down"}},
	{"close grip pulldown", []string{"Lat Pulldown Close Grip"}},
	{"reverse grip pulldown", []string{"Lat Pulldown Underhand"}},
	{"straight arm pulldown", []string{"Rope Straight Arm Pulldown", "Straight Arm Cable Pushdown"}},
	{"pull up", []string{"Pull Up (Band)"}},
	{"inverted row", []string{"Inverted Horizontal Ring Row"}},

	// Legs.
	{"smith calf raise", []string{"Standing Calf Raise (Smith Machine)", "Standing Calf Raise (Smith)"}},
	{"standing calf raise", []string{"Standing Calf Raise Machine"}},
	{"lying leg curl", []string{"Lying Leg Curl Machine"}},

	// Arms.
	{"ez bar curl", []string{"EZ Bar Biceps Curl"}},
	{"incline curl", []string{"Seated Incline Curl", "Seated Incline Dumbbell Curl"}},
	{"concentration curl", []string{"Dumbbell Concentration Curl"}},
	{"machine preacher curl", []string{"Seated Machine Curl"}},
	{"skull crusher", []string{"EZ Bar Skullcrusher"}},
	{"overhead cable extension", []string{"Triceps Extension (Cable)", "Cable Overhead Triceps Extension"}},
	{"dumbbell tricep extension", []string{"Dumbbell Triceps Extension", "Dumbbell Overhead Triceps Extension"}},
	{"tricep pushdown", []string{"Triceps Pressdown", "V Bar Push Down", "Bar Push Down"}},
	{"machine dip", []string{"Seated Dip Machine"}},
	{"dip", []string{"Parallel Bar Triceps Dip"}},

	// Trunk.
	{"hanging knee raise", []string{"Knee Raise (Captain's Chair)", "Knee Raise Parallel Bars"}},
	{"back extension", []string{"Back Extension (Hyperextension)"}},
}

// appNameMap is appNames as normalised app name -> canonical name.
func appNameMap() map[string]string {
	m := make(map[string]string, 4*len(appNames))
	for _, a := range appNames {
		for _, app := range a.apps {
			m[catNormalize(app)] = a.name
		}
	}
	return m
}

// Place is the catalog's canonical name of an exercise named as a lifter
// or an app writes it: a name or an alias, another app's default name
// ("Flat Barbell Bench Press", "Lat Pulldown - Wide Grip (Cable)"), or a
// movement with its equipment in parentheses ("Bench Press (Barbell)",
// "Curl (Dumbbell)", "Pull Up (Assisted)"). ok is false for a name the
// catalog cannot place: an import keeps such a name as it is.
func (c *Catalog) Place(name string) (canonical string, ok bool) {
	if e, ok := c.Lookup(name); ok {
		return e.Name, true
	}
	return "", false
}

// lookupLabelled reads a normalised name with its equipment in
// parentheses, "bench press (barbell)", as the version of the movement on
// that equipment: "barbell bench press", then "bench press barbell", then
// "bench press", each taken only if its equipment is the label's (Strong
// files a leg press and plate-loaded machines under "Machine", an EZ-bar
// curl under "Barbell"; "Assisted" and "Weighted" mark body-weight
// exercises). Anything after the closing parenthesis, or a label that
// names no equipment, and the name is not placed.
func (c *Catalog) lookupLabelled(k string) (*Exercise, bool) {
	base, rest, _ := strings.Cut(k, "(")
	label, after, _ := strings.Cut(rest, ")")
	base, label = strings.TrimSpace(base), strings.TrimSpace(label)
	if base == "" || strings.TrimSpace(after) != "" {
		return nil, false
	}
	word, eq, ok := equipmentLabel(label)
	if !ok {
		return nil, false
	}
	for _, cand := range [...]string{word + " " + base, eq.String() + " " + base, base + " " + word, base} {
		if e, ok := c.lookupPlain(cand); ok && labelFits(e.Equipment, eq) {
			return e, true
		}
	}
	return nil, false
}

// labelWords are the words of equipment labels that are not equipment
// words a lifter types (ParseEquipment): Hevy's misspelling, a kettlebell
// for a dumbbell, and the marks of a body-weight exercise done with added
// load or with help.
var labelWords = map[string]Equipment{
	"dumbell": Dumbbell, "kettlebell": Dumbbell,
	"weighted": BodyWeight, "assisted": BodyWeight,
}

// equipmentLabel reads the equipment in a normalised label: "barbell",
// "smith machine", "plate loaded", "cable straight bar" (the first words
// name it). word is the label's words that name it.
func equipmentLabel(label string) (word string, eq Equipment, ok bool) {
	words := strings.Fields(label)
	for n := min(len(words), 3); n >= 1; n-- {
		w := strings.Join(words[:n], " ")
		if eq, ok := ParseEquipment(w); ok {
			return w, eq, true
		}
		if eq, ok := ParseEquipment(strings.Join(words[:n], "-")); ok {
			return w, eq, true
		}
		if eq, ok := labelWords[w]; ok {
			return w, eq, true
		}
	}
	return "", 0, false
}

// labelFits reports whether an exercise on equipment e may carry the
// label of equipment l: the same label as Strong writes it ("Machine" for
// a stack, a sled or a lever), or an EZ bar under "Barbell", the bar
// Strong files it under.
func labelFits(e, l Equipment) bool {
	return e.label() == l.label() || e == EZBar && l.label() == Barbell.label()
}

// AssistedName reports whether an app's exercise name marks a body-weight
// exercise done with a machine's or a band's help ("Pull Up (Assisted)",
// "Assisted Chin Up"). Strong and Hevy record the help in the weight
// column as a positive number, which Spotter stores as a negative load:
// what the help takes off the body.
func AssistedName(name string) bool {
	k := catNormalize(name)
	return strings.Contains(k, "(assisted") || strings.HasPrefix(k, "assisted ")
}
