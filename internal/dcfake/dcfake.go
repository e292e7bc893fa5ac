// Package dcfake is a fake Discord on 127.0.0.1 for tests that drive a
// real discordgo client (Spotter's Discord adapter, in process or in the
// real binary): REST under /api/v9 and a websocket gateway.
//
// The gateway speaks the protocol discordgo expects: HELLO (op 10),
// IDENTIFY (op 2) -> READY, heartbeats (op 1) -> ACK (op 11), dispatches
// (op 0) with per-session sequence numbers, RESUME (op 6) replaying the
// events the client missed and then RESUMED, or INVALID SESSION (op 9)
// when the session cannot be resumed, after which the client identifies
// again. Tests inject INTERACTION_CREATE (slash commands, button presses,
// autocomplete) and MESSAGE_CREATE into a chosen shard, drop connections,
// and ask for reconnects.
//
// REST keeps Discord's rules where they shape a bot: interaction callbacks
// within 3 s and only once, webhook tokens that live 15 minutes (on the
// fake's clock, which Advance moves on), the first follow-up after a
// deferred response (type 5) becoming that response, message
// and component limits, allowed_mentions' exclusive fields, replies
// (message_reference) to known messages only unless fail_if_not_exists is
// false, reactions, the upload limit (413), application commands'
// integration_types and contexts, and optionally a per-channel message
// rate. The fake keeps every message as it stands (Stored), however it
// was edited (a PATCH, a type 7 callback). Every REST call is recorded; tests wait for
// calls with matchers and bounded waits and inspect allowed_mentions,
// flags, components and attachments. Faults: a seeded fraction of sends
// answered 429 (with Discord's headers and body) or 5xx, and hooks.
//
// A Server is safe for concurrent use. Recording is O(1) per call; waits
// sleep on a condition variable and scan only calls recorded since they
// last looked.
package dcfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Defaults for Config's zero values.
const (
	DefaultToken   = "MTAwMDAwMDAwMDAwMDAwMDAw.dcfake.bot-token"
	DefaultAppID   = "111111111111111111"
	DefaultBotID   = "222222222222222222"
	DefaultBotName = "Spotter"
)

// Config is how a Server behaves. The zero value is usable.
type Config struct {
	// Token is the bot token the client must present ("Bot " optional);
	// DefaultToken when empty.
	Token string
	// AppID is the application id sent in READY; BotID the bot user's id;
	// BotName its name.
	AppID, BotID, BotName string
	// Shards is the shard count GET /gateway/bot recommends (1 when 0);
	// MaxConcurrency its session_start_limit.max_concurrency (1 when 0).
	Shards, MaxConcurrency int
	// Guilds are announced in READY (unavailable) and then GUILD_CREATE,
	// each on its shard.
	Guilds []string
	// HeartbeatInterval is sent in HELLO; 1 s when 0 (Discord's is about
	// 41 s; shorter finds dead connections sooner in tests).
	HeartbeatInterval time.Duration
	// AckDeadline is how long after its dispatch an interaction may be
	// answered (Discord: 3 s); 3 s when 0, none when negative.
	AckDeadline time.Duration
	// TokenLife is how long an interaction token works for edits and
	// follow-ups (Discord: 15 min); 15 min when 0.
	TokenLife time.Duration
	// ChannelLimit, when set, is a per-channel rate for POST
	// /channels/{id}/messages: a message beyond it is answered 429 and
	// counted in Stats.LimitHits, and answers carry X-RateLimit headers.
	ChannelLimit Limit
	// Replay is how many events each session keeps for RESUME (1024
	// when 0). A resume from further back is refused with op 9.
	Replay int
	// Seed seeds the fault injection's random source.
	Seed uint64
	// WaitTimeout bounds every wait whose context has no deadline (10 s
	// when 0).
	WaitTimeout time.Duration
	// Addr is the listen address; "127.0.0.1:0" when empty.
	Addr string
	// UploadLimit is the largest upload in bytes (a request's files
	// together); a larger one is answered 413 (code 40005). 0 is
	// Discord's 10 MiB; see SetUploadLimit.
	UploadLimit int
}

// Limit is a number of events per period.
type Limit struct {
	Count int
	Per   time.Duration
}

