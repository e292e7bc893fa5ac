package dcfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway intents the fake looks at.
const (
	IntentGuilds         = 1 << 0
	IntentGuildMessages  = 1 << 9
	IntentDirectMessages = 1 << 12
	IntentMessageContent = 1 << 15
)

// session is a gateway session: it outlives its connections and can be
// resumed until it is invalidated.
type session struct {
	id          string
	shard       int
	shardCount  int
	intents     int64
	seq         int64
	events      []event // the last Config.Replay dispatches, by seq
	conn        *conn   // the live connection; nil while disconnected
	invalid     bool
	identified  time.Time
	resumeCount int
}

type event struct {
	seq  int64
	data []byte
}

// conn is one websocket connection. Frames go out through a queue and one
// writer goroutine, so that dispatches leave in sequence order.
type conn struct {
	id     int
	ws     *websocket.Conn
	opened time.Time

	qmu    sync.Mutex
	queue  [][]byte
	wake   chan struct{} // cap 1
	done   chan struct{} // closed when the connection ends
	closed bool

	// Under Server.mu:
	sess       *session
	resumed    bool
	heartbeats int
	lastHBSeq  int64
	closeCode  int
	ended      time.Time
	dropped    bool
}

// Conn describes a gateway connection.
type Conn struct {
	ID         int
	Shard      int
	ShardCount int
	Intents    int64
	SessionID  string
	Identified bool // it identified (or resumed) a session
	Resumed    bool // it resumed a session
	Live       bool // the session's current connection, still open
	Heartbeats int
	// LastHeartbeatSeq is the sequence number the last heartbeat carried.
	LastHeartbeatSeq int64
	// CloseCode is the close frame's code the client sent; 0 if none.
	CloseCode int
	Opened    time.Time
	Ended     time.Time // zero while open
}

// send queues a frame; it never blocks on the network.
func (c *conn) send(b []byte) {
	c.qmu.Lock()
	if !c.closed {
		c.queue = append(c.queue, b)
	}
	c.qmu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// writer writes queued frames until the connection ends.
func (c *conn) writer() {
	for {
		select {
		case <-c.wake:
		case <-c.done:
			return
		}
		c.qmu.Lock()
		q := c.queue
		c.queue = nil
		c.qmu.Unlock()
		for _, b := range q {
			c.ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
				c.kill()
				return
			}
		}
	}
}

// kill closes the connection abruptly (no close frame), as a network
// failure would.
func (c *conn) kill() {
	c.qmu.Lock()
	if !c.closed {
		c.closed = true
		close(c.done)
	}
	c.qmu.Unlock()
	c.ws.UnderlyingConn().Close()
}

// closeWith sends a close frame with code and reason, then closes.
func (c *conn) closeWith(code int, reason string) {
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.kill()
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("dcfake: " + err.Error())
	}
	return b
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query(); q.Get("encoding") != "" && q.Get("encoding") != "json" {
		http.Error(w, "dcfake speaks encoding=json only", http.StatusBadRequest)
		return
	}
	ws, err := s.up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &conn{ws: ws, opened: time.Now(), wake: make(chan struct{}, 1), done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.nextConn++
	c.id = s.nextConn
	s.conns = append(s.conns, c)
	s.stats.Connections++
	s.changed()
	s.mu.Unlock()
	go c.writer()
	c.send(mustJSON(map[string]any{"op": 10, "s": nil, "t": nil, "d": map[string]any{"heartbeat_interval": s.cfg.HeartbeatInterval.Milliseconds()}}))
	s.readLoop(c)
	c.kill()
	s.mu.Lock()
	c.ended = time.Now()
	if c.sess != nil && c.sess.conn == c {
		c.sess.conn = nil
		// A client that closes with 1000 or 1001 ends its session.
		if c.closeCode == websocket.CloseNormalClosure || c.closeCode == websocket.CloseGoingAway {
			c.sess.invalid = true
		}
	}
	s.changed()
	s.mu.Unlock()
}

