package bot

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/spotter-coach/spotter/coach"
)

// Every command spec is a command the hub understands, within the
// platforms' limits, and its Text parses.
func TestCommandSpecsParse(t *testing.T) {
	// A coach with a preset, for /preset.
	c, err := coach.New(coach.Config{Presets: []coach.Preset{{Name: "quickrp", Technique: coach.RestPause}}})
	if err != nil {
		t.Fatal(err)
	}
	name := regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	samples := map[string]map[string]string{
		"drop":     {"load": "80kg", "exercise": "bench", "options": "2 drops"},
		"rp":       {"load": "100kg", "exercise": "squat"},
		"backoff":  {"load": "90kg", "exercise": "bench", "reps": "2"},
		"japanese": {"form": "ladder", "load": "100kg", "exercise": "bench", "reps": "5", "fiber": "fast"},
		"ramp":     {"load": "100kg", "exercise": "squat"},
		"preset":   {"name": "quickrp", "load": "80kg", "exercise": "bench", "options": "3 minis"},
		"log":      {"exercise": "bench", "sets": "100x5x5"},
		"1rm":      {"exercise": "bench"},
		"chart":    {"exercise": "bench"},
		"settings": {"setting": "units", "value": "lb"},
		"forget":   {"who": "me"},
		"import":   {"file": "ignored"},
	}
	for _, spec := range Commands() {
		if !name.MatchString(spec.Name) || len(spec.Description) == 0 || len(spec.Description) > 100 {
			t.Errorf("%q: bad name or description", spec.Name)
		}
		for _, a := range spec.Args {
			if !name.MatchString(a.Name) || len(a.Description) > 100 {
				t.Errorf("%s %s: bad argument", spec.Name, a.Name)
			}
		}
		text := spec.Text(samples[spec.Name])
		if _, err := c.Parse(text, coach.KG); err != nil {
			t.Errorf("/%s -> %q does not parse: %v", spec.Name, text, err)
		}
	}
}

