package ops

import (
	"fmt"
	"io"
	"log/slog"
)

// LogConfig is how the program's log is written.
type LogConfig struct {
	Format string // "text" (default) or "json"
	Level  string // "debug", "info" (default), "warn" or "error"
}

// SettingError is a log setting NewLogger refuses.
type SettingError struct {
	Key   string // the configuration key: "log.format" or "log.level"
	Value string // what was given
	Want  string // what is accepted, in words
}

func (e *SettingError) Error() string {
	return fmt.Sprintf("%s: %q is not %s", e.Key, e.Value, e.Want)
}

// NewLogger builds the program's logger on w; every occurrence of one of
// the secrets (bot tokens, webhook secrets) in a message or an attribute
// is written as "<redacted>". Secrets shorter than 4 bytes are ignored, as
// hiding them would mangle ordinary words. A format or level it does not
// know is a *SettingError.
func NewLogger(w io.Writer, c LogConfig, secrets []string) (*slog.Logger, error) {
	var level slog.Level
	if c.Level != "" {
		if err := level.UnmarshalText([]byte(c.Level)); err != nil {
			return nil, &SettingError{Key: "log.level", Value: c.Level, Want: "debug, info, warn or error"}
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	switch c.Format {
	case "", "text":
		h = slog.NewTextHandler(w, opts)
	case "json":
		h = slog.NewJSONHandler(w, opts)
	default:
		return nil, &SettingError{Key: "log.format", Value: c.Format, Want: "text or json"}
	}
	var keep []string
	for _, s := range secrets {
		if len(s) >= 4 {
			keep = append(keep, s)
		}
	}
	if len(keep) > 0 {
		h = &redactor{next: h, secrets: keep}
	}
	return slog.New(h), nil
}
