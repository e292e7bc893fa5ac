package coach

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Kind is what a command asks for.
type Kind uint8

const (
	KindPlan    Kind = iota + 1 // plan a technique (or a preset)
	KindHelp                    // help, help <topic>
	KindStart                   // start: run the last plan as a guided session
	KindDone                    // done [N]: the current step is done, with N reps
	KindSkip                    // skip: skip the current step
	KindStop                    // stop: end the session
	KindLog                     // log bench 100x5x5: sets done without a session
	KindHistory                 // a history command: Verb says which
)

// Command is a parsed chat message.
type Command struct {
	Kind      Kind
	Technique Technique
	Preset    string // the preset named by the command word, or after preset, if any
	// Load is the number the lifter gave, in Unit; LoadSet says whether one was given.
	Load    float64
	LoadSet bool
	Unit    Unit
	UnitSet bool // the unit was written, not the lifter's default
	// Reps is the xN of a top set or of working sets, or the reps of
	// "done N"; 0 when not given.
	Reps    int
	RepsSet bool // done N: a number was given (it may be 0)
	// Lifts are the sets of a log command, without times; Log is what
	// else its line says (logparse.go).
	Lifts []Lift
	Log   LogLine
	// Verb is the history command word (undo, history, pr, 1rm, chart,
	// week, settings, export, import, forget, privacy) and Args the words
	// after it, for the hub to read.
	Verb      string
	Args      []string
	Exercise  *Exercise
	Equipment Equipment
	EquipSet  bool
	Options   Options
	Topic     string // help topic
}

// MaxLoad is the heaviest load, in kg, that Spotter plans; more is a typo.
const MaxLoad = 1000

// MaxMessage is the longest message, in bytes, read as a command.
const MaxMessage = 4096

const maxTokens = 24

// Parse reads one chat message. unit is the lifter's default unit, used
// when a load has none. The command word may start with "/" and end with
// "@BotName". Errors are *Error values to show the lifter as they are,
// their examples' loads in the lifter's unit.
func (c *Coach) Parse(text string, unit Unit) (Command, error) {
	cmd, err := c.parse(text, unit)
	if e, ok := err.(*Error); ok && unit != KG {
		err = &Error{Msg: e.Msg, Example: exampleIn(e.Example, unit)}
	}
	return cmd, err
}

// parse is Parse, with examples as the parsers write them (in kg).
func (c *Coach) parse(text string, unit Unit) (Command, error) {
	var cmd Command
	if len(text) > MaxMessage {
		return cmd, userErr("drop 80kg bench", "That message is too long for a command (over %d characters).", MaxMessage)
	}
	text, note := cutLogNote(text)
	var toks [maxTokens]string
	n, overflow := tokenize(text, &toks)
	if n == 0 {
		return cmd, userErr("help", "Say what to plan, for example a drop set.")
	}
	if overflow {
		return cmd, userErr("drop 80kg bench", "That message is too long for one command.")
	}
	verb := commandWord(toks[0])
	v, rest := lookupVerb(verb, toks[1:n])
	if v == nil {
		cmd.Kind = KindPlan
		p, ok := c.presets[verb]
		if !ok {
			return cmd, c.unknownCommand(verb)
		}
		cmd.Technique, cmd.Preset = p.Technique, p.Name
	} else {
		cmd.Kind = v.Kind
		switch v.Kind {
		case KindHelp:
			cmd.Topic = strings.Join(rest, " ")
			return cmd, nil
		case KindStart, KindSkip, KindStop:
			return cmd, noArgs(rest, v.Words[0])
		case KindDone:
			return cmd, parseDone(&cmd, rest)
		case KindLog:
			return cmd, c.parseLog(&cmd, rest, unit, note)
		case KindHistory:
			cmd.Verb = v.Words[0]
			cmd.Args = append([]string(nil), rest...)
			return cmd, nil
		}
		cmd.Technique = v.Technique
		if v.Preset {
			p, err := c.namedPreset(rest)
			if err != nil {
				return cmd, err
			}
			cmd.Technique, cmd.Preset = p.Technique, p.Name
			rest = rest[1:]
		}
	}
	cmd.Unit = unit
	if err := c.parseArgs(&cmd, rest); err != nil {
		return cmd, err
	}
	return cmd, checkOptions(&cmd)
}

