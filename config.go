package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/spotter-coach/spotter/adapters/discord"
	"github.com/spotter-coach/spotter/adapters/telegram"
	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
)

// fileConfig is the TOML file, key for key; config.example.toml documents
// every key.
type fileConfig struct {
	Unit      string           `toml:"unit"`
	Formula   string           `toml:"formula"`
	Data      string           `toml:"data"`
	Timers    timersConfig     `toml:"timers"`
	Ops       OpsConfig        `toml:"ops"`
	Log       LogConfig        `toml:"log"`
	Telegram  telegramConfig   `toml:"telegram"`
	Discord   discordConfig    `toml:"discord"`
	Drop      techniqueConfig  `toml:"drop"`
	RestPause techniqueConfig  `toml:"rest_pause"`
	BackOff   techniqueConfig  `toml:"back_off"`
	Japanese  techniqueConfig  `toml:"japanese"`
	Ramp      techniqueConfig  `toml:"ramp"`
	Preset    []presetConfig   `toml:"preset"`
	Equipment equipmentConfig  `toml:"equipment"`
	Exercise  []exerciseConfig `toml:"exercise"`
}

// techniqueConfig holds every technique key; which ones a table may use
// is checked against techniqueKeys.
type techniqueConfig struct {
	Percent  *float64 `toml:"percent"`
	Drops    *int     `toml:"drops"`
	Rest     *string  `toml:"rest"`
	MiniSets *int     `toml:"mini_sets"`
	Fiber    *string  `toml:"fiber"`
	Ladder   *bool    `toml:"ladder"`
	WorkRest *string  `toml:"work_rest"`
}

// OpsConfig is the operator's HTTP endpoint.
type OpsConfig struct {
	// Listen is the address of the ops server ("127.0.0.1:9090"); off when empty.
	Listen string `toml:"listen"`
}

// telegramConfig is the [telegram] table.
type telegramConfig struct {
	Token                  string  `toml:"token"`
	APIURL                 string  `toml:"api_url"`
	Mode                   string  `toml:"mode"`
	WebhookListen          string  `toml:"webhook_listen"`
	WebhookURL             string  `toml:"webhook_url"`
	WebhookSecret          string  `toml:"webhook_secret"`
	ChatMessagesPerSecond  float64 `toml:"chat_messages_per_second"`
	GroupMessagesPerMinute int     `toml:"group_messages_per_minute"`
}

// discordConfig is the [discord] table.
type discordConfig struct {
	Token                string   `toml:"token"`
	APIURL               string   `toml:"api_url"`
	GuildIDs             []string `toml:"guild_ids"`
	Prefix               string   `toml:"prefix"`
	Shards               any      `toml:"shards"` // a number or "auto"
	ChannelMessagesPer5s int      `toml:"channel_messages_per_5s"`
}

type timersConfig struct {
	MissedAfter string `toml:"missed_after"`
}

type presetConfig struct {
	Name      string `toml:"name"`
	Technique string `toml:"technique"`
	techniqueConfig
}

type equipmentConfig struct {
	KG rackConfig `toml:"kg"`
	LB rackConfig `toml:"lb"`
}

// rackConfig is [equipment.kg] or [equipment.lb]. Each bar and sled
// weight is keyed by its Equipment's RackKey (see starts).
type rackConfig struct {
	Bar             *float64  `toml:"bar"`
	SmithBar        *float64  `toml:"smith_bar"`
	EZBar           *float64  `toml:"ez_bar"`
	TrapBar         *float64  `toml:"trap_bar"`
	SafetySquatBar  *float64  `toml:"safety_squat_bar"`
	WomensBar       *float64  `toml:"womens_bar"`
	LegPressSled    *float64  `toml:"leg_press_sled"`
	HackSquatSled   *float64  `toml:"hack_squat_sled"`
	PlateLoadedSled *float64  `toml:"plate_loaded_sled"`
	Plates          []float64 `toml:"plates"`
	// PlatePairs is the plate inventory as pairs owned per plate weight:
	// { "25" = 4, "1.25" = 1 }. It replaces plates.
	PlatePairs map[string]int `toml:"plate_pairs"`
	Dumbbells  []float64      `toml:"dumbbells"`
	Machine    *stackConfig   `toml:"machine"`
	Cable      *stackConfig   `toml:"cable"`
}

