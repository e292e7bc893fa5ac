// Package hubtest is the rig of the end-to-end tests outside package bot:
// Spotter's real hub over a real bbolt file in the test's temporary
// directory, serving the adapters under test the way main serves them
// (bot.Hub.Serve), stopped and checked when the test ends. Package bot's
// own tests have their rig in bot/rig_test.go (they cannot import this
// package, which imports bot).
package hubtest

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

// StopWithin bounds how long a rig may take to stop once its test ends.
const StopWithin = 10 * time.Second

// Config is what a Hub is built from. The zero Config is a hub with the
// articles' defaults, loads in kg, no log, on s.db in t.TempDir().
type Config struct {
	// Coach plans and parses; nil is coach.New(coach.Config{}).
	Coach *coach.Coach
	// Log gets the hub's log; nil discards it.
	Log *slog.Logger
	// Path is the data file; empty is s.db in t.TempDir().
	Path string
	// FlushTimeout bounds the outbox's flush when the hub stops; 0 is 1 s,
	// so that a test's end never waits long for a paced queue.
	FlushTimeout time.Duration
}

// Hub is a bot.Hub on its own data file. Build the adapters with it as
// their handler, then call Serve.
type Hub struct {
	*bot.Hub
	// DB is the data file, for tests that look at what was stored. It is
	// closed when the test ends, after the hub stopped.
	DB *store.DB
}

// New opens the data file and builds a hub on it that is not yet running.
func New(t testing.TB, cfg Config) *Hub {
	t.Helper()
	if cfg.Coach == nil {
		c, err := coach.New(coach.Config{})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Coach = c
	}
	if cfg.Path == "" {
		cfg.Path = filepath.Join(t.TempDir(), "s.db")
	}
	if cfg.FlushTimeout == 0 {
		cfg.FlushTimeout = time.Second
	}
	db, err := store.Open(cfg.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("closing the data file: %v", err)
		}
	})
	h := bot.New(bot.Config{Coach: cfg.Coach, Store: db, Unit: coach.KG, Log: cfg.Log, FlushTimeout: cfg.FlushTimeout})
	return &Hub{Hub: h, DB: db}
}

// Serve runs the hub with the adapters, registering each with its pace,
// until the test ends; see Run.
func (h *Hub) Serve(t testing.TB, adapters ...bot.Adapter) {
	t.Helper()
	Run(t, "serving the hub", func(ctx context.Context) error { return h.Hub.Serve(ctx, adapters...) })
}

// Run runs run in a goroutine of its own until the test ends. Then it
// cancels run's context and fails the test if run returns an error, or
// does not return within StopWithin. Cleanups registered before Run run
// after it stopped.
func Run(t testing.TB, what string, run func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", what, err)
			}
		case <-time.After(StopWithin):
			t.Errorf("%s: still running %v after the test ended", what, StopWithin)
		}
	})
}
