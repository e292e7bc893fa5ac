package discord

import (
	"fmt"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

func TestRenderPingsMentionOnlyTheLifters(t *testing.T) {
	out := render(bot.Reply{ChatID: "1", Text: "ana: GO\nbo: GO", Pings: []bot.Ping{
		{To: bot.User{ID: "11", Name: "ana"}, Text: "GO: mini-set 1, 100 kg"},
		{To: bot.User{ID: "12", Name: "bo_b"}, Text: "GO: *drop* 2"},
		{To: bot.User{ID: "11", Name: "ana"}, Text: "again"},
		{To: bot.User{ID: "console-user", Name: "c_y"}, Text: "GO"},
	}})
	want := "<@11> GO: mini-set 1, 100 kg\n<@12> GO: \\*drop\\* 2\n<@11> again\nc\\_y: GO"
	if len(out.chunks) != 1 || out.chunks[0] != want {
		t.Errorf("content %q, want %q", out.chunks, want)
	}
	if fmt.Sprint(out.mentions.Users) != "[11 12]" || out.mentions.Parse == nil || len(out.mentions.Parse) != 0 {
		t.Errorf("allowed mentions %+v", out.mentions)
	}
}

func TestRenderButtons(t *testing.T) {
	rows := [][]bot.Button{
		{{Label: "Done", Data: "done"}, {Label: "Skip", Data: "skip"}, {Label: "Stop", Data: "stop"}},
		{{Label: "1", Data: "done 1"}, {Label: "2", Data: "done 2"}, {Label: "3", Data: "done 3"}, {Label: "4", Data: "done 4"},
			{Label: "5", Data: "done 5"}, {Label: "6", Data: "done 6"}, {Label: "again", Data: "done 6"}},
	}
	comps := buttons("s1", "11", rows)
	if len(comps) != 3 {
		t.Fatalf("%d rows, want 3 (a row of 6 wraps; a repeated button is dropped)", len(comps))
	}
	first := comps[0].(discordgo.ActionsRow).Components
	if b := first[0].(discordgo.Button); b.CustomID != "sp2:11:s1:done" || b.Style != discordgo.PrimaryButton {
		t.Errorf("first button %+v", b)
	}
	if b := first[2].(discordgo.Button); b.Style != discordgo.DangerButton {
		t.Errorf("stop button %+v", b)
	}
	if n := len(comps[1].(discordgo.ActionsRow).Components); n != 5 {
		t.Errorf("second row has %d buttons", n)
	}
	if n := len(comps[2].(discordgo.ActionsRow).Components); n != 1 {
		t.Errorf("third row has %d buttons", n)
	}
}

func TestAttachmentName(t *testing.T) {
	for in, want := range map[string]string{"chart.png": "chart.png", "../a b.png": "a_b.png", "": "x.png", "..": "x.png", "é.csv": "__.csv"} {
		if got := attachmentName(in, "x.png"); got != want {
			t.Errorf("attachmentName(%q) = %q, want %q", in, got, want)
		}
	}
}
