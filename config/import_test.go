package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/coach"
)

// The example documents every [import] key with its default, and a file
// without the table gets the same limits.
func TestExampleImportTableIsTheDefaults(t *testing.T) {
	example, err := os.ReadFile("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(example), "\n[import]\n")
	if !ok {
		t.Fatal("config.example.toml has no [import] table")
	}
	table, _, _ = strings.Cut(table, "\n[")
	ty := reflect.TypeFor[importTable]()
	for i := range ty.NumField() {
		if key := ty.Field(i).Tag.Get("toml"); !strings.Contains(table, "\n"+key+" = ") && !strings.HasPrefix(table, key+" = ") {
			t.Errorf("config.example.toml does not set import.%s", key)
		}
	}
	cfg, err := Load("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Coach.Import != coach.DefaultImportLimits() {
		t.Errorf("the example's [import] is %+v, the defaults %+v", cfg.Coach.Import, coach.DefaultImportLimits())
	}
	if cfg := Default(); cfg.Coach.Import != (coach.ImportLimits{}) {
		t.Errorf("no file: %+v, want the coach's defaults (zero)", cfg.Coach.Import)
	}
}

// Each limit is held to the coach's bounds, and a refused one names its
// key and line.
func TestImportLimitsAreBounded(t *testing.T) {
	for _, tc := range []struct {
		key  string
		most int
		get  func(coach.ImportLimits) int
	}{
		{"max_rows", coach.MaxImportRows, func(l coach.ImportLimits) int { return l.Rows }},
		{"max_per_day", coach.MaxImportsPerDay, func(l coach.ImportLimits) int { return l.PerDay }},
		{"max_name_length", coach.MaxImportNameLen, func(l coach.ImportLimits) int { return l.NameLen }},
		{"max_file_mb", coach.MaxImportBytes >> 20, func(l coach.ImportLimits) int { return l.Bytes >> 20 }},
	} {
		for _, v := range []int{-1, 0, 1, tc.most, tc.most + 1} {
			data := fmt.Sprintf("unit = \"kg\"\n\n[import]\n%s = %d\n", tc.key, v)
			cfg, err := parse("import.toml", []byte(data))
			if v < 1 || v > tc.most {
				var e *Error
				if !errors.As(err, &e) || e.Key != "import."+tc.key || e.Line != 4 {
					t.Errorf("%s = %d: %v, want a refusal on line 4", tc.key, v, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s = %d: %v", tc.key, v, err)
				continue
			}
			if got := tc.get(cfg.Coach.Import); got != v {
				t.Errorf("%s = %d: the coach reads %d", tc.key, v, got)
			}
			c, err := coach.New(cfg.Coach)
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.get(c.ImportLimits()); got != v {
				t.Errorf("%s = %d: the coach imports with %d", tc.key, v, got)
			}
		}
	}
}
