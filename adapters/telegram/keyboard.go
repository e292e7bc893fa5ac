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

// callbackData is d as a button's callback_data, if Telegram takes it:
// 1-64 bytes of valid UTF-8. Longer data is refused rather than cut, since
// a cut command ("done 12" to "done 1") could mean something else.
func callbackData(d string) (string, bool) {
	if d == "" || len(d) > maxCallbackData || !utf8.ValidString(d) {
		return "", false
	}
	return d, true
}

// buildKeyboard turns the hub's rows of buttons into an inline keyboard,
// or nil when there is nothing to show. Buttons whose data Telegram would
// refuse are left out and logged; rows longer than Telegram allows wrap.
func buildKeyboard(rows [][]bot.Button, log *slog.Logger) *keyboard {
	var kb keyboard
	total := 0
	for _, row := range rows {
		var out []callbackButton
		for _, b := range row {
			data, ok := callbackData(b.Data)
			if !ok {
				log.Warn("button left out: its data is not 1-64 bytes of UTF-8", "label", b.Label, "bytes", len(b.Data))
				continue
			}
			if total == maxButtons {
				log.Warn("buttons left out: a keyboard holds at most 100", "label", b.Label)
				break
			}
			label := strings.TrimSpace(strings.ToValidUTF8(b.Label, "\uFFFD"))
			if label == "" {
				label = data
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
