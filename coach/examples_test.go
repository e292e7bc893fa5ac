package coach

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Every example Spotter prints is a command it takes: the examples of the
// help texts, the "Try:" of every mistake the parsers and planners
// answer, and the examples in plan notes. The tests here collect them
// from the coach; bot/examples_test.go collects them from the hub's
// replies.

// exampleMarkers introduce examples in a text: what follows, to the end
// of the sentence, is a list of commands separated by commas or "or",
// each perhaps with a comment in parentheses.
var exampleMarkers = []string{"Try: ", "e.g. ", "for example: ", "Example: ", "Examples: ", "say: "}

// instructions are the "Try:" texts that tell the lifter what to do
// rather than what to type: how to send a file.
var instructions = []string{"export a CSV ", "split it into files ", "send the file again "}

// examplesIn is every example a text shows after one of exampleMarkers.
func examplesIn(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, m := range exampleMarkers {
			rest := line
			for {
				i := strings.Index(rest, m)
				if i < 0 {
					break
				}
				rest = rest[i+len(m):]
				out = append(out, splitExamples(rest)...)
			}
		}
	}
	return out
}

var parenthetical = regexp.MustCompile(`\s*\([^()]*\)`)

// splitExamples reads the list of examples at the start of s, to the end
// of its sentence.
func splitExamples(s string) []string {
	s = parenthetical.ReplaceAllString(s, "")
	for _, end := range []string{"; ", ". ", "? "} {
		if i := strings.Index(s, end); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".?;")
	var out []string
	for _, part := range strings.Split(s, ", ") {
		for _, ex := range strings.Split(part, " or ") {
			ex = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(ex, "or "), "and "))
			if ex != "" {
				out = append(out, ex)
			}
		}
	}
	return out
}

// overviewExamples is every example of the help overview: the command
// before the colon of a technique's line, the list after the colon of a
// group's line.
func overviewExamples(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		label, list, ok := strings.Cut(line, ": ")
		switch {
		case !ok || strings.HasPrefix(label, "Presets"):
		case label[0] >= 'a' && label[0] <= 'z':
			out = append(out, label)
		default:
			out = append(out, splitExamples(list)...)
		}
	}
	return out
}

func isInstruction(ex string) bool {
	for _, p := range instructions {
		if strings.HasPrefix(ex, p) {
			return true
		}
	}
	return false
}

// tryExample is what the lifter gets typing ex with unit u: nil when it
// parses, plans if it is a plan, and changes the gym if it changes one.
func tryExample(c *Coach, ex string, u Unit) error {
	cmd, err := c.Parse(ex, u)
	if err != nil {
		return err
	}
	switch {
	case cmd.Kind == KindPlan:
		_, err = c.Plan(cmd)
	case cmd.Verb == "share":
		_, err = c.Share(cmd.Args, u)
	case cmd.Verb == "gym" && len(cmd.Args) > 0 && !slices.Equal(cmd.Args, []string{"reset"}):
		args, ru := cmd.Args, u
		if pu, ok := ParseUnit(args[0]); ok {
			args, ru = args[1:], pu
		}
		kg, lb := DefaultKGRack(), DefaultLBRack()
		rack := &kg
		if ru == LB {
			rack = &lb
		}
		if *rack, err = ChangeRack(*rack, args); err == nil {
			_, err = NewGym(kg, lb)
		}
	}
	return err
}

// checkExamples fails for each example of from that the lifter could not
// type as it is.
func checkExamples(t *testing.T, c *Coach, from string, examples []string, u Unit) {
	t.Helper()
	for _, ex := range examples {
		if isInstruction(ex) {
			continue
		}
		if err := tryExample(c, ex, u); err != nil {
			t.Errorf("%s shows %q, which fails (%s): %v", from, ex, u, err)
		}
	}
}