// tokenize splits text on white space into lower-case tokens, without
// allocating when text is already lower case.
func tokenize(text string, toks *[maxTokens]string) (n int, overflow bool) {
	if hasUpper(text) {
		text = normalize(text)
	}
	i := 0
	for i < len(text) {
		for i < len(text) && isSep(text, i) {
			i++
		}
		j := i
		for j < len(text) && !isSep(text, j) {
			j++
		}
		if j > i {
			if n == maxTokens {
				return n, true
			}
			toks[n] = text[i:j]
			n++
		}
		i = j
	}
	return n, false
}

// normalize lower-cases text and turns every Unicode space, zero-width
// character and byte-order mark into a plain space, and full-width digits
// and letters into ASCII, so that "drop\u00a080kg bench" or "ｄｒｏｐ ８０kg
// bench" read as typed.
func normalize(text string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || unicode.IsSpace(r):
			return ' '
		case r >= '\uff01' && r <= '\uff5e': // full-width ASCII
			r -= 0xfee0
		case r == '×':
			return 'x'
		}
		return unicode.ToLower(r)
	}, text)
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// isSep reports whether text[i] separates words: white space, or a comma
// that is not a decimal comma between two digits ("67,5kg").
func isSep(text string, i int) bool {
	switch text[i] {
	case ' ', '\t', '\n', '\r':
		return true
	case ',':
		return i == 0 || i+1 == len(text) || !isDigit(text[i-1]) || !isDigit(text[i+1])
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// commandWord strips a leading "/" and a trailing "@BotName".
func commandWord(w string) string {
	w = strings.TrimPrefix(w, "/")
	if i := strings.IndexByte(w, '@'); i > 0 {
		w = w[:i]
	}
	return w
}

func (c *Coach) unknownCommand(verb string) error {
	e := userErr("drop 80kg bench", "I don't know the command %q.", clip(verb, 24))
	if s := c.suggestCommand(verb); s != "" {
		e.Msg = "I don't know the command " + strconv.Quote(clip(verb, 24)) + "; did you mean " + s + "?"
		e.Example = "help " + s
		if s == "help" {
			e.Example = "help"
		}
	}
	if verb == "" {
		e.Msg = "Say what to plan, for example a drop set."
	}
	return e
}

// namedPreset is the preset that the first of the words after the preset
// verb names. An unknown name is answered with the coach's presets, or,
// when it has none, with how whoever runs the bot adds one.
func (c *Coach) namedPreset(rest []string) (Preset, error) {
	name := ""
	if len(rest) > 0 {
		name = commandWord(rest[0])
	}
	if p, ok := c.presets[name]; ok {
		return p, nil
	}
	if len(c.presets) == 0 {
		return Preset{}, userErr("help", "This bot has no presets: whoever runs it adds them to its TOML file, as a [[preset]] table with a name and a technique (name = \"quickrp\", technique = \"rest_pause\").")
	}
	ps := c.Presets()
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	list := "This bot's presets are " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + "."
	if len(ps) == 1 {
		list = "This bot's preset is " + names[0] + "."
	}
	if v, _ := lookupVerb(name, nil); v != nil && v.Kind == KindPlan && !v.Preset {
		return Preset{}, &Error{Msg: strconv.Quote(name) + " is a technique, not a preset: say it without preset. " + list, Example: v.Example}
	}
	if name == "" {
		return Preset{}, &Error{Msg: "Which preset? " + list, Example: presetExample(ps[0])}
	}
	msg := "I don't know the preset " + strconv.Quote(clip(name, 24))
	best, bestD := ps[0], 3
	for _, p := range ps {
		if d := editDistance(name, p.Name); d < bestD {
			best, bestD = p, d
			msg = "I don't know the preset " + strconv.Quote(clip(name, 24)) + "; did you mean " + p.Name + "?"
		}
	}
	if bestD == 3 {
		msg += "."
	}
	return Preset{}, &Error{Msg: msg + " " + list, Example: presetExample(best)}
}

// presetExample is a command of the preset verb that plans preset p.
func presetExample(p Preset) string {
	ex := exampleFor(p.Technique)
	return "preset " + p.Name + ex[strings.IndexByte(ex, ' '):]
}

// parseArgs reads the words after the command word.
func (c *Coach) parseArgs(cmd *Command, args []string) error {
	ex := exampleFor(cmd.Technique)
	var name [maxTokens]string
	var equipWords [maxTokens]string
	nn, ne := 0, 0
	for i := 0; i < len(args); i++ {
		w := args[i]
		next := ""
		if i+1 < len(args) {
			next = args[i+1]
		}
		switch {
		case w == "x" || w == "×" || w == "*": // "90kg x 2"
			r, err := parseReps(next, ex)
			if err != nil {
				return err
			}
			if err := setReps(cmd, r, ex); err != nil {
				return err
			}
			i++
		case isRepsToken(w):
			r, err := parseReps(w[1:], ex)
			if err != nil {
				return err
			}
			if err := setReps(cmd, r, ex); err != nil {
				return err
			}
		case w == "rest":
			d, err := parseDuration(next, ex)
			if err != nil {
				return err
			}
			cmd.Options.Rest = d
			i++
		case strings.HasSuffix(w, "%"):
			p, err := parsePercent(w, ex)
			if err != nil {
				return err
			}
			cmd.Options.Percent = p
		case w == "ladder":
			cmd.Options.Ladder = true
		case startsNumber(w):
			num, tail, err := splitNumber(w, ex)
			if err != nil {
				return err
			}
			// "3 drops", "3drops", "3 minis", "80 kg", "80kg", "90kgx2", "80"
			if tail == "" && next != "" {
				if countWord(next) != 0 || isUnitWord(next) {
					tail = next
					i++
				}
			}
			if err := c.numberWithTail(cmd, num, tail, ex); err != nil {
				return err
			}
		case isNonNumber(w):
			return userErr(ex, "%q is not a number I can use.", clip(w, 24))
		default:
			if f, ok := ParseFiber(w); ok {
				cmd.Options.Fiber, cmd.Options.FiberSet = f, true
				continue
			}
			if _, ok := ParseEquipment(w); ok {
				equipWords[ne] = w
				ne++
			}
			name[nn] = w
			nn++
		}
	}
	return c.resolveExercise(cmd, name[:nn], equipWords[:ne], ex)
}

func isRepsToken(w string) bool {
	return len(w) > 1 && (w[0] == 'x' || w[0] == '*') && w[1] >= '0' && w[1] <= '9' ||
		strings.HasPrefix(w, "×") && len(w) > len("×")
}

func startsNumber(w string) bool {
	if w == "" {
		return false
	}
	c := w[0]
	return c >= '0' && c <= '9' || (c == '.' || c == '-' || c == '+') && len(w) > 1 && (w[1] >= '0' && w[1] <= '9' || w[1] == '.')
}

// splitNumber splits "80kg" into 80 and "kg", "90kgx2" into 90 and "kgx2".
// A decimal comma is read as a point ("67,5kg").
func splitNumber(w, ex string) (float64, string, error) {
	j := 0
	if j < len(w) && (w[j] == '-' || w[j] == '+') {
		j++
	}
	for j < len(w) && (w[j] >= '0' && w[j] <= '9' || w[j] == '.' || w[j] == ',') {
		j++
	}
	num := w[:j]
	if strings.IndexByte(num, ',') >= 0 {
		num = strings.Replace(num, ",", ".", 1)
	}
	v, ok := ParseDecimal(num)
	if !ok {
		return 0, "", userErr(ex, "%q is not a number I can use.", clip(w, 24))
	}
	return v, w[j:], nil
}

// countWord returns which count a word names: drops, mini-sets or sets.
func countWord(w string) byte {
	switch w {
	case "drop", "drops":
		return 'd'
	case "mini", "minis", "mini-set", "mini-sets", "miniset", "minisets", "rounds", "round":
		return 'm'
	}
	return 0
}

func isUnitWord(w string) bool {
	if _, ok := ParseUnit(w); ok {
		return true
	}
	// "kgx2", "lbx5"
	if i := strings.IndexAny(w, "x×*"); i > 0 {
		_, ok := ParseUnit(w[:i])
		return ok
	}
	return false
}

func (c *Coach) numberWithTail(cmd *Command, v float64, tail, ex string) error {
	switch countWord(tail) {
	case 'd':
		if v != math.Trunc(v) || v < 1 || v > maxDrops {
			return userErr(ex, "The number of drops must be a whole number from 1 to %d.", maxDrops)
		}
		cmd.Options.Drops = int(v)
		return nil
	case 'm':
		if v != math.Trunc(v) || v < 1 || v > maxMiniSets {
			return userErr(ex, "The number of mini-sets must be a whole number from 1 to %d.", maxMiniSets)
		}
		cmd.Options.MiniSets = int(v)
		return nil
	}
	unitPart, repsPart := tail, ""
	if i := strings.IndexAny(tail, "x×*"); i >= 0 {
		unitPart, repsPart = tail[:i], tail[i:]
		repsPart = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(repsPart, "×"), "x"), "*")
	}
	if unitPart != "" {
		u, ok := ParseUnit(unitPart)
		if !ok {
			return userErr(ex, "%q: write the load as 80kg or 175lb.", clip(unitPart, 24))
		}
		if cmd.UnitSet && cmd.LoadSet && u != cmd.Unit {
			return userErr(ex, "Mixed units: write every load in kg or every load in lb.")
		}
		cmd.Unit, cmd.UnitSet = u, true
	}
	if cmd.LoadSet {
		return userErr(ex, "Two loads (%s and %s): give one.", FormatLoad(cmd.Load), FormatLoad(v))
	}
	if err := checkLoad(v, cmd.Unit, ex); err != nil {
		return err
	}
	cmd.Load, cmd.LoadSet = v, true
	if repsPart != "" {
		r, err := parseReps(repsPart, ex)
		if err != nil {
			return err
		}
		return setReps(cmd, r, ex)
	}
	return nil
}

