package discord

import (
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/internal/dcfake"
)

// A class round in a channel, through the real discordgo client: /class
// opens it with Join and Go for anyone, the Join button asks for the
// load, /join joins, the leader's Go starts it, a rep button and /done
// report, and the GO is one message mentioning both lifters with their
// own loads, under rep buttons either may press.
func TestClassRoundEndToEnd(t *testing.T) {
	r := startRig(t)
	ana := lifter{ID: "510000000000000001", GlobalName: "Ana"}
	bo := lifter{ID: "510000000000000002", GlobalName: "Bo"}
	ch := "410000000000000001"

	r.slash(t, "610000000000000001", "ctok-class", ch, ana, "class", dcfake.Str("technique", "quickrp"), dcfake.Str("exercise", "squat"))
	class := r.waitOK(t, 1, dcfake.Original("ctok-class"))
	if c := class.Content(); !strings.Contains(c, "Ana opened a class: rest-pause \"quickrp\": back squat") || !strings.Contains(c, "/join 100kg") {
		t.Fatalf("the class:\n%s", c)
	}
	join, goID := class.CustomID("Join"), class.CustomID("Go")
	if !strings.HasPrefix(join, "sp2::") || !strings.HasPrefix(goID, "sp2::") {
		t.Fatalf("Join %q and Go %q must act for anyone", join, goID)
	}

	r.press(t, "610000000000000002", "ctok-join", ch, class.RespID, join, bo)
	if c := r.waitOK(t, 1, pressAnswer("ctok-join")).Content(); !strings.Contains(c, "Your load? Say /join 100kg") {
		t.Errorf("Join pressed:\n%s", c)
	}
	r.slash(t, "610000000000000003", "ctok-bojoin", ch, bo, "join", dcfake.Str("load", "80kg"))
	if c := r.waitOK(t, 1, dcfake.Original("ctok-bojoin")).Content(); !strings.Contains(c, "Bo joins: 80, 80, 80 kg") {
		t.Errorf("/join 80kg:\n%s", c)
	}
	r.slash(t, "610000000000000004", "ctok-anajoin", ch, ana, "join", dcfake.Str("load", "100kg"))
	r.waitOK(t, 1, dcfake.Original("ctok-anajoin"))

	// Bo's Go is refused; Ana's starts the class.
	r.press(t, "610000000000000005", "ctok-bogo", ch, class.RespID, goID, bo)
	if c := r.waitOK(t, 1, pressAnswer("ctok-bogo")).Content(); !strings.Contains(c, "Only Ana starts the class") {
		t.Errorf("Bo's Go:\n%s", c)
	}
	r.press(t, "610000000000000006", "ctok-go", ch, class.RespID, goID, ana)
	started := r.waitOK(t, 1, pressAnswer("ctok-go"))
	if c := started.Content(); !strings.Contains(c, "Class started") || !strings.Contains(c, "Bo: set, 80 kg, to failure") || !strings.Contains(c, "Ana: set, 100 kg, to failure") {
		t.Fatalf("Go:\n%s", c)
	}
	eight := started.CustomID("8")
	if !strings.HasPrefix(eight, "sp2::") {
		t.Fatalf("rep button %q must act for anyone", eight)
	}
	r.press(t, "610000000000000007", "ctok-ana8", ch, started.RespID, eight, ana)
	if c := r.waitOK(t, 1, pressAnswer("ctok-ana8")).Content(); !strings.Contains(c, "Ana, set: 8 reps at 100 kg. Waiting for Bo.") {
		t.Errorf("Ana's 8:\n%s", c)
	}
	r.slash(t, "610000000000000008", "ctok-bo10", ch, bo, "done", dcfake.Int("reps", 10))
	if c := r.waitOK(t, 1, dcfake.Original("ctok-bo10")).Content(); !strings.Contains(c, "Rest 1 s") {
		t.Errorf("Bo's /done 10:\n%s", c)
	}

	ping := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
	c := ping.Content()
	if !strings.Contains(c, "<@"+ana.ID+"> GO: mini-set 1, 100 kg") || !strings.Contains(c, "<@"+bo.ID+"> GO: mini-set 1, 80 kg") {
		t.Fatalf("the GO:\n%s", c)
	}
	checkMentions(t, ping, ana.ID, bo.ID)
	four := ping.CustomID("4")
	if !strings.HasPrefix(four, "sp2::") || !strings.Contains(four, ":done 4 ^r:") {
		t.Fatalf("the GO's rep button %q", four)
	}
	r.press(t, "610000000000000009", "ctok-bo4", ch, ping.RespID, four, bo)
	if c := r.waitOK(t, 1, pressAnswer("ctok-bo4")).Content(); !strings.Contains(c, "Bo, mini-set 1: 4 reps at 80 kg. Waiting for Ana.") {
		t.Errorf("Bo's 4 on the GO:\n%s", c)
	}
	r.slash(t, "610000000000000010", "ctok-end", ch, ana, "stop")
	end := r.waitOK(t, 1, dcfake.Original("ctok-end")).Content()
	for _, want := range []string{"Class over", "Ana: 100 kg × 8; 8 reps, volume 800 kg", "Bo: 80 kg × 10, 4; 14 reps, volume 1120 kg"} {
		if !strings.Contains(end, want) {
			t.Errorf("the end lacks %q:\n%s", want, end)
		}
	}
}
