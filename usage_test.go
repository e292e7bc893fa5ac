package main

import (
	"errors"
	"flag"
	"strings"
	"testing"
)

// spotter -h lists the subcommands main dispatches before reading flags,
// which the flag package alone would never show, and then the flags.
func TestHelpListsTheSubcommands(t *testing.T) {
	stdout, stderr, err := runMain(t, []string{"-h"}, "")
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("spotter -h: %v", err)
	}
	if stdout != "" {
		t.Errorf("spotter -h printed on stdout: %q", stdout)
	}
	for _, want := range []string{
		"spotter [-config FILE] [-data FILE] [-user NAME] [-json]",
		"spotter bench [-quick] [-json] [-check]",
		"spotter backup [-config FILE] [-data FILE] OUT",
		"spotter check FILE",
		"-config file", "-data file", "-user name", "-json",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("spotter -h lacks %q:\n%s", want, stderr)
		}
	}
	if i, j := strings.Index(stderr, "spotter check"), strings.Index(stderr, "-config file"); i < 0 || j < i {
		t.Errorf("the subcommands do not come before the flags:\n%s", stderr)
	}
}
