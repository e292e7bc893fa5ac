package telegram

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
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
	return newSenderWith(t, Config{})
}

// newSenderWith is newSender with cfg (its token and server filled in).
func newSenderWith(t *testing.T, cfg Config) (*Adapter, *tgfake.Server, *logBuffer) {
	t.Helper()
	f := tgfake.New(t)
	logs := &logBuffer{}
	cfg.Token, cfg.APIURL = fakeToken, f.URL()
	a, err := New(cfg, newRecorder(), (&rig{logs: logs}).logger())
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

// A reply about a running session is a new message however often it
// comes (a typed command's answer notifies, below the lifter's own);
// only a reply the hub marks as the answer to a press on a message
// (Reply.Edit) edits that message, and one that can no longer be edited
// is sent anew.
func TestSendEditsOnlyTheMessageTheHubNames(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	step := bot.Reply{ChatID: "501", Session: "s1", Text: "Now: set 1", Buttons: [][]bot.Button{{{Label: "Done", Data: "done"}}}}
	for range 2 {
		if err := a.Send(ctx, step); err != nil {
			t.Fatal(err)
		}
	}
	first := f.Wait(t, 2, tgfake.Method("sendMessage"))[0]
	if n := f.Count(func(c tgfake.Call) bool { return c.Method == "editMessageText" }); n != 0 {
		t.Errorf("a session reply without Edit edited a message:\n%s", f.Dump())
	}
	// The answer to a press on the first message edits it.
	press := step
	press.Text, press.Edit, press.ReplyTo = "Now: set 2", strconv.Itoa(first.MsgID), strconv.Itoa(first.MsgID)
	if err := a.Send(ctx, press); err != nil {
		t.Fatal(err)
	}
	edit := f.Wait(t, 1, tgfake.Method("editMessageText"))[0]
	if edit.MessageID() != first.MsgID || !strings.Contains(edit.Fields["text"], "set 2") || edit.Fields["reply_parameters"] != "" {
		t.Errorf("edit of %d (%q, reply %q), want message %d", edit.MessageID(), edit.Fields["text"], edit.Fields["reply_parameters"], first.MsgID)
	}
	// The same again: "message is not modified" is a success.
	if err := a.Send(ctx, press); err != nil {
		t.Fatalf("unmodified edit: %v", err)
	}
	if c := f.Wait(t, 2, func(c tgfake.Call) bool { return c.Method == "editMessageText" })[1]; !c.Failed {
		t.Errorf("the fake took an identical edit")
	}
	// When the message is gone, a new one is sent, replying where it can.
	f.DeleteMessage(ana.ID, first.MsgID)
	press.Text = "Now: set 3"
	if err := a.Send(ctx, press); err != nil {
		t.Fatal(err)
	}
	again := f.Wait(t, 1, tgfake.NewMessage(privateChat(ana).ID, "set 3"))[0]
	if again.ReplyTo() != first.MsgID || !again.AllowsWithoutReply() {
		t.Errorf("the new message's reply_parameters: %q", again.Fields["reply_parameters"])
	}
	// A ping is never an edit, Edit or not.
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Edit: strconv.Itoa(again.MsgID), Pings: []bot.Ping{{To: bot.User{ID: "501", Name: "Ana"}, Text: "GO"}}}); err != nil {
		t.Fatal(err)
	}
	f.Wait(t, 1, tgfake.Ping(ana.ID, ana.ID, "GO"))
	if n := f.Count(tgfake.Method("sendMessage")); n != 4 {
		t.Errorf("%d messages sent, want 4:\n%s", n, f.Dump())
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
		forbidden bool // the chat itself refuses: no line about the loss there
	}{
		{"429", `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}`, 3 * time.Second, false, false},
		{"blocked", `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`, 0, true, true},
		{"chat not found", `{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}`, 0, true, true},
		{"refused as it is", `{"ok":false,"error_code":400,"description":"Bad Request: can't parse entities"}`, 0, true, false},
		{"too large", `{"ok":false,"error_code":413,"description":"Request Entity Too Large"}`, 0, true, false},
		{"server error", `{"ok":false,"error_code":502,"description":"Bad Gateway"}`, 0, false, false},
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
		var fb bot.Forbidden
		if got := errors.As(err, &fb) && fb.Forbidden(); got != tc.forbidden {
			t.Errorf("%s: forbidden = %v (%v)", tc.name, got, err)
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
