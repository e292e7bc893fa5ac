package pg_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/internal/pgtest"
	"github.com/spotter-coach/spotter/record"
)

// The window of message ids keeps at least the latest record.SeenWindow
// and forgets the oldest beyond it.
func TestSeenWindowTrims(t *testing.T) {
	db := open(t, pgtest.Start(t))
	ctx := context.Background()
	ids := make([][2]string, record.SeenWindow)
	for i := range ids {
		ids[i] = [2]string{"telegram", fmt.Sprint("old-", i)}
	}
	if err := db.PutSeen(ctx, ids); err != nil {
		t.Fatal(err)
	}
	const more = 600
	for i := range more {
		if err := db.Apply(record.Change{SeenPlatform: "telegram", SeenID: fmt.Sprint("new-", i)}); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	if err := db.ExportSeen(ctx, func(string, string) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n < record.SeenWindow || n > record.SeenWindow+256 {
		t.Errorf("%d ids kept, want between %d and %d", n, record.SeenWindow, record.SeenWindow+256)
	}
	if ok, _ := db.Seen("telegram", "old-0"); ok {
		t.Error("the oldest id is still remembered")
	}
	for _, id := range []string{fmt.Sprint("old-", more), "old-49999", "new-0", fmt.Sprint("new-", more-1)} {
		if ok, _ := db.Seen("telegram", id); !ok {
			t.Errorf("%s of the latest %d forgotten", id, record.SeenWindow)
		}
	}
}

// Of one message delivered to two processes at once, one writes.
func TestSeenRace(t *testing.T) {
	db := open(t, pgtest.Start(t))
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			errs[i] = db.Apply(record.Change{SeenPlatform: "telegram", SeenID: "same",
				Sets: []record.Set{{Platform: "telegram", UserID: "42", Lift: setAt(time.Minute)}}})
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, record.ErrSeen):
			t.Error(err)
		}
	}
	if n, _ := db.CountSets("telegram", "42"); ok != 1 || n != 1 {
		t.Errorf("%d changes applied, %d sets written; want 1 and 1", ok, n)
	}
}

// A large import lands whole and in time order, and counts as imported.
func TestLargeImport(t *testing.T) {
	db := open(t, pgtest.Start(t))
	g := newGen(rand.New(rand.NewPCG(5, 6)))
	u := g.users[0]
	rows := g.importRows(u, 20000)
	for i := range rows {
		rows[i].Row = record.RowID{byte(i), byte(i >> 8), byte(i >> 16)}
	}
	start := time.Now()
	if err := db.ApplyContext(context.Background(), record.Change{Import: rows}); err != nil {
		t.Fatal(err)
	}
	t.Logf("imported %d rows in %v", len(rows), time.Since(start).Round(time.Millisecond))
	sets, err := db.Sets(u.Platform, u.UserID)
	if err != nil || len(sets) != len(rows) {
		t.Fatalf("%d sets, %v", len(sets), err)
	}
	for i := 1; i < len(sets); i++ {
		if sets[i].At.Before(sets[i-1].At) {
			t.Fatalf("set %d out of order", i)
		}
	}
	if fresh, err := db.NotImported(u.Platform, u.UserID, rows); err != nil || len(fresh) != 0 {
		t.Errorf("%d rows new after the import, %v", len(fresh), err)
	}
}

func setAt(d time.Duration) coach.Lift {
	return coach.Lift{At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(d), Exercise: "bench press", Load: 100, Reps: 5}
}
