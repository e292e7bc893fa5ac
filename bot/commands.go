package bot

import (
	"slices"
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// ArgKind is the type of a command argument, for platforms with typed
// command options (Discord slash commands).
type ArgKind uint8

const (
	ArgText     ArgKind = iota // free text
	ArgNumber                  // a number such as a load: 80, 67.5
	ArgInteger                 // a whole number such as reps
	ArgExercise                // an exercise name: autocomplete with Hub.Suggest
	ArgChoice                  // one of Choices
	ArgFile                    // an attachment: it becomes Message.File, not text
	ArgPreset                  // a preset's name: autocomplete with Hub.Suggest (SuggestPreset)
)

// Arg is one argument of a command.
type Arg struct {
	Name        string // lower case, [a-z0-9_], at most 32 characters
	Description string
	Kind        ArgKind
	Required    bool
	Choices     []string
	// Prefix is written right before the value with no space: "x" before
	// reps makes "x5".
	Prefix string
}

// CommandSpec describes one command the hub understands, for menus
// (Telegram setMyCommands) and slash commands (Discord). The text a
// command stands for is its name followed by its arguments' values in
// order, each with its Prefix: see Text.
type CommandSpec struct {
	Name        string // lower case, [a-z0-9_], 1-32 characters
	Description string // at most 100 characters
	Args        []Arg
	// Private commands answer with personal data: show them to the lifter
	// alone where the platform can.
	Private bool
	// Platforms, when set, are the only platforms whose menus list the
	// command ("telegram", "discord"); as typed text it works everywhere.
	Platforms []string
}

// Listed reports whether platform's menu lists the command.
func (c CommandSpec) Listed(platform string) bool {
	return len(c.Platforms) == 0 || slices.Contains(c.Platforms, platform)
}

// Text is the chat text for a command with argument values by name;
// empty values are left out: Text("drop", {"load": "80kg", "exercise":
// "bench"}) is "drop 80kg bench".
func (c CommandSpec) Text(values map[string]string) string {
	parts := []string{c.Name}
	for _, a := range c.Args {
		v := strings.TrimSpace(values[a.Name])
		if v == "" || a.Kind == ArgFile {
			continue
		}
		parts = append(parts, a.Prefix+v)
	}
	return strings.Join(parts, " ")
}

// Commands lists every command of the coach's verbs table that has a
// menu entry, in the table's order, with typed arguments.
func Commands() []CommandSpec {
	var out []CommandSpec
	for _, v := range coach.Verbs() {
		m := v.Menu
		if m == nil || !m.Telegram && !m.Discord {
			continue
		}
		spec := CommandSpec{Name: v.Words[0], Description: m.Description, Private: m.Private}
		switch {
		case !m.Discord:
			spec.Platforms = []string{"telegram"}
		case !m.Telegram:
			spec.Platforms = []string{"discord"}
		}
		for _, name := range m.Options {
			a, ok := commandArg(spec.Name, name)
			if !ok {
				a = Arg{Name: name, Kind: ArgText}
			}
			spec.Args = append(spec.Args, a)
		}
		out = append(out, spec)
	}
	return out
}

// commandArg is the typed argument for the option name of the command
// verb, as the verbs table names it; false for an option with no details.
func commandArg(verb, name string) (Arg, bool) {
	switch verb + " " + name {
	case "japanese reps":
		return Arg{Name: "reps", Description: "reps of your working sets", Kind: ArgInteger, Required: true, Prefix: "x"}, true
	case "class technique":
		return Arg{Name: "technique", Description: "drop, rp, backoff, japanese, ramp or a preset", Kind: ArgText, Required: true}, true
	case "done reps":
		return Arg{Name: "reps", Description: "reps done", Kind: ArgInteger}, true
	case "preset name":
		return Arg{Name: "name", Description: "a preset from the config", Kind: ArgPreset, Required: true}, true
	case "board schedule":
		return Arg{Name: "schedule", Description: "admins: weekly sun 18, or weekly off", Kind: ArgText}, true
	case "history exercise", "pr exercise":
		return Arg{Name: "exercise", Description: "only this exercise", Kind: ArgExercise}, true
	case "link code":
		return Arg{Name: "code", Description: "the code link gave on your other platform; none to get one", Kind: ArgText}, true
	case "share loads":
		return Arg{Name: "loads", Description: "2-4 loads, a name before each if you like: ana 100kg bo 80kg", Kind: ArgText, Required: true}, true
	}
	switch name {
	case "load":
		return Arg{Name: "load", Description: "load with unit, e.g. 80kg or 175lb", Kind: ArgText, Required: true}, true
	case "exercise":
		return Arg{Name: "exercise", Description: "exercise, e.g. bench", Kind: ArgExercise, Required: true}, true
	case "options":
		return Arg{Name: "options", Description: "options, e.g. 3 drops -20% dumbbell", Kind: ArgText}, true
	case "reps":
		return Arg{Name: "reps", Description: "reps per set", Kind: ArgInteger, Prefix: "x"}, true
	case "form":
		return Arg{Name: "form", Description: "classic one set, or the ladder", Kind: ArgChoice, Choices: []string{"ladder"}}, true
	case "fiber":
		return Arg{Name: "fiber", Description: "ladder drops: slow 5 %, mixed 10 %, fast 15 %", Kind: ArgChoice, Choices: []string{"slow", "mixed", "fast"}}, true
	case "sets":
		return Arg{Name: "sets", Description: "sets, e.g. 100x5x5 or 80x10 67.5x8 drop or 140kg 5 @8", Kind: ArgText, Required: true}, true
	case "count":
		return Arg{Name: "count", Description: "how many entries (1-50)", Kind: ArgInteger}, true
	case "setting":
		return Arg{Name: "setting", Description: "what to change", Kind: ArgChoice, Choices: []string{"units", "tz", "fiber", "equipment", "board", "drops"}}, true
	case "value":
		return Arg{Name: "value", Description: "kg or lb, Europe/Berlin, slow/mixed/fast, dumbbell or any, on or off, fixed or fitted", Kind: ArgText}, true
	case "file":
		return Arg{Name: "file", Description: "the CSV file", Kind: ArgFile, Required: true}, true
	case "who":
		return Arg{Name: "who", Description: "me, then me confirm", Kind: ArgChoice, Required: true, Choices: []string{"me", "me confirm"}}, true
	case "unit":
		return Arg{Name: "unit", Description: "kg or lb", Kind: ArgChoice, Choices: []string{"kg", "lb"}}, true
	case "item":
		return Arg{Name: "item", Description: "what to change", Kind: ArgChoice, Choices: []string{"bar", "smith", "plates", "dumbbells", "machine", "cable", "reset"}}, true
	case "values":
		return Arg{Name: "values", Description: "e.g. 20, 25x4 20x2 10x2, 2.5-50/2.5, 5-150/5", Kind: ArgText}, true
	case "topic":
		return Arg{Name: "topic", Description: helpTopics(), Kind: ArgText}, true
	}
	return Arg{}, false
}

// helpTopics names what help explains: each technique, the preset verb,
// and the exercises.
func helpTopics() string {
	var topics []string
	for _, v := range coach.Verbs() {
		if v.Kind == coach.KindPlan {
			topics = append(topics, v.Words[0])
		}
	}
	return strings.Join(append(topics, "exercises"), ", ")
}
