package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/internal/dcfake"
	"github.com/spotter-coach/spotter/internal/hubtest"
)

// testClock is the adapter's clock in tests: it stands still until
// Advance moves it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// sends notes the hub's replies the adapter has finished sending, so that
// a test can wait until the adapter, not only the fake, is done with one.
type sends struct {
	*spy
	mu   sync.Mutex
	done map[string]bool // by InReplyTo
	wake chan struct{}
}

func (s *sends) Send(ctx context.Context, r bot.Reply) error {
	err := s.spy.Send(ctx, r)
	s.mu.Lock()
	s.done[r.InReplyTo] = true
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return err
}

// wait waits until the adapter has sent a reply to the message id.
func (s *sends) wait(t *testing.T, id string) {
	t.Helper()
	deadline := time.After(wait)
	for {
		s.mu.Lock()
		ok := s.done[id]
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-s.wake:
		case <-deadline:
			t.Fatalf("no reply to %s was sent", id)
		}
	}
}

// startClockRig is startRig with the adapter on clk: a real hub, real
// discordgo sessions and the fake.
func startClockRig(t *testing.T, clk *testClock) (*rig, *sends) {
	t.Helper()
	f, err := dcfake.Start(dcfake.Config{Token: testToken, AppID: testApp, BotID: testBot, Guilds: []string{testGuild}, Shards: shards, MaxConcurrency: 16})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hub := hubtest.New(t, hubtest.Config{Coach: c, Log: log})
	g := &gate{Hub: hub.Hub, held: make(chan bot.Message, 16)}
	a, err := New(Config{Token: testToken, APIURL: f.APIURL(), GuildIDs: []string{testGuild}, Shards: shards}, g, log)
	if err != nil {
		t.Fatal(err)
	}
	a.now = clk.Now // before Run: the adapter's goroutines read it
	sp := &spy{Adapter: a}
	sn := &sends{spy: sp, done: map[string]bool{}, wake: make(chan struct{}, 1)}
	hub.Serve(t, sn)
	r := &rig{f: f, a: a, spy: sp, gate: g, logs: logs, shard: dcfake.ShardOf(testGuild, shards)}
	r.waitReq(t, 1, dcfake.All(dcfake.BulkOverwrite(testGuild), dcfake.Succeeded))
	return r, sn
}

// userOnly is an interaction of u's where only u installed Spotter.
func userOnly(id, token, channel string, u lifter, name string, opts ...dcfake.Option) dcfake.Interaction {
	return dcfake.Interaction{ID: id, Token: token, GuildID: testGuild, ChannelID: channel, User: u, Name: name, Options: opts,
		Owners: map[int]string{1: u.ID}}
}

// goPing is a GO ping for u with a rep button, as the hub sends it.
func goPing(channel string, u lifter, text string) bot.Reply {
	to := bot.User{ID: u.ID, Name: u.GlobalName}
	return bot.Reply{Platform: Platform, ChatID: channel, Group: true, To: to, Text: to.Name + ": " + text,
		Pings: []bot.Ping{{To: to, Text: text, Buttons: [][]bot.Button{{{Label: "8", Data: "done 8"}}}}}}
}

// isForbidden reports a permanent, Forbidden send error.
func isForbidden(err error) bool {
	var fb bot.Forbidden
	return errors.Is(err, bot.ErrPermanent) && errors.As(err, &fb) && fb.Forbidden()
}