func checkLoad(v float64, u Unit, ex string) error {
	if v <= 0 {
		return userErr(ex, "The load must be more than 0.")
	}
	if Convert(v, u, KG) > MaxLoad {
		return userErr(ex, "%s %s is more than anyone lifts; check the number.", FormatLoad(v), u)
	}
	return nil
}

const (
	maxDrops    = 10
	maxMiniSets = 6
	maxReps     = 100
)

func parseReps(s, ex string) (int, error) {
	r, err := strconv.Atoi(s)
	if err != nil || r < 1 || r > maxReps {
		return 0, userErr(ex, "Reps are written x5: a whole number from 1 to %d.", maxReps)
	}
	return r, nil
}

func setReps(cmd *Command, r int, ex string) error {
	if cmd.Reps != 0 && cmd.Reps != r {
		return userErr(ex, "Two rep counts (x%d and x%d): give one.", cmd.Reps, r)
	}
	cmd.Reps = r
	return nil
}

func parsePercent(w, ex string) (float64, error) {
	s := strings.TrimSuffix(w, "%")
	s = strings.TrimPrefix(s, "-")
	s = strings.Replace(s, ",", ".", 1)
	p, ok := ParseDecimal(s)
	if !ok || p <= 0 || p >= 100 {
		return 0, userErr(ex, "A drop is a percentage between 0 and 100, such as -15%%.")
	}
	return p, nil
}

