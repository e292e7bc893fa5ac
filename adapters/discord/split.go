package discord

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxContent is Discord's limit for a message's content.
const maxContent = 2000

// contentLen counts s the way Discord's limit is safely counted: in
// UTF-16 code units, which is never less than characters.
func contentLen(s string) int {
	n := 0
	for _, r := range s {
		if l := utf16.RuneLen(r); l > 0 {
			n += l
		} else {
			n++
		}
	}
	return n
}

// splitContent cuts s into pieces of at most max units (see contentLen),
// on line boundaries where it can; a longer line is cut between
// characters, never inside a backslash escape. The line break at a cut
// is dropped, and so are pieces that would be blank. It returns at least
// one piece (empty for empty s).
func splitContent(s string, max int) []string {
	if max < 2 {
		max = 2
	}
	if contentLen(s) <= max {
		return []string{s}
	}
	var out []string
	var cur strings.Builder
	curLen, have := 0, false
	emit := func() {
		if have && strings.TrimSpace(cur.String()) != "" {
			out = append(out, cur.String())
		}
		cur.Reset()
		curLen, have = 0, false
	}
	for _, line := range strings.Split(s, "\n") {
		pieces := []string{line}
		if contentLen(line) > max {
			pieces = cutLine(line, max)
		}
		for i, p := range pieces {
			pl := contentLen(p)
			if have && i == 0 && curLen+1+pl <= max {
				cur.WriteByte('\n')
				cur.WriteString(p)
				curLen += 1 + pl
				continue
			}
			emit()
			cur.WriteString(p)
			curLen, have = pl, true
		}
	}
	emit()
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// cutLine cuts one line into pieces of at most max units, never leaving
// a lone backslash at the end of a piece (it would escape nothing).
func cutLine(line string, max int) []string {
	var out []string
	for contentLen(line) > max {
		n, units := 0, 0
		for n < len(line) {
			r, size := utf8.DecodeRuneInString(line[n:])
			l := utf16.RuneLen(r)
			if l < 0 {
				l = 1
			}
			if units+l > max {
				break
			}
			units += l
			n += size
		}
		// Keep an escape and the character it escapes together.
		if bs := trailingBackslashes(line[:n]); bs%2 == 1 && n > 1 {
			n--
		}
		if n == 0 { // cannot happen with max >= 2; guard against a loop
			_, n = utf8.DecodeRuneInString(line)
		}
		out = append(out, line[:n])
		line = line[n:]
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

func trailingBackslashes(s string) int {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n
}
