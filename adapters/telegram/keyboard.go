package telegram

import (
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/spotter-coach/spotter/bot"
)

// Inline keyboard limits.
const (
	maxCallbackData = 64 // bytes
	maxRowButtons   = 8
	maxButtons      = 100
	maxLabel        = 64 // runes; Telegram cuts longer labels itself
)

// keyboard is an inline keyboard as the Bot API takes it. The library's
// own InlineKeyboardButton always sends an empty "copy_text" object, which
// the Bot API may refuse (BUTTON_COPY_TEXT_INVALID); this one sends only
// what a callback button has.
type keyboard struct {
	InlineKeyboard [][]callbackButton `json:"inline_keyboard"`
}

type callbackButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// A button's callback_data carries whose button it is along with the
// hub's data, so that a press is checked against its owner with nothing
// remembered: a restart, or another process serving the same bot, changes
// nothing.
//
//	~<owner>~<data>
//
// The leading "~" marks the format; the hub's data never starts with one
// (it is a command: "start", "done 8", "forget me confirm", a load, a
// command the lifter typed, "help exercises page 2"). <owner> is the
// Telegram user id, in decimal, of the one lifter whose press acts, or
// empty for buttons several lifters share (a merged message in a busy
// group: its session buttons act on whoever presses them). <data> is the
// hub's Button.Data, handed back as the Message's text, whatever it holds
// (a "~" too). Telegram takes 64 bytes and user ids have at most 16
// digits, so any data of up to 46 bytes always fits (52 with today's
// 10-digit ids); a button whose data does not fit is left out, never sent
// without its owner. A feature that adds buttons needs nothing more here:
// its data rides in <data>.
//
// Data without the mark comes from a Spotter that kept owners in memory
// only (or is forged): whose it is cannot be known, so a press on it is
// refused with a line asking for the command again, never acted on as the
// presser.
const ownerMark = "~"

// maxOwnerID is the longest user id in decimal: Telegram's ids fit in 52
// bits.
const maxOwnerID = 16

// encodeCallback is the callback_data of a button with the hub's data,
// for owner (a user id in decimal, or "" for anyone). ok is false when it
// cannot be carried: no data, an owner that is not a user id, or more
// than Telegram takes.
func encodeCallback(owner, data string) (string, bool) {
	if data == "" || !userID(owner) && owner != "" {
		return "", false
	}
	return callbackData(ownerMark + owner + ownerMark + data)
}

// decodeCallback reads the callback_data of a button made by
// encodeCallback: its owner ("" for anyone) and the hub's data. ok is
// false for anything else, such as a button of an older Spotter.
func decodeCallback(d string) (owner, data string, ok bool) {
	rest, found := strings.CutPrefix(d, ownerMark)
	if !found || !utf8.ValidString(d) {
		return "", "", false
	}
	owner, data, found = strings.Cut(rest, ownerMark)
	if !found || data == "" || owner != "" && !userID(owner) {
		return "", "", false
	}
	return owner, data, true
}

// userID reports whether s is a Telegram user id: 1-16 decimal digits.
func userID(s string) bool {
	if s == "" || len(s) > maxOwnerID {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// callbackData is d as a button's callback_data, if Telegram takes it:
// 1-64 bytes of valid UTF-8. Longer data is refused rather than cut, since
// a cut command ("done 12" to "done 1") could mean something else.
func callbackData(d string) (string, bool) {
	if d == "" || len(d) > maxCallbackData || !utf8.ValidString(d) {
		return "", false
	}
	return d, true
}

// buildKeyboard turns the hub's rows of buttons into an inline keyboard
// whose presses act only for owner (a user id; "" for buttons anyone may
// press), or nil when there is nothing to show. Buttons whose data
// Telegram would refuse are left out and logged; rows longer than
// Telegram allows wrap.
func buildKeyboard(rows [][]bot.Button, owner string, log *slog.Logger) *keyboard {
	var kb keyboard
	total := 0
	for _, row := range rows {
		var out []callbackButton
		for _, b := range row {
			data, ok := encodeCallback(owner, b.Data)
			if !ok {
				log.Warn("button left out: its data and owner do not fit Telegram's 64 bytes", "label", b.Label, "bytes", len(b.Data))
				continue
			}
			if total == maxButtons {
				log.Warn("buttons left out: a keyboard holds at most 100", "label", b.Label)
				break
			}
			label := strings.TrimSpace(strings.ToValidUTF8(b.Label, "\uFFFD"))
			if label == "" {
				label = b.Data
			}
			out = append(out, callbackButton{Text: clip(label, maxLabel), CallbackData: data})
			total++
			if len(out) == maxRowButtons {
				kb.InlineKeyboard = append(kb.InlineKeyboard, out)
				out = nil
			}
		}
		if len(out) > 0 {
			kb.InlineKeyboard = append(kb.InlineKeyboard, out)
		}
	}
	if len(kb.InlineKeyboard) == 0 {
		return nil
	}
	return &kb
}
