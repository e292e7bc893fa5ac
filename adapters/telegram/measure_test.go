package telegram

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

// Messages says how many messages Send makes of a reply, as render lays
// them out and as the fake receives them.
func TestMessagesCountsWhatSendSends(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	png := &bot.File{Name: "chart.png", MIME: "image/png", Data: []byte("\x89PNG")}
	csv := &bot.File{Name: "x.csv", MIME: "text/csv", Data: []byte("a,b")}
	var pings []bot.Ping
	for i := range 60 {
		pings = append(pings, bot.Ping{To: bot.User{ID: fmt.Sprint(1000 + i), Name: fmt.Sprint("lifter", i)}, Text: "GO: mini-set 2, 100 kg, as many as you can"})
	}
	for i, r := range []bot.Reply{
		{Text: "hi"},
		{Text: strings.Repeat("line of text & more\n", 500)},
		{Text: strings.Repeat("<", 3000)},
		{Pings: pings[:3]},
		{Pings: pings},
		{Text: "your chart", Image: png},
		{Text: strings.Repeat("long caption ", 200), Image: png},
		{Text: "export", File: csv, Buttons: [][]bot.Button{{{Label: "x", Data: "x"}}}},
		{Text: "both", Image: png, File: csv},
	} {
		r.ChatID = fmt.Sprint(600 + i)
		mark := f.Mark()
		if err := a.Send(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		sent := len(f.AllSince(mark, tgfake.Any))
		if got := a.Messages(r); got != sent || got != len(a.render(r)) {
			t.Errorf("reply %d: Messages %d, render %d, sent %d", i, got, len(a.render(r)), sent)
		}
	}
}

// A long answer in a group comes a page at a time, with buttons that are
// the asker's: another lifter's press is refused as on any other button,
// the asker's brings the next page, also after a restart (a page is the
// command run again).
func TestPagesAreTheAskersAndSurviveARestart(t *testing.T) {
	t.Parallel()
	f := tgfake.New(t)
	path := filepath.Join(t.TempDir(), "spotter.db")
	at := "@" + fakeBotName
	var first tgfake.Call
	t.Run("before the restart", func(t *testing.T) {
		startHubOn(t, f, path)
		f.Text(gym, ana, "/help"+at+" exercises all")
		first = f.Wait(t, 1, tgfake.SentTo(gym.ID, "(page 1 of "))[0]
		if d := first.Data(); len(d) != 1 || d[0] != "~501~help exercises all page 2" {
			t.Fatalf("page 1's buttons: %q", d)
		}
		if n := f.Count(tgfake.Method("sendMessage")); n != 1 {
			t.Errorf("help exercises made %d messages; want one page", n)
		}
	})
	t.Run("after the restart", func(t *testing.T) {
		startHubOn(t, f, path)
		next := first.Data()[0]
		_, boQ := f.Press(gym, bo, first.MsgID, next)
		if a := f.Wait(t, 1, tgfake.Answered(boQ))[0]; a.Fields["text"] != notYours {
			t.Errorf("Bo's press on Ana's page answered %q", a.Fields["text"])
		}
		_, anaQ := f.Press(gym, ana, first.MsgID, next)
		page2 := f.Wait(t, 1, tgfake.SentTo(gym.ID, "(page 2 of "))[0]
		f.Wait(t, 1, tgfake.Answered(anaQ))
		d := page2.Data()
		if len(d) != 2 || d[0] != "~501~help exercises all page 1" || d[1] != "~501~help exercises all page 3" {
			t.Errorf("page 2's buttons: %q", d)
		}
		if n := f.Count(tgfake.SentTo(gym.ID, "(page 2 of ")); n != 1 {
			t.Errorf("%d second pages:\n%s", n, f.Dump())
		}
	})
}