// Each command's help says what it does and gives examples, and each of
// them parses (plans, for a plan), in kg and in lb; at least one is of
// the command itself.
func TestEveryHelpExampleParses(t *testing.T) {
	c := testCoach(t)
	for _, v := range Verbs() {
		if v.Kind == KindHelp {
			continue
		}
		name := v.Words[0]
		examples := examplesIn(v.Help)
		if len(examples) == 0 {
			t.Errorf("help %s has no examples", name)
		}
		own := false
		for _, ex := range examples {
			cmd, err := c.Parse(ex, KG)
			own = own || err == nil && cmd.Kind == v.Kind && (cmd.Technique == v.Technique || v.Preset && cmd.Preset != "") && (v.Kind != KindHistory || cmd.Verb == name)
		}
		if !own {
			t.Errorf("help %s: no example of %s among %q", name, name, examples)
		}
		for _, u := range []Unit{KG, LB} {
			checkExamples(t, c, "help "+name, examples, u)
		}
	}
	for _, topic := range []string{"", "exercises", "exercises curl", "exercises nothing like it", "presets", "strip", "preset strip", "no such topic"} {
		text := c.Help(topic)
		examples := examplesIn(text)
		if topic == "" || strings.HasPrefix(topic, "no such") {
			examples = append(examples, overviewExamples(text)...)
		}
		if topic != "exercises curl" && len(examples) == 0 {
			t.Errorf("help %s shows no examples", topic)
		}
		for _, u := range []Unit{KG, LB} {
			checkExamples(t, c, "help "+topic, examples, u)
		}
	}
}

// The overview is short: a line per technique and per group of commands,
// each command's example in it, and how to ask for more.
func TestHelpOverview(t *testing.T) {
	c := testCoach(t)
	text := c.Help("")
	if n := len([]rune(text)); n > 1500 {
		t.Errorf("the overview is %d characters; want at most 1,500", n)
	}
	examples := overviewExamples(text)
	for _, v := range Verbs() {
		if v.Kind != KindHelp && !slices.Contains(examples, v.Example) {
			t.Errorf("the overview does not show %q (%s)", v.Example, v.Words[0])
		}
	}
	for _, want := range []string{"Say help and a command", "help log", "help exercises"} {
		if !strings.Contains(text, want) {
			t.Errorf("the overview does not say %q", want)
		}
	}
}

// helpList is the exercises a help exercises answer lists: the names
// before the colon of each line after the heading.
func helpList(t *testing.T, text string) []*Exercise {
	t.Helper()
	lines := strings.Split(text, "\n")
	var out []*Exercise
	for _, l := range lines[1:] {
		name, _, _ := strings.Cut(l, ": ")
		e, ok := DefaultCatalog().Lookup(name)
		if !ok || e.Name != name {
			t.Fatalf("%q is not an exercise's line", l)
		}
		out = append(out, e)
	}
	return out
}

