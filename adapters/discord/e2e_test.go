package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/internal/dcfake"
	"github.com/spotter-coach/spotter/internal/hubtest"
)

const (
	testToken = "MTIzNDU2Nzg5.fake.s3cr3t-bot-token"
	testApp   = "111111111111111111"
	testBot   = "222222222222222222"
	testGuild = "333333333333333333"
	shards    = 2
	wait      = 10 * time.Second // every wait on the fake is bounded by it
)

// lockedBuffer is a log sink for the token check.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// gate stands between the adapter and the hub: messages in its channel
// are held until the test hands them on, in the order it chooses.
type gate struct {
	*bot.Hub
	mu      sync.Mutex
	channel string
	held    chan bot.Message
}

func (g *gate) Submit(ctx context.Context, m bot.Message) error {
	g.mu.Lock()
	hold := m.ChatID == g.channel
	g.mu.Unlock()
	if hold {
		g.held <- m
		return nil
	}
	return g.Hub.Submit(ctx, m)
}

// spy stands between the hub's outbox and the adapter: it keeps every
// Reply the hub sends, so that a test can tell what the hub asked for
// (Reply.Edit, ReplyTo, React) from what the adapter made of it.
type spy struct {
	*Adapter
	mu      sync.Mutex
	replies []bot.Reply
}

func (s *spy) Send(ctx context.Context, r bot.Reply) error {
	s.mu.Lock()
	s.replies = append(s.replies, r)
	s.mu.Unlock()
	return s.Adapter.Send(ctx, r)
}

// sent are the replies the hub sent that answer the Message with id.
func (s *spy) sent(id string) []bot.Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Reply
	for _, r := range s.replies {
		if r.InReplyTo == id {
			out = append(out, r)
		}
	}
	return out
}

// rig is one real hub, one adapter with real discordgo sessions (two
// shards, reactions on), and the fake Discord they talk to, shared by
// the subtests of TestEndToEnd (discordgo's Close sleeps a second).
type rig struct {
	f     *dcfake.Server
	a     *Adapter
	spy   *spy
	gate  *gate
	logs  *lockedBuffer
	shard int // the test guild's shard
}

