package telegram

import (
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/internal/tgfake"
)

// A class round in a group, through the real go-telegram/bot client:
// /class@Bot opens it with Join and Go for anyone, the Join button asks
// for the load in the group's command form, /join@Bot joins, the
// leader's Go starts it, a rep button and /done@Bot report, and the GO is
// one message mentioning both lifters with their own loads, under rep
// buttons either may press.
func TestClassRoundInAGroup(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	at := "@" + fakeBotName
	f.Text(gym, ana, "/class"+at+" rp squat")
	class := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Ana opened a class: rest-pause: back squat"))[0]
	join, goData := button(t, class, "~~join"), button(t, class, "~~go")

	_, q := f.Press(gym, bo, class.MsgID, join)
	f.Wait(t, 1, tgfake.Answered(q))
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Your load? Say /join"+at+" 100kg"))
	f.Text(gym, bo, "/join"+at+" 80kg")
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Bo joins: 80, 80, 80 kg"))
	f.Text(gym, ana, "/join"+at+" 100kg")
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Ana joins: 100, 100, 100 kg"))

	_, q = f.Press(gym, bo, class.MsgID, goData)
	f.Wait(t, 1, tgfake.Answered(q))
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Only Ana starts the class"))
	f.Press(gym, ana, class.MsgID, goData)
	started := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Class started"))[0]
	for _, want := range []string{"Ana: set, 100 kg, to failure", "Bo: set, 80 kg, to failure"} {
		if !strings.Contains(started.Fields["text"], want) {
			t.Errorf("the start lacks %q:\n%s", want, started.Fields["text"])
		}
	}
	f.Press(gym, ana, started.MsgID, button(t, started, "~~done 8"))
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Ana, set: 8 reps at 100 kg. Waiting for Bo."))
	f.Text(gym, bo, "/done"+at+" 10")
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Rest 1 s"))

	ping := f.Wait(t, 1, tgfake.SentTo(gym.ID, "GO: mini-set 1"))[0]
	for _, want := range []string{`<a href="tg://user?id=501">Ana</a>: GO: mini-set 1, 100 kg`, `<a href="tg://user?id=502">Bo</a>: GO: mini-set 1, 80 kg`} {
		if !strings.Contains(ping.Fields["text"], want) {
			t.Errorf("the GO lacks %q:\n%s", want, ping.Fields["text"])
		}
	}
	f.Press(gym, bo, ping.MsgID, button(t, ping, "~~done 4"))
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Bo, mini-set 1: 4 reps at 80 kg. Waiting for Ana."))
	f.Text(gym, ana, "/stop"+at)
	end := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Class over"))[0]
	for _, want := range []string{"Ana: 100 kg × 8; 8 reps, volume 800 kg", "Bo: 80 kg × 10, 4; 14 reps, volume 1120 kg"} {
		if !strings.Contains(end.Fields["text"], want) {
			t.Errorf("the end lacks %q:\n%s", want, end.Fields["text"])
		}
	}
}
