package telegram

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

// newSender is an adapter on a fake that is not running: Send works
// without Run.
func newSender(t *testing.T) (*Adapter, *tgfake.Server, *logBuffer) {
	t.Helper()
	f := tgfake.New(t)
	logs := &logBuffer{}
	a, err := New(Config{Token: fakeToken, APIURL: f.URL()}, newRecorder(), (&rig{logs: logs}).logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if strings.Contains(logs.String(), fakeToken) {
			t.Errorf("the token appears in the logs:\n%s", logs.String())
		}
	})
	return a, f, logs
}

func TestSendImageAndFile(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 5000)...)
	err := a.Send(ctx, bot.Reply{ChatID: "501", Text: "Bench <1RM> trend & more", Image: &bot.File{Name: "chart.png", MIME: "image/png", Data: png}})
	if err != nil {
		t.Fatal(err)
	}
	photo := f.Wait(t, 1, tgfake.Method("sendPhoto"))[0]
	if !bytes.Equal(photo.Files["photo"].Data, png) || photo.Files["photo"].Name != "chart.png" {
		t.Errorf("photo: %d bytes named %q", len(photo.Files["photo"].Data), photo.Files["photo"].Name)
	}
	if photo.Fields["caption"] != "Bench &lt;1RM&gt; trend &amp; more" || photo.Fields["parse_mode"] != "HTML" {
		t.Errorf("caption %q, parse_mode %q", photo.Fields["caption"], photo.Fields["parse_mode"])
	}

	csv := []byte("date,exercise,load,reps\n2025-01-02,bench press,80,8\n")
	err = a.Send(ctx, bot.Reply{ChatID: "501", Text: "Your export", File: &bot.File{Name: "../spotter-export.csv", MIME: "text/csv", Data: csv}})
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Wait(t, 1, tgfake.Method("sendDocument"))[0]
	if !bytes.Equal(doc.Files["document"].Data, csv) || doc.Files["document"].Name != "spotter-export.csv" || doc.Fields["caption"] != "Your export" {
		t.Errorf("document %q %q caption %q", doc.Files["document"].Name, doc.Files["document"].Data, doc.Fields["caption"])
	}

	// A text too long for a caption goes first; the photo follows with
	// the buttons.
	long := strings.Repeat("a line of the chart's story\n", 60)
	err = a.Send(ctx, bot.Reply{ChatID: "501", Text: long, Image: &bot.File{Data: png},
		Buttons: [][]bot.Button{{{Label: "Again", Data: "chart bench"}}}})
	if err != nil {
		t.Fatal(err)
	}
	photo2 := f.Wait(t, 2, tgfake.Method("sendPhoto"))[1]
	text := f.Wait(t, 1, tgfake.Method("sendMessage"))[0]
	if photo2.Fields["caption"] != "" || len(photo2.Buttons()) != 1 || !text.At.Before(photo2.At) {
		t.Errorf("long caption: text at %v, photo at %v, caption %q", text.At, photo2.At, photo2.Fields["caption"])
	}
}

