package bot

import (
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
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

// BenchmarkHistory50k answers history, pr and 1rm for a lifter with 50k
// sets over two years, through the hub with a real bbolt file.
func BenchmarkHistory50k(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "h.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := fillHistory(db, 50_000); err != nil {
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
			b.ReportMetric(float64(percentileOf(lat, 0.99).Microseconds())/1000, "p99_ms")
		})
	}
}
