package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/dcfake"
)

// Replies where people look, on the shared rig of TestEndToEnd: typed
// commands are answered with replies to them (or a reaction), presses
// edit the pressed message only when the hub says so, commands can be
// used wherever Spotter is installed, and uploads too large still
// answer. The hub's side (Reply.ReplyTo, Edit, React) is checked through
// the real hub; the adapter's side with crafted replies too.

// hold makes the gate keep the messages of channel from the hub, until
// the subtest ends.
func (r *rig) hold(t *testing.T, channel string) {
	r.gate.mu.Lock()
	r.gate.channel = channel
	r.gate.mu.Unlock()
	t.Cleanup(func() { r.gate.mu.Lock(); r.gate.channel = ""; r.gate.mu.Unlock() })
}

// held is the next message the gate kept.
func (r *rig) held(t *testing.T) bot.Message {
	t.Helper()
	select {
	case m := <-r.gate.held:
		return m
	case <-time.After(wait):
		t.Fatal("no message reached the gate")
		return bot.Message{}
	}
}

// answers matches a channel message that replies to message ref.
func answers(ref string) dcfake.Match {
	return func(q *dcfake.Request) bool {
		r, ok := q.Reference()
		return dcfake.ChannelMessage("")(q) && ok && r.MessageID == ref
	}
}

// hubSets fails the test when the hub's reply does not set a field of
// the native replies contract; it reports whether it is set.
func hubSets(t *testing.T, field string, set bool) bool {
	t.Helper()
	if !set {
		t.Errorf("the hub's reply does not set Reply.%s", field)
	}
	return set
}

