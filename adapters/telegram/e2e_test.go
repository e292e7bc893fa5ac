package telegram

import (
	"context"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

var tooManyRequests = tgfake.TooManyRequests(1)

func TestStartupSetsMenusForPrivateChatsAndGroups(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	calls := r.fake.Wait(t, 2, tgfake.Method("setMyCommands"))
	var scopes []string
	for _, c := range calls {
		var scope struct{ Type string }
		json.Unmarshal([]byte(c.Fields["scope"]), &scope)
		scopes = append(scopes, scope.Type)
		var cmds []models.BotCommand
		json.Unmarshal([]byte(c.Fields["commands"]), &cmds)
		if len(cmds) == 0 || cmds[0].Command != "drop" {
			t.Errorf("commands = %+v", cmds)
		}
	}
	if strings.Join(scopes, ",") != "all_private_chats,all_group_chats" {
		t.Errorf("scopes = %v", scopes)
	}
	r.fake.Wait(t, 1, tgfake.Method("deleteWebhook")) // before polling, which a webhook would block
	if len(r.fake.All(tgfake.Method("getMe"))) != 1 {
		t.Errorf("startup calls:\n%s", r.fake.Dump())
	}
}

func TestPrivateDropAnsweredWithLadderInHTML(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(ana)
	r.fake.Text(chat, ana, "drop 80kg bench")
	r.fake.Text(chat, ana, "rp 100kg squat")
	r.fake.Text(chat, ana, "/help@SpotterTestBot drop")
	got := r.fake.Wait(t, 3, tgfake.Method("sendMessage"))
	c := got[0]
	if c.Fields["chat_id"] != "501" || c.Fields["parse_mode"] != "HTML" {
		t.Errorf("chat_id, parse_mode = %q, %q", c.Fields["chat_id"], c.Fields["parse_mode"])
	}
	for _, want := range []string{"Drop set: bench press", "80 kg", "67.5 kg"} {
		if !strings.Contains(c.Fields["text"], want) {
			t.Errorf("reply lacks %q:\n%s", want, c.Fields["text"])
		}
	}
	if b := c.Buttons(); len(b) != 1 || !isButton(b[0][0].CallbackData, "~501~start") {
		t.Errorf("buttons = %+v", b)
	}
	// In order, per chat.
	if !strings.Contains(got[1].Fields["text"], "Rest-pause") || !strings.Contains(strings.ToLower(got[2].Fields["text"]), "drop set") {
		t.Errorf("replies out of order:\n%s", r.fake.Dump())
	}
}

func TestGroupRestPauseWithButtonsAndPing(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	f.Text(gym, ana, "/rp@"+fakeBotName+" 100kg squat")
	plan := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Rest-pause: back squat"))[0]
	_, startQ := f.Press(gym, ana, plan.MsgID, button(t, plan, "~501~start"))
	started := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Started rest-pause"))[0]
	if started.Method != "sendMessage" {
		t.Errorf("the first session message was %s, want a new message", started.Method)
	}
	done8 := button(t, started, "~501~done 8")

	// Bo may not press Ana's buttons: answered, and nothing else. (The
	// buttons say whose they are; the adapter remembers nothing.)
	_, boQ := f.Press(gym, bo, started.MsgID, button(t, started, "~501~done 7"))
	boAnswer := f.Wait(t, 1, tgfake.Answered(boQ))[0]
	if !strings.Contains(boAnswer.Fields["text"], "another lifter") {
		t.Errorf("answer to Bo = %q", boAnswer.Fields["text"])
	}

	// Ana's press is answered on the message she pressed (Reply.Edit).
	pressed := time.Now()
	_, doneQ := f.Press(gym, ana, started.MsgID, done8)
	edit := f.Wait(t, 1, func(c tgfake.Call) bool { return c.Method == "editMessageText" && !c.Failed })[0]
	if edit.Fields["message_id"] != strconv.Itoa(started.MsgID) || !strings.Contains(edit.Fields["text"], "Rest 1 s") {
		t.Errorf("edit = %v", edit.Fields)
	}
	ping := f.Wait(t, 1, tgfake.SentTo(gym.ID, `<a href="tg://user?id=501">Ana</a>: GO: mini-set 1`))[0]
	if ping.Method != "sendMessage" {
		t.Errorf("the GO ping was %s, want a new message", ping.Method)
	}
	if ping.At.Sub(pressed) < time.Second || ping.At.Before(edit.At) {
		t.Errorf("ping %v after the press, edit at %v: want after the 1 s rest", ping.At.Sub(pressed), edit.At.Sub(pressed))
	}
	for _, q := range []string{startQ, doneQ} {
		f.Wait(t, 1, tgfake.Answered(q))
	}
	if n := len(f.All(tgfake.SentTo(gym.ID, "No session"))); n != 0 {
		t.Errorf("Bo's press reached the hub:\n%s", f.Dump())
	}
}

// button is the callback_data of the call's button whose data is want,
// or starts with want and a space (the hub may bind a button to its
// session: "~501~done 8 ^..."), failing the test if there is none.
func button(t *testing.T, c tgfake.Call, want string) string {
	t.Helper()
	for _, d := range c.Data() {
		if isButton(d, want) {
			return d
		}
	}
	t.Fatalf("no button %q among %q", want, c.Data())
	return ""
}

// isButton reports whether callback data d is the button want (see button).
func isButton(d, want string) bool { return d == want || strings.HasPrefix(d, want+" ") }

func TestGroupIgnoresWhatIsNotForTheBot(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	f.Text(gym, bo, "/drop@OtherBot 80kg bench")
	f.Text(gym, bo, "drop 70kg bench") // plain chatter: not addressed
	f.Text(gym, bo, "/help@spottertestbot drop")
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Drop"))
	botMsg := &models.Message{ID: 7, Date: 1, Chat: gym, From: &models.User{ID: fakeBotID, IsBot: true, Username: fakeBotName}, Text: "Say start"}
	f.Reply(gym, bo, botMsg, "drop 60kg bench")
	f.Text(gym, bo, "@SpotterTestBot drop 50kg bench")
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "60 kg"))
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "50 kg"))
	if n := len(f.All(tgfake.SentTo(gym.ID, "80 kg"))) + len(f.All(tgfake.SentTo(gym.ID, "70 kg"))); n != 0 {
		t.Errorf("answered a message not for the bot:\n%s", f.Dump())
	}
}

