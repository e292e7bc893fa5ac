package config_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spotter-coach/spotter/config"
)

// A refused file says where: each *Error has the line and the key apart
// from its message, for an editor or a deploy check to point at.
func ExampleLoad() {
	dir, _ := os.MkdirTemp("", "spotter")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "spotter.toml")
	os.WriteFile(path, []byte("unit = \"kg\"\n\n[drop]\ndrops = 12\n"), 0o600)

	_, err := config.Load(path)
	var e *config.Error
	if errors.As(err, &e) {
		fmt.Printf("line %d, %s: %s\n", e.Line, e.Key, e.Msg)
	}
	// Output: line 4, drop.drops: 12: drops are 1 to 10
}
