package coach

import "fmt"

// PlausibleMargin is how far above the lifter's best estimated 1RM a
// typed load may go before Spotter asks whether it is the number meant.
//
// Every load a plan takes is at most a 1RM: a drop set or rest-pause set
// starts at a weight failed at 8-12 reps (about 70-80 % of 1RM), a
// Japanese top set of 5 at about 86 %, a ramp's max triple at about 92 %,
// a back-off plan's 1RM at 100 %. An estimate errs by 5-10 % (COACHING.md
// section 6), may be up to twelve weeks old, or may come from light sets
// of many reps, and a lifter does get stronger: 1.5 times the estimate
// leaves room for all of that (a drop set's start load would be twice
// what it usually is), and still catches the typos that matter: an extra
// digit or a missing decimal point (800 or 675 for 80 or 67.5, ten times
// too much) and a load typed in kg but meant in lb (2.2 times).
const PlausibleMargin = 1.5

// humanLimit is, per movement family, a load a bit above the heaviest
// anyone has lifted once, in kg: on a bar (any barbell, the Smith
// machine), with one dumbbell, and on a machine (pin-loaded stacks,
// cables, sleds and plate-loaded levers). Zero means the family's figure
// for that equipment is the default's.
//
// The barbell figures of the competition lifts sit just above the raw
// (sleeves or wraps, no suit) world records as they stood in 2024: bench
// press 355 kg (Julius Maddox, 2020), squat about 490 kg (Ray Williams,
// 2019; wrapped squats a little more), deadlift 501 kg (Hafþór Björnsson,
// 2020, strongman rules), overhead (log) press about 230 kg, strict barbell
// curl about 110 kg. Equipped and partial lifts go higher (multi-ply bench
// presses near 600 kg, silver-dollar and rack pulls near 580 kg): those
// few lifters are asked once and say yes. The other families have no kept records; their figures are
// generous round numbers above the heaviest dumbbells made (about 150 kg
// per dumbbell, used for rows and shrugs) and the heaviest loads lifters
// report on machines, and only need to catch a typo such as an extra
// digit. A lifter's own history catches the rest (PlausibleMargin).
var humanLimit = map[string]struct {
	bar, dumbbell, machine float64
	verb                   string // "benched": what anyone has ever done
}{
	"bench":            {360, 120, 400, "benched"},
	"overhead press":   {230, 120, 300, "pressed overhead"},
	"squat":            {500, 100, 600, "squatted"},
	"lunge":            {300, 100, 400, ""},
	"deadlift":         {510, 160, 0, "deadlifted"},
	"hinge":            {300, 0, 300, ""},
	"hip thrust":       {500, 0, 500, ""},
	"row":              {350, 160, 400, "rowed"},
	"upright row":      {200, 80, 200, ""},
	"shrug":            {500, 160, 500, "shrugged"},
	"curl":             {120, 80, 150, "curled"},
	"tricep extension": {150, 80, 150, ""},
	"wrist curl":       {150, 60, 150, ""},
	"fly":              {0, 70, 200, ""},
	"pullover":         {150, 100, 200, ""},
	"lateral raise":    {0, 60, 100, ""},
	"front raise":      {100, 60, 100, ""},
	"rear delt":        {0, 60, 200, ""},
	"leg press":        {MaxLoad, MaxLoad, MaxLoad, ""}, // leg press records pass the parser's limit
	"leg extension":    {0, 0, 250, ""},
	"leg curl":         {0, 0, 250, ""},
	"calf raise":       {600, 0, 600, ""},
	"hip abduction":    {0, 0, 250, ""},
	"hip adduction":    {0, 0, 250, ""},
	"chest press":      {0, 0, 400, ""},
	"dip":              {0, 0, 300, ""},
	"crunch":           {0, 0, 250, ""},
	"pulldown":         {0, 0, 300, ""},
	"pushdown":         {0, 0, 200, ""},
	"kickback":         {0, 50, 150, ""},
}

// defaultLimit is for families without an entry (exercises added in the
// configuration) and for the zero fields of one: the heaviest figure of
// each equipment in the table, the leg press aside, so that an exercise
// Spotter knows little about is only asked about when no exercise on that
// equipment was ever lifted that heavy.
var defaultLimit = struct{ bar, dumbbell, machine float64 }{510, 160, 600}