// parseDuration reads a rest: "20s", "20", "90sec", "1m", "1m30s", "1:30".
func parseDuration(s, ex string) (time.Duration, error) {
	bad := userErr(ex, "Write a rest as 20s, 90s or 1m30s.")
	if s == "" {
		return 0, bad
	}
	var d time.Duration
	if i := strings.IndexByte(s, ':'); i > 0 {
		m, err1 := strconv.Atoi(s[:i])
		sec, err2 := strconv.Atoi(s[i+1:])
		if err1 != nil || err2 != nil || m < 0 || sec < 0 || sec >= 60 {
			return 0, bad
		}
		d = time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
	} else if n, err := strconv.Atoi(s); err == nil {
		d = time.Duration(n) * time.Second
	} else {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "ec"), "ecs")
		s = strings.Replace(s, "min", "m", 1)
		var err error
		d, err = time.ParseDuration(s)
		if err != nil {
			return 0, bad
		}
	}
	if d <= 0 || d > MaxRest {
		return 0, userErr(ex, "A rest must be between 1 s and %d min.", int(MaxRest/time.Minute))
	}
	return d.Round(time.Second), nil
}

// MaxRest is the longest rest a plan may ask for.
const MaxRest = 10 * time.Minute

// resolveExercise finds the exercise a command names, as FindExercise
// does: in the catalog, else among the lifter's own names. Equipment words
// in the name pick another version of the exercise ("bench dumbbell"). A
// plan on a body-weight exercise is refused (bodyWeightPlan).
func (c *Coach) resolveExercise(cmd *Command, name, equip []string, ex string) error {
	if len(name) == 0 {
		return userErr(ex, "Which exercise?")
	}
	full := joinWords(name)
	if e, ok := c.FindExercise(full); ok {
		cmd.Exercise = e
		cmd.Equipment = e.Equipment
		return bodyWeightPlan(cmd, ex)
	}
	if len(equip) > 0 {
		// The equipment words are options, not part of the name.
		var rest [maxTokens]string
		n := 0
		for _, w := range name {
			if _, isEq := ParseEquipment(w); !isEq {
				rest[n] = w
				n++
			}
		}
		eq, _ := ParseEquipment(equip[len(equip)-1])
		if eq == Barbell {
			// "ez bar", "trap bar", "womens bar": the word "bar" names
			// the kind of bar before it, not the standard one.
			for _, w := range equip {
				if k, _ := ParseEquipment(w); k != Barbell && k.Plated() && k != Smith && !k.Sled() {
					eq = k
				}
			}
		}
		if n > 0 {
			if e, ok := c.FindExercise(joinWords(rest[:n])); ok {
				cmd.Exercise, cmd.Equipment, cmd.EquipSet = e, eq, true
				return bodyWeightPlan(cmd, ex)
			}
			full = joinWords(rest[:n])
		} else {
			return userErr(ex, "Which exercise?")
		}
	}
	msg := "I don't know the exercise " + strconv.Quote(clip(full, 40)) + "."
	if s := c.SuggestExercises(full, 3); len(s) > 0 {
		msg = "I don't know the exercise " + strconv.Quote(clip(full, 40)) + "; did you mean " + orList(s) + "?"
		return &Error{Msg: msg, Example: c.exampleWith(cmd.Kind, ex, s)}
	}
	return &Error{Msg: msg + " Say \"help exercises\" for the list.", Example: ex}
}

