package bot

import (
	"fmt"
	"strings"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// forgetCommand answers forget me with what it would delete and how to
// confirm, and forget me confirm by deleting everything Spotter keeps of
// the lifter on the platform, in every chat.
func (h *Hub) forgetCommand(t *turn, base Reply, m Message, _ prefs, cmd coach.Command) {
	r := base
	if strings.Join(cmd.Args, " ") != "me confirm" {
		if len(cmd.Args) == 0 || cmd.Args[0] != "me" {
			t.fail(r, "To delete everything Spotter keeps of you, say: forget me")
			return
		}
		n, err := h.store.CountSets(m.Platform, m.UserID)
		if err != nil {
			h.log.Error("forget", "err", err)
		}
		r.Text = fmt.Sprintf("This deletes everything Spotter keeps of you on %s: %s, your settings and your sessions in every chat%s. It cannot be undone. To go ahead, say: forget me confirm", h.forgetWhere(m), coach.Plural(n, "set"), h.filesNote(m.Platform, ", and the charts and exports saved for you (copy any you want to keep first)"))
		r.Buttons = [][]Button{{{Label: "Delete everything", Data: "forget me confirm"}}}
		t.replies = append(t.replies, r)
		return
	}
	n, err := h.store.CountSets(m.Platform, m.UserID)
	if err != nil {
		h.log.Error("forget", "err", err)
		t.fail(r, genericError)
		return
	}
	// The hub forgets the lifter's sessions and timers once the change
	// lasts (settle); the change itself deletes them stored.
	t.change.Forget = &record.User{Platform: m.Platform, UserID: m.UserID}
	t.forgetLinked = h.linkedTo(m) // the store forgets it with the change
	t.change.Session, t.change.DeleteSession = nil, nil
	r.Text = fmt.Sprintf("Deleted: %s, your settings and your sessions%s. Spotter keeps nothing of you now.", coach.Plural(n, "set"), h.filesNote(m.Platform, ", and the charts and exports saved for you"))
	if o := t.forgetLinked; o != nil {
		r.Text = fmt.Sprintf("Deleted, on %s and on %s (the link too): %s, your settings and your sessions%s. Spotter keeps nothing of you now.",
			platformName(m.Platform), platformName(o.Platform), coach.Plural(n, "set"), h.filesNote(m.Platform, ", and the charts and exports saved for you"))
	}
	t.replies = append(t.replies, r)
}

// privacyCommand answers privacy: what is stored, where, and how to
// delete it.
func (h *Hub) privacyCommand(t *turn, base Reply, _ Message, _ prefs, _ coach.Command) {
	r := base
	r.Text = privacyText
	t.replies = append(t.replies, r)
}

// Forgetter is an adapter that keeps something of a lifter outside the
// store: the console writes charts and exports to files. Once a forget
// me lasts, the hub asks it to delete them too; the hub itself never
// touches files. Forget is called on the hub's goroutine and must return
// quickly; an error is logged.
type Forgetter interface {
	Forget(userID string) error
}

// filesNote is note when the platform's adapter keeps files of its
// lifters (Forgetter), else "".
func (h *Hub) filesNote(platform, note string) string {
	if _, ok := h.senders[platform].(Forgetter); ok {
		return note
	}
	return ""
}

// forgetSessions drops a lifter's sessions and timers from memory, and
// has their adapter delete what it keeps of them (Forgetter), once the
// change that deleted them stored lasts.
func (h *Hub) forgetSessions(platform, userID string) {
	if f, ok := h.senders[platform].(Forgetter); ok {
		if err := f.Forget(userID); err != nil {
			h.log.Error("forget: the adapter's files", "platform", platform, "err", err)
		}
	}
	for l := range h.sessions {
		if l.Platform == platform && l.UserID == userID {
			h.dropSession(l)
		}
	}
	h.sched.removeWhere(func(t *record.Timer) bool {
		return t.Lifter.Platform == platform && t.Lifter.UserID == userID
	})
}

const privacyText = `What Spotter stores, per lifter and platform: the sets you do or log (time, exercise, load, reps, technique), your settings (units, time zone, fibre type, equipment), your running session and its rest timer, and the ids of recent messages (to ignore repeats). Nothing else: no message text is kept.
Where: one bbolt file on the machine of whoever runs this bot, readable by them only (file mode 0600).
Who sees it: you. Your history, PRs, charts and exports answer only your own questions; in a group chat other members see what you ask for there.
Deleting: say forget me, confirm, and everything of yours is gone at once. export gives you a copy first.`
