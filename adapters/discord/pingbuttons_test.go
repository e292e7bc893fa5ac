package discord

import (
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// The rest's end shows as a relative timestamp, which every client counts
// down on its own, in place of the clock time the hub wrote.
func TestRenderRestEndAsRelativeTimestamp(t *testing.T) {
	end := time.Unix(1_700_000_000, 0)
	out := render(bot.Reply{ChatID: "1", To: bot.User{ID: "11", Name: "ana"},
		Text:  "Set: 8 reps at 100 kg.\nRest 15 s; I'll ping you. Next: mini-set 1, *100* kg.\nGO at 22:13:20.",
		Until: &bot.Until{At: end, Text: "at 22:13:20"}})
	want := "Set: 8 reps at 100 kg.\nRest 15 s; I'll ping you. Next: mini-set 1, \\*100\\* kg.\nGO <t:1700000000:R>."
	if len(out.chunks) != 1 || out.chunks[0] != want {
		t.Errorf("content %q, want %q", out.chunks, want)
	}
}

// A ping for one lifter carries its step's buttons, acting for that
// lifter; pings of several lifters in one message carry none.
func TestRenderPingButtons(t *testing.T) {
	step := [][]bot.Button{{{Label: "Skip", Data: "skip"}, {Label: "Stop", Data: "stop"}}, {{Label: "3", Data: "done 3"}}}
	ana := bot.User{ID: "11", Name: "ana"}
	out := render(bot.Reply{ChatID: "1", To: ana, Text: "ana: GO", Pings: []bot.Ping{{To: ana, Text: "GO: mini-set 1", Buttons: step}}})
	var ids []string
	for _, c := range out.components {
		for _, b := range c.(discordgo.ActionsRow).Components {
			ids = append(ids, b.(discordgo.Button).CustomID)
		}
	}
	if len(ids) != 3 || ids[0] != "sp2:11::skip" || ids[2] != "sp2:11::done 3" {
		t.Errorf("one lifter's ping: buttons %q", ids)
	}
	out = render(bot.Reply{ChatID: "1", Text: "ana: GO\nbo: GO", Pings: []bot.Ping{
		{To: ana, Text: "GO: mini-set 1", Buttons: step},
		{To: bot.User{ID: "12", Name: "bo"}, Text: "GO: drop 2", Buttons: step},
	}})
	if len(out.components) != 0 {
		t.Errorf("merged pings carry buttons: %+v", out.components)
	}
}