// help exercises alone counts the exercises by muscle group and says how
// to list some; with a filter it lists only what matches, short enough
// for a chat message.
func TestHelpExercises(t *testing.T) {
	c := testCoach(t)
	all := DefaultCatalog().All()

	groups := c.Help("exercises")
	if n := len(groups); n > 1000 {
		t.Errorf("help exercises is %d characters; want a short overview", n)
	}
	for _, m := range catMuscles {
		n := 0
		for _, e := range all {
			if slices.Contains(e.Muscles, m) {
				n++
			}
		}
		if !strings.Contains(groups, string(m)+" "+strconv.Itoa(n)) {
			t.Errorf("help exercises does not count %d %s exercises: %s", n, m, groups)
		}
	}
	if !strings.Contains(groups, "help exercises curl") || !strings.Contains(groups, "help exercises all") {
		t.Errorf("help exercises does not say how to filter: %s", groups)
	}

	curls := c.Help("exercises curl")
	if n := len(curls); n > 1500 {
		t.Errorf("help exercises curl is %d characters", n)
	}
	list := helpList(t, curls)
	if len(list) < 5 {
		t.Errorf("help exercises curl lists %d exercises", len(list))
	}
	for _, e := range list {
		if !strings.Contains(e.Name+" "+strings.Join(e.Aliases, " "), "curl") {
			t.Errorf("help exercises curl lists %s", e.Name)
		}
	}
	if got := helpList(t, c.Help("exercises curls")); len(got) != len(list) {
		t.Errorf("help exercises curls lists %d, curl %d", len(got), len(list))
	}

	for filter, want := range map[string]func(e *Exercise) bool{
		"chest":    func(e *Exercise) bool { return slices.Contains(e.Muscles, Chest) },
		"pecs":     func(e *Exercise) bool { return slices.Contains(e.Muscles, Chest) },
		"db":       func(e *Exercise) bool { return e.Equipment == Dumbbell },
		"dumbbell": func(e *Exercise) bool { return e.Equipment == Dumbbell },
		"bw":       func(e *Exercise) bool { return e.Equipment == BodyWeight },
		"trap bar": func(e *Exercise) bool { return e.Equipment == TrapBar },
		"db curl":  func(e *Exercise) bool { return e.Equipment == Dumbbell && strings.Contains(e.Name, "curl") },
		"all":      func(*Exercise) bool { return true },
	} {
		text := c.Help("exercises " + filter)
		got := helpList(t, text)
		var wanted []string
		for _, e := range all {
			if want(e) {
				wanted = append(wanted, e.Name)
			}
		}
		var names []string
		for _, e := range got {
			names = append(names, e.Name)
		}
		if !slices.Equal(names, wanted) {
			t.Errorf("help exercises %s lists %q; want %q", filter, names, wanted)
		}
		if filter != "all" && len(text) > 3500 {
			t.Errorf("help exercises %s is %d characters", filter, len(text))
		}
	}
	if got := c.Help("exercises CHEST"); got != c.Help("exercises chest") {
		t.Error("help exercises CHEST differs from help exercises chest")
	}
	if got := c.Help("exercises benhc"); !strings.HasPrefix(got, `No exercise matches "benhc". Did you mean bench press`) {
		t.Errorf("help exercises benhc = %q", got)
	}
}

// badInputs are mistakes a lifter makes, for the examples their answers
// show.
var badInputs = []string{
	"", "   ", strings.Repeat("drop ", 900), strings.Repeat("a ", 30),
	"hello", "dorp 80kg bench", "hlep", "undi", "statr", "/drop@Bot",
	"drop", "drop 80kg", "drop bench", "drop 80kg benhc", "drop 80kg bnch press", "drop 80kg pul up", "drop 80kg pullup",
	"drop 80kg squat bw", "drop 80kg db", "drop 80kg dumbbell", "drop 80kg db benhc", "drop 30kg db curl",
	"drop 80kg bench x", "drop 80kg bench x0", "drop 80kg bench xx", "drop 80kg bench x5 x6", "drop 80kg bench x500",
	"drop 80kg bench rest", "drop 80kg bench rest 20s", "rp 100kg squat rest abc", "rp 100kg squat rest 20m",
	"drop 80kg bench 150%", "drop 80kg bench -0%", "drop 80kg 90kg bench", "drop 80kg 90lb bench", "drop 80stone bench",
	"drop nan bench", "drop infkg bench", "drop -80kg bench", "drop 0kg bench", "drop 5000kg bench", "drop 80kg bench 20 drops",
	"drop 1.5 drops 80kg bench", "rp 100kg squat 9 minis", "rp 100kg squat 2 drops", "drop 80kg bench 3 minis",
	"backoff 100kg bench -20%", "drop 80kg bench ladder", "drop 80kg bench fast", "rp 100kg squta", "backoff 100kg bnch",
	"backoff bench 90kg x2 x3", "japanese 100kg bnech x5", "ramp 100kg sqat", "japanese 100kg bench", "japanese bench x5",
	"backoff bench", "backoff 100kg bench x20", "backoff bench 90kg x15", "ramp squat", "rp squat", "drop 20kg bench",
	"drop 2kg lateral raise", "ramp 20kg squat", "japanese 20kg bench x5", "backoff 20kg bench x2", "drop 80kg pull up",
	"rp 20kg dip", "japanese 100kg bench x12", "japanese ladder 100kg bench", "strip 80kg benhc", "quickrp", "strip",
	"start now", "skip it", "stop please", "done eight", "done 8 9 10", "done 101", "done -1", "done 8 sets",
	"log", "log bench", "log benhc 100x5", "log bnch 100x5x5", "log 100x5", "log bench 100", "log bench 100kg",
	"log bench 100x", "log bench 100x5x", "log bench 100xax5", "log bench 100x0", "log bench 100x500", "log bench 100x5x100",
	"log bench 100x5 @11", "log bench @8", "log bench 100x5 drop backoff", "log bench 80x10 90x8 drop", "log bench 100stone x5",
	"log bench 5000x5", "log bench -5x5", "log pull up 10", "log pul up 10", "log squat 140kg 5.5", "log deadlift 180kg 3x5",
	"log db curl 15kg x 12 x 3", "log bench 5x100", "log dips +20kg x8", "log push up 25", "log bench 100x5 yesterday",
	"log bench 100 kg x 5 rpe 11", "log bench 100x5 rest pause backoff",
	"preset", "preset nope 80kg bench", "preset quickrp", "preset drop 80kg bench", "preset strip 80kg benhc", "preset quickrp 100kg squat 2 drops",
	"help xyz", "help exercises xyz", "help exercises benhc",
}

