package coach

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every verb has help, an example that parses to it (and plans, for a
// plan verb), words that all parse to it, and a menu entry within the
// platforms' limits.
func TestVerbsTable(t *testing.T) {
	c := testCoach(t)
	menuName := regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	for _, v := range Verbs() {
		name := v.Words[0]
		t.Run(name, func(t *testing.T) {
			// The preset verb plans the technique of the preset it names.
			if v.Kind == 0 || (v.Kind == KindPlan && !v.Preset) != (v.Technique != 0) || v.Preset && v.Kind != KindPlan {
				t.Fatalf("kind %v, technique %v, preset %v", v.Kind, v.Technique, v.Preset)
			}
			wantTech, wantPreset := v.Technique, ""
			if v.Preset {
				p, ok := c.presets[strings.Fields(v.Example)[1]]
				if !ok {
					t.Fatalf("example %q names no preset of the test coach", v.Example)
				}
				wantTech, wantPreset = p.Technique, p.Name
			}
			if v.Help == "" && v.Kind != KindHelp {
				t.Error("no help text")
			}
			if v.Suggest > len(v.Words) || strings.Contains(name, " ") {
				t.Errorf("suggests %d of %d words; canonical word %q", v.Suggest, len(v.Words), name)
			}
			for _, w := range v.Words {
				if w != strings.ToLower(w) || strings.ContainsAny(w, "_/@\t") || strings.Join(strings.Fields(w), " ") != w {
					t.Errorf("word %q: lower case, single spaces, no _ / or @", w)
				}
				if got := c.Help(w); strings.Contains(got, "No help on") || (v.Kind != KindHelp && got != v.Help) {
					t.Errorf("help %s = %q", w, got)
				}
			}

			tail, ok := strings.CutPrefix(v.Example, name)
			if !ok || tail != "" && tail[0] != ' ' {
				t.Fatalf("example %q does not start with %q", v.Example, name)
			}
			for _, w := range v.Words {
				in := []string{w + tail, "/" + strings.ToUpper(w) + tail}
				if !strings.Contains(w, " ") {
					in = append(in, "/"+strings.ReplaceAll(w, "-", "_")+"@SpotterBot"+tail)
				}
				for _, text := range in {
					cmd, err := c.Parse(text, KG)
					if err != nil {
						t.Errorf("Parse(%q): %v", text, err)
						continue
					}
					if cmd.Kind != v.Kind || cmd.Technique != wantTech || cmd.Preset != wantPreset ||
						(v.Kind == KindHistory) != (cmd.Verb != "") || v.Kind == KindHistory && cmd.Verb != name {
						t.Errorf("Parse(%q) = kind %v technique %v verb %q preset %q", text, cmd.Kind, cmd.Technique, cmd.Verb, cmd.Preset)
					}
				}
			}
			plan, help, err := c.Handle(v.Example, KG)
			switch v.Kind {
			case KindPlan:
				if err != nil || plan == nil {
					t.Errorf("Handle(%q): plan %v, error %v", v.Example, plan != nil, err)
				}
				if !v.Preset && exampleFor(v.Technique) != v.Example {
					t.Errorf("errors show %q, the table %q", exampleFor(v.Technique), v.Example)
				}
			case KindHelp:
				if err != nil || help == "" {
					t.Errorf("Handle(%q): help %q, error %v", v.Example, help, err)
				}
			}

			if m := v.Menu; m != nil {
				if !menuName.MatchString(name) {
					t.Errorf("%q cannot name a command in a menu", name)
				}
				if n := utf8.RuneCountInString(m.Description); n == 0 || n > 100 {
					t.Errorf("menu description of %d characters", n)
				}
				if !m.Telegram && !m.Discord {
					t.Error("a menu entry on no platform")
				}
				for i, o := range m.Options {
					if !menuName.MatchString(o) || slices.Contains(m.Options[:i], o) {
						t.Errorf("option %q: invalid or repeated", o)
					}
				}
			}
		})
	}
}

// No word belongs to two verbs, and every technique has one plan verb
// whose words ParseTechnique reads, as it reads the technique's key.
func TestVerbWordsAreUnique(t *testing.T) {
	owner := map[string]string{}
	for _, w := range heldWords {
		owner[w] = "held"
	}
	for _, v := range Verbs() {
		for _, w := range v.Words {
			if o, ok := owner[w]; ok {
				t.Errorf("%q is a word of %s and of %s", w, o, v.Words[0])
			}
			owner[w] = v.Words[0]
		}
	}
	for tech := DropSet; tech <= Ramp; tech++ {
		var plan []Verb
		for _, v := range Verbs() {
			if v.Technique == tech {
				plan = append(plan, v)
			}
		}
		if len(plan) != 1 {
			t.Fatalf("%v: %d plan verbs", tech, len(plan))
		}
		if got, ok := ParseTechnique(tech.Key()); !ok || got != tech {
			t.Errorf("ParseTechnique(%q) = %v, %v", tech.Key(), got, ok)
		}
		for _, w := range plan[0].Words {
			if got, ok := ParseTechnique(w); ok != !strings.Contains(w, " ") || ok && got != tech {
				t.Errorf("ParseTechnique(%q) = %v, %v", w, got, ok)
			}
		}
	}
	for _, w := range []string{"help", "start", "log", "pr", "rest", "rest pause", "japanese drop set", "yes"} {
		if got, ok := ParseTechnique(w); ok {
			t.Errorf("ParseTechnique(%q) = %v: not a technique word", w, got)
		}
	}
}

// A preset may not take any command word, nor the first word of a longer
// one, nor a held word, however it writes - and _.
func TestVerbWordsAreReserved(t *testing.T) {
	var names []string
	for _, v := range Verbs() {
		for _, w := range v.Words {
			first, _, _ := strings.Cut(w, " ")
			names = append(names, first, strings.ReplaceAll(first, "-", "_"))
		}
	}
	names = append(names, heldWords...)
	names = append(names, "prs", "e1rm", "?", "rest", "yes", "no", "japanese_drop-set")
	for _, n := range names {
		if !reservedWord(n) {
			t.Errorf("%q is not reserved", n)
		}
		if !presetName.MatchString(n) {
			continue // New refuses it as a name anyway
		}
		_, err := New(Config{Presets: []Preset{{Name: n, Technique: DropSet}}})
		if err == nil || !strings.Contains(err.Error(), "command word") {
			t.Errorf("preset %q: error %v, want a command word refused", n, err)
		}
	}
	for _, n := range []string{"strip", "prs2", "rests", "japanese2", "my_rp"} {
		if reservedWord(n) {
			t.Errorf("%q is reserved", n)
		}
	}
}

// "Did you mean" offers the canonical words (and the spelled-out
// rest-pause), techniques first, then help, then the rest, then presets.
func TestSuggestionsComeFromTheTable(t *testing.T) {
	c := testCoach(t)
	if !slices.Equal(c.names[:len(vocab.suggest)], vocab.suggest) || !slices.Equal(c.names[len(vocab.suggest):], []string{"quickrp", "strip"}) {
		t.Fatalf("names %q", c.names)
	}
	rank := 0
	for _, n := range vocab.suggest {
		v := vocab.byWord[n]
		if v == nil || v.Words[0] != n && !slices.Contains(v.Words[:v.Suggest], n) {
			t.Fatalf("%q is not a word the table offers", n)
		}
		r := map[Kind]int{KindPlan: 0, KindHelp: 1}[v.Kind]
		if v.Kind != KindPlan && v.Kind != KindHelp {
			r = 2
		}
		if r < rank {
			t.Errorf("%q offered out of order", n)
		}
		rank = r
	}
	for _, v := range Verbs() {
		if !slices.Contains(vocab.suggest, v.Words[0]) {
			t.Errorf("%q is never offered", v.Words[0])
		}
	}
	for in, want := range map[string]string{"dorp": "drop", "restpase": "rest-pause", "hlep": "help", "undi": "undo", "prz": "pr", "stripp": "strip"} {
		if got := c.suggestCommand(in); got != want {
			t.Errorf("suggestCommand(%q) = %q, want %q", in, got, want)
		}
	}
}

// help lists the techniques' lines and topics, and every topic answers,
// with spaces or _ for - as lifters write them.
func TestHelpTopicsFromTheTable(t *testing.T) {
	c := testCoach(t)
	overview := c.Help("")
	for _, v := range Verbs() {
		if v.Line != "" && (!strings.Contains(overview, v.Line+"\n") || !strings.Contains(overview, "help "+v.Words[0])) {
			t.Errorf("the overview lacks %s", v.Words[0])
		}
	}
	for topic, tech := range map[string]Technique{"rest pause": RestPause, "rest_pause": RestPause, "back off": BackOff,
		"drop set": DropSet, "japanese drop set": Japanese, "rpe ramp": Ramp, "/RP@SpotterBot": RestPause} {
		if got := c.Help(topic); got != techniqueVerb(tech).Help {
			t.Errorf("Help(%q) = %q", topic, got)
		}
	}
	for _, topic := range []string{"help", "?", "commands"} {
		if got := c.Help(topic); got != overview {
			t.Errorf("Help(%q) = %q, want the overview", topic, got)
		}
	}
	for _, topic := range []string{"rest", "drop 80kg bench", "japanese ladder"} {
		if got := c.Help(topic); !strings.HasPrefix(got, "No help on") {
			t.Errorf("Help(%q) = %q, want no help", topic, got)
		}
	}
	if got := c.Help("strip"); !strings.HasPrefix(got, `"strip" is a preset for a drop set.`) || !strings.HasSuffix(got, techniqueVerb(DropSet).Help) {
		t.Errorf("Help(strip) = %q", got)
	}
}

// Parsing the command word allocates nothing more than before: the table
// is read through maps built once.
func TestParseVerbsAllocs(t *testing.T) {
	c := testCoach(t)
	for _, in := range []string{"undo", "done 8", "rest pause 100kg squat", "/japanese@spotterbot drop set 100kg bench x5"} {
		in := in
		if _, err := c.Parse(in, KG); err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(50, func() { c.Parse(in, KG) }); n > 0 {
			t.Errorf("Parse(%q): %v allocations", in, n)
		}
	}
}
