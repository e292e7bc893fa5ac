package config

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/spotter-coach/spotter/coach"
)

// Load reads and checks a TOML file. A file that cannot be read gives the
// os error; a file that is refused gives one *Error, or several joined
// (see Error), each naming the file, the line and the key.
func Load(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return parse(path, data)
}

// parse checks data, the contents of the file at path, key by key over the
// defaults; the first key refused ends it.
func parse(path string, data []byte) (Config, error) {
	cfg := Default()
	var f file
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return cfg, decodeError(path, err)
	}
	lines := keyLines(data)
	fail := func(key, format string, args ...any) error {
		return &Error{File: path, Line: lineOf(lines, key), Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if err := plainNumbers(data, fail); err != nil {
		return cfg, err
	}
	if f.Unit != "" {
		u, ok := coach.ParseUnit(f.Unit)
		if !ok {
			return cfg, fail("unit", "%q is not kg or lb", f.Unit)
		}
		cfg.Unit = u
	}
	if f.Formula != "" {
		fo, ok := coach.ParseFormula(f.Formula)
		if !ok {
			return cfg, fail("formula", "%q is not epley or brzycki", f.Formula)
		}
		cfg.Coach.Defaults.Formula = fo
	}
	cfg.Data = f.Data
	if err := f.Store.check(fail); err != nil {
		return cfg, err
	}
	cfg.StoreURL = f.Store.URL
	cfg.Ops = f.Ops
	cfg.Log = f.Log
	if err := f.Telegram.apply(&cfg.Telegram, fail); err != nil {
		return cfg, err
	}
	if err := f.Discord.apply(&cfg.Discord, fail); err != nil {
		return cfg, err
	}
	if err := f.Log.check(fail); err != nil {
		return cfg, err
	}
	if err := f.Ops.check(fail); err != nil {
		return cfg, err
	}
	if f.Timers.MissedAfter != "" {
		d, err := time.ParseDuration(f.Timers.MissedAfter)
		if err != nil || d <= 0 {
			return cfg, fail("timers.missed_after", "%q is not a positive duration such as \"10m\"", f.Timers.MissedAfter)
		}
		cfg.MissedAfter = d
	}
	if err := f.techniques(&cfg.Coach, fail); err != nil {
		return cfg, err
	}
	gym, err := f.Equipment.gym(path, lines, fail)
	if err != nil {
		return cfg, err
	}
	cfg.Coach.Gym = gym
	if err := f.Import.apply(&cfg.Coach.Import, fail); err != nil {
		return cfg, err
	}
	if err := f.boards(&cfg, fail); err != nil {
		return cfg, err
	}
	if len(f.Exercise) > 0 {
		cat, err := catalog(f.Exercise, fail)
		if err != nil {
			return cfg, err
		}
		cfg.Coach.Catalog = cat
	}
	// The coach's own checks (preset names that are command words or
	// given twice) run on the whole; their key is the presets'.
	if _, err := coach.New(cfg.Coach); err != nil {
		return cfg, fail("preset", "%v", err)
	}
	return cfg, nil
}

// techniques applies the technique tables over the articles' defaults and
// adds the presets.
func (f *file) techniques(c *coach.Config, fail failFunc) error {
	d := &c.Defaults
	tables := []struct {
		t   coach.Technique
		tt  techniqueTable
		dst *coach.Options
	}{
		{coach.DropSet, f.Drop, &d.Drop},
		{coach.RestPause, f.RestPause, &d.RestPause},
		{coach.BackOff, f.BackOff, &d.BackOff},
		{coach.Japanese, f.Japanese, &d.Japanese},
		{coach.Ramp, f.Ramp, &d.Ramp},
	}
	for _, tb := range tables {
		o, err := tb.tt.options(tb.t, tb.t.Key(), fail)
		if err != nil {
			return err
		}
		*tb.dst = o.Merge(*tb.dst)
	}
	for i, pt := range f.Preset {
		key := fmt.Sprintf("preset[%d]", i)
		t, ok := coach.ParseTechnique(pt.Technique)
		if !ok {
			return fail(key+".technique", "%q is not one of %s", pt.Technique, techniqueKeys())
		}
		if pt.Name == "" {
			return fail(key, "a preset needs a name")
		}
		o, err := pt.techniqueTable.options(t, key, fail)
		if err != nil {
			return err
		}
		c.Presets = append(c.Presets, coach.Preset{Name: strings.ToLower(pt.Name), Technique: t, Options: o})
	}
	return nil
}

// techniqueKeys lists the techniques as the file names them:
// "drop, rest_pause, back_off, japanese, ramp".
func techniqueKeys() string {
	var keys []string
	for _, t := range coach.AllTechniques() {
		keys = append(keys, t.Key())
	}
	return strings.Join(keys, ", ")
}
