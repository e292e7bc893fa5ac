package telegram

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/tgfake"
)

func TestImportDocument(t *testing.T) {
	t.Parallel()
	r := startRecorder(t, Config{})
	f := r.fake
	chat := privateChat(ana)
	csv := []byte("date,exercise,load,reps\n2025-01-02,bench press,80,8\n")
	f.Document(chat, ana, "import", "lifts.csv", "text/csv", csv, int64(len(csv)))
	// A reply "import" to a document.
	doc := &models.Message{ID: 5, Date: 1, Chat: chat, From: &ana, Document: &models.Document{FileID: "doc1", FileName: "lifts.csv", MimeType: "text/csv"}}
	f.Reply(chat, ana, doc, "/import")
	// Too big by its announced size: not downloaded.
	f.Document(chat, ana, "Import", "huge.csv", "text/csv", []byte("x"), maxDownload+1)
	// Too big in fact.
	big := bytes.Repeat([]byte("1,"), maxDownload/2+1)
	f.Document(chat, ana, "import", "big.csv", "text/csv", big, 0)
	// A document with another caption is not an import.
	f.Document(chat, ana, "my program", "p.csv", "text/csv", csv, int64(len(csv)))
	f.Text(chat, ana, "done")

	msgs := r.rec.wait(t, 6)
	for i, m := range msgs[:4] {
		if m.Text != "import" || m.Platform != Platform || m.ChatID != "501" || m.UserID != "501" || m.UserName != "Ana" || m.Group || !strings.HasPrefix(m.ID, "u") {
			t.Errorf("message %d = %+v", i, m)
		}
	}
	for i, m := range msgs[:2] {
		if m.File == nil || !bytes.Equal(m.File.Data, csv) || m.File.Name != "lifts.csv" || m.File.MIME != "text/csv" {
			t.Errorf("import %d: file %+v", i, m.File)
		}
	}
	if msgs[2].File != nil || msgs[3].File != nil {
		t.Errorf("an oversized document was handed on")
	}
	if n := len(f.All(tgfake.Method("getFile"))); n != 3 {
		t.Errorf("getFile called %d times, want 3 (not for the one announced too big)", n)
	}
	if msgs[4].Text != "my program" || msgs[4].File != nil || msgs[5].Text != "done" {
		t.Errorf("after the imports: %+v", msgs[4:])
	}
}

func TestCallbacksAlwaysAnswered(t *testing.T) {
	t.Parallel()
	r := startRecorder(t, Config{})
	f := r.fake
	_, q1 := f.Press(gym, bo, 42, "~502~bogus data") // Bo's own button
	_, q2 := f.Press(gym, bo, 42, "")
	cq := &models.CallbackQuery{ID: "inline1", From: bo, Data: "start", InlineMessageID: "im1"}
	f.Push(models.Update{CallbackQuery: cq})
	for _, q := range []string{q1, q2, "inline1"} {
		f.Wait(t, 1, tgfake.Answered(q))
	}
	// Each press reaches the hub before it is answered.
	msgs := r.rec.wait(t, 1)
	if m := msgs[0]; len(msgs) != 1 || m.Text != "bogus data" || m.ChatID != "-100777" || m.UserID != "502" || !m.Group || m.UserName != "Bo" {
		t.Errorf("presses = %+v, want the one with data and a chat", msgs)
	}
}

func TestWebhookChecksTheSecret(t *testing.T) {
	t.Parallel()
	r := startRecorder(t, Config{Mode: "webhook", WebhookListen: "127.0.0.1:0", WebhookURL: "https://spotter.example/tg/hook", WebhookSecret: "s3cret_hook"})
	set := r.fake.Wait(t, 1, tgfake.Method("setWebhook"))[0]
	if set.Fields["url"] != "https://spotter.example/tg/hook" || set.Fields["secret_token"] != "s3cret_hook" {
		t.Errorf("setWebhook %v", set.Fields)
	}
	var addr string
	select {
	case addr = <-r.a.webhookAddr:
	case <-time.After(10 * time.Second):
		t.Fatal("the webhook server did not listen")
	}
	post := func(secret string, id int) int {
		body := fmt.Sprintf(`{"update_id":%d,"message":{"message_id":1,"date":1,"chat":{"id":501,"type":"private"},"from":{"id":501,"is_bot":false,"first_name":"Ana"},"text":"drop 80kg bench"}}`, id)
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://"+addr+"/tg/hook", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("", 7); code != http.StatusUnauthorized {
		t.Errorf("no secret: HTTP %d", code)
	}
	if code := post("wrong", 8); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: HTTP %d", code)
	}
	if code := post("s3cret_hook", 9); code != http.StatusOK {
		t.Errorf("right secret: HTTP %d", code)
	}
	msgs := r.rec.wait(t, 1)
	if len(msgs) != 1 || msgs[0].ID != "u9" || msgs[0].Text != "drop 80kg bench" {
		t.Errorf("messages %+v", msgs)
	}
	if n := r.fake.Polls(); n != 0 {
		t.Errorf("polled in webhook mode")
	}
}
