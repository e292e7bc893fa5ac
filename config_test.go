package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

func TestExampleConfigLoads(t *testing.T) {
	cfg, err := LoadConfig("config.example.toml")
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
	var names []string
	for _, p := range c.Presets() {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "cripple,quickrp,strip" {
		t.Errorf("presets = %v", names)
	}
	if _, ok := c.Catalog().Lookup("landmine"); !ok {
		t.Error("the example's extra exercise is not in the catalog")
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
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bad.toml")
			if err := os.WriteFile(path, []byte(tc.toml), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := LoadConfig(path)
			if err == nil {
				t.Fatalf("no error for:\n%s", tc.toml)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestRunWithBadConfigFailsBeforeChatting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(path, []byte("[drop]\npercent = 0\n"), 0o600)
	out, _, err := runMain(t, []string{"-config", path}, "drop 80kg bench\n")
	if err == nil || !strings.Contains(err.Error(), "bad.toml:2: drop.percent") {
		t.Fatalf("err = %v", err)
	}
	if out != "" {
		t.Errorf("printed %q with a bad config", out)
	}
}

func TestMainFlagsAndDataFile(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sub", "lifts.db")
	out, _, err := runMain(t, []string{"-data", data, "-user", "ana"}, "rp 100kg squat\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Rest-pause: back squat") {
		t.Errorf("output: %s", out)
	}
	fi, err := os.Stat(data)
	if err != nil {
		t.Fatalf("the bbolt file was not created: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("data file mode %o", fi.Mode().Perm())
	}
	if _, _, err := runMain(t, []string{"-nope"}, ""); err == nil {
		t.Error("an unknown flag was accepted")
	}
}

func TestPlatformConfigAndEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.toml")
	os.WriteFile(path, []byte(`[telegram]
token = "file-token"
group_messages_per_minute = 10
[discord]
token = "d-file"
shards = 3
guild_ids = ["1", "2"]
channel_messages_per_5s = 4
`), 0o600)
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram.Token != "file-token" || cfg.Discord.Shards != 3 || len(cfg.Discord.GuildIDs) != 2 {
		t.Errorf("platform config: %+v %+v", cfg.Telegram, cfg.Discord)
	}
	if p := cfg.Telegram.Pace; len(p) != 2 || p[1].N != 1 || p[1].Per != 6*time.Second || !p[1].GroupOnly || p[0].Per != time.Second {
		t.Errorf("telegram pace %+v", p)
	}
	if p := cfg.Discord.Pace; len(p) != 1 || p[0].N != 4 || p[0].Per != 5*time.Second {
		t.Errorf("discord pace %+v", p)
	}
	env := map[string]string{"SPOTTER_TELEGRAM_TOKEN": "env-token"}
	cfg.applyEnv(func(k string) string { return env[k] })
	if cfg.Telegram.Token != "env-token" || cfg.Discord.Token != "d-file" {
		t.Errorf("the environment does not win: %q %q", cfg.Telegram.Token, cfg.Discord.Token)
	}
	for _, s := range []string{"env-token", "d-file"} {
		if !slices.Contains(cfg.secrets(), s) {
			t.Errorf("%q is not kept out of the logs", s)
		}
	}
}

// FuzzLoadConfig: no TOML file, however broken, panics the loader; every
// refusal names the file.
func FuzzLoadConfig(f *testing.F) {
	example, _ := os.ReadFile("config.example.toml")
	f.Add(example)
	f.Add([]byte("[drop]\npercent = 15\n"))
	f.Add([]byte("[[preset]]\nname = \"x\"\ntechnique = \"drop\"\npercent = 1e309\n"))
	f.Add([]byte("[equipment.kg]\nplates = [20, -5, nan]\nmachine = { min = 5, max = 1, step = 0 }\n"))
	f.Add([]byte("[discord]\nshards = [1]\n[telegram]\nmode = 7\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := parseConfig("fuzz.toml", data)
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.toml") {
			t.Fatalf("error without the file name: %v", err)
		}
	})
}

func TestPresetWorkRestIsUsed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bo.toml")
	os.WriteFile(path, []byte("[[preset]]\nname = \"quickbo\"\ntechnique = \"back_off\"\nwork_rest = \"3s\"\nrest = \"3s\"\n"), 0o600)
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if o := cfg.Coach.Presets[0].Options; o.WorkRest != 3*time.Second || o.Rest != 3*time.Second {
		t.Errorf("preset options %+v", o)
	}
}
