package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Error is one refusal of a configuration file: where it is and what is
// wrong. Load returns a single *Error, or several joined with errors.Join
// (one per unknown key); errors.As finds them either way.
type Error struct {
	File string
	Line int    // 1-based; 0 when the file could not be placed
	Key  string // the key's path: "drop.percent", "preset[1].rest", "syntax"
	Msg  string
}

// Error is "file:line: key: message", the form editors jump to.
func (e *Error) Error() string {
	switch {
	case e.Line == 0 && e.Key == "":
		return e.File + ": " + e.Msg
	case e.Key == "":
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Key, e.Msg)
}

// failFunc makes the Error for a key, placed on the key's line.
type failFunc func(key, format string, args ...any) error

// decodeError turns the TOML library's errors into Errors.
func decodeError(path string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		errs := make([]error, len(strict.Errors))
		for i, e := range strict.Errors {
			row, _ := e.Position()
			errs[i] = &Error{File: path, Line: row, Key: strings.Join(e.Key(), "."), Msg: "unknown key"}
		}
		return errors.Join(errs...)
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		key := strings.Join(de.Key(), ".")
		if key == "" {
			key = "syntax"
		}
		return &Error{File: path, Line: row, Key: key, Msg: de.Error()}
	}
	return &Error{File: path, Msg: err.Error()}
}
