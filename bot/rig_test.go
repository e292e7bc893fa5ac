package bot

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

// The shapes of the platforms' default paces (each adapter owns its
// own; bot cannot import them): one message a second per chat and one
// every 3 s per group, as Telegram's; 5 channel messages per 5 s, with
// interaction answers apart, as Discord's.
var (
	telegramPace = Pace{{N: 1, Per: time.Second}, {N: 1, Per: 3 * time.Second, GroupOnly: true}}
	discordPace  = Pace{{N: 5, Per: 5 * time.Second, SkipInteractions: true}}
)

// sink is a Sender that records what it was sent and when, and can refuse.
type sink struct {
	mu      sync.Mutex
	sent    []sent
	refuse  func(r Reply, attempt int) error
	attempt int
}

type sent struct {
	at time.Time
	r  Reply
}

func (s *sink) Send(_ context.Context, r Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.attempt++
	if s.refuse != nil {
		if err := s.refuse(r, s.attempt); err != nil {
			return err
		}
	}
	s.sent = append(s.sent, sent{at: time.Now(), r: r})
	return nil
}

func (s *sink) all() []sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sent(nil), s.sent...)
}

// pings returns the sent messages that carry pings.
func (s *sink) pings() []sent {
	var out []sent
	for _, m := range s.all() {
		if len(m.r.Pings) > 0 {
			out = append(out, m)
		}
	}
	return out
}

func (s *sink) last() Reply {
	all := s.all()
	if len(all) == 0 {
		return Reply{}
	}
	return all[len(all)-1].r
}

// rig is a hub on a real bbolt file, run inside a synctest bubble so
// that rests and paces pass in fake time, sending to a sink. It is the one
// rig of package bot's tests. Tests outside package bot use
// internal/hubtest instead, which cannot serve here: it imports bot, and
// these tests reach into the hub's state.
type rig struct {
	t      *testing.T
	hub    *Hub
	db     *store.DB
	sink   *sink
	cancel context.CancelFunc
	done   chan error
}

func startRig(t *testing.T, path string, s *sink, pace Pace, cfg Config) *rig {
	t.Helper()
	return startRigOver(t, path, s, pace, cfg, nil)
}

// startRigOver is startRig with the hub's store seen through wrap, which
// may stand between the hub and the file to fail or blind some calls;
// nil is the file itself.
func startRigOver(t *testing.T, path string, s *sink, pace Pace, cfg Config, wrap func(*store.DB) Store) *rig {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Coach == nil {
		c, err := coach.New(coach.Config{Presets: []coach.Preset{
			{Name: "quickrp", Technique: coach.RestPause, Options: coach.Options{Rest: 10 * time.Second}},
		}})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Coach = c
	}
	cfg.Store = db
	if wrap != nil {
		cfg.Store = wrap(db)
	}
	cfg.Unit = coach.KG
	h := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	r := &rig{t: t, hub: h, db: db, sink: s, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- h.Serve(ctx, &testAdapter{sink: s, pace: pace}) }()
	return r
}

// testAdapter is the rig's platform, "test": the tests hand its messages
// to the hub themselves, and the hub sends its replies to the sink.
type testAdapter struct {
	*sink
	platform string // "" is "test"
	pace     Pace
	// run, if set, is Run; else Run waits for the end.
	run func(ctx context.Context) error
}

var _ Adapter = (*testAdapter)(nil)

func (a *testAdapter) Pace() Pace { return a.pace }

func (a *testAdapter) Platform() string {
	if a.platform == "" {
		return "test"
	}
	return a.platform
}

func (a *testAdapter) Run(ctx context.Context) error {
	if a.run != nil {
		return a.run(ctx)
	}
	<-ctx.Done()
	return nil
}

// stop shuts the hub down and closes the store.
func (r *rig) stop() {
	r.t.Helper()
	r.cancel()
	if err := <-r.done; err != nil {
		r.t.Fatal(err)
	}
	if err := r.db.Close(); err != nil {
		r.t.Fatal(err)
	}
}

var msgSeq int

func (r *rig) say(user, text string) Reply {
	r.t.Helper()
	msgSeq++
	m := Message{Platform: "test", ChatID: "gym", UserID: user, UserName: user, Text: text, Group: true, ID: fmt.Sprint("m", msgSeq)}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	synctest.Wait()
	return r.sink.last()
}

// cmdOf is the command a button stands for, without what it is bound to.
func cmdOf(b Button) string {
	cmd, _ := unbind(b.Data)
	return cmd
}
