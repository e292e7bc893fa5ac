package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pages: in a group on a paced platform every message counts against the
// chat's pace, which all its lifters share. So there a reply the platform
// would have to send as several messages is never handed over whole:
//
//   - an answer that can be asked for again (help) is cut into pages: the
//     first page comes with "Next ›", and each page's buttons ask for the
//     page before or after it by the command's own text ("help exercises
//     page 2"), which goes through the parser like typed text. Nothing is
//     kept between presses: a page is the command run again, so pages
//     outlive restarts, and each press costs one message;
//   - any other reply too long for one message is sent as consecutive
//     messages of one each (pieces), so that the pace counts every one and
//     other lifters' messages go between them.
//
// A private chat's pace is its lifter's alone, and the console has none:
// they get whole answers, which the adapters split as they must.

// messageBudget is how much text one message holds on every platform
// Spotter paces, in the units of textCost: Discord's 2000 characters
// after its markdown escapes, and Telegram's 4096 UTF-16 units after its
// HTML escapes, with room to spare. A reply within it is one message.
const messageBudget = 1900

// pageBudget is a page's text, leaving room for its footer.
const pageBudget = messageBudget - 150

// pageDataLimit bounds a page button's data in bytes, leaving the rest
// of the platforms' limits (Telegram's callback data holds 64 bytes,
// Discord's custom_id 100 characters) to what the adapters add to it.
const pageDataLimit = 40

// pageHintLimit bounds the command a page's footer tells the lifter to
// type for the next page, when it is too long for a button; a longer one
// would not fit the footer's room.
const pageHintLimit = 100

// Page buttons' labels.
const (
	nextLabel = "Next ›"
	backLabel = "‹ Back"
)

// pageWord ends a command that asks for one of its answer's pages:
// "help exercises page 2".
const pageWord = "page"

// textCost measures s as one message's text, never less than any paced
// platform counts it once escaped: a character Discord escapes for its
// markdown counts two, one Telegram writes as an HTML entity three, and a
// character outside the Basic Multilingual Plane (two UTF-16 units) two.
func textCost(s string) int {
	n := 0
	for _, r := range s {
		n += runeCost(r)
	}
	return n
}

func runeCost(r rune) int {
	switch r {
	case '&', '"', '\'':
		return 3
	case '<', '>', '\\', '*', '_', '~', '`', '|', '[', ']', '#', '-', '+', '.':
		return 2
	}
	if r >= 0x10000 || r == utf8.RuneError {
		return 2
	}
	return 1
}

// splitPages cuts text into pieces of at most limit (textCost), between
// lines; a line longer than limit is cut between characters. The line
// break at a cut is dropped and nothing else: the pieces hold the rest of
// text in order. Pieces that would be blank are left out.
func splitPages(text string, limit int) []string {
	var out []string
	var cur strings.Builder
	size := 0
	flush := func() {
		if strings.TrimSpace(cur.String()) != "" {
			out = append(out, cur.String())
		}
		cur.Reset()
		size = 0
	}
	for i, line := range strings.Split(text, "\n") {
		n := textCost(line)
		if i > 0 && cur.Len() > 0 && size+1+n <= limit {
			cur.WriteByte('\n')
			cur.WriteString(line)
			size += 1 + n
			continue
		}
		flush()
		for n > limit {
			cut := cutAt(line, limit)
			if strings.TrimSpace(line[:cut]) != "" {
				out = append(out, line[:cut])
			}
			line = line[cut:]
			n = textCost(line)
		}
		cur.WriteString(line)
		size = n
	}
	flush()
	return out
}

// cutAt is where to cut a line too long for limit: the most of its
// characters that fit, at least one.
func cutAt(line string, limit int) int {
	cut, c := 0, 0
	for cut < len(line) {
		r, w := utf8.DecodeRuneInString(line[cut:])
		if c+runeCost(r) > limit && cut > 0 {
			break
		}
		c += runeCost(r)
		cut += w
	}
	return cut
}

// pageOf reads a trailing "page N" (N from 1) off a command's arguments:
// "exercises page 2" is page 2 of "exercises". Without one it is page 1.
func pageOf(args string) (rest string, page int, ok bool) {
	f := strings.Fields(args)
	if n := len(f); n >= 2 && strings.EqualFold(f[n-2], pageWord) {
		if p, err := strconv.Atoi(f[n-1]); err == nil && p >= 1 {
			return strings.Join(f[:n-2], " "), p, true
		}
	}
	return strings.Join(f, " "), 1, false
}

// pageData is the text that asks for page n of command's answer.
func pageData(command string, n int) string {
	return command + " " + pageWord + " " + strconv.Itoa(n)
}

// isPageData reports whether a button's data asks for a page.
func isPageData(data string) bool {
	_, _, ok := pageOf(data)
	return ok
}

// paged is r showing page n (from 1; beyond the last is the last) of
// text, the answer to command: the page, a footer saying which page it
// is, and buttons to the pages before and after it, which the lifter
// presses as if typing the command with "page N". A text the platform
// sends as one message (m) is r with text, as it is. A command too long
// for a button's data gets no buttons, and the footer says what to type
// instead.
func paged(r Reply, text, command string, n int, m Measurer) Reply {
	r.Text = text
	if textCost(text) <= messageBudget || m.Messages(r) <= 1 {
		return r
	}
	pages := splitPages(text, pageBudget)
	n = min(max(n, 1), len(pages))
	r.Text = pages[n-1]
	buttons := len(pageData(command, len(pages))) <= pageDataLimit && utf8.ValidString(command)
	footer := "(page " + strconv.Itoa(n) + " of " + strconv.Itoa(len(pages))
	if next := pageData(command, n+1); n < len(pages) && !buttons && len(next) <= pageHintLimit {
		footer += "; for the next, say: " + next
	}
	r.Text += "\n" + footer + ")"
	if buttons {
		var row []Button
		if n > 1 {
			row = append(row, Button{Label: backLabel, Data: pageData(command, n-1)})
		}
		if n < len(pages) {
			row = append(row, Button{Label: nextLabel, Data: pageData(command, n+1)})
		}
		r.Buttons = append(r.Buttons, row)
	}
	return r
}

// pieces cuts a reply too long for one message into consecutive replies
// of one message each: the text in order, and the buttons, picture, file
// and session on the last, where the adapters would have put them.
func pieces(r Reply) []Reply {
	texts := splitPages(r.Text, messageBudget)
	if len(texts) < 2 {
		return []Reply{r}
	}
	out := make([]Reply, len(texts))
	for i, t := range texts {
		p := r
		p.Text = t
		if i < len(texts)-1 {
			p.Buttons, p.Image, p.File, p.Session, p.Plan = nil, nil, nil, "", nil
		}
		out[i] = p
	}
	return out
}
