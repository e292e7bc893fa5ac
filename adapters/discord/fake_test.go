package discord

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeDiscord is Discord on 127.0.0.1 for discordgo: REST under /api/v9
// and a websocket gateway at /gateway/. It records every REST request and
// can be told to fail some (hook). Safe for concurrent use.
type fakeDiscord struct {
	t     testing.TB
	srv   *httptest.Server
	token string // the whole Authorization value, "Bot ..."
	appID string
	botID string
	up    websocket.Upgrader

	mu       sync.Mutex
	reqs     []*fakeReq
	gws      []*fakeGW
	sessions map[string]int // session id -> shard
	// attachments are served at their path, as Discord's CDN would.
	attachments map[string][]byte
	changed     chan struct{} // closed and replaced on every change
	nextID      int64
	seq         int64
	// hook, when set, may answer a request instead of the fake: it
	// returns ok=false to let the fake answer.
	hook func(r *fakeReq) (status int, body string, hdr http.Header, ok bool)
}

// fakeReq is one recorded REST request.
type fakeReq struct {
	Method string
	Path   string // after /api/v9, e.g. "/channels/1/messages"
	Query  string
	Auth   string
	Body   map[string]any // the JSON body, or a multipart payload_json
	Files  []fakeFile
	Status int
	RespID string // the id of the message the fake answered with
	At     time.Time
}

type fakeFile struct {
	Field, Name, Type string
	Data              []byte
}

// fakeGW is one gateway connection.
type fakeGW struct {
	conn      *websocket.Conn
	wmu       sync.Mutex
	shard     int
	live      bool // identified or resumed, not closed
	resumed   bool
	intents   int64
	shardInfo []int
}

func (g *fakeGW) send(v any) error {
	g.wmu.Lock()
	defer g.wmu.Unlock()
	return g.conn.WriteJSON(v)
}

func newFakeDiscord(t testing.TB, token, appID, botID string) *fakeDiscord {
	f := &fakeDiscord{t: t, token: token, appID: appID, botID: botID, sessions: map[string]int{}, attachments: map[string][]byte{}, changed: make(chan struct{}), nextID: 900000}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v9/", f.serveREST)
	mux.HandleFunc("/gateway/", f.serveGateway)
	mux.HandleFunc("/attachments/", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		data, ok := f.attachments[r.URL.Path]
		f.mu.Unlock()
		if !ok || r.Header.Get("Authorization") != "" {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	})
	f.srv = httptest.NewServer(mux)
	return f
}

// close shuts the gateway connections and the server.
func (f *fakeDiscord) close() {
	f.mu.Lock()
	for _, g := range f.gws {
		g.conn.Close()
	}
	f.mu.Unlock()
	f.srv.Close()
}

func (f *fakeDiscord) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeDiscord) id() string {
	f.nextID++
	return strconv.FormatInt(f.nextID, 10)
}

// waitFor waits until cond holds over the recorded state, at most d.
func (f *fakeDiscord) waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		ok := cond()
		ch := f.changed
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("timed out after %v waiting for %s; requests:\n%s", d, what, f.dump())
		}
	}
}

// find returns the recorded requests that match; f.mu must be held.
func (f *fakeDiscord) find(method, pathPrefix string) []*fakeReq {
	var out []*fakeReq
	for _, r := range f.reqs {
		if r.Method == method && strings.HasPrefix(r.Path, pathPrefix) {
			out = append(out, r)
		}
	}
	return out
}

// requests returns a copy of the matching recorded requests.
func (f *fakeDiscord) requests(method, pathPrefix string) []*fakeReq {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.find(method, pathPrefix)
}

// waitReq waits for the n-th (1-based) matching request that succeeded.
func (f *fakeDiscord) waitReq(t testing.TB, method, pathPrefix string, n int) *fakeReq {
	t.Helper()
	var got *fakeReq
	f.waitFor(t, 10*time.Second, fmt.Sprintf("%d× %s %s", n, method, pathPrefix), func() bool {
		k := 0
		for _, r := range f.find(method, pathPrefix) {
			if r.Status < 300 {
				if k++; k == n {
					got = r
					return true
				}
			}
		}
		return false
	})
	return got
}

