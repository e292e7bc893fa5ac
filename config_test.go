package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWithBadConfigFailsBeforeChatting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(path, []byte("[drop]\npercent = 0\n"), 0o600)
	out, _, err := runMain(t, []string{"-config", path}, "drop 80kg bench\n")
	if err == nil || !strings.Contains(err.Error(), "bad.toml:2: drop.percent") {
		t.Fatalf("err = %v", err)
	}
	if out != "" {
		t.Errorf("printed %q with a bad config", out)
	}
}

func TestMainFlagsAndDataFile(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sub", "lifts.db")
	out, _, err := runMain(t, []string{"-data", data, "-user", "ana"}, "rp 100kg squat\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Rest-pause: back squat") {
		t.Errorf("output: %s", out)
	}
	fi, err := os.Stat(data)
	if err != nil {
		t.Fatalf("the bbolt file was not created: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("data file mode %o", fi.Mode().Perm())
	}
	if _, _, err := runMain(t, []string{"-nope"}, ""); err == nil {
		t.Error("an unknown flag was accepted")
	}
}
