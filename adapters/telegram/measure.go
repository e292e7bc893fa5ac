package telegram

import "github.com/spotter-coach/spotter/bot"

var _ bot.Measurer = (*Adapter)(nil)

// Messages is how many Telegram messages Send makes of r, laid out as
// render lays it out: the hub's outbox counts each against the chat's
// pace and merges a group's lines only into what goes as one. It may be
// called from any goroutine.
func (a *Adapter) Messages(r bot.Reply) int {
	var texts []string
	if len(r.Pings) > 0 {
		texts = pingMessages(r.Pings)
	} else {
		texts = textMessages(r.Text)
	}
	media := 0
	if r.Image != nil {
		media++
	}
	if r.File != nil {
		media++
	}
	if media > 0 && len(texts) == 1 && utf16Len(texts[0]) <= captionLimit {
		texts = nil // the text is the first picture's or file's caption
	}
	return max(1, len(texts)+media)
}