// bodyWeightPlan refuses to plan on body weight. Every technique plans
// loads as fractions of a load, and a body-weight exercise's load is the
// lifter's body plus what they add, a body weight Spotter does not know:
// a 20 % drop of +20 kg would be a 4 % drop for a 100 kg lifter. So the
// lifter is shown how to log the sets instead. ex is the command's example.
func bodyWeightPlan(cmd *Command, ex string) error {
	if cmd.Kind != KindPlan || cmd.Exercise.Equipment != BodyWeight && cmd.Equipment != BodyWeight {
		return nil
	}
	if cmd.Exercise.Equipment != BodyWeight { // "drop 80kg squat bw"
		return userErr(replaceExercise(ex, cmd.Exercise.Name), "Spotter does not know your body weight, so it plans no %s on it.", cmd.Technique)
	}
	add, help := "+20kg", "-30kg"
	if cmd.Unit == LB {
		add, help = "+45lb", "-65lb"
	}
	return userErr(logExample(cmd.Exercise.Name),
		"%s is a body-weight exercise, and Spotter does not know your body weight, so it plans no %s on it. Log your sets instead, with any added load (%s) or help (%s).",
		capitalize(cmd.Exercise.Name), cmd.Technique, add, help)
}

func joinWords(w []string) string {
	if len(w) == 1 {
		return w[0]
	}
	return strings.Join(w, " ")
}

func orList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// clip shortens user text that is echoed back.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// exampleWith is the example ex of a command of kind k with the exercise
// the lifter most likely meant, the first of suggested that the command
// takes: a plan is never of a body-weight exercise (bodyWeightPlan), so a
// plan's example names the first suggestion with a load, or, when all of
// them are body-weight exercises, shows how to log the first.
func (c *Coach) exampleWith(k Kind, ex string, suggested []string) string {
	if k != KindPlan {
		return replaceExercise(ex, suggested[0])
	}
	for _, name := range suggested {
		if e, ok := c.FindExercise(name); !ok || e.Equipment != BodyWeight {
			return replaceExercise(ex, name)
		}
	}
	return logExample(suggested[0])
}

// logExample is a log command of one set of a body-weight exercise,
// without added load.
func logExample(name string) string { return "log " + name + " 10" }

// exampleIn is example ex for a lifter who weighs in unit u: each load
// written in kg ("80kg", "+20kg", "100kgx5") becomes a round load in u,
// the one a lifter of u would pick (100 kg is 225 lb, the plates of two
// 45s a side), so that a Try: line reads as the lifter's own command.
func exampleIn(ex string, u Unit) string {
	if u == KG || !strings.Contains(ex, "kg") {
		return ex
	}
	words := strings.Split(ex, " ")
	for i, w := range words {
		sign := ""
		if w != "" && (w[0] == '+' || w[0] == '-') {
			sign, w = w[:1], w[1:]
		}
		j := 0
		for j < len(w) && (isDigit(w[j]) || w[j] == '.') {
			j++
		}
		if j == 0 || !strings.HasPrefix(w[j:], "kg") {
			continue
		}
		v, ok := ParseDecimal(w[:j])
		if !ok {
			continue
		}
		words[i] = sign + FormatLoad(roundExampleLoad(Convert(v, KG, u), u)) + u.String() + w[j+len("kg"):]
	}
	return strings.Join(words, " ")
}

