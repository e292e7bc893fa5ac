package coach

import (
	"strings"
	"testing"
)

// appNameCases are exercise names as Strong, Hevy and FitNotes write them
// in their exports, with the catalog exercise each lands on ("" when the
// catalog has no such exercise and an import keeps the name as written).
//
// The names are the apps' default exercises as public projects that read
// their exports list them:
//   - Strong: Liftosaur's Strong importer (github.com/astashov/liftosaur,
//     src/utils/importFromStrong.ts) and StrongToGymRun
//     (github.com/AchrafYndz/StrongToGymRun, src/static.py);
//   - Hevy: Liftosaur's Hevy importer (src/utils/importFromHevy.ts);
//   - FitNotes: fitPowerUp's map of FitNotes exercises
//     (github.com/leynadm/fitPowerUp, src/utils/exercisesMapObject.ts).
var appNameCases = []struct{ app, want string }{
	// Strong and Hevy: "Name (Equipment)".
	{"Bench Press (Barbell)", "bench press"},
	{"Bench Press (Dumbbell)", "dumbbell bench press"},
	{"Bench Press (Smith Machine)", "smith bench press"},
	{"Bench Press - Close Grip (Barbell)", "close grip bench press"},
	{"Bench Press - Wide Grip (Barbell)", ""},
	{"Bench Press (Cable)", ""},
	{"Incline Bench Press (Barbell)", "incline bench press"},
	{"Incline Bench Press (Dumbbell)", "incline dumbbell press"},
	{"Incline Bench Press (Smith Machine)", "smith incline bench press"},
	{"Decline Bench Press (Barbell)", "decline bench press"},
	{"Decline Bench Press (Dumbbell)", ""},
	{"Floor Press (Barbell)", "floor press"},
	{"Chest Press (Machine)", "machine chest press"},
	{"Iso-Lateral Chest Press (Machine)", "plate loaded chest press"},
	{"Chest Fly (Dumbbell)", "dumbbell fly"},
	{"Chest Fly (Machine)", "pec deck"},
	{"Chest Fly", "dumbbell fly"},
	{"Incline Chest Fly (Dumbbell)", "incline dumbbell fly"},
	{"Pec Deck (Machine)", "pec deck"},
	{"Butterfly (Pec Deck)", "pec deck"},
	{"Cable Crossover", "cable fly"},
	{"Cable Fly Crossovers", "cable fly"},
	{"Low Cable Fly Crossovers", "cable fly"},
	{"Around the World", ""},
	{"Overhead Press (Barbell)", "overhead press"},
	{"Overhead Press (Dumbbell)", "dumbbell shoulder press"},
	{"Overhead Press (Smith Machine)", "smith shoulder press"},
	{"Strict Military Press (Barbell)", "overhead press"},
	{"Standing Military Press (Barbell)", "overhead press"},
	{"Seated Overhead Press (Dumbbell)", "dumbbell shoulder press"},
	{"Shoulder Press (Dumbbell)", "dumbbell shoulder press"},
	{"Shoulder Press (Machine)", "machine shoulder press"},
	{"Seated Shoulder Press (Machine)", "machine shoulder press"},
	{"Shoulder Press (Plate Loaded)", "plate loaded shoulder press"},
	{"Push Press", "push press"},
	{"Arnold Press (Dumbbell)", "arnold press"},
	{"Lateral Raise (Dumbbell)", "lateral raise"},
	{"Lateral Raise (Cable)", "cable lateral raise"},
	{"Lateral Raise (Machine)", "machine lateral raise"},
	{"Lateral Raise (Band)", ""},
	{"Front Raise (Dumbbell)", "front raise"},
	{"Front Raise (Barbell)", ""},
	{"Reverse Fly (Dumbbell)", "rear delt fly"},
	{"Reverse Fly (Cable)", "cable rear delt fly"},
	{"Reverse Fly (Machine)", "reverse pec deck"},
	{"Rear Delt Reverse Fly (Machine)", "reverse pec deck"},
	{"Face Pull (Cable)", "face pull"},
	{"Face Pull", "face pull"},
	{"Upright Row (Barbell)", "upright row"},
	{"Upright Row (Cable)", ""},
	{"Shrug (Barbell)", "barbell shrug"},
	{"Shrug (Dumbbell)", "dumbbell shrug"},
	{"Shrug (Smith Machine)", ""},
	{"Squat (Barbell)", "back squat"},
	{"Squat (Smith Machine)", "smith squat"},
	{"Squat (Bodyweight)", "bodyweight squat"},
	{"Squat (Machine)", ""},
	{"Front Squat (Barbell)", "front squat"},
	{"Front Squat", "front squat"},
	{"Box Squat (Barbell)", "box squat"},
	{"Goblet Squat (Kettlebell)", "goblet squat"},
	{"Goblet Squat", "goblet squat"},
	{"Hack Squat", "hack squat"},
	{"Hack Squat (Machine)", "hack squat"},
	{"Hack Squat (Barbell)", ""},
	{"Pistol Squat", "pistol squat"},
	{"Bulgarian Split Squat", "bulgarian split squat"},
	{"Leg Press", "leg press"},
	{"Leg Press (Machine)", "leg press"},
	{"Leg Extension (Machine)", "leg extension"},
	{"Lying Leg Curl (Machine)", "lying leg curl"},
	{"Seated Leg Curl (Machine)", "seated leg curl"},
	{"Lunge (Barbell)", "barbell lunge"},
	{"Lunge (Dumbbell)", "dumbbell lunge"},
	{"Lunge (Bodyweight)", "bodyweight lunge"},
	{"Walking Lunge (Dumbbell)", "dumbbell lunge"},
	{"Step-up", "dumbbell step up"},
	{"Dumbbell Step Up", "dumbbell step up"},
	{"Deadlift (Barbell)", "deadlift"},
	{"Deadlift (Trap bar)", "trap bar deadlift"},
	{"Deadlift (Dumbbell)", ""},
	{"Trap Bar Deadlift", "trap bar deadlift"},
	{"Sumo Deadlift (Barbell)", "sumo deadlift"},
	{"Sumo Deadlift", "sumo deadlift"},
	{"Romanian Deadlift (Barbell)", "romanian deadlift"},
	{"Romanian Deadlift (Dumbbell)", "dumbbell romanian deadlift"},
	{"Stiff Leg Deadlift (Barbell)", "stiff leg deadlift"},
	{"Straight Leg Deadlift", "stiff leg deadlift"},
	{"Single Leg Romanian Deadlift (Dumbbell)", "single leg romanian deadlift"},
	{"Deficit Deadlift (Barbell)", "deficit deadlift"},
	{"Rack Pull (Barbell)", "rack pull"},
	{"Good Morning (Barbell)", "good morning"},
	{"Hip Thrust (Barbell)", "hip thrust"},
	{"Hip Thrust (Bodyweight)", "glute bridge"},
	{"Glute Bridge", "glute bridge"},
	{"Cable Pull Through", "cable pull through"},
	{"Hip Abductor (Machine)", "hip abduction"},
	{"Hip Adductor (Machine)", "hip adduction"},
	{"Hip Abduction (Machine)", "hip abduction"},
	{"Standing Calf Raise (Machine)", "standing calf raise"},
	{"Standing Calf Raise (Smith Machine)", "smith calf raise"},
	{"Standing Calf Raise (Dumbbell)", ""},
	{"Seated Calf Raise (Machine)", "seated calf raise"},
	{"Seated Calf Raise (Plate Loaded)", "seated calf raise"},
	{"Seated Calf Raise", "seated calf raise"},
	{"Calf Press on Leg Press", "leg press calf raise"},
	{"Calf Press (Machine)", "leg press calf raise"},
	{"Glute Ham Raise", "glute ham raise"},
	{"Bent Over Row (Barbell)", "barbell row"},
	{"Bent Over Row (Dumbbell)", "dumbbell row"},
	{"Bent Over One Arm Row (Dumbbell)", "dumbbell row"},
	{"Bent Over Row - Underhand (Barbell)", ""},
	{"Dumbbell Row", "dumbbell row"},
	{"Pendlay Row (Barbell)", "pendlay row"},
	{"T Bar Row", "t bar row"},
	{"Incline Row (Dumbbell)", "chest supported row"},
	{"Chest Supported Incline Row (Dumbbell)", "chest supported row"},
	{"Seated Row (Cable)", "seated cable row"},
	{"Seated Row (Machine)", "machine row"},
	{"Seated Cable Row", "seated cable row"},
	{"Seated Cable Row - V Grip (Cable)", "seated cable row"},
	{"Seated Cable Row - Bar Grip", "seated cable row"},
	{"Seated Wide-Grip Row (Cable)", "seated cable row"},
	{"Iso-Lateral Row (Machine)", "plate loaded row"},
	{"Lat Pulldown (Cable)", "lat pulldown"},
	{"Lat Pulldown (Machine)", "lat pulldown"},
	{"Lat Pulldown - Wide Grip (Cable)", "lat pulldown"},
	{"Lat Pulldown - Close Grip (Cable)", "close grip pulldown"},
	{"Lat Pulldown - Underhand (Cable)", "reverse grip pulldown"},
	{"Reverse Grip Lat Pulldown (Cable)", "reverse grip pulldown"},
	{"Reverse Grip Lat Pulldown", "reverse grip pulldown"},
	{"Lat Pulldown (Single Arm)", ""},
	{"Lat Pulldown (Band)", ""},
	{"Straight Arm Lat Pulldown (Cable)", "straight arm pulldown"},
	{"Rope Straight Arm Pulldown", "straight arm pulldown"},
	{"Pullover (Dumbbell)", "dumbbell pullover"},
	{"Pull Up", "pull up"},
	{"Pull Up (Assisted)", "pull up"},
	{"Pull Up (Weighted)", "pull up"},
	{"Pull Up (Band)", "pull up"},
	{"Wide Pull Up", "pull up"},
	{"Kipping Pull Up", ""},
	{"Chin Up", "chin up"},
	{"Chin Up (Assisted)", "chin up"},
	{"Chin Up (Weighted)", "chin up"},
	{"Muscle Up", "muscle up"},
	{"Inverted Row", "inverted row"},
	{"Inverted Row (Bodyweight)", "inverted row"},
	{"Chest Dip", "dip"},
	{"Chest Dip (Assisted)", "dip"},
	{"Chest Dip (Weighted)", "dip"},
	{"Triceps Dip", "dip"},
	{"Triceps Dip (Assisted)", "dip"},
	{"Triceps Dip (Weighted)", "dip"},
	{"Bench Dip", "bench dip"},
	{"Seated Dip Machine", "machine dip"},
	{"Push Up", "push up"},
	{"Push Up (Weighted)", "push up"},
	{"Push Up (Knees)", ""},
	{"Diamond Push Up", "diamond push up"},
	{"Pike Pushup", "pike push up"},
	{"Handstand Push Up", "handstand push up"},
	{"Bicep Curl (Barbell)", "barbell curl"},
	{"Bicep Curl (Dumbbell)", "dumbbell curl"},
	{"Bicep Curl (Cable)", "cable curl"},
	{"Bicep Curl (Machine)", "machine preacher curl"},
	{"EZ Bar Biceps Curl", "ez bar curl"},
	{"Hammer Curl (Dumbbell)", "hammer curl"},
	{"Hammer Curl (Band)", ""},
	{"Concentration Curl (Dumbbell)", "concentration curl"},
	{"Concentration Curl", "concentration curl"},
	{"Incline Curl (Dumbbell)", "incline curl"},
	{"Seated Incline Curl (Dumbbell)", "incline curl"},
	{"Preacher Curl (Barbell)", "preacher curl"},
	{"Preacher Curl (Dumbbell)", "dumbbell preacher curl"},
	{"Preacher Curl (Machine)", "machine preacher curl"},
	{"Reverse Curl (Barbell)", "reverse curl"},
	{"Reverse Curl (Dumbbell)", ""},
	{"Skullcrusher (Barbell)", "skull crusher"},
	{"Skullcrusher (Dumbbell)", ""},
	{"Triceps Extension (Cable)", "overhead cable extension"},
	{"Triceps Extension (Dumbbell)", "dumbbell tricep extension"},
	{"Triceps Pushdown (Cable - Straight Bar)", "tricep pushdown"},
	{"Triceps Pushdown", "tricep pushdown"},
	{"Triceps Pressdown", "tricep pushdown"},
	{"Triceps Rope Pushdown", "rope pushdown"},
	{"Triceps Kickback", "tricep kickback"},
	{"Cable Kickback", "cable kickback"},
	{"Crunch", "crunch"},
	{"Crunch (Machine)", "machine crunch"},
	{"Crunch (Weighted)", "crunch"},
	{"Cable Crunch", "cable crunch"},
	{"Decline Crunch", "decline crunch"},
	{"Sit Up", "sit up"},
	{"Sit Up (Weighted)", "sit up"},
	{"Hanging Leg Raise", "hanging leg raise"},
	{"Hanging Knee Raise", "hanging knee raise"},
	{"Knee Raise (Captain's Chair)", "hanging knee raise"},
	{"Knee Raise Parallel Bars", "hanging knee raise"},
	{"Ab Wheel", "ab wheel rollout"},
	{"Back Extension", "back extension"},
	{"Back Extension (Hyperextension)", "back extension"},
	{"Back Extension (Weighted Hyperextension)", "back extension"},
	{"Back Extension (Machine)", ""},
	{"Nordic Hamstrings Curls", "nordic curl"},
	{"Plank", ""},
	{"Side Plank", ""},
	{"Dead Hang", ""},
	{"Kettlebell Swing", ""},
	{"Power Clean", ""},
	{"Running (Treadmill)", ""},
	// FitNotes: plain names, the equipment first.
	{"Flat Barbell Bench Press", "bench press"},
	{"Flat Dumbbell Bench Press", "dumbbell bench press"},
	{"Incline Barbell Bench Press", "incline bench press"},
	{"Incline Dumbbell Bench Press", "incline dumbbell press"},
	{"Decline Barbell Bench Press", "decline bench press"},
	{"Close Grip Barbell Bench Press", "close grip bench press"},
	{"Barbell Floor Press", "floor press"},
	{"Flat Dumbbell Fly", "dumbbell fly"},
	{"Seated Machine Fly", "pec deck"},
	{"Hammer Strength Row", "plate loaded row"},
	{"Hammer Strength Shoulder Press", "plate loaded shoulder press"},
	{"Overhead Press", "overhead press"},
	{"Seated Dumbbell Press", "dumbbell shoulder press"},
	{"Smith Machine Overhead Press", "smith shoulder press"},
	{"Lateral Dumbbell Raise", "lateral raise"},
	{"Seated Dumbbell Lateral Raise", "lateral raise"},
	{"Lateral Machine Raise", "machine lateral raise"},
	{"Front Dumbbell Raise", "front raise"},
	{"Rear Delt Dumbbell Raise", "rear delt fly"},
	{"Rear Delt Machine Fly", "reverse pec deck"},
	{"Cable Face Pull", "face pull"},
	{"Barbell Shrug", "barbell shrug"},
	{"Barbell Squat", "back squat"},
	{"Barbell Front Squat", "front squat"},
	{"Barbell Box Squat", "box squat"},
	{"Leg Extension Machine", "leg extension"},
	{"Lying Leg Curl Machine", "lying leg curl"},
	{"Seated Leg Curl Machine", "seated leg curl"},
	{"Standing Calf Raise Machine", "standing calf raise"},
	{"Seated Calf Raise Machine", "seated calf raise"},
	{"Donkey Calf Raise", ""},
	{"Deadlift", "deadlift"},
	{"Romanian Deadlift", "romanian deadlift"},
	{"Stiff-Legged Deadlift", "stiff leg deadlift"},
	{"Rack Pull", "rack pull"},
	{"Good Morning", "good morning"},
	{"Glute-Ham Raise", "glute ham raise"},
	{"Nordic Curls", "nordic curl"},
	{"Barbell Glute Bridge", ""},
	{"Barbell Row", "barbell row"},
	{"T-Bar Row", "t bar row"},
	{"Chest Supported Machine Row", "machine row"},
	{"Lat Pulldown", "lat pulldown"},
	{"Lat Pull Down Machine", "lat pulldown"},
	{"Wide Grip Pull Down", "lat pulldown"},
	{"Straight-Arm Cable Pushdown", "straight arm pulldown"},
	{"Neutral Chin Up", "chin up"},
	{"Close Grip Pull Up", ""},
	{"Negative Pull Up", ""},
	{"Inverted Horizontal Ring Rows", "inverted row"},
	{"Barbell Curl", "barbell curl"},
	{"EZ-Bar Curl", "ez bar curl"},
	{"EZ-Bar Preacher Curl", "preacher curl"},
	{"Dumbbell Curl", "dumbbell curl"},
	{"Dumbbell Hammer Curl", "hammer curl"},
	{"Dumbbell Concentration Curl", "concentration curl"},
	{"Seated Incline Dumbbell Curl", "incline curl"},
	{"Dumbbell Preacher Curl", "dumbbell preacher curl"},
	{"Seated Machine Curl", "machine preacher curl"},
	{"Cable Curl", "cable curl"},
	{"Dips", "dip"},
	{"Parallel Bar Triceps Dip", "dip"},
	{"Ring Dip", ""},
	{"Lying Triceps Extension", "skull crusher"},
	{"EZ-Bar Skullcrusher", "skull crusher"},
	{"Cable Overhead Triceps Extension", "overhead cable extension"},
	{"Dumbbell Overhead Triceps Extension", "dumbbell tricep extension"},
	{"Rope Push Down", "rope pushdown"},
	{"V-Bar Push Down", "tricep pushdown"},
	{"Bar Push Down", "tricep pushdown"},
	{"Crunch Machine", "machine crunch"},
	{"Ab-Wheel Rollout", "ab wheel rollout"},
	{"Farmer's Walk", ""},
}

