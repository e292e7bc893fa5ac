package ops

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// noConfig fails the test if the command reads a configuration it was
// not given.
func noConfig(t *testing.T) func(string) (BackupTarget, error) {
	return func(path string) (BackupTarget, error) {
		t.Errorf("read configuration %s without -config", path)
		return BackupTarget{}, nil
	}
}

func TestBackupOfAStoppedBot(t *testing.T) {
	db, path := openStore(t)
	db.Close()
	out := filepath.Join(t.TempDir(), "copy.db")
	var stdout, stderr bytes.Buffer
	cmd := BackupCommand{DefaultData: filepath.Join(t.TempDir(), "none.db"), Load: noConfig(t)}
	if err := cmd.Run(context.Background(), []string{"-data", path, out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "Backed up "+path+" to "+out) {
		t.Errorf("stdout %q", stdout.String())
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("copy: %v %v", fi, err)
	}
	checkCopy(t, out)

	// With no -data, the default data file.
	out2 := filepath.Join(t.TempDir(), "copy.db")
	cmd.DefaultData = path
	if err := cmd.Run(context.Background(), []string{out2}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	checkCopy(t, out2)
}

func TestBackupOfARunningBot(t *testing.T) {
	db, path := openStore(t)
	addr := freeAddr(t)
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Healthy: db.Writable, Log: slog.New(slog.DiscardHandler)}
	stop, err := s.Start(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	out := filepath.Join(t.TempDir(), "copy.db")
	var loaded string
	cmd := BackupCommand{DefaultData: filepath.Join(t.TempDir(), "none.db"), Load: func(p string) (BackupTarget, error) {
		loaded = p
		return BackupTarget{Data: path, Listen: addr}, nil
	}}
	var stdout, stderr bytes.Buffer
	if err := cmd.Run(context.Background(), []string{"-config", "spotter.toml", out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if loaded != "spotter.toml" || !strings.Contains(stdout.String(), "running bot") {
		t.Errorf("loaded %q; stdout %q", loaded, stdout.String())
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("copy: %v %v", fi, err)
	}
	if _, err := os.Stat(out + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("left %s.tmp behind: %v", out, err)
	}
	checkCopy(t, out)

	// A running bot without an endpoint: the error says what to do.
	cmd.Load = func(string) (BackupTarget, error) { return BackupTarget{Data: path}, nil }
	err = cmd.Run(context.Background(), []string{"-config", "spotter.toml", out}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "[ops] listen") {
		t.Errorf("backup of a held file with no endpoint: %v", err)
	}
}

func TestBackupRefusals(t *testing.T) {
	dir := t.TempDir()
	cmd := BackupCommand{DefaultData: filepath.Join(dir, "spotter.db"), Load: noConfig(t)}
	var stdout, stderr bytes.Buffer
	if err := cmd.Run(context.Background(), []string{"-data", filepath.Join(dir, "none.db"), filepath.Join(dir, "out.db")}, &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "no data file") {
		t.Errorf("missing data file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a copy of nothing was written: %v", err)
	}
	stderr.Reset()
	if err := cmd.Run(context.Background(), nil, &stdout, &stderr); err == nil || !strings.Contains(stderr.String(), "Usage: spotter backup") {
		t.Errorf("no output file: %v; stderr %q", err, stderr.String())
	}
	bad := errors.New("bad.toml:1: unit: \"stone\" is not kg or lb")
	cmd.Load = func(string) (BackupTarget, error) { return BackupTarget{}, bad }
	if err := cmd.Run(context.Background(), []string{"-config", "bad.toml", "out.db"}, &stdout, &stderr); !errors.Is(err, bad) {
		t.Errorf("a bad configuration: %v", err)
	}
}

// The copy from a running bot is checked before it replaces anything.
func TestBackupFromOpsKeepsTheOldCopyOnGarbage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(out, []byte("yesterday"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	s := &Server{Metrics: NewMetrics(gauges{}, ""), Data: garbage{}, Healthy: func() error { return nil }, Log: slog.New(slog.DiscardHandler)}
	stop, err := s.Start(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	var stdout bytes.Buffer
	if err := backupFromOps(context.Background(), addr, "", out, &stdout); err == nil {
		t.Fatal("a copy that does not open was accepted")
	}
	if b, _ := os.ReadFile(out); string(b) != "yesterday" {
		t.Errorf("the old copy was replaced: %q", b)
	}
	if _, err := os.Stat(out + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("left %s.tmp behind: %v", out, err)
	}
}

// garbage is a data file that is not a bbolt file.
type garbage struct{}

func (garbage) Backup(w io.Writer) (int64, error) {
	n, err := w.Write(bytes.Repeat([]byte("not a database "), 1000))
	return int64(n), err
}

// A symbolic link planted where the backup is written, at the old
// predictable temporary name or at the output itself, is never followed:
// the file it points to keeps every byte.
func TestBackupNeverFollowsAPlantedLink(t *testing.T) {
	db, path := openStore(t)
	addr := freeAddr(t)
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Healthy: db.Writable, Log: slog.New(slog.DiscardHandler)}
	stop, err := s.Start(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	stopped, stoppedPath := openStore(t)
	stopped.Close()

	for _, running := range []bool{false, true} {
		dir := t.TempDir()
		victim := filepath.Join(t.TempDir(), "authorized_keys")
		const keep = "ssh-ed25519 AAAA... the operator's key\n"
		if err := os.WriteFile(victim, []byte(keep), 0o644); err != nil {
			t.Fatal(err)
		}
		target := BackupTarget{Data: stoppedPath}
		if running {
			target = BackupTarget{Data: path, Listen: addr}
		}
		cmd := BackupCommand{DefaultData: filepath.Join(dir, "none.db"), Load: func(string) (BackupTarget, error) { return target, nil }}
		var stdout, stderr bytes.Buffer

		// At the temporary name a backup once used: the copy is written
		// elsewhere and the link is left alone.
		out := filepath.Join(dir, "copy.db")
		if err := os.Symlink(victim, out+".tmp"); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Run(context.Background(), []string{"-config", "x.toml", out}, &stdout, &stderr); err != nil {
			t.Fatalf("running %v: %v", running, err)
		}
		checkCopy(t, out)
		if fi, err := os.Lstat(out); err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
			t.Errorf("running %v: the copy is %v (%v), want a plain file of mode 0600", running, fi.Mode(), err)
		}
		if dest, err := os.Readlink(out + ".tmp"); err != nil || dest != victim {
			t.Errorf("running %v: the planted link was changed: %q %v", running, dest, err)
		}

		// At the output itself: refused, not followed.
		out2 := filepath.Join(dir, "latest.db")
		if err := os.Symlink(victim, out2); err != nil {
			t.Fatal(err)
		}
		err := cmd.Run(context.Background(), []string{"-config", "x.toml", out2}, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("running %v: a backup onto a link: %v", running, err)
		}
		if b, _ := os.ReadFile(victim); string(b) != keep {
			t.Errorf("running %v: the file behind the link was written: %.40q", running, b)
		}
		if fi, _ := os.Stat(victim); fi.Mode().Perm() != 0o644 {
			t.Errorf("running %v: the file behind the link changed mode: %v", running, fi.Mode())
		}
		// Nothing half-written is left beside the copies.
		left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
		if len(left) != 0 {
			t.Errorf("running %v: left behind %v", running, left)
		}
	}
}
