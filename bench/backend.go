package bench

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/store"
)

// backend opens the store each store-bound figure is measured on: one
// code path, measured on bbolt always and on PostgreSQL with -store.
type backend struct {
	name string // "bbolt", "PostgreSQL"
	// open gives a new, empty store for one stage (named by stage: "hub",
	// "log", "history", "timers"); done closes it and deletes what the
	// stage wrote.
	open func(ctx context.Context, stage string) (db bot.Store, done func() error, err error)
}

// bboltBackend opens a new bbolt file per stage in dir (which the caller
// deletes).
func bboltBackend(dir string) backend {
	return backend{name: "bbolt", open: func(_ context.Context, stage string) (bot.Store, func() error, error) {
		db, err := store.Open(filepath.Join(dir, stage+".db"))
		if err != nil {
			return nil, nil, err
		}
		return db, db.Close, nil
	}}
}

// ErrNotEmpty is why bench refuses a store that already holds data.
var ErrNotEmpty = errors.New("bench needs an empty database: it writes and deletes its own data")

// benchUsers are the lifters whose sets the stages write (the hub's
// lifters are "0", "1", ...).
var benchUsers = []string{"ana", "0", "1"}

// ensureEmpty fails with ErrNotEmpty unless db holds no session, timer,
// stored reply, nor set of the bench's lifters: a stage's figures mean
// something only on an empty store, and what it deletes afterwards must
// be its own.
func ensureEmpty(db bot.Store, where string) error {
	sessions, err := db.Sessions()
	if err != nil {
		return err
	}
	timers, err := db.Timers()
	if err != nil {
		return err
	}
	out, err := db.Outbox()
	if err != nil {
		return err
	}
	if n := len(sessions) + len(timers) + len(out); n > 0 {
		return fmt.Errorf("%w; %s holds %d sessions, %d timers, %d unsent replies", ErrNotEmpty, where, len(sessions), len(timers), len(out))
	}
	for _, u := range benchUsers {
		n, err := db.CountSets("bench", u)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w; %s holds %d sets of lifter %q", ErrNotEmpty, where, n, u)
		}
	}
	return nil
}

// withStore opens a store of b for stage, checks it is empty, runs f on
// it, and closes it (deleting what f wrote), whatever f returned.
func withStore(ctx context.Context, b backend, stage string, f func(db bot.Store) error) (err error) {
	db, done, err := b.open(ctx, stage)
	if err != nil {
		return fmt.Errorf("bench: %s: %w", b.name, err)
	}
	defer func() {
		if cerr := done(); cerr != nil && err == nil {
			err = fmt.Errorf("bench: %s: %w", b.name, cerr)
		}
	}()
	where := b.name + " " + stage
	if s, ok := db.(fmt.Stringer); ok { // PostgreSQL: its URL, password redacted
		where = s.String()
	}
	if err := ensureEmpty(db, where); err != nil {
		return err
	}
	return f(db)
}

// singleProcess hides a store's Shared ability from the hub, so that it
// reads every timer with Timers() at its start, as the hub of one process
// does (replicas Claim theirs instead).
type singleProcess struct{ bot.Store }