// TestUserInstalledPings: where the bot cannot post as itself (a server
// that did not add it, a private channel), a lifter's GO ping arrives as
// a follow-up of their latest interaction there, while its token lives.
func TestUserInstalledPings(t *testing.T) {
	clk := &testClock{t: time.Now()}
	r, sent := startClockRig(t, clk)
	ch := "400000000000000201"
	nia := lifter{ID: "500000000000000201", GlobalName: "Nia"}
	r.f.ForbidChannel(ch, true)
	noChannel := func(t *testing.T, channel string) {
		t.Helper()
		if n := r.f.Count(dcfake.ChannelMessage(channel)); n != 0 {
			t.Errorf("%d channel messages tried where the bot is no member: %v", n, r.f.Requests(dcfake.ChannelMessage(channel)))
		}
	}

	t.Run("through the hub: /rp, /start, a rep button, and the GO ping follows up the press", func(t *testing.T) {
		if _, err := r.f.Slash(bounded(t), r.shard, userOnly("600000000000000201", "itok-u-rp", ch, nia, "rp",
			dcfake.Str("load", "100kg"), dcfake.Str("exercise", "squat"), dcfake.Str("options", "rest 1s"))); err != nil {
			t.Fatal(err)
		}
		plan := r.waitOK(t, 1, dcfake.Original("itok-u-rp"))
		if !strings.Contains(plan.Content(), "100 kg") {
			t.Fatalf("/rp answered %q", plan.Content())
		}
		if _, err := r.f.Slash(bounded(t), r.shard, userOnly("600000000000000202", "itok-u-start", ch, nia, "start")); err != nil {
			t.Fatal(err)
		}
		started := r.waitOK(t, 1, dcfake.Original("itok-u-start"))
		done8 := started.CustomID("8")
		if !strings.Contains(started.Content(), "Started") || done8 == "" {
			t.Fatalf("/start answered %q, buttons %v", started.Content(), started.Buttons())
		}
		press := userOnly("600000000000000203", "itok-u-done", ch, nia, "")
		press.CustomID, press.MessageID = done8, started.RespID
		if _, err := r.f.Press(bounded(t), r.shard, press); err != nil {
			t.Fatal(err)
		}
		answer := r.waitOK(t, 1, pressAnswer("itok-u-done"))
		if !strings.Contains(answer.Content(), "Rest 1 s") {
			t.Fatalf("the press answered %q", answer.Content())
		}
		// The rest is a second of the hub's real clock.
		ping := r.waitOK(t, 1, dcfake.All(dcfake.FollowUp("itok-u-done"), dcfake.ContentContains("GO:")))
		if c := ping.Content(); c != "<@"+nia.ID+"> GO: mini-set 1, 100 kg, as many as you can" {
			t.Errorf("ping %q", c)
		}
		if bs := ping.Buttons(); len(bs) == 0 || ping.CustomID("1") == "" {
			t.Errorf("the ping's buttons: %v", bs)
		} else {
			for _, b := range bs {
				if !strings.HasPrefix(b.CustomID, "sp2:"+nia.ID+":") {
					t.Errorf("a ping button for someone else: %+v", b)
				}
			}
		}
		if ping.Ephemeral() {
			t.Error("the ping is ephemeral: it would notify nobody")
		}
		checkMentions(t, ping, nia.ID)
		if st, _ := r.f.Stored(ping.RespID); st.ChannelID != ch || st.Content != ping.Content() {
			t.Errorf("the ping as stored: %+v", st)
		}
		for _, tok := range []string{"itok-u-rp", "itok-u-start"} {
			if n := r.f.Count(dcfake.All(dcfake.Webhook(tok), dcfake.ContentContains("GO:"))); n != 0 {
				t.Errorf("the ping went to an older interaction (%s)", tok)
			}
		}
		noChannel(t, ch)
	})

	t.Run("a deferral the hub has yet to answer is left alone; once answered it is the latest", func(t *testing.T) {
		r.hold(t, ch)
		if _, err := r.f.Slash(bounded(t), r.shard, userOnly("600000000000000204", "itok-u-held", ch, nia, "help")); err != nil {
			t.Fatal(err)
		}
		m := r.held(t)
		r.waitOK(t, 1, dcfake.Callback("600000000000000204"))
		if err := r.a.Send(context.Background(), goPing(ch, nia, "GO: mini-set 2")); err != nil {
			t.Fatal(err)
		}
		if n := r.f.Count(dcfake.Webhook("itok-u-held")); n != 0 {
			t.Errorf("the ping used the unanswered deferral (it would become its response): %v", r.f.Requests(dcfake.Webhook("itok-u-held")))
		}
		r.waitOK(t, 1, dcfake.All(dcfake.FollowUp("itok-u-done"), dcfake.ContentContains("GO: mini-set 2")))
		// The answer, as the hub would send it; once Send returns, the
		// adapter knows the deferral is answered.
		if err := r.a.Send(context.Background(), bot.Reply{Platform: Platform, ChatID: ch, To: bot.User{ID: nia.ID, Name: "Nia"},
			Text: "Help.", Interaction: true, InReplyTo: m.ID}); err != nil {
			t.Fatal(err)
		}
		r.waitOK(t, 1, dcfake.Original("itok-u-held"))
		if err := r.a.Send(context.Background(), goPing(ch, nia, "GO: mini-set 3")); err != nil {
			t.Fatal(err)
		}
		fu := r.waitOK(t, 1, dcfake.All(dcfake.FollowUp("itok-u-held"), dcfake.ContentContains("GO: mini-set 3")))
		if orig := r.f.Requests(dcfake.Callback("600000000000000204"))[0].RespID; fu.RespID == orig {
			t.Error("the ping replaced the command's answer")
		}
		noChannel(t, ch)
	})

	t.Run("merged pings are split: each lifter with a token gets theirs, the others one channel message", func(t *testing.T) {
		pm := "400000000000000202" // a group DM (context 2), reached through a user install
		ola := lifter{ID: "500000000000000202", GlobalName: "Ola"}
		pia := lifter{ID: "500000000000000203", GlobalName: "Pia"}
		quin := lifter{ID: "500000000000000204", GlobalName: "Quin"}
		r.f.ForbidChannel(pm, true)
		defer r.f.ForbidChannel(pm, false)
		for i, u := range []lifter{ola, pia} {
			id, tok := fmt.Sprintf("60000000000000021%d", i), fmt.Sprintf("itok-u-pm%d", i)
			_, err := r.f.Slash(bounded(t), 0, dcfake.Interaction{ID: id, Token: tok, ChannelID: pm, User: u, Name: "help", Context: 2,
				Owners: map[int]string{1: u.ID}})
			if err != nil {
				t.Fatal(err)
			}
			r.waitOK(t, 1, dcfake.Original(tok))
			sent.wait(t, "i"+id)
		}
		merged := goPing(pm, ola, "GO: set 2")
		merged.To = bot.User{}
		for _, u := range []lifter{pia, quin} {
			merged.Pings = append(merged.Pings, goPing(pm, u, "GO: set 3").Pings[0])
		}
		err := r.a.Send(context.Background(), merged)
		if !isForbidden(err) {
			t.Errorf("Send: %v, want Quin's line refused (Forbidden)", err)
		}
		for i, u := range []lifter{ola, pia} {
			fu := r.f.Requests(dcfake.FollowUp(fmt.Sprintf("itok-u-pm%d", i)))
			if len(fu) != 1 || !strings.HasPrefix(fu[0].Content(), "<@"+u.ID+"> GO: set") || strings.Count(fu[0].Content(), "<@") != 1 {
				t.Fatalf("%s's follow-ups: %v", u.GlobalName, fu)
			}
			// Alone in its message, a ping carries its lifter's buttons.
			if id := fu[0].CustomID("8"); !strings.HasPrefix(id, "sp2:"+u.ID+":") {
				t.Errorf("%s's ping buttons: %v", u.GlobalName, fu[0].Buttons())
			}
			checkMentions(t, fu[0], u.ID)
		}
		rest := r.f.Requests(dcfake.ChannelMessage(pm))
		if len(rest) != 1 || rest[0].Status != 403 || rest[0].Content() != "<@"+quin.ID+"> GO: set 3" {
			t.Fatalf("the channel message: %v", rest)
		}
		checkMentions(t, rest[0], quin.ID)
	})

	t.Run("a token Discord refuses (404 Unknown Webhook, 401) is dropped, and the ping goes to the channel", func(t *testing.T) {
		ch2 := "400000000000000203"
		rui := lifter{ID: "500000000000000205", GlobalName: "Rui"}
		r.f.ForbidChannel(ch2, true)
		defer r.f.ForbidChannel(ch2, false)
		if _, err := r.f.Slash(bounded(t), r.shard, userOnly("600000000000000220", "itok-u-gone", ch2, rui, "help")); err != nil {
			t.Fatal(err)
		}
		r.waitOK(t, 1, dcfake.Original("itok-u-gone"))
		sent.wait(t, "i600000000000000220")
		r.f.SetHook(func(q *dcfake.Request) *dcfake.Response {
			if dcfake.FollowUp("itok-u-gone")(q) {
				return &dcfake.Response{Status: 404, Body: `{"message": "Unknown Webhook", "code": 10015}`}
			}
			return nil
		})
		defer r.f.SetHook(nil)
		if err := r.a.Send(context.Background(), goPing(ch2, rui, "GO: set 2")); !isForbidden(err) {
			t.Errorf("Send: %v, want the channel message's 403", err)
		}
		if fu, cm := r.f.Requests(dcfake.FollowUp("itok-u-gone")), r.f.Requests(dcfake.ChannelMessage(ch2)); len(fu) != 1 || fu[0].Status != 404 ||
			len(cm) != 1 || cm[0].N < fu[0].N || cm[0].Content() != "<@"+rui.ID+"> GO: set 2" {
			t.Fatalf("follow-ups %v, then channel messages %v", fu, cm)
		}
		// Dropped: the next ping does not try it again.
		r.f.ForbidChannel(ch2, false)
		if err := r.a.Send(context.Background(), goPing(ch2, rui, "GO: set 3")); err != nil {
			t.Fatal(err)
		}
		if n := r.f.Count(dcfake.FollowUp("itok-u-gone")); n != 1 {
			t.Errorf("the dropped token was tried again (%d follow-ups)", n)
		}
		r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch2), dcfake.ContentContains("GO: set 3")))

		// Discord's 15 minutes pass while the adapter's clock says the
		// token is young: Discord answers 401, and the same happens.
		r.f.SetHook(nil)
		r.f.ForbidChannel(ch2, true)
		if _, err := r.f.Slash(bounded(t), r.shard, userOnly("600000000000000221", "itok-u-old", ch2, rui, "help")); err != nil {
			t.Fatal(err)
		}
		r.waitOK(t, 1, dcfake.Original("itok-u-old"))
		sent.wait(t, "i600000000000000221")
		r.f.Advance(15*time.Minute + time.Second)
		if err := r.a.Send(context.Background(), goPing(ch2, rui, "GO: set 4")); !isForbidden(err) {
			t.Errorf("Send: %v, want the channel message's 403", err)
		}
		if fu := r.f.Requests(dcfake.FollowUp("itok-u-old")); len(fu) != 1 || fu[0].Status != 401 {
			t.Errorf("follow-ups on the expired token: %v", fu)
		}
		if n := r.f.Count(dcfake.All(dcfake.ChannelMessage(ch2), dcfake.ContentContains("GO: set 4"))); n != 1 {
			t.Errorf("%d channel messages after the expired token, want 1", n)
		}
	})

	t.Run("a token near the end of its 15 minutes is not used; an interaction where the bot may post ends the routing", func(t *testing.T) {
		ch3 := "400000000000000204"
		sam := lifter{ID: "500000000000000206", GlobalName: "Sam"}
		r.f.ForbidChannel(ch3, true)
		if _, err := r.f.Slash(bounded(t), r.shard, userOnly("600000000000000230", "itok-u-aging", ch3, sam, "help")); err != nil {
			t.Fatal(err)
		}
		r.waitOK(t, 1, dcfake.Original("itok-u-aging"))
		sent.wait(t, "i600000000000000230")
		clk.Advance(14*time.Minute + 20*time.Second)
		if err := r.a.Send(context.Background(), goPing(ch3, sam, "GO: sam 2")); err != nil {
			t.Fatal(err)
		}
		r.waitOK(t, 1, dcfake.All(dcfake.FollowUp("itok-u-aging"), dcfake.ContentContains("GO: sam 2")))
		clk.Advance(15 * time.Second) // 14:35: less than half a minute left
		if err := r.a.Send(context.Background(), goPing(ch3, sam, "GO: sam 3")); !isForbidden(err) {
			t.Errorf("Send: %v, want the channel message's 403", err)
		}
		if n := r.f.Count(dcfake.All(dcfake.Webhook("itok-u-aging"), dcfake.ContentContains("GO: sam 3"))); n != 0 {
			t.Error("a token in its last half minute was used")
		}
		if n := r.f.Count(dcfake.All(dcfake.ChannelMessage(ch3), dcfake.ContentContains("GO: sam 3"))); n != 1 {
			t.Errorf("%d channel messages, want 1", n)
		}
		// The server adds the bot: the lifter's next command says so.
		r.f.ForbidChannel(ch3, false)
		if _, err := r.f.Slash(bounded(t), r.shard, userOnly("600000000000000231", "itok-u-user2", ch3, sam, "help")); err != nil {
			t.Fatal(err)
		}
		r.waitOK(t, 1, dcfake.Original("itok-u-user2"))
		sent.wait(t, "i600000000000000231")
		r.slash(t, "600000000000000232", "itok-u-guild", ch3, sam, "help") // guild install
		r.waitOK(t, 1, dcfake.Original("itok-u-guild"))
		sent.wait(t, "i600000000000000232")
		if err := r.a.Send(context.Background(), goPing(ch3, sam, "GO: sam 4")); err != nil {
			t.Fatal(err)
		}
		if n := r.f.Count(dcfake.All(dcfake.Webhook(""), dcfake.ContentContains("GO: sam 4"))); n != 0 {
			t.Errorf("a ping followed up where the bot may post: %v", r.f.Requests(dcfake.All(dcfake.Webhook(""), dcfake.ContentContains("GO: sam 4"))))
		}
		r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch3), dcfake.ContentContains("GO: sam 4")))
	})

	t.Run("logs carry no token", func(t *testing.T) {
		if logs := r.logs.String(); strings.Contains(logs, testToken) || strings.Contains(logs, "itok-") {
			t.Errorf("a token in the logs:\n%s", logs)
		}
	})
}

