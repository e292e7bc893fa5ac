package bot

import "github.com/spotter-coach/spotter/coach"

// helpCommand answers help and help TOPIC from coach's help texts.
func (h *Hub) helpCommand(t *turn, base Reply, _ Message, _ prefs, cmd coach.Command) {
	r := base
	r.Text = h.coach.Help(cmd.Topic)
	t.replies = append(t.replies, r)
}
