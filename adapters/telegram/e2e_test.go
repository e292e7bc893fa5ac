package telegram

import (
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

const tooManyRequests = `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`

func TestStartupSetsMenusForPrivateChatsAndGroups(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	calls := r.fake.wait(t, 2, method("setMyCommands"))
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
	r.fake.wait(t, 1, method("deleteWebhook")) // before polling, which a webhook would block
	if len(r.fake.all(method("getMe"))) != 1 {
		t.Errorf("startup calls:\n%s", r.fake.dump())
	}
}

func TestPrivateDropAnsweredWithLadderInHTML(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(ana)
	r.fake.text(chat, ana, "drop 80kg bench")
	r.fake.text(chat, ana, "rp 100kg squat")
	r.fake.text(chat, ana, "/help@SpotterTestBot drop")
	got := r.fake.wait(t, 3, method("sendMessage"))
	c := got[0]
	if c.Fields["chat_id"] != "501" || c.Fields["parse_mode"] != "HTML" {
		t.Errorf("chat_id, parse_mode = %q, %q", c.Fields["chat_id"], c.Fields["parse_mode"])
	}
	for _, want := range []string{"Drop set: bench press", "80 kg", "67.5 kg"} {
		if !strings.Contains(c.Fields["text"], want) {
			t.Errorf("reply lacks %q:\n%s", want, c.Fields["text"])
		}
	}
	if b := c.buttons(); len(b) != 1 || b[0][0].CallbackData != "start" {
		t.Errorf("buttons = %+v", b)
	}
	// In order, per chat.
	if !strings.Contains(got[1].Fields["text"], "Rest-pause") || !strings.Contains(strings.ToLower(got[2].Fields["text"]), "drop set") {
		t.Errorf("replies out of order:\n%s", r.fake.dump())
	}
}

func TestGroupRestPauseWithButtonsAndPing(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	f.text(gym, ana, "/rp@"+fakeBotName+" 100kg squat")
	plan := f.wait(t, 1, sentTo(gym, "Rest-pause: back squat"))[0]
	if plan.buttons()[0][0].CallbackData != "start" {
		t.Fatalf("plan buttons = %+v", plan.buttons())
	}

	_, startQ := f.press(gym, ana, plan.MsgID, "start")
	started := f.wait(t, 1, sentTo(gym, "Started rest-pause"))[0]
	if started.Method != "sendMessage" {
		t.Errorf("the first session message was %s, want a new message", started.Method)
	}
	var reps []string
	for _, row := range started.buttons() {
		for _, b := range row {
			reps = append(reps, b.CallbackData)
		}
	}
	if !strings.Contains(strings.Join(reps, ","), "done 8") {
		t.Fatalf("session buttons = %v, want a rep row with done 8", reps)
	}

	// Bo may not press Ana's buttons: answered, and nothing else. (The
	// adapter learns whose buttons they are when sendMessage returns,
	// a moment after the fake saw the request.)
	r.waitOwner(t, "-100777", started.MsgID)
	_, boQ := f.press(gym, bo, started.MsgID, "done 5")
	boAnswer := f.wait(t, 1, func(c call) bool { return c.Method == "answerCallbackQuery" && c.Fields["callback_query_id"] == boQ })[0]
	if !strings.Contains(boAnswer.Fields["text"], "another lifter") {
		t.Errorf("answer to Bo = %q", boAnswer.Fields["text"])
	}

	pressed := time.Now()
	_, doneQ := f.press(gym, ana, started.MsgID, "done 8")
	edit := f.wait(t, 1, func(c call) bool { return c.Method == "editMessageText" && !c.Failed })[0]
	if edit.Fields["message_id"] != strconv.Itoa(started.MsgID) || !strings.Contains(edit.Fields["text"], "Rest 1 s") {
		t.Errorf("edit = %v", edit.Fields)
	}
	ping := f.wait(t, 1, sentTo(gym, `<a href="tg://user?id=501">Ana</a>: GO: mini-set 1`))[0]
	if ping.Method != "sendMessage" {
		t.Errorf("the GO ping was %s, want a new message", ping.Method)
	}
	if ping.At.Sub(pressed) < time.Second || ping.At.Before(edit.At) {
		t.Errorf("ping %v after the press, edit at %v: want after the 1 s rest", ping.At.Sub(pressed), edit.At.Sub(pressed))
	}
	for _, q := range []string{startQ, doneQ} {
		f.wait(t, 1, func(c call) bool { return c.Method == "answerCallbackQuery" && c.Fields["callback_query_id"] == q })
	}
	if n := len(f.all(sentTo(gym, "No session"))); n != 0 {
		t.Errorf("Bo's press reached the hub:\n%s", f.dump())
	}
}

func TestGroupIgnoresWhatIsNotForTheBot(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	f.text(gym, bo, "/drop@OtherBot 80kg bench")
	f.text(gym, bo, "drop 70kg bench") // plain chatter: not addressed
	f.text(gym, bo, "/help@spottertestbot drop")
	f.wait(t, 1, sentTo(gym, "Drop"))
	botMsg := &models.Message{ID: 7, Date: 1, Chat: gym, From: &models.User{ID: fakeBotID, IsBot: true, Username: fakeBotName}, Text: "Say start"}
	f.reply(gym, bo, botMsg, "drop 60kg bench")
	f.text(gym, bo, "@SpotterTestBot drop 50kg bench")
	f.wait(t, 1, sentTo(gym, "60 kg"))
	f.wait(t, 1, sentTo(gym, "50 kg"))
	if n := len(f.all(sentTo(gym, "80 kg"))) + len(f.all(sentTo(gym, "70 kg"))); n != 0 {
		t.Errorf("answered a message not for the bot:\n%s", f.dump())
	}
}

func TestRateLimitedSendRetriedAfterRetryAfter(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	r.fake.failNext("sendMessage", tooManyRequests)
	r.fake.text(privateChat(bo), bo, "drop 80kg bench")
	ok := r.fake.wait(t, 1, sentTo(privateChat(bo), "Drop set"))[0]
	failed := r.fake.all(func(c call) bool { return c.Method == "sendMessage" && c.Failed })
	if len(failed) != 1 {
		t.Fatalf("want one refused send:\n%s", r.fake.dump())
	}
	if d := ok.At.Sub(failed[0].At); d < time.Second {
		t.Errorf("retried %v after the 429, want at least retry_after (1 s)", d)
	}
}

func TestRedeliveredUpdateProcessedOnce(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(ana)
	id := r.fake.text(chat, ana, "drop 80kg bench")
	r.fake.wait(t, 1, sentTo(chat, "80 kg"))
	r.fake.redeliver(id)
	r.fake.text(chat, ana, "drop 90kg bench")
	r.fake.wait(t, 1, sentTo(chat, "90 kg"))
	if n := len(r.fake.all(sentTo(chat, "Top set: 80 kg"))); n != 1 {
		t.Errorf("update %d answered %d times:\n%s", id, n, r.fake.dump())
	}
}

func TestUserTextEscaped(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(ana)
	r.fake.text(chat, ana, "drop 80kg <b>bench&")
	c := r.fake.wait(t, 1, sentTo(chat, "exercise"))[0]
	if !strings.Contains(c.Fields["text"], "&lt;b&gt;bench&amp;") || strings.Contains(c.Fields["text"], "<b>") {
		t.Errorf("text not escaped: %s", c.Fields["text"])
	}
}

func TestLongReplySplitOnLines(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	chat := privateChat(bo)
	r.fake.text(chat, bo, "help exercises")
	want := r.coach.Help("exercises")
	if len(want) < 4096 {
		t.Fatalf("help exercises is %d bytes: too short to test splitting", len(want))
	}
	var parts []string
	for len(strings.Join(parts, "\n")) < len(want) {
		got := r.fake.wait(t, len(parts)+1, method("sendMessage"))
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