// readLoop handles the client's frames until the connection ends.
func (s *Server) readLoop(c *conn) {
	c.ws.SetCloseHandler(func(code int, _ string) error {
		s.mu.Lock()
		c.closeCode = code
		s.stats.ClientCloses++
		s.changed()
		s.mu.Unlock()
		return nil
	})
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(data, &p) != nil {
			c.closeWith(4002, "Error while decoding payload.")
			return
		}
		s.mu.Lock()
		identified := c.sess != nil
		s.mu.Unlock()
		switch p.Op {
		case 1:
			var seq *int64
			json.Unmarshal(p.D, &seq)
			s.mu.Lock()
			c.heartbeats++
			s.stats.Heartbeats++
			if seq != nil {
				c.lastHBSeq = *seq
			}
			s.changed()
			s.mu.Unlock()
			c.send(mustJSON(map[string]any{"op": 11, "s": nil, "t": nil, "d": nil}))
		case 2:
			if identified {
				c.closeWith(4005, "Already authenticated.")
				return
			}
			if !s.identify(c, p.D) {
				return
			}
		case 6:
			if identified {
				c.closeWith(4005, "Already authenticated.")
				return
			}
			if !s.resume(c, p.D) {
				return
			}
		case 3, 4, 8, 31: // presence, voice state, request members, soundboard
			if !identified {
				c.closeWith(4003, "Not authenticated.")
				return
			}
		default:
			c.closeWith(4001, "Unknown opcode.")
			return
		}
	}
}

// identify starts a session on c and sends READY (and GUILD_CREATE for
// the shard's guilds). It reports whether c stays open.
func (s *Server) identify(c *conn, raw json.RawMessage) bool {
	var id struct {
		Token   string `json:"token"`
		Intents *int64 `json:"intents"`
		Shard   []int  `json:"shard"`
	}
	if json.Unmarshal(raw, &id) != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return false
	}
	if strings.TrimPrefix(id.Token, "Bot ") != s.token {
		c.closeWith(4004, "Authentication failed.")
		return false
	}
	shard, count := 0, 1
	if id.Shard != nil {
		if len(id.Shard) != 2 || id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1] {
			c.closeWith(4010, "Invalid shard.")
			return false
		}
		shard, count = id.Shard[0], id.Shard[1]
	}
	if id.Intents == nil {
		c.closeWith(4013, "Invalid intent(s).")
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := &session{id: "dcfake-" + s.newID(), shard: shard, shardCount: count, intents: *id.Intents, conn: c, identified: time.Now()}
	s.sessions[sess.id] = sess
	s.shardSes[shard] = sess
	c.sess = sess
	s.stats.Identifies++
	var unavailable []any
	var mine []string
	for _, g := range s.cfg.Guilds {
		if ShardOf(g, count) == shard {
			unavailable = append(unavailable, map[string]any{"id": g, "unavailable": true})
			mine = append(mine, g)
		}
	}
	if unavailable == nil {
		unavailable = []any{}
	}
	s.dispatchLocked(sess, "READY", map[string]any{
		"v": 9, "session_id": sess.id, "resume_gateway_url": s.wsURL(), "shard": []int{shard, count},
		"user": s.botUser(), "guilds": unavailable, "application": map[string]any{"id": s.cfg.AppID, "flags": 0},
	})
	for _, g := range mine {
		s.dispatchLocked(sess, "GUILD_CREATE", map[string]any{"id": g, "name": "guild " + g, "unavailable": false,
			"channels": []any{}, "roles": []any{}, "members": []any{}, "member_count": 1})
	}
	s.changed()
	return true
}

// resume attaches c to a session, replays what the client missed, then
// sends RESUMED; a session that cannot be resumed gets op 9 (d false),
// after which the client may identify on the same connection.
func (s *Server) resume(c *conn, raw json.RawMessage) bool {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if json.Unmarshal(raw, &rs) != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return false
	}
	if strings.TrimPrefix(rs.Token, "Bot ") != s.token {
		c.closeWith(4004, "Authentication failed.")
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.sessions[rs.SessionID]
	ok := sess != nil && !sess.invalid && rs.Seq <= sess.seq
	if ok && rs.Seq < sess.seq && (len(sess.events) == 0 || sess.events[0].seq > rs.Seq+1) {
		ok = false // what the client missed is no longer kept
	}
	if !ok {
		s.stats.Invalidated++
		c.send(mustJSON(map[string]any{"op": 9, "s": nil, "t": nil, "d": false}))
		s.changed()
		return true
	}
	if old := sess.conn; old != nil && old != c {
		old.dropped = true
		go old.kill()
	}
	sess.conn, c.sess, c.resumed = c, sess, true
	sess.resumeCount++
	s.shardSes[sess.shard] = sess
	for _, e := range sess.events {
		if e.seq > rs.Seq {
			c.send(e.data)
			s.stats.Replayed++
		}
	}
	s.stats.Resumes++
	s.dispatchLocked(sess, "RESUMED", map[string]any{})
	s.changed()
	return true
}

