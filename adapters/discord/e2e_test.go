package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

const (
	testToken = "MTIzNDU2Nzg5.fake.s3cr3t-bot-token"
	testApp   = "111111111111111111"
	testBot   = "222222222222222222"
	testGuild = "333333333333333333"
	shards    = 2
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

// rig is one real hub, one adapter with real discordgo sessions (two
// shards), and the fake Discord they talk to, shared by the subtests of
// TestEndToEnd (discordgo's Close sleeps a second).
type rig struct {
	f     *fakeDiscord
	a     *Adapter
	logs  *lockedBuffer
	shard int // the test guild's shard
}

type lifter struct{ id, name string }

func startRig(t *testing.T) *rig {
	t.Helper()
	f := newFakeDiscord(t, "Bot "+testToken, testApp, testBot)
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := coach.New(coach.Config{Presets: []coach.Preset{
		{Name: "quickrp", Technique: coach.RestPause, Options: coach.Options{Rest: time.Second}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	hub := bot.New(bot.Config{Coach: c, Store: db, Unit: coach.KG, Log: log, FlushTimeout: time.Second})
	a, err := New(Config{Token: testToken, APIURL: f.srv.URL + "/api/v9", GuildIDs: []string{testGuild}, Shards: shards}, hub, log)
	if err != nil {
		t.Fatal(err)
	}
	hub.Register(Platform, a, a.Pace())
	ctx, cancel := context.WithCancel(context.Background())
	hubDone, runDone := make(chan error, 1), make(chan error, 1)
	go func() { hubDone <- hub.Run(ctx) }()
	go func() { runDone <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		for _, ch := range []chan error{runDone, hubDone} {
			select {
			case err := <-ch:
				if err != nil {
					t.Errorf("shutdown: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Error("shutdown took over 10 s")
			}
		}
		db.Close()
		f.close()
	})
	r := &rig{f: f, a: a, logs: logs, shard: guildShard(testGuild, shards)}
	f.waitReq(t, "PUT", "/applications/"+testApp+"/guilds/"+testGuild+"/commands", 1)
	return r
}

// guildShard is the shard a guild's events arrive on.
func guildShard(guild string, n int) int {
	id, _ := strconv.ParseUint(guild, 10, 64)
	return int((id >> 22) % uint64(n))
}

func userJSON(u lifter) map[string]any {
	return map[string]any{"id": u.id, "username": strings.ToLower(u.name), "global_name": u.name}
}

// interaction is an INTERACTION_CREATE payload in the test guild.
func interaction(typ int, id, token, channel string, u lifter, perms string, data map[string]any) map[string]any {
	return map[string]any{
		"id": id, "application_id": testApp, "type": typ, "token": token, "version": 1,
		"guild_id": testGuild, "channel_id": channel, "data": data,
		"member": map[string]any{"user": userJSON(u), "permissions": perms, "roles": []any{}},
	}
}

func (r *rig) slash(t *testing.T, id, token, channel string, u lifter, name string, opts ...map[string]any) {
	t.Helper()
	r.f.dispatch(t, r.shard, "INTERACTION_CREATE", interaction(2, id, token, channel, u, "0",
		map[string]any{"id": "cmd-" + name, "name": name, "type": 1, "options": opts}))
}

func (r *rig) press(t *testing.T, id, token, channel, messageID, customID string, u lifter) {
	t.Helper()
	in := interaction(3, id, token, channel, u, "0", map[string]any{"custom_id": customID, "component_type": 2})
	in["message"] = map[string]any{"id": messageID, "channel_id": channel}
	r.f.dispatch(t, r.shard, "INTERACTION_CREATE", in)
}

func (r *rig) say(t *testing.T, id, channel string, u lifter, content string) {
	t.Helper()
	r.f.dispatch(t, r.shard, "MESSAGE_CREATE", map[string]any{
		"id": id, "channel_id": channel, "guild_id": testGuild, "author": userJSON(u), "content": content,
		"mentions": []any{map[string]any{"id": testBot, "username": "Spotter", "bot": true}},
	})
}

func opt(name string, typ int, value any) map[string]any {
	return map[string]any{"name": name, "type": typ, "value": value}
}

// content is a request's message content.
func content(q *fakeReq) string { s, _ := q.Body["content"].(string); return s }

// customIDs lists the custom_ids of a message body's buttons by label.
func customIDs(q *fakeReq) map[string]string {
	out := map[string]string{}
	rows, _ := q.Body["components"].([]any)
	for _, row := range rows {
		comps, _ := row.(map[string]any)["components"].([]any)
		for _, c := range comps {
			b := c.(map[string]any)
			out[b["label"].(string)] = b["custom_id"].(string)
		}
	}
	return out
}

// checkMentions fails unless a message body limits mentions to users.
func checkMentions(t *testing.T, q *fakeReq, users ...string) {
	t.Helper()
	am, ok := q.Body["allowed_mentions"].(map[string]any)
	if !ok {
		t.Fatalf("%s %s: no allowed_mentions in %v", q.Method, q.Path, q.Body)
	}
	if p, ok := am["parse"].([]any); !ok || len(p) != 0 {
		t.Errorf("%s %s: allowed_mentions.parse = %v, want []", q.Method, q.Path, am["parse"])
	}
	if _, ok := am["roles"]; ok {
		t.Errorf("%s %s: allowed_mentions.roles = %v", q.Method, q.Path, am["roles"])
	}
	got := fmt.Sprint(am["users"])
	if am["users"] == nil {
		got = "[]"
	}
	if want := fmt.Sprint(users); got != want {
		t.Errorf("%s %s: allowed_mentions.users = %s, want %s", q.Method, q.Path, got, want)
	}
}

func flags(q *fakeReq) int {
	if d, ok := q.Body["data"].(map[string]any); ok {
		q = &fakeReq{Body: d}
	}
	f, _ := q.Body["flags"].(float64)
	return int(f)
}

func TestEndToEnd(t *testing.T) {
	r := startRig(t)
	ana := lifter{"500000000000000001", "Ana"}
	bo := lifter{"500000000000000002", "Bo"}
	cy := lifter{"500000000000000003", "Cy"}

	t.Run("registration", func(t *testing.T) {
		put := r.f.requests("PUT", "/applications/")[0]
		if put.Auth != "Bot "+testToken {
			t.Errorf("auth %q", put.Auth)
		}
		cmds := put.Body["_list"].([]any)
		if len(cmds) != len(r.a.order) {
			t.Fatalf("%d commands registered, want %d", len(cmds), len(r.a.order))
		}
		byName := map[string]map[string]any{}
		for _, c := range cmds {
			m := c.(map[string]any)
			byName[m["name"].(string)] = m
		}
		opts := byName["drop"]["options"].([]any)
		ex := opts[1].(map[string]any)
		if ex["name"] != "exercise" || ex["autocomplete"] != true || ex["required"] != true {
			t.Errorf("drop's second option: %v", ex)
		}
		r.f.mu.Lock()
		defer r.f.mu.Unlock()
		seen := map[string]bool{}
		for _, g := range r.f.gws {
			if g.intents&(1<<15) != 0 {
				t.Errorf("MESSAGE_CONTENT requested without a prefix: intents %b", g.intents)
			}
			seen[fmt.Sprint(g.shardInfo)] = true
		}
		if !seen["[0 2]"] || !seen["[1 2]"] {
			t.Errorf("shards identified: %v, want [0 2] and [1 2]", seen)
		}
	})

	t.Run("slash drop is deferred then edited with the ladder", func(t *testing.T) {
		ch := "400000000000000001"
		r.slash(t, "600000000000000001", "itok-drop", ch, ana, "drop", opt("load", 3, "80kg"), opt("exercise", 3, "bench"))
		edit := r.f.waitReq(t, "PATCH", "/webhooks/"+testApp+"/itok-drop/messages/@original", 1)
		cb := r.f.requests("POST", "/interactions/600000000000000001/itok-drop/callback")
		if len(cb) != 1 || cb[0].Body["type"] != float64(5) || flags(cb[0]) != 0 || !cb[0].At.Before(edit.At) {
			t.Fatalf("callback: %+v", cb)
		}
		if c := content(edit); !strings.Contains(strings.ToLower(c), "bench") || !strings.Contains(c, "80 kg") {
			t.Errorf("edit content:\n%s", c)
		}
		if id := customIDs(edit)["Start"]; id != "sp::start" {
			t.Errorf("Start button custom_id %q; buttons %v", id, customIDs(edit))
		}
		checkMentions(t, edit, ana.id)
	})

	t.Run("mention command answered in the channel", func(t *testing.T) {
		ch := "400000000000000002"
		// The bot's own messages and other bots' are ignored.
		r.f.dispatch(t, r.shard, "MESSAGE_CREATE", map[string]any{"id": "700000000000000001", "channel_id": ch, "guild_id": testGuild,
			"author": map[string]any{"id": testBot, "username": "Spotter", "bot": true}, "content": "<@" + testBot + "> help"})
		r.say(t, "700000000000000002", ch, bo, "<@!"+testBot+"> drop 100kg squat")
		post := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 1)
		if c := content(post); !strings.Contains(c, "100 kg") || !strings.Contains(strings.ToLower(c), "squat") {
			t.Errorf("reply:\n%s", c)
		}
		checkMentions(t, post, bo.id)
		if n := len(r.f.requests("POST", "/channels/"+ch+"/messages")); n != 1 {
			t.Errorf("%d messages in the channel, want 1 (the bot's own message is ignored)", n)
		}
	})

	t.Run("autocomplete answers exercise names", func(t *testing.T) {
		r.f.dispatch(t, r.shard, "INTERACTION_CREATE", interaction(4, "600000000000000002", "itok-auto", "400000000000000003", ana, "0",
			map[string]any{"id": "cmd-drop", "name": "drop", "type": 1, "options": []any{
				opt("load", 3, "80kg"), map[string]any{"name": "exercise", "type": 3, "value": "bench", "focused": true}}}))
		cb := r.f.waitReq(t, "POST", "/interactions/600000000000000002/itok-auto/callback", 1)
		if cb.Body["type"] != float64(8) {
			t.Fatalf("callback type %v", cb.Body["type"])
		}
		choices, _ := cb.Body["data"].(map[string]any)["choices"].([]any)
		if len(choices) == 0 || len(choices) > 25 || choices[0].(map[string]any)["value"] != "bench press" {
			t.Errorf("choices: %v", choices)
		}
	})

	t.Run("rest-pause by buttons, GO ping mentions only the lifter", func(t *testing.T) {
		ch := "400000000000000004"
		r.say(t, "700000000000000003", ch, cy, "<@"+testBot+"> quickrp 100kg squat")
		plan := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 1)
		r.press(t, "600000000000000003", "itok-start", ch, plan.RespID, customIDs(plan)["Start"], cy)
		started := r.f.waitReq(t, "POST", "/webhooks/"+testApp+"/itok-start", 1)
		if cb := r.f.requests("POST", "/interactions/600000000000000003/"); len(cb) != 1 || cb[0].Body["type"] != float64(6) {
			t.Fatalf("button acknowledged with %+v", cb)
		}
		if !strings.Contains(content(started), "Started") {
			t.Fatalf("start reply:\n%s", content(started))
		}
		done8 := customIDs(started)["8"]
		if !strings.HasPrefix(done8, "sp:") || !strings.HasSuffix(done8, ":done 8") || done8 == "sp::done 8" {
			t.Fatalf("rep button custom_id %q", done8)
		}
		r.press(t, "600000000000000004", "itok-done8", ch, started.RespID, done8, cy)
		inPlace := r.f.waitReq(t, "PATCH", "/webhooks/"+testApp+"/itok-done8/messages/@original", 1)
		if c := content(inPlace); !strings.Contains(c, "Rest 1 s") {
			t.Errorf("in-place update:\n%s", c)
		}
		ping := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 2)
		if c := content(ping); c != "<@"+cy.id+"> GO: mini-set 1, 100 kg, as many as you can" {
			t.Errorf("ping %q", c)
		}
		checkMentions(t, ping, cy.id)
	})

	t.Run("export and import through slash commands", func(t *testing.T) {
		ch := "400000000000000014" // history is per lifter, not per channel
		// cy logged a set above: /export answers privately with a CSV.
		r.slash(t, "600000000000000020", "itok-export", ch, cy, "export")
		edit := r.f.waitReq(t, "PATCH", "/webhooks/"+testApp+"/itok-export/messages/@original", 1)
		if cb := r.f.requests("POST", "/interactions/600000000000000020/"); len(cb) != 1 || flags(cb[0]) != 64 {
			t.Fatalf("export deferral: %v", cb)
		}
		if len(edit.Files) != 1 || edit.Files[0].Name != "spotter-export.csv" || !strings.Contains(string(edit.Files[0].Data), "100") {
			t.Fatalf("export files: %+v", edit.Files)
		}
		checkMentions(t, edit, cy.id)
		// /import takes the CSV as an attachment option.
		csv := "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n2024-03-01,Deadlift,Back,180.0,3,,,,\n"
		r.f.mu.Lock()
		r.f.attachments["/attachments/1/2/strong.csv"] = []byte(csv)
		r.f.mu.Unlock()
		in := interaction(2, "600000000000000021", "itok-import", ch, cy, "0", map[string]any{
			"id": "cmd-import", "name": "import", "type": 1, "options": []any{opt("file", 11, "800000000000000001")},
			"resolved": map[string]any{"attachments": map[string]any{"800000000000000001": map[string]any{
				"id": "800000000000000001", "filename": "strong.csv", "content_type": "text/csv", "size": len(csv),
				"url": r.f.srv.URL + "/attachments/1/2/strong.csv"}}},
		})
		r.f.dispatch(t, r.shard, "INTERACTION_CREATE", in)
		imp := r.f.waitReq(t, "PATCH", "/webhooks/"+testApp+"/itok-import/messages/@original", 1)
		if c := content(imp); !strings.Contains(c, "1 sets imported") {
			t.Errorf("import answer: %q", c)
		}
	})

	t.Run("@everyone in a command pings nobody", func(t *testing.T) {
		ch := "400000000000000005"
		r.say(t, "700000000000000004", ch, ana, "<@"+testBot+"> drop 80kg bench @everyone <@&444> @here")
		r.slash(t, "600000000000000005", "itok-every", ch, ana, "drop", opt("load", 3, "80kg"), opt("exercise", 3, "bench"), opt("options", 3, "@everyone <@&444>"))
		r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 1)
		r.f.waitFor(t, 10*time.Second, "the slash answer", func() bool {
			return len(r.f.find("PATCH", "/webhooks/"+testApp+"/itok-every/"))+len(r.f.find("POST", "/webhooks/"+testApp+"/itok-every")) > 0
		})
		var msgs []*fakeReq
		msgs = append(msgs, r.f.requests("POST", "/channels/"+ch+"/")...)
		msgs = append(msgs, r.f.requests("PATCH", "/webhooks/"+testApp+"/itok-every/")...)
		msgs = append(msgs, r.f.requests("POST", "/webhooks/"+testApp+"/itok-every")...)
		for _, q := range msgs {
			checkMentions(t, q, ana.id)
			if c := content(q); strings.Contains(strings.ReplaceAll(c, `\<`, ""), "<@&") {
				t.Errorf("a role mention survived escaping: %q", c)
			}
		}
	})

	t.Run("errors and Private commands answer ephemerally", func(t *testing.T) {
		ch := "400000000000000006"
		// done without a session is an error: the public deferral is
		// deleted and the answer is an ephemeral follow-up.
		r.slash(t, "600000000000000006", "itok-err", ch, bo, "done")
		fu := r.f.waitReq(t, "POST", "/webhooks/"+testApp+"/itok-err", 1)
		if flags(fu) != 64 {
			t.Errorf("error follow-up flags %d, want 64: %v", flags(fu), fu.Body)
		}
		if del := r.f.requests("DELETE", "/webhooks/"+testApp+"/itok-err/messages/@original"); len(del) != 1 || !del[0].At.Before(fu.At) {
			t.Errorf("the public deferral was not deleted first: %v", del)
		}
		checkMentions(t, fu, bo.id)
		// A Private command is deferred ephemerally and edited.
		r.slash(t, "600000000000000007", "itok-priv", ch, bo, "history")
		edit := r.f.waitReq(t, "PATCH", "/webhooks/"+testApp+"/itok-priv/messages/@original", 1)
		cb := r.f.requests("POST", "/interactions/600000000000000007/")
		if len(cb) != 1 || cb[0].Body["type"] != float64(5) || flags(cb[0]) != 64 {
			t.Errorf("Private deferral: %v", cb[0].Body)
		}
		checkMentions(t, edit, bo.id)
	})

	t.Run("image and file as attachments", func(t *testing.T) {
		ch := "400000000000000007"
		png := []byte("\x89PNG\r\n\x1a\nfake")
		err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: ana.id, Name: "Ana"}, Text: "Your bench",
			Image: &bot.File{Name: "chart.png", MIME: "image/png", Data: png},
			File:  &bot.File{Name: "spotter-export.csv", MIME: "text/csv", Data: []byte("date,exercise\n")}})
		if err != nil {
			t.Fatal(err)
		}
		q := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 1)
		if len(q.Files) != 2 || q.Files[0].Field != "files[0]" || q.Files[0].Name != "chart.png" || !bytes.Equal(q.Files[0].Data, png) ||
			q.Files[1].Name != "spotter-export.csv" || q.Files[1].Type != "text/csv" {
			t.Fatalf("files: %+v", q.Files)
		}
		embeds, _ := q.Body["embeds"].([]any)
		if len(embeds) != 1 || embeds[0].(map[string]any)["image"].(map[string]any)["url"] != "attachment://chart.png" {
			t.Errorf("embeds: %v", q.Body["embeds"])
		}
		checkMentions(t, q, ana.id)
	})

	t.Run("429 is waited out", func(t *testing.T) {
		ch := "400000000000000008"
		var once sync.Once
		r.f.mu.Lock()
		r.f.hook = func(q *fakeReq) (int, string, http.Header, bool) {
			hit := false
			if q.Method == "POST" && q.Path == "/channels/"+ch+"/messages" {
				once.Do(func() { hit = true })
			}
			if !hit {
				return 0, "", nil, false
			}
			return 429, `{"message": "You are being rate limited.", "retry_after": 0.4, "global": false}`,
				http.Header{"Retry-After": {"1"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset-After": {"0.4"}}, true
		}
		r.f.mu.Unlock()
		defer func() { r.f.mu.Lock(); r.f.hook = nil; r.f.mu.Unlock() }()
		r.say(t, "700000000000000005", ch, bo, "<@"+testBot+"> help")
		ok := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 1)
		all := r.f.requests("POST", "/channels/"+ch+"/messages")
		if len(all) != 2 || all[0].Status != 429 {
			t.Fatalf("attempts: %d", len(all))
		}
		if gap := ok.At.Sub(all[0].At); gap < 350*time.Millisecond {
			t.Errorf("retried after %v, before retry_after", gap)
		}
		// The error Send returns says how long to wait.
		r.f.mu.Lock()
		r.f.hook = func(q *fakeReq) (int, string, http.Header, bool) {
			if q.Method == "POST" && q.Path == "/channels/400000000000000009/messages" {
				return 429, `{"message": "You are being rate limited.", "retry_after": 2.5, "global": false}`, nil, true
			}
			return 0, "", nil, false
		}
		r.f.mu.Unlock()
		err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: "400000000000000009", Text: "hi"})
		var ra bot.RetryAfterError
		if !errors.As(err, &ra) || ra.RetryAfter() != 2500*time.Millisecond {
			t.Errorf("Send: %v, want a RetryAfterError of 2.5 s", err)
		}
	})

	t.Run("gateway drop: reconnect, then the ping due meanwhile", func(t *testing.T) {
		ch := "400000000000000010"
		dee := lifter{"500000000000000004", "Dee"}
		r.say(t, "700000000000000006", ch, dee, "<@"+testBot+"> quickrp 90kg bench")
		plan := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 1)
		r.press(t, "600000000000000010", "itok-d-start", ch, plan.RespID, customIDs(plan)["Start"], dee)
		started := r.f.waitReq(t, "POST", "/webhooks/"+testApp+"/itok-d-start", 1)
		// Discord is down: the gateway drops and REST refuses messages.
		var outage sync.Mutex
		down := true
		r.f.mu.Lock()
		r.f.hook = func(q *fakeReq) (int, string, http.Header, bool) {
			outage.Lock()
			defer outage.Unlock()
			if down && q.Method == "POST" && q.Path == "/channels/"+ch+"/messages" {
				return 503, `{"message": "upstream unavailable", "code": 0}`, nil, true
			}
			return 0, "", nil, false
		}
		r.f.mu.Unlock()
		defer func() { r.f.mu.Lock(); r.f.hook = nil; r.f.mu.Unlock() }()
		r.press(t, "600000000000000011", "itok-d-done", ch, started.RespID, customIDs(started)["8"], dee)
		r.f.waitReq(t, "PATCH", "/webhooks/"+testApp+"/itok-d-done/messages/@original", 1)
		r.f.drop(t, r.shard)
		r.f.waitFor(t, 10*time.Second, "the ping refused during the outage", func() bool {
			for _, q := range r.f.find("POST", "/channels/"+ch+"/messages") {
				if q.Status == 503 {
					return true
				}
			}
			return false
		})
		var resumedAt time.Time
		r.f.waitFor(t, 10*time.Second, "the shard to resume", func() bool {
			for _, g := range r.f.gws {
				if g.shard == r.shard && g.live && g.resumed {
					resumedAt = time.Now()
					return true
				}
			}
			return false
		})
		outage.Lock()
		down = false
		outage.Unlock()
		ping := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 2)
		if !ping.At.After(resumedAt) || !strings.Contains(content(ping), "<@"+dee.id+"> GO: mini-set 1") {
			t.Errorf("ping %q at %v, resumed at %v", content(ping), ping.At, resumedAt)
		}
		checkMentions(t, ping, dee.id)
		// Events flow on the resumed connection.
		r.press(t, "600000000000000012", "itok-d-done3", ch, started.RespID, customIDs(started)["8"], dee)
		r.f.waitReq(t, "POST", "/interactions/600000000000000012/itok-d-done3/callback", 1)
	})

	t.Run("errors carry no token", func(t *testing.T) {
		r.f.mu.Lock()
		r.f.hook = func(q *fakeReq) (int, string, http.Header, bool) {
			switch {
			case q.Path == "/channels/400000000000000011/messages":
				return 404, `{"message": "Unknown Channel", "code": 10003}`, nil, true
			case q.Path == "/channels/400000000000000012/messages":
				return 500, `{"message": "echo ` + q.Auth + `", "code": 0}`, nil, true
			case strings.HasPrefix(q.Path, "/webhooks/"+testApp+"/itok-secret-13"):
				return 500, `{"message": "echo ` + q.Path + `", "code": 0}`, nil, true
			}
			return 0, "", nil, false
		}
		r.f.mu.Unlock()
		defer func() { r.f.mu.Lock(); r.f.hook = nil; r.f.mu.Unlock() }()
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
		r.f.waitReq(t, "POST", "/interactions/600000000000000013/itok-secret-13/callback", 1)
		r.f.waitFor(t, 10*time.Second, "the hub's answer attempt", func() bool {
			return len(r.f.find("PATCH", "/webhooks/"+testApp+"/itok-secret-13")) > 0
		})
		err3 := r.a.Send(ctx, bot.Reply{Platform: Platform, ChatID: "400000000000000013", To: bot.User{ID: ana.id}, Text: "hi"})
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
		eve := lifter{"500000000000000005", "Eve"}
		r.f.mu.Lock()
		r.f.hook = func(q *fakeReq) (int, string, http.Header, bool) {
			if strings.HasPrefix(q.Path, "/webhooks/"+testApp+"/itok-dead") {
				return 401, `{"message": "Invalid Webhook Token", "code": 50027}`, nil, true
			}
			return 0, "", nil, false
		}
		r.f.mu.Unlock()
		defer func() { r.f.mu.Lock(); r.f.hook = nil; r.f.mu.Unlock() }()
		r.slash(t, "600000000000000030", "itok-dead-help", ch, eve, "help")
		pub := r.f.waitReq(t, "POST", "/channels/"+ch+"/messages", 1)
		checkMentions(t, pub, eve.id)
		r.slash(t, "600000000000000031", "itok-dead-hist", ch, eve, "history")
		dm := r.f.waitReq(t, "POST", "/users/@me/channels", 1)
		if dm.Body["recipient_id"] != eve.id {
			t.Fatalf("DM opened with %v", dm.Body)
		}
		priv := r.f.waitReq(t, "POST", "/channels/"+dm.RespID+"/messages", 1)
		checkMentions(t, priv, eve.id)
		if n := len(r.f.requests("POST", "/channels/"+ch+"/messages")); n != 1 {
			t.Errorf("%d messages in the channel, want only the public answer", n)
		}
	})

	t.Run("logs carry no token", func(t *testing.T) {
		logs := r.logs.String()
		if strings.Contains(logs, testToken) || strings.Contains(logs, "itok-") {
			t.Errorf("a token in the logs:\n%s", logs)
		}
	})
}

type nopHandler struct{}

func (nopHandler) Submit(context.Context, bot.Message) error { return nil }
func (nopHandler) Exercises(string, int) []string            { return nil }
