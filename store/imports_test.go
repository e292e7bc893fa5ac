package store

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// importRows are n rows of one user with digests for ids, newest first,
// one a minute back from end.
func importRows(u record.User, n int, end time.Time, salt string) []record.ImportedSet {
	rows := make([]record.ImportedSet, n)
	for i := range rows {
		h := sha256.Sum256([]byte(fmt.Sprint(salt, i)))
		rows[i] = record.ImportedSet{Row: record.RowID(h[:16]), Set: record.Set{Platform: u.Platform, UserID: u.UserID, ChatID: "gym",
			Lift: coach.Lift{At: end.Add(-time.Duration(i) * time.Minute), Exercise: []string{"back squat", "deadlift", "bench press"}[i%3],
				Load: 100, Unit: coach.KG, Reps: 5, Kind: coach.KindWork, Entry: "import-20261101"}}}
	}
	return rows
}

func tempDB(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// countdown is a context that is done after it was asked a number of
// times: an import stopped at a chosen point of its write.
type countdown struct {
	context.Context
	left int
}

func (c *countdown) Err() error {
	if c.left--; c.left < 0 {
		return context.Canceled
	}
	return nil
}

// An import stopped at any point of its write writes nothing: not a set,
// not a mark, not the message's id; once not stopped, it writes whole.
func TestImportStoppedWritesNothing(t *testing.T) {
	db := tempDB(t)
	u := record.User{Platform: "telegram", UserID: "42"}
	end := time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC)
	if err := db.Apply(record.Change{Import: importRows(u, 10, end.Add(time.Hour), "before")}); err != nil {
		t.Fatal(err)
	}
	rows := importRows(u, 5000, end, "file")
	for _, asks := range []int{0, 1, 3, 5, 8, 9} {
		err := db.ApplyContext(&countdown{Context: context.Background(), left: asks}, record.Change{SeenPlatform: "telegram", SeenID: "m1", Import: rows})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped after %d looks: %v", asks, err)
		}
		if n, _ := db.CountSets(u.Platform, u.UserID); n != 10 {
			t.Fatalf("stopped after %d looks: %d sets, want the 10 before", asks, n)
		}
		if fresh, _ := db.NotImported(u.Platform, u.UserID, rows); len(fresh) != len(rows) {
			t.Fatalf("stopped after %d looks: %d of %d rows marked", asks, len(rows)-len(fresh), len(rows))
		}
		if seen, _ := db.Seen("telegram", "m1"); seen {
			t.Fatalf("stopped after %d looks: the message id was stored", asks)
		}
	}
	if err := db.ApplyContext(context.Background(), record.Change{SeenPlatform: "telegram", SeenID: "m1", Import: rows}); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountSets(u.Platform, u.UserID); n != 5010 {
		t.Errorf("%d sets after the import, want 5010", n)
	}
}

// Rows in any order land in history in time order (rows of one time in
// the change's order), with their index by exercise, each once.
func TestImportedSetsKeepTimeOrder(t *testing.T) {
	db := tempDB(t)
	u := record.User{Platform: "discord", UserID: "7"}
	end := time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC)
	rows := importRows(u, 300, end, "a")
	rows = append(rows, rows[5], rows[7]) // twice in one change: once in history
	same := importRows(u, 3, end.Add(time.Hour), "same")
	for i := range same {
		same[i].Set.At = end.Add(time.Hour)
		same[i].Set.Reps = i + 1
	}
	rows = append(same, rows...)
	if err := db.Apply(record.Change{Import: rows}); err != nil {
		t.Fatal(err)
	}
	sets, err := db.Sets(u.Platform, u.UserID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 303 {
		t.Fatalf("%d sets, want 303", len(sets))
	}
	for i := 1; i < len(sets); i++ {
		if sets[i].At.Before(sets[i-1].At) {
			t.Fatalf("set %d at %v before set %d at %v", i, sets[i].At, i-1, sets[i-1].At)
		}
	}
	if tail := sets[300:]; tail[0].Reps != 1 || tail[1].Reps != 2 || tail[2].Reps != 3 {
		t.Errorf("sets of one time out of the change's order: %+v", tail)
	}
	if squats, _ := db.SetsOf(u.Platform, u.UserID, "back squat"); len(squats) != 101 {
		t.Errorf("%d back squats indexed, want 101", len(squats))
	}
}

// The write of an import grows with its rows, not with their square,
// whatever order the rows and their ids come in.
func TestImportWriteIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100,000 rows")
	}
	u := record.User{Platform: "telegram", UserID: "42"}
	end := time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC)
	timed := func(n int) time.Duration {
		best := time.Duration(1<<63 - 1)
		for run := range 3 {
			db := tempDB(t)
			// Some history already, among which the rows fall.
			if err := db.Apply(record.Change{Import: importRows(u, 500, end.Add(time.Minute/2), "old")}); err != nil {
				t.Fatal(err)
			}
			rows := importRows(u, n, end, fmt.Sprint("run", run))
			start := time.Now()
			if err := db.Apply(record.Change{Import: rows}); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	small, large := timed(20_000), timed(80_000)
	t.Logf("20k rows: %v, 80k rows: %v", small, large)
	if ratio := float64(large) / float64(small); ratio >= 8 {
		t.Errorf("80k rows took %.1f times as long as 20k (%v, %v)", ratio, large, small)
	}
}
