package e2e

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// run runs the binary to its end with no input and returns its output
// and exit status.
func run(t *testing.T, bin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("spotter %v still running after 30 s", args)
	}
	return
}

// dataFile writes a data file of one lifter's sets, enough for several
// pages, and returns its path.
func dataFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "spotter.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	var sets []record.Set
	for i := range 600 {
		sets = append(sets, record.Set{Platform: "console", UserID: "ana",
			Lift: coach.Lift{At: at.Add(time.Duration(i) * time.Minute), Exercise: "bench press", Load: 100, Unit: coach.KG, Reps: 5, Kind: coach.KindWork}})
	}
	if err := db.Apply(record.Change{Sets: sets}); err != nil {
		t.Fatal(err)
	}
	return path
}

// leafPages are the leaf pages of the file in use, for damage that
// matters.
func leafPages(t *testing.T, path string) (pageSize int64, leaves []int64, size int64) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.View(func(tx *bolt.Tx) error {
		pageSize, size = int64(b.Info().PageSize), tx.Size()
		for id := 2; int64(id)*pageSize < size; id++ {
			p, err := tx.Page(id)
			if err != nil {
				return err
			}
			if p.Type == "leaf" {
				leaves = append(leaves, int64(id))
			}
			id += p.OverflowCount
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(leaves) < 3 {
		t.Fatalf("only %d leaf pages", len(leaves))
	}
	return pageSize, leaves, size
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestDamagedDataFile: the real binary on a damaged data file says in one
// line what is wrong and how to restore a backup, exits non-zero, and
// leaves every byte of the file as it was, even when two start at once;
// spotter check tells a sound file from a damaged one.
func TestDamagedDataFile(t *testing.T) {
	bin := buildSpotter(t)
	sound := dataFile(t, t.TempDir())
	raw, err := os.ReadFile(sound)
	if err != nil {
		t.Fatal(err)
	}
	ps, leaves, inUse := leafPages(t, sound)

	out, errOut, code := run(t, bin, "check", sound)
	if code != 0 || out != "ok: 600 sets, 1 lifter, 0 timers, schema v"+fmt.Sprint(store.SchemaVersion)+"\n" || errOut != "" {
		t.Errorf("spotter check of a sound file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	damages := []struct {
		name string
		do   func(b []byte) []byte
	}{
		{"truncated mid-page", func(b []byte) []byte { return b[:inUse-ps/2] }},
		{"truncated to the header pages", func(b []byte) []byte { return b[:2*ps] }},
		{"a middle page overwritten", func(b []byte) []byte {
			p := b[leaves[len(leaves)/2]*ps:][:ps]
			for i := range p {
				p[i] = byte(i*7 + 3)
			}
			return b
		}},
		{"header page 0 zeroed", func(b []byte) []byte {
			clear(b[:ps])
			return b
		}},
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spotter.db")
			if err := os.WriteFile(path, d.do(bytes.Clone(raw)), 0o600); err != nil {
				t.Fatal(err)
			}
			before := sum(t, path)

			// Two starts at once: neither writes.
			var wg sync.WaitGroup
			type result struct {
				out, errOut string
				code        int
			}
			results := make([]result, 2)
			for i := range results {
				wg.Go(func() {
					out, errOut, code := run(t, bin, "-data", path, "-user", "ana")
					results[i] = result{out, errOut, code}
				})
			}
			wg.Wait()
			for _, r := range results {
				lines := strings.Split(strings.TrimRight(r.errOut, "\n"), "\n")
				if r.code == 0 || len(lines) != 1 || r.out != "" {
					t.Fatalf("exit %d, stdout %q, stderr:\n%s", r.code, r.out, r.errOut)
				}
				line := lines[0]
				for _, want := range []string{"spotter: " + path + " is damaged (", "nothing was changed", "spotter backup", "spotter check"} {
					if !strings.Contains(line, want) {
						t.Errorf("stderr %q lacks %q", line, want)
					}
				}
				if strings.Contains(line, "goroutine") || strings.Contains(line, "panic") {
					t.Errorf("stderr %q", line)
				}
			}
			t.Log(results[0].errOut)

			out, errOut, code := run(t, bin, "check", path)
			if code != 1 || out != "" || !strings.HasPrefix(errOut, "spotter check: "+path+" is damaged: ") || strings.Count(errOut, "\n") != 1 {
				t.Errorf("spotter check: exit %d, stdout %q, stderr %q", code, out, errOut)
			}
			if sum(t, path) != before {
				t.Error("the damaged file changed")
			}
		})
	}
}
