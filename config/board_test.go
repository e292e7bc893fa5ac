package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/record"
)

func loadText(t *testing.T, text string) (Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spotter.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return Load(path)
}

// A [[board]] table is a chat's weekly post, its zone read as lifters
// name one; a mistake names its line and key.
func TestBoardTables(t *testing.T) {
	cfg, err := loadText(t, "[[board]]\nplatform = \"telegram\"\nchat = \"-100123\"\nday = \"Sunday\"\nhour = 18\ntz = \"berlin\"\n\n"+
		"[[board]]\nplatform = \"discord\"\nchat = \"42\"\nday = \"mon\"\nhour = 0\n")
	if err != nil {
		t.Fatal(err)
	}
	want := []record.Board{
		{Platform: "telegram", ChatID: "-100123", Day: time.Sunday, Hour: 18, TZ: "Europe/Berlin"},
		{Platform: "discord", ChatID: "42", Day: time.Monday, Hour: 0},
	}
	if len(cfg.Boards) != 2 || cfg.Boards[0] != want[0] || cfg.Boards[1] != want[1] {
		t.Errorf("boards %+v, want %+v", cfg.Boards, want)
	}
	for _, tc := range []struct{ text, key string }{
		{"[[board]]\nplatform = \"telegram\"\nchat = \"-1\"\nday = \"someday\"\nhour = 18\n", "board[0].day"},
		{"[[board]]\nplatform = \"telegram\"\nchat = \"-1\"\nday = \"sun\"\nhour = 24\n", "board[0].hour"},
		{"[[board]]\nplatform = \"telegram\"\nchat = \"-1\"\nday = \"sun\"\n", "board[0].hour"},
		{"[[board]]\nplatform = \"irc\"\nchat = \"-1\"\nday = \"sun\"\nhour = 1\n", "board[0].platform"},
		{"[[board]]\nplatform = \"telegram\"\nchat = \"-1\"\nday = \"sun\"\nhour = 1\ntz = \"Mars/Olympus\"\n", "board[0].tz"},
		{"[[board]]\nplatform = \"telegram\"\nchat = \"-1\"\nday = \"sun\"\nhour = 1\n[[board]]\nplatform = \"telegram\"\nchat = \"-1\"\nday = \"mon\"\nhour = 1\n", "board[1].chat"},
	} {
		_, err := loadText(t, tc.text)
		var e *Error
		if !errors.As(err, &e) || e.Key != tc.key || e.Line == 0 {
			t.Errorf("%q: %v, want an error on %s with its line", tc.text, err, tc.key)
		}
	}
}
