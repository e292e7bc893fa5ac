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

// Native on Telegram: replies that answer the lifter's message, edits only
// where a button was pressed, forum topics kept, group admins recognised,
// reactions, and pictures Telegram will not take as photos.

var forum = tgfake.Forum(-100888, "Iron Forum")

// at is the bot's @username, as commands in groups need it.
const at = "@" + fakeBotName

// messageOf is the message_id of the lifter's message in update u.
func messageOf(t *testing.T, f *tgfake.Server, u int64) int {
	t.Helper()
	m := f.Message(u)
	if m == nil {
		t.Fatalf("no message in update %d", u)
	}
	return m.ID
}

// A typed command in a running session is answered by a new message that
// replies to the lifter's own, never by an edit; a press on the step's
// buttons edits the message it was pressed on.
func TestTypedDoneIsANewReplyAndAPressEdits(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	chat := privateChat(ana)
	f.Text(chat, ana, "rp 100kg squat")
	f.Wait(t, 1, tgfake.SentTo(chat.ID, "Rest-pause: back squat"))
	start := f.Text(chat, ana, "start")
	started := f.Wait(t, 1, tgfake.SentTo(chat.ID, "Started rest-pause"))[0]
	if started.Method != "sendMessage" || started.ReplyTo() != messageOf(t, f, start) {
		t.Errorf("start answered by %s replying to %d, want a new message replying to %d", started.Method, started.ReplyTo(), messageOf(t, f, start))
	}
	done := f.Text(chat, ana, "done 8")
	rest := f.Wait(t, 1, tgfake.SentTo(chat.ID, "Rest 1 s"))[0]
	if rest.Method != "sendMessage" || rest.ReplyTo() != messageOf(t, f, done) || !rest.AllowsWithoutReply() {
		t.Errorf("done 8 answered by %s with reply_parameters %q, want a new message replying to %d",
			rest.Method, rest.Fields["reply_parameters"], messageOf(t, f, done))
	}
	// The GO ping, then a press on its buttons: answered on the ping.
	ping := f.Wait(t, 1, tgfake.Ping(chat.ID, ana.ID, "GO: mini-set 1"))[0]
	if ping.ReplyTo() != 0 {
		t.Errorf("the ping replies to %d", ping.ReplyTo())
	}
	_, q := f.Press(chat, ana, ping.MsgID, button(t, ping, "~501~done 3"))
	edit := f.Wait(t, 1, tgfake.Method("editMessageText"))[0]
	if edit.MessageID() != ping.MsgID {
		t.Errorf("the press edited %d, want the pressed message %d:\n%s", edit.MessageID(), ping.MsgID, f.Dump())
	}
	f.Wait(t, 1, tgfake.Answered(q))
	if n := f.Count(func(c tgfake.Call) bool { return c.Method == "editMessageText" && c.MessageID() != ping.MsgID }); n != 0 {
		t.Errorf("%d edits of other messages:\n%s", n, f.Dump())
	}
}

