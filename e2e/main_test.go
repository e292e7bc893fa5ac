// Package e2e runs the built spotter binary as its users and operators
// do: a console chat on a pipe, the Telegram and Discord adapters against
// the fakes in internal/tgfake and internal/dcfake, SIGKILL and SIGTERM,
// spotter backup, the ops endpoint, and (build tag soak) the soak. The
// tests that reuse the wiring in-process, without a binary, live beside
// main.go in the module root.
package e2e

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/internal/pgtest"
)

var (
	binDir   string
	buildBin = sync.OnceValues(func() (string, error) {
		bin := filepath.Join(binDir, "spotter")
		// The command is the module root's package main, one folder up.
		cmd := exec.Command("go", "build", "-o", bin, ".")
		cmd.Dir = ".."
		out, err := cmd.CombinedOutput()
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
	code := pgtest.Run(m) // a PostgreSQL of their own for the replicas' tests
	os.RemoveAll(binDir)
	os.Exit(code)
}

// buildSpotter builds the real binary once per test run. Without a go
// command (a test binary copied elsewhere) there is nothing to build, and
// the test is skipped.
func buildSpotter(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skipf("no go command to build spotter with: %v", err)
	}
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