func TestRateLimitedSendRetriedAfterRetryAfter(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	r.fake.FailNext("sendMessage", tooManyRequests)
	r.fake.Text(privateChat(bo), bo, "drop 80kg bench")
	ok := r.fake.Wait(t, 1, tgfake.SentTo(privateChat(bo).ID, "Drop set"))[0]
	failed := r.fake.All(tgfake.Failed("sendMessage"))
	if len(failed) != 1 {
		t.Fatalf("want one refused send:\n%s", r.fake.Dump())
	}
	if d := ok.At.Sub(failed[0].At); d < time.Second {
		t.Errorf("retried %v after the 429, want at least retry_after (1 s)", d)
	}
}

func TestRedeliveredUpdateProcessedOnce(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(ana)
	id := r.fake.Text(chat, ana, "drop 80kg bench")
	r.fake.Wait(t, 1, tgfake.SentTo(chat.ID, "80 kg"))
	r.fake.Redeliver(id)
	r.fake.Text(chat, ana, "drop 90kg bench")
	r.fake.Wait(t, 1, tgfake.SentTo(chat.ID, "90 kg"))
	if n := len(r.fake.All(tgfake.SentTo(chat.ID, "Top set: 80 kg"))); n != 1 {
		t.Errorf("update %d answered %d times:\n%s", id, n, r.fake.Dump())
	}
}

func TestUserTextEscaped(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(ana)
	r.fake.Text(chat, ana, "drop 80kg <b>bench&")
	c := r.fake.Wait(t, 1, tgfake.SentTo(chat.ID, "exercise"))[0]
	if !strings.Contains(c.Fields["text"], "&lt;b&gt;bench&amp;") || strings.Contains(c.Fields["text"], "<b>") {
		t.Errorf("text not escaped: %s", c.Fields["text"])
	}
}

func TestLongReplySplitOnLines(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(bo)
	// The hub pages long help; a long reply that reaches the adapter whole
	// (an answer of the hub's that is not paged) is split on lines.
	want := r.coach.Help("exercises all")
	if len(want) < 4096 {
		t.Fatalf("help exercises all is %d bytes: too short to test splitting", len(want))
	}
	if err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: strconv.FormatInt(chat.ID, 10), Text: want}); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for len(strings.Join(parts, "\n")) < len(want) {
		got := r.fake.Wait(t, len(parts)+1, tgfake.Method("sendMessage"))
		parts = parts[:0]
		for _, c := range got {
			if n := utf16Len(c.Fields["text"]); n >= 4096 {
				t.Fatalf("a message of %d characters", n)
			}
			parts = append(parts, html.UnescapeString(c.Fields["text"]))
		}
	}
	if len(parts) < 2 || strings.Join(parts, "\n") != want {
		t.Errorf("%d parts do not make up the help text", len(parts))
	}
}