// The adapter side of the same, for a Reply as the hub makes it: ReplyTo
// on the first message of a reply only, on a photo and a document too,
// and a reply to a message that is gone sent all the same.
func TestSendRepliesToTheLiftersMessage(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	lifters := messageOf(t, f, f.Text(privateChat(ana), ana, "help exercises all"))
	long := strings.Repeat("x", 3000) + "\n" + strings.Repeat("y", 3000)
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Text: long, ReplyTo: strconv.Itoa(lifters)}); err != nil {
		t.Fatal(err)
	}
	parts := f.Wait(t, 2, tgfake.Method("sendMessage"))
	if parts[0].ReplyTo() != lifters || !parts[0].AllowsWithoutReply() || parts[1].ReplyTo() != 0 {
		t.Errorf("reply_parameters %q then %q, want the first part alone replying to %d",
			parts[0].Fields["reply_parameters"], parts[1].Fields["reply_parameters"], lifters)
	}
	png := []byte("\x89PNG\r\n\x1a\nchart")
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Text: "chart", Image: &bot.File{Data: png}, ReplyTo: strconv.Itoa(lifters)}); err != nil {
		t.Fatal(err)
	}
	if c := f.Wait(t, 1, tgfake.Method("sendPhoto"))[0]; c.ReplyTo() != lifters {
		t.Errorf("photo reply_parameters %q", c.Fields["reply_parameters"])
	}
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Text: "export", File: &bot.File{Name: "a.csv", Data: []byte("a,b")}, ReplyTo: strconv.Itoa(lifters)}); err != nil {
		t.Fatal(err)
	}
	if c := f.Wait(t, 1, tgfake.Method("sendDocument"))[0]; c.ReplyTo() != lifters {
		t.Errorf("document reply_parameters %q", c.Fields["reply_parameters"])
	}
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Text: "to nothing", ReplyTo: "999999"}); err != nil {
		t.Errorf("a reply to a message that is gone: %v", err)
	}
	if err := a.Send(ctx, bot.Reply{ChatID: "501", Text: "no ref", ReplyTo: "not a number"}); err != nil {
		t.Errorf("a ReplyTo that is not a message id: %v", err)
	}
	if c := f.Wait(t, 1, tgfake.NewMessage(ana.ID, "no ref"))[0]; c.Fields["reply_parameters"] != "" {
		t.Errorf("reply_parameters %q for a bad ReplyTo", c.Fields["reply_parameters"])
	}
}

// In a forum topic the session stays in its topic: the plan, the step, the
// rest and the GO ping all carry the topic's message_thread_id, and the
// group's gym, set in one topic, applies in another.
func TestForumTopicKeepsItsSession(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	f.TopicText(forum, 77, ana, "/rp"+at+" 100kg squat")
	plan := f.Wait(t, 1, tgfake.SentTo(forum.ID, "Rest-pause: back squat"))[0]
	f.Press(forum, ana, plan.MsgID, button(t, plan, "~501~start"))
	started := f.Wait(t, 1, tgfake.SentTo(forum.ID, "Started rest-pause"))[0]
	f.Press(forum, ana, started.MsgID, button(t, started, "~501~done 8"))
	f.Wait(t, 1, tgfake.SentTo(forum.ID, "Rest 1 s"))
	ping := f.Wait(t, 1, tgfake.Ping(forum.ID, ana.ID, "GO: mini-set 1"))[0]
	for _, c := range []tgfake.Call{plan, started, ping} {
		if c.Thread() != 77 {
			t.Errorf("%s %q went to topic %d, want 77", c.Method, c.Text(), c.Thread())
		}
	}
	// The General topic (no thread) is the chat itself.
	f.Text(forum, bo, "/drop"+at+" 80kg bench")
	if c := f.Wait(t, 1, tgfake.SentTo(forum.ID, "Drop set"))[0]; c.Thread() != 0 {
		t.Errorf("a message outside the topics went to topic %d", c.Thread())
	}
	// One gym for the whole group.
	f.SetMember(forum.ID, ana.ID, models.ChatMemberTypeOwner)
	f.TopicText(forum, 77, ana, "/gym"+at+" kg plates 25x4 20x2")
	f.Wait(t, 1, tgfake.SentTo(forum.ID, "Saved."))
	f.TopicText(forum, 78, bo, "/gym"+at)
	shown := f.Wait(t, 1, tgfake.SentTo(forum.ID, "This gym&#39;s equipment"))[0]
	saved := f.Wait(t, 1, tgfake.SentTo(forum.ID, "Saved."))[0]
	kg := func(text string) string { // the kg rack's line
		for _, l := range strings.Split(text, "\n") {
			if strings.Contains(l, "kg") {
				return l
			}
		}
		return ""
	}
	if shown.Thread() != 78 || kg(shown.Text()) == "" || kg(shown.Text()) != kg(strings.TrimPrefix(saved.Text(), "Saved.\n")) {
		t.Errorf("topic 78 shows %q (topic %d), want the gym saved in topic 77: %q", shown.Text(), shown.Thread(), saved.Text())
	}
}

