package bot

import (
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// privateHelpBudget is the longest help answer a private chat on a paced
// platform gets whole (in textCost): one Telegram message, two of
// Discord's at most. A longer one (help exercises all) comes a page at a
// time there too, so that nobody has to scroll past a wall of text.
const privateHelpBudget = 3500

// helpCommand answers help and help TOPIC from coach's help texts. On a
// paced platform a long answer comes a page at a time (pages.go): in a
// group, whatever the platform would send as more than one message,
// since every message counts against the pace the group's lifters share;
// in a private chat, an answer over privateHelpBudget. "help TOPIC page
// N", typed or sent by a page's button, is page N. The console has no
// pace and gets the whole answer.
func (h *Hub) helpCommand(t *turn, base Reply, m Message, _ prefs, cmd coach.Command) {
	topic, page, _ := pageOf(cmd.Topic)
	text := h.coach.Help(topic)
	r := base
	if h.paces[m.Platform] == nil || !m.Group && textCost(text) <= privateHelpBudget {
		r.Text = text
		t.replies = append(t.replies, r)
		return
	}
	command := "help"
	if topic != "" {
		command += " " + strings.ToLower(strings.Join(strings.Fields(topic), " "))
	}
	t.replies = append(t.replies, paged(r, text, command, page, h.out.measurer(m.Platform)))
}
