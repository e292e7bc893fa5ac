package bot

import (
	"context"
	"fmt"
	"github.com/spotter-coach/spotter/record"
	"log/slog"
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

// BenchResult is what "spotter bench" measures on the machine it runs on,
// all in one run so that the ratios compare like with like.
type BenchResult struct {
	ParsePlanNs     float64 `json:"parse_plan_ns"`
	ParsePlanAllocs float64 `json:"parse_plan_allocs"`
	// The same for commands never seen before (no plan to reuse).
	ParsePlanColdNs     float64 `json:"parse_plan_cold_ns"`
	ParsePlanColdAllocs float64 `json:"parse_plan_cold_allocs"`
	HubMsgsPerS         float64 `json:"hub_msgs_per_s"`

	LogSetsPerS    float64 `json:"log_sets_per_s"`
	BboltBatchPerS float64 `json:"bbolt_batch_per_s"`
	LogRatio       float64 `json:"log_ratio"`

	Timers                int     `json:"timers"`
	LatenessP50Ms         float64 `json:"lateness_p50_ms"`
	LatenessP99Ms         float64 `json:"lateness_p99_ms"`
	BytesPerTimer         float64 `json:"bytes_per_timer"`
	BaselineP50Ms         float64 `json:"baseline_p50_ms"`
	BaselineP99Ms         float64 `json:"baseline_p99_ms"`
	BaselineBytesPerTimer float64 `json:"baseline_bytes_per_timer"`
	LatenessRatio         float64 `json:"lateness_ratio"`
	MemRatio              float64 `json:"mem_ratio"`
	ReloadMs              float64 `json:"reload_ms"`

	HistorySets  int     `json:"history_sets"`
	HistoryP99Ms float64 `json:"history_p99_ms"`

	GroupBurst GroupBurst `json:"group_burst"`
}

// GroupBurst is the outcome of many lifters' pings falling due together
// in one group chat.
type GroupBurst struct {
	Lifters    int `json:"lifters"`
	Messages   int `json:"messages"`
	Mentioned  int `json:"mentioned"`
	Violations int `json:"violations"`
}

// BenchOptions size a bench run.
type BenchOptions struct {
	Quick bool   // 10k timers instead of 100k, fewer messages: under 30 s on 2 cores
	Dir   string // where the bbolt files go
	// Progress, if set, is told each stage's name as it starts.
	Progress func(stage string)
}

// Bench runs every measurement of "spotter bench".
func Bench(ctx context.Context, o BenchOptions) (BenchResult, error) {
	var r BenchResult
	step := func(s string) {
		if o.Progress != nil {
			o.Progress(s)
		}
	}
	c, err := coach.New(coach.Config{})
	if err != nil {
		return r, err
	}
	step("parse and plan")
	r.ParsePlanNs, r.ParsePlanAllocs = benchParsePlan(c, false)
	r.ParsePlanColdNs, r.ParsePlanColdAllocs = benchParsePlan(c, true)

	step("hub messages")
	msgs := 3000
	if o.Quick {
		msgs = 600
	}
	if r.HubMsgsPerS, err = benchHubMessages(ctx, c, filepath.Join(o.Dir, "hub.db"), msgs); err != nil {
		return r, err
	}

	step("logging sets")
	sets := 2000
	if o.Quick {
		sets = 400
	}
	if r.LogSetsPerS, r.BboltBatchPerS, err = benchLogging(filepath.Join(o.Dir, "log.db"), sets); err != nil {
		return r, err
	}
	r.LogRatio = r.LogSetsPerS / r.BboltBatchPerS

	step("timers")
	r.Timers = 100_000
	if o.Quick {
		r.Timers = 10_000
	}
	base := baselineTimers(r.Timers)
	spot, reload, err := hubTimers(ctx, c, filepath.Join(o.Dir, "timers.db"), r.Timers)
	if err != nil {
		return r, err
	}
	r.LatenessP50Ms, r.LatenessP99Ms, r.BytesPerTimer = ms(spot.p50), ms(spot.p99), spot.bytesPer
	r.BaselineP50Ms, r.BaselineP99Ms, r.BaselineBytesPerTimer = ms(base.p50), ms(base.p99), base.bytesPer
	r.LatenessRatio = ms(spot.p99) / max(ms(base.p99), 0.001)
	r.MemRatio = spot.bytesPer / max(base.bytesPer, 1)
	r.ReloadMs = ms(reload)

	step("history")
	r.HistorySets = 50_000
	if r.HistoryP99Ms, err = benchHistory(c, filepath.Join(o.Dir, "history.db"), r.HistorySets); err != nil {
		return r, err
	}

	step("group burst")
	if r.GroupBurst, err = benchGroupBurst(ctx, c, filepath.Join(o.Dir, "burst.db"), 50, TelegramPace); err != nil {
		return r, err
	}
	return r, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchCommands are the mix of real commands parse+plan is measured on.
var BenchCommands = []string{
	"drop 80kg bench", "rp 225lb squat 3 minis", "backoff bench 90kg x2",
	"japanese 100kg bench x5", "japanese ladder 100kg bench x5 fast", "ramp 100kg squat",
	"drop 30kg db curl", "drop 60kg leg extension -20%",
}

// benchParsePlan measures parse + plan per message over BenchCommands;
// cold gives every command a load not seen before, so no plan is reused.
func benchParsePlan(c *coach.Coach, cold bool) (ns, allocs float64) {
	res := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			cmd, err := c.Parse(BenchCommands[i%len(BenchCommands)], coach.KG)
			if err != nil {
				b.Fatal(err)
			}
			if cold {
				cmd.Load += float64(i%100_000) / 1000
			}
			if _, err := c.Plan(cmd); err != nil {
				b.Fatal(err)
			}
		}
	})
	return float64(res.NsPerOp()), float64(res.AllocsPerOp())
}

