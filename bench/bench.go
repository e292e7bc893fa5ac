// Package bench is "spotter bench": it measures, on the machine it runs
// on, how fast Spotter answers, logs and pings, through the real hub over
// real bbolt files, next to plain baselines (raw bbolt writes, Go's own
// timers) measured in the same run.
//
// It never imports the testing package, so the spotter binary does not
// link the test framework: time is taken with time.Now and allocations
// are counted with runtime.ReadMemStats. It drives the hub through its
// exported API only (Submit, Register, Run, PendingTimers), the way a
// platform adapter does, so every figure follows the hub's real path.
package bench

import (
	"context"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/spotter-coach/spotter/adapters/telegram"
	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
)

// Result is what "spotter bench" measures on the machine it runs on,
// all in one run so that the ratios compare like with like.
type Result struct {
	ParsePlanNs     float64 `json:"parse_plan_ns"`
	ParsePlanAllocs float64 `json:"parse_plan_allocs"`
	// The same for commands never seen before (no plan to reuse).
	ParsePlanColdNs     float64 `json:"parse_plan_cold_ns"`
	ParsePlanColdAllocs float64 `json:"parse_plan_cold_allocs"`
	HubMsgsPerS         float64 `json:"hub_msgs_per_s"`

	LogSetsPerS    float64 `json:"log_sets_per_s"`
	BboltBatchPerS float64 `json:"bbolt_batch_per_s"`
	LogRatio       float64 `json:"log_ratio"`

	Timers        int     `json:"timers"`
	LatenessP50Ms float64 `json:"lateness_p50_ms"`
	LatenessP99Ms float64 `json:"lateness_p99_ms"`
	// PingLatenessUnderLoadP99Ms is LatenessP99Ms while one lifter keeps
	// the hub busy with slow work (see UnderLoad).
	PingLatenessUnderLoadP99Ms float64 `json:"ping_lateness_under_load_p99_ms"`
	BytesPerTimer              float64 `json:"bytes_per_timer"`
	BaselineP50Ms              float64 `json:"baseline_p50_ms"`
	BaselineP99Ms              float64 `json:"baseline_p99_ms"`
	BaselineBytesPerTimer      float64 `json:"baseline_bytes_per_timer"`
	LatenessRatio              float64 `json:"lateness_ratio"`
	MemRatio                   float64 `json:"mem_ratio"`
	ReloadMs                   float64 `json:"reload_ms"`

	HistorySets  int     `json:"history_sets"`
	HistoryP99Ms float64 `json:"history_p99_ms"`

	GroupBurst GroupBurst `json:"group_burst"`
	UnderLoad  UnderLoad  `json:"under_load"`

	// With -store: the store-bound figures above measured the same way on
	// PostgreSQL, in the same run, and each over its bbolt figure. Absent
	// without -store.
	PGServer       string  `json:"pg_server,omitempty"` // version, fsync and synchronous_commit of the server
	PGHubMsgsPerS  float64 `json:"pg_hub_msgs_per_s,omitempty"`
	PGHubRatio     float64 `json:"pg_hub_ratio,omitempty"`
	PGLogSetsPerS  float64 `json:"pg_log_sets_per_s,omitempty"`
	PGLogRatio     float64 `json:"pg_log_ratio,omitempty"`
	PGHistoryP99Ms float64 `json:"pg_history_p99_ms,omitempty"`
	PGHistoryRatio float64 `json:"pg_history_ratio,omitempty"`
	PGReloadMs     float64 `json:"pg_reload_ms,omitempty"`
	PGReloadRatio  float64 `json:"pg_reload_ratio,omitempty"`
}

// GroupBurst is the outcome of many lifters' pings falling due together
// in one group chat.
type GroupBurst struct {
	Lifters    int `json:"lifters"`
	Messages   int `json:"messages"`
	Mentioned  int `json:"mentioned"`
	Violations int `json:"violations"`
}

// UnderLoad is the work one lifter gave the hub while the pings behind
// PingLatenessUnderLoadP99Ms fell due: charts over a year of sets and
// imports of a large CSV, each asked for once the answer to the last one
// arrived, as a lifter would.
type UnderLoad struct {
	Pings       int `json:"pings"`
	HistoryDays int `json:"history_days"`
	Charts      int `json:"charts"`
	ImportRows  int `json:"import_rows"`
	Imports     int `json:"imports"`
}

// Options size a bench run.
type Options struct {
	Quick bool   // 10k timers instead of 100k, fewer messages: under 30 s on 2 cores
	Dir   string // where the bbolt files go
	// StoreURL, if set, is a PostgreSQL server (postgres://...) to measure
	// the store-bound figures on as well, in throwaway databases (see
	// pgServer); its role needs CREATEDB.
	StoreURL string
	// Progress, if set, is told each stage's name as it starts.
	Progress func(stage string)
}

