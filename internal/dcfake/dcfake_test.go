package dcfake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

func start(t *testing.T, cfg Config) *Server {
	t.Helper()
	s, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func ctxT(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// client is a raw gateway client.
type client struct {
	t  *testing.T
	ws *websocket.Conn
}

type frame struct {
	Op int             `json:"op"`
	S  *int64          `json:"s"`
	T  string          `json:"t"`
	D  json.RawMessage `json:"d"`
}

func dial(t *testing.T, s *Server) *client {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(strings.Replace(s.URL(), "http", "ws", 1)+"/gateway?v=9&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	c := &client{t: t, ws: ws}
	if hello := c.read(); hello.Op != 10 || !strings.Contains(string(hello.D), `"heartbeat_interval":`) {
		t.Fatalf("first frame %+v, want HELLO", hello)
	}
	return c
}

func (c *client) read() frame {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	var f frame
	if err := c.ws.ReadJSON(&f); err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return f
}

func (c *client) write(op int, d any) {
	c.t.Helper()
	if err := c.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) identify(token string, shard []int, intents int) {
	c.t.Helper()
	d := map[string]any{"token": token, "intents": intents, "properties": map[string]any{"os": "linux"}}
	if shard != nil {
		d["shard"] = shard
	}
	c.write(2, d)
}

// closeCode reads until the server closes and returns its close code.
func (c *client) closeCode() int {
	c.t.Helper()
	c.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	for {
		_, _, err := c.ws.ReadMessage()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		if err != nil {
			return -1
		}
	}
}

func TestGatewayProtocol(t *testing.T) {
	const guild = "333333333333333333"
	sh := ShardOf(guild, 2)
	s := start(t, Config{Guilds: []string{guild}, Shards: 2})
	ctx := ctxT(t, 10*time.Second)

	bad := dial(t, s)
	bad.identify("Bot wrong", nil, 0)
	if code := bad.closeCode(); code != 4004 {
		t.Errorf("a wrong token: close %d, want 4004", code)
	}
	badShard := dial(t, s)
	badShard.identify("Bot "+s.Token(), []int{2, 2}, 0)
	if code := badShard.closeCode(); code != 4010 {
		t.Errorf("shard 2 of 2: close %d, want 4010", code)
	}

	c := dial(t, s)
	c.identify("Bot "+s.Token(), []int{sh, 2}, IntentGuilds|IntentGuildMessages)
	ready := c.read()
	var rd struct {
		SessionID   string `json:"session_id"`
		Application struct {
			ID string `json:"id"`
		} `json:"application"`
		Shard []int `json:"shard"`
	}
	json.Unmarshal(ready.D, &rd)
	if ready.Op != 0 || ready.T != "READY" || ready.S == nil || *ready.S != 1 || rd.SessionID == "" || rd.Application.ID != s.AppID() || fmt.Sprint(rd.Shard) != fmt.Sprint([]int{sh, 2}) {
		t.Fatalf("READY: %+v %s", ready, ready.D)
	}
	if gc := c.read(); gc.T != "GUILD_CREATE" || *gc.S != 2 || !strings.Contains(string(gc.D), guild) {
		t.Errorf("after READY: %+v", gc)
	}
	c.write(1, 2)
	if ack := c.read(); ack.Op != 11 {
		t.Errorf("heartbeat answered with op %d", ack.Op)
	}
	if cn, err := s.WaitConn(ctx, func(c Conn) bool { return c.Heartbeats == 1 }); err != nil || cn.LastHeartbeatSeq != 2 || !cn.Live || cn.Shard != sh {
		t.Errorf("conn after a heartbeat: %+v, %v", cn, err)
	}

	// Dispatches carry the session's next sequence numbers.
	for i := range 3 {
		seq, err := s.Dispatch(ctx, sh, "TYPING_START", map[string]any{"n": i})
		if err != nil || seq != int64(3+i) {
			t.Fatalf("dispatch %d: seq %d, %v", i, seq, err)
		}
	}
	if e := c.read(); e.T != "TYPING_START" || *e.S != 3 {
		t.Fatalf("event %+v", e)
	}
	// The client has seen seq 3 when the connection drops: RESUME from 3
	// replays 4 and 5, then RESUMED.
	if err := s.Drop(sh); err != nil {
		t.Fatal(err)
	}
	c2 := dial(t, s)
	c2.write(6, map[string]any{"token": "Bot " + s.Token(), "session_id": rd.SessionID, "seq": 3})
	for _, want := range []int64{4, 5} {
		if e := c2.read(); e.T != "TYPING_START" || *e.S != want {
			t.Fatalf("replay: %+v, want seq %d", e, want)
		}
	}
	if e := c2.read(); e.T != "RESUMED" || *e.S != 6 {
		t.Fatalf("after the replay: %+v", e)
	}
	if seq, err := s.Dispatch(ctx, sh, "TYPING_START", nil); err != nil || seq != 7 {
		t.Fatalf("dispatch after resume: %d, %v", seq, err)
	}
	if e := c2.read(); *e.S != 7 {
		t.Errorf("after resume: %+v", e)
	}
	if st := s.Stats(); st.Resumes != 1 || st.Replayed != 2 || st.Identifies != 1 {
		t.Errorf("stats %+v", st)
	}

	// A client that closes with 1000 ends its session: RESUME is refused
	// with op 9, and it identifies again on the same connection.
	c2.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(1000, ""), time.Now().Add(time.Second))
	if _, err := s.WaitConn(ctx, func(c Conn) bool { return c.CloseCode == 1000 && !c.Ended.IsZero() }); err != nil {
		t.Fatal(err)
	}
	c3 := dial(t, s)
	c3.write(6, map[string]any{"token": "Bot " + s.Token(), "session_id": rd.SessionID, "seq": 7})
	if e := c3.read(); e.Op != 9 || string(e.D) != "false" {
		t.Fatalf("resume of a closed session: %+v", e)
	}
	c3.identify("Bot "+s.Token(), []int{sh, 2}, IntentGuilds)
	if e := c3.read(); e.T != "READY" || *e.S != 1 {
		t.Fatalf("identify after op 9: %+v", e)
	}
	c3.read() // GUILD_CREATE
	// Without GUILD_MESSAGES a guild message does not arrive.
	if _, err := s.Say(ctx, sh, Message{GuildID: guild, ChannelID: "4", Author: User{ID: "5"}, Content: "hi"}); !errors.Is(err, ErrNotSubscribed) {
		t.Errorf("MESSAGE_CREATE without the intent: %v", err)
	}
	// A second IDENTIFY on a connection closes it.
	c3.identify("Bot "+s.Token(), []int{sh, 2}, 0)
	if code := c3.closeCode(); code != 4005 {
		t.Errorf("identify twice: close %d, want 4005", code)
	}
	// Dispatch to a shard with no live connection waits, boundedly.
	short, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.Dispatch(short, 1-sh, "TYPING_START", nil); !errors.Is(err, ErrNoSession) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("dispatch with no session: %v", err)
	}
}

func TestMessageContentIntent(t *testing.T) {
	s := start(t, Config{})
	ctx := ctxT(t, 10*time.Second)
	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuildMessages|IntentDirectMessages)
	c.read() // READY
	say := func(m Message) string {
		t.Helper()
		if _, err := s.Say(ctx, 0, m); err != nil {
			t.Fatal(err)
		}
		var d struct {
			Content  string `json:"content"`
			Mentions []struct {
				ID string `json:"id"`
			} `json:"mentions"`
		}
		e := c.read()
		json.Unmarshal(e.D, &d)
		return fmt.Sprint(d.Content, len(d.Mentions))
	}
	u := User{ID: "500", GlobalName: "Ana"}
	if got := say(Message{GuildID: "1", ChannelID: "2", Author: u, Content: "!drop 80kg bench"}); got != "0" {
		t.Errorf("a guild message without the intent: %q, want empty content", got)
	}
	if got := say(Message{GuildID: "1", ChannelID: "2", Author: u, Content: "<@" + s.BotID() + "> drop"}); got != "<@"+s.BotID()+"> drop1" {
		t.Errorf("a mention: %q", got)
	}
	if got := say(Message{ChannelID: "3", Author: u, Content: "drop 80kg bench"}); got != "drop 80kg bench0" {
		t.Errorf("a DM: %q", got)
	}
}

