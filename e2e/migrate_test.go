package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/internal/pgtest"
	"github.com/spotter-coach/spotter/store"
)

// TestMigrateBothWays: a console lifter's data file is copied into
// PostgreSQL with `spotter migrate -data FILE -to URL`, twice (the second
// run adds nothing), then back into a new data file with `-from URL`; the
// console on the new file shows the same history. The password of the
// URL is never printed.
func TestMigrateBothWays(t *testing.T) {
	url := pgtest.Start(t)
	bin := buildSpotter(t)
	dir := t.TempDir()
	data := filepath.Join(dir, "spotter.db")
	p := startConsole(t, bin, "-data", data, "-user", "ana")
	for _, l := range [][2]string{{"log bench 100x5x3", "Logged"}, {"log squat 140x3 yesterday", "Logged"}, {"settings units lb", "Saved"}} {
		p.say(t, l[0])
		p.expect(t, l[1])
	}
	p.stdin.Close()
	p.cmd.Wait()

	migrate := func(args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, append([]string{"migrate"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("spotter migrate %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if pw := password(url); pw != "" && strings.Contains(string(out), pw) {
			t.Errorf("the database password is in the output:\n%s", out)
		}
		return string(out)
	}
	first := migrate("-data", data, "-to", url)
	second := migrate("-data", data, "-to", url)
	if first != second || !strings.Contains(first, "4 sets") {
		t.Errorf("migrate twice:\n%s\n%s\nwant the same counts, with the 4 sets", first, second)
	}
	back := filepath.Join(dir, "back.db")
	migrate("-from", url, "-data", back)

	for _, path := range []string{data, back} {
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sets, err := db.Sets("console", "ana")
		db.Close()
		if err != nil || len(sets) != 4 {
			t.Fatalf("%s: %d sets, %v; want 4", path, len(sets), err)
		}
	}
	q := startConsole(t, bin, "-data", back, "-user", "ana")
	q.say(t, "history")
	q.expect(t, "Recent training")
	q.expect(t, "back squat 140 kg 1×3")
	q.stdin.Close()
	q.cmd.Wait()
}

// password is the password in a postgres:// URL.
func password(url string) string {
	at := strings.LastIndex(url, "@")
	colon := strings.LastIndex(url[:max(at, 0)], ":")
	if at < 0 || colon < 0 || colon < strings.Index(url, "//") {
		return ""
	}
	return url[colon+1 : at]
}