func native(t *testing.T, r *rig) {
	t.Run("commands may be used in servers, DMs and private channels, installed either way", func(t *testing.T) {
		cmds := r.f.Commands(testGuild)
		if len(cmds) == 0 {
			t.Fatal("no commands registered")
		}
		for _, c := range cmds {
			if fmt.Sprint(c["integration_types"]) != "[0 1]" || fmt.Sprint(c["contexts"]) != "[0 1 2]" {
				t.Errorf("%v: integration_types %v, contexts %v; want [0 1] and [0 1 2]", c["name"], c["integration_types"], c["contexts"])
			}
		}
	})

	t.Run("a typed command in a running session gets a new message replying to it", func(t *testing.T) {
		ch := "400000000000000101"
		gus := lifter{ID: "500000000000000101", GlobalName: "Gus"}
		r.say(t, "700000000000000101", ch, gus, "<@"+testBot+"> quickrp 100kg squat")
		plan := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		r.press(t, "600000000000000101", "itok-n-start", ch, plan.RespID, plan.CustomID("Start"), gus)
		r.waitOK(t, 1, pressAnswer("itok-n-start"))
		// The adapter hands the typed command over with its message id
		// (the replies answer it) and the slash style for hints.
		r.hold(t, ch)
		before := r.f.Count(nil)
		r.say(t, "700000000000000102", ch, gus, "<@"+testBot+"> done 8")
		m := r.held(t)
		if m.Ref != "700000000000000102" || m.ID != "m700000000000000102" || !m.Commands.Slash || m.Commands.Bot != "" || m.Slash {
			t.Fatalf("the typed message: Ref %q, ID %q, Commands %+v, Slash %v", m.Ref, m.ID, m.Commands, m.Slash)
		}
		if err := r.gate.Hub.Submit(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		answer := r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Rest 1 s")))
		for _, q := range r.f.Since(before) {
			if q.Method == "PATCH" {
				t.Errorf("a typed command edited a message: %v", q)
			}
		}
		sent := r.spy.sent(m.ID)
		if len(sent) > 0 && hubSets(t, "ReplyTo", sent[0].ReplyTo != "") {
			ref, ok := answer.Reference()
			if !ok || ref.MessageID != "700000000000000102" || ref.FailIfNotExists {
				t.Errorf("the answer's message_reference: %+v, %v", ref, ok)
			}
		}
		// The adapter's side: a reply with ReplyTo refers to the message,
		// even one deleted meanwhile, and is stored as a reply.
		err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: gus.ID}, Text: "Noted.",
			InReplyTo: m.ID, ReplyTo: "700000000000000102"})
		if err != nil {
			t.Fatal(err)
		}
		q := r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Noted.")))
		if st, _ := r.f.Stored(q.RespID); st.Reference != "700000000000000102" {
			t.Errorf("stored as a reply to %q", st.Reference)
		}
		checkMentions(t, q, gus.ID)
		err = r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: gus.ID}, Text: "Gone?",
			InReplyTo: "m700000000000000199", ReplyTo: "700000000000000199"})
		if err != nil {
			t.Errorf("a reply to a message that is gone: %v", err)
		}
	})

	t.Run("a press answered with Edit edits the pressed message, without Edit a new message", func(t *testing.T) {
		ch := "400000000000000102"
		hal := lifter{ID: "500000000000000102", GlobalName: "Hal"}
		ctx := context.Background()
		err := r.a.Send(ctx, bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: hal.ID}, Text: "step 1", Session: "s1",
			Buttons: [][]bot.Button{{{Label: "8", Data: "done 8"}}}})
		if err != nil {
			t.Fatal(err)
		}
		step := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		r.hold(t, ch)
		press := func(id, token string) bot.Message {
			t.Helper()
			r.press(t, id, token, ch, step.RespID, step.CustomID("8"), hal)
			m := r.held(t)
			if m.Pressed != step.RespID || !m.Slash || !m.Commands.Slash || m.Ref != "" || m.Text != "done 8" {
				t.Fatalf("the press: %+v", m)
			}
			if cb := r.waitOK(t, 1, dcfake.Callback(id)); cb.CallbackType() != 6 {
				t.Fatalf("acknowledged with type %d", cb.CallbackType())
			}
			return m
		}
		m := press("600000000000000102", "itok-n-edit")
		if err := r.a.Send(ctx, bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: hal.ID}, Text: "step 2", Interaction: true,
			InReplyTo: m.ID, Edit: m.Pressed}); err != nil {
			t.Fatal(err)
		}
		edit := r.waitOK(t, 1, dcfake.Original("itok-n-edit"))
		if st, _ := r.f.Stored(step.RespID); edit.RespID != step.RespID || st.Content != "step 2" || st.Edits != 1 {
			t.Errorf("the pressed message after the edit: %+v", st)
		}
		// No Edit: a new message; the pressed one stays as it is.
		m = press("600000000000000103", "itok-n-new")
		if err := r.a.Send(ctx, bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: hal.ID}, Text: "a new message", Interaction: true,
			InReplyTo: m.ID}); err != nil {
			t.Fatal(err)
		}
		fu := r.waitOK(t, 1, dcfake.FollowUp("itok-n-new"))
		if fu.Content() != "a new message" || fu.Ephemeral() || r.f.Count(dcfake.Original("itok-n-new")) != 0 {
			t.Errorf("the answer without Edit: %v", fu)
		}
		// An error only the presser may see cannot be the pressed message;
		// an Edit of another message is not this press's to make.
		for i, rep := range []bot.Reply{{Text: "That failed.", Error: true, Edit: step.RespID}, {Text: "elsewhere", Edit: "800000000000000001"}} {
			token := fmt.Sprintf("itok-n-other%d", i)
			m = press(fmt.Sprintf("60000000000000011%d", i), token)
			rep.Platform, rep.ChatID, rep.To, rep.Interaction, rep.InReplyTo = Platform, ch, bot.User{ID: hal.ID}, true, m.ID
			if err := r.a.Send(ctx, rep); err != nil {
				t.Fatal(err)
			}
			fu := r.waitOK(t, 1, dcfake.FollowUp(token))
			if fu.Ephemeral() != rep.Error || r.f.Count(dcfake.Original(token)) != 0 {
				t.Errorf("%q: ephemeral %v, edits %d", rep.Text, fu.Ephemeral(), r.f.Count(dcfake.Original(token)))
			}
		}
		if st, _ := r.f.Stored(step.RespID); st.Content != "step 2" || st.Edits != 1 {
			t.Errorf("the pressed message changed by answers without its Edit: %+v", st)
		}
	})

	t.Run("through the hub: the rep button's answer edits its message when the hub says so", func(t *testing.T) {
		ch := "400000000000000103"
		ivy := lifter{ID: "500000000000000103", GlobalName: "Ivy"}
		r.say(t, "700000000000000103", ch, ivy, "<@"+testBot+"> quickrp 100kg bench")
		plan := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		r.press(t, "600000000000000120", "itok-h-start", ch, plan.RespID, plan.CustomID("Start"), ivy)
		started := r.waitOK(t, 1, pressAnswer("itok-h-start"))
		// The message that shows the step: the plan, edited, or a new one.
		shown := started.RespID
		r.press(t, "600000000000000121", "itok-h-done", ch, shown, started.CustomID("8"), ivy)
		answer := r.waitOK(t, 1, pressAnswer("itok-h-done"))
		sent := r.spy.sent("i600000000000000121")
		if len(sent) == 0 {
			t.Fatal("the spy saw no reply to the press")
		}
		if hubSets(t, "Edit", sent[0].Edit != "") {
			if sent[0].Edit != shown {
				t.Errorf("the hub's Edit %q, want the pressed message %s", sent[0].Edit, shown)
			}
			st, _ := r.f.Stored(shown)
			if answer.Method != "PATCH" || !strings.Contains(st.Content, "Rest 1 s") || st.Edits == 0 {
				t.Errorf("the pressed message was not edited: %v; stored %+v", answer, st)
			}
		} else if answer.Method != "POST" {
			t.Errorf("an answer without Edit edited a message: %v", answer)
		}
	})

	t.Run("autocomplete offers the lifter's own exercises first", func(t *testing.T) {
		ch := "400000000000000104"
		jo := lifter{ID: "500000000000000104", GlobalName: "Jo"}
		r.say(t, "700000000000000104", ch, jo, "<@"+testBot+"> log seal row 60x10")
		got := r.waitOK(t, 1, dcfake.Any(dcfake.ChannelMessage(ch), dcfake.Reaction("700000000000000104")))
		if c := got.Content(); got.Emoji() == "" && !strings.Contains(strings.ToLower(c), "seal row") {
			t.Fatalf("log answered %q", c)
		}
		t.Logf("log answered %q %s", got.Content(), got.Emoji())
		// The catalog lists seal row late, after safety bar squat and
		// sumo deadlift: the lifter's own comes first all the same.
		for i, typed := range []string{"", "s", "Row"} {
			id := fmt.Sprintf("60000000000000013%d", i)
			_, err := r.f.Autocomplete(bounded(t), r.shard, dcfake.Interaction{ID: id, GuildID: testGuild, ChannelID: ch, User: jo, Name: "log",
				Options: []dcfake.Option{{Name: "exercise", Value: typed, Focused: true}, dcfake.Str("sets", "60x10")}})
			if err != nil {
				t.Fatal(err)
			}
			cb := r.waitOK(t, 1, dcfake.Callback(id))
			choices := cb.Choices()
			if cb.CallbackType() != 8 || len(choices) == 0 || len(choices) > 25 {
				t.Fatalf("%q: type %d, choices %v", typed, cb.CallbackType(), choices)
			}
			if choices[0].Name != "seal row" || choices[0].Value != "seal row" {
				t.Errorf("%q: choices %v, want seal row first", typed, choices)
			}
		}
	})

	t.Run("reactions: a typed log gets an emoji, or the text where reactions are refused", func(t *testing.T) {
		ch := "400000000000000105"
		kim := lifter{ID: "500000000000000105", GlobalName: "Kim"}
		ctx := context.Background()
		reply := func(ref string) bot.Reply {
			return bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: kim.ID}, Text: "Logged bench 100 kg × 5.", Group: true,
				InReplyTo: "m" + ref, ReplyTo: ref, React: "✅"}
		}
		// Kim's first log in the server would ask about the board instead.
		r.say(t, "700000000000000199", ch, kim, "<@"+testBot+"> settings board off")
		r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Saved")))
		settled := r.f.Count(dcfake.ChannelMessage(ch))
		r.say(t, "700000000000000105", ch, kim, "<@"+testBot+"> log bench 100x5")
		r.waitOK(t, 1, dcfake.Any(dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Logged")), dcfake.Reaction("700000000000000105")))
		sent := r.spy.sent("m700000000000000105")
		if len(sent) > 0 && hubSets(t, "React", sent[0].React != "") {
			if got := r.f.Reactions("700000000000000105"); len(got) != 1 || got[0] != sent[0].React {
				t.Errorf("reactions %q, want %q", got, sent[0].React)
			}
			if n := r.f.Count(dcfake.ChannelMessage(ch)) - settled; n != 0 {
				t.Errorf("%d messages besides the reaction", n)
			}
		}
		// The adapter's side, with a message of the lifter's to react to.
		r.say(t, "700000000000000106", ch, kim, "<@"+testBot+"> help")
		r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Spotter plans"))) // the hub's answer to help
		before := r.f.Count(dcfake.ChannelMessage(ch))
		if err := r.a.Send(ctx, reply("700000000000000106")); err != nil {
			t.Fatal(err)
		}
		if got := r.f.Reactions("700000000000000106"); len(got) != 1 || got[0] != "✅" {
			t.Errorf("reactions %q", got)
		}
		if n := r.f.Count(dcfake.ChannelMessage(ch)); n != before {
			t.Errorf("a message was sent besides the reaction")
		}
		// Refused (no Add Reactions): the text, as a reply.
		r.f.RefuseReactions(ch, true)
		defer r.f.RefuseReactions(ch, false)
		if err := r.a.Send(ctx, reply("700000000000000106")); err != nil {
			t.Fatal(err)
		}
		q := r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Logged bench")))
		if ref, _ := q.Reference(); ref.MessageID != "700000000000000106" {
			t.Errorf("the text instead of the reaction: reference %+v", ref)
		}
		if refused := r.f.Requests(dcfake.Reaction("700000000000000106")); len(refused) != 2 || refused[1].Status != 403 {
			t.Errorf("reaction calls: %v", refused)
		}
		// A reply with buttons is never a reaction.
		withButtons := reply("700000000000000105")
		withButtons.Buttons = [][]bot.Button{{{Label: "Undo", Data: "undo"}}}
		r.f.RefuseReactions(ch, false)
		if err := r.a.Send(ctx, withButtons); err != nil {
			t.Fatal(err)
		}
		if q := r.waitOK(t, 2, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Logged bench"))); q.CustomID("Undo") == "" {
			t.Errorf("the reply with buttons: %v", q)
		}
	})

	t.Run("an upload too large: the text arrives without it, once", func(t *testing.T) {
		ch := "400000000000000106"
		lou := lifter{ID: "500000000000000106", GlobalName: "Lou"}
		r.f.SetUploadLimit(-1) // every upload is refused with 413
		defer r.f.SetUploadLimit(0)
		png := []byte("\x89PNG\r\n\x1a\nfake")
		err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: lou.ID}, Text: "Your bench",
			Image: &bot.File{Name: "chart.png", MIME: "image/png", Data: png}})
		if err != nil {
			t.Fatalf("Send: %v, want the text delivered without the chart", err)
		}
		tries := r.f.Requests(dcfake.ChannelMessage(ch))
		if len(tries) != 2 || tries[0].Status != 413 || len(tries[0].Files) != 1 || !tries[1].OK() || len(tries[1].Files) != 0 ||
			len(tries[1].EmbedImages()) != 0 || tries[1].Content() != "Your bench\nThe chart was too large to upload." {
			t.Fatalf("attempts: %v", tries)
		}
		// Through the hub: a chart typed as a command.
		r.say(t, "700000000000000107", ch, lou, "<@"+testBot+"> log bench 100x5")
		// The log is stored before the chart is asked for: discordgo hands
		// events over on goroutines of their own, in any order.
		r.waitOK(t, 1, dcfake.Any(answers("700000000000000107"), dcfake.Reaction("700000000000000107")))
		r.say(t, "700000000000000108", ch, lou, "<@"+testBot+"> chart week")
		q := r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Weekly volume")))
		if !strings.HasSuffix(q.Content(), "\nThe chart was too large to upload.") || len(q.Files) != 0 {
			t.Errorf("the chart's text: %q, files %v", q.Content(), q.Files)
		}
		uploads := r.f.Requests(dcfake.All(dcfake.ChannelMessage(ch), func(q *dcfake.Request) bool { return len(q.Files) > 0 }))
		if len(uploads) != 2 { // the direct Send's and the hub's, once each
			t.Errorf("uploads: %v", uploads)
		}
		// Through an interaction: the deferred response shows the text.
		r.hold(t, ch)
		r.slash(t, "600000000000000140", "itok-n-big", ch, lou, "chart")
		m := r.held(t)
		err = r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: lou.ID}, Text: "Your squat",
			Interaction: true, InReplyTo: m.ID, Image: &bot.File{Name: "chart.png", MIME: "image/png", Data: png}})
		if err != nil {
			t.Fatal(err)
		}
		edits := r.f.Requests(dcfake.Original("itok-n-big"))
		if len(edits) != 2 || edits[0].Status != 413 || !edits[1].OK() || edits[1].Content() != "Your squat\nThe chart was too large to upload." {
			t.Errorf("edits: %v", edits)
		}
	})

	t.Run("user-installed where the bot is no member: answers through the interaction, pings as its follow-ups", func(t *testing.T) {
		ch := "400000000000000107"
		max := lifter{ID: "500000000000000107", GlobalName: "Max"}
		r.f.ForbidChannel(ch, true)
		defer r.f.ForbidChannel(ch, false)
		_, err := r.f.Slash(bounded(t), r.shard, dcfake.Interaction{ID: "600000000000000150", Token: "itok-n-user", GuildID: testGuild,
			ChannelID: ch, User: max, Name: "help", Owners: map[int]string{1: max.ID}})
		if err != nil {
			t.Fatal(err)
		}
		r.waitOK(t, 1, dcfake.Original("itok-n-user"))
		if n := r.f.Count(dcfake.ChannelMessage(ch)); n != 0 {
			t.Errorf("%d channel messages tried where the bot is no member", n)
		}
		// A ping for Max follows his latest interaction up (userinstall.go)
		// once it is answered: here a command the test answers itself, so
		// that it knows when the adapter is done with it. A ping for a
		// lifter whose interaction the adapter does not know is a channel
		// message, refused for good.
		r.hold(t, ch)
		_, err = r.f.Slash(bounded(t), r.shard, dcfake.Interaction{ID: "600000000000000152", Token: "itok-n-user2", GuildID: testGuild,
			ChannelID: ch, User: max, Name: "help", Owners: map[int]string{1: max.ID}})
		if err != nil {
			t.Fatal(err)
		}
		m := r.held(t)
		if err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: max.ID, Name: "Max"}, Text: "Help.",
			Interaction: true, InReplyTo: m.ID}); err != nil {
			t.Fatal(err)
		}
		err = r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, Group: true, Text: "Max: GO",
			Pings: []bot.Ping{{To: bot.User{ID: max.ID, Name: "Max"}, Text: "GO"}}})
		if err != nil {
			t.Errorf("a ping for Max: %v", err)
		}
		r.waitOK(t, 1, dcfake.All(dcfake.FollowUp("itok-n-user2"), dcfake.ContentContains("GO")))
		err = r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, Group: true, Text: "Nat: GO",
			Pings: []bot.Ping{{To: bot.User{ID: "500000000000000109", Name: "Nat"}, Text: "GO"}}})
		var fb bot.Forbidden
		if !errors.Is(err, bot.ErrPermanent) || !errors.As(err, &fb) || !fb.Forbidden() {
			t.Errorf("a ping where the bot is no member: %v, want permanent and Forbidden", err)
		}
		// A private channel (a DM between users, a group DM) is no
		// private chat with the bot.
		r.hold(t, "400000000000000108")
		_, err = r.f.Slash(bounded(t), r.shard, dcfake.Interaction{ID: "600000000000000151", ChannelID: "400000000000000108", User: max,
			Name: "help", Context: 2, Owners: map[int]string{1: max.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if m := r.held(t); !m.Group || !m.Commands.Slash || m.Space != "" {
			t.Errorf("a private channel's message: %+v", m)
		}
	})
}