// Measure runs every measurement of "spotter bench".
func Measure(ctx context.Context, o Options) (r Result, err error) {
	step := func(s string) {
		if o.Progress != nil {
			o.Progress(s)
		}
	}
	c, err := coach.New(coach.Config{})
	if err != nil {
		return r, err
	}
	// Before anything is measured, so that a wrong URL fails at once.
	var pgs *pgServer
	if o.StoreURL != "" {
		if pgs, err = openPGServer(ctx, o.StoreURL); err != nil {
			return r, err
		}
		defer func() {
			if cerr := pgs.close(ctx); cerr != nil && err == nil {
				err = cerr
			}
		}()
	}
	bolt := bboltBackend(o.Dir)

	step("parse and plan")
	if r.ParsePlanNs, r.ParsePlanAllocs, err = parsePlan(c, false); err != nil {
		return r, err
	}
	if r.ParsePlanColdNs, r.ParsePlanColdAllocs, err = parsePlan(c, true); err != nil {
		return r, err
	}

	step("hub messages")
	msgs := 3000
	if o.Quick {
		msgs = 600
	}
	if r.HubMsgsPerS, err = measureHub(ctx, c, bolt, msgs); err != nil {
		return r, err
	}

	step("logging sets")
	sets := 2000
	if o.Quick {
		sets = 400
	}
	if r.LogSetsPerS, err = measureLog(ctx, bolt, sets); err != nil {
		return r, err
	}
	if r.BboltBatchPerS, err = rawBatchPerS(o.Dir, sets); err != nil {
		return r, err
	}
	r.LogRatio = r.LogSetsPerS / r.BboltBatchPerS

	step("timers")
	r.Timers = 100_000
	if o.Quick {
		r.Timers = 10_000
	}
	base := baselineTimers(r.Timers)
	var (
		spot   timerStats
		reload time.Duration
	)
	err = withStore(ctx, bolt, "timers", func(db bot.Store) (err error) {
		spot, reload, err = hubTimers(ctx, c, db, r.Timers)
		return err
	})
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
	if r.HistoryP99Ms, err = measureHistory(ctx, c, bolt, r.HistorySets); err != nil {
		return r, err
	}

	step("group burst")
	if r.GroupBurst, err = groupBurst(ctx, c, filepath.Join(o.Dir, "burst.db"), 50, telegram.Pace); err != nil {
		return r, err
	}

	// Last, so that its garbage and its large file weigh on no other figure.
	step("pings under load")
	load := loadSize{pings: 4000, window: 8 * time.Second, days: 300, rows: 20_000}
	if o.Quick {
		load = loadSize{pings: 1000, window: 4 * time.Second, days: 300, rows: 20_000}
	}
	var p99 time.Duration
	if p99, r.UnderLoad, err = pingsUnderLoad(ctx, c, filepath.Join(o.Dir, "load.db"), load); err != nil {
		return r, err
	}
	r.PingLatenessUnderLoadP99Ms = ms(p99)

	// After every bbolt figure, which are then those of a run without
	// -store.
	if pgs != nil {
		runtime.GC()
		r.PGServer = pgs.about
		pgb := pgs.backend()
		step("PostgreSQL: hub messages")
		if r.PGHubMsgsPerS, err = measureHub(ctx, c, pgb, msgs); err != nil {
			return r, err
		}
		step("PostgreSQL: logging sets")
		if r.PGLogSetsPerS, err = measureLog(ctx, pgb, sets); err != nil {
			return r, err
		}
		step("PostgreSQL: timers reload")
		err = withStore(ctx, pgb, "timers", func(db bot.Store) error {
			d, err := reloadTimers(ctx, c, db, r.Timers)
			r.PGReloadMs = ms(d)
			return err
		})
		if err != nil {
			return r, err
		}
		step("PostgreSQL: history")
		if r.PGHistoryP99Ms, err = measureHistory(ctx, c, pgb, r.HistorySets); err != nil {
			return r, err
		}
		r.PGHubRatio = r.PGHubMsgsPerS / r.HubMsgsPerS
		r.PGLogRatio = r.PGLogSetsPerS / r.LogSetsPerS
		r.PGReloadRatio = r.PGReloadMs / max(r.ReloadMs, 0.001)
		r.PGHistoryRatio = r.PGHistoryP99Ms / max(r.HistoryP99Ms, 0.001)
	}
	return r, nil
}

// measureHub is hub_msgs_per_s on a new store of b.
func measureHub(ctx context.Context, c *coach.Coach, b backend, n int) (perS float64, err error) {
	err = withStore(ctx, b, "hub", func(db bot.Store) (err error) {
		perS, err = hubMessages(ctx, c, db, n)
		return err
	})
	return perS, err
}

// measureLog is log_sets_per_s on a new store of b.
func measureLog(ctx context.Context, b backend, n int) (perS float64, err error) {
	err = withStore(ctx, b, "log", func(db bot.Store) (err error) {
		perS, err = logSets(db, n)
		return err
	})
	return perS, err
}

// measureHistory is history_p99_ms on a new store of b.
func measureHistory(ctx context.Context, c *coach.Coach, b backend, n int) (p99 float64, err error) {
	err = withStore(ctx, b, "history", func(db bot.Store) (err error) {
		p99, err = history(ctx, c, db, n)
		return err
	})
	return p99, err
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentileOf(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

// heapAlloc is the live heap after two collections, so that what a
// measurement keeps is counted and its garbage is not.
func heapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// runHub starts h.Run on its own goroutine; stop cancels it and returns
// what Run returned.
func runHub(ctx context.Context, h *bot.Hub) (stop func() error) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx) }()
	return func() error {
		cancel()
		return <-done
	}
}