// post is a REST call that is safe on any goroutine.
func post(s *Server, method, path string, body any) (int, http.Header, map[string]any, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.APIURL()+strings.TrimPrefix(path, "/"), rd)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Authorization", "Bot "+s.Token())
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, resp.Header, m, nil
}

// rest is post on the test's goroutine.
func rest(t *testing.T, s *Server, method, path string, body any) (int, http.Header, map[string]any) {
	t.Helper()
	code, hdr, m, err := post(s, method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	return code, hdr, m
}

func msg(content string) map[string]any {
	return map[string]any{"content": content, "allowed_mentions": map[string]any{"parse": []any{}, "users": []any{"7"}}}
}

func TestFaultsAreSeededAndShaped(t *testing.T) {
	pattern := func(seed uint64) (string, Stats) {
		s := start(t, Config{Seed: seed})
		s.SetFaults(Faults{Rate429: 0.1, Rate5xx: 0.1, RetryAfter: 1500 * time.Millisecond, Codes5xx: []int{500, 503}})
		var b strings.Builder
		for range 300 {
			code, _, _ := rest(t, s, "POST", "/channels/42/messages", msg("hi"))
			fmt.Fprintf(&b, "%d,", code)
		}
		return b.String(), s.Stats()
	}
	p1, st := pattern(7)
	p2, _ := pattern(7)
	p3, _ := pattern(8)
	if p1 != p2 {
		t.Error("the same seed gave different faults")
	}
	if p1 == p3 {
		t.Error("another seed gave the same faults")
	}
	// Faults.Seed restarts the source: the pattern no longer depends on
	// what came before.
	again := func(warmup int) string {
		s := start(t, Config{})
		s.SetFaults(Faults{Rate429: 0.5})
		for range warmup {
			rest(t, s, "POST", "/channels/1/messages", msg("x"))
		}
		s.SetFaults(Faults{Rate429: 0.3, Seed: 99})
		var b strings.Builder
		for range 40 {
			code, _, _ := rest(t, s, "POST", "/channels/1/messages", msg("x"))
			fmt.Fprintf(&b, "%d,", code)
		}
		return b.String()
	}
	if a, b := again(0), again(7); a != b {
		t.Errorf("Faults.Seed: %s vs %s", a, b)
	}
	if st.Faults429 < 15 || st.Faults429 > 50 || st.Faults5xx < 15 || st.Faults5xx > 50 {
		t.Errorf("300 sends at 10 %% + 10 %%: %+v", st)
	}

	s := start(t, Config{})
	s.SetFaults(Faults{Rate429: 1, RetryAfter: 1500 * time.Millisecond})
	code, hdr, body := rest(t, s, "POST", "/channels/42/messages", msg("hi"))
	if code != 429 || body["retry_after"] != 1.5 || body["global"] != false || body["message"] != "You are being rate limited." {
		t.Errorf("429: %d %v", code, body)
	}
	for k, want := range map[string]string{"Retry-After": "2", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "1.500", "X-RateLimit-Scope": "user"} {
		if hdr.Get(k) != want {
			t.Errorf("%s: %q, want %q", k, hdr.Get(k), want)
		}
	}
	if hdr.Get("X-RateLimit-Bucket") == "" || hdr.Get("X-RateLimit-Reset") == "" || hdr.Get("X-RateLimit-Limit") == "" {
		t.Errorf("headers: %v", hdr)
	}
	// Only sends fail; the rest of the API works.
	if code, _, _ := rest(t, s, "GET", "/gateway/bot", nil); code != 200 {
		t.Errorf("GET /gateway/bot during faults: %d", code)
	}
	if r := s.Requests(ChannelMessage("42")); len(r) != 1 || r[0].Fault != "429" || r[0].OK() {
		t.Errorf("recorded: %v", r)
	}
	// Faults end after For.
	s.SetFaults(Faults{Rate5xx: 1, For: time.Hour})
	if code, _, _ := rest(t, s, "POST", "/channels/42/messages", msg("hi")); code < 500 {
		t.Errorf("during the fault window: %d", code)
	}
	s.SetFaults(Faults{Rate5xx: 1, For: time.Nanosecond})
	if code, _, _ := rest(t, s, "POST", "/channels/42/messages", msg("hi")); code != 200 {
		t.Errorf("after the fault window: %d", code)
	}
}

func TestRESTRules(t *testing.T) {
	s := start(t, Config{ChannelLimit: Limit{Count: 5, Per: time.Minute}})
	ctx := ctxT(t, 10*time.Second)
	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuilds)
	c.read()

	in, err := s.Slash(ctx, 0, Interaction{GuildID: "1", ChannelID: "2", User: User{ID: "7"}, Name: "drop"})
	if err != nil {
		t.Fatal(err)
	}
	cb := "/interactions/" + in.ID + "/" + in.Token + "/callback"
	if code, _, b := rest(t, s, "POST", "/webhooks/"+s.AppID()+"/"+in.Token, msg("early")); code != 404 || b["code"] != 10015.0 {
		t.Errorf("follow-up before the callback: %d %v", code, b)
	}
	if code, _, _ := rest(t, s, "POST", cb, map[string]any{"type": 6}); code != 400 {
		t.Errorf("a deferred update for a slash command: %d", code)
	}
	if code, _, _ := rest(t, s, "POST", cb, map[string]any{"type": 5}); code != 204 {
		t.Errorf("callback: %d", code)
	}
	if code, _, b := rest(t, s, "POST", cb, map[string]any{"type": 5}); code != 400 || b["code"] != 40060.0 {
		t.Errorf("second callback: %d %v", code, b)
	}
	if code, _, b := rest(t, s, "PATCH", "/webhooks/"+s.AppID()+"/"+in.Token+"/messages/@original", msg("done")); code != 200 || b["id"] == "" {
		t.Errorf("edit: %d %v", code, b)
	}
	s.ExpireToken(in.Token)
	if code, _, b := rest(t, s, "POST", "/webhooks/"+s.AppID()+"/"+in.Token, msg("late")); code != 401 || b["code"] != 50027.0 {
		t.Errorf("an expired token: %d %v", code, b)
	}
	// An interaction not answered within AckDeadline is gone.
	s2 := start(t, Config{AckDeadline: time.Nanosecond})
	c2 := dial(t, s2)
	c2.identify(s2.Token(), nil, IntentGuilds)
	c2.read()
	late, err := s2.Slash(ctx, 0, Interaction{GuildID: "1", ChannelID: "2", User: User{ID: "7"}, Name: "drop"})
	if err != nil {
		t.Fatal(err)
	}
	if code, _, b := rest(t, s2, "POST", "/interactions/"+late.ID+"/"+late.Token+"/callback", map[string]any{"type": 5}); code != 404 || b["code"] != 10062.0 || s2.Stats().LateAcks != 1 {
		t.Errorf("a callback after the deadline: %d %v, stats %+v", code, b, s2.Stats())
	}

	for _, tc := range []struct {
		body map[string]any
		ok   bool
	}{
		{msg(strings.Repeat("é", 2000)), true},
		{msg(strings.Repeat("é", 2001)), false},
		{map[string]any{"content": ""}, false},
		{map[string]any{"content": "x", "allowed_mentions": map[string]any{"parse": []any{"users"}, "users": []any{"7"}}}, false},
		{map[string]any{"content": "x", "components": []any{map[string]any{"type": 1, "components": []any{map[string]any{"type": 2, "label": "a", "custom_id": strings.Repeat("x", 101)}}}}}, false},
	} {
		code, _, _ := rest(t, s, "POST", "/channels/9/messages", tc.body)
		if (code == 200) != tc.ok {
			t.Errorf("%.60v: %d", tc.body, code)
		}
	}
	// ChannelLimit: 5 a minute in a channel (one used above).
	var codes []int
	for range 5 {
		code, hdr, _ := rest(t, s, "POST", "/channels/9/messages", msg("x"))
		codes = append(codes, code)
		if code == 200 && hdr.Get("X-RateLimit-Remaining") == "" {
			t.Error("no X-RateLimit-Remaining with ChannelLimit")
		}
	}
	if fmt.Sprint(codes) != "[200 200 200 200 429]" || s.Stats().LimitHits != 1 {
		t.Errorf("codes %v, stats %+v", codes, s.Stats())
	}
	if code, _, _ := rest(t, s, "POST", "/channels/10/messages", msg("x")); code != 200 {
		t.Errorf("another channel: %d", code)
	}
}