// Sends to a topic carry message_thread_id; edits do not need it.
func TestSendToATopic(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	f.TopicText(forum, 77, ana, "hi") // the fake learns the chat is a forum
	for _, r := range []bot.Reply{
		{ChatID: "-100888/77", Text: "text"},
		{ChatID: "-100888/77", Text: "photo", Image: &bot.File{Data: []byte("png")}},
		{ChatID: "-100888/77", Text: "doc", File: &bot.File{Name: "a.csv", Data: []byte("a")}},
	} {
		if err := a.Send(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	sent := f.All(func(c tgfake.Call) bool { return !c.Failed })
	if len(sent) != 3 {
		t.Fatalf("calls:\n%s", f.Dump())
	}
	for _, c := range sent {
		if c.Thread() != 77 || c.Chat() != forum.ID {
			t.Errorf("%s to chat %d topic %d", c.Method, c.Chat(), c.Thread())
		}
	}
	if err := a.Send(ctx, bot.Reply{ChatID: "-100888/77", Text: "edited", Edit: strconv.Itoa(sent[0].MsgID)}); err != nil {
		t.Fatal(err)
	}
	if c := f.Wait(t, 1, tgfake.Method("editMessageText"))[0]; c.Fields["message_thread_id"] != "" || c.MessageID() != sent[0].MsgID {
		t.Errorf("edit %v", c.Fields)
	}
	for _, bad := range []string{"-100888/", "-100888/0", "-100888/x", "/77", "discord:5"} {
		if err := a.Send(ctx, bot.Reply{ChatID: bad, Text: "x"}); !errors.Is(err, bot.ErrPermanent) {
			t.Errorf("chat id %q: %v", bad, err)
		}
	}
}

func TestChatIDs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want chatRef
		ok   bool
	}{
		{"501", chatRef{501, 0}, true},
		{"-1001234", chatRef{-1001234, 0}, true},
		{"-1001234/77", chatRef{-1001234, 77}, true},
		{"-1001234/0", chatRef{}, false},
		{"-1001234/-7", chatRef{}, false},
		{"-1001234/077", chatRef{}, false},
		{"-1001234/77/1", chatRef{}, false},
		{"0", chatRef{}, false},
		{"", chatRef{}, false},
		{"console", chatRef{}, false},
	} {
		got, ok := parseChatID(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseChatID(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
		if ok && got.String() != tc.in {
			t.Errorf("%+v.String() = %q, want %q", got, got.String(), tc.in)
		}
	}
}

// What the hub is told: the lifter's message (Ref), the pressed message
// (Pressed), how commands are written (Commands: /cmd@Bot in groups,
// plain words in private chats), the topic (ChatID and Space) and, for a
// gym change in a group, whether the sender is an admin.
func TestMessagesSayWhereAndHow(t *testing.T) {
	t.Parallel()
	r := startRecorder(t, Config{})
	f := r.fake
	f.SetMember(gym.ID, ana.ID, models.ChatMemberTypeAdministrator)
	groupCmd := bot.CommandStyle{Slash: true, Bot: fakeBotName}

	u1 := f.Text(gym, ana, "/drop"+at+" 80kg bench")
	u2 := f.Text(privateChat(bo), bo, "drop 80kg bench")
	u3 := f.TopicText(forum, 77, bo, "/drop"+at+" 80kg bench")
	msgs := r.rec.wait(t, 3)
	want := []struct {
		ref           int
		chat, space   string
		commands      bot.CommandStyle
		group, admin  bool
		user, pressed string
	}{
		{messageOf(t, f, u1), "-100777", "", groupCmd, true, false, "501", ""},
		{messageOf(t, f, u2), "502", "", bot.CommandStyle{}, false, true, "502", ""},
		{messageOf(t, f, u3), "-100888/77", "-100888", groupCmd, true, false, "502", ""},
	}
	// Chats have their own queues: find each by its Ref.
	byRef := map[string]bot.Message{}
	for _, m := range msgs {
		byRef[m.Ref] = m
	}
	for i, w := range want {
		m := byRef[strconv.Itoa(w.ref)]
		if m.Ref != strconv.Itoa(w.ref) || m.ChatID != w.chat || m.Space != w.space || m.Commands != w.commands ||
			m.Group != w.group || m.Admin != w.admin || m.UserID != w.user || m.Pressed != "" {
			t.Errorf("message %d = %+v\nwant %+v", i, m, w)
		}
	}
	if n := f.Count(tgfake.Method("getChatMember")); n != 0 {
		t.Errorf("getChatMember asked for commands that do not need it:\n%s", f.Dump())
	}

	// Presses: the message pressed, in its topic.
	ctx := context.Background()
	if err := r.a.Send(ctx, bot.Reply{ChatID: "-100888/77", Text: "step", Buttons: [][]bot.Button{{{Label: "Skip", Data: "skip"}}}}); err != nil {
		t.Fatal(err)
	}
	step := f.Wait(t, 1, tgfake.NewMessage(forum.ID, "step"))[0]
	f.Press(forum, bo, step.MsgID, step.Data()[0])
	f.Press(privateChat(bo), bo, 4242, "~502~skip")
	msgs = r.rec.wait(t, 5)
	byChat := map[string]bot.Message{}
	for _, m := range msgs[3:] {
		byChat[m.ChatID] = m
	}
	if m := byChat["-100888/77"]; m.ChatID != "-100888/77" || m.Space != "-100888" || m.Pressed != strconv.Itoa(step.MsgID) || m.Ref != "" || m.Commands != groupCmd || m.Text != "skip" {
		t.Errorf("press in a topic = %+v", m)
	}
	if m := byChat["502"]; m.ChatID != "502" || m.Pressed != "4242" || m.Ref != "" || m.Commands != (bot.CommandStyle{}) || !m.Admin {
		t.Errorf("press in a private chat = %+v", m)
	}
}

// A gym change in a group is an admin's: getChatMember says who is one,
// once per lifter and chat for ten minutes; a failed check counts as no
// admin and is not remembered.
func TestGroupAdminsFromGetChatMember(t *testing.T) {
	t.Parallel()
	c := newClock()
	r := startRecorderWith(t, Config{}, func(a *Adapter) { a.now = c.now })
	f := r.fake
	f.SetMember(gym.ID, ana.ID, models.ChatMemberTypeAdministrator)
	f.SetMember(forum.ID, ana.ID, models.ChatMemberTypeOwner)
	asks := func() int { return f.Count(tgfake.Method("getChatMember")) + f.Count(tgfake.Failed("getChatMember")) }
	n := 0
	check := func(chat models.Chat, thread int, from models.User, text string, admin bool, asked int) {
		t.Helper()
		if thread != 0 {
			f.TopicText(chat, thread, from, text)
		} else {
			f.Text(chat, from, text)
		}
		n++
		m := r.rec.wait(t, n)[n-1]
		if m.Admin != admin || asks() != asked {
			t.Errorf("%s by %s: Admin %v after %d getChatMember, want %v after %d:\n%s", text, from.FirstName, m.Admin, asks(), admin, asked, f.Dump())
		}
	}
	check(gym, 0, ana, "/gym"+at+" kg plates 25x4", true, 1)
	check(gym, 0, bo, "/gym"+at+" kg plates 25x4", false, 2)
	check(gym, 0, ana, "/GYM"+at+" reset", true, 2)  // remembered
	check(gym, 0, bo, at+" gym kg bar 15", false, 2) // remembered; a mention works too
	check(gym, 0, ana, "/gym"+at, false, 2)          // only shows it: nobody asks
	check(forum, 77, ana, "/gym"+at+" reset", true, 3)
	check(forum, 78, ana, "/gym"+at+" reset", true, 3) // the chat's right, in every topic
	c.advance(adminTTL)
	f.SetMember(gym.ID, ana.ID, models.ChatMemberTypeMember) // demoted
	check(gym, 0, ana, "/gym"+at+" reset", false, 4)
	f.FailNext("getChatMember", `{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
	check(gym, 0, bo, "/gym"+at+" reset", false, 5)
	f.SetMember(gym.ID, bo.ID, models.ChatMemberTypeOwner)
	check(gym, 0, bo, "/gym"+at+" reset", true, 6) // the failure was not remembered
	if !strings.Contains(r.logs.String(), "getChatMember failed") {
		t.Errorf("the failed check was not logged:\n%s", r.logs.String())
	}
	// Presses on a button that changes the gym are checked too.
	_, q := f.Press(gym, ana, 5, "~501~gym reset")
	n++
	if m := r.rec.wait(t, n)[n-1]; m.Admin || m.Text != "gym reset" {
		t.Errorf("press %+v: want no admin (ana is a member now)", m)
	}
	f.Wait(t, 1, tgfake.Answered(q))
}

// Through the hub: an admin changes the group's gym, a member is refused.
func TestGroupGymByAdminsOnly(t *testing.T) {
	t.Parallel()
	r := startHub(t)
	f := r.fake
	f.SetMember(gym.ID, ana.ID, models.ChatMemberTypeAdministrator)
	f.Text(gym, ana, "/gym"+at+" kg plates 25x4 20x2")
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Saved"))
	f.Text(gym, bo, "/gym"+at+" kg plates 20x2")
	refused := f.Wait(t, 1, tgfake.SentTo(gym.ID, "Only"))[0]
	if strings.Contains(refused.Text(), "Saved") {
		t.Errorf("bo's change: %q", refused.Text())
	}
	f.Text(gym, ana, "/gym"+at+" kg plates 25x2")
	f.Wait(t, 2, tgfake.SentTo(gym.ID, "Saved."))
	if n := f.Count(tgfake.Method("getChatMember")); n != 2 {
		t.Errorf("%d getChatMember calls, want 2 (ana's remembered):\n%s", n, f.Dump())
	}
}

// With Reactions on, a reply that may be an emoji is a reaction on the
// lifter's message and no message; refused, it is the text as a reply.
func TestSendReacts(t *testing.T) {
	t.Parallel()
	a, f, logs := newSenderWith(t, Config{Reactions: true})
	ctx := context.Background()
	lifters := messageOf(t, f, f.Text(gym, ana, "/log"+at+" bench 100x5"))
	logged := bot.Reply{ChatID: "-100777", Group: true, Text: "Logged bench press 100 kg × 5.", React: "✍️", ReplyTo: strconv.Itoa(lifters)}
	if err := a.Send(ctx, logged); err != nil {
		t.Fatal(err)
	}
	re := f.Wait(t, 1, tgfake.Method("setMessageReaction"))[0]
	if re.MessageID() != lifters || re.Chat() != gym.ID || len(re.Reaction()) != 1 || re.Reaction()[0] != "✍" {
		t.Errorf("reaction %v on %d", re.Fields, re.MessageID())
	}
	if n := f.Count(tgfake.Method("sendMessage")); n != 0 {
		t.Errorf("a reaction and a message:\n%s", f.Dump())
	}

	// Not a reaction: buttons, a picture, pings, an edit, no message to
	// react on.
	for i, r := range []bot.Reply{
		{Text: "with buttons", Buttons: [][]bot.Button{{{Label: "Undo", Data: "undo"}}}},
		{Text: "with a picture", Image: &bot.File{Data: []byte("png")}},
		{Text: "ping", Pings: []bot.Ping{{To: bot.User{ID: "501", Name: "Ana"}, Text: "ping"}}},
		{Text: "an edit", Edit: strconv.Itoa(lifters)},
		{Text: "to nothing", ReplyTo: ""},
	} {
		r.ChatID, r.Group, r.React = "-100777", true, "🏆"
		if r.ReplyTo == "" && i != 4 {
			r.ReplyTo = strconv.Itoa(lifters)
		}
		if err := a.Send(ctx, r); err != nil {
			t.Fatal(err)
		}
		if n := f.Count(tgfake.Method("setMessageReaction")) + f.Count(tgfake.Failed("setMessageReaction")); n != 1 {
			t.Errorf("%q: a reaction", r.Text)
		}
	}

	// Reactions off in the chat: the text, as a reply.
	f.Refuse("setMessageReaction", 400, tgfake.ReactionInvalid)
	record := logged
	record.Text, record.React = "New record: bench press 100 kg × 5.", "🏆"
	if err := a.Send(ctx, record); err != nil {
		t.Fatal(err)
	}
	text := f.Wait(t, 1, tgfake.NewMessage(gym.ID, "New record"))[0]
	if text.ReplyTo() != lifters || f.Count(tgfake.Failed("setMessageReaction")) != 1 {
		t.Errorf("after a refused reaction: %v\n%s", text.Fields, f.Dump())
	}
	if !strings.Contains(logs.String(), "reaction refused") {
		t.Errorf("the refusal was not logged:\n%s", logs.String())
	}
	// A rate limit is the hub's to wait out; a chat that refuses the bot
	// refuses the text too.
	f.Refuse("setMessageReaction", 0, "")
	f.FailNext("setMessageReaction", tooManyRequests, `{"ok":false,"error_code":403,"description":"Forbidden: bot was kicked from the supergroup chat"}`)
	var ra bot.RetryAfterError
	if err := a.Send(ctx, record); !errors.As(err, &ra) {
		t.Errorf("429 on the reaction: %v", err)
	}
	var fb bot.Forbidden
	if err := a.Send(ctx, record); !errors.Is(err, bot.ErrPermanent) || !errors.As(err, &fb) || !fb.Forbidden() {
		t.Errorf("403 on the reaction: %v", err)
	}
	if n := f.Count(tgfake.NewMessage(gym.ID, "New record")); n != 1 {
		t.Errorf("the record's text sent %d times, want once:\n%s", n, f.Dump())
	}

	// Reactions off in the config: always the text.
	b, g, _ := newSender(t)
	g.Text(gym, ana, "x")
	if err := b.Send(ctx, logged); err != nil {
		t.Fatal(err)
	}
	g.Wait(t, 1, tgfake.NewMessage(gym.ID, "Logged"))
	if n := g.Count(tgfake.Method("setMessageReaction")) + g.Count(tgfake.Failed("setMessageReaction")); n != 0 {
		t.Errorf("a reaction with Reactions off")
	}
}

// Through the hub, with reactions on: a logged set in a group is a
// reaction on the lifter's message (the hub sets Reply.React, bot/log.go).
func TestLoggedSetIsAReaction(t *testing.T) {
	t.Parallel()
	r := startHubWith(t, Config{Reactions: true}, nil)
	f := r.fake
	// Her first log in the group would ask about the board instead.
	f.Text(gym, ana, "/settings"+at+" board off")
	f.Wait(t, 1, tgfake.SentTo(gym.ID, "Saved"))
	u := f.Text(gym, ana, "/log"+at+" bench 100x5")
	got := f.Wait(t, 1, func(c tgfake.Call) bool {
		return c.Method == "setMessageReaction" || c.Method == "sendMessage" && strings.Contains(c.Text(), "Logged")
	})[0]
	if got.MessageID() != messageOf(t, f, u) || len(got.Reaction()) != 1 {
		t.Errorf("reaction %v, want one on message %d", got.Fields, messageOf(t, f, u))
	}
}

// A picture Telegram will not take as a photo goes as a document in the
// same Send; when that is refused too, the reply is given up for good.
func TestPictureRefusedGoesAsADocument(t *testing.T) {
	t.Parallel()
	a, f, _ := newSender(t)
	ctx := context.Background()
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 1000)...)
	chart := bot.Reply{ChatID: "501", Text: "Bench trend", Image: &bot.File{Name: "chart.png", Data: png}, ReplyTo: "12"}
	f.Refuse("sendPhoto", 413, tgfake.EntityTooLarge)
	if err := a.Send(ctx, chart); err != nil {
		t.Fatalf("413 on sendPhoto: %v", err)
	}
	doc := f.Wait(t, 1, tgfake.Method("sendDocument"))[0]
	if !bytes.Equal(doc.Files["document"].Data, png) || doc.Files["document"].Name != "chart.png" || doc.Text() != "Bench trend" || doc.ReplyTo() != 12 {
		t.Errorf("document %q, caption %q, reply %d", doc.Files["document"].Name, doc.Text(), doc.ReplyTo())
	}

	f.Refuse("sendDocument", 413, tgfake.EntityTooLarge)
	err := a.Send(ctx, chart)
	var fb bot.Forbidden
	if !errors.Is(err, bot.ErrPermanent) || errors.As(err, &fb) && fb.Forbidden() {
		t.Errorf("413 on both: %v, want permanent, not forbidden", err)
	}
	f.Refuse("sendPhoto", 0, "")
	f.Refuse("sendDocument", 0, "")

	// Dimensions Telegram refuses for a photo.
	f.FailNext("sendPhoto", `{"ok":false,"error_code":400,"description":"Bad Request: PHOTO_INVALID_DIMENSIONS"}`)
	if err := a.Send(ctx, chart); err != nil {
		t.Fatalf("PHOTO_INVALID_DIMENSIONS: %v", err)
	}
	f.Wait(t, 2, tgfake.Method("sendDocument"))

	// A proxy's HTML 413 page, which the library cannot decode.
	f.SetBroken(func(method string, w http.ResponseWriter) bool {
		if method != "sendPhoto" {
			return false
		}
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		io.WriteString(w, "<html><head><title>413 Request Entity Too Large</title></head></html>")
		return true
	})
	if err := a.Send(ctx, chart); err != nil {
		t.Fatalf("an HTML 413: %v", err)
	}
	f.Wait(t, 3, tgfake.Method("sendDocument"))
	f.SetBroken(nil)

	// Other failures of a photo are not a reason to send a document.
	f.FailNext("sendPhoto", `{"ok":false,"error_code":502,"description":"Bad Gateway"}`)
	if err := a.Send(ctx, chart); err == nil || errors.Is(err, bot.ErrPermanent) {
		t.Errorf("502 on sendPhoto: %v, want a transient error", err)
	}
	if n := f.Count(tgfake.Method("sendDocument")); n != 3 {
		t.Errorf("%d documents, want 3:\n%s", n, f.Dump())
	}
}

func TestNeedsAdmin(t *testing.T) {
	if len(adminWords) == 0 || !adminWords["gym"] {
		t.Fatalf("admin words %v: the coach has no gym verb?", adminWords)
	}
	for text, want := range map[string]bool{
		"/gym@SpotterTestBot kg plates 25x4": true,
		"gym kg bar 15":                      true,
		"GYM reset":                          true,
		"/gym reset":                         true,
		"/gym":                               false,
		"/gym@SpotterTestBot":                false,
		"gym":                                false,
		"gymnastics is fun":                  false,
		"/drop 80kg bench":                   false,
		"":                                   false,
	} {
		if got := needsAdmin(text); got != want {
			t.Errorf("needsAdmin(%q) = %v", text, got)
		}
	}
}

// The admin cache forgets an answer adminTTL after it was given.
func TestAdminsAge(t *testing.T) {
	c := newAdmins()
	now := time.Unix(1000, 0)
	k := memberKey{-1, 5}
	c.put(k, true, now)
	if admin, ok := c.get(k, now.Add(adminTTL-time.Second)); !admin || !ok {
		t.Error("forgotten too early")
	}
	if _, ok := c.get(k, now.Add(adminTTL)); ok {
		t.Error("remembered too long")
	}
	if _, ok := c.get(k, now.Add(-time.Minute)); ok {
		t.Error("an answer from the future")
	}
}