// starts maps each bar's and sled's key to its value in the file (nil when
// the file leaves it out).
func (rc *rackConfig) starts() map[string]*float64 {
	return map[string]*float64{
		"bar": rc.Bar, "smith_bar": rc.SmithBar, "ez_bar": rc.EZBar, "trap_bar": rc.TrapBar,
		"safety_squat_bar": rc.SafetySquatBar, "womens_bar": rc.WomensBar, "leg_press_sled": rc.LegPressSled,
		"hack_squat_sled": rc.HackSquatSled, "plate_loaded_sled": rc.PlateLoadedSled,
	}
}

type stackConfig struct {
	Min  float64 `toml:"min"`
	Max  float64 `toml:"max"`
	Step float64 `toml:"step"`
}

type exerciseConfig struct {
	Name      string   `toml:"name"`
	Aliases   []string `toml:"aliases"`
	Muscles   []string `toml:"muscles"`
	Equipment string   `toml:"equipment"`
	Compound  bool     `toml:"compound"`
	Family    string   `toml:"family"`
}

// Config is the loaded, checked configuration.
type Config struct {
	Coach coach.Config
	Unit  coach.Unit
	Data  string // bbolt path from the file, if set
	// MissedAfter: pings overdue by more than this at start-up are sent as
	// missed while the bot was offline.
	MissedAfter time.Duration
	Ops         OpsConfig
	Log         LogConfig
	Telegram    telegram.Config
	Discord     discord.Config
}

// secrets are the values that must never reach a log line.
func (c Config) secrets() []string {
	return []string{c.Telegram.Token, c.Telegram.WebhookSecret, c.Discord.Token}
}

// applyEnv lets the environment's tokens win over the file's.
func (c *Config) applyEnv(getenv func(string) string) {
	if t := getenv("SPOTTER_TELEGRAM_TOKEN"); t != "" {
		c.Telegram.Token = t
	}
	if t := getenv("SPOTTER_DISCORD_TOKEN"); t != "" {
		c.Discord.Token = t
	}
}

// techniqueKeys are the keys each technique's table and presets may use.
var techniqueKeys = map[coach.Technique][]string{
	coach.DropSet:   {"percent", "drops"},
	coach.RestPause: {"rest", "mini_sets"},
	coach.BackOff:   {"rest", "work_rest"},
	coach.Japanese:  {"rest", "fiber", "ladder", "percent"},
	coach.Ramp:      {"rest", "percent"},
}

// defaultConfig is the configuration with no file.
func defaultConfig() Config {
	return Config{Coach: coach.Config{Defaults: coach.ArticleDefaults()}, Unit: coach.KG, MissedAfter: 10 * time.Minute}
}

// LoadConfig reads and checks a TOML file. Every error names the file, the
// line and the key.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return parseConfig(path, data)
}

