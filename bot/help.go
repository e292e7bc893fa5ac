package bot

import (
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// helpCommand answers help and help TOPIC from coach's help texts. In a
// group on a paced platform a long answer (help exercises) comes a page
// at a time (pages.go): "help TOPIC page N", typed or sent by a page's
// button, is page N.
func (h *Hub) helpCommand(t *turn, base Reply, m Message, _ prefs, cmd coach.Command) {
	topic, page, _ := pageOf(cmd.Topic)
	text := h.coach.Help(topic)
	r := base
	if h.paces[m.Platform] == nil || !m.Group {
		r.Text = text
		t.replies = append(t.replies, r)
		return
	}
	command := "help"
	if topic != "" {
		command += " " + strings.ToLower(topic)
	}
	t.replies = append(t.replies, paged(r, text, command, page, h.out.measurer(m.Platform)))
}
