package bench

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

type timerStats struct {
	p50, p99 time.Duration
	bytesPer float64
}

// latencySink records how late each ping arrived; ping i has its own chat
// "c<i>" so that none are merged. Replies that are not pings go to other,
// when set.
type latencySink struct {
	mu    sync.Mutex
	due   []time.Time
	late  []time.Duration
	all   chan struct{}
	other func(bot.Reply)
}

func newLatencySink(n int) *latencySink {
	return &latencySink{due: make([]time.Time, n), late: make([]time.Duration, 0, n), all: make(chan struct{})}
}

func (s *latencySink) Send(_ context.Context, r bot.Reply) error {
	at := time.Now()
	if len(r.Pings) == 0 && s.other != nil {
		s.other(r)
		return nil
	}
	i, err := strconv.Atoi(r.ChatID[min(1, len(r.ChatID)):])
	if err != nil || i < 0 || i >= len(s.due) {
		return fmt.Errorf("bench: chat %q: %w", r.ChatID, bot.ErrPermanent)
	}
	s.arrived(i, at)
	return nil
}

// arrived records that ping i reached the platform at at.
func (s *latencySink) arrived(i int, at time.Time) {
	s.mu.Lock()
	s.late = append(s.late, at.Sub(s.due[i]))
	if len(s.late) == len(s.due) {
		close(s.all)
	}
	s.mu.Unlock()
}

// stats are the lateness percentiles of the pings received so far.
func (s *latencySink) stats() timerStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return timerStats{p50: percentileOf(s.late, 0.5), p99: percentileOf(s.late, 0.99)}
}

// pendingTimers makes n timers due within window from start, each in its
// own chat.
func pendingTimers(n int, start time.Time, window time.Duration) []record.Timer {
	ts := make([]record.Timer, n)
	for i := range ts {
		ts[i] = record.Timer{
			Due: start.Add(time.Duration(i) * window / time.Duration(n)),
			ID:  "s" + strconv.Itoa(i) + "/1", Lifter: record.Lifter{Platform: "bench", ChatID: "c" + strconv.Itoa(i), UserID: "u" + strconv.Itoa(i)},
			UserName: "lifter", Text: "mini-set 1, 100 kg, as many as you can",
		}
	}
	return ts
}

// baselineTimers: n plain time.AfterFunc timers due within one second.
func baselineTimers(n int) timerStats {
	start := time.Now().Add(time.Second)
	sink := newLatencySink(n)
	before := heapAlloc()
	timers := make([]*time.Timer, n)
	for i := range timers {
		due := start.Add(time.Duration(i) * time.Second / time.Duration(n))
		sink.due[i] = due
		chat := "c" + strconv.Itoa(i) // what a hub's timer holds at the least
		timers[i] = time.AfterFunc(time.Until(due), func() { sink.Send(context.Background(), bot.Reply{ChatID: chat}) })
	}
	bytesPer := float64(heapAlloc()-before) / float64(n)
	<-sink.all
	runtime.KeepAlive(timers)
	st := sink.stats()
	st.bytesPer = bytesPer
	return st
}

// hubTimers stores n rest timers due within one second in db (a new bbolt
// file), starts a hub on it, and measures how long the hub takes to read
// them back (as at a restart), its memory per pending timer, and how late
// the pings reach the platform.
func hubTimers(ctx context.Context, c *coach.Coach, db bot.Store, n int) (timerStats, time.Duration, error) {
	lead := 2*time.Second + time.Duration(n)*20*time.Microsecond // time to load before the first is due
	start := time.Now().Add(lead)
	pending := pendingTimers(n, start, time.Second)
	if err := db.Apply(record.Change{AddTimers: pending}); err != nil {
		return timerStats{}, 0, err
	}
	sink := newLatencySink(n)
	for i, t := range pending {
		sink.due[i] = t.Due
	}
	pending = nil

	before := heapAlloc()
	stop, reload, loaded := startLoaded(ctx, c, db, sink, n, start.Add(-100*time.Millisecond))
	bytesPer := float64(heapAlloc()-before) / float64(n)
	select {
	case <-sink.all:
	case <-ctx.Done():
	}
	if err := stop(); err != nil {
		return timerStats{}, 0, err
	}
	if err := ctx.Err(); err != nil {
		return timerStats{}, 0, err
	}
	if !loaded {
		return timerStats{}, 0, fmt.Errorf("bench: the hub had not read its %d timers %v after it started", n, reload)
	}
	st := sink.stats()
	st.bytesPer = bytesPer
	return st, reload, nil
}

// startLoaded starts a hub on db, as at a restart, and waits until it has
// read its n pending timers back (store.Timers(), then scheduling), or
// until giveUp. It returns how long that took and whether they all were.
func startLoaded(ctx context.Context, c *coach.Coach, db bot.Store, sink bot.Sender, n int, giveUp time.Time) (stop func() error, reload time.Duration, loaded bool) {
	h := bot.New(bot.Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", sink, nil)
	t0 := time.Now()
	stop = runHub(ctx, h)
	// The hub counts its pending timers once it has read them all.
	for h.PendingTimers() < n && time.Now().Before(giveUp) {
		time.Sleep(50 * time.Microsecond)
	}
	reload = time.Since(t0)
	return stop, reload, h.PendingTimers() >= n
}

// reloadTimers stores n rest timers due in an hour in db, starts a hub on
// it and returns how long the hub takes to read them back: reload_ms, the
// way hubTimers measures it, without waiting for the pings. The hub is
// that of one process (singleProcess): it reads them with Timers(), where
// replicas sharing a PostgreSQL database Claim theirs.
func reloadTimers(ctx context.Context, c *coach.Coach, db bot.Store, n int) (time.Duration, error) {
	pending := pendingTimers(n, time.Now().Add(time.Hour), time.Second)
	if err := db.Apply(record.Change{AddTimers: pending}); err != nil {
		return 0, err
	}
	sink := newLatencySink(n)
	stop, reload, loaded := startLoaded(ctx, c, singleProcess{db}, sink, n, time.Now().Add(5*time.Minute))
	if err := stop(); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if !loaded {
		return 0, fmt.Errorf("bench: the hub had not read its %d timers %v after it started", n, reload)
	}
	return reload, nil
}
