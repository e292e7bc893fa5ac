package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

func TestParseStoreURL(t *testing.T) {
	for _, ok := range []string{
		"postgres://spotter:pw@127.0.0.1:5432/postgres?sslmode=disable",
		"postgresql://spotter@db.example/postgres",
		"postgres:///postgres?host=/var/run/postgresql",
	} {
		if _, _, err := parseStoreURL(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{
		"",
		"mysql://u:s3cret@host/db",
		"host=localhost password=s3cret dbname=x", // keyword/value: -store wants a URL
		"postgres://u:s3cret@host:notaport/db",
		"/var/lib/spotter/spotter.db",
	} {
		_, _, err := parseStoreURL(bad)
		if err == nil {
			t.Errorf("%q was taken", bad)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%q: the error shows the password: %v", bad, err)
		}
		if !strings.Contains(err.Error(), "-store") {
			t.Errorf("%q: the error does not name the flag: %v", bad, err)
		}
	}
}

// A -store that cannot be used fails at once, before any figure is
// measured, and never shows its password.
func TestRunRefusesABadStoreBeforeMeasuring(t *testing.T) {
	for _, url := range []string{
		"mysql://u:s3cret@host/db",
		"postgres://u:s3cret@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=5", // nothing listens on port 1
	} {
		var stdout, stderr bytes.Buffer
		start := time.Now()
		err := Run(t.Context(), []string{"-quick", "-store", url}, &stdout, &stderr)
		if err == nil {
			t.Fatalf("%s: no error", url)
		}
		if strings.Contains(err.Error()+stderr.String()+stdout.String(), "s3cret") {
			t.Errorf("%s: the password shows: %v\n%s", url, err, stderr.String())
		}
		if strings.Contains(stderr.String(), "parse and plan") || stdout.Len() > 0 || time.Since(start) > 10*time.Second {
			t.Errorf("%s: measured before refusing (%v): %s", url, time.Since(start), stderr.String())
		}
	}
	var stderr bytes.Buffer
	if err := Run(t.Context(), []string{"-store"}, &bytes.Buffer{}, &stderr); err == nil {
		t.Error("-store without a URL was taken")
	}
	if err := Run(t.Context(), []string{"-quick", "postgres://x"}, &bytes.Buffer{}, &stderr); err == nil {
		t.Error("a URL without -store was taken")
	}
}

func TestEnsureEmptyRefusesAStoreWithData(t *testing.T) {
	for name, ch := range map[string]record.Change{
		"": {},
		"a set": {Sets: []record.Set{{Platform: "bench", UserID: "ana", ChatID: "c", Lift: coach.Lift{At: time.Now(), Exercise: "bench press",
			Load: 100, Unit: coach.KG, Reps: 5, Kind: coach.KindWork, Entry: "e1"}}}},
		"a timer": {AddTimers: pendingTimers(1, time.Now().Add(time.Hour), time.Second)},
	} {
		db, err := store.Open(filepath.Join(t.TempDir(), "x.db"))
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Apply(ch); err != nil {
			t.Fatal(err)
		}
		err = ensureEmpty(db, "x")
		db.Close()
		if name == "" {
			if err != nil {
				t.Errorf("a new store was refused: %v", err)
			}
			continue
		}
		if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "bench needs an empty database: it writes and deletes its own data") {
			t.Errorf("%s: %v, want ErrNotEmpty", name, err)
		}
	}
}

// withStore never runs a stage on a store that holds data, and closes it
// whatever happens.
func TestWithStoreChecksBeforeAndClosesAfter(t *testing.T) {
	dir := t.TempDir()
	full, err := store.Open(filepath.Join(dir, "log.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := full.Apply(record.Change{AddTimers: pendingTimers(3, time.Now().Add(time.Hour), time.Second)}); err != nil {
		t.Fatal(err)
	}
	full.Close()
	b := bboltBackend(dir)
	ran := false
	err = withStore(t.Context(), b, "log", func(bot.Store) error { ran = true; return nil })
	if ran || !errors.Is(err, ErrNotEmpty) {
		t.Errorf("ran %v, err %v: want the stage refused with ErrNotEmpty", ran, err)
	}
	// Closed: it opens again at once (bbolt locks an open file).
	err = withStore(t.Context(), b, "hub", func(db bot.Store) error {
		return db.Apply(record.Change{AddTimers: pendingTimers(1, time.Now().Add(time.Hour), time.Second)})
	})
	if err != nil {
		t.Fatal(err)
	}
	if db, err := store.Open(filepath.Join(dir, "hub.db")); err != nil {
		t.Errorf("the stage's store was left open: %v", err)
	} else {
		db.Close()
	}
}

func pgResult() Result {
	r := Result{HubMsgsPerS: 400, LogSetsPerS: 2000, ReloadMs: 10, HistoryP99Ms: 30,
		PGServer: "PostgreSQL 15, fsync on, synchronous_commit on", PGHubMsgsPerS: 300, PGLogSetsPerS: 1000, PGReloadMs: 20, PGHistoryP99Ms: 15}
	r.PGHubRatio, r.PGLogRatio, r.PGReloadRatio, r.PGHistoryRatio = 0.75, 0.5, 2, 0.5
	return r
}

func TestCheckPG(t *testing.T) {
	if err := checkPG(Result{HubMsgsPerS: 1}); err != nil {
		t.Errorf("no -store, no PostgreSQL figure: %v", err)
	}
	if err := checkPG(pgResult()); err != nil {
		t.Errorf("sane PostgreSQL figures refused: %v", err)
	}
	for name, change := range map[string]func(*Result){
		"no server":    func(r *Result) { r.PGServer = "" },
		"no hub":       func(r *Result) { r.PGHubMsgsPerS, r.PGHubRatio = 0, 0 },
		"no log ratio": func(r *Result) { r.PGLogRatio = 0 },
		"no reload":    func(r *Result) { r.PGReloadMs = 0 },
		"no history":   func(r *Result) { r.PGHistoryP99Ms = 0 },
		"wrong ratio":  func(r *Result) { r.PGHubRatio = 2 },
		"only server":  func(r *Result) { *r = Result{PGServer: "PostgreSQL"} },
	} {
		r := pgResult()
		change(&r)
		if err := checkPG(r); err == nil {
			t.Errorf("%s: passed", name)
		}
	}
}

// Without -store, the JSON keys and the table are those of before.
func TestNoStoreNoPGOutput(t *testing.T) {
	raw, err := json.Marshal(Result{HubMsgsPerS: 1})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "pg_") {
		t.Errorf("pg_ keys without -store: %s", raw)
	}
	var out bytes.Buffer
	Print(&out, Result{HubMsgsPerS: 1})
	if strings.Contains(out.String(), "PostgreSQL") || strings.Contains(out.String(), "pg_") {
		t.Errorf("PostgreSQL in the table without -store:\n%s", out.String())
	}
	out.Reset()
	Print(&out, pgResult())
	for _, want := range []string{"fsync on", "pg_hub_msgs_per_s", "pg_history_ratio", "0.75"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the table with -store lacks %q:\n%s", want, out.String())
		}
	}
	raw, _ = json.Marshal(pgResult())
	for _, key := range []string{"pg_server", "pg_hub_msgs_per_s", "pg_hub_ratio", "pg_log_sets_per_s", "pg_log_ratio", "pg_reload_ms", "pg_reload_ratio", "pg_history_p99_ms", "pg_history_ratio"} {
		if !strings.Contains(string(raw), `"`+key+`"`) {
			t.Errorf("JSON with -store lacks %s: %s", key, raw)
		}
	}
}

