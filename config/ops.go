package config

import "log/slog"

// Ops is the [ops] table: the operator's HTTP endpoint.
type Ops struct {
	// Listen is the address of the ops server ("127.0.0.1:9090"); off when empty.
	Listen string `toml:"listen"`
}

// Log is the [log] table.
type Log struct {
	Format string `toml:"format"` // "text" (default) or "json"
	Level  string `toml:"level"`  // "debug", "info" (default), "warn", "error"
}

// check refuses a level or a format the logger does not know, naming the
// key, so that a bad [log] table stops the bot before it chats.
func (l Log) check(fail failFunc) error {
	if l.Level != "" {
		var level slog.Level
		if err := level.UnmarshalText([]byte(l.Level)); err != nil {
			return fail("log.level", "%q is not debug, info, warn or error", l.Level)
		}
	}
	switch l.Format {
	case "", "text", "json":
	default:
		return fail("log.format", "%q is not text or json", l.Format)
	}
	return nil
}
