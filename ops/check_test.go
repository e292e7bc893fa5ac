package ops

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/store"
)

// damagedCopy writes a copy of the data file at path with its first
// header page zeroed.
func damagedCopy(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	clear(raw[:os.Getpagesize()])
	out := filepath.Join(t.TempDir(), "damaged.db")
	if err := os.WriteFile(out, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCheckCommand(t *testing.T) {
	db, path := openStore(t)
	db.Close()
	var stdout, stderr bytes.Buffer
	if err := CheckCommand(context.Background(), []string{path}, &stdout, &stderr); err != nil {
		t.Fatalf("check of a sound file: %v", err)
	}
	want := fmt.Sprintf("ok: 0 sets, 1 lifter, 0 timers, schema v%d\n", store.SchemaVersion)
	if stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}

	bad := damagedCopy(t, path)
	before, _ := os.ReadFile(bad)
	stdout.Reset()
	err := CheckCommand(context.Background(), []string{bad}, &stdout, &stderr)
	if err == nil || !strings.HasPrefix(err.Error(), bad+" is damaged: header page 0") || stdout.Len() != 0 {
		t.Errorf("check of a damaged file: %v, stdout %q", err, stdout.String())
	}
	if after, _ := os.ReadFile(bad); !bytes.Equal(before, after) {
		t.Error("check changed the damaged file")
	}

	if err := CheckCommand(context.Background(), nil, &stdout, &stderr); err == nil || !strings.Contains(stderr.String(), "Usage: spotter check FILE") {
		t.Errorf("no file: %v, stderr %q", err, stderr.String())
	}
	if err := CheckCommand(context.Background(), []string{filepath.Join(t.TempDir(), "none.db")}, &stdout, &stderr); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	held, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if err := CheckCommand(context.Background(), []string{path}, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "in use by a running Spotter") {
		t.Errorf("held file: %v", err)
	}
}

// TestBackupRefusesDamage: a damaged data file is not copied, and a copy
// the running bot sends that fails the check replaces nothing.
func TestBackupRefusesDamage(t *testing.T) {
	db, path := openStore(t)
	db.Close()
	bad := damagedCopy(t, path)
	out := filepath.Join(t.TempDir(), "copy.db")
	var stdout, stderr bytes.Buffer
	cmd := BackupCommand{DefaultData: bad, Load: noConfig(t)}
	err := cmd.Run(context.Background(), []string{out}, &stdout, &stderr)
	var damaged *store.DamagedError
	if !errors.As(err, &damaged) {
		t.Errorf("backup of a damaged file: %v, want a *store.DamagedError", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup of a damaged file wrote %s: %v", out, err)
	}

	// A running bot (holding the file) whose endpoint sends damage.
	held, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	damagedBytes, _ := os.ReadFile(bad)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(damagedBytes) })}
	go srv.Serve(ln)
	defer srv.Close()
	if err := os.WriteFile(out, []byte("yesterday's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd = BackupCommand{DefaultData: path, Load: func(string) (BackupTarget, error) {
		return BackupTarget{Data: path, Listen: ln.Addr().String()}, nil
	}}
	err = cmd.Run(context.Background(), []string{"-config", "spotter.toml", out}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "the copy is damaged (header page 0") {
		t.Errorf("backup of a damaged copy: %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "yesterday's backup" {
		t.Errorf("the older backup was replaced: %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