func parseConfig(path string, data []byte) (Config, error) {
	cfg := defaultConfig()
	var fc fileConfig
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return cfg, decodeError(path, err)
	}
	lines := keyLines(data)
	fail := func(key, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s: %s", path, lineOf(lines, key), key, fmt.Sprintf(format, args...))
	}
	if fc.Unit != "" {
		u, ok := coach.ParseUnit(fc.Unit)
		if !ok {
			return cfg, fail("unit", "%q is not kg or lb", fc.Unit)
		}
		cfg.Unit = u
	}
	if fc.Formula != "" {
		f, ok := coach.ParseFormula(fc.Formula)
		if !ok {
			return cfg, fail("formula", "%q is not epley or brzycki", fc.Formula)
		}
		cfg.Coach.Defaults.Formula = f
	}
	cfg.Data = fc.Data
	cfg.Ops = fc.Ops
	cfg.Log = fc.Log
	if err := fc.Telegram.apply(&cfg.Telegram, fail); err != nil {
		return cfg, err
	}
	if err := fc.Discord.apply(&cfg.Discord, fail); err != nil {
		return cfg, err
	}
	if _, err := newLogger(io.Discard, fc.Log, nil); err != nil {
		key, msg, _ := strings.Cut(err.Error(), ": ")
		return cfg, fail(key, "%s", msg)
	}
	if fc.Timers.MissedAfter != "" {
		d, err := time.ParseDuration(fc.Timers.MissedAfter)
		if err != nil || d <= 0 {
			return cfg, fail("timers.missed_after", "%q is not a positive duration such as \"10m\"", fc.Timers.MissedAfter)
		}
		cfg.MissedAfter = d
	}
	d := &cfg.Coach.Defaults
	tables := []struct {
		t   coach.Technique
		tc  techniqueConfig
		dst *coach.Options
	}{
		{coach.DropSet, fc.Drop, &d.Drop},
		{coach.RestPause, fc.RestPause, &d.RestPause},
		{coach.BackOff, fc.BackOff, &d.BackOff},
		{coach.Japanese, fc.Japanese, &d.Japanese},
		{coach.Ramp, fc.Ramp, &d.Ramp},
	}
	for _, tb := range tables {
		o, err := tb.tc.options(tb.t, tb.t.Key(), fail)
		if err != nil {
			return cfg, err
		}
		*tb.dst = o.Merge(*tb.dst)
	}
	for i, pc := range fc.Preset {
		key := fmt.Sprintf("preset[%d]", i)
		t, ok := coach.ParseTechnique(pc.Technique)
		if !ok {
			return cfg, fail(key+".technique", "%q is not one of drop, rest_pause, back_off, japanese, ramp", pc.Technique)
		}
		if pc.Name == "" {
			return cfg, fail(key, "a preset needs a name")
		}
		o, err := pc.techniqueConfig.options(t, key, fail)
		if err != nil {
			return cfg, err
		}
		cfg.Coach.Presets = append(cfg.Coach.Presets, coach.Preset{Name: strings.ToLower(pc.Name), Technique: t, Options: o})
	}
	gym, err := fc.Equipment.gym(fail)
	if err != nil {
		if strings.HasPrefix(err.Error(), path+":") {
			return cfg, err
		}
		field, _, _ := strings.Cut(err.Error(), ":")
		return cfg, fmt.Errorf("%s:%d: %w", path, lineOf(lines, field), err)
	}
	cfg.Coach.Gym = gym
	if len(fc.Exercise) > 0 {
		extra := make([]coach.Exercise, len(fc.Exercise))
		for i, ec := range fc.Exercise {
			key := fmt.Sprintf("exercise[%d]", i)
			e := coach.Exercise{Name: strings.ToLower(strings.TrimSpace(ec.Name)), Compound: ec.Compound, Family: ec.Family}
			for _, a := range ec.Aliases {
				e.Aliases = append(e.Aliases, strings.ToLower(strings.TrimSpace(a)))
			}
			for _, m := range ec.Muscles {
				mu, ok := coach.ParseMuscle(m)
				if !ok {
					return cfg, fail(key+".muscles", "%q is not a muscle group (chest, back, shoulders, biceps, triceps, quads, hamstrings, glutes, calves, abs, forearms, traps)", m)
				}
				e.Muscles = append(e.Muscles, mu)
			}
			eq, ok := coach.ParseEquipment(ec.Equipment)
			if !ok {
				return cfg, fail(key+".equipment", "%q is not one of %s", ec.Equipment, strings.Join(coach.EquipmentWords(), ", "))
			}
			e.Equipment = eq
			extra[i] = e
		}
		cat, err := coach.DefaultCatalog().With(extra)
		if err != nil {
			return cfg, fail("exercise", "%v", err)
		}
		cfg.Coach.Catalog = cat
	}
	if _, err := coach.New(cfg.Coach); err != nil {
		return cfg, fail("preset", "%v", err)
	}
	return cfg, nil
}

// options checks a technique table (or a preset) and converts it.
func (tc techniqueConfig) options(t coach.Technique, key string, fail func(string, string, ...any) error) (coach.Options, error) {
	var o coach.Options
	allowed := techniqueKeys[t]
	check := func(name string, set bool) error {
		if !set {
			return nil
		}
		for _, a := range allowed {
			if a == name {
				return nil
			}
		}
		return fail(key+"."+name, "a %s has no %s (its keys: %s)", t, name, strings.Join(allowed, ", "))
	}
	for _, c := range []struct {
		name string
		set  bool
	}{
		{"percent", tc.Percent != nil}, {"drops", tc.Drops != nil}, {"rest", tc.Rest != nil},
		{"mini_sets", tc.MiniSets != nil}, {"fiber", tc.Fiber != nil}, {"ladder", tc.Ladder != nil},
		{"work_rest", tc.WorkRest != nil},
	} {
		if err := check(c.name, c.set); err != nil {
			return o, err
		}
	}
	if tc.Percent != nil {
		if p := *tc.Percent; !(p > 0 && p < 100) {
			return o, fail(key+".percent", "%v: a drop is more than 0 and less than 100 %%", p)
		}
		o.Percent = *tc.Percent
	}
	if tc.Drops != nil {
		if n := *tc.Drops; n < 1 || n > 10 {
			return o, fail(key+".drops", "%d: drops are 1 to 10", n)
		}
		o.Drops = *tc.Drops
	}
	if tc.MiniSets != nil {
		if n := *tc.MiniSets; n < 1 || n > 6 {
			return o, fail(key+".mini_sets", "%d: mini-sets are 1 to 6", n)
		}
		o.MiniSets = *tc.MiniSets
	}
	if tc.Rest != nil {
		d, err := parseRest(*tc.Rest)
		if err != nil {
			return o, fail(key+".rest", "%v", err)
		}
		o.Rest = d
	}
	if tc.WorkRest != nil {
		d, err := parseRest(*tc.WorkRest)
		if err != nil {
			return o, fail(key+".work_rest", "%v", err)
		}
		o.WorkRest = d
	}
	if tc.Fiber != nil {
		f, ok := coach.ParseFiber(*tc.Fiber)
		if !ok {
			return o, fail(key+".fiber", "%q is not slow, mixed or fast", *tc.Fiber)
		}
		o.Fiber, o.FiberSet = f, true
	}
	if tc.Ladder != nil {
		o.Ladder = *tc.Ladder
	}
	return o, nil
}

