package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// serveHub is a hub on a real bbolt file that the test serves itself.
func serveHub(t *testing.T, st func(Store) Store) *Hub {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var s Store = db
	if st != nil {
		s = st(db)
	}
	return New(Config{Coach: c, Store: s, Unit: coach.KG})
}

func helpFrom(platform, id string) Message {
	return Message{Platform: platform, ChatID: "c", UserID: "ana", UserName: "ana", Text: "help", ID: id}
}

// One adapter failing stops the others, and its error is what Serve
// returns. The adapters stop before the hub: their last messages are
// still processed, and the hub flushes the replies to every sender.
func TestServeStopsEveryAdapterWhenOneFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := serveHub(t, nil)
		boom := errors.New("the platform refused the token")
		queued := make(chan struct{})
		var lastErr error
		slow := &testAdapter{sink: &sink{}, platform: "slow", pace: Pace{{N: 1, Per: time.Second}},
			run: func(ctx context.Context) error {
				for i := range 3 {
					if err := h.Handle(ctx, helpFrom("slow", fmt.Sprint(i))); err != nil {
						return err
					}
				}
				close(queued)
				<-ctx.Done()
				lastErr = h.Handle(context.Background(), helpFrom("slow", "last"))
				return nil
			}}
		broken := &testAdapter{sink: &sink{}, platform: "broken",
			run: func(ctx context.Context) error {
				<-queued
				return boom
			}}
		start := time.Now()
		if err := h.Serve(context.Background(), slow, broken); !errors.Is(err, boom) {
			t.Fatalf("Serve: %v, want the failed adapter's error", err)
		}
		if lastErr != nil {
			t.Errorf("a stopping adapter's last message: %v; the hub stopped first", lastErr)
		}
		// Four replies at one a second: all of them within the flush.
		if got := slow.sink.all(); len(got) != 4 || got[3].r.InReplyTo != "last" {
			t.Errorf("%d replies flushed, want 4 ending with the last message's", len(got))
		}
		if d := time.Since(start); d != 3*time.Second {
			t.Errorf("Serve returned after %v, want the 3 s the pace takes", d)
		}
	})
}

// An adapter whose input ended (the console at the end of its input)
// ends Serve without an error, once its replies are out.
func TestServeEndsWhenAnAdapterIsDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := serveHub(t, nil)
		stopped := false
		other := &testAdapter{sink: &sink{}, platform: "other", run: func(ctx context.Context) error {
			<-ctx.Done()
			stopped = true
			return nil
		}}
		con := &testAdapter{sink: &sink{}, platform: "console", run: func(ctx context.Context) error {
			return h.Handle(ctx, helpFrom("console", "1"))
		}}
		if err := h.Serve(context.Background(), other, con); err != nil {
			t.Fatalf("Serve: %v", err)
		}
		if !stopped {
			t.Error("the other adapter was left running")
		}
		if n := len(con.sink.all()); n != 1 {
			t.Errorf("%d replies, want 1", n)
		}
		if err := h.Submit(context.Background(), helpFrom("console", "2")); !errors.Is(err, ErrStopped) {
			t.Errorf("Submit after Serve: %v", err)
		}
	})
}

// brokenStore fails to load the sessions.
type brokenStore struct{ Store }

var errBroken = errors.New("the data file is damaged")

func (brokenStore) Sessions() ([]record.Session, error) { return nil, errBroken }

// A hub that cannot start stops the adapters, and its error is what
// Serve returns; the adapters' ErrStopped is no error of theirs.
func TestServeStopsTheAdaptersWhenTheHubFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := serveHub(t, func(s Store) Store { return brokenStore{s} })
		waiting := &testAdapter{sink: &sink{}, platform: "waiting"}
		handing := &testAdapter{sink: &sink{}, platform: "handing", run: func(ctx context.Context) error {
			return h.Handle(ctx, helpFrom("handing", "1"))
		}}
		if err := h.Serve(context.Background(), waiting, handing); !errors.Is(err, errBroken) {
			t.Fatalf("Serve: %v, want the hub's error", err)
		}
	})
}

// The end of ctx (a signal) stops everything without an error.
func TestServeStopsAtTheEndOfCtx(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := serveHub(t, nil)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		a, b := &testAdapter{sink: &sink{}, platform: "a"}, &testAdapter{sink: &sink{}, platform: "b"}
		start := time.Now()
		if err := h.Serve(ctx, a, b); err != nil {
			t.Fatalf("Serve: %v", err)
		}
		if d := time.Since(start); d != time.Minute {
			t.Errorf("Serve returned after %v, want the minute ctx lasted", d)
		}
	})
}