func TestAppNamesLandOnTheCatalog(t *testing.T) {
	c := DefaultCatalog()
	placed := 0
	for _, tt := range appNameCases {
		got, ok := c.Place(tt.app)
		if tt.want == "" {
			if ok {
				t.Errorf("Place(%q) = %q, want it kept under its own name", tt.app, got)
			}
			continue
		}
		placed++
		if !ok || got != tt.want {
			t.Errorf("Place(%q) = %q, %v; want %q", tt.app, got, ok, tt.want)
		}
		// Lookup reaches the same exercise, so every command does.
		if e, ok := c.Lookup(tt.app); !ok || e.Name != tt.want {
			t.Errorf("Lookup(%q) = %v, %v; want %q", tt.app, e, ok, tt.want)
		}
	}
	if placed < 150 {
		t.Errorf("%d app names land on the catalog, want at least 150", placed)
	}
}

// The app-name table holds only names that nothing else reaches, each
// once, each on an exercise of the catalog.
func TestAppNameTable(t *testing.T) {
	c, err := NewCatalog(catalogExercises)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, a := range appNames {
		target, ok := c.Lookup(a.name)
		if !ok || target.Name != a.name {
			t.Errorf("app names of %q: no such exercise", a.name)
			continue
		}
		for _, app := range a.apps {
			k := catNormalize(app)
			if prev, ok := seen[k]; ok {
				t.Errorf("app name %q listed for %q and %q", app, prev, a.name)
			}
			seen[k] = a.name
			if e, ok := c.Lookup(app); ok {
				t.Errorf("app name %q is reached without the table (as %q): drop it", app, e.Name)
			}
		}
	}
}