// With a server (SPOTTER_PG_URL, whose role may CREATE DATABASE), the
// PostgreSQL stages run, small, and leave no database behind. Skipped
// without one.
func TestPGStagesLeaveNothingBehind(t *testing.T) {
	url := os.Getenv("SPOTTER_PG_URL")
	if url == "" || os.Getenv("SPOTTER_PG_DISABLE") == "1" {
		t.Skip("no PostgreSQL: set SPOTTER_PG_URL=postgres://... (a role with CREATEDB) to run the bench's PostgreSQL stages")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	s, err := openPGServer(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close(ctx)
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	b := s.backend()
	if v, err := measureHub(ctx, c, b, 50); err != nil || !(v > 0) {
		t.Errorf("hub: %v, %v", v, err)
	}
	if v, err := measureLog(ctx, b, 50); err != nil || !(v > 0) {
		t.Errorf("log: %v, %v", v, err)
	}
	if v, err := measureHistory(ctx, c, b, 500); err != nil || !(v > 0) {
		t.Errorf("history: %v, %v", v, err)
	}
	err = withStore(ctx, b, "timers", func(db bot.Store) error {
		d, err := reloadTimers(ctx, c, db, 200)
		if err == nil && d <= 0 {
			t.Errorf("reload %v", d)
		}
		return err
	})
	if err != nil {
		t.Error(err)
	}
	conn, err := pgx.ConnectConfig(ctx, s.admin.Copy())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var left int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_database WHERE datname LIKE $1`, s.prefix+"%").Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != 0 {
		t.Errorf("%d databases %s_* left behind", left, s.prefix)
	}
}