// roundExampleLoad rounds a converted load to one a lifter of u writes:
// the plate-friendly 135, 225, 315 and 405 lb near 60, 100, 140 and
// 180 kg, else the nearest 5 lb (at least 5).
func roundExampleLoad(v float64, u Unit) float64 {
	if u != LB {
		return math.Max(0.5, math.Round(v*2)/2)
	}
	for _, nice := range []float64{135, 225, 315, 405} {
		if math.Abs(v-nice) <= 10 {
			return nice
		}
	}
	return math.Max(5, math.Round(v/5)*5)
}

// exampleFor is a correct command for a technique, shown with errors.
func exampleFor(t Technique) string {
	switch t {
	case RestPause:
		return "rp 100kg squat"
	case BackOff:
		return "backoff bench 90kg x2"
	case Japanese:
		return "japanese 100kg bench x5"
	case Ramp:
		return "ramp 100kg squat"
	}
	return "drop 80kg bench"
}

func replaceExercise(example, name string) string {
	i := strings.LastIndexByte(example, ' ')
	parts := strings.Fields(example)
	if len(parts) > 1 && parts[0] == "log" {
		// "log bench 100x5x5": the exercise is every word before the first
		// number of a set.
		k := 1
		for k < len(parts) && !startsNumber(parts[k]) && !isBW(parts[k]) {
			k++
		}
		return strings.Join(append([]string{"log", name}, parts[k:]...), " ")
	}
	switch example {
	case "backoff bench 90kg x2":
		return "backoff " + name + " 90kg x2"
	case "japanese 100kg bench x5":
		return "japanese 100kg " + name + " x5"
	}
	if i < 0 || len(parts) < 3 {
		return example
	}
	return parts[0] + " " + parts[1] + " " + name
}

// checkOptions refuses options that do not belong to the command's technique.
func checkOptions(cmd *Command) error {
	o, t, ex := &cmd.Options, cmd.Technique, exampleFor(cmd.Technique)
	switch {
	case o.Drops != 0 && t != DropSet:
		return userErr(ex, "Drops belong to drop sets, not to a %s.", t)
	case o.MiniSets != 0 && t != RestPause:
		return userErr(ex, "Mini-sets belong to rest-pause, not to a %s.", t)
	case o.Percent != 0 && t != DropSet && t != Ramp && !(t == Japanese && o.Ladder):
		return userErr(ex, "A drop percentage belongs to drop sets, ramps and Japanese ladders.")
	case (o.Ladder || o.FiberSet) && t != Japanese:
		return userErr(ex, "Ladders and fibre types belong to Japanese drop sets: japanese ladder 100kg bench x5 fast.")
	case o.Rest != 0 && t == DropSet:
		return userErr(ex, "Drop sets have no rest between drops (0-10 s): the next load is shown at once.")
	}
	return nil
}

func noArgs(rest []string, verb string) error {
	if len(rest) > 0 {
		return userErr(verb, "%q takes nothing after it.", verb)
	}
	return nil
}

// parseDone reads "done", "done 8", "done 8 reps", "done x8".
func parseDone(cmd *Command, rest []string) error {
	if len(rest) == 0 {
		return nil
	}
	w := strings.TrimPrefix(strings.TrimPrefix(rest[0], "x"), "×")
	if len(rest) > 2 || len(rest) == 2 && rest[1] != "reps" && rest[1] != "rep" {
		return userErr("done 8", "Say done and the reps, nothing else.")
	}
	r, err := strconv.Atoi(w)
	if err != nil || r < 0 || r > maxReps {
		return userErr("done 8", "Reps are a whole number from 0 to %d.", maxReps)
	}
	cmd.Reps = r
	cmd.RepsSet = true
	return nil
}

// isNonNumber spots "NaN", "inf" and the like, with or without a unit,
// which ParseFloat would take but no load is.
func isNonNumber(w string) bool {
	w = strings.TrimLeft(w, "+-")
	for _, u := range []string{"kg", "kgs", "lb", "lbs"} {
		w = strings.TrimSuffix(w, u)
	}
	return w == "nan" || w == "inf" || w == "infinity"
}
