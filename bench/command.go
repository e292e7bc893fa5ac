package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"text/tabwriter"
)

// usage is the text of "spotter bench -h" before the flags.
const usage = `usage: spotter bench [-quick] [-json] [-check] [-store postgres://user:password@host:port/database]

Measures, on this machine and in one run, how fast Spotter answers, logs
and pings, through the real hub over real bbolt files in a temporary
directory, next to plain baselines (raw bbolt writes, Go's own timers).

With -store URL, the store-bound figures (hub_msgs_per_s, log_sets_per_s,
reload_ms, history_p99_ms) are measured on that PostgreSQL server too, by
the same code, after the bbolt ones: printed as pg_hub_msgs_per_s,
pg_log_sets_per_s, pg_reload_ms, pg_history_p99_ms, each with a ratio
PostgreSQL / bbolt (pg_hub_ratio, pg_log_ratio, pg_reload_ratio,
pg_history_ratio), and pg_server says the server's version, fsync and
synchronous_commit (a server with fsync off measures no real deployment).
The bench never writes to the database the URL names: it connects there
only to CREATE DATABASE spotter_bench_<random>_<stage>, one new database
per figure, whose tables pg.Open creates, and to DROP it when the figure
is taken (also after an error or Ctrl-C). So the URL's role needs
CREATEDB; naming the server's "postgres" database is usual. Each new
database is checked empty before use; should one hold Spotter data (a
template database that does), the bench refuses: "bench needs an empty
database: it writes and deletes its own data". If the bench is killed,
drop what is left by hand: DROP DATABASE spotter_bench_...;
Passwords never appear in the output.

Without -store, the output is exactly that of earlier versions.

Flags:
`

// Run is "spotter bench [-quick] [-json] [-check] [-store URL]": it
// measures this machine in one run and prints a table, or one JSON
// object; with -store, on a PostgreSQL server as well (see usage).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("spotter bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	quick := fs.Bool("quick", false, "10k timers instead of 100k and fewer messages: under 30 s on 2 cores")
	asJSON := fs.Bool("json", false, "print one JSON object")
	check := fs.Bool("check", false, "fail unless every figure is present and sane (no time thresholds); with -store, the pg_ figures too")
	storeURL := fs.String("store", "", "also measure the store-bound figures on the PostgreSQL server at this `URL`, in throwaway databases (its role needs CREATEDB)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("bench: unexpected argument %q (spotter bench -h)", fs.Arg(0))
	}
	if *storeURL != "" {
		// Read before anything is measured: a typo fails at once.
		if _, _, err := parseStoreURL(*storeURL); err != nil {
			return err
		}
	}
	dir, err := os.MkdirTemp("", "spotter-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := Options{Quick: *quick, Dir: dir, StoreURL: *storeURL}
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
		if err := Check(r); err != nil {
			return err
		}
		if *storeURL != "" && r.PGServer == "" {
			return errors.New("bench: -store was given and no PostgreSQL figure was measured")
		}
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
	if r.PGServer != "" {
		printPG(w, r)
	}
}

// printPG writes the figures -store measured next to bbolt's, in a table
// of their own (the one above stays as without -store).
func printPG(w io.Writer, r Result) {
	fmt.Fprintf(w, "\n-store: %s (pg_server); a new database per figure\n", r.PGServer)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "figure\tbbolt\tPostgreSQL\tPostgreSQL / bbolt\tkeys\n")
	row := func(name, format string, bb, pg, ratio float64, keys string) {
		fmt.Fprintf(tw, "%s\t"+format+"\t"+format+"\t%.2f\t%s\n", name, bb, pg, ratio, keys)
	}
	row("hub_msgs_per_s", "%.0f", r.HubMsgsPerS, r.PGHubMsgsPerS, r.PGHubRatio, "pg_hub_msgs_per_s, pg_hub_ratio")
	row("log_sets_per_s", "%.0f", r.LogSetsPerS, r.PGLogSetsPerS, r.PGLogRatio, "pg_log_sets_per_s, pg_log_ratio")
	row("reload_ms", "%.1f", r.ReloadMs, r.PGReloadMs, r.PGReloadRatio, "pg_reload_ms, pg_reload_ratio: Timers() at a start; replicas Claim instead")
	row("history_p99_ms", "%.2f", r.HistoryP99Ms, r.PGHistoryP99Ms, r.PGHistoryRatio, "pg_history_p99_ms, pg_history_ratio")
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
	return checkPG(r)
}

// checkPG: the PostgreSQL figures are all there or none are (no -store),
// and each is a positive number, its ratio that over the bbolt figure.
func checkPG(r Result) error {
	type pair struct {
		name         string
		pg, bb, rate float64
	}
	pairs := []pair{
		{"pg_hub_msgs_per_s", r.PGHubMsgsPerS, r.HubMsgsPerS, r.PGHubRatio},
		{"pg_log_sets_per_s", r.PGLogSetsPerS, r.LogSetsPerS, r.PGLogRatio},
		{"pg_reload_ms", r.PGReloadMs, r.ReloadMs, r.PGReloadRatio},
		{"pg_history_p99_ms", r.PGHistoryP99Ms, r.HistoryP99Ms, r.PGHistoryRatio},
	}
	present := r.PGServer != ""
	for _, p := range pairs {
		present = present || p.pg != 0 || p.rate != 0
	}
	if !present {
		return nil
	}
	if r.PGServer == "" {
		return errors.New("bench: PostgreSQL figures without pg_server")
	}
	for _, p := range pairs {
		if !(p.pg > 0) || math.IsInf(p.pg, 0) || !(p.rate > 0) || math.IsInf(p.rate, 0) {
			return fmt.Errorf("bench: %s = %v (ratio %v), want positive numbers", p.name, p.pg, p.rate)
		}
		if want := p.pg / max(p.bb, 0.001); math.Abs(p.rate-want) > 0.01*want {
			return fmt.Errorf("bench: %s: ratio %v, but %v / %v = %v", p.name, p.rate, p.pg, p.bb, want)
		}
	}
	return nil
}
