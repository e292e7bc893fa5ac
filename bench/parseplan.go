package bench

import (
	"fmt"
	"runtime"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// Commands are the mix of real commands parse+plan is measured on.
var Commands = []string{
	"drop 80kg bench", "rp 225lb squat 3 minis", "backoff bench 90kg x2",
	"japanese 100kg bench x5", "japanese ladder 100kg bench x5 fast", "ramp 100kg squat",
	"drop 30kg db curl", "drop 60kg leg extension -20%",
}

// parsePlan measures parse + plan per message over Commands; cold gives
// every command a load not seen before, so no plan is reused.
func parsePlan(c *coach.Coach, cold bool) (ns, allocs float64, err error) {
	ns, allocs = perOp(time.Second, func(i int) bool {
		var cmd coach.Command
		cmd, err = c.Parse(Commands[i%len(Commands)], coach.KG)
		if err != nil {
			return false
		}
		if cold {
			cmd.Load += float64(i%100_000) / 1000
		}
		_, err = c.Plan(cmd)
		return err == nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("bench: parse and plan: %w", err)
	}
	return ns, allocs, nil
}

// perOp runs op in growing rounds until one round lasts at least target,
// and returns that round's time and heap allocations per call. The index
// op gets keeps growing across rounds, so "cold" calls stay unseen. It
// stops early, returning zeros, when op returns false.
func perOp(target time.Duration, op func(i int) bool) (ns, allocs float64) {
	next := 0
	for n := 1; ; {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		for range n {
			if !op(next) {
				return 0, 0
			}
			next++
		}
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if took >= target || n >= 1_000_000_000 {
			// Whole numbers per call, as testing.BenchmarkResult reports
			// them: a rare allocation shows as 0, not 0.25.
			return float64(took.Nanoseconds() / int64(n)), float64((after.Mallocs - before.Mallocs) / uint64(n))
		}
		// Aim 20 % past the target from this round's rate, at most 100
		// times this round, as testing.Benchmark does.
		per := max(took.Nanoseconds()/int64(n), 1)
		want := int(int64(target) * 6 / 5 / per)
		n = min(max(want, n+1), 100*n, 1_000_000_000)
	}
}