// The menus are the coach's verbs table: every menu entry is a verb,
// every option has its typed details, and the list both platforms
// register is the one below, entry for entry.
func TestCommandsComeFromTheVerbsTable(t *testing.T) {
	argLoad := Arg{Name: "load", Description: "load with unit, e.g. 80kg or 175lb", Kind: ArgText, Required: true}
	argExercise := Arg{Name: "exercise", Description: "exercise, e.g. bench", Kind: ArgExercise, Required: true}
	argOptions := Arg{Name: "options", Description: "options, e.g. 3 drops -20% dumbbell", Kind: ArgText}
	argReps := Arg{Name: "reps", Description: "reps per set", Kind: ArgInteger, Prefix: "x"}
	want := []CommandSpec{
		{Name: "drop", Description: "Drop set: to failure, about 15 % off, again", Args: []Arg{argLoad, argExercise, argOptions}},
		{Name: "rp", Description: "Rest-pause: to failure, 10-20 s rest, mini-sets", Args: []Arg{argLoad, argExercise, argOptions}},
		{Name: "backoff", Description: "Goto back-off sets from your 1RM or a top set", Args: []Arg{argLoad, argExercise, argReps, argOptions}},
		{Name: "japanese", Description: "Japanese drop set after your working sets", Args: []Arg{
			{Name: "form", Description: "classic one set, or the ladder", Kind: ArgChoice, Choices: []string{"ladder"}},
			argLoad, argExercise, {Name: "reps", Description: "reps of your working sets", Kind: ArgInteger, Required: true, Prefix: "x"},
			{Name: "fiber", Description: "ladder drops: slow 5 %, mixed 10 %, fast 15 %", Kind: ArgChoice, Choices: []string{"slow", "mixed", "fast"}},
			argOptions}},
		{Name: "ramp", Description: "RPE ramp to today's max triple, then back-off sets", Args: []Arg{argLoad, argExercise, argOptions}},
		{Name: "preset", Description: "Plan one of this bot's presets by its name", Platforms: []string{"discord"}, Args: []Arg{
			{Name: "name", Description: "a preset from the config", Kind: ArgPreset, Required: true}, argLoad, argExercise, argOptions}},
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
		{Name: "board", Description: "This chat's week: days, sets, volume, PRs and streaks", Args: []Arg{
			{Name: "schedule", Description: "admins: weekly sun 18, or weekly off", Kind: ArgText}}},
		{Name: "settings", Description: "Your units, time zone, fibre type, equipment", Private: true, Args: []Arg{
			{Name: "setting", Description: "what to change", Kind: ArgChoice, Choices: []string{"units", "tz", "fiber", "equipment", "board", "drops"}},
			{Name: "value", Description: "kg or lb, Europe/Berlin, slow/mixed/fast, dumbbell or any, on or off, fixed or fitted", Kind: ArgText}}},
		{Name: "export", Description: "Your history as a CSV file (Strong format)", Private: true},
		{Name: "import", Description: "Import a CSV from Strong, Hevy or FitNotes", Private: true, Args: []Arg{{Name: "file", Description: "the CSV file", Kind: ArgFile, Required: true}}},
		{Name: "forget", Description: "Delete everything Spotter keeps of you", Private: true, Args: []Arg{{Name: "who", Description: "me, then me confirm", Kind: ArgChoice, Required: true, Choices: []string{"me", "me confirm"}}}},
		{Name: "privacy", Description: "What Spotter stores and how to delete it"},
		{Name: "link", Description: "One history on Telegram and Discord: a code, or the code from the other", Private: true, Args: []Arg{
			{Name: "code", Description: "the code link gave on your other platform; none to get one", Kind: ArgText}}},
		{Name: "unlink", Description: "Split your linked Telegram and Discord accounts again", Private: true},
		{Name: "gym", Description: "This server's equipment; admins change it", Args: []Arg{
			{Name: "unit", Description: "kg or lb", Kind: ArgChoice, Choices: []string{"kg", "lb"}},
			{Name: "item", Description: "what to change", Kind: ArgChoice, Choices: []string{"bar", "smith", "plates", "dumbbells", "machine", "cable", "reset"}},
			{Name: "values", Description: "e.g. 20, 25x4 20x2 10x2, 2.5-50/2.5, 5-150/5", Kind: ArgText}}},
		{Name: "share", Description: "The order for 2-4 lifters on one bar that moves the fewest plates", Args: []Arg{argExercise,
			{Name: "loads", Description: "2-4 loads, a name before each if you like: ana 100kg bo 80kg", Kind: ArgText, Required: true}}},
		{Name: "class", Description: "Open a round for the chat: everyone joins with their own load", Args: []Arg{
			{Name: "technique", Description: "drop, rp, backoff, japanese, ramp or a preset", Kind: ArgText, Required: true}, argExercise, argOptions}},
		{Name: "join", Description: "Join this chat's class with your load", Args: []Arg{argLoad}},
		{Name: "leave", Description: "Leave this chat's class"},
		{Name: "help", Description: "What Spotter does, and each technique", Args: []Arg{{Name: "topic", Description: "drop, rp, backoff, japanese, ramp, preset, exercises", Kind: ArgText}}},
	}
	got := Commands()
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("command %d differs:\n got %+v\nwant %+v", i, got[min(i, len(got)-1)], want[min(i, len(want)-1)])
			}
		}
	}

	verbs := map[string]coach.Verb{}
	for _, v := range coach.Verbs() {
		verbs[v.Words[0]] = v
		if m := v.Menu; m != nil {
			for _, o := range m.Options {
				if _, ok := commandArg(v.Words[0], o); !ok {
					t.Errorf("/%s %s: no typed details", v.Words[0], o)
				}
			}
		}
	}
	for _, spec := range got {
		v, ok := verbs[spec.Name]
		if !ok || v.Menu == nil || v.Menu.Description != spec.Description || len(v.Menu.Options) != len(spec.Args) {
			t.Errorf("/%s is no verb's menu entry", spec.Name)
		}
		for _, p := range []string{"telegram", "discord"} {
			if spec.Listed(p) != (p == "telegram" && v.Menu.Telegram || p == "discord" && v.Menu.Discord) {
				t.Errorf("/%s listed on %s: %v", spec.Name, p, spec.Listed(p))
			}
		}
	}
}

func TestCommandSpecListed(t *testing.T) {
	for _, tc := range []struct {
		platforms         []string
		telegram, discord bool
	}{{nil, true, true}, {[]string{"telegram"}, true, false}, {[]string{"discord"}, false, true}} {
		s := CommandSpec{Name: "x", Platforms: tc.platforms}
		if s.Listed("telegram") != tc.telegram || s.Listed("discord") != tc.discord {
			t.Errorf("%v: listed on telegram %v, discord %v", tc.platforms, s.Listed("telegram"), s.Listed("discord"))
		}
	}
}
