package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/store"
)

// TestPingSurvivesSIGKILL runs the real binary, kills it with SIGKILL in
// the middle of a rest, starts it again on the same data file and sees the
// ping, once.
func TestPingSurvivesSIGKILL(t *testing.T) {
	bin := buildSpotter(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "spotter.toml")
	if err := os.WriteFile(cfg, []byte("[[preset]]\nname = \"shortrp\"\ntechnique = \"rest_pause\"\nrest = \"2s\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-config", cfg, "-data", filepath.Join(dir, "spotter.db"), "-user", "ana"}

	p := startConsole(t, bin, args...)
	p.say(t, "shortrp 100kg squat")
	p.expect(t, "Say start")
	p.say(t, "start")
	p.expect(t, "Now: set, 100 kg")
	p.say(t, "done 8")
	p.expect(t, "Rest 2 s; I'll ping you")
	// The set and the timer are stored before that answer: kill it now.
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()

	p = startConsole(t, bin, args...)
	ping := p.expect(t, "@ana GO")
	if !strings.Contains(ping, "mini-set 1, 100 kg") {
		t.Errorf("ping after restart: %q", ping)
	}
	p.say(t, "done 4")
	p.expect(t, "Mini-set 1: 4 reps")
	p.say(t, "stop")
	p.expect(t, "Total 12 reps")
	p.stdin.Close()
	for line := range p.lines {
		if strings.Contains(line, "GO") {
			t.Errorf("a second ping after restart: %q", line)
		}
	}
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
}

// TestSIGTERMShutsDownCleanly: a running console with a session and a
// pending rest stops at once on SIGTERM, exits 0, and the next start still
// has the session.
func TestSIGTERMShutsDownCleanly(t *testing.T) {
	bin := buildSpotter(t)
	dir := t.TempDir()
	args := []string{"-data", filepath.Join(dir, "spotter.db"), "-user", "bo"}
	p := startConsole(t, bin, args...)
	p.say(t, "rp 100kg bench")
	p.expect(t, "Say start")
	p.say(t, "start")
	p.expect(t, "Now: set, 100 kg")
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still running 20 s after SIGTERM")
	}
	p = startConsole(t, bin, args...)
	p.say(t, "done 7")
	p.expect(t, "Set: 7 reps at 100 kg")
}

// TestAcknowledgedSetsSurviveSIGKILL: a child process logs sets in a loop
// and is killed with SIGKILL; every set it acknowledged is in the file.
func TestAcknowledgedSetsSurviveSIGKILL(t *testing.T) {
	bin := buildSpotter(t)
	data := filepath.Join(t.TempDir(), "spotter.db")
	p := startConsole(t, bin, "-data", data, "-user", "ana")
	go func() {
		for i := 1; i <= 400; i++ {
			if _, err := fmt.Fprintf(p.stdin, "log bench %dx5\n", 20+i%100); err != nil {
				return
			}
		}
	}()
	acked := 0
	for acked < 60 {
		line := p.expect(t, "Logged bench press")
		if line != "" {
			acked++
		}
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.cmd.Wait()
	for range p.lines { // acknowledgements already printed count too
	}
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sets, err := db.Sets("console", "ana")
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) < acked {
		t.Fatalf("%d sets acknowledged, %d in the file after SIGKILL", acked, len(sets))
	}
}