func TestUserInstallOnly(t *testing.T) {
	owners := func(types ...discordgo.ApplicationIntegrationType) map[discordgo.ApplicationIntegrationType]string {
		m := map[discordgo.ApplicationIntegrationType]string{}
		for _, ty := range types {
			m[ty] = "1"
		}
		return m
	}
	user, guild := discordgo.ApplicationIntegrationUserInstall, discordgo.ApplicationIntegrationGuildInstall
	for _, tc := range []struct {
		ctx    discordgo.InteractionContextType
		owners map[discordgo.ApplicationIntegrationType]string
		want   bool
	}{
		{discordgo.InteractionContextGuild, owners(guild), false},
		{discordgo.InteractionContextGuild, owners(guild, user), false},
		{discordgo.InteractionContextGuild, owners(user), true},
		{discordgo.InteractionContextBotDM, owners(user), false},
		{discordgo.InteractionContextPrivateChannel, owners(user), true},
		{discordgo.InteractionContextPrivateChannel, owners(guild, user), true},
	} {
		if got := userInstallOnly(&discordgo.Interaction{Context: tc.ctx, AuthorizingIntegrationOwners: tc.owners}); got != tc.want {
			t.Errorf("context %d, owners %v: %v", tc.ctx, tc.owners, got)
		}
	}
}