func TestSendPingsAsNewMessageMentioningEachLifter(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	// A session message with buttons, which a ping must not edit.
	if err := a.Send(ctx, bot.Reply{ChatID: "-100777", Session: "s1", Text: "Now: set", Buttons: [][]bot.Button{{{Label: "Skip", Data: "skip"}}}}); err != nil {
		t.Fatal(err)
	}
	err := a.Send(ctx, bot.Reply{ChatID: "-100777", Group: true, Session: "s1", Pings: []bot.Ping{
		{To: bot.User{ID: "501", Name: "Ana <3"}, Text: "GO: mini-set 1"},
		{To: bot.User{ID: "502", Name: "Bo"}, Text: "GO: drop & go"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	got := f.Wait(t, 2, tgfake.Method("sendMessage"))[1]
	want := `<a href="tg://user?id=501">Ana &lt;3</a>: GO: mini-set 1` + "\n" + `<a href="tg://user?id=502">Bo</a>: GO: drop &amp; go`
	if got.Fields["text"] != want {
		t.Errorf("ping text\n got %q\nwant %q", got.Fields["text"], want)
	}
	if n := len(f.All(func(c tgfake.Call) bool { return c.Method == "editMessageText" })); n != 0 {
		t.Errorf("a ping edited a message")
	}
}

func TestSendEditsTheSessionMessage(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	step := bot.Reply{ChatID: "501", Session: "s1", Text: "Now: set 1", Buttons: [][]bot.Button{{{Label: "Done", Data: "done"}}}}
	if err := a.Send(ctx, step); err != nil {
		t.Fatal(err)
	}
	first := f.Wait(t, 1, tgfake.Method("sendMessage"))[0]
	// The same again: "message is not modified" is a success.
	if err := a.Send(ctx, step); err != nil {
		t.Fatalf("unmodified edit: %v", err)
	}
	if c := f.Wait(t, 1, func(c tgfake.Call) bool { return c.Method == "editMessageText" })[0]; !c.Failed {
		t.Errorf("the fake took an identical edit")
	}
	// Another session in the same chat gets its own message.
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Session: "s2", Text: "Other", Buttons: step.Buttons}); err != nil {
		t.Fatal(err)
	}
	step.Text = "Now: set 2"
	if err := a.Send(ctx, step); err != nil {
		t.Fatal(err)
	}
	edit := f.Wait(t, 1, tgfake.Method("editMessageText"))[0]
	if edit.MsgID != first.MsgID || !strings.Contains(edit.Fields["text"], "set 2") {
		t.Errorf("edited message %d (%q), want %d", edit.MsgID, edit.Fields["text"], first.MsgID)
	}
	// When the message is gone, a new one is sent.
	f.DeleteMessage(ana.ID, first.MsgID)
	step.Text = "Now: set 3"
	if err := a.Send(ctx, step); err != nil {
		t.Fatal(err)
	}
	f.Wait(t, 1, tgfake.SentTo(privateChat(ana).ID, "set 3"))
	if n := len(f.All(tgfake.Method("sendMessage"))); n != 3 {
		t.Errorf("%d messages sent, want 3:\n%s", n, f.Dump())
	}
}

func TestSendErrors(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	cases := []struct {
		name      string
		answer    string
		retry     time.Duration
		permanent bool
	}{
		{"429", `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}`, 3 * time.Second, false},
		{"blocked", `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`, 0, true},
		{"chat not found", `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`, 0, true},
		{"server error", `{"ok":false,"error_code":502,"description":"Bad Gateway"}`, 0, false},
	}
	for _, tc := range cases {
		f.FailNext("sendMessage", tc.answer)
		err := a.Send(ctx, bot.Reply{ChatID: "501", Text: "hi"})
		if err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		var ra bot.RetryAfterError
		if got := errors.As(err, &ra); got != (tc.retry > 0) || got && ra.RetryAfter() != tc.retry {
			t.Errorf("%s: RetryAfterError %v (%v)", tc.name, got, err)
		}
		if got := errors.Is(err, bot.ErrPermanent); got != tc.permanent {
			t.Errorf("%s: permanent = %v (%v)", tc.name, got, err)
		}
	}
	if err := a.Send(ctx, bot.Reply{ChatID: "console", Text: "hi"}); !errors.Is(err, bot.ErrPermanent) {
		t.Errorf("a chat id that is not Telegram's: %v", err)
	}
}

func TestSendResumesAPartlyDeliveredReply(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	r := bot.Reply{ChatID: "501", Text: strings.Repeat("x", 3000) + "\n" + strings.Repeat("y", 3000)}
	f.FailNext("sendMessage", "", tooManyRequests) // the first goes through
	var ra bot.RetryAfterError
	if err := a.Send(ctx, r); !errors.As(err, &ra) {
		t.Fatalf("want a 429, got %v", err)
	}
	if err := a.Send(ctx, r); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, c := range f.All(tgfake.Method("sendMessage")) {
		texts = append(texts, c.Fields["text"][:1])
	}
	if strings.Join(texts, "") != "xy" {
		t.Errorf("delivered %v, want x then y once each", texts)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	t.Parallel()
	a, f, logs := newSender(t)
	ctx := context.Background()
	f.SetBroken(func(method string, w http.ResponseWriter) bool {
		switch method {
		case "sendMessage": // a proxy's error page that echoes the URL
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "<html>502 Bad Gateway: /bot"+fakeToken+"/sendMessage</html>")
			return true
		case "sendPhoto": // the connection drops
			tgfake.CloseConn(w)
			return true
		}
		return false
	})
	for _, r := range []bot.Reply{{ChatID: "501", Text: "hi"}, {ChatID: "501", Image: &bot.File{Data: []byte("png")}}} {
		err := a.Send(ctx, r)
		if err == nil {
			t.Fatal("no error from a broken server")
		}
		if strings.Contains(err.Error(), fakeToken) || errors.Is(err, bot.ErrPermanent) {
			t.Errorf("error %q: shows the token or is permanent", err)
		}
	}
	// A download whose connection drops: only logged, never with the
	// token (net/http's error holds the whole URL).
	f.Document(privateChat(ana), ana, "import", "a.csv", "text/csv", []byte("x"), 1)
	f.SetBroken(func(method string, w http.ResponseWriter) bool {
		if method == "file" {
			tgfake.CloseConn(w)
			return true
		}
		return false
	})
	msg := &bot.Message{ChatID: "501"}
	if _, err := a.download(ctx, &models.Document{FileID: "doc1"}); err == nil || strings.Contains(err.Error(), fakeToken) || !strings.Contains(err.Error(), "<token>") {
		t.Errorf("download error %v: want one with the token redacted", err)
	}
	a.attach(ctx, msg, &models.Document{FileID: "doc1", FileName: "a.csv"})
	if msg.File != nil || !strings.Contains(logs.String(), "import: document not downloaded") {
		t.Errorf("failed download: file %v, logs %s", msg.File, logs.String())
	}

	// A refused token ends Run with an error that does not show it.
	const bad = "999:WRONG-token_xyz"
	b, err := New(Config{Token: bad, APIURL: f.URL()}, newRecorder(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := b.Run(ctx); err == nil || strings.Contains(err.Error(), bad) {
		t.Errorf("Run with a refused token: %v", err)
	}
}
