package bench

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"text/tabwriter"
)

// Run is "spotter bench [-quick] [-json] [-check]": it measures this
// machine in one run and prints a table, or one JSON object.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("spotter bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quick := fs.Bool("quick", false, "10k timers instead of 100k and fewer messages: under 30 s on 2 cores")
	asJSON := fs.Bool("json", false, "print one JSON object")
	check := fs.Bool("check", false, "fail unless every figure is present and sane (no time thresholds)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "spotter-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := Options{Quick: *quick, Dir: dir}
	if !*asJSON {
		opts.Progress = func(s string) { fmt.Fprintf(stderr, "bench: %s...\n", s) }
	}
	r, err := Measure(ctx, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
	} else {
		Print(stdout, r)
	}
	if *check {
		return Check(r)
	}
	return nil
}

// Print writes r as a table: figure, value, what it means.
func Print(w io.Writer, r Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(name string, v any, note string) { fmt.Fprintf(tw, "%s\t%v\t%s\n", name, v, note) }
	row("parse_plan_ns", fmt.Sprintf("%.0f", r.ParsePlanNs), "parse + plan, mix of real commands, per message")
	row("parse_plan_allocs", fmt.Sprintf("%.0f", r.ParsePlanAllocs), "allocations per message")
	row("parse_plan_cold_ns", fmt.Sprintf("%.0f", r.ParsePlanColdNs), "the same, every command new (no plan to reuse)")
	row("parse_plan_cold_allocs", fmt.Sprintf("%.0f", r.ParsePlanColdAllocs), "")
	row("hub_msgs_per_s", fmt.Sprintf("%.0f", r.HubMsgsPerS), "messages answered through the hub and a bbolt file")
	row("log_sets_per_s", fmt.Sprintf("%.0f", r.LogSetsPerS), "one set per transaction, as the hub writes")
	row("bbolt_batch_per_s", fmt.Sprintf("%.0f", r.BboltBatchPerS), "raw bbolt Batch puts of the same size, 8 writers")
	row("log_ratio", fmt.Sprintf("%.2f", r.LogRatio), "")
	row("timers", r.Timers, "pending, due within one second")
	row("lateness_p50_ms", fmt.Sprintf("%.2f", r.LatenessP50Ms), fmt.Sprintf("time.AfterFunc: %.2f", r.BaselineP50Ms))
	row("lateness_p99_ms", fmt.Sprintf("%.2f", r.LatenessP99Ms), fmt.Sprintf("time.AfterFunc: %.2f", r.BaselineP99Ms))
	u := r.UnderLoad
	row("ping_lateness_under_load_p99_ms", fmt.Sprintf("%.2f", r.PingLatenessUnderLoadP99Ms),
		fmt.Sprintf("%d pings while one lifter had %d charts of %d days drawn and %d CSVs of %d rows imported", u.Pings, u.Charts, u.HistoryDays, u.Imports, u.ImportRows))
	row("bytes_per_timer", fmt.Sprintf("%.0f", r.BytesPerTimer), fmt.Sprintf("time.AfterFunc: %.0f", r.BaselineBytesPerTimer))
	row("lateness_ratio", fmt.Sprintf("%.2f", r.LatenessRatio), "p99, Spotter / time.AfterFunc")
	row("mem_ratio", fmt.Sprintf("%.2f", r.MemRatio), "bytes per timer, Spotter / time.AfterFunc")
	row("reload_ms", fmt.Sprintf("%.1f", r.ReloadMs), "reading every pending timer back at a restart")
	row("history_p99_ms", fmt.Sprintf("%.2f", r.HistoryP99Ms), fmt.Sprintf("history, pr, 1rm over %d sets of one lifter", r.HistorySets))
	g := r.GroupBurst
	row("group_burst", fmt.Sprintf("%d lifters, %d messages, %d mentioned, %d violations", g.Lifters, g.Messages, g.Mentioned, g.Violations), "pings due together in one Telegram group")
	tw.Flush()
}

// Check fails unless every figure is present and sane. It never judges
// speed: a slow machine passes.
func Check(r Result) error {
	positive := map[string]float64{
		"parse_plan_ns": r.ParsePlanNs, "parse_plan_cold_ns": r.ParsePlanColdNs, "hub_msgs_per_s": r.HubMsgsPerS, "log_sets_per_s": r.LogSetsPerS,
		"bbolt_batch_per_s": r.BboltBatchPerS, "log_ratio": r.LogRatio, "lateness_p99_ms": r.LatenessP99Ms,
		"ping_lateness_under_load_p99_ms": r.PingLatenessUnderLoadP99Ms,
		"bytes_per_timer":                 r.BytesPerTimer, "baseline_p99_ms": r.BaselineP99Ms, "baseline_bytes_per_timer": r.BaselineBytesPerTimer,
		"lateness_ratio": r.LatenessRatio, "mem_ratio": r.MemRatio, "reload_ms": r.ReloadMs, "history_p99_ms": r.HistoryP99Ms,
	}
	for name, v := range positive {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("bench: %s = %v, want a positive number", name, v)
		}
	}
	if r.ParsePlanAllocs < 0 || r.Timers <= 0 || r.LatenessP50Ms > r.LatenessP99Ms || r.BaselineP50Ms > r.BaselineP99Ms {
		return fmt.Errorf("bench: inconsistent figures %+v", r)
	}
	g := r.GroupBurst
	if g.Lifters == 0 || g.Mentioned != g.Lifters || g.Messages == 0 || g.Violations != 0 {
		return fmt.Errorf("bench: group burst %+v: every lifter mentioned, no pace violation expected", g)
	}
	// The figure under load means something only if the load ran.
	if u := r.UnderLoad; u.Pings == 0 || u.Charts == 0 || u.Imports == 0 {
		return fmt.Errorf("bench: under load %+v: pings, charts and imports expected", u)
	}
	return nil
}