func (f *fakeDiscord) dump() string {
	var b strings.Builder
	for _, r := range f.reqs {
		body, _ := json.Marshal(r.Body)
		if len(body) > 300 {
			body = append(body[:300], "..."...)
		}
		fmt.Fprintf(&b, "  %s %s -> %d %s\n", r.Method, r.Path, r.Status, body)
	}
	return b.String()
}

func (f *fakeDiscord) serveREST(w http.ResponseWriter, r *http.Request) {
	req := &fakeReq{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, "/api/v9"), Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization"), At: time.Now()}
	if err := readBody(r, req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	status, body, hdr := f.answer(req)
	f.mu.Lock()
	req.Status = status
	f.reqs = append(f.reqs, req)
	f.notify()
	f.mu.Unlock()
	for k, v := range hdr {
		w.Header()[k] = v
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// readBody decodes a JSON or multipart body into req.
func readBody(r *http.Request, req *fakeReq) error {
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var v any
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			return err
		}
		if m, ok := v.(map[string]any); ok {
			req.Body = m
		} else {
			req.Body = map[string]any{"_list": v}
		}
		return nil
	case "multipart/form-data":
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return err
			}
			if p.FormName() == "payload_json" {
				if err := json.Unmarshal(data, &req.Body); err != nil {
					return err
				}
				continue
			}
			req.Files = append(req.Files, fakeFile{Field: p.FormName(), Name: p.FileName(), Type: p.Header.Get("Content-Type"), Data: data})
		}
	}
	_, err := io.Copy(io.Discard, r.Body)
	return err
}

