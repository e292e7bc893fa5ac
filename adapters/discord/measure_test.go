package discord

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/dcfake"
)

// Messages says how many channel messages Send makes of a reply: the
// content pieces render cuts it into.
func TestMessagesCountsRenderedPieces(t *testing.T) {
	var pings []bot.Ping
	for i := range 60 {
		pings = append(pings, bot.Ping{To: bot.User{ID: fmt.Sprint(100000000000000000 + i), Name: "lifter"}, Text: "GO: mini-set 2, 100 kg, as many as you can"})
	}
	a := &Adapter{}
	for _, tc := range []struct {
		r    bot.Reply
		want int
	}{
		{bot.Reply{Text: "hi"}, 1},
		{bot.Reply{}, 1},
		{bot.Reply{Text: strings.Repeat("x", 1999)}, 1},
		{bot.Reply{Text: strings.Repeat("*", 1500)}, 2}, // escaped, it is 3000
		{bot.Reply{Text: strings.Repeat("line of text\n", 400)}, 3},
		{bot.Reply{Pings: pings[:3]}, 1},
		{bot.Reply{Pings: pings}, 2},
	} {
		if got := a.Messages(tc.r); got != tc.want || got != max(1, len(render(tc.r).chunks)) {
			t.Errorf("%.20q: %d messages; want %d", tc.r.Text, got, tc.want)
		}
	}
}

// A long answer in a channel comes a page at a time, each one message,
// with buttons that are the asker's: another lifter's press is refused as
// on any other button, the asker's brings the next page.
func TestPagesAreTheAskers(t *testing.T) {
	f, err := dcfake.Start(dcfake.Config{Token: testToken, AppID: testApp, BotID: testBot, Guilds: []string{testGuild}, Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	r, _ := startOn(t, f, filepath.Join(t.TempDir(), "spotter.db"), 1)
	const ch = "400000000000000098"
	ana := lifter{ID: "500000000000000001", GlobalName: "Ana"}
	bo := lifter{ID: "500000000000000002", GlobalName: "Bo"}
	r.say(t, "700000000000000201", ch, ana, "<@"+testBot+"> help exercises all")
	first := r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("(page 1 of ")))
	next := first.CustomID(nextLabel)
	if next != "sp2:"+ana.ID+"::help exercises all page 2" {
		t.Fatalf("page 1's Next: %q (%v)", next, first.Buttons())
	}
	if n := f.Count(dcfake.All(dcfake.ChannelMessage(ch), dcfake.Succeeded)); n != 1 {
		t.Errorf("help exercises made %d channel messages; want one page", n)
	}
	r.press(t, "600000000000000201", "itok-bo2", ch, first.RespID, next, bo)
	if cb := r.waitOK(t, 1, dcfake.Callback("600000000000000201")); cb.Content() != notYours {
		t.Errorf("Bo's press on Ana's page answered %q", cb.Content())
	}
	r.press(t, "600000000000000202", "itok-ana2", ch, first.RespID, next, ana)
	page2 := r.waitOK(t, 1, dcfake.Any(dcfake.Original("itok-ana2"), dcfake.FollowUp("itok-ana2")))
	if c := page2.Content(); !strings.Contains(c, "(page 2 of ") {
		t.Errorf("Ana's press answered %q", c)
	}
	if back := page2.CustomID(backLabel); back != "sp2:"+ana.ID+"::help exercises all page 1" {
		t.Errorf("page 2's Back: %q (%v)", back, page2.Buttons())
	}
}

// The page buttons' labels, as the hub writes them.
const (
	nextLabel = "Next ›"
	backLabel = "‹ Back"
)
