package discord

import "strings"

// escapeMarkdown makes the hub's plain text show as written in
// Discord: markdown characters are backslash-escaped, and so is '<', so
// that echoed user text such as "<@&123>" or "<#456>" shows as text
// instead of a mention or a channel link. Line starts that would make a
// heading, list or quote ("# ", "- ", "> ", "1. ") are escaped too.
// Pings are written after escaping, so the adapter's own mentions work.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	digits := false // the line so far is spaces and digits
	for _, r := range s {
		if lineStart && (r == '#' || r == '-' || r == '+' || r == '>') {
			b.WriteByte('\\')
		}
		if r == '.' && digits {
			b.WriteByte('\\')
		}
		switch r {
		case '\\', '*', '_', '~', '`', '|', '[', ']', '<':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		switch {
		case r == '\n':
			lineStart, digits = true, false
		case r == ' ' || r == '\t':
			if lineStart {
				continue
			}
			digits = false
		case r >= '0' && r <= '9':
			if lineStart {
				digits = true
			}
			lineStart = false
		default:
			lineStart, digits = false, false
		}
	}
	return b.String()
}
