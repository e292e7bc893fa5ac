package bot

import (
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

const benchTimers = 100_000

// benchTimerRecords makes n timers due within one second from start, each
// in its own chat.
func benchTimerRecords(n int, start time.Time) []record.Timer {
	ts := make([]record.Timer, n)
	for i := range ts {
		ts[i] = record.Timer{
			Due: start.Add(time.Duration(i) * time.Second / time.Duration(n)),
			ID:  "s" + strconv.Itoa(i) + "/1", Lifter: record.Lifter{Platform: "bench", ChatID: "c" + strconv.Itoa(i), UserID: "u" + strconv.Itoa(i)},
			UserName: "lifter", Text: "mini-set 1, 100 kg, as many as you can",
		}
	}
	return ts
}

// BenchmarkReloadTimers reads 100k persisted timers back into a schedule,
// as the hub does when it starts. (Lateness and memory of the same timers
// through a running hub are in package bench.)
func BenchmarkReloadTimers(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "timers.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Apply(record.Change{AddTimers: benchTimerRecords(benchTimers, time.Now().Add(time.Hour))}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ts, err := db.Timers()
		if err != nil {
			b.Fatal(err)
		}
		s := newScheduler()
		for _, t := range ts {
			s.add(t)
		}
		if s.len() != benchTimers {
			b.Fatalf("%d timers", s.len())
		}
	}
}
