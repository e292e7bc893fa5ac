package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/store"
)

// stopTimeout is TimeoutStopSec of deploy/spotter.service: how long the
// service manager waits after SIGTERM before it kills Spotter.
func stopTimeout(t *testing.T) time.Duration {
	t.Helper()
	unit, err := os.ReadFile(filepath.Join("..", "deploy", "spotter.service"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^TimeoutStopSec=(\d+)$`).FindSubmatch(unit)
	if m == nil {
		t.Fatal("deploy/spotter.service sets no TimeoutStopSec in seconds")
	}
	s, _ := strconv.Atoi(string(m[1]))
	return time.Duration(s) * time.Second
}

// TestSIGTERMDuringAnImport: SIGTERM while a lifter imports 100,000 rows
// ends the process well within the service's stop timeout, and the import
// lasts whole or not at all.
func TestSIGTERMDuringAnImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 100,000 rows")
	}
	const rows = 100_000
	bin := buildSpotter(t)
	dir := t.TempDir()
	var csv bytes.Buffer
	csv.WriteString("Date,Exercise Name,Set Order,Weight,Reps\n")
	end := time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC)
	for i := range rows {
		fmt.Fprintf(&csv, "%s,Squat (Barbell),%d,%d,5\n", end.Add(-time.Duration(i)*time.Minute).Format("2006-01-02 15:04:05"), i%5+1, 60+i%40)
	}
	file := filepath.Join(dir, "strong.csv")
	if err := os.WriteFile(file, csv.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "spotter.db")
	p := startConsole(t, bin, "-data", data, "-user", "ana")
	p.say(t, "import "+file)
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	limit := stopTimeout(t)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(limit):
		t.Fatalf("still running %v after SIGTERM, the service's stop timeout", limit)
	}
	took := time.Since(start)
	var out []string
	for line := range p.lines {
		out = append(out, line)
	}
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.CountSets("console", "ana")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SIGTERM took %v to end the process; %d sets lasted; output %q", took, n, out)
	if n != 0 && n != rows {
		t.Errorf("%d of %d sets lasted", n, rows)
	}
}