// answer is the fake's REST behaviour.
func (f *fakeDiscord) answer(r *fakeReq) (int, string, http.Header) {
	f.mu.Lock()
	hook := f.hook
	f.mu.Unlock()
	if hook != nil {
		if status, body, hdr, ok := hook(r); ok {
			return status, body, hdr
		}
	}
	seg := strings.Split(strings.Trim(r.Path, "/"), "/")
	needBot := !(len(seg) > 0 && (seg[0] == "webhooks" || seg[0] == "interactions"))
	if needBot && r.Auth != f.token {
		return 401, `{"message": "401: Unauthorized", "code": 0}`, nil
	}
	wsURL := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway"
	f.mu.Lock()
	defer f.mu.Unlock()
	msg := func(channel string) string {
		r.RespID = f.id()
		m := map[string]any{"id": r.RespID, "channel_id": channel, "author": map[string]any{"id": f.botID, "username": "Spotter", "bot": true}}
		for _, k := range []string{"content", "components", "embeds", "flags"} {
			if v, ok := r.Body[k]; ok {
				m[k] = v
			}
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	switch {
	case r.Method == "GET" && r.Path == "/gateway":
		return 200, `{"url": "` + wsURL + `"}`, nil
	case r.Method == "GET" && r.Path == "/gateway/bot":
		return 200, `{"url": "` + wsURL + `", "shards": 1, "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 16}}`, nil
	case r.Method == "POST" && r.Path == "/users/@me/channels":
		r.RespID = f.id()
		return 200, `{"id": "` + r.RespID + `", "type": 1}`, nil
	case r.Method == "GET" && r.Path == "/users/@me":
		return 200, `{"id": "` + f.botID + `", "username": "Spotter", "bot": true}`, nil
	case r.Method == "PUT" && len(seg) >= 3 && seg[0] == "applications" && seg[len(seg)-1] == "commands":
		if seg[1] != f.appID {
			return 403, `{"message": "Missing Access", "code": 50001}`, nil
		}
		var cmds []map[string]any
		b, _ := json.Marshal(r.Body["_list"])
		json.Unmarshal(b, &cmds)
		for _, c := range cmds {
			c["id"] = f.id()
		}
		b, _ = json.Marshal(cmds)
		return 200, string(b), nil
	case r.Method == "POST" && len(seg) == 4 && seg[0] == "interactions" && seg[3] == "callback":
		return 204, "", nil
	case len(seg) >= 3 && seg[0] == "webhooks" && seg[1] == f.appID:
		switch {
		case r.Method == "POST" && len(seg) == 3:
			return 200, msg(""), nil
		case r.Method == "PATCH" && len(seg) == 5:
			return 200, msg(""), nil
		case r.Method == "DELETE" && len(seg) == 5:
			return 204, "", nil
		}
	case len(seg) >= 3 && seg[0] == "channels" && seg[2] == "messages":
		switch {
		case r.Method == "POST" && len(seg) == 3:
			return 200, msg(seg[1]), nil
		case r.Method == "PATCH" && len(seg) == 4:
			return 200, msg(seg[1]), nil
		}
	}
	return 404, `{"message": "404: Not Found", "code": 0}`, nil
}

// serveGateway speaks enough of the gateway for discordgo: HELLO,
// IDENTIFY -> READY, RESUME -> RESUMED, heartbeats -> ACK.
func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	c, err := f.up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g := &fakeGW{conn: c}
	f.mu.Lock()
	f.gws = append(f.gws, g)
	f.mu.Unlock()
	defer func() {
		c.Close()
		f.mu.Lock()
		g.live = false
		f.notify()
		f.mu.Unlock()
	}()
	if g.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 1000}}) != nil {
		return
	}
	for {
		_, data, err := c.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(data, &p) != nil {
			return
		}
		switch p.Op {
		case 1:
			g.send(map[string]any{"op": 11})
		case 2:
			var id struct {
				Token   string `json:"token"`
				Intents int64  `json:"intents"`
				Shard   []int  `json:"shard"`
			}
			json.Unmarshal(p.D, &id)
			if id.Token != f.token {
				c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."), time.Now().Add(time.Second))
				return
			}
			f.mu.Lock()
			sid := "sess-" + f.id()
			if len(id.Shard) == 2 {
				g.shard = id.Shard[0]
			}
			f.sessions[sid] = g.shard
			g.intents, g.shardInfo = id.Intents, id.Shard
			f.seq++
			seq := f.seq
			f.mu.Unlock()
			g.send(map[string]any{"op": 0, "t": "READY", "s": seq, "d": map[string]any{
				"v": 9, "session_id": sid, "shard": id.Shard, "guilds": []any{},
				"user":        map[string]any{"id": f.botID, "username": "Spotter", "bot": true},
				"application": map[string]any{"id": f.appID, "flags": 0},
			}})
			f.mu.Lock()
			g.live = true
			f.notify()
			f.mu.Unlock()
		case 6:
			var rs struct {
				Token     string `json:"token"`
				SessionID string `json:"session_id"`
			}
			json.Unmarshal(p.D, &rs)
			f.mu.Lock()
			shard, ok := f.sessions[rs.SessionID]
			f.seq++
			seq := f.seq
			f.mu.Unlock()
			if !ok || rs.Token != f.token {
				g.send(map[string]any{"op": 9, "d": false})
				continue
			}
			g.send(map[string]any{"op": 0, "t": "RESUMED", "s": seq, "d": map[string]any{}})
			f.mu.Lock()
			g.shard, g.live, g.resumed = shard, true, true
			f.notify()
			f.mu.Unlock()
		}
	}
}

// live returns the live gateway connection of a shard, if any; f.mu held.
func (f *fakeDiscord) live(shard int) *fakeGW {
	for i := len(f.gws) - 1; i >= 0; i-- {
		if g := f.gws[i]; g.live && g.shard == shard {
			return g
		}
	}
	return nil
}

// dispatch sends an event on the shard's live connection, waiting for
// one if the shard is reconnecting.
func (f *fakeDiscord) dispatch(t testing.TB, shard int, typ string, d any) {
	t.Helper()
	var g *fakeGW
	f.waitFor(t, 10*time.Second, fmt.Sprintf("a live gateway on shard %d", shard), func() bool {
		g = f.live(shard)
		return g != nil
	})
	f.mu.Lock()
	f.seq++
	seq := f.seq
	f.mu.Unlock()
	if err := g.send(map[string]any{"op": 0, "t": typ, "s": seq, "d": d}); err != nil {
		t.Fatalf("dispatch %s: %v", typ, err)
	}
}

// drop closes the shard's live connection abruptly, as a network failure
// would.
func (f *fakeDiscord) drop(t testing.TB, shard int) {
	t.Helper()
	f.mu.Lock()
	g := f.live(shard)
	if g != nil {
		g.live = false
	}
	f.mu.Unlock()
	if g == nil {
		t.Fatalf("no live gateway on shard %d to drop", shard)
	}
	g.conn.UnderlyingConn().Close()
}