// Every mistake's answer shows an example that works as it is, in the
// lifter's unit; so do the plans' notes.
func TestEveryTryParses(t *testing.T) {
	c := testCoach(t)
	inputs := slices.Clone(badInputs)
	for _, v := range Verbs() {
		inputs = append(inputs, v.Example)
		inputs = append(inputs, examplesIn(v.Help)...)
	}
	kgLoad := regexp.MustCompile(`\d(kg|kgs)\b`)
	for _, u := range []Unit{KG, LB} {
		for _, in := range inputs {
			cmd, err := c.Parse(in, u)
			from := "Parse"
			if err == nil && cmd.Kind == KindPlan {
				var p *Plan
				p, err = c.Plan(cmd)
				from = "Plan"
				if err == nil {
					checkExamples(t, c, "the plan of "+strconv.Quote(in), examplesIn(p.Text()), u)
				}
			}
			if err == nil {
				continue
			}
			e, ok := err.(*Error)
			if !ok {
				t.Errorf("%s(%.40q): %v is not for the lifter", from, in, err)
				continue
			}
			checkExamples(t, c, from+"("+strconv.Quote(clip(in, 40))+")", examplesIn(e.Error()), u)
			if e.Example == "" {
				t.Errorf("%s(%.40q): %q shows no example", from, in, e.Msg)
			}
			if u == LB && from == "Parse" && kgLoad.MatchString(e.Example) {
				t.Errorf("Parse(%.40q) shows an lb lifter %q", in, e.Example)
			}
		}
	}
}

// Every example written into coach's source as the example of a mistake
// works as it is: those of answers no input above reaches too.
func TestEveryWrittenExampleParses(t *testing.T) {
	c := testCoach(t)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	consts := map[string]string{}
	var examples []string
	var idents []string
	str := func(e ast.Expr) (string, bool) {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			return s, err == nil
		}
		if id, ok := e.(*ast.Ident); ok {
			idents = append(idents, id.Name)
		}
		return "", false
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if i < len(n.Values) {
						if s, ok := n.Values[i].(*ast.BasicLit); ok && s.Kind == token.STRING {
							consts[id.Name], _ = strconv.Unquote(s.Value)
						}
					}
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "userErr" && len(n.Args) > 0 {
					if s, ok := str(n.Args[0]); ok {
						examples = append(examples, s)
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Example" {
					if s, ok := str(n.Value); ok {
						examples = append(examples, s)
					}
				}
			}
			return true
		})
	}
	for _, id := range idents {
		if s, ok := consts[id]; ok {
			examples = append(examples, s)
		}
	}
	if len(examples) < 20 {
		t.Fatalf("%d examples found in the source", len(examples))
	}
	for _, u := range []Unit{KG, LB} {
		checkExamples(t, c, "the source", examples, u)
	}
}