// dispatchLocked sends an event on the session's connection with the
// next sequence number and keeps it for RESUME; s.mu is held. With no
// live connection the event is only kept: a RESUME delivers it.
func (s *Server) dispatchLocked(sess *session, typ string, d any) int64 {
	sess.seq++
	b := mustJSON(map[string]any{"op": 0, "s": sess.seq, "t": typ, "d": d})
	sess.events = append(sess.events, event{seq: sess.seq, data: b})
	if over := len(sess.events) - s.cfg.Replay; over > 0 {
		// Drop in chunks so that trimming stays O(1) per event.
		if over >= s.cfg.Replay/4+1 {
			sess.events = append([]event(nil), sess.events[over:]...)
		}
	}
	if sess.conn != nil {
		sess.conn.send(b)
		s.stats.Dispatches++
	}
	return sess.seq
}

// ErrNoSession is returned when a shard has no session to dispatch on.
var ErrNoSession = errors.New("dcfake: no live gateway session on the shard")

// Dispatch sends event type typ with data d (anything that marshals to
// the event's JSON) on the shard's session, waiting for a live
// connection (bounded by ctx, or Config.WaitTimeout). It returns the
// event's sequence number. An INTERACTION_CREATE's interaction is
// registered for the callback and webhook rules.
func (s *Server) Dispatch(ctx context.Context, shard int, typ string, d any) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	raw, err := json.Marshal(d)
	if err != nil {
		return 0, fmt.Errorf("dcfake: %s: %w", typ, err)
	}
	var ix *interaction
	if typ == "INTERACTION_CREATE" {
		var in struct {
			ID        string `json:"id"`
			Token     string `json:"token"`
			Type      int    `json:"type"`
			ChannelID string `json:"channel_id"`
			Message   *struct {
				ID string `json:"id"`
			} `json:"message"`
		}
		json.Unmarshal(raw, &in)
		ix = &interaction{id: in.ID, token: in.Token, typ: in.Type, channel: in.ChannelID}
		if in.Message != nil {
			ix.messageID = in.Message.ID
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var sess *session
	err = s.waitLocked(ctx, func() bool {
		sess = s.shardSes[shard]
		return sess != nil && sess.conn != nil
	})
	if err != nil {
		return 0, fmt.Errorf("%w %d (%s): %w", ErrNoSession, shard, typ, err)
	}
	if typ == "MESSAGE_CREATE" {
		var ok bool
		if raw, ok = s.filterMessage(sess, raw); !ok {
			return 0, ErrNotSubscribed
		}
	}
	if ix != nil {
		ix.at = s.Now()
		s.addInteraction(ix)
	}
	seq := s.dispatchLocked(sess, typ, json.RawMessage(raw))
	s.changed()
	return seq, nil
}

// ErrNotSubscribed is returned for a MESSAGE_CREATE the session's intents
// do not let through (no GUILD_MESSAGES for a guild message, no
// DIRECT_MESSAGES for a DM).
var ErrNotSubscribed = errors.New("dcfake: the session's intents do not receive this event")

// filterMessage applies the intents to a MESSAGE_CREATE: without
// MESSAGE_CONTENT, a guild message that does not mention the bot arrives
// with empty content, embeds, attachments and components.
func (s *Server) filterMessage(sess *session, raw []byte) ([]byte, bool) {
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return raw, true
	}
	guild, _ := m["guild_id"].(string)
	if guild == "" && sess.intents&IntentDirectMessages == 0 || guild != "" && sess.intents&IntentGuildMessages == 0 {
		return nil, false
	}
	if sess.intents&IntentMessageContent != 0 || guild == "" {
		return raw, true
	}
	if a, _ := m["author"].(map[string]any); a != nil && a["id"] == s.cfg.BotID {
		return raw, true
	}
	mentions, _ := m["mentions"].([]any)
	for _, u := range mentions {
		if um, _ := u.(map[string]any); um != nil && um["id"] == s.cfg.BotID {
			return raw, true
		}
	}
	m["content"], m["embeds"], m["attachments"], m["components"] = "", []any{}, []any{}, []any{}
	return mustJSON(m), true
}