// HumanLimit is a load, in kg, a bit above the heaviest anyone has lifted
// on exercise e with equipment eq (for dumbbells: one dumbbell).
func HumanLimit(e *Exercise, eq Equipment) float64 {
	lim := humanLimit[e.Family]
	switch eq {
	case Dumbbell:
		return cmpOr(lim.dumbbell, defaultLimit.dumbbell)
	case Machine, Cable, LegPressSled, HackSquatSled, PlateLoaded:
		return cmpOr(lim.machine, defaultLimit.machine)
	}
	return cmpOr(lim.bar, defaultLimit.bar) // the bars, and any new equipment
}

func cmpOr(v, d float64) float64 {
	if v > 0 {
		return v
	}
	return d
}

// Doubt is why a typed load looks implausible.
type Doubt struct {
	// Text is one line for the lifter: "800 kg on bench press is more
	// than anyone has ever benched. Did you mean 80 kg?"
	Text string
	// Suggest is the load probably meant, in the command's unit: the
	// typed one over ten (an extra digit or a missing decimal point) when
	// that is plausible; 0 when there is none.
	Suggest float64
}

// Implausible reports whether the load of a plan command is far beyond
// anything plausible, and why: beyond what anyone has lifted on the
// exercise (HumanLimit), or beyond PlausibleMargin times best, the
// lifter's best estimated 1RM on the exercise in cmd.Unit (0 when there is
// none). The load is the number typed, whatever the technique makes of it
// (a drop set's start load, a back-off plan's 1RM or top set). It is a
// pure function: the hub asks the lifter before planning such a load.
func (c *Coach) Implausible(cmd Command, best float64) (Doubt, bool) {
	if cmd.Kind != KindPlan || !cmd.LoadSet || cmd.Exercise == nil || cmd.Load <= 0 {
		return Doubt{}, false
	}
	limit := Convert(HumanLimit(cmd.Exercise, cmd.Equipment), KG, cmd.Unit)
	plausible := func(v float64) bool {
		return v <= limit && (best <= 0 || v <= PlausibleMargin*best)
	}
	if plausible(cmd.Load) {
		return Doubt{}, false
	}
	var d Doubt
	load := FormatLoad(cmd.Load) + " " + cmd.Unit.String()
	if cmd.Load > limit {
		verb := humanLimit[cmd.Exercise.Family].verb
		if verb == "" {
			verb = "lifted"
		}
		what := load
		if cmd.Equipment == Dumbbell {
			what += " dumbbells"
		}
		d.Text = fmt.Sprintf("%s on %s is more than anyone has ever %s.", what, cmd.Exercise.Name, verb)
	} else {
		d.Text = fmt.Sprintf("%s is far beyond your best estimated 1RM on %s (%s).", load, cmd.Exercise.Name, FormatE1RM(best, cmd.Unit))
	}
	// The load over ten, if plausible and, with history, not under half
	// the best estimate (200 typed for 20 is not the usual typo).
	if s := round2(cmd.Load / 10); plausible(s) && s >= best/2 {
		d.Suggest = s
		d.Text += fmt.Sprintf(" Did you mean %s %s?", FormatLoad(s), cmd.Unit)
	}
	return d, true
}

// WithLoad rewrites a plan command's text with another load in place of
// the one typed: WithLoad("drop 800kg bench", KG, 80) is "drop 80kg
// bench". The result is the message in lower case, and it parses to the
// same command with the new load; ok is false when text is not a plan
// command with a load, or the load cannot be told apart from the other
// numbers in it.
func (c *Coach) WithLoad(text string, unit Unit, load float64) (string, bool) {
	cmd, err := c.Parse(text, unit)
	if err != nil || cmd.Kind != KindPlan || !cmd.LoadSet || load <= 0 {
		return "", false
	}
	var toks [maxTokens]string
	n, overflow := tokenize(text, &toks)
	if overflow || n < 2 {
		return "", false
	}
	toks[0] = commandWord(toks[0])
	for i := 1; i < n; i++ {
		w := toks[i]
		if !startsNumber(w) || toks[i-1] == "rest" {
			continue
		}
		v, tail, err := splitNumber(w, "")
		if err != nil || v != cmd.Load {
			continue
		}
		toks[i] = FormatLoad(load) + tail
		out := joinWords(toks[:n])
		toks[i] = w
		got, err := c.Parse(out, unit)
		if err == nil && got.LoadSet && got.Load == load && got.Unit == cmd.Unit && got.Reps == cmd.Reps &&
			got.Technique == cmd.Technique && got.Preset == cmd.Preset && got.Exercise == cmd.Exercise &&
			got.Equipment == cmd.Equipment && got.Options == cmd.Options {
			return out, true
		}
	}
	return "", false
}
