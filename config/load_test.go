package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

func TestExampleConfigLoads(t *testing.T) {
	cfg, err := Load("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	d := cfg.Coach.Defaults
	if d.Drop.Percent != 15 || d.Drop.Drops != 3 || d.RestPause.Rest != 15*time.Second || d.RestPause.MiniSets != 2 ||
		d.BackOff.Rest != 30*time.Second || d.BackOff.WorkRest != 2*time.Minute || d.Ramp.Rest != 75*time.Second || d.Formula != coach.Epley {
		t.Errorf("defaults from the example differ from the articles' defaults: %+v", d)
	}
	if want := coach.ArticleDefaults(); d != want {
		t.Errorf("the example's technique tables drifted from the built-in defaults:\n got %+v\nwant %+v", d, want)
	}
	c, err := coach.New(cfg.Coach)
	if err != nil {
		t.Fatal(err)
	}
	// Defaults only: the samples are config.presets.example.toml's
	// (TestPresetsExampleLoads).
	if len(c.Presets()) != 0 {
		t.Errorf("the defaults example has presets: %v", c.Presets())
	}
	if _, ok := c.Catalog().Lookup("landmine"); ok {
		t.Error("the defaults example adds an exercise")
	}
	// The example's equipment is the built-in equipment.
	if got, want := c.Gym().Rack(coach.KG), coach.DefaultGym().Rack(coach.KG); len(got.Plates) != len(want.Plates) || len(got.Dumbbells) != len(want.Dumbbells) {
		t.Errorf("kg rack differs from the default: %+v", got)
	}
}

func TestConfigErrorsNameFileLineAndKey(t *testing.T) {
	cases := []struct {
		name, toml, want string
	}{
		{"unknown key", "[drop]\npercent = 15\npercnt = 20\n", "bad.toml:3: drop.percnt: unknown key"},
		{"unknown table", "unit = \"kg\"\n[dropp]\npercent = 15\n", "bad.toml:2"},
		{"wrong type", "[drop]\n\ndrops = \"three\"\n", "bad.toml:3: drop.drops"},
		{"bad unit", "unit = \"stone\"\n", "bad.toml:1: unit: \"stone\" is not kg or lb"},
		{"bad percent", "[drop]\npercent = 150\n", "bad.toml:2: drop.percent: 150"},
		{"bad rest", "[rest_pause]\n\n\nrest = \"soon\"\n", "bad.toml:4: rest_pause.rest: \"soon\" is not a duration"},
		{"key of another technique", "[rest_pause]\ndrops = 3\n", "bad.toml:2: rest_pause.drops: a rest-pause has no drops"},
		{"preset technique", "[[preset]]\nname = \"x\"\ntechnique = \"superset\"\n", "bad.toml:3: preset[0].technique"},
		{"preset key", "[[preset]]\nname = \"a\"\ntechnique = \"drop\"\n[[preset]]\nname = \"b\"\ntechnique = \"ramp\"\nmini_sets = 2\n", "bad.toml:7: preset[1].mini_sets"},
		{"preset name is a command", "[[preset]]\nname = \"drop\"\ntechnique = \"drop\"\n", "bad.toml:1: preset: preset \"drop\": the name is a command word"},
		{"preset named preset", "[[preset]]\nname = \"Preset\"\ntechnique = \"rest_pause\"\n", "bad.toml:1: preset: preset \"preset\": the name is a command word"},
		{"negative plate", "[equipment.kg]\nbar = 20\nplates = [20, -5]\n", "bad.toml:3: equipment.kg.plates"},
		{"bad stack", "[equipment.lb]\nmachine = { min = 10, max = 5, step = 10 }\n", "bad.toml:2: equipment.lb.machine"},
		{"bad muscle", "[[exercise]]\nname = \"x\"\nmuscles = [\"soul\"]\nequipment = \"machine\"\n", "bad.toml:3: exercise[0].muscles: \"soul\""},
		{"alias clash", "[[exercise]]\nname = \"new press\"\naliases = [\"bench\"]\nmuscles = [\"chest\"]\nequipment = \"barbell\"\n", "bench"},
		{"syntax", "[drop\npercent = 15\n", "bad.toml:1"},
		{"telegram mode", "[telegram]\ntoken = \"x\"\nmode = \"push\"\n", "bad.toml:3: telegram.mode"},
		{"telegram webhook without url", "[telegram]\nmode = \"webhook\"\n", "bad.toml:1: telegram.webhook_url"},
		{"discord shards", "[discord]\nshards = \"many\"\n", "bad.toml:2: discord.shards"},
		{"discord shards zero", "[discord]\nshards = 0\n", "bad.toml:2: discord.shards"},
		{"log level", "[log]\nlevel = \"loud\"\n", "bad.toml:2: log.level"},
		{"missed after", "[timers]\nmissed_after = \"soon\"\n", "bad.toml:2: timers.missed_after"},
		{"negative sled", "[equipment.kg]\n\nleg_press_sled = -50\n", "bad.toml:3: equipment.kg.leg_press_sled: leg press sled -50 must not be negative"},
		{"odd ez bar", "[equipment.lb]\nez_bar = 22.125\n", "bad.toml:2: equipment.lb.ez_bar: EZ bar 22.125 must be a multiple of 0.01"},
		{"bar of words", "[equipment.lb]\ntrap_bar = \"heavy\"\n", "bad.toml:2: equipment.lb.trap_bar"},
		{"plates and pairs", "[equipment.kg]\nplates = [20]\nplate_pairs = { \"20\" = 1 }\n", "bad.toml:3: equipment.kg.plate_pairs: give plates or plate_pairs, not both"},
		{"negative pairs", "[equipment.kg.plate_pairs]\n\"20\" = 2\n\"10\" = -1\n", "bad.toml:3: equipment.kg.plate_pairs.10: -1 pairs"},
		{"too many pairs", "[equipment.kg]\nplate_pairs = { \"20\" = 40, \"10\" = 10 }\n", "bad.toml:2: equipment.kg.plate_pairs.20: 40 pairs: a gym has 0 or more, at most 48 pairs in all"},
		{"pair weight", "[equipment.lb]\nplate_pairs = { \"heavy\" = 2 }\n", "bad.toml:2: equipment.lb.plate_pairs.heavy: \"heavy\" is not a plate weight"},
		{"pair of nothing", "[equipment.lb]\nplate_pairs = { \"0\" = 2 }\n", "bad.toml:2: equipment.lb.plate_pairs.0"},
		{"odd pair weight", "[equipment.kg]\n\nplate_pairs = { \"1.255\" = 2 }\n", "bad.toml:3: equipment.kg.plate_pairs: plate 1.255 must be a multiple of 0.01"},
		{"half a pair", "[equipment.kg]\nplate_pairs = { \"20\" = 1.5 }\n", "bad.toml:2: equipment.kg.plate_pairs"},
		{"exercise equipment", "[[exercise]]\nname = \"x\"\nmuscles = [\"chest\"]\nequipment = \"kettlebell\"\n",
			"bad.toml:4: exercise[0].equipment: \"kettlebell\" is not one of barbell, dumbbell, machine, cable, smith, ez, trap, ssb, womens, sled, hack, plate-loaded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.toml")
			if err := os.WriteFile(path, []byte(tc.toml), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if err == nil {
				t.Fatalf("no error for:\n%s", tc.toml)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// FuzzLoadConfig: no TOML file, however broken, panics the loader; every
// refusal names the file and is an *Error.
func FuzzLoadConfig(f *testing.F) {
	example, _ := os.ReadFile("../config.example.toml")
	f.Add(example)
	f.Add([]byte("[drop]\npercent = 15\n"))
	f.Add([]byte("[[preset]]\nname = \"x\"\ntechnique = \"drop\"\npercent = 1e309\n"))
	f.Add([]byte("[equipment.kg]\nplates = [20, -5, nan]\nmachine = { min = 5, max = 1, step = 0 }\n"))
	f.Add([]byte("[discord]\nshards = [1]\n[telegram]\nmode = 7\n"))
	f.Add([]byte("[equipment.lb]\ntrap_bar = 0\nplate_pairs = { \"45\" = 4, \"nan\" = 1, \"2.5\" = -1 }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parse("fuzz.toml", data)
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.toml") {
			t.Fatalf("error without the file name: %v", err)
		}
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.File != "fuzz.toml") {
			t.Fatalf("%T %v is not an *Error of the file", err, err)
		}
	})
}

func TestPresetWorkRestIsUsed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bo.toml")
	os.WriteFile(path, []byte("[[preset]]\nname = \"quickbo\"\ntechnique = \"back_off\"\nwork_rest = \"3s\"\nrest = \"3s\"\n"), 0o600)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if o := cfg.Coach.Presets[0].Options; o.WorkRest != 3*time.Second || o.Rest != 3*time.Second {
		t.Errorf("preset options %+v", o)
	}
}

// Every refusal is an *Error with the file, the line and the key apart;
// several unknown keys are several Errors, joined.
func TestErrorIsTyped(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	one := []struct {
		name, toml string
		want       Error
	}{
		{"percent.toml", "[drop]\npercent = 150\n", Error{Line: 2, Key: "drop.percent", Msg: "150: a drop is more than 0 and less than 100 %"}},
		{"syntax.toml", "[drop\npercent = 15\n", Error{Line: 1, Key: "syntax"}},
		{"bar.toml", "[equipment.lb]\n\nez_bar = 22.125\n", Error{Line: 3, Key: "equipment.lb.ez_bar", Msg: "EZ bar 22.125 must be a multiple of 0.01"}},
		{"pairs.toml", "[equipment.kg]\nplate_pairs = { \"1.255\" = 2 }\n", Error{Line: 2, Key: "equipment.kg.plate_pairs", Msg: "plate 1.255 must be a multiple of 0.01"}},
		{"preset.toml", "\n[[preset]]\nname = \"drop\"\ntechnique = \"drop\"\n", Error{Line: 2, Key: "preset", Msg: "preset \"drop\": the name is a command word"}},
	}
	for _, tc := range one {
		path := write(tc.name, tc.toml)
		_, err := Load(path)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: %T %v is not an *Error", tc.name, err, err)
		}
		tc.want.File = path
		if tc.want.Msg == "" {
			tc.want.Msg = e.Msg // the TOML library's words
		}
		if *e != tc.want {
			t.Errorf("%s:\n got %+v\nwant %+v", tc.name, *e, tc.want)
		}
		if want := fmt.Sprintf("%s:%d: %s: %s", path, tc.want.Line, tc.want.Key, tc.want.Msg); err.Error() != want {
			t.Errorf("%s: %q, want %q", tc.name, err, want)
		}
	}

	path := write("unknown.toml", "unit = \"kg\"\nunti = \"lb\"\n[drop]\npercnt = 20\n")
	_, err := Load(path)
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("%T %v: not several errors", err, err)
	}
	var got []Error
	for _, err := range joined.Unwrap() {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%T %v is not an *Error", err, err)
		}
		got = append(got, *e)
	}
	want := []Error{{File: path, Line: 2, Key: "unti", Msg: "unknown key"}, {File: path, Line: 4, Key: "drop.percnt", Msg: "unknown key"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if text := path + ":2: unti: unknown key\n" + path + ":4: drop.percnt: unknown key"; err.Error() != text {
		t.Errorf("%q, want %q", err, text)
	}
}
