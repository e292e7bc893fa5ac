package coach

// catalogExercises is the data behind DefaultCatalog. It must not be
// modified; NewCatalog copies it.
//
// Conventions:
//   - A bare movement word goes to the barbell version: "squat", "row",
//     "curl", "shrug", "lunge", "press" (overhead press); "preacher" is
//     the EZ-bar preacher curl, as on most preacher benches.
//   - Each exercise names the bar, sled or stack it is planned on: the EZ
//     bar for the EZ curl, the preacher curl and the skull crusher, the
//     trap bar, the safety squat bar, the leg press and hack squat sleds
//     (the leg press calf raise is done on the leg press), plates on a
//     lever for the plate-loaded presses and row. The women's bar is a
//     lifter's choice ("bench womens"), never a default. A T-bar row, a
//     belt squat and the calf raise machines load one horn or a stack and
//     stay barbell and machine. An equipment word picks another version:
//     "leg press machine" is a pin-loaded leg press, "preacher curl
//     barbell" a straight bar.
//   - "shoulder press" is the dumbbell shoulder press, the one most lifters
//     mean; the machine and Smith versions carry their own prefix.
//   - "leg curl" and "hamstring curl" are the lying leg curl; "calf raise"
//     is the standing calf raise machine; "fly" is the dumbbell fly.
//   - Canonical names are singular: Lookup accepts plurals on its own.
//   - Every deadlift variant is in the "deadlift" family.
//   - Body-weight exercises (pull-ups, dips, push-ups, ...) have the
//     BodyWeight equipment: a set's load is what the lifter adds (+20kg)
//     or a machine takes off (-30kg). "weighted" and "assisted" versions
//     are the same exercise. They sit in the family of the movement they
//     share with a loaded lift: pull-ups, chin-ups and muscle-ups with the
//     pulldown (the vertical pull), push-ups with the bench press, an
//     inverted row with the rows, hanging raises and sit-ups with the
//     crunches, a back extension with the hinges, a nordic curl and a
//     glute-ham raise with the leg curls.
//   - Exercises held for time (plank, side plank, dead hang, wall sit) are
//     not in the catalog: Spotter counts loads and reps, not seconds, and
//     an import keeps them under their own names.
//   - The names other apps give their exercises ("Flat Barbell Bench
//     Press", "Bench Press (Barbell)") are in appnames.go, not here: the
//     aliases are what lifters type, and help lists them.
var catalogExercises = []Exercise{
	// Barbell: pressing.
	{Name: "bench press", Aliases: []string{"bench", "bp", "flat bench", "barbell bench", "barbell bench press"},
		Muscles: []Muscle{Chest, Triceps, Shoulders}, Equipment: Barbell, Compound: true, Family: "bench"},
	{Name: "incline bench press", Aliases: []string{"incline bench", "incline bp", "barbell incline bench", "incline barbell press"},
		Muscles: []Muscle{Chest, Shoulders, Triceps}, Equipment: Barbell, Compound: true, Family: "bench"},
	{Name: "close grip bench press", Aliases: []string{"close grip bench", "cgbp", "cg bench", "close grip"},
		Muscles: []Muscle{Triceps, Chest}, Equipment: Barbell, Compound: true, Family: "bench"},
	{Name: "decline bench press", Aliases: []string{"decline bench", "decline bp", "decline press"},
		Muscles: []Muscle{Chest, Triceps}, Equipment: Barbell, Compound: true, Family: "bench"},
	{Name: "floor press", Aliases: []string{"barbell floor press", "bb floor press"},
		Muscles: []Muscle{Chest, Triceps}, Equipment: Barbell, Compound: true, Family: "bench"},
	{Name: "overhead press", Aliases: []string{"ohp", "press", "military press", "strict press", "barbell overhead press"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: Barbell, Compound: true, Family: "overhead press"},
	{Name: "push press", Aliases: []string{"barbell push press", "bb push press"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: Barbell, Compound: true, Family: "overhead press"},

	// Barbell: squats and lunges.
	{Name: "back squat", Aliases: []string{"squat", "barbell squat", "bb squat", "high bar squat", "low bar squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Barbell, Compound: true, Family: "squat"},
	{Name: "front squat", Aliases: []string{"barbell front squat", "bb front squat", "fs"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Barbell, Compound: true, Family: "squat"},
	{Name: "box squat", Aliases: []string{"barbell box squat", "bb box squat"},
		Muscles: []Muscle{Quads, Glutes, Hamstrings}, Equipment: Barbell, Compound: true, Family: "squat"},
	{Name: "safety bar squat", Aliases: []string{"ssb squat", "ssb", "safety squat", "safety squat bar squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: SafetySquatBar, Compound: true, Family: "squat"},
	{Name: "barbell lunge", Aliases: []string{"lunge", "bb lunge", "barbell walking lunge", "barbell reverse lunge"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Barbell, Compound: true, Family: "lunge"},

	// Barbell: deadlifts and hinges.
	{Name: "deadlift", Aliases: []string{"dl", "deads", "conventional deadlift", "conventional", "barbell deadlift"},
		Muscles: []Muscle{Back, Glutes, Hamstrings}, Equipment: Barbell, Compound: true, Family: "deadlift"},
	{Name: "sumo deadlift", Aliases: []string{"sumo", "sumo dl", "sumo pull"},
		Muscles: []Muscle{Glutes, Quads, Hamstrings, Back}, Equipment: Barbell, Compound: true, Family: "deadlift"},
	{Name: "romanian deadlift", Aliases: []string{"rdl", "barbell rdl", "bb rdl", "romanian dl"},
		Muscles: []Muscle{Hamstrings, Glutes}, Equipment: Barbell, Compound: true, Family: "deadlift"},
	{Name: "stiff leg deadlift", Aliases: []string{"sldl", "stiff legged deadlift", "stiff leg dl", "straight leg deadlift"},
		Muscles: []Muscle{Hamstrings, Glutes, Back}, Equipment: Barbell, Compound: true, Family: "deadlift"},
	{Name: "trap bar deadlift", Aliases: []string{"trap bar", "trap bar dl", "hex bar deadlift", "hex bar", "tbdl"},
		Muscles: []Muscle{Quads, Glutes, Back, Hamstrings}, Equipment: TrapBar, Compound: true, Family: "deadlift"},
	{Name: "rack pull", Aliases: []string{"block pull", "rack deadlift", "pin pull"},
		Muscles: []Muscle{Back, Traps, Glutes}, Equipment: Barbell, Compound: true, Family: "deadlift"},
	{Name: "deficit deadlift", Aliases: []string{"deficit dl", "deficit pull", "deficit deads"},
		Muscles: []Muscle{Back, Glutes, Hamstrings}, Equipment: Barbell, Compound: true, Family: "deadlift"},
	{Name: "good morning", Aliases: []string{"goodmorning", "barbell good morning", "gm"},
		Muscles: []Muscle{Hamstrings, Glutes, Back}, Equipment: Barbell, Compound: true, Family: "hinge"},
	{Name: "hip thrust", Aliases: []string{"barbell hip thrust", "bb hip thrust", "hip thruster"},
		Muscles: []Muscle{Glutes, Hamstrings}, Equipment: Barbell, Compound: true, Family: "hip thrust"},

	// Barbell: pulling, shrugs, arms.
	{Name: "barbell row", Aliases: []string{"row", "bb row", "bent over row", "barbell bent over row", "bor"},
		Muscles: []Muscle{Back}, Equipment: Barbell, Compound: true, Family: "row"},
	{Name: "pendlay row", Aliases: []string{"pendlay", "dead stop row", "barbell pendlay row"},
		Muscles: []Muscle{Back}, Equipment: Barbell, Compound: true, Family: "row"},
	{Name: "t bar row", Aliases: []string{"tbar row", "t bar", "landmine row"},
		Muscles: []Muscle{Back}, Equipment: Barbell, Compound: true, Family: "row"},
	{Name: "seal row", Aliases: []string{"barbell seal row", "bb seal row"},
		Muscles: []Muscle{Back}, Equipment: Barbell, Compound: true, Family: "row"},
	{Name: "upright row", Aliases: []string{"barbell upright row", "bb upright row"},
		Muscles: []Muscle{Shoulders, Traps}, Equipment: Barbell, Compound: true, Family: "upright row"},
	{Name: "barbell shrug", Aliases: []string{"shrug", "bb shrug", "barbell trap shrug"},
		Muscles: []Muscle{Traps}, Equipment: Barbell, Compound: false, Family: "shrug"},
	{Name: "barbell curl", Aliases: []string{"curl", "bb curl", "straight bar curl", "barbell bicep curl"},
		Muscles: []Muscle{Biceps}, Equipment: Barbell, Compound: false, Family: "curl"},
	{Name: "ez bar curl", Aliases: []string{"ez curl", "ezbar curl", "ez barbell curl", "ez bar bicep curl"},
		Muscles: []Muscle{Biceps}, Equipment: EZBar, Compound: false, Family: "curl"},
	{Name: "preacher curl", Aliases: []string{"preacher", "ez bar preacher curl", "ez preacher curl"},
		Muscles: []Muscle{Biceps}, Equipment: EZBar, Compound: false, Family: "curl"},
	{Name: "reverse curl", Aliases: []string{"reverse grip curl", "reverse barbell curl", "overhand curl"},
		Muscles: []Muscle{Forearms, Biceps}, Equipment: Barbell, Compound: false, Family: "curl"},
	{Name: "skull crusher", Aliases: []string{"skullcrusher", "lying tricep extension", "lying triceps extension", "ez bar skull crusher"},
		Muscles: []Muscle{Triceps}, Equipment: EZBar, Compound: false, Family: "tricep extension"},
	{Name: "barbell wrist curl", Aliases: []string{"wrist curl", "bb wrist curl"},
		Muscles: []Muscle{Forearms}, Equipment: Barbell, Compound: false, Family: "wrist curl"},

	// Dumbbell: pressing and flies.
	{Name: "dumbbell bench press", Aliases: []string{"db bench", "db bench press", "dumbbell bench", "flat db press", "dumbbell chest press"},
		Muscles: []Muscle{Chest, Triceps, Shoulders}, Equipment: Dumbbell, Compound: true, Family: "bench"},
	{Name: "incline dumbbell press", Aliases: []string{"incline db press", "db incline bench", "db incline press", "incline dumbbell bench", "incline db bench"},
		Muscles: []Muscle{Chest, Shoulders, Triceps}, Equipment: Dumbbell, Compound: true, Family: "bench"},
	{Name: "dumbbell shoulder press", Aliases: []string{"shoulder press", "db shoulder press", "db ohp", "seated dumbbell press", "dumbbell overhead press"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: Dumbbell, Compound: true, Family: "overhead press"},
	{Name: "arnold press", Aliases: []string{"arnold", "db arnold press", "arnold dumbbell press"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: Dumbbell, Compound: true, Family: "overhead press"},
	{Name: "dumbbell fly", Aliases: []string{"fly", "db fly", "dumbbell flye", "db flye", "flat db fly"},
		Muscles: []Muscle{Chest}, Equipment: Dumbbell, Compound: false, Family: "fly"},
	{Name: "incline dumbbell fly", Aliases: []string{"incline fly", "incline db fly", "incline dumbbell flye", "incline chest fly"},
		Muscles: []Muscle{Chest, Shoulders}, Equipment: Dumbbell, Compound: false, Family: "fly"},
	{Name: "dumbbell pullover", Aliases: []string{"pullover", "pull over", "db pullover"},
		Muscles: []Muscle{Chest, Back}, Equipment: Dumbbell, Compound: false, Family: "pullover"},

	// Dumbbell: shoulders.
	{Name: "lateral raise", Aliases: []string{"side raise", "lat raise", "laterals", "db lateral raise", "side lateral raise"},
		Muscles: []Muscle{Shoulders}, Equipment: Dumbbell, Compound: false, Family: "lateral raise"},
	{Name: "front raise", Aliases: []string{"db front raise", "dumbbell front raise", "front delt raise"},
		Muscles: []Muscle{Shoulders}, Equipment: Dumbbell, Compound: false, Family: "front raise"},
	{Name: "rear delt fly", Aliases: []string{"rear delt raise", "reverse fly", "rear fly", "db rear delt fly", "bent over lateral raise"},
		Muscles: []Muscle{Shoulders}, Equipment: Dumbbell, Compound: false, Family: "rear delt"},
	{Name: "dumbbell shrug", Aliases: []string{"db shrug", "dumbbell trap shrug"},
		Muscles: []Muscle{Traps}, Equipment: Dumbbell, Compound: false, Family: "shrug"},

	// Dumbbell: back.
	{Name: "dumbbell row", Aliases: []string{"db row", "one arm row", "single arm row", "one arm db row", "single arm db row"},
		Muscles: []Muscle{Back}, Equipment: Dumbbell, Compound: true, Family: "row"},
	{Name: "chest supported row", Aliases: []string{"chest supported db row", "incline db row", "incline dumbbell row"},
		Muscles: []Muscle{Back}, Equipment: Dumbbell, Compound: true, Family: "row"},

	// Dumbbell: arms.
	{Name: "dumbbell curl", Aliases: []string{"db curl", "bicep curl", "dumbbell bicep curl", "db bicep curl", "alternating curl"},
		Muscles: []Muscle{Biceps}, Equipment: Dumbbell, Compound: false, Family: "curl"},
	{Name: "hammer curl", Aliases: []string{"hammer", "db hammer curl", "dumbbell hammer curl", "neutral grip curl"},
		Muscles: []Muscle{Biceps, Forearms}, Equipment: Dumbbell, Compound: false, Family: "curl"},
	{Name: "concentration curl", Aliases: []string{"concentration", "conc curl", "db concentration curl"},
		Muscles: []Muscle{Biceps}, Equipment: Dumbbell, Compound: false, Family: "curl"},
	{Name: "incline curl", Aliases: []string{"incline db curl", "incline dumbbell curl", "incline bicep curl"},
		Muscles: []Muscle{Biceps}, Equipment: Dumbbell, Compound: false, Family: "curl"},
	{Name: "dumbbell preacher curl", Aliases: []string{"db preacher curl", "single arm preacher curl", "one arm preacher curl"},
		Muscles: []Muscle{Biceps}, Equipment: Dumbbell, Compound: false, Family: "curl"},
	{Name: "dumbbell tricep extension", Aliases: []string{"db tricep extension", "db triceps extension", "overhead tricep extension", "db overhead extension", "dumbbell overhead extension"},
		Muscles: []Muscle{Triceps}, Equipment: Dumbbell, Compound: false, Family: "tricep extension"},
	{Name: "tricep kickback", Aliases: []string{"triceps kickback", "db kickback", "dumbbell kickback"},
		Muscles: []Muscle{Triceps}, Equipment: Dumbbell, Compound: false, Family: "tricep extension"},

	// Dumbbell: legs.
	{Name: "goblet squat", Aliases: []string{"goblet", "db goblet squat", "dumbbell goblet squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Dumbbell, Compound: true, Family: "squat"},
	{Name: "bulgarian split squat", Aliases: []string{"bss", "bulgarian", "rfess", "rear foot elevated split squat", "db bulgarian split squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Dumbbell, Compound: true, Family: "lunge"},
	{Name: "dumbbell lunge", Aliases: []string{"db lunge", "walking lunge", "dumbbell walking lunge", "db walking lunge"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Dumbbell, Compound: true, Family: "lunge"},
	{Name: "dumbbell step up", Aliases: []string{"step up", "db step up", "box step up"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Dumbbell, Compound: true, Family: "lunge"},
	{Name: "dumbbell romanian deadlift", Aliases: []string{"db rdl", "dumbbell rdl", "db romanian deadlift"},
		Muscles: []Muscle{Hamstrings, Glutes}, Equipment: Dumbbell, Compound: true, Family: "deadlift"},
	{Name: "single leg romanian deadlift", Aliases: []string{"single leg rdl", "sl rdl", "one leg rdl", "single leg deadlift"},
		Muscles: []Muscle{Hamstrings, Glutes}, Equipment: Dumbbell, Compound: true, Family: "deadlift"},

	// Machines: legs.
	{Name: "leg press", Aliases: []string{"lp", "45 leg press", "45 degree leg press", "leg press sled"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: LegPressSled, Compound: true, Family: "leg press"},
	{Name: "hack squat", Aliases: []string{"hack", "hack squat sled"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: HackSquatSled, Compound: true, Family: "squat"},
	{Name: "belt squat", Aliases: []string{"belt squat machine", "machine belt squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Machine, Compound: true, Family: "squat"},
	{Name: "leg extension", Aliases: []string{"leg ext", "quad extension", "leg extension machine", "knee extension"},
		Muscles: []Muscle{Quads}, Equipment: Machine, Compound: false, Family: "leg extension"},
	{Name: "lying leg curl", Aliases: []string{"leg curl", "hamstring curl", "ham curl", "lying hamstring curl", "prone leg curl"},
		Muscles: []Muscle{Hamstrings}, Equipment: Machine, Compound: false, Family: "leg curl"},
	{Name: "seated leg curl", Aliases: []string{"seated hamstring curl", "seated ham curl", "seated leg curl machine"},
		Muscles: []Muscle{Hamstrings}, Equipment: Machine, Compound: false, Family: "leg curl"},
	{Name: "standing calf raise", Aliases: []string{"calf raise", "calf raise machine", "machine calf raise", "standing calf"},
		Muscles: []Muscle{Calves}, Equipment: Machine, Compound: false, Family: "calf raise"},
	{Name: "seated calf raise", Aliases: []string{"seated calf", "seated calf raise machine", "soleus raise"},
		Muscles: []Muscle{Calves}, Equipment: Machine, Compound: false, Family: "calf raise"},
	{Name: "leg press calf raise", Aliases: []string{"calf press", "leg press calf press", "calf press on leg press"},
		Muscles: []Muscle{Calves}, Equipment: LegPressSled, Compound: false, Family: "calf raise"},
	{Name: "hip abduction", Aliases: []string{"abduction", "abductor", "hip abductor", "abductor machine", "outer thigh"},
		Muscles: []Muscle{Glutes}, Equipment: Machine, Compound: false, Family: "hip abduction"},
	{Name: "hip adduction", Aliases: []string{"adduction", "adductor", "hip adductor", "adductor machine", "inner thigh"},
		Muscles: []Muscle{Quads}, Equipment: Machine, Compound: false, Family: "hip adduction"},

	// Machines: upper body.
	{Name: "machine chest press", Aliases: []string{"chest press", "chest press machine", "seated chest press"},
		Muscles: []Muscle{Chest, Triceps, Shoulders}, Equipment: Machine, Compound: true, Family: "chest press"},
	{Name: "pec deck", Aliases: []string{"pec dec", "pec fly", "machine fly", "pec deck fly", "butterfly"},
		Muscles: []Muscle{Chest}, Equipment: Machine, Compound: false, Family: "fly"},
	{Name: "reverse pec deck", Aliases: []string{"reverse pec dec", "rear delt machine", "reverse fly machine", "machine rear delt fly"},
		Muscles: []Muscle{Shoulders}, Equipment: Machine, Compound: false, Family: "rear delt"},
	{Name: "machine shoulder press", Aliases: []string{"shoulder press machine", "machine ohp", "machine overhead press", "seated shoulder press machine"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: Machine, Compound: true, Family: "overhead press"},
	{Name: "machine lateral raise", Aliases: []string{"lateral raise machine", "machine side raise", "machine lat raise"},
		Muscles: []Muscle{Shoulders}, Equipment: Machine, Compound: false, Family: "lateral raise"},
	{Name: "machine row", Aliases: []string{"seated row machine", "chest supported machine row"},
		Muscles: []Muscle{Back}, Equipment: Machine, Compound: true, Family: "row"},
	{Name: "machine preacher curl", Aliases: []string{"preacher curl machine", "machine curl", "bicep curl machine"},
		Muscles: []Muscle{Biceps}, Equipment: Machine, Compound: false, Family: "curl"},
	{Name: "machine dip", Aliases: []string{"dip machine", "seated dip", "tricep dip machine"},
		Muscles: []Muscle{Triceps, Chest}, Equipment: Machine, Compound: true, Family: "dip"},
	{Name: "machine crunch", Aliases: []string{"crunch machine", "ab crunch machine", "ab machine"},
		Muscles: []Muscle{Abs}, Equipment: Machine, Compound: false, Family: "crunch"},

	// Plate-loaded machines: plates on the arms of a lever machine.
	{Name: "plate loaded chest press", Aliases: []string{"hammer strength chest press", "hammer strength press", "iso lateral chest press", "plate loaded press"},
		Muscles: []Muscle{Chest, Triceps, Shoulders}, Equipment: PlateLoaded, Compound: true, Family: "chest press"},
	{Name: "plate loaded shoulder press", Aliases: []string{"hammer strength shoulder press", "iso lateral shoulder press"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: PlateLoaded, Compound: true, Family: "overhead press"},
	{Name: "plate loaded row", Aliases: []string{"hammer strength row", "iso lateral row", "plate loaded machine row"},
		Muscles: []Muscle{Back}, Equipment: PlateLoaded, Compound: true, Family: "row"},

	// Cables.
	{Name: "lat pulldown", Aliases: []string{"pulldown", "lat pull down", "pull down", "lat pull", "wide grip pulldown"},
		Muscles: []Muscle{Back}, Equipment: Cable, Compound: true, Family: "pulldown"},
	{Name: "close grip pulldown", Aliases: []string{"close grip lat pulldown", "v bar pulldown", "neutral grip pulldown"},
		Muscles: []Muscle{Back}, Equipment: Cable, Compound: true, Family: "pulldown"},
	{Name: "reverse grip pulldown", Aliases: []string{"reverse grip lat pulldown", "underhand pulldown", "underhand lat pulldown", "supinated pulldown"},
		Muscles: []Muscle{Back, Biceps}, Equipment: Cable, Compound: true, Family: "pulldown"},
	{Name: "seated cable row", Aliases: []string{"cable row", "seated row", "low row", "cable seated row"},
		Muscles: []Muscle{Back}, Equipment: Cable, Compound: true, Family: "row"},
	{Name: "straight arm pulldown", Aliases: []string{"straight arm pull down", "straight arm lat pulldown", "stiff arm pulldown", "cable pullover"},
		Muscles: []Muscle{Back}, Equipment: Cable, Compound: false, Family: "pullover"},
	{Name: "cable fly", Aliases: []string{"cable crossover", "crossover", "cable flye", "cable chest fly", "standing cable fly"},
		Muscles: []Muscle{Chest}, Equipment: Cable, Compound: false, Family: "fly"},
	{Name: "tricep pushdown", Aliases: []string{"pushdown", "triceps pushdown", "tricep push down", "cable pushdown", "bar pushdown"},
		Muscles: []Muscle{Triceps}, Equipment: Cable, Compound: false, Family: "pushdown"},
	{Name: "rope pushdown", Aliases: []string{"rope push down", "tricep rope pushdown", "rope tricep pushdown", "triceps rope pushdown"},
		Muscles: []Muscle{Triceps}, Equipment: Cable, Compound: false, Family: "pushdown"},
	{Name: "overhead cable extension", Aliases: []string{"cable overhead extension", "cable overhead tricep extension", "overhead cable tricep extension", "rope overhead extension"},
		Muscles: []Muscle{Triceps}, Equipment: Cable, Compound: false, Family: "tricep extension"},
	{Name: "cable curl", Aliases: []string{"cable bicep curl", "cable bar curl", "standing cable curl"},
		Muscles: []Muscle{Biceps}, Equipment: Cable, Compound: false, Family: "curl"},
	{Name: "face pull", Aliases: []string{"facepull", "cable face pull", "rope face pull"},
		Muscles: []Muscle{Shoulders, Traps}, Equipment: Cable, Compound: false, Family: "rear delt"},
	{Name: "cable rear delt fly", Aliases: []string{"cable reverse fly", "cable rear fly", "reverse cable crossover"},
		Muscles: []Muscle{Shoulders}, Equipment: Cable, Compound: false, Family: "rear delt"},
	{Name: "cable lateral raise", Aliases: []string{"cable lat raise", "cable side raise", "cable laterals", "single arm cable lateral raise"},
		Muscles: []Muscle{Shoulders}, Equipment: Cable, Compound: false, Family: "lateral raise"},
	{Name: "cable crunch", Aliases: []string{"kneeling cable crunch", "rope crunch", "cable ab crunch"},
		Muscles: []Muscle{Abs}, Equipment: Cable, Compound: false, Family: "crunch"},
	{Name: "cable pull through", Aliases: []string{"pull through", "cable pullthrough", "glute pull through"},
		Muscles: []Muscle{Glutes, Hamstrings}, Equipment: Cable, Compound: true, Family: "hinge"},
	{Name: "cable kickback", Aliases: []string{"glute kickback", "cable glute kickback", "glute kick back"},
		Muscles: []Muscle{Glutes}, Equipment: Cable, Compound: false, Family: "kickback"},

	// Smith machine.
	{Name: "smith squat", Aliases: []string{"smith machine squat", "smith back squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Smith, Compound: true, Family: "squat"},
	{Name: "smith bench press", Aliases: []string{"smith bench", "smith machine bench", "smith machine bench press", "smith flat bench"},
		Muscles: []Muscle{Chest, Triceps, Shoulders}, Equipment: Smith, Compound: true, Family: "bench"},
	{Name: "smith incline bench press", Aliases: []string{"smith incline", "smith incline bench", "incline smith", "incline smith press", "smith machine incline"},
		Muscles: []Muscle{Chest, Shoulders, Triceps}, Equipment: Smith, Compound: true, Family: "bench"},
	{Name: "smith shoulder press", Aliases: []string{"smith ohp", "smith overhead press", "smith machine shoulder press"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: Smith, Compound: true, Family: "overhead press"},
	{Name: "smith split squat", Aliases: []string{"smith lunge", "smith machine split squat", "smith bulgarian split squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: Smith, Compound: true, Family: "lunge"},
	{Name: "smith calf raise", Aliases: []string{"smith machine calf raise", "smith calf"},
		Muscles: []Muscle{Calves}, Equipment: Smith, Compound: false, Family: "calf raise"},

	// Body weight: upper body.
	{Name: "pull up", Aliases: []string{"pullup", "wide pull up", "wide grip pull up", "overhand pull up", "weighted pull up", "assisted pull up"},
		Muscles: []Muscle{Back, Biceps}, Equipment: BodyWeight, Compound: true, Family: "pulldown"},
	{Name: "chin up", Aliases: []string{"chinup", "underhand pull up", "neutral chin up", "neutral grip chin up", "weighted chin up", "assisted chin up"},
		Muscles: []Muscle{Back, Biceps}, Equipment: BodyWeight, Compound: true, Family: "pulldown"},
	{Name: "muscle up", Aliases: []string{"muscleup", "bar muscle up", "ring muscle up"},
		Muscles: []Muscle{Back, Chest, Triceps}, Equipment: BodyWeight, Compound: true, Family: "pulldown"},
	{Name: "dip", Aliases: []string{"chest dip", "tricep dip", "triceps dip", "parallel bar dip", "bar dip", "weighted dip", "assisted dip"},
		Muscles: []Muscle{Chest, Triceps, Shoulders}, Equipment: BodyWeight, Compound: true, Family: "dip"},
	{Name: "bench dip", Aliases: []string{"chair dip", "tricep bench dip", "triceps bench dip"},
		Muscles: []Muscle{Triceps}, Equipment: BodyWeight, Compound: true, Family: "dip"},
	{Name: "push up", Aliases: []string{"pushup", "press up", "pressup", "weighted push up"},
		Muscles: []Muscle{Chest, Triceps, Shoulders}, Equipment: BodyWeight, Compound: true, Family: "bench"},
	{Name: "diamond push up", Aliases: []string{"diamond pushup", "close grip push up", "triangle push up"},
		Muscles: []Muscle{Triceps, Chest}, Equipment: BodyWeight, Compound: true, Family: "bench"},
	{Name: "pike push up", Aliases: []string{"pike pushup", "pike press"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: BodyWeight, Compound: true, Family: "overhead press"},
	{Name: "handstand push up", Aliases: []string{"hspu", "handstand pushup", "wall handstand push up"},
		Muscles: []Muscle{Shoulders, Triceps}, Equipment: BodyWeight, Compound: true, Family: "overhead press"},
	{Name: "inverted row", Aliases: []string{"australian pull up", "bodyweight row", "body row", "ring row", "trx row"},
		Muscles: []Muscle{Back, Biceps}, Equipment: BodyWeight, Compound: true, Family: "row"},

	// Body weight: trunk.
	{Name: "hanging leg raise", Aliases: []string{"hlr", "hanging straight leg raise", "leg raise hanging"},
		Muscles: []Muscle{Abs}, Equipment: BodyWeight, Compound: false, Family: "crunch"},
	{Name: "hanging knee raise", Aliases: []string{"knee raise", "captains chair knee raise", "captain's chair knee raise", "vertical knee raise"},
		Muscles: []Muscle{Abs}, Equipment: BodyWeight, Compound: false, Family: "crunch"},
	{Name: "crunch", Aliases: []string{"ab crunch", "floor crunch", "weighted crunch"},
		Muscles: []Muscle{Abs}, Equipment: BodyWeight, Compound: false, Family: "crunch"},
	{Name: "decline crunch", Aliases: []string{"decline bench crunch", "weighted decline crunch"},
		Muscles: []Muscle{Abs}, Equipment: BodyWeight, Compound: false, Family: "crunch"},
	{Name: "sit up", Aliases: []string{"situp", "weighted sit up", "decline sit up"},
		Muscles: []Muscle{Abs}, Equipment: BodyWeight, Compound: false, Family: "crunch"},
	{Name: "ab wheel rollout", Aliases: []string{"ab wheel", "ab roller", "ab rollout", "rollout", "ab wheel roll out"},
		Muscles: []Muscle{Abs}, Equipment: BodyWeight, Compound: false, Family: "crunch"},
	{Name: "back extension", Aliases: []string{"hyperextension", "hyper", "back hyperextension", "45 degree back extension", "roman chair back extension", "back raise", "weighted back extension"},
		Muscles: []Muscle{Back, Glutes, Hamstrings}, Equipment: BodyWeight, Compound: false, Family: "hinge"},

	// Body weight: legs.
	{Name: "bodyweight squat", Aliases: []string{"air squat", "body weight squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: BodyWeight, Compound: true, Family: "squat"},
	{Name: "pistol squat", Aliases: []string{"pistol", "single leg squat", "one leg squat"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: BodyWeight, Compound: true, Family: "squat"},
	{Name: "bodyweight lunge", Aliases: []string{"air lunge", "body weight lunge"},
		Muscles: []Muscle{Quads, Glutes}, Equipment: BodyWeight, Compound: true, Family: "lunge"},
	{Name: "glute bridge", Aliases: []string{"hip bridge", "bodyweight glute bridge", "bodyweight hip thrust"},
		Muscles: []Muscle{Glutes, Hamstrings}, Equipment: BodyWeight, Compound: false, Family: "hip thrust"},
	{Name: "nordic curl", Aliases: []string{"nordic", "nordic hamstring curl", "nordic ham curl", "nordic hamstrings curl"},
		Muscles: []Muscle{Hamstrings}, Equipment: BodyWeight, Compound: false, Family: "leg curl"},
	{Name: "glute ham raise", Aliases: []string{"ghr", "glute ham developer raise"},
		Muscles: []Muscle{Hamstrings, Glutes}, Equipment: BodyWeight, Compound: false, Family: "leg curl"},
}
