package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

// runTranscript runs the real program wiring inside a synctest bubble,
// typing each input line and letting the fake clock run on "# wait 20s"
// lines, and returns what it printed.
func runTranscript(t *testing.T, args []string, input string) (stdout, stderr string, err error) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		pr, pw := io.Pipe()
		var out, errOut bytes.Buffer
		m := &Main{Stdin: pr, Stdout: &out, Stderr: &errOut}
		dir := t.TempDir()
		args = append([]string{"-data", filepath.Join(dir, "spotter.db")}, args...)
		done := make(chan error, 1)
		go func() {
			err := m.ParseFlags(args)
			if err == nil {
				err = m.Run(context.Background())
			}
			if cerr := m.Close(); err == nil {
				err = cerr
			}
			done <- err
		}()
		for _, line := range strings.SplitAfter(input, "\n") {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "# wait "); ok {
				d, perr := time.ParseDuration(rest)
				if perr != nil {
					t.Fatalf("bad wait line %q", line)
				}
				time.Sleep(d)
			} else if line != "" {
				if _, werr := io.WriteString(pw, line); werr != nil {
					break
				}
			}
			synctest.Wait()
		}
		pw.Close()
		err = <-done
		// Files land in the data file's folder, which differs each run.
		stdout = strings.ReplaceAll(out.String(), dir, "$DATA")
		stderr = errOut.String()
	})
	return stdout, stderr, err
}

// runMain runs the real program wiring over a temporary data file with
// input as the console's standard input, and returns what it printed.
func runMain(t *testing.T, args []string, input string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(input), Stdout: &out, Stderr: &errOut}
	hasData := false
	for _, a := range args {
		hasData = hasData || strings.HasPrefix(a, "-data")
	}
	if !hasData {
		dir := t.TempDir()
		args = append([]string{"-data", filepath.Join(dir, "spotter.db")}, args...)
	}
	if err = m.ParseFlags(args); err == nil {
		err = m.Run(context.Background())
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return out.String(), errOut.String(), err
}

// TestConsoleTranscripts replays each testdata/console/*.txtar: its comment
// holds the flags (one per line), the "input" file the lines typed ("# wait
// 20s" lets 20 s pass on the fake clock), the "output" file what the
// console must print. -update rewrites "output".
func TestConsoleTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/console/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var args []string
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
					args = append(args, line)
				}
			}
			var input []byte
			outIdx := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "input":
					input = f.Data
				case "output":
					outIdx = i
				}
			}
			got, stderr, err := runTranscript(t, args, string(input))
			if err != nil {
				t.Fatalf("run: %v\nstderr: %s", err, stderr)
			}
			if *update {
				if outIdx < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "output"})
					outIdx = len(ar.Files) - 1
				}
				ar.Files[outIdx].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if outIdx < 0 {
				t.Fatal("no output section; run with -update")
			}
			if want := string(ar.Files[outIdx].Data); got != want {
				t.Errorf("console output differs from %s (run go test -update . to accept):\n--- got\n%s\n--- want\n%s", file, got, want)
			}
		})
	}
}