func startRig(t *testing.T) *rig {
	t.Helper()
	// max_concurrency 16: both shards identify at once (with 1, Run waits
	// 5 s between them, as on Discord).
	f, err := dcfake.Start(dcfake.Config{Token: testToken, AppID: testApp, BotID: testBot, Guilds: []string{testGuild}, Shards: shards, MaxConcurrency: 16})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close) // runs once the hub and the adapter stopped
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := coach.New(coach.Config{Presets: []coach.Preset{
		{Name: "quickrp", Technique: coach.RestPause, Options: coach.Options{Rest: time.Second}},
		{Name: "strip", Technique: coach.DropSet, Options: coach.Options{Percent: 20, Drops: 2}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	hub := hubtest.New(t, hubtest.Config{Coach: c, Log: log})
	g := &gate{Hub: hub.Hub, held: make(chan bot.Message, 16)}
	a, err := New(Config{Token: testToken, APIURL: f.APIURL(), GuildIDs: []string{testGuild}, Shards: shards, Reactions: true}, g, log)
	if err != nil {
		t.Fatal(err)
	}
	sp := &spy{Adapter: a}
	hub.Serve(t, sp)
	r := &rig{f: f, a: a, spy: sp, gate: g, logs: logs, shard: dcfake.ShardOf(testGuild, shards)}
	r.waitReq(t, 1, dcfake.All(dcfake.BulkOverwrite(testGuild), dcfake.Succeeded))
	return r
}

func bounded(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	t.Cleanup(cancel)
	return ctx
}

// waitReq waits for the n-th call m matches.
func (r *rig) waitReq(t *testing.T, n int, m dcfake.Match) *dcfake.Request {
	t.Helper()
	q, err := r.f.WaitRequest(bounded(t), n, m)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// waitOK waits for the n-th successful call m matches.
func (r *rig) waitOK(t *testing.T, n int, m dcfake.Match) *dcfake.Request {
	t.Helper()
	return r.waitReq(t, n, dcfake.All(m, dcfake.Succeeded))
}

func (r *rig) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if err := r.f.Wait(bounded(t), what, cond); err != nil {
		t.Fatal(err)
	}
}

type lifter = dcfake.User

func (r *rig) slash(t *testing.T, id, token, channel string, u lifter, name string, opts ...dcfake.Option) {
	t.Helper()
	_, err := r.f.Slash(bounded(t), r.shard, dcfake.Interaction{ID: id, Token: token, GuildID: testGuild, ChannelID: channel, User: u, Name: name, Options: opts})
	if err != nil {
		t.Fatal(err)
	}
}

func (r *rig) press(t *testing.T, id, token, channel, messageID, customID string, u lifter) {
	t.Helper()
	_, err := r.f.Press(bounded(t), r.shard, dcfake.Interaction{ID: id, Token: token, GuildID: testGuild, ChannelID: channel, User: u, CustomID: customID, MessageID: messageID})
	if err != nil {
		t.Fatal(err)
	}
}

func (r *rig) say(t *testing.T, id, channel string, u lifter, content string) {
	t.Helper()
	if _, err := r.f.Say(bounded(t), r.shard, dcfake.Message{ID: id, GuildID: testGuild, ChannelID: channel, Author: u, Content: content}); err != nil {
		t.Fatal(err)
	}
}

// checkMentions fails unless a message limits mentions to users.
func checkMentions(t *testing.T, q *dcfake.Request, users ...string) {
	t.Helper()
	if err := q.CheckMentions(users...); err != nil {
		t.Error(err)
	}
}

func webhook(token string) string { return "/webhooks/" + testApp + "/" + token }

// pressAnswer matches the answer to a button press through its token: an
// edit of the pressed message or a follow-up.
func pressAnswer(token string) dcfake.Match {
	return dcfake.All(dcfake.Webhook(token), dcfake.Sends)
}

func TestEndToEnd(t *testing.T) {
	r := startRig(t)
	ana := lifter{ID: "500000000000000001", GlobalName: "Ana"}
	bo := lifter{ID: "500000000000000002", GlobalName: "Bo"}
	cy := lifter{ID: "500000000000000003", GlobalName: "Cy"}

	t.Run("registration", func(t *testing.T) {
		put := r.f.Requests(dcfake.BulkOverwrite(testGuild))[0]
		if put.Auth != "Bot "+testToken {
			t.Errorf("auth %q", put.Auth)
		}
		if len(put.List) != len(r.a.order) {
			t.Fatalf("%d commands registered, want %d", len(put.List), len(r.a.order))
		}
		byName := map[string]map[string]any{}
		for _, c := range r.f.Commands(testGuild) {
			byName[c["name"].(string)] = c
		}
		opts := byName["drop"]["options"].([]any)
		ex := opts[1].(map[string]any)
		if ex["name"] != "exercise" || ex["autocomplete"] != true || ex["required"] != true {
			t.Errorf("drop's second option: %v", ex)
		}
		seen := map[string]bool{}
		for _, c := range r.f.Conns() {
			if c.Intents&dcfake.IntentMessageContent != 0 {
				t.Errorf("MESSAGE_CONTENT requested without a prefix: intents %b", c.Intents)
			}
			seen[fmt.Sprint(c.Shard, "/", c.ShardCount)] = true
		}
		if !seen["0/2"] || !seen["1/2"] {
			t.Errorf("shards identified: %v, want 0/2 and 1/2", seen)
		}
	})

	t.Run("slash drop is deferred then edited with the ladder", func(t *testing.T) {
		ch := "400000000000000001"
		r.slash(t, "600000000000000001", "itok-drop", ch, ana, "drop", dcfake.Str("load", "80kg"), dcfake.Str("exercise", "bench"))
		edit := r.waitOK(t, 1, dcfake.Original("itok-drop"))
		cb := r.f.Requests(dcfake.Callback("600000000000000001"))
		if len(cb) != 1 || cb[0].CallbackType() != 5 || cb[0].Flags() != 0 || !cb[0].OK() || cb[0].N > edit.N {
			t.Fatalf("callback: %v", cb)
		}
		if c := edit.Content(); !strings.Contains(strings.ToLower(c), "bench") || !strings.Contains(c, "80 kg") {
			t.Errorf("edit content:\n%s", c)
		}
		// The hub may bind the button's data to the plan ("start ^p:...").
		if id := edit.CustomID("Start"); !strings.HasPrefix(id, "sp2:"+ana.ID+"::start") {
			t.Errorf("Start button custom_id %q; buttons %v", id, edit.Buttons())
		}
		checkMentions(t, edit, ana.ID)
	})

	t.Run("mention command answered in the channel", func(t *testing.T) {
		ch := "400000000000000002"
		// The bot's own messages and other bots' are ignored.
		r.say(t, "700000000000000001", ch, lifter{ID: testBot, Username: "spotter", Bot: true}, "<@"+testBot+"> help")
		r.say(t, "700000000000000002", ch, bo, "<@!"+testBot+"> drop 100kg squat")
		post := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		if c := post.Content(); !strings.Contains(c, "100 kg") || !strings.Contains(strings.ToLower(c), "squat") {
			t.Errorf("reply:\n%s", c)
		}
		checkMentions(t, post, bo.ID)
		if n := r.f.Count(dcfake.ChannelMessage(ch)); n != 1 {
			t.Errorf("%d messages in the channel, want 1 (the bot's own message is ignored)", n)
		}
	})

	t.Run("autocomplete answers exercise names", func(t *testing.T) {
		_, err := r.f.Autocomplete(bounded(t), r.shard, dcfake.Interaction{ID: "600000000000000002", Token: "itok-auto", GuildID: testGuild,
			ChannelID: "400000000000000003", User: ana, Name: "drop",
			Options: []dcfake.Option{dcfake.Str("load", "80kg"), {Name: "exercise", Value: "bench", Focused: true}}})
		if err != nil {
			t.Fatal(err)
		}
		cb := r.waitOK(t, 1, dcfake.Callback("600000000000000002"))
		if cb.CallbackType() != 8 {
			t.Fatalf("callback type %d", cb.CallbackType())
		}
		choices := cb.Choices()
		if len(choices) == 0 || len(choices) > 25 || choices[0].Value != "bench press" {
			t.Errorf("choices: %v", choices)
		}
	})

	t.Run("slash preset: its name autocompletes the presets, and it plans as the typed preset", func(t *testing.T) {
		ch, typedCh := "400000000000000060", "400000000000000061"
		gil := lifter{ID: "500000000000000060", GlobalName: "Gil"}
		var preset map[string]any
		for _, c := range r.f.Commands(testGuild) {
			if c["name"] == "preset" {
				preset = c
			}
		}
		if preset == nil {
			t.Fatal("no /preset registered")
		}
		var names []any
		for _, o := range preset["options"].([]any) {
			o := o.(map[string]any)
			names = append(names, o["name"])
			if o["name"] == "name" && (o["autocomplete"] != true || o["required"] != true || o["type"] != float64(3)) {
				t.Errorf("/preset's name option: %v", o)
			}
		}
		if fmt.Sprint(names) != "[name load exercise options]" {
			t.Errorf("/preset's options %v", names)
		}

		for i, tc := range []struct {
			focused, typed string
			want           []string
		}{
			{"name", "", []string{"quickrp", "strip"}},
			{"name", "ST", []string{"strip"}},
			{"name", "rp", []string{"quickrp"}},
			{"name", "zzz", nil},
			{"exercise", "bench", []string{"bench press"}},
		} {
			id := fmt.Sprintf("60000000000000006%d", i)
			opts := []dcfake.Option{{Name: tc.focused, Value: tc.typed, Focused: true}}
			if tc.focused != "name" {
				opts = append(opts, dcfake.Str("name", "quickrp"))
			}
			if _, err := r.f.Autocomplete(bounded(t), r.shard, dcfake.Interaction{ID: id, GuildID: testGuild, ChannelID: ch, User: gil, Name: "preset", Options: opts}); err != nil {
				t.Fatal(err)
			}
			cb := r.waitOK(t, 1, dcfake.Callback(id))
			var got []string
			for _, c := range cb.Choices() {
				if c.Name != c.Value {
					t.Errorf("choice %v: name and value differ", c)
				}
				got = append(got, c.Name)
			}
			if cb.CallbackType() != 8 || tc.focused == "name" && !slices.Equal(got, tc.want) || tc.focused != "name" && (len(got) == 0 || got[0] != tc.want[0]) {
				t.Errorf("%s %q: type %d, choices %q, want %q", tc.focused, tc.typed, cb.CallbackType(), got, tc.want)
			}
		}

		r.slash(t, "600000000000000069", "itok-preset", ch, gil, "preset", dcfake.Str("name", "quickrp"), dcfake.Str("load", "80kg"), dcfake.Str("exercise", "bench"))
		slash := r.waitOK(t, 1, dcfake.Original("itok-preset")).Content()
		r.say(t, "700000000000000060", typedCh, gil, "<@"+testBot+"> quickrp 80kg bench")
		typed := r.waitOK(t, 1, dcfake.ChannelMessage(typedCh)).Content()
		if !strings.Contains(slash, `Rest-pause "quickrp": bench press`) || !strings.Contains(slash, "80 kg") {
			t.Errorf("/preset name:quickrp load:80kg exercise:bench answered:\n%s", slash)
		}
		if slash != typed {
			t.Errorf("/preset answered:\n%s\nquickrp 80kg bench typed:\n%s", slash, typed)
		}
	})

	t.Run("rest-pause by buttons, GO ping mentions only the lifter", func(t *testing.T) {
		ch := "400000000000000004"
		r.say(t, "700000000000000003", ch, cy, "<@"+testBot+"> quickrp 100kg squat")
		plan := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		r.press(t, "600000000000000003", "itok-start", ch, plan.RespID, plan.CustomID("Start"), cy)
		started := r.waitOK(t, 1, dcfake.FollowUp("itok-start"))
		if cb := r.f.Requests(dcfake.Callback("600000000000000003")); len(cb) != 1 || cb[0].CallbackType() != 6 {
			t.Fatalf("button acknowledged with %v", cb)
		}
		if !strings.Contains(started.Content(), "Started") {
			t.Fatalf("start reply:\n%s", started.Content())
		}
		done8 := started.CustomID("8")
		if !strings.HasPrefix(done8, "sp2:"+cy.ID+":") || !strings.Contains(done8, ":done 8") || strings.HasPrefix(done8, "sp2:"+cy.ID+"::") {
			t.Fatalf("rep button custom_id %q", done8)
		}
		r.press(t, "600000000000000004", "itok-done8", ch, started.RespID, done8, cy)
		// In place or as a new message, as the hub says (Reply.Edit; see
		// "a press answered with Edit edits the pressed message").
		answer := r.waitOK(t, 1, pressAnswer("itok-done8"))
		if c := answer.Content(); !strings.Contains(c, "Rest 1 s") {
			t.Errorf("the answer to done 8:\n%s", c)
		}
		ping := r.waitOK(t, 2, dcfake.ChannelMessage(ch))
		if c := ping.Content(); c != "<@"+cy.ID+"> GO: mini-set 1, 100 kg, as many as you can" {
			t.Errorf("ping %q", c)
		}
		checkMentions(t, ping, cy.ID)
	})

	t.Run("replies find their interaction by InReplyTo, in any order", func(t *testing.T) {
		ch := "400000000000000016"
		r.gate.mu.Lock()
		r.gate.channel = ch
		r.gate.mu.Unlock()
		defer func() { r.gate.mu.Lock(); r.gate.channel = ""; r.gate.mu.Unlock() }()
		// One lifter, one channel, two slash commands: the hub answers
		// the second first.
		r.slash(t, "600000000000000040", "itok-first", ch, ana, "help", dcfake.Str("topic", "drop"))
		r.slash(t, "600000000000000041", "itok-second", ch, ana, "help", dcfake.Str("topic", "rp"))
		var held []bot.Message
		for len(held) < 2 {
			select {
			case m := <-r.gate.held:
				held = append(held, m)
			case <-time.After(wait):
				t.Fatalf("%d of 2 commands reached the hub", len(held))
			}
		}
		// discordgo hands events to handlers on goroutines of their own:
		// they may have come in either order.
		slices.SortFunc(held, func(a, b bot.Message) int { return -strings.Compare(a.ID, b.ID) })
		for _, m := range held {
			if err := r.gate.Hub.Submit(context.Background(), m); err != nil {
				t.Fatal(err)
			}
		}
		first := r.waitOK(t, 1, dcfake.Original("itok-first"))
		second := r.waitOK(t, 1, dcfake.Original("itok-second"))
		if !strings.HasPrefix(first.Content(), "Drop set") || !strings.HasPrefix(second.Content(), "Rest-pause") {
			t.Errorf("answers crossed:\nfirst: %.40q\nsecond: %.40q", first.Content(), second.Content())
		}
		if second.N > first.N {
			t.Errorf("the hub answered in order; the test wants the second first")
		}
	})

	t.Run("export and import through slash commands", func(t *testing.T) {
		ch := "400000000000000014" // history is per lifter, not per channel
		// cy logged a set above: /export answers privately with a CSV.
		r.slash(t, "600000000000000020", "itok-export", ch, cy, "export")
		edit := r.waitOK(t, 1, dcfake.Original("itok-export"))
		if cb := r.f.Requests(dcfake.Callback("600000000000000020")); len(cb) != 1 || cb[0].Flags() != 64 {
			t.Fatalf("export deferral: %v", cb)
		}
		f, ok := edit.File("spotter-export.csv")
		if len(edit.Files) != 1 || !ok || !strings.Contains(string(f.Data), "100") {
			t.Fatalf("export files: %+v", edit.Files)
		}
		checkMentions(t, edit, cy.ID)
		// /import takes the CSV as an attachment option.
		csv := "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n2024-03-01,Deadlift,Back,180.0,3,,,,\n"
		att := r.f.PutAttachment("strong.csv", "text/csv", []byte(csv))
		_, err := r.f.Slash(bounded(t), r.shard, dcfake.Interaction{ID: "600000000000000021", Token: "itok-import", GuildID: testGuild,
			ChannelID: ch, User: cy, Name: "import", Options: []dcfake.Option{{Name: "file", Type: 11, Value: att.ID}},
			Attachments: []dcfake.Attachment{att}})
		if err != nil {
			t.Fatal(err)
		}
		imp := r.waitOK(t, 1, dcfake.Original("itok-import"))
		if c := imp.Content(); !strings.Contains(c, "1 set imported") {
			t.Errorf("import answer: %q", c)
		}
	})

	t.Run("@everyone in a command pings nobody", func(t *testing.T) {
		ch := "400000000000000005"
		r.say(t, "700000000000000004", ch, ana, "<@"+testBot+"> drop 80kg bench @everyone <@&444> @here")
		r.slash(t, "600000000000000005", "itok-every", ch, ana, "drop", dcfake.Str("load", "80kg"), dcfake.Str("exercise", "bench"), dcfake.Str("options", "@everyone <@&444>"))
		r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		r.waitOK(t, 1, dcfake.All(dcfake.Webhook("itok-every"), dcfake.Sends))
		msgs := r.f.Requests(dcfake.Any(dcfake.ChannelMessage(ch), dcfake.All(dcfake.Webhook("itok-every"), dcfake.Sends)))
		if len(msgs) < 2 {
			t.Fatalf("messages: %v", msgs)
		}
		for _, q := range msgs {
			checkMentions(t, q, ana.ID)
			if c := q.Content(); strings.Contains(strings.ReplaceAll(c, `\<`, ""), "<@&") {
				t.Errorf("a role mention survived escaping: %q", c)
			}
		}
	})

	t.Run("errors and Private commands answer ephemerally", func(t *testing.T) {
		ch := "400000000000000006"
		// done without a session is an error: the public deferral is
		// deleted and the answer is an ephemeral follow-up.
		r.slash(t, "600000000000000006", "itok-err", ch, bo, "done")
		fu := r.waitOK(t, 1, dcfake.FollowUp("itok-err"))
		if !fu.Ephemeral() {
			t.Errorf("error follow-up flags %d, want 64: %v", fu.Flags(), fu.Body)
		}
		if del := r.f.Requests(dcfake.DeleteOriginal("itok-err")); len(del) != 1 || del[0].N > fu.N {
			t.Errorf("the public deferral was not deleted first: %v", del)
		}
		checkMentions(t, fu, bo.ID)
		// A Private command is deferred ephemerally and edited.
		r.slash(t, "600000000000000007", "itok-priv", ch, bo, "history")
		edit := r.waitOK(t, 1, dcfake.Original("itok-priv"))
		cb := r.f.Requests(dcfake.Callback("600000000000000007"))
		if len(cb) != 1 || cb[0].CallbackType() != 5 || !cb[0].Ephemeral() {
			t.Errorf("Private deferral: %v", cb)
		}
		checkMentions(t, edit, bo.ID)
	})

	t.Run("gym: refused for a non-admin, set by Manage Server for the whole server", func(t *testing.T) {
		ch := "400000000000000031"
		opts := []dcfake.Option{{Name: "unit", Value: "kg"}, {Name: "item", Value: "plates"}, {Name: "values", Value: "20x4 10x2 5x2"}}
		r.slash(t, "600000000000000091", "itok-gym1", ch, cy, "gym", opts...)
		fu := r.waitOK(t, 1, dcfake.FollowUp("itok-gym1"))
		if !fu.Ephemeral() || !strings.Contains(fu.Content(), "manage the") && !strings.Contains(fu.Content(), "manage this") {
			t.Errorf("non-admin /gym: ephemeral %v, %q", fu.Ephemeral(), fu.Content())
		}
		_, err := r.f.Slash(bounded(t), r.shard, dcfake.Interaction{ID: "600000000000000092", Token: "itok-gym2", GuildID: testGuild,
			ChannelID: ch, User: ana, Permissions: 0x20, Name: "gym", Options: opts})
		if err != nil {
			t.Fatal(err)
		}
		ok := r.waitOK(t, 1, dcfake.Original("itok-gym2"))
		if !strings.Contains(ok.Content(), "Saved") || !strings.Contains(ok.Content(), "20x4 10x2 5x2") {
			t.Errorf("admin /gym: %q", ok.Content())
		}
		// Another channel of the server plans on it: no 2.5 kg plates, 85 kg is not a load.
		r.slash(t, "600000000000000093", "itok-gym3", "400000000000000032", cy, "rp",
			dcfake.Option{Name: "load", Value: "85kg"}, dcfake.Option{Name: "exercise", Value: "bench"})
		plan := r.waitOK(t, 1, dcfake.Original("itok-gym3"))
		if !strings.Contains(plan.Content(), "85 kg is not a barbell load") {
			t.Errorf("the server's plates were not used: %q", plan.Content())
		}
		r.f.Slash(bounded(t), r.shard, dcfake.Interaction{ID: "600000000000000094", Token: "itok-gym4", GuildID: testGuild,
			ChannelID: ch, User: ana, Permissions: 0x20, Name: "gym", Options: []dcfake.Option{{Name: "item", Value: "reset"}}})
		r.waitOK(t, 1, dcfake.Original("itok-gym4"))
	})

	t.Run("image and file as attachments", func(t *testing.T) {
		ch := "400000000000000007"
		png := []byte("\x89PNG\r\n\x1a\nfake")
		err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: ana.ID, Name: "Ana"}, Text: "Your bench",
			Image: &bot.File{Name: "chart.png", MIME: "image/png", Data: png},
			File:  &bot.File{Name: "spotter-export.csv", MIME: "text/csv", Data: []byte("date,exercise\n")}})
		if err != nil {
			t.Fatal(err)
		}
		q := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		if len(q.Files) != 2 || q.Files[0].Field != "files[0]" || q.Files[0].Name != "chart.png" || !bytes.Equal(q.Files[0].Data, png) ||
			q.Files[1].Name != "spotter-export.csv" || q.Files[1].Type != "text/csv" {
			t.Fatalf("files: %+v", q.Files)
		}
		if im := q.EmbedImages(); len(im) != 1 || im[0] != "attachment://chart.png" {
			t.Errorf("embeds: %v", q.Embeds())
		}
		checkMentions(t, q, ana.ID)
	})

	t.Run("429 is waited out", func(t *testing.T) {
		ch := "400000000000000008"
		var once sync.Once
		r.f.SetHook(func(q *dcfake.Request) *dcfake.Response {
			hit := false
			if dcfake.ChannelMessage(ch)(q) {
				once.Do(func() { hit = true })
			}
			if !hit {
				return nil
			}
			return &dcfake.Response{Status: 429, Body: `{"message": "You are being rate limited.", "retry_after": 0.4, "global": false}`,
				Header: http.Header{"Retry-After": {"1"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset-After": {"0.4"}}}
		})
		defer r.f.SetHook(nil)
		r.say(t, "700000000000000005", ch, bo, "<@"+testBot+"> help")
		ok := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		all := r.f.Requests(dcfake.ChannelMessage(ch))
		if len(all) != 2 || all[0].Status != 429 {
			t.Fatalf("attempts: %v", all)
		}
		if gap := ok.At.Sub(all[0].At); gap < 350*time.Millisecond {
			t.Errorf("retried after %v, before retry_after", gap)
		}
		// The error Send returns says how long to wait: here from the
		// fake's own fault injection, with Discord's headers and body.
		r.f.SetFaults(dcfake.Faults{Rate429: 1, RetryAfter: 2500 * time.Millisecond, Match: dcfake.ChannelMessage("400000000000000009")})
		defer r.f.SetFaults(dcfake.Faults{})
		err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: "400000000000000009", Text: "hi"})
		var ra bot.RetryAfterError
		if !errors.As(err, &ra) || ra.RetryAfter() != 2500*time.Millisecond {
			t.Errorf("Send: %v, want a RetryAfterError of 2.5 s", err)
		}
	})

	t.Run("seeded faults: the ping's 429 is waited out, one ping arrives", func(t *testing.T) {
		ch := "400000000000000017"
		fay := lifter{ID: "500000000000000006", GlobalName: "Fay"}
		// Each send of this exchange draws from the fault source, seeded:
		// with seed 2 and 30 %, only the 4th draw (the ping's first
		// attempt) fails. More attempts would meet the channel's pace of
		// 5 per 5 s, which counts them all.
		mine := func(q *dcfake.Request) bool {
			return dcfake.ChannelMessage(ch)(q) || strings.HasPrefix(q.Token(), "itok-f-") && dcfake.Sends(q)
		}
		r.f.SetFaults(dcfake.Faults{Rate429: 0.3, RetryAfter: 200 * time.Millisecond, Match: mine, Seed: 2})
		defer r.f.SetFaults(dcfake.Faults{})
		r.say(t, "700000000000000020", ch, fay, "<@"+testBot+"> quickrp 60kg bench")
		plan := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		r.press(t, "600000000000000050", "itok-f-start", ch, plan.RespID, plan.CustomID("Start"), fay)
		started := r.waitOK(t, 1, dcfake.FollowUp("itok-f-start"))
		r.press(t, "600000000000000051", "itok-f-done", ch, started.RespID, started.CustomID("8"), fay)
		r.waitOK(t, 1, pressAnswer("itok-f-done"))
		ping := r.waitOK(t, 2, dcfake.ChannelMessage(ch))
		if !strings.Contains(ping.Content(), "<@"+fay.ID+"> GO: mini-set 1") {
			t.Errorf("ping %q", ping.Content())
		}
		checkMentions(t, ping, fay.ID)
		r.f.SetFaults(dcfake.Faults{})
		tries := r.f.Requests(dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("GO:")))
		if len(tries) != 2 || tries[0].Fault != "429" || !tries[1].OK() {
			t.Fatalf("ping attempts: %v", tries)
		}
		if gap := tries[1].At.Sub(tries[0].At); gap < 190*time.Millisecond {
			t.Errorf("retried after %v, before retry_after", gap)
		}
		if n := r.f.Count(dcfake.All(mine, dcfake.Faulted)); n != 1 {
			t.Errorf("%d sends faulted, want 1: %v", n, r.f.Requests(mine))
		}
	})

	t.Run("gateway drop: reconnect, then the ping due meanwhile", func(t *testing.T) {
		ch := "400000000000000010"
		dee := lifter{ID: "500000000000000004", GlobalName: "Dee"}
		r.say(t, "700000000000000006", ch, dee, "<@"+testBot+"> quickrp 90kg bench")
		plan := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		r.press(t, "600000000000000010", "itok-d-start", ch, plan.RespID, plan.CustomID("Start"), dee)
		started := r.waitOK(t, 1, dcfake.FollowUp("itok-d-start"))
		// Discord is down: the gateway drops and REST refuses messages.
		var outage sync.Mutex
		down := true
		r.f.SetHook(func(q *dcfake.Request) *dcfake.Response {
			outage.Lock()
			defer outage.Unlock()
			if down && dcfake.ChannelMessage(ch)(q) {
				return &dcfake.Response{Status: 503, Body: `{"message": "upstream unavailable", "code": 0}`}
			}
			return nil
		})
		defer r.f.SetHook(nil)
		r.press(t, "600000000000000011", "itok-d-done", ch, started.RespID, started.CustomID("8"), dee)
		r.waitOK(t, 1, pressAnswer("itok-d-done"))
		before := r.f.Stats().Resumes
		if n := r.f.DropGateway(); n != shards {
			t.Errorf("dropped %d connections, want %d", n, shards)
		}
		r.waitReq(t, 1, dcfake.All(dcfake.ChannelMessage(ch), func(q *dcfake.Request) bool { return q.Status == 503 }))
		r.waitFor(t, "both shards to resume", func() bool { return r.f.Stats().Resumes >= before+shards })
		resumedAt := time.Now()
		if _, err := r.f.WaitLive(bounded(t), r.shard); err != nil {
			t.Fatal(err)
		}
		outage.Lock()
		down = false
		outage.Unlock()
		ping := r.waitOK(t, 2, dcfake.ChannelMessage(ch))
		if !ping.At.After(resumedAt) || !strings.Contains(ping.Content(), "<@"+dee.ID+"> GO: mini-set 1") {
			t.Errorf("ping %q at %v, resumed at %v", ping.Content(), ping.At, resumedAt)
		}
		checkMentions(t, ping, dee.ID)
		// Events flow on the resumed connection.
		r.press(t, "600000000000000012", "itok-d-done3", ch, started.RespID, started.CustomID("8"), dee)
		r.waitOK(t, 1, dcfake.Callback("600000000000000012"))
		for _, c := range r.f.Conns() {
			if c.Live && !c.Resumed {
				t.Errorf("connection %d on shard %d identified anew instead of resuming", c.ID, c.Shard)
			}
		}
	})

	t.Run("errors carry no token", func(t *testing.T) {
		r.f.SetHook(func(q *dcfake.Request) *dcfake.Response {
			switch {
			case q.Path == "/channels/400000000000000011/messages":
				return &dcfake.Response{Status: 404, Body: `{"message": "Unknown Channel", "code": 10003}`}
			case q.Path == "/channels/400000000000000012/messages":
				return &dcfake.Response{Status: 500, Body: `{"message": "echo ` + q.Auth + `", "code": 0}`}
			case strings.HasPrefix(q.Path, webhook("itok-secret-13")):
				return &dcfake.Response{Status: 500, Body: `{"message": "echo ` + q.Path + `", "code": 0}`}
			}
			return nil
		})
		defer r.f.SetHook(nil)
		ctx := context.Background()
		err := r.a.Send(ctx, bot.Reply{Platform: Platform, ChatID: "400000000000000011", Text: "hi"})
		if !errors.Is(err, bot.ErrPermanent) {
			t.Errorf("unknown channel: %v, want ErrPermanent", err)
		}
		err2 := r.a.Send(ctx, bot.Reply{Platform: Platform, ChatID: "400000000000000012", Text: "hi"})
		if err2 == nil || errors.Is(err2, bot.ErrPermanent) {
			t.Errorf("500: %v, want a plain error", err2)
		}
		r.slash(t, "600000000000000013", "itok-secret-13", "400000000000000013", ana, "help")
		r.waitOK(t, 1, dcfake.Callback("600000000000000013"))
		r.waitReq(t, 1, dcfake.Original("itok-secret-13"))
		err3 := r.a.Send(ctx, bot.Reply{Platform: Platform, ChatID: "400000000000000013", To: bot.User{ID: ana.ID}, Text: "hi", InReplyTo: "i600000000000000013"})
		_, err4 := New(Config{Token: testToken, APIURL: "ftp://x"}, nopHandler{}, nil)
		for _, e := range []error{err, err2, err3, err4} {
			if e == nil {
				t.Errorf("want an error")
				continue
			}
			if s := e.Error(); strings.Contains(s, testToken) || strings.Contains(s, "itok-secret-13") {
				t.Errorf("error shows a token: %s", s)
			}
		}
	})

	t.Run("dead token: public answers in the channel, private ones by DM", func(t *testing.T) {
		ch := "400000000000000015"
		eve := lifter{ID: "500000000000000005", GlobalName: "Eve"}
		r.f.ExpireToken("itok-dead-help")
		r.f.ExpireToken("itok-dead-hist")
		r.slash(t, "600000000000000030", "itok-dead-help", ch, eve, "help")
		pub := r.waitOK(t, 1, dcfake.ChannelMessage(ch))
		checkMentions(t, pub, eve.ID)
		if q := r.f.Requests(dcfake.Webhook("itok-dead-help")); len(q) == 0 || q[0].Status != 401 {
			t.Errorf("the dead token was not tried first: %v", q)
		}
		r.slash(t, "600000000000000031", "itok-dead-hist", ch, eve, "history")
		dm := r.waitOK(t, 1, dcfake.Route("POST", "/users/@me/channels"))
		if dm.Body["recipient_id"] != eve.ID || r.f.DMChannel(eve.ID) != dm.RespID {
			t.Fatalf("DM opened with %v", dm.Body)
		}
		priv := r.waitOK(t, 1, dcfake.ChannelMessage(dm.RespID))
		checkMentions(t, priv, eve.ID)
		if n := r.f.Count(dcfake.ChannelMessage(ch)); n != 1 {
			t.Errorf("%d messages in the channel, want only the public answer", n)
		}
	})

	t.Run("protocol: heartbeats acknowledged, sequence numbers carried", func(t *testing.T) {
		r.waitFor(t, "a heartbeat on every live connection", func() bool {
			n := 0
			for _, c := range r.f.Conns() {
				if c.Live && c.Heartbeats > 0 && c.LastHeartbeatSeq > 0 {
					n++
				}
			}
			return n == shards
		})
		if st := r.f.Stats(); st.Identifies != shards || st.Invalidated != 0 {
			t.Errorf("stats %+v: want %d identifies and no invalid sessions", st, shards)
		}
	})

	native(t, r)

	t.Run("logs carry no token", func(t *testing.T) {
		logs := r.logs.String()
		if strings.Contains(logs, testToken) || strings.Contains(logs, "itok-") {
			t.Errorf("a token in the logs:\n%s", logs)
		}
	})
}

type nopHandler struct{}

func (nopHandler) Submit(context.Context, bot.Message) error            { return nil }
func (nopHandler) Suggest(string, string, string, string, int) []string { return nil }
