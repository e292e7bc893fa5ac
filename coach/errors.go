package coach

import "fmt"

// Error is a mistake the lifter can fix: the one kind of error whose text
// is shown to users. Msg says what was wrong; Example shows how to write it.
type Error struct {
	Msg     string
	Example string
}

func (e *Error) Error() string {
	if e.Example == "" {
		return e.Msg
	}
	return e.Msg + " Try: " + e.Example
}

// userErr builds an *Error.
func userErr(example, format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...), Example: example}
}
