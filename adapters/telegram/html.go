package telegram

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spotter-coach/spotter/bot"
)

// Telegram's length limits, in UTF-16 code units of the text after
// entity parsing. The adapter measures the escaped HTML instead, which is
// never shorter, so a piece that fits here fits there.
const (
	textLimit    = 4000 // a message's text: Telegram allows 1-4096
	captionLimit = 1024 // a photo's or document's caption
	nameLimit    = 64   // a lifter's name in a mention
	pingLimit    = 1000 // one ping's text
)

// escape makes plain text safe for parse_mode HTML: <, >, & and quotes
// become entities, and invalid UTF-8 (which Telegram refuses) becomes U+FFFD.
func escape(s string) string {
	return html.EscapeString(strings.ToValidUTF8(s, "\uFFFD"))
}

// escapedSize is the length of escape(s) in UTF-16 code units.
func escapedSize(s string) int {
	n := 0
	for _, r := range s {
		n += runeSize(r)
	}
	return n
}

// runeSize is the UTF-16 length of r once escaped.
func runeSize(r rune) int {
	switch {
	case r == '&', r == '"', r == '\'':
		return 5 // &amp; &#34; &#39;
	case r == '<', r == '>':
		return 4 // &lt; &gt;
	case r >= 0x10000:
		return 2 // a surrogate pair
	}
	return 1
}

// splitText cuts plain text into pieces whose escaped form is at most
// limit long, on line boundaries; a single line longer than limit is cut
// hard between runes. The newline at a boundary is dropped, nothing else:
// the pieces hold every other character of text in order. Empty pieces
// are left out. Invalid UTF-8 becomes U+FFFD.
func splitText(text string, limit int) []string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	var out []string
	var cur strings.Builder
	size := 0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
		}
		cur.Reset()
		size = 0
	}
	for i, line := range strings.Split(text, "\n") {
		n := escapedSize(line)
		if i > 0 && size+1+n <= limit {
			cur.WriteByte('\n')
			cur.WriteString(line)
			size += 1 + n
			continue
		}
		flush()
		if n > limit {
			var pieces []string
			pieces, line = cutHard(line, limit)
			out = append(out, pieces...)
			n = escapedSize(line)
		}
		cur.WriteString(line)
		size = n
	}
	flush()
	return out
}

// cutHard cuts a line too long for limit between runes: pieces whose
// escaped form fits limit, and the rest, which fits too. Every piece holds
// at least one rune, so that a tiny limit still makes progress.
func cutHard(s string, limit int) (pieces []string, rest string) {
	start, n := 0, 0
	for i, r := range s {
		rs := runeSize(r)
		if n+rs > limit && i > start {
			pieces = append(pieces, s[start:i])
			start, n = i, 0
		}
		n += rs
	}
	return pieces, s[start:]
}

// packLines joins lines of HTML into messages of at most limit UTF-16 code
// units (counting the markup, which is conservative). Each line must fit
// limit on its own.
func packLines(lines []string, limit int) []string {
	var out []string
	var cur strings.Builder
	size := 0
	for _, l := range lines {
		n := utf16Len(l)
		if cur.Len() > 0 && size+1+n > limit {
			out = append(out, cur.String())
			cur.Reset()
			size = 0
		}
		if cur.Len() > 0 {
			cur.WriteByte('\n')
			size++
		}
		cur.WriteString(l)
		size += n
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// clip shortens s to at most n runes, marking a cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// mention is an HTML link that notifies the lifter even without a
// username: <a href="tg://user?id=N">Name</a>. A user id that is not a
// Telegram id gives the escaped name alone.
func mention(u bot.User) string {
	name := strings.TrimSpace(u.Name)
	if name == "" {
		name = "lifter"
	}
	name = escape(clip(name, nameLimit))
	id, err := strconv.ParseInt(u.ID, 10, 64)
	if err != nil || id <= 0 {
		return name
	}
	return `<a href="tg://user?id=` + strconv.FormatInt(id, 10) + `">` + name + `</a>`
}

// pingMessages renders pings as HTML messages: one line per ping, each
// mentioning its lifter, as few messages as the text limit allows.
func pingMessages(pings []bot.Ping) []string {
	lines := make([]string, len(pings))
	for i, p := range pings {
		lines[i] = mention(p.To) + ": " + escape(clip(p.Text, pingLimit))
	}
	return packLines(lines, textLimit)
}

// textMessages renders plain text as HTML messages within the text limit,
// leaving out pieces that are only white space (Telegram refuses them).
func textMessages(text string) []string {
	var out []string
	for _, p := range splitText(text, textLimit) {
		if strings.TrimSpace(p) != "" {
			out = append(out, escape(p))
		}
	}
	return out
}