// parseRest reads a duration string such as "15s" or "1m30s".
func parseRest(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration such as \"15s\" or \"1m30s\"", s)
	}
	if d < time.Second || d > coach.MaxRest {
		return 0, fmt.Errorf("%s: a rest is 1s to %s", s, coach.MaxRest)
	}
	return d, nil
}

// gym builds the equipment from the defaults and the file's overrides.
// Errors in the overrides come from fail; NewGym's name the key first
// ("equipment.kg.trap_bar: ...") for the caller to place.
func (ec equipmentConfig) gym(fail func(string, string, ...any) error) (*coach.Gym, error) {
	kg, lb := coach.DefaultKGRack(), coach.DefaultLBRack()
	if err := ec.KG.apply(&kg, "equipment.kg", fail); err != nil {
		return nil, err
	}
	if err := ec.LB.apply(&lb, "equipment.lb", fail); err != nil {
		return nil, err
	}
	g, err := coach.NewGym(kg, lb)
	if err != nil {
		// A plate given in plate_pairs is named by that key.
		for table, rc := range map[string]rackConfig{"equipment.kg": ec.KG, "equipment.lb": ec.LB} {
			if rest, ok := strings.CutPrefix(err.Error(), table+".plates:"); ok && rc.PlatePairs != nil {
				return nil, errors.New(table + ".plate_pairs:" + rest)
			}
		}
	}
	return g, err
}

func (rc rackConfig) apply(r *coach.Rack, table string, fail func(string, string, ...any) error) error {
	starts := rc.starts()
	for _, e := range coach.AllEquipment() {
		if v := starts[e.RackKey()]; e.Plated() && v != nil {
			r.SetStart(e, *v)
		}
	}
	if rc.Plates != nil {
		r.Plates = rc.Plates
	}
	if rc.PlatePairs != nil {
		if rc.Plates != nil {
			return fail(table+".plate_pairs", "give plates or plate_pairs, not both")
		}
		plates, err := platesFromPairs(rc.PlatePairs, table+".plate_pairs", fail)
		if err != nil {
			return err
		}
		r.Plates = plates
	}
	if rc.Dumbbells != nil {
		r.Dumbbells = rc.Dumbbells
	}
	if rc.Machine != nil {
		r.Machine = coach.Stack(*rc.Machine)
	}
	if rc.Cable != nil {
		r.Cable = coach.Stack(*rc.Cable)
	}
	return nil
}

// platesFromPairs turns { "25" = 4, "1.25" = 1 } into the per-side list,
// heaviest first: one plate a side for each pair. The weights themselves
// are checked by NewGym.
func platesFromPairs(pairs map[string]int, key string, fail func(string, string, ...any) error) ([]float64, error) {
	weights := make([]string, 0, len(pairs))
	for w := range pairs {
		weights = append(weights, w)
	}
	slices.Sort(weights)
	var plates []float64
	total := 0
	for _, w := range weights {
		n := pairs[w]
		p, err := strconv.ParseFloat(strings.TrimSpace(w), 64)
		if err != nil || !(p > 0) {
			return nil, fail(key+"."+w, "%q is not a plate weight such as \"20\" or \"1.25\"", w)
		}
		if total += n; n < 0 || total > coach.MaxPlatesPerSide {
			return nil, fail(key+"."+w, "%d pairs: a gym has 0 or more, at most %d pairs in all", n, coach.MaxPlatesPerSide)
		}
		for range n {
			plates = append(plates, p)
		}
	}
	slices.SortFunc(plates, func(a, b float64) int { return cmp.Compare(b, a) })
	return plates, nil
}

