package bot

import "strings"

// ArgKind is the type of a command argument, for platforms with typed
// command options (Discord slash commands).
type ArgKind uint8

const (
	ArgText     ArgKind = iota // free text
	ArgNumber                  // a number such as a load: 80, 67.5
	ArgInteger                 // a whole number such as reps
	ArgExercise                // an exercise name: autocomplete with Hub.Exercises
	ArgChoice                  // one of Choices
	ArgFile                    // an attachment: it becomes Message.File, not text
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

var (
	argLoad     = Arg{Name: "load", Description: "load with unit, e.g. 80kg or 175lb", Kind: ArgText, Required: true}
	argExercise = Arg{Name: "exercise", Description: "exercise, e.g. bench", Kind: ArgExercise, Required: true}
	argOptions  = Arg{Name: "options", Description: "options, e.g. 3 drops -20% dumbbell", Kind: ArgText}
	argReps     = Arg{Name: "reps", Description: "reps per set", Kind: ArgInteger, Prefix: "x"}
)

// Commands lists every command the hub has, with typed arguments.
func Commands() []CommandSpec {
	return []CommandSpec{
		{Name: "drop", Description: "Drop set: to failure, about 15 % off, again", Args: []Arg{argLoad, argExercise, argOptions}},
		{Name: "rp", Description: "Rest-pause: to failure, 10-20 s rest, mini-sets", Args: []Arg{argLoad, argExercise, argOptions}},
		{Name: "backoff", Description: "Goto back-off sets from your 1RM or a top set", Args: []Arg{argLoad, argExercise, argReps, argOptions}},
		{Name: "japanese", Description: "Japanese drop set after your working sets", Args: []Arg{
			{Name: "form", Description: "classic one set, or the ladder", Kind: ArgChoice, Choices: []string{"ladder"}},
			argLoad, argExercise, {Name: "reps", Description: "reps of your working sets", Kind: ArgInteger, Required: true, Prefix: "x"},
			{Name: "fiber", Description: "ladder drops: slow 5 %, mixed 10 %, fast 15 %", Kind: ArgChoice, Choices: []string{"slow", "mixed", "fast"}},
			argOptions}},
		{Name: "ramp", Description: "RPE ramp to today's max triple, then back-off sets", Args: []Arg{argLoad, argExercise, argOptions}},
		{Name: "start", Description: "Run your last plan with rest timers"},
		{Name: "done", Description: "The current set is done", Args: []Arg{{Name: "reps", Description: "reps done", Kind: ArgInteger}}},
		{Name: "skip", Description: "Skip the current set"},
		{Name: "stop", Description: "End your session with a summary"},
		{Name: "log", Description: "Log sets: log bench 100x5x5", Args: []Arg{argExercise, {Name: "sets", Description: "sets, e.g. 100x5x5 or 80x10 67.5x8 drop or 140kg 5 @8", Kind: ArgText, Required: true}}},
		{Name: "undo", Description: "Remove your last logged entry"},
		{Name: "history", Description: "Your recent training", Private: true, Args: []Arg{{Name: "exercise", Description: "only this exercise", Kind: ArgExercise}, {Name: "count", Description: "how many entries (1-50)", Kind: ArgInteger}}},
		{Name: "pr", Description: "Your personal records", Private: true, Args: []Arg{{Name: "exercise", Description: "only this exercise", Kind: ArgExercise}}},
		{Name: "1rm", Description: "Your best recent estimated 1RM", Private: true, Args: []Arg{argExercise}},
		{Name: "chart", Description: "A chart of your estimated 1RM and top load", Private: true, Args: []Arg{argExercise}},
		{Name: "week", Description: "Drop sets and rest-pause per muscle group this week", Private: true},
		{Name: "settings", Description: "Your units, time zone, fibre type, equipment", Private: true, Args: []Arg{
			{Name: "setting", Description: "what to change", Kind: ArgChoice, Choices: []string{"units", "tz", "fiber", "equipment"}},
			{Name: "value", Description: "kg or lb, Europe/Berlin, slow/mixed/fast, dumbbell or any", Kind: ArgText}}},
		{Name: "export", Description: "Your history as a CSV file (Strong format)", Private: true},
		{Name: "import", Description: "Import a CSV from Strong, Hevy or FitNotes", Private: true, Args: []Arg{{Name: "file", Description: "the CSV file", Kind: ArgFile, Required: true}}},
		{Name: "forget", Description: "Delete everything Spotter keeps of you", Private: true, Args: []Arg{{Name: "who", Description: "me, then me confirm", Kind: ArgChoice, Required: true, Choices: []string{"me", "me confirm"}}}},
		{Name: "privacy", Description: "What Spotter stores and how to delete it"},
		{Name: "gym", Description: "This server's equipment; admins change it", Args: []Arg{
			{Name: "unit", Description: "kg or lb", Kind: ArgChoice, Choices: []string{"kg", "lb"}},
			{Name: "item", Description: "what to change", Kind: ArgChoice, Choices: []string{"bar", "smith", "plates", "dumbbells", "machine", "cable", "reset"}},
			{Name: "values", Description: "e.g. 20, 25x4 20x2 10x2, 2.5-50/2.5, 5-150/5", Kind: ArgText}}},
		{Name: "help", Description: "What Spotter does, and each technique", Args: []Arg{{Name: "topic", Description: "drop, rp, backoff, japanese, ramp, exercises", Kind: ArgText}}},
	}
}

// Exercises are up to n exercise names that start with or contain
// prefix, for autocomplete. It is safe for concurrent use.
func (h *Hub) Exercises(prefix string, n int) []string {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	var starts, contains []string
	for _, e := range h.coach.Catalog().All() {
		names := append([]string{e.Name}, e.Aliases...)
		for _, name := range names {
			if strings.HasPrefix(name, prefix) {
				starts = append(starts, e.Name)
				break
			}
			if strings.Contains(name, prefix) {
				contains = append(contains, e.Name)
				break
			}
		}
	}
	out := append(starts, contains...)
	if len(out) > n {
		out = out[:n]
	}
	return out
}