func TestUserRoutes(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	route := func(id string, at time.Time, command bool) userRoute {
		return userRoute{id: "i" + id, in: &discordgo.Interaction{ID: id, Token: "t" + id}, at: at, command: command}
	}
	ids := func(rs []userRoute) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.in.ID)
		}
		return strings.Join(out, " ")
	}
	s := newUserRoutes()
	k := routeKey{"c", "u"}
	if got := s.routes(k, t0); got != nil {
		t.Fatalf("routes with nothing noted: %v", got)
	}
	// The latest by snowflake, whatever the order they were noted in.
	s.note(k, route("1002", t0, false))
	s.note(k, route("999", t0, false))
	s.note(k, route("1001", t0, true))
	if got := ids(s.routes(k, t0)); got != "1002 1001" {
		t.Errorf("routes %q, want the two latest, newest first", got)
	}
	if got := ids(s.routes(routeKey{"c", "other"}, t0)); got != "" {
		t.Errorf("another lifter's routes: %q", got)
	}
	s.drop(k, "i1002")
	if got := ids(s.routes(k, t0)); got != "1001" {
		t.Errorf("after drop: %q", got)
	}
	// Tokens are used until their last half minute, kept until their end.
	if got := ids(s.routes(k, t0.Add(tokenLife-routeMargin-time.Second))); got != "1001" {
		t.Errorf("at 14:29: %q", got)
	}
	if got := ids(s.routes(k, t0.Add(tokenLife-routeMargin))); got != "" || s.size() != 1 {
		t.Errorf("at 14:30: %q, %d kept", got, s.size())
	}
	if s.routes(k, t0.Add(tokenLife)); s.size() != 0 {
		t.Errorf("%d kept after the token's life", s.size())
	}
	s.note(k, route("1003", t0, false))
	s.forget(k)
	if s.size() != 0 {
		t.Error("forget kept the lifter's routes")
	}
	// Bounded: the least recently noted goes first.
	s.max = 3
	for i := range 4 {
		s.note(routeKey{"c", fmt.Sprint(i)}, route(fmt.Sprint(2000+i), t0, false))
	}
	s.note(routeKey{"c", "1"}, route("2010", t0, false)) // 1 used again
	s.note(routeKey{"c", "4"}, route("2011", t0, false))
	if s.size() != 3 || s.routes(routeKey{"c", "1"}, t0) == nil || s.routes(routeKey{"c", "2"}, t0) != nil {
		t.Errorf("the bound: %d kept, 1: %v, 2: %v", s.size(), s.routes(routeKey{"c", "1"}, t0), s.routes(routeKey{"c", "2"}, t0))
	}
	// Safe for concurrent use.
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := routeKey{"c", fmt.Sprint(i % 5)}
				s.note(k, route(fmt.Sprint(3000+g*1000+i), t0, false))
				for _, r := range s.routes(k, t0) {
					s.drop(k, r.id)
				}
			}
		}()
	}
	wg.Wait()
	if s.size() > 3 {
		t.Errorf("%d kept, bound 3", s.size())
	}
}
