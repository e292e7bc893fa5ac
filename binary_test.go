package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/store"
)

var (
	binDir   string
	buildBin = sync.OnceValues(func() (string, error) {
		bin := filepath.Join(binDir, "spotter")
		out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("go build: %v\n%s", err, out)
		}
		return bin, nil
	})
)

func TestMain(m *testing.M) {
	flag.Parse()
	var err error
	if binDir, err = os.MkdirTemp("", "spotter-bin"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(binDir)
	os.Exit(code)
}

// buildSpotter builds the real binary once per test run.
func buildSpotter(t *testing.T) string {
	t.Helper()
	bin, err := buildBin()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// console is a running spotter binary in console mode.
type consoleProc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines chan string
}

func startConsole(t *testing.T, bin string, args ...string) *consoleProc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &consoleProc{cmd: cmd, stdin: stdin, lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return p
}

func (p *consoleProc) say(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(p.stdin, line+"\n"); err != nil {
		t.Fatal(err)
	}
}

// expect reads output lines until one contains want; it fails after a
// generous bound so that a hung binary cannot hang the test run.
func (p *consoleProc) expect(t *testing.T, want string) string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	var seen []string
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("output ended before %q; saw:\n%s", want, strings.Join(seen, "\n"))
			}
			seen = append(seen, line)
			if strings.Contains(line, want) {
				return line
			}
		case <-deadline:
			t.Fatalf("no %q within 30 s; saw:\n%s", want, strings.Join(seen, "\n"))
		}
	}
}

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

// TestBackupWhileTheBotRuns: "spotter backup" copies the data file of a
// running bot through its ops endpoint, and of a stopped one directly.
func TestBackupWhileTheBotRuns(t *testing.T) {
	bin := buildSpotter(t)
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := filepath.Join(dir, "spotter.toml")
	data := filepath.Join(dir, "spotter.db")
	os.WriteFile(cfg, []byte(fmt.Sprintf("data = %q\n[ops]\nlisten = %q\n", data, addr)), 0o600)
	p := startConsole(t, bin, "-config", cfg, "-user", "ana")
	p.say(t, "log bench 100x5x3")
	p.expect(t, "Logged bench press")

	out := filepath.Join(dir, "copy.db")
	cmd := exec.Command(bin, "backup", "-config", cfg, out)
	if msg, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(msg), "running bot") {
		t.Fatalf("backup of a running bot: %v\n%s", err, msg)
	}
	checkCopy := func(path string, want int) {
		t.Helper()
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		sets, _ := db.Sets("console", "ana")
		if len(sets) != want {
			t.Errorf("%s holds %d sets, want %d", path, len(sets), want)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %o", path, fi.Mode().Perm())
		}
	}
	checkCopy(out, 3)
	p.stdin.Close()
	p.cmd.Wait()

	out2 := filepath.Join(dir, "copy2.db")
	if msg, err := exec.Command(bin, "backup", "-data", data, out2).CombinedOutput(); err != nil {
		t.Fatalf("backup of a stopped bot: %v\n%s", err, msg)
	}
	checkCopy(out2, 3)
	if msg, err := exec.Command(bin, "backup", "-data", filepath.Join(dir, "none.db"), out2).CombinedOutput(); err == nil {
		t.Errorf("backup of a missing file succeeded: %s", msg)
	}
}