// Server is a running fake Discord.
type Server struct {
	cfg   Config
	token string // without "Bot "
	ln    net.Listener
	srv   *http.Server
	url   string
	up    websocket.Upgrader

	mu   sync.Mutex
	cond *sync.Cond // broadcast on every recorded change, under mu
	gen  uint64     // counts changes

	reqs  []*Request
	stats Stats

	// gateway
	conns    []*conn
	sessions map[string]*session
	shardSes map[int]*session // the session events for a shard go to
	nextConn int

	// REST state
	nextID       int64
	interactions map[string]*interaction // by id
	byToken      map[string]*interaction
	ixOrder      []*interaction // dispatch order, for expiry
	dms          map[string]string
	commands     map[string][]any // guild ("" global) -> last bulk overwrite
	attachments  map[string]attachmentData
	windows      map[string]*window // channel -> recent message times
	msgs         map[string]*Stored // every message known, by id (messages.go)
	noReactions  map[string]bool    // channels refusing reactions ("" all)
	forbidden    map[string]bool    // channels the bot may not post in
	uploadLimit  int                // 0: DefaultUploadLimit

	faults     Faults
	faultsTill time.Time
	rng        *rand.Rand
	hook       Hook

	closed bool

	// ahead is how far the fake's clock runs ahead of the real one
	// (Advance), in nanoseconds.
	ahead atomic.Int64
}

// Stats are counters of what happened.
type Stats struct {
	Requests  int // REST calls recorded
	Faults429 int // answered 429 by fault injection
	Faults5xx int // answered 5xx by fault injection
	LimitHits int // answered 429 by ChannelLimit
	Hooked    int // answered by the hook
	LateAcks  int // interaction callbacks refused: past AckDeadline

	Connections  int // gateway connections accepted
	Identifies   int
	Resumes      int // successful
	Invalidated  int // op 9 sent
	Dispatches   int // events sent (including READY and RESUMED)
	Replayed     int // events sent again on RESUME
	Heartbeats   int
	Drops        int // connections dropped by Drop or DropGateway
	ClientCloses int // close frames received from clients
}

// Hook may answer a REST call instead of the fake: it returns nil to let
// the fake answer. It runs on the request's goroutine without locks held.
type Hook func(r *Request) *Response

// Response is a hook's answer. A nil Header is none; an empty Body with
// status 204 sends no body.
type Response struct {
	Status int
	Body   string
	Header http.Header
}

// Start listens on Config.Addr and serves.
func Start(cfg Config) (*Server, error) {
	if cfg.Token == "" {
		cfg.Token = DefaultToken
	}
	if cfg.AppID == "" {
		cfg.AppID = DefaultAppID
	}
	if cfg.BotID == "" {
		cfg.BotID = DefaultBotID
	}
	if cfg.BotName == "" {
		cfg.BotName = DefaultBotName
	}
	if cfg.Shards <= 0 {
		cfg.Shards = 1
	}
	if cfg.MaxConcurrency <= 0 {
		cfg.MaxConcurrency = 1
	}
	if cfg.HeartbeatInterval <= 0 {
		cfg.HeartbeatInterval = time.Second
	}
	if cfg.AckDeadline == 0 {
		cfg.AckDeadline = 3 * time.Second
	}
	if cfg.TokenLife <= 0 {
		cfg.TokenLife = 15 * time.Minute
	}
	if cfg.Replay <= 0 {
		cfg.Replay = 1024
	}
	if cfg.WaitTimeout <= 0 {
		cfg.WaitTimeout = 10 * time.Second
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("dcfake: %w", err)
	}
	s := &Server{
		cfg:          cfg,
		token:        strings.TrimPrefix(cfg.Token, "Bot "),
		ln:           ln,
		url:          "http://" + ln.Addr().String(),
		sessions:     map[string]*session{},
		shardSes:     map[int]*session{},
		nextID:       900000000000000000,
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
		dms:          map[string]string{},
		commands:     map[string][]any{},
		attachments:  map[string]attachmentData{},
		windows:      map[string]*window{},
		msgs:         map[string]*Stored{},
		noReactions:  map[string]bool{},
		forbidden:    map[string]bool{},
		uploadLimit:  cfg.UploadLimit,
		rng:          newSource(cfg.Seed),
	}
	s.cond = sync.NewCond(&s.mu)
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v9/", s.serveREST)
	mux.HandleFunc("/gateway", s.serveGateway)
	mux.HandleFunc("/gateway/", s.serveGateway)
	mux.HandleFunc("/attachments/", s.serveAttachment)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server and closes every gateway connection.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := append([]*conn(nil), s.conns...)
	s.cond.Broadcast()
	s.mu.Unlock()
	for _, c := range conns {
		c.kill()
	}
	s.srv.Close()
}

