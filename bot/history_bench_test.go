package bot

import (
	"log/slog"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// benchHub is a hub whose messages are processed in the caller's goroutine.
func benchHub(b *testing.B, db *store.DB) *Hub {
	c, _ := coach.New(coach.Config{})
	h := New(Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.out = newOutbox(map[string]Sender{}, nil, time.Now, h.log)
	b.Cleanup(func() { h.out.flush(0) })
	return h
}

// fillBenchHistory gives the lifter "ana" n sets of ten exercises over
// the two years up to now.
func fillBenchHistory(db *store.DB, n int) error {
	exercises := []string{"bench press", "back squat", "deadlift", "overhead press", "barbell row", "dumbbell curl", "leg press", "lat pulldown", "leg extension", "incline bench press"}
	span := 2 * 365 * 24 * time.Hour
	start := time.Now().Add(-span)
	sets := make([]record.Set, 0, 1000)
	for i := range n {
		sets = append(sets, record.Set{Platform: "bench", UserID: "ana", ChatID: "c", Lift: coach.Lift{
			At: start.Add(span / time.Duration(n) * time.Duration(i)), Exercise: exercises[i%len(exercises)],
			Load: 40 + float64(i%60), Unit: coach.KG, Reps: 3 + i%10, Kind: coach.KindWork, Entry: "e" + strconv.Itoa(i/5)}})
		if len(sets) == cap(sets) || i == n-1 {
			if err := db.Apply(record.Change{Sets: sets}); err != nil {
				return err
			}
			sets = sets[:0]
		}
	}
	return nil
}

// BenchmarkHistory50k answers history, pr and 1rm for a lifter with 50k
// sets over two years, through the hub with a real bbolt file.
func BenchmarkHistory50k(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "h.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := fillBenchHistory(db, 50_000); err != nil {
		b.Fatal(err)
	}
	h := benchHub(b, db)
	for _, q := range []string{"history", "history bench 20", "pr bench", "1rm bench", "pr"} {
		b.Run(q, func(b *testing.B) {
			m := Message{Platform: "bench", ChatID: "c", UserID: "ana", UserName: "ana", Text: q}
			var lat []time.Duration
			for b.Loop() {
				t0 := time.Now()
				h.process(m, time.Now())
				lat = append(lat, time.Since(t0))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99_ms")
		})
	}
}
