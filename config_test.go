package main

import (
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
	f.Add([]byte("[equipment.lb]\ntrap_bar = 0\nplate_pairs = { \"45\" = 4, \"nan\" = 1, \"2.5\" = -1 }\n"))
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

// Every bar and sled has its key in both units; the file sets each, 0
// takes one out, and the example documents them all.
func TestConfigBarsAndSleds(t *testing.T) {
	example, err := os.ReadFile("config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	var kg, lb strings.Builder
	kg.WriteString("[equipment.kg]\n")
	lb.WriteString("[equipment.lb]\n")
	want := map[coach.Unit]map[coach.Equipment]float64{coach.KG: {}, coach.LB: {}}
	var rc rackConfig
	for i, e := range coach.AllEquipment() {
		if !e.Plated() {
			continue
		}
		key := e.RackKey()
		if _, ok := rc.starts()[key]; !ok {
			t.Errorf("%v: no %s key in [equipment.kg]", e, key)
		}
		if n := strings.Count(string(example), "\n"+key+" = "); n != 2 {
			t.Errorf("config.example.toml sets %s %d times, want once per unit", key, n)
		}
		// Distinct weights: 21, 22.5, 23, 24.5, ... in kg, 50, 51, ... in lb.
		w := 20 + float64(i) + float64(i%2)/2
		want[coach.KG][e], want[coach.LB][e] = w, 50+float64(i)
		if e == coach.TrapBar {
			want[coach.LB][e] = 0 // no trap bar in pounds
		}
		fmt.Fprintf(&kg, "%s = %v\n", key, want[coach.KG][e])
		fmt.Fprintf(&lb, "%s = %v\n", key, want[coach.LB][e])
	}
	for _, w := range coach.EquipmentWords() {
		if !strings.Contains(string(example), " "+w+",") && !strings.Contains(string(example), " "+w+" ") && !strings.Contains(string(example), " "+w+".") {
			t.Errorf("config.example.toml does not name the equipment %q", w)
		}
	}
	path := filepath.Join(t.TempDir(), "bars.toml")
	src := kg.String() + lb.String() + "[[exercise]]\nname = \"trap bar shrug\"\nmuscles = [\"traps\"]\nequipment = \"trap\"\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	g := cfg.Coach.Gym
	for u, ws := range want {
		r := g.Rack(u)
		for e, w := range ws {
			if r.Start(e) != w || g.Min(e, u) != w && w != 0 {
				t.Errorf("%v %v: weight %v, lightest load %v; want %v", e, u, r.Start(e), g.Min(e, u), w)
			}
		}
	}
	if _, ok := g.Round(coach.TrapBar, coach.LB, 225); ok {
		t.Error("trap_bar = 0 in lb still plans a trap bar in lb")
	}
	if e, ok := cfg.Coach.Catalog.Lookup("trap bar shrug"); !ok || e.Equipment != coach.TrapBar {
		t.Errorf("exercise on equipment \"trap\": %v %v", e, ok)
	}
}

// plate_pairs gives the inventory as pairs owned: one plate a side per
// pair, and no load needs more.
func TestConfigPlatePairs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pairs.toml")
	os.WriteFile(path, []byte(`[equipment.kg]
plate_pairs = { "25" = 4, "20" = 1, "1.25" = 1, "5" = 0 }
[equipment.lb.plate_pairs]
"45" = 2
"2.5" = 1
`), 0o600)
	cfg, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	g := cfg.Coach.Gym
	if got := g.Rack(coach.KG).Plates; !slices.Equal(got, []float64{25, 25, 25, 25, 20, 1.25}) {
		t.Errorf("kg plates a side = %v", got)
	}
	if got := g.Rack(coach.LB).Plates; !slices.Equal(got, []float64{45, 45, 2.5}) {
		t.Errorf("lb plates a side = %v", got)
	}
	// 20 + 2 * (4*25 + 20 + 1.25) = 262.5 kg is everything on the bar.
	if got := g.Max(coach.Barbell, coach.KG); got != 262.5 {
		t.Errorf("heaviest barbell = %v, want 262.5", got)
	}
	// 100 kg needs 40 a side: 20 + 20 (one pair of 20s only) or 25 + 15
	// (no 15s), so it is not a load here. A side makes 25a + 20b + 1.25c
	// (a up to 4, b and c up to 1): nothing between 26.25 (72.5 kg) and
	// 45 (110 kg), and Round takes the nearer, 110.
	if _, ok := g.PlatesFor(coach.Barbell, coach.KG, 100); ok {
		t.Error("PlatesFor(100 kg) is ok with one pair of 20s and no 15s")
	}
	if got, _ := g.Round(coach.Barbell, coach.KG, 100); got != 110 {
		t.Errorf("Round(100 kg) = %v, want 110", got)
	}
	// The leg press sled (50 kg) with two 25s a side: 150 kg.
	if p, ok := g.PlatesFor(coach.LegPressSled, coach.KG, 150); !ok || !slices.Equal(p, []float64{25, 25}) {
		t.Errorf("leg press 150 kg: %v %v", p, ok)
	}
}
