package config

import (
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/coach"
)

// The sample presets and extra exercise, kept apart from the defaults in
// config.example.toml, load on their own and change nothing else.
func TestPresetsExampleLoads(t *testing.T) {
	cfg, err := Load("../config.presets.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	if d, want := cfg.Coach.Defaults, coach.ArticleDefaults(); d != want {
		t.Errorf("the presets example changes the technique defaults:\n got %+v\nwant %+v", d, want)
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
	e, ok := c.Catalog().Lookup("landmine")
	if !ok {
		t.Fatal("the example's extra exercise is not in the catalog")
	}
	if e.Name != "landmine press" {
		t.Errorf("landmine is %q", e.Name)
	}
	if got, want := c.Gym().Rack(coach.KG), coach.DefaultGym().Rack(coach.KG); len(got.Plates) != len(want.Plates) || len(got.Dumbbells) != len(want.Dumbbells) {
		t.Errorf("kg rack differs from the default: %+v", got)
	}
}
