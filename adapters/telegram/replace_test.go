package telegram

import (
	"context"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

// Replies that name one message (an import's progress, then its answer)
// edit it in place; another name or chat is another message, and a
// message that is gone is sent anew.
func TestSendEditsTheMessageARepliesNames(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	progress := bot.Reply{ChatID: "501", Replace: "import:7", Text: "Importing… 10,000 of 100,000 rows read."}
	if err := a.Send(ctx, progress); err != nil {
		t.Fatal(err)
	}
	first := f.Wait(t, 1, tgfake.Method("sendMessage"))[0]
	for _, text := range []string{"Importing… 40,000 of 100,000 rows read.", "Strong export: 100000 rows read, 100000 sets imported."} {
		progress.Text = text
		if err := a.Send(ctx, progress); err != nil {
			t.Fatal(err)
		}
	}
	edits := f.All(tgfake.Method("editMessageText"))
	if len(edits) != 2 || edits[0].MsgID != first.MsgID || edits[1].MsgID != first.MsgID || !strings.Contains(edits[1].Fields["text"], "100000 sets imported") {
		t.Fatalf("edits %+v, want two of message %d:\n%s", edits, first.MsgID, f.Dump())
	}
	// Another import's progress is a message of its own.
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Replace: "import:8", Text: "Importing… 1 of 5 rows read."}); err != nil {
		t.Fatal(err)
	}
	// Gone: sent anew, and that message is edited after.
	f.DeleteMessage(ana.ID, first.MsgID)
	progress.Text = "again"
	if err := a.Send(ctx, progress); err != nil {
		t.Fatal(err)
	}
	again := f.Wait(t, 1, tgfake.SentTo(privateChat(ana).ID, "again"))[0]
	progress.Text = "and again"
	if err := a.Send(ctx, progress); err != nil {
		t.Fatal(err)
	}
	edit := f.Wait(t, 1, tgfake.SentTo(privateChat(ana).ID, "and again"))[0]
	if edit.Method != "editMessageText" || edit.MsgID != again.MsgID {
		t.Errorf("after the message was gone: %+v, want an edit of %d", edit, again.MsgID)
	}
	if n := len(f.All(tgfake.Method("sendMessage"))); n != 3 {
		t.Errorf("%d messages sent, want 3:\n%s", n, f.Dump())
	}
}