// An lb lifter's examples are in lb, in loads an lb lifter picks.
func TestExampleIn(t *testing.T) {
	for in, want := range map[string]string{
		"drop 80kg bench":         "drop 175lb bench",
		"rp 100kg squat":          "rp 225lb squat",
		"backoff bench 90kg x2":   "backoff bench 200lb x2",
		"log squat 140kg 5 @8":    "log squat 315lb 5 @8",
		"log dips +20kg x8":       "log dips +45lb x8",
		"log bench 100kgx5":       "log bench 225lbx5",
		"log bench 100x5x5":       "log bench 100x5x5",
		"gym kg plates 25x4":      "gym kg plates 25x4",
		"drop 30kg db curl":       "drop 65lb db curl",
		"settings units lb":       "settings units lb",
		"log assisted 60kg x8":    "log assisted 135lb x8",
		"log pull up -30kg x8":    "log pull up -65lb x8",
		"japanese 100kg bench x5": "japanese 225lb bench x5",
	} {
		if got := exampleIn(in, LB); got != want {
			t.Errorf("exampleIn(%q, lb) = %q; want %q", in, got, want)
		}
		if got := exampleIn(in, KG); got != in {
			t.Errorf("exampleIn(%q, kg) = %q", in, got)
		}
	}
	c := testCoach(t)
	_, err := c.Parse("backoff bench 90kg x2 squta", LB)
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := c.Parse("drop 80kg benhc", LB); err == nil || !strings.HasSuffix(err.Error(), "Try: drop 175lb bench press") {
		t.Errorf("an lb lifter's Try: %v", err)
	}
}

// A plan's suggestion is an exercise it can plan: a misspelt body-weight
// exercise is suggested with a loaded one, or shown as a log.
func TestSuggestionsPlan(t *testing.T) {
	c := testCoach(t)
	for _, in := range []string{"drop 80kg pul up", "rp 20kg dipp", "drop 80kg benhc", "backoff 100kg chinup"} {
		_, err := c.Parse(in, KG)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if err := tryExample(c, e.Example, KG); err != nil {
			t.Errorf("Parse(%q) shows %q: %v", in, e.Example, err)
		}
	}
}

// help log's notations, written in parentheses after what they show, are
// each read as they say: a set after the exercise, a body-weight set
// after a body-weight exercise, and the rest after a set.
func TestLogHelpNotationsParse(t *testing.T) {
	c := testCoach(t)
	before := map[string]string{"Sets": "log bench ", "Body weight": "log pull up ", "Also": "log bench 100x5 "}
	n := 0
	for _, line := range strings.Split(c.Help("log"), "\n") {
		label, rest, _ := strings.Cut(line, ": ")
		prefix, ok := before[label]
		if !ok {
			continue
		}
		for _, m := range regexp.MustCompile(`\(([^()]*)\)`).FindAllStringSubmatch(rest, -1) {
			for _, notation := range strings.Split(m[1], ", ") {
				if label != "Also" && !strings.ContainsAny(notation, "0123456789") {
					continue // "kg, lb"
				}
				in := prefix + notation
				if notation[0] >= 'a' && notation[0] <= 'z' && label != "Also" {
					in = "log " + notation // "pull up 10"
				}
				n++
				if _, err := c.Parse(in, KG); err != nil {
					t.Errorf("help log shows %q: %q fails: %v", notation, in, err)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("%d notations in help log", n)
	}
}
