package coach

import (
	"reflect"
	"strings"
	"testing"
)

// "preset NAME ..." is "NAME ...": the same command, so the same plan.
func TestPresetVerbPlansAsThePresetWord(t *testing.T) {
	c := testCoach(t)
	for _, tc := range []struct{ verb, word string }{
		{"preset quickrp 80kg bench", "quickrp 80kg bench"},
		{"/preset@SpotterBot quickrp 80kg bench", "/quickrp@SpotterBot 80kg bench"},
		{"PRESET QuickRP 100kg squat 3 minis rest 20s", "quickrp 100kg squat 3 minis rest 20s"},
		{"preset strip 30kg db curl 3 drops", "strip 30kg db curl 3 drops"},
		{"preset strip 80 bench", "strip 80 bench"},
	} {
		for _, u := range []Unit{KG, LB} {
			got, err := c.Parse(tc.verb, u)
			if err != nil {
				t.Errorf("Parse(%q, %s): %v", tc.verb, u, err)
				continue
			}
			want, err := c.Parse(tc.word, u)
			if err != nil {
				t.Fatalf("Parse(%q, %s): %v", tc.word, u, err)
			}
			if got.Preset == "" || !reflect.DeepEqual(got, want) {
				t.Errorf("Parse(%q, %s) = %+v\nParse(%q) = %+v", tc.verb, u, got, tc.word, want)
				continue
			}
			gp, err1 := c.Plan(got)
			wp, err2 := c.Plan(want)
			if err1 != nil || err2 != nil || gp.Text() != wp.Text() || gp.Preset != got.Preset {
				t.Errorf("%q plans %v (%v), %q plans %v (%v)", tc.verb, gp, err1, tc.word, wp, err2)
			}
		}
	}
	// Errors after the name are the technique's, as without preset.
	for _, in := range []string{"preset quickrp 100kg squat 2 drops", "preset strip 80kg benhc", "preset quickrp"} {
		_, err := c.Parse(in, KG)
		_, want := c.Parse(strings.TrimPrefix(in, "preset "), KG)
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("Parse(%q): %v; without preset: %v", in, err, want)
		}
	}
}

// A name that is no preset is answered with the coach's presets, or with
// how presets are added when there are none; each answer's example works.
func TestPresetVerbUnknownName(t *testing.T) {
	none, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	one, err := New(Config{Presets: []Preset{{Name: "heavy", Technique: BackOff}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		c       *Coach
		in      string
		msg     []string
		example string
	}{
		{testCoach(t), "preset nope 80kg bench", []string{`I don't know the preset "nope".`, "presets are quickrp and strip"}, "preset quickrp 100kg squat"},
		{testCoach(t), "preset strp 80kg bench", []string{`I don't know the preset "strp"; did you mean strip? This bot's presets are quickrp and strip.`}, "preset strip 80kg bench"},
		{testCoach(t), "preset", []string{"Which preset?", "quickrp and strip"}, "preset quickrp 100kg squat"},
		{testCoach(t), "/preset@SpotterBot", []string{"Which preset?"}, "preset quickrp 100kg squat"},
		{testCoach(t), "preset drop 80kg bench", []string{`"drop" is a technique, not a preset`}, "drop 80kg bench"},
		{testCoach(t), "preset 80kg bench", []string{`I don't know the preset "80kg"`}, "preset quickrp 100kg squat"},
		{one, "preset quickrp 80kg bench", []string{"This bot's preset is heavy."}, "preset heavy bench 90kg x2"},
		{none, "preset quickrp 80kg bench", []string{"This bot has no presets", "TOML", "[[preset]]", `technique = "rest_pause"`}, "help"},
	} {
		_, err := tc.c.Parse(tc.in, KG)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Parse(%q): %v, want an *Error", tc.in, err)
			continue
		}
		for _, m := range tc.msg {
			if !strings.Contains(e.Msg, m) {
				t.Errorf("Parse(%q): %q does not say %q", tc.in, e.Msg, m)
			}
		}
		if e.Example != tc.example {
			t.Errorf("Parse(%q): example %q, want %q", tc.in, e.Example, tc.example)
		}
		for _, u := range []Unit{KG, LB} {
			_, err := tc.c.Parse(tc.in, u)
			checkExamples(t, tc.c, "Parse("+tc.in+")", examplesIn(err.Error()), u)
		}
	}
}

// help preset, and the overview, show the coach's own presets: every
// example works on the coach that shows it. Without presets the overview
// leaves the verb out and help preset says how to add one.
func TestPresetVerbHelpNamesTheCoachsPresets(t *testing.T) {
	none, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	japanese, err := New(Config{Presets: []Preset{{Name: "cripple", Technique: Japanese}, {Name: "strip", Technique: DropSet}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		c       *Coach
		example string
	}{{"test coach", testCoach(t), "preset quickrp 100kg squat"}, {"japanese", japanese, "preset cripple 100kg bench x5"}, {"none", none, ""}} {
		help, overview := tc.c.Help("preset"), tc.c.Help("")
		if !strings.HasPrefix(help, presetVerbHelp) || tc.c.Help("/PRESET") != help {
			t.Errorf("%s: help preset = %q", tc.name, help)
		}
		examples := examplesIn(help)
		shown := overviewExamples(overview)
		if tc.example == "" {
			if len(examples) != 0 || !strings.Contains(help, "no presets") || strings.Contains(overview, "preset ") {
				t.Errorf("%s: help preset = %q, overview %q", tc.name, help, overview)
			}
			continue
		}
		if len(examples) != 1 || examples[0] != tc.example || !strings.Contains(overview, "\n"+tc.example+": ") || !strings.Contains(overview, "help preset,") {
			t.Errorf("%s: help preset shows %q, the overview %q; want %q", tc.name, examples, shown, tc.example)
		}
		for _, u := range []Unit{KG, LB} {
			checkExamples(t, tc.c, tc.name+": help preset", examples, u)
			checkExamples(t, tc.c, tc.name+": the overview", shown, u)
		}
	}
	// help preset NAME is the preset's help; help presets lists them.
	c := testCoach(t)
	if got := c.Help("preset strip"); got != c.Help("strip") {
		t.Errorf("help preset strip = %q", got)
	}
	if got := c.Help("presets"); !strings.HasPrefix(got, "quickrp: a rest-pause, e.g. quickrp 100kg squat\n") {
		t.Errorf("help presets = %q", got)
	}
}

// No preset may be named preset, however it is written.
func TestPresetIsReserved(t *testing.T) {
	for _, name := range []string{"preset"} {
		if _, err := New(Config{Presets: []Preset{{Name: name, Technique: RestPause}}}); err == nil || !strings.Contains(err.Error(), "command word") {
			t.Errorf("preset %q: %v", name, err)
		}
	}
}