// Drop closes the shard's live connection abruptly, as a network failure
// would; the session stays resumable.
func (s *Server) Drop(shard int) error {
	s.mu.Lock()
	sess := s.shardSes[shard]
	if sess == nil || sess.conn == nil {
		s.mu.Unlock()
		return fmt.Errorf("%w %d", ErrNoSession, shard)
	}
	c := sess.conn
	sess.conn = nil
	c.dropped = true
	s.stats.Drops++
	s.changed()
	s.mu.Unlock()
	c.kill()
	return nil
}

// DropGateway closes every open gateway connection abruptly; sessions
// stay resumable. It returns how many it closed.
func (s *Server) DropGateway() int {
	s.mu.Lock()
	var open []*conn
	for _, c := range s.conns {
		if c.ended.IsZero() && !c.dropped {
			open = append(open, c)
			c.dropped = true
			if c.sess != nil && c.sess.conn == c {
				c.sess.conn = nil
			}
		}
	}
	s.stats.Drops += len(open)
	s.changed()
	s.mu.Unlock()
	for _, c := range open {
		c.kill()
	}
	return len(open)
}

// Reconnect asks the shard's client to reconnect (op 7); it resumes.
func (s *Server) Reconnect(shard int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.shardSes[shard]
	if sess == nil || sess.conn == nil {
		return fmt.Errorf("%w %d", ErrNoSession, shard)
	}
	sess.conn.send(mustJSON(map[string]any{"op": 7, "s": nil, "t": nil, "d": nil}))
	return nil
}

// InvalidateSession ends the shard's session (op 9, d false): the client
// identifies again on its connection, and events it had not received are
// lost, as on Discord.
func (s *Server) InvalidateSession(shard int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.shardSes[shard]
	if sess == nil || sess.conn == nil {
		return fmt.Errorf("%w %d", ErrNoSession, shard)
	}
	c := sess.conn
	sess.invalid, sess.conn, c.sess = true, nil, nil
	s.stats.Invalidated++
	c.send(mustJSON(map[string]any{"op": 9, "s": nil, "t": nil, "d": false}))
	s.changed()
	return nil
}

// Conns describes every gateway connection so far, oldest first.
func (s *Server) Conns() []Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Conn, len(s.conns))
	for i, c := range s.conns {
		out[i] = s.connInfo(c)
	}
	return out
}

func (s *Server) connInfo(c *conn) Conn {
	ci := Conn{ID: c.id, Resumed: c.resumed, Heartbeats: c.heartbeats, LastHeartbeatSeq: c.lastHBSeq,
		CloseCode: c.closeCode, Opened: c.opened, Ended: c.ended}
	if sess := c.sess; sess != nil {
		ci.Identified = true
		ci.Shard, ci.ShardCount, ci.Intents, ci.SessionID = sess.shard, sess.shardCount, sess.intents, sess.id
		ci.Live = sess.conn == c && c.ended.IsZero()
	}
	return ci
}

// WaitConn waits for a gateway connection that cond accepts and returns
// it; cond runs under the server's lock and must not call its methods.
func (s *Server) WaitConn(ctx context.Context, cond func(Conn) bool) (Conn, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	var got Conn
	err := s.waitLocked(ctx, func() bool {
		for i := len(s.conns) - 1; i >= 0; i-- {
			if ci := s.connInfo(s.conns[i]); cond(ci) {
				got = ci
				return true
			}
		}
		return false
	})
	if err != nil {
		return Conn{}, fmt.Errorf("dcfake: waiting for a gateway connection: %w", err)
	}
	return got, nil
}

// WaitLive waits until the shard has a live, identified connection.
func (s *Server) WaitLive(ctx context.Context, shard int) (Conn, error) {
	return s.WaitConn(ctx, func(c Conn) bool { return c.Live && c.Shard == shard })
}

// ShardsConnected are the shards with a live gateway connection, in
// order: which a process split across others runs.
func (s *Server) ShardsConnected() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []int
	for id, sess := range s.shardSes {
		if sess != nil && sess.conn != nil && !sess.invalid {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
