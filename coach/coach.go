package coach

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Config is what a Coach is built from: the catalog and gym to plan with,
// the technique defaults and the named presets.
type Config struct {
	Catalog  *Catalog // nil: DefaultCatalog
	Gym      *Gym     // nil: DefaultGym
	Defaults Defaults
	Presets  []Preset
	Import   ImportLimits // zero: DefaultImportLimits
}

// Coach parses commands and plans techniques. It is immutable after New
// and safe for concurrent use.
type Coach struct {
	catalog  *Catalog
	gym      *Gym
	defaults Defaults
	presets  map[string]Preset
	names    []string // command words and preset names, for suggestions
	plans    *planCache
	imports  ImportLimits
}

var presetName = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// New builds a Coach. Preset names must be lower-case words that are not
// command words, and unique.
func New(cfg Config) (*Coach, error) {
	c := &Coach{catalog: cfg.Catalog, gym: cfg.Gym, defaults: cfg.Defaults, presets: map[string]Preset{}, plans: &planCache{}, imports: cfg.Import.withDefaults()}
	if c.catalog == nil {
		c.catalog = DefaultCatalog()
	}
	if c.gym == nil {
		c.gym = DefaultGym()
	}
	if c.defaults == (Defaults{}) {
		c.defaults = ArticleDefaults()
	}
	for _, p := range cfg.Presets {
		if !presetName.MatchString(p.Name) {
			return nil, fmt.Errorf("preset %q: a name is a lower-case word of letters, digits, - or _", p.Name)
		}
		if reservedWord(p.Name) {
			return nil, fmt.Errorf("preset %q: the name is a command word", p.Name)
		}
		if _, ok := c.presets[p.Name]; ok {
			return nil, fmt.Errorf("preset %q: defined twice", p.Name)
		}
		if p.Technique.Key() == "" {
			return nil, fmt.Errorf("preset %q: no technique", p.Name)
		}
		c.presets[p.Name] = p
	}
	c.names = slices.Clone(vocab.suggest)
	fixed := len(c.names)
	for name := range c.presets {
		c.names = append(c.names, name)
	}
	sort.Strings(c.names[fixed:])
	return c, nil
}

// Catalog is the exercise catalog the coach plans with.
func (c *Coach) Catalog() *Catalog { return c.catalog }

// Gym is the equipment the coach rounds to.
func (c *Coach) Gym() *Gym { return c.gym }

// Defaults are the technique defaults in force.
func (c *Coach) Defaults() Defaults { return c.defaults }

// Presets lists the named presets, sorted by name.
func (c *Coach) Presets() []Preset {
	out := make([]Preset, 0, len(c.presets))
	for _, p := range c.presets {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Plan plans a parsed command. The plan may be shared with other callers
// (plans are cached): never change it. Errors are *Error values for the
// lifter.
func (c *Coach) Plan(cmd Command) (*Plan, error) {
	if cmd.Kind != KindPlan {
		return nil, userErr("drop 80kg bench", "That is not something to plan.")
	}
	if cmd.Exercise == nil {
		return nil, userErr(exampleFor(cmd.Technique), "Which exercise?")
	}
	key := planKey{gym: c.gym, technique: cmd.Technique, preset: cmd.Preset, load: cmd.Load, unit: cmd.Unit,
		reps: cmd.Reps, exercise: cmd.Exercise, equipment: cmd.Equipment, opts: cmd.Options}
	if !cmd.LoadSet {
		key.load = -1
	}
	if p, ok := c.plans.get(key); ok {
		return p, nil
	}
	p, err := c.plan(cmd)
	if err == nil {
		c.plans.put(key, p)
	}
	return p, err
}

func (c *Coach) plan(cmd Command) (*Plan, error) {
	opts := cmd.Options
	if cmd.Preset != "" {
		opts = opts.Merge(c.presets[cmd.Preset].Options)
	}
	opts = opts.Merge(c.defaults.For(cmd.Technique))
	var p *Plan
	var err error
	switch cmd.Technique {
	case DropSet:
		p, err = c.planDrop(cmd, opts)
	case RestPause:
		p, err = c.planRestPause(cmd, opts)
	case BackOff:
		p, err = c.planBackOff(cmd, opts)
	case Japanese:
		p, err = c.planJapanese(cmd, opts)
	case Ramp:
		p, err = c.planRamp(cmd, opts)
	default:
		return nil, userErr("help", "Unknown technique.")
	}
	if p != nil {
		p.Preset = cmd.Preset
	}
	return p, err
}

// Handle parses and plans one message: the coach's main entry point.
// A help request returns a nil plan and the help text.
func (c *Coach) Handle(text string, unit Unit) (*Plan, string, error) {
	cmd, err := c.Parse(text, unit)
	if err != nil {
		return nil, "", err
	}
	switch cmd.Kind {
	case KindHelp:
		return nil, c.Help(cmd.Topic), nil
	case KindStart, KindDone, KindSkip, KindStop, KindLog, KindHistory:
		return nil, "", userErr("drop 80kg bench", "Plan something first, then say start.")
	}
	p, err := c.Plan(cmd)
	return p, "", err
}

// suggestCommand is the closest command word (those the verbs table
// offers) or preset name to w, if any is close; between equally close
// ones, the first in c.names.
func (c *Coach) suggestCommand(w string) string {
	best, bestD := "", 3
	if len(w) <= 3 {
		bestD = 2
	}
	for _, n := range c.names {
		if d := editDistance(w, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	var row [65]int
	for j := range len(b) + 1 {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}

var _ = strings.TrimSpace