// decodeError turns the TOML library's errors into file:line: key: message.
func decodeError(path string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		msgs := make([]string, len(strict.Errors))
		for i, e := range strict.Errors {
			row, _ := e.Position()
			msgs[i] = fmt.Sprintf("%s:%d: %s: unknown key", path, row, strings.Join(e.Key(), "."))
		}
		return errors.New(strings.Join(msgs, "\n"))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		if key == "" {
			key = "syntax"
		}
		return fmt.Errorf("%s:%d: %s: %s", path, row, key, de.Error())
	}
	return fmt.Errorf("%s: %w", path, err)
}

// keyLines maps every key path in the document to its line: "drop.percent",
// "preset[1].rest", "equipment.kg.machine.step".
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	table := ""
	arrays := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		key, line := keyPath(&p, e)
		switch e.Kind {
		case unstable.Table:
			table = key
			lines[table] = line
		case unstable.ArrayTable:
			arrays[key]++
			table = key + "[" + strconv.Itoa(arrays[key]-1) + "]"
			lines[table] = line
			if _, ok := lines[key]; !ok {
				lines[key] = line
			}
		case unstable.KeyValue:
			full := joinKey(table, key)
			lines[full] = line
			if v := e.Value(); v.Kind == unstable.InlineTable {
				it := v.Children()
				for it.Next() {
					kv := it.Node()
					k, l := keyPath(&p, kv)
					lines[full+"."+k] = l
				}
			}
		}
	}
	return lines
}

func keyPath(p *unstable.Parser, n *unstable.Node) (string, int) {
	var parts []string
	line := 0
	it := n.Key()
	for it.Next() {
		k := it.Node()
		parts = append(parts, string(k.Data))
		if line == 0 {
			line = p.Shape(k.Raw).Start.Line
		}
	}
	return strings.Join(parts, "."), line
}

func joinKey(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

func (tc telegramConfig) apply(c *telegram.Config, fail func(string, string, ...any) error) error {
	*c = telegram.Config{Token: tc.Token, APIURL: tc.APIURL, Mode: tc.Mode,
		WebhookListen: tc.WebhookListen, WebhookURL: tc.WebhookURL, WebhookSecret: tc.WebhookSecret}
	switch tc.Mode {
	case "", "poll", "webhook":
	default:
		return fail("telegram.mode", "%q is not poll or webhook", tc.Mode)
	}
	if tc.Mode == "webhook" && tc.WebhookURL == "" {
		return fail("telegram.webhook_url", "webhook mode needs the public https URL Telegram posts to")
	}
	if tc.ChatMessagesPerSecond < 0 || tc.GroupMessagesPerMinute < 0 {
		return fail("telegram", "message rates are positive numbers")
	}
	if tc.ChatMessagesPerSecond > 0 || tc.GroupMessagesPerMinute > 0 {
		pace := bot.Pace{}
		if r := tc.ChatMessagesPerSecond; r > 0 {
			// n per second, as one message every 1/n s.
			pace = append(pace, bot.Window{N: 1, Per: time.Duration(float64(time.Second) / r)})
		} else {
			pace = append(pace, bot.TelegramPace[0])
		}
		if n := tc.GroupMessagesPerMinute; n > 0 {
			// n a minute, spread evenly: one every 60/n s.
			pace = append(pace, bot.Window{N: 1, Per: time.Minute / time.Duration(n), GroupOnly: true})
		} else {
			pace = append(pace, bot.TelegramPace[1])
		}
		c.Pace = pace
	}
	return nil
}

func (dc discordConfig) apply(c *discord.Config, fail func(string, string, ...any) error) error {
	*c = discord.Config{Token: dc.Token, APIURL: dc.APIURL, GuildIDs: dc.GuildIDs, Prefix: dc.Prefix}
	switch v := dc.Shards.(type) {
	case nil:
	case string:
		if v != "auto" {
			return fail("discord.shards", "%q is not a number or \"auto\"", v)
		}
	case int64:
		if v < 1 || v > 10000 {
			return fail("discord.shards", "%d: shards are 1 or more", v)
		}
		c.Shards = int(v)
	default:
		return fail("discord.shards", "%v is not a number or \"auto\"", v)
	}
	if dc.ChannelMessagesPer5s < 0 {
		return fail("discord.channel_messages_per_5s", "a rate is a positive number")
	}
	if n := dc.ChannelMessagesPer5s; n > 0 {
		c.Pace = bot.Pace{{N: n, Per: 5 * time.Second}}
	}
	return nil
}

// lineOf is the line of a key, or of the nearest table holding it when the
// key itself is missing (a required key left out).
func lineOf(lines map[string]int, key string) int {
	for {
		if l, ok := lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 1
		}
		key = key[:i]
	}
}
