package discord

import "github.com/spotter-coach/spotter/bot"

var _ bot.Measurer = (*Adapter)(nil)

// Messages is how many channel messages Send makes of r, laid out as
// render lays it out: the hub's outbox counts each against the channel's
// pace and merges a channel's lines only into what goes as one. It may be
// called from any goroutine.
func (a *Adapter) Messages(r bot.Reply) int {
	return max(1, len(render(r).chunks))
}
