package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

const benchTimers = 100_000

// latencySink records how late each ping arrived; each timer has its own
// chat "c<i>" so that pings are not merged.
type latencySink struct {
	mu   sync.Mutex
	due  []time.Time
	late []time.Duration
	all  chan struct{}
}

func (s *latencySink) Send(_ context.Context, r Reply) error {
	i, err := strconv.Atoi(r.ChatID[1:])
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.late = append(s.late, time.Since(s.due[i]))
	if len(s.late) == len(s.due) {
		close(s.all)
	}
	s.mu.Unlock()
	return nil
}

// pendingTimers makes n timers due within one second from start.
func pendingTimers(n int, start time.Time) []store.Timer {
	ts := make([]store.Timer, n)
	for i := range ts {
		ts[i] = store.Timer{
			Due: start.Add(time.Duration(i) * time.Second / time.Duration(n)),
			ID:  fmt.Sprintf("s%d/1", i), Lifter: store.Lifter{Platform: "bench", ChatID: "c" + strconv.Itoa(i), UserID: "u" + strconv.Itoa(i)},
			UserName: "lifter", Text: "mini-set 1, 100 kg, as many as you can",
		}
	}
	return ts
}

func percentile(d []time.Duration, p float64) time.Duration {
	slices.Sort(d)
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkTimers schedules 100k persisted rest timers due within one
// second, lets the hub load and fire them through the outbox, and reports
// ping lateness and memory per timer next to plain time.AfterFunc timers
// with the same due times in the same run. Run with -benchtime=1x.
func BenchmarkTimers(b *testing.B) {
	for b.Loop() {
		// Baseline: time.AfterFunc.
		start := time.Now().Add(2 * time.Second)
		base := &latencySink{due: make([]time.Time, benchTimers), all: make(chan struct{})}
		before := heapInUse()
		timers := make([]*time.Timer, benchTimers)
		for i := range timers {
			due := start.Add(time.Duration(i) * time.Second / benchTimers)
			base.due[i] = due
			chat := "c" + strconv.Itoa(i)
			timers[i] = time.AfterFunc(time.Until(due), func() { base.Send(context.Background(), Reply{ChatID: chat}) })
		}
		baseBytes := float64(heapInUse()-before) / benchTimers
		<-base.all

		// Spotter: the same timers, stored in bbolt, loaded and fired by the hub.
		db, err := store.Open(filepath.Join(b.TempDir(), "timers.db"))
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now().Add(3 * time.Second)
		pending := pendingTimers(benchTimers, start)
		if err := db.Apply(store.Change{AddTimers: pending}); err != nil {
			b.Fatal(err)
		}
		sink := &latencySink{due: make([]time.Time, benchTimers), all: make(chan struct{})}
		for i, t := range pending {
			sink.due[i] = t.Due
		}
		pending = nil
		c, _ := coach.New(coach.Config{})
		h := New(Config{Coach: c, Store: db})
		h.Register("bench", sink, nil)
		before = heapInUse()
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- h.Run(ctx) }()
		// Measure the hub's memory once every timer is scheduled.
		for {
			if err := h.Submit(ctx, Message{Platform: "bench", ChatID: "probe", Text: "help"}); err != nil {
				b.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond)
			if time.Until(start) < time.Second {
				break
			}
		}
		spotterBytes := float64(heapInUse()-before) / benchTimers
		<-sink.all
		cancel()
		<-done
		db.Close()

		b.ReportMetric(float64(percentile(sink.late, 0.50).Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(percentile(sink.late, 0.99).Microseconds())/1000, "p99_ms")
		b.ReportMetric(spotterBytes, "bytes/timer")
		b.ReportMetric(float64(percentile(base.late, 0.50).Microseconds())/1000, "base_p50_ms")
		b.ReportMetric(float64(percentile(base.late, 0.99).Microseconds())/1000, "base_p99_ms")
		b.ReportMetric(baseBytes, "base_bytes/timer")
	}
}

// BenchmarkReloadTimers reads 100k persisted timers back into a schedule,
// as the hub does when it starts.
func BenchmarkReloadTimers(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "timers.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Apply(store.Change{AddTimers: pendingTimers(benchTimers, time.Now().Add(time.Hour))}); err != nil {
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