// URL is the server's base URL, "http://127.0.0.1:PORT".
func (s *Server) URL() string { return s.url }

// APIURL is the REST base to give a client (Spotter's [discord] api_url):
// URL()+"/api/v9/".
func (s *Server) APIURL() string { return s.url + "/api/v9/" }

// Token is the bot token, without "Bot ".
func (s *Server) Token() string { return s.token }

// AppID is the application id.
func (s *Server) AppID() string { return s.cfg.AppID }

// BotID is the bot user's id.
func (s *Server) BotID() string { return s.cfg.BotID }

// Now is the fake's clock: the real time plus what Advance added. The
// times of calls (Request.At) and of dispatched interactions are on it,
// and so are the rules that depend on them (an interaction's 3 s to be
// answered, its token's 15 minutes, ChannelLimit).
func (s *Server) Now() time.Time { return time.Now().Add(time.Duration(s.ahead.Load())) }

// Advance moves the fake's clock forward by d, as if that long had
// passed: Advance(15*time.Minute) ends the tokens of the interactions
// dispatched so far, as Discord's 15 minutes would, without a wait.
func (s *Server) Advance(d time.Duration) {
	if d > 0 {
		s.ahead.Add(int64(d))
	}
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// newSource is the fault injection's random source for a seed.
func newSource(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// ShardOf is the shard a guild's events go to: (guild_id >> 22) % shards.
func ShardOf(guildID string, shards int) int {
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || shards <= 1 {
		return 0
	}
	return int((id >> 22) % uint64(shards))
}

// changed wakes the waiters; s.mu is held.
func (s *Server) changed() {
	s.gen++
	s.cond.Broadcast()
}

// newID is a fresh snowflake-like id; s.mu is held.
func (s *Server) newID() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// ErrClosed is returned by waits when the server closed.
var ErrClosed = errors.New("dcfake: server closed")

// bound gives ctx the default wait bound when it has no deadline.
func (s *Server) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, s.cfg.WaitTimeout)
}

// waitLocked waits until ok holds, s.mu held (Wait releases it while
// sleeping). ok is evaluated under s.mu.
func (s *Server) waitLocked(ctx context.Context, ok func() bool) error {
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		s.cond.Broadcast()
		s.mu.Unlock()
	})
	defer stop()
	for !ok() {
		if s.closed {
			return ErrClosed
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		s.cond.Wait()
	}
	return nil
}

// Wait waits until cond returns true, evaluating it after every change
// to the server's state (a REST call, a gateway event). cond runs without
// the server's lock held and may call the Server's methods. It fails when
// ctx ends (or after Config.WaitTimeout when ctx has no deadline).
func (s *Server) Wait(ctx context.Context, what string, cond func() bool) error {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		s.cond.Broadcast()
		s.mu.Unlock()
	})
	defer stop()
	s.mu.Lock()
	for {
		gen := s.gen
		s.mu.Unlock()
		if cond() {
			return nil
		}
		s.mu.Lock()
		if s.gen != gen {
			continue // something changed while cond ran
		}
		if s.closed {
			s.mu.Unlock()
			return ErrClosed
		}
		if err := ctx.Err(); err != nil {
			s.mu.Unlock()
			return fmt.Errorf("dcfake: waiting for %s: %w\n%s", what, err, s.dumpLocked())
		}
		s.cond.Wait()
	}
}

// jsonString is v as JSON.
func jsonString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return `{"message": "dcfake: marshal: ` + err.Error() + `", "code": 0}`
	}
	return string(b)
}