// TestManyLifters drives the fake as a soak would: 100 lifters in 10
// channels, each sending messages and being answered, with waiters that
// follow the stream, under the race detector.
func TestManyLifters(t *testing.T) {
	s := start(t, Config{})
	ctx := ctxT(t, 30*time.Second)
	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuilds|IntentGuildMessages)
	c.read()
	go func() { // the "bot": reads every event
		for {
			if _, _, err := c.ws.ReadMessage(); err != nil {
				return
			}
		}
	}()
	s.SetFaults(Faults{Rate429: 0.05, Rate5xx: 0.05})
	const lifters, channels, rounds = 100, 10, 20
	begin := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, lifters*2)
	for l := range lifters {
		wg.Add(2)
		ch := fmt.Sprint(4000 + l%channels)
		go func() { // the lifter's events
			defer wg.Done()
			for i := range rounds {
				if _, err := s.Say(ctx, 0, Message{GuildID: "1", ChannelID: ch, Author: User{ID: fmt.Sprint(500 + l)}, Content: fmt.Sprint("<@", s.BotID(), "> ", i)}); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() { // the bot's answers to the lifter, retried until they go
			defer wg.Done()
			for i := 0; i < rounds; {
				code, _, _, err := post(s, "POST", "/channels/"+ch+"/messages", msg(fmt.Sprint(l, ":", i)))
				if err != nil {
					errs <- err
					return
				}
				if code == 200 {
					i++
				}
			}
		}()
	}
	// Waiters follow the stream while it is written.
	var waiters sync.WaitGroup
	for w := range channels {
		waiters.Add(1)
		go func() {
			defer waiters.Done()
			if _, err := s.WaitRequest(ctx, rounds*lifters/channels, All(ChannelMessage(fmt.Sprint(4000+w)), Succeeded)); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	waiters.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st := s.Stats()
	if n := s.Count(All(ChannelMessage(""), Succeeded)); n != lifters*rounds {
		t.Errorf("%d messages, want %d", n, lifters*rounds)
	}
	if st.Dispatches != 1+lifters*rounds {
		t.Errorf("%d dispatches, want %d", st.Dispatches, 1+lifters*rounds)
	}
	// Following the stream sees every call once.
	n, seen := 0, 0
	for n < st.Requests {
		more, err := s.WaitSince(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		n += len(more)
		seen += len(more)
	}
	if seen != st.Requests {
		t.Errorf("stream: %d of %d", seen, st.Requests)
	}
	t.Logf("%d calls (%d faulted) and %d events in %v", st.Requests, st.Faults429+st.Faults5xx, st.Dispatches, time.Since(begin).Round(time.Millisecond))
}

func TestWaitIsBounded(t *testing.T) {
	s := start(t, Config{WaitTimeout: 50 * time.Millisecond})
	begin := time.Now()
	_, err := s.WaitRequest(context.Background(), 1, ChannelMessage("1"))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(begin) > 2*time.Second {
		t.Errorf("WaitRequest: %v after %v", err, time.Since(begin))
	}
	if err := s.Wait(context.Background(), "nothing", func() bool { return false }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait: %v", err)
	}
	// A wait ends when what it waits for arrives.
	done := make(chan error, 1)
	go func() {
		_, err := s.WaitRequest(ctxT(t, 5*time.Second), 2, ChannelMessage("1"))
		done <- err
	}()
	for range 2 {
		rest(t, s, "POST", "/channels/1/messages", msg("x"))
	}
	if err := <-done; err != nil {
		t.Error(err)
	}
	s.Close()
	if _, err := s.WaitRequest(ctxT(t, time.Second), 9, nil); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}

// upload sends a message with one file as Discord's clients do:
// multipart, the message in payload_json and the file as files[0].
func upload(t *testing.T, s *Server, method, path string, payload map[string]any, name string, data []byte) (int, map[string]any) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	pj, _ := json.Marshal(payload)
	w.WriteField("payload_json", string(pj))
	fw, err := w.CreateFormFile("files[0]", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	req, err := http.NewRequest(method, s.APIURL()+strings.TrimPrefix(path, "/"), &b)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot "+s.Token())
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// TestRepliesAndReactions: a message_reference is kept on the message it
// creates; a reply to an unknown message is refused unless
// fail_if_not_exists is false, and one to another channel always; the
// bot's reactions are kept, refused on unknown messages and emoji, and
// with 403 50013 where RefuseReactions says so; ForbidChannel refuses
// messages and reactions with 403 50001.
func TestRepliesAndReactions(t *testing.T) {
	s := start(t, Config{})
	ctx := ctxT(t, 10*time.Second)
	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuilds|IntentGuildMessages)
	c.read()
	lifted, err := s.Say(ctx, 0, Message{GuildID: "1", ChannelID: "9", Author: User{ID: "7"}, Content: "<@" + s.BotID() + "> log bench 100x5"})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := s.Stored(lifted.ID); !ok || m.Author != "7" || !strings.Contains(m.Content, "log bench") {
		t.Fatalf("the lifter's message: %+v, %v", m, ok)
	}
	reply := func(id, channel string, fail any) map[string]any {
		b := msg("logged")
		ref := map[string]any{"message_id": id, "channel_id": channel}
		if fail != nil {
			ref["fail_if_not_exists"] = fail
		}
		b["message_reference"] = ref
		return b
	}
	code, _, b := rest(t, s, "POST", "/channels/9/messages", reply(lifted.ID, "9", false))
	if code != 200 || b["message_reference"] == nil {
		t.Fatalf("a reply: %d %v", code, b)
	}
	q, err := s.WaitRequest(ctx, 1, All(ChannelMessage("9"), Succeeded))
	if err != nil {
		t.Fatal(err)
	}
	if ref, ok := q.Reference(); !ok || ref.MessageID != lifted.ID || ref.FailIfNotExists {
		t.Errorf("recorded reference %+v, %v", ref, ok)
	}
	if m, _ := s.Stored(q.RespID); m.Reference != lifted.ID || m.Author != s.BotID() || m.Content != "logged" {
		t.Errorf("the reply as stored: %+v", m)
	}
	for _, tc := range []struct {
		body map[string]any
		code int
	}{
		{reply("123", "9", nil), 400},   // unknown, fail_if_not_exists defaults to true
		{reply("123", "9", true), 400},  // unknown
		{reply("123", "9", false), 200}, // sent without the reference
		{reply(lifted.ID, "8", false), 400},
	} {
		if code, _, b := rest(t, s, "POST", "/channels/9/messages", tc.body); code != tc.code {
			t.Errorf("%v: %d %v, want %d", tc.body["message_reference"], code, b, tc.code)
		}
	}

	react := func(channel, id, emoji string) (int, map[string]any) {
		code, _, b := rest(t, s, "PUT", "/channels/"+channel+"/messages/"+id+"/reactions/"+url.PathEscape(emoji)+"/@me", nil)
		return code, b
	}
	if code, b := react("9", lifted.ID, "✅"); code != 204 {
		t.Fatalf("reaction: %d %v", code, b)
	}
	react("9", lifted.ID, "✅") // again: no change
	if got := s.Reactions(lifted.ID); len(got) != 1 || got[0] != "✅" {
		t.Errorf("reactions %q", got)
	}
	if r := s.Requests(Reaction(lifted.ID)); len(r) != 2 || r[0].Emoji() != "✅" {
		t.Errorf("reaction calls %v", r)
	}
	for _, tc := range []struct {
		channel, id, emoji string
		code, errCode      int
	}{
		{"9", "123", "✅", 404, 10008},
		{"8", lifted.ID, "✅", 404, 10008}, // another channel's message
		{"9", lifted.ID, "thumbsup", 400, 10014},
		{"9", lifted.ID, "spotter:42", 204, 0},
	} {
		if code, b := react(tc.channel, tc.id, tc.emoji); code != tc.code || tc.errCode != 0 && b["code"] != float64(tc.errCode) {
			t.Errorf("reaction %s on %s/%s: %d %v", tc.emoji, tc.channel, tc.id, code, b)
		}
	}
	s.RefuseReactions("9", true)
	if code, b := react("9", lifted.ID, "💪"); code != 403 || b["code"] != 50013.0 {
		t.Errorf("a refused reaction: %d %v", code, b)
	}
	s.RefuseReactions("9", false)
	if code, _ := react("9", lifted.ID, "💪"); code != 204 {
		t.Errorf("reactions allowed again: %d", code)
	}
	s.ForbidChannel("9", true)
	if code, _, b := rest(t, s, "POST", "/channels/9/messages", msg("x")); code != 403 || b["code"] != 50001.0 {
		t.Errorf("a message where the bot is no member: %d %v", code, b)
	}
	if code, b := react("9", lifted.ID, "✅"); code != 403 || b["code"] != 50001.0 {
		t.Errorf("a reaction where the bot is no member: %d %v", code, b)
	}
}

// TestUploadLimit: files past the limit are refused with 413 and code
// 40005, on channel messages, follow-ups and edits alike; the same
// message without them goes through.
func TestUploadLimit(t *testing.T) {
	s := start(t, Config{UploadLimit: 10})
	ctx := ctxT(t, 10*time.Second)
	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuilds)
	c.read()
	if code, _ := upload(t, s, "POST", "/channels/9/messages", msg("chart"), "chart.png", []byte("0123456789")); code != 200 {
		t.Errorf("10 bytes with a limit of 10: %d", code)
	}
	code, b := upload(t, s, "POST", "/channels/9/messages", msg("chart"), "chart.png", []byte("0123456789A"))
	if code != 413 || b["code"] != 40005.0 {
		t.Errorf("11 bytes: %d %v", code, b)
	}
	in, err := s.Slash(ctx, 0, Interaction{GuildID: "1", ChannelID: "9", User: User{ID: "7"}, Name: "chart"})
	if err != nil {
		t.Fatal(err)
	}
	rest(t, s, "POST", "/interactions/"+in.ID+"/"+in.Token+"/callback", map[string]any{"type": 5})
	hook := "/webhooks/" + s.AppID() + "/" + in.Token
	if code, _ := upload(t, s, "PATCH", hook+"/messages/@original", msg("chart"), "chart.png", make([]byte, 11)); code != 413 {
		t.Errorf("an edit with 11 bytes: %d", code)
	}
	if code, _ := upload(t, s, "POST", hook, msg("chart"), "chart.png", make([]byte, 11)); code != 413 {
		t.Errorf("a follow-up with 11 bytes: %d", code)
	}
	if code, _, _ := rest(t, s, "PATCH", hook+"/messages/@original", msg("chart")); code != 200 {
		t.Errorf("the edit without the file: %d", code)
	}
	s.SetUploadLimit(-1)
	if code, _ := upload(t, s, "POST", "/channels/9/messages", msg("x"), "a.csv", []byte("x")); code != 413 {
		t.Errorf("every upload refused: %d", code)
	}
	s.SetUploadLimit(0)
	if code, _ := upload(t, s, "POST", "/channels/9/messages", msg("x"), "a.csv", make([]byte, 1<<20)); code != 200 {
		t.Errorf("1 MiB under Discord's 10 MiB: %d", code)
	}
}

// TestUpdateMessage: a type 7 callback on a button press is recorded,
// and the pressed message shows its content, as a PATCH of the original
// would; a type 7 for a slash command is refused.
func TestUpdateMessage(t *testing.T) {
	s := start(t, Config{})
	ctx := ctxT(t, 10*time.Second)
	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuilds)
	c.read()
	_, _, b := rest(t, s, "POST", "/channels/9/messages", msg("step 1"))
	step := b["id"].(string)
	in, err := s.Press(ctx, 0, Interaction{GuildID: "1", ChannelID: "9", User: User{ID: "7"}, CustomID: "sp2:7::done 8", MessageID: step})
	if err != nil {
		t.Fatal(err)
	}
	code, _, _ := rest(t, s, "POST", "/interactions/"+in.ID+"/"+in.Token+"/callback",
		map[string]any{"type": 7, "data": map[string]any{"content": "step 2", "components": []any{}}})
	if code != 204 {
		t.Fatalf("type 7: %d", code)
	}
	q, err := s.WaitRequest(ctx, 1, Update(in.ID))
	if err != nil {
		t.Fatal(err)
	}
	if q.Content() != "step 2" || q.RespID != step {
		t.Errorf("the update: %q on %s", q.Content(), q.RespID)
	}
	if m, _ := s.Stored(step); m.Content != "step 2" || m.Edits != 1 || m.Updates != 1 {
		t.Errorf("the pressed message: %+v", m)
	}
	// Further answers edit it through the token, as after a type 6.
	rest(t, s, "PATCH", "/webhooks/"+s.AppID()+"/"+in.Token+"/messages/@original", msg("step 3"))
	if m, _ := s.Stored(step); m.Content != "step 3" || m.Edits != 2 || m.Updates != 1 {
		t.Errorf("after an edit of @original: %+v", m)
	}
	sl, err := s.Slash(ctx, 0, Interaction{GuildID: "1", ChannelID: "9", User: User{ID: "7"}, Name: "done"})
	if err != nil {
		t.Fatal(err)
	}
	if code, _, _ := rest(t, s, "POST", "/interactions/"+sl.ID+"/"+sl.Token+"/callback", map[string]any{"type": 7, "data": msg("x")}); code != 400 {
		t.Errorf("type 7 for a slash command: %d", code)
	}
}

// TestInstallContexts: commands keep their integration_types and
// contexts, which must be known values; interactions carry their context
// and the installs that authorize them.
func TestInstallContexts(t *testing.T) {
	s := start(t, Config{})
	ctx := ctxT(t, 10*time.Second)
	path := "/applications/" + s.AppID() + "/commands"
	cmd := func(types, contexts []any) []any {
		return []any{map[string]any{"name": "log", "description": "Log sets", "type": 1, "integration_types": types, "contexts": contexts}}
	}
	if code, _, _ := rest(t, s, "PUT", path, cmd([]any{0, 1}, []any{0, 1, 2})); code != 200 {
		t.Fatalf("bulk overwrite: %d", code)
	}
	got := s.Commands("")
	if len(got) != 1 || fmt.Sprint(got[0]["integration_types"]) != "[0 1]" || fmt.Sprint(got[0]["contexts"]) != "[0 1 2]" {
		t.Errorf("stored commands %v", got)
	}
	for _, bad := range [][2][]any{{{2}, {0}}, {{0}, {3}}, {{0, 0}, {0}}} {
		if code, _, _ := rest(t, s, "PUT", path, cmd(bad[0], bad[1])); code != 400 {
			t.Errorf("integration_types %v, contexts %v: %d, want 400", bad[0], bad[1], code)
		}
	}

	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuilds)
	c.read() // READY
	read := func() map[string]any {
		for {
			f := c.read()
			if f.T == "INTERACTION_CREATE" {
				var d map[string]any
				json.Unmarshal(f.D, &d)
				return d
			}
		}
	}
	s.Slash(ctx, 0, Interaction{GuildID: "1", ChannelID: "9", User: User{ID: "7"}, Name: "log"})
	if d := read(); d["context"] != 0.0 || fmt.Sprint(d["authorizing_integration_owners"]) != "map[0:1]" {
		t.Errorf("a guild install: context %v, owners %v", d["context"], d["authorizing_integration_owners"])
	}
	s.Slash(ctx, 0, Interaction{ChannelID: "9", User: User{ID: "7"}, Name: "log"})
	if d := read(); d["context"] != 1.0 {
		t.Errorf("a DM: context %v", d["context"])
	}
	s.Slash(ctx, 0, Interaction{GuildID: "1", ChannelID: "9", User: User{ID: "7"}, Name: "log", Owners: map[int]string{1: "7"}})
	if d := read(); fmt.Sprint(d["authorizing_integration_owners"]) != "map[1:7]" {
		t.Errorf("a user install: owners %v", d["authorizing_integration_owners"])
	}
}

// TestTokenClock: an interaction's token works for TokenLife on the
// fake's clock, which Advance moves on without a wait; the first
// follow-up after a deferred response becomes that response.
func TestTokenClock(t *testing.T) {
	s := start(t, Config{})
	ctx := ctxT(t, 10*time.Second)
	c := dial(t, s)
	c.identify(s.Token(), nil, IntentGuilds)
	c.read()
	slash := func() Interaction {
		t.Helper()
		in, err := s.Slash(ctx, 0, Interaction{GuildID: "1", ChannelID: "2", User: User{ID: "7"}, Name: "help", Owners: map[int]string{1: "7"}})
		if err != nil {
			t.Fatal(err)
		}
		if code, _, _ := rest(t, s, "POST", "/interactions/"+in.ID+"/"+in.Token+"/callback", map[string]any{"type": 5}); code != 204 {
			t.Fatalf("callback: %d", code)
		}
		return in
	}
	in := slash()
	original := s.Requests(Callback(in.ID))[0].RespID
	hook := "/webhooks/" + s.AppID() + "/" + in.Token
	code, _, b := rest(t, s, "POST", hook, msg("first"))
	if st, _ := s.Stored(original); code != 200 || b["id"] != original || st.Content != "first" || st.Edits != 1 {
		t.Errorf("the first follow-up after a deferral: %d %v, the response %+v", code, b, st)
	}
	if code, _, b := rest(t, s, "POST", hook, msg("second")); code != 200 || b["id"] == original {
		t.Errorf("the second follow-up: %d %v, want a new message", code, b)
	}
	// Edited first, the response takes no follow-up's place.
	in2 := slash()
	hook2 := "/webhooks/" + s.AppID() + "/" + in2.Token
	rest(t, s, "PATCH", hook2+"/messages/@original", msg("answer"))
	if _, _, b := rest(t, s, "POST", hook2, msg("ping")); b["id"] == s.Requests(Callback(in2.ID))[0].RespID {
		t.Errorf("a follow-up after the edit replaced the response: %v", b)
	}

	before := s.Now()
	s.Advance(14*time.Minute + 59*time.Second)
	if code, _, _ := rest(t, s, "POST", hook, msg("late but in time")); code != 200 {
		t.Errorf("at 14:59: %d", code)
	}
	s.Advance(2 * time.Second)
	if got := s.Now().Sub(before); got < 15*time.Minute+time.Second {
		t.Errorf("the clock moved %v", got)
	}
	if code, _, b := rest(t, s, "POST", hook, msg("too late")); code != 401 || b["code"] != 50027.0 {
		t.Errorf("after 15 minutes: %d %v, want 401 Invalid Webhook Token", code, b)
	}
	q := s.Requests(FollowUp(in.Token))
	if last := q[len(q)-1]; last.At.Sub(before) < 15*time.Minute {
		t.Errorf("the call's time %v is not on the fake's clock", last.At)
	}
	// An interaction dispatched after the jump has its own 15 minutes.
	in3 := slash()
	if code, _, _ := rest(t, s, "POST", "/webhooks/"+s.AppID()+"/"+in3.Token, msg("fresh")); code != 200 {
		t.Errorf("a fresh token: %d", code)
	}
}