func TestPlaceKeepsWhatItCannotPlace(t *testing.T) {
	c := DefaultCatalog()
	for _, in := range []string{"", "  ", "(", "()", "(Barbell)", "Bench Press (", "Bench Press (Barbell) Paused",
		"Curl (Band)", "Shrug (Cable)", "Deadlift (Band)", strings.Repeat("Bench ", 100) + "(Barbell)"} {
		if got, ok := c.Place(in); ok {
			t.Errorf("Place(%q) = %q, want no place", in, got)
		}
	}
}

// An app's name followed by its equipment lands on the exercise of that
// equipment, never on another version of the movement.
func TestPlaceRespectsTheEquipment(t *testing.T) {
	c := DefaultCatalog()
	for in, want := range map[string]string{
		"Curl (Dumbbell)":             "dumbbell curl",
		"Curl (Barbell)":              "barbell curl",
		"Curl (EZ Bar)":               "ez bar curl",
		"Curl (Cable)":                "cable curl",
		"Curls (Cable)":               "cable curl",
		"Lateral Raises (Dumbbell)":   "lateral raise",
		"Row (Barbell)":               "barbell row",
		"Row (Machine)":               "machine row",
		"Deadlift (Trap Bar)":         "trap bar deadlift",
		"Squat (Safety Squat Bar)":    "safety bar squat",
		"Triceps Extension (Dumbell)": "dumbbell tricep extension",
		"Triceps Kickback(Dumbbell)":  "tricep kickback",
		"Dip (Assisted)":              "dip",
		"Curl (Kettlebell)":           "dumbbell curl",
	} {
		if got, ok := c.Place(in); !ok || got != want {
			t.Errorf("Place(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestAssistedName(t *testing.T) {
	for in, want := range map[string]bool{
		"Pull Up (Assisted)": true, "Chest Dip (Assisted)": true, "assisted chin up": true,
		"Pull Up": false, "Pull Up (Weighted)": false, "Lat Pulldown (Cable)": false,
	} {
		if got := AssistedName(in); got != want {
			t.Errorf("AssistedName(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzPlace(f *testing.F) {
	for _, tt := range appNameCases {
		f.Add(tt.app)
	}
	f.Add("((()))")
	f.Add("bench (barbell")
	c := DefaultCatalog()
	f.Fuzz(func(t *testing.T, name string) {
		canonical, ok := c.Place(name)
		if !ok {
			return
		}
		if again, ok := c.Place(canonical); !ok || again != canonical {
			t.Errorf("Place(%q) = %q, which places as %q, %v", name, canonical, again, ok)
		}
	})
}
