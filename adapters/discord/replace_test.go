package discord

import (
	"context"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/dcfake"
)

// Replies that name one message (an import's progress, then its answer)
// edit it: a channel message, or the response of the slash command they
// answer; a channel message that is gone is sent anew.
func TestRepliesEditTheMessageTheyName(t *testing.T) {
	r := startRig(t)
	ctx := bounded(t)
	ana := lifter{ID: "500000000000000001", GlobalName: "Ana"}

	t.Run("channel message", func(t *testing.T) {
		ch := "400000000000000031"
		edits := dcfake.All(dcfake.Route("PATCH", "/channels/"+ch+"/messages/"), dcfake.Succeeded)
		send := func(text string) {
			t.Helper()
			if err := r.a.Send(ctx, bot.Reply{ChatID: ch, InReplyTo: "700000000000000001", To: bot.User{ID: ana.ID}, Replace: "import:700000000000000001", Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		send("Importing… 10,000 of 100,000 rows read.")
		first := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		send("Importing… 40,000 of 100,000 rows read.")
		send("Strong export: 100000 rows read, 100000 sets imported.")
		last := r.waitOK(t, 2, edits)
		if n := r.f.Count(dcfake.ChannelMessage(ch)); n != 1 {
			t.Errorf("%d messages posted, want 1", n)
		}
		if last.Path != "/channels/"+ch+"/messages/"+first.RespID || last.Content() != "Strong export: 100000 rows read, 100000 sets imported." {
			t.Errorf("the last edit: %s %q, want of message %s", last.Path, last.Content(), first.RespID)
		}
		// Deleted by someone: the next reply is a new message.
		r.f.SetHook(func(q *dcfake.Request) *dcfake.Response {
			if q.Method == "PATCH" {
				return &dcfake.Response{Status: 404, Body: `{"message": "Unknown Message", "code": 10008}`}
			}
			return nil
		})
		send("and again")
		r.f.SetHook(nil)
		if again := r.waitOK(t, 2, dcfake.ChannelMessage(ch)); again.Content() != "and again" {
			t.Errorf("after the message was gone: %q", again.Content())
		}
	})

	t.Run("slash command response", func(t *testing.T) {
		ch := "400000000000000032"
		r.gate.mu.Lock()
		r.gate.channel = ch
		r.gate.mu.Unlock()
		defer func() { r.gate.mu.Lock(); r.gate.channel = ""; r.gate.mu.Unlock() }()
		r.slash(t, "600000000000000070", "itok-progress", ch, ana, "history")
		var m bot.Message
		select {
		case m = <-r.gate.held:
		case <-time.After(wait):
			t.Fatal("the command never reached the hub")
		}
		for _, text := range []string{"Importing… 1 of 5,000 rows read.", "Importing… writing 5,000 sets.", "Strong export: 5000 rows read, 5000 sets imported."} {
			err := r.a.Send(context.Background(), bot.Reply{ChatID: ch, InReplyTo: m.ID, Interaction: true, Private: true,
				To: bot.User{ID: ana.ID}, Replace: "import:" + m.ID, Text: text})
			if err != nil {
				t.Fatal(err)
			}
		}
		last := r.waitOK(t, 3, dcfake.Original("itok-progress"))
		if last.Content() != "Strong export: 5000 rows read, 5000 sets imported." {
			t.Errorf("the response reads %q", last.Content())
		}
		if n := r.f.Count(dcfake.FollowUp("itok-progress")); n != 0 {
			t.Errorf("%d follow-ups, want every reply in the one response", n)
		}
	})
}
