package e2e

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/store"
)

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
