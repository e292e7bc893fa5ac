package telegram

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/internal/hubtest"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

// The fake Bot API server's bot, and the chats and lifters of the tests.
const (
	fakeToken   = tgfake.DefaultToken
	fakeBotName = tgfake.DefaultBotName
	fakeBotID   = 123456
)

var (
	privateChat = tgfake.Private
	gym         = tgfake.Group(-100777, "Iron Gym")
	ana         = models.User{ID: 501, FirstName: "Ana", Username: "ana_lifts"}
	bo          = models.User{ID: 502, FirstName: "Bo"}
)

// rig is an adapter running against a fake Bot API server, feeding the
// real hub (on a bbolt file in t.TempDir) or a recorder.
type rig struct {
	fake  *tgfake.Server
	a     *Adapter
	coach *coach.Coach
	rec   *recorder // when the rig runs without a hub
	logs  *logBuffer
}

// quickCoach plans rest-pause with a 1 s rest, so a test waits one second
// for its GO ping.
func quickCoach(t testing.TB) *coach.Coach {
	d := coach.ArticleDefaults()
	d.RestPause.Rest = time.Second
	c, err := coach.New(coach.Config{Defaults: d})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// startHub runs the adapter on the real hub.
func startHub(t *testing.T) *rig { return startHubWith(t, Config{}, nil) }

// startHubWith runs the adapter, built from cfg (its token, server and
// pace filled in) and then given to prep before it starts, on the real
// hub.
func startHubWith(t *testing.T, cfg Config, prep func(*Adapter)) *rig {
	t.Helper()
	r := &rig{fake: tgfake.New(t), coach: quickCoach(t), logs: &logBuffer{}}
	hub := hubtest.New(t, hubtest.Config{Coach: r.coach, Log: r.logger()})
	cfg.Token, cfg.APIURL = fakeToken, r.fake.URL()
	// No pacing here (an empty pace, not nil, which is Telegram's): the
	// outbox's pacing has its own tests; these test the protocol.
	cfg.Pace = bot.Pace{}
	r.a = r.newAdapter(t, cfg, hub.Hub)
	if prep != nil {
		prep(r.a)
	}
	r.checkLogs(t)
	hub.Serve(t, r.a)
	r.ready(t)
	return r
}

// startRecorder runs the adapter with a Handler that records what it is
// given.
func startRecorder(t *testing.T, cfg Config) *rig { return startRecorderWith(t, cfg, nil) }

// startRecorderWith is startRecorder with prep given the adapter before
// it starts.
func startRecorderWith(t *testing.T, cfg Config, prep func(*Adapter)) *rig {
	t.Helper()
	r := &rig{fake: tgfake.New(t), rec: newRecorder(), logs: &logBuffer{}}
	if cfg.Token == "" {
		cfg.Token = fakeToken
	}
	cfg.APIURL = r.fake.URL()
	r.a = r.newAdapter(t, cfg, r.rec)
	if prep != nil {
		prep(r.a)
	}
	r.checkLogs(t)
	hubtest.Run(t, "adapter.Run", r.a.Run)
	r.ready(t)
	return r
}

func (r *rig) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(r.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func (r *rig) newAdapter(t *testing.T, cfg Config, h Handler) *Adapter {
	t.Helper()
	a, err := New(cfg, h, r.logger())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// checkLogs checks, when the test ends and the adapter has stopped (call
// it before starting the adapter), that the logs never showed the token.
func (r *rig) checkLogs(t *testing.T) {
	t.Cleanup(func() {
		if strings.Contains(r.logs.String(), fakeToken) {
			t.Errorf("the token appears in the logs:\n%s", r.logs.String())
		}
		if t.Failed() {
			t.Logf("logs:\n%s", r.logs.String())
		}
	})
}

// ready waits until the adapter reads updates, which it does once getMe
// told it its name.
func (r *rig) ready(t *testing.T) {
	r.fake.Wait(t, 1, tgfake.Method("setMyCommands"))
}

// recorder is a Handler that keeps every message it is given.
type recorder struct {
	mu      sync.Mutex
	msgs    []bot.Message
	changed chan struct{}
}

func newRecorder() *recorder { return &recorder{changed: make(chan struct{})} }

func (r *recorder) Submit(_ context.Context, m bot.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	close(r.changed)
	r.changed = make(chan struct{})
	return nil
}

// wait returns the first n messages, failing the test if they do not
// come within 10 s.
func (r *recorder) wait(t testing.TB, n int) []bot.Message {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		msgs, changed := append([]bot.Message(nil), r.msgs...), r.changed
		r.mu.Unlock()
		if len(msgs) >= n {
			return msgs
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("timed out waiting for %d messages; have %d: %+v", n, len(msgs), msgs)
		}
	}
}

// clock is a test's clock for the adapter (Adapter.now): it stands
// still until the test moves it, and is safe for concurrent use.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *clock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *clock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// logBuffer is an io.Writer safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
