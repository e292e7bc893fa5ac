package telegram

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

// The rest announcement says when the rest ends as a clock time, and the
// GO ping carries the step's buttons, Ana's alone.
func TestRestShowsItsEndAndThePingHasButtons(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	f.Text(gym, ana, "/rp@"+fakeBotName+" 100kg squat")
	plan := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Rest-pause: back squat"))[0]
	f.Press(gym, ana, plan.MsgID, button(t, plan, "~501~start"))
	started := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Started rest-pause"))[0]
	f.Press(gym, ana, started.MsgID, button(t, started, "~501~done 8"))
	rest := f.Wait(t, 1, func(c tgfake.Call) bool { return !c.Failed && strings.Contains(c.Fields["text"], "Rest 1 s") })[0]
	if !regexp.MustCompile(`Rest 1 s; I&#39;ll ping you\. Next: [^\n]+\.\nGO at \d\d:\d\d:\d\d\.`).MatchString(rest.Fields["text"]) {
		t.Errorf("rest announcement: %q", rest.Fields["text"])
	}
	ping := f.Wait(t, 1, tgfake.SentTo(gym.ID, `<a href="tg://user?id=501">Ana</a>: GO: mini-set 1`))[0]
	var data []string
	for _, row := range ping.Buttons() {
		for _, b := range row {
			data = append(data, b.CallbackData)
		}
	}
	got := strings.Join(data, ",")
	for _, want := range []string{"~501~skip", "~501~stop", "~501~done 3"} {
		if !strings.Contains(got, want) {
			t.Errorf("ping buttons %v lack %q", data, want)
		}
	}
}

// Pings of two lifters in one message have no keyboard: its buttons could
// act for one of them only.
func TestMergedPingsHaveNoKeyboard(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	step := [][]bot.Button{{{Label: "Skip", Data: "skip"}}}
	ana := bot.User{ID: "501", Name: "Ana"}
	err := a.Send(context.Background(), bot.Reply{ChatID: "-100", Group: true, To: ana,
		Pings: []bot.Ping{{To: ana, Text: "GO: set 2", Buttons: step}}, Text: "Ana: GO: set 2"})
	if err != nil {
		t.Fatal(err)
	}
	one := f.Wait(t, 1, tgfake.Method("sendMessage"))[0]
	if b := one.Buttons(); len(b) != 1 || b[0][0].CallbackData != "~501~skip" {
		t.Errorf("one lifter's ping: buttons %+v", b)
	}
	err = a.Send(context.Background(), bot.Reply{ChatID: "-100", Group: true, Pings: []bot.Ping{
		{To: ana, Text: "GO: set 2", Buttons: step},
		{To: bot.User{ID: "502", Name: "Bo"}, Text: "GO: set 3", Buttons: step},
	}, Text: "Ana: GO: set 2\nBo: GO: set 3"})
	if err != nil {
		t.Fatal(err)
	}
	two := f.Wait(t, 2, tgfake.Method("sendMessage"))[1]
	if b := two.Buttons(); len(b) != 0 {
		t.Errorf("merged pings: buttons %+v", b)
	}
}