// countSink counts accepted replies and closes done at want.
type countSink struct {
	mu   sync.Mutex
	n    int
	want int
	done chan struct{}
}

func (s *countSink) Send(context.Context, Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	if s.n == s.want {
		close(s.done)
	}
	return nil
}

// benchHubMessages runs n messages of n/5 lifters in 5 chats through a real
// hub on a real bbolt file and returns the messages answered per second.
func benchHubMessages(ctx context.Context, c *coach.Coach, path string, n int) (float64, error) {
	db, err := store.Open(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	texts := []string{"drop 80kg bench", "rp 100kg squat", "help drop", "backoff bench 90kg x2", "log bench 100x5", "japanese 100kg bench x5", "pr bench"}
	sink := &countSink{want: n, done: make(chan struct{})}
	h := New(Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", sink, nil)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx) }()
	start := time.Now()
	lifters := max(n/5, 1) // five messages each: well inside the flood limit
	for i := range n {
		u := strconv.Itoa(i % lifters)
		m := Message{Platform: "bench", ChatID: "chat" + strconv.Itoa(i%5), UserID: u, UserName: "lifter" + u,
			Text: texts[i%len(texts)], ID: "b" + strconv.Itoa(i)}
		if err := h.Submit(ctx, m); err != nil {
			cancel()
			return 0, err
		}
	}
	select {
	case <-sink.done:
	case <-ctx.Done():
	}
	took := time.Since(start)
	cancel()
	if err := <-done; err != nil {
		return 0, err
	}
	return float64(n) / took.Seconds(), nil
}

// benchLogging logs n sets one per transaction, as the hub does, and
// writes n records of the same size with raw bbolt Batch puts from 8
// writers; it returns both rates.
func benchLogging(path string, n int) (logPerS, rawPerS float64, err error) {
	db, err := store.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	s := record.Set{Platform: "bench", UserID: "ana", ChatID: "c", Lift: coach.Lift{At: time.Now(), Exercise: "bench press", Load: 100,
		Unit: coach.KG, Reps: 5, Technique: "drop", Session: "s1", Entry: "s1/1", Kind: coach.KindWork}}
	start := time.Now()
	for i := range n {
		s.At = s.At.Add(time.Millisecond)
		s.Entry = "e" + strconv.Itoa(i)
		if err := db.Apply(record.Change{Sets: []record.Set{s}}); err != nil {
			return 0, 0, err
		}
	}
	logPerS = float64(n) / time.Since(start).Seconds()
	took, err := db.RawBatchPuts(n, store.EncodedSetSize(&s), 8)
	if err != nil {
		return 0, 0, err
	}
	return logPerS, float64(n) / took.Seconds(), nil
}

type timerStats struct {
	p50, p99 time.Duration
	bytesPer float64
}

func percentileOf(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

func heapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// latencySink records how late each ping arrived; each timer has its own
// chat "c<i>" so that none are merged.
type latencySink struct {
	mu   sync.Mutex
	due  []time.Time
	late []time.Duration
	all  chan struct{}
}

func newLatencySink(n int) *latencySink {
	return &latencySink{due: make([]time.Time, n), late: make([]time.Duration, 0, n), all: make(chan struct{})}
}

func (s *latencySink) Send(_ context.Context, r Reply) error {
	i, err := strconv.Atoi(r.ChatID[1:])
	if err != nil {
		return fmt.Errorf("bench: chat %q", r.ChatID)
	}
	s.mu.Lock()
	s.late = append(s.late, time.Since(s.due[i]))
	if len(s.late) == len(s.due) {
		close(s.all)
	}
	s.mu.Unlock()
	return nil
}

// pendingTimers makes n timers due within one second from start, each in
// its own chat.
func pendingTimers(n int, start time.Time) []record.Timer {
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

// baselineTimers: n plain time.AfterFunc timers due within one second.
func baselineTimers(n int) timerStats {
	start := time.Now().Add(time.Second)
	sink := newLatencySink(n)
	before := heapAlloc()
	timers := make([]*time.Timer, n)
	for i := range timers {
		due := start.Add(time.Duration(i) * time.Second / time.Duration(n))
		sink.due[i] = due
		chat := "c" + strconv.Itoa(i)
		timers[i] = time.AfterFunc(time.Until(due), func() { sink.Send(context.Background(), Reply{ChatID: chat}) })
	}
	bytesPer := float64(heapAlloc()-before) / float64(n)
	<-sink.all
	runtime.KeepAlive(timers)
	return timerStats{p50: percentileOf(sink.late, 0.5), p99: percentileOf(sink.late, 0.99), bytesPer: bytesPer}
}

// hubTimers stores n rest timers due within one second in a real bbolt
// file, starts a hub on it, and measures how late the pings reach the
// platform, the hub's memory per pending timer, and how long reloading the
// timers takes.
func hubTimers(ctx context.Context, c *coach.Coach, path string, n int) (timerStats, time.Duration, error) {
	db, err := store.Open(path)
	if err != nil {
		return timerStats{}, 0, err
	}
	defer db.Close()
	lead := 2*time.Second + time.Duration(n)*20*time.Microsecond // time to load before the first is due
	start := time.Now().Add(lead)
	pending := pendingTimers(n, start)
	if err := db.Apply(record.Change{AddTimers: pending}); err != nil {
		return timerStats{}, 0, err
	}
	sink := newLatencySink(n)
	for i, t := range pending {
		sink.due[i] = t.Due
	}
	pending = nil

	// Reload alone, as at a restart.
	probe := New(Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	probe.out = newOutbox(nil, nil, time.Now, probe.log)
	t0 := time.Now()
	timers, err := db.Timers()
	if err != nil {
		return timerStats{}, 0, err
	}
	for _, t := range timers {
		probe.sched.add(t)
	}
	reload := time.Since(t0)
	timers, probe = nil, nil

	before := heapAlloc()
	h := New(Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", sink, nil)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx) }()
	for h.PendingTimers() < n && time.Until(start) > 100*time.Millisecond {
		time.Sleep(5 * time.Millisecond)
	}
	bytesPer := float64(heapAlloc()-before) / float64(n)
	select {
	case <-sink.all:
	case <-ctx.Done():
	}
	cancel()
	if err := <-done; err != nil {
		return timerStats{}, 0, err
	}
	return timerStats{p50: percentileOf(sink.late, 0.5), p99: percentileOf(sink.late, 0.99), bytesPer: bytesPer}, reload, nil
}

// benchHistory answers history, pr and 1rm for one lifter with n sets over
// two years and returns the p99 latency over all three.
func benchHistory(c *coach.Coach, path string, n int) (float64, error) {
	db, err := store.Open(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if err := fillHistory(db, n); err != nil {
		return 0, err
	}
	h := New(Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.out = newOutbox(map[string]Sender{}, nil, time.Now, h.log)
	defer h.out.flush(0)
	var lat []time.Duration
	for range 20 {
		for _, q := range []string{"history", "pr bench", "1rm bench"} {
			m := Message{Platform: "bench", ChatID: "c", UserID: "ana", UserName: "ana", Text: q}
			t0 := time.Now()
			h.process(m, t0)
			lat = append(lat, time.Since(t0))
		}
	}
	return ms(percentileOf(lat, 0.99)), nil
}

// fillHistory gives the lifter "ana" n sets of ten exercises over two years.
func fillHistory(db *store.DB, n int) error {
	exercises := []string{"bench press", "back squat", "deadlift", "overhead press", "barbell row", "dumbbell curl", "leg press", "lat pulldown", "leg extension", "incline bench press"}
	start := time.Now().Add(-2 * 365 * 24 * time.Hour)
	sets := make([]record.Set, 0, 1000)
	for i := range n {
		sets = append(sets, record.Set{Platform: "bench", UserID: "ana", ChatID: "c", Lift: coach.Lift{
			At: start.Add(time.Duration(i) * 2 * 365 * 24 * time.Hour / time.Duration(n)), Exercise: exercises[i%len(exercises)],
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

// paceSink records sends to one chat and counts pace violations.
type paceSink struct {
	mu         sync.Mutex
	pace       Pace
	sent       []time.Time
	mentioned  map[string]bool
	violations int
	want       int
	all        chan struct{}
}

func (s *paceSink) Send(_ context.Context, r Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.sent = append(s.sent, now)
	for _, w := range s.pace {
		n := 0
		for _, t := range s.sent {
			if now.Sub(t) < w.Per {
				n++
			}
		}
		if n > w.N {
			s.violations++
		}
	}
	for _, p := range r.Pings {
		s.mentioned[p.To.ID] = true
	}
	if len(s.mentioned) == s.want && s.all != nil {
		close(s.all)
		s.all = nil
	}
	return nil
}

// benchGroupBurst makes n lifters' rests in one group chat end together and
// sends the pings through the outbox to a sink that checks the pace.
func benchGroupBurst(ctx context.Context, c *coach.Coach, path string, n int, pace Pace) (GroupBurst, error) {
	db, err := store.Open(path)
	if err != nil {
		return GroupBurst{}, err
	}
	defer db.Close()
	due := time.Now().Add(200 * time.Millisecond)
	timers := make([]record.Timer, n)
	for i := range timers {
		u := strconv.Itoa(i)
		timers[i] = record.Timer{Due: due, ID: "s" + u + "/1", Lifter: record.Lifter{Platform: "bench", ChatID: "gym", UserID: u},
			UserName: "lifter" + u, Group: true, Text: "mini-set 1, 100 kg, as many as you can"}
	}
	if err := db.Apply(record.Change{AddTimers: timers}); err != nil {
		return GroupBurst{}, err
	}
	all := make(chan struct{})
	sink := &paceSink{pace: pace, mentioned: map[string]bool{}, want: n, all: all}
	h := New(Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", sink, pace)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx) }()
	select {
	case <-all:
	case <-ctx.Done():
	}
	cancel()
	if err := <-done; err != nil {
		return GroupBurst{}, err
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	return GroupBurst{Lifters: n, Messages: len(sink.sent), Mentioned: len(sink.mentioned), Violations: sink.violations}, nil
}
