package store

import (
	"bytes"
	"github.com/spotter-coach/spotter/record"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

func set(user string, at time.Time, load float64, reps int, entry string) record.Set {
	return record.Set{Platform: "telegram", UserID: user, ChatID: "g",
		Lift: coach.Lift{At: at, Exercise: "bench press", Load: load, Unit: coach.KG, Reps: reps, Entry: entry, Kind: coach.KindWork}}
}

func TestSettingsMissingIsNotFound(t *testing.T) {
	db, _ := openTemp(t)
	if _, ok, err := db.Settings("telegram", "1"); ok || err != nil {
		t.Fatalf("settings of a stranger: ok %v err %v", ok, err)
	}
	want := record.Settings{Unit: coach.LB, UnitSet: true, TZ: "Europe/Berlin", Fiber: coach.FiberFast, FiberSet: true}
	if err := db.PutSettings("telegram", "1", want); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.Settings("telegram", "1")
	if !ok || err != nil || got != want {
		t.Errorf("got %+v %v %v", got, ok, err)
	}
	if _, ok, _ := db.Settings("discord", "1"); ok {
		t.Error("settings leak across platforms")
	}
}

func TestUndoRemovesTheLastEntryOnly(t *testing.T) {
	db, _ := openTemp(t)
	t0 := time.Unix(1_800_000_000, 0)
	sets := []record.Set{set("1", t0, 100, 5, "a"), set("1", t0.Add(time.Minute), 80, 10, "b"), set("1", t0.Add(time.Minute), 70, 8, "b"), set("2", t0.Add(time.Hour), 60, 5, "c")}
	if err := db.Apply(record.Change{Sets: sets}); err != nil {
		t.Fatal(err)
	}
	removed, err := db.Undo("telegram", "1")
	if err != nil || len(removed) != 2 || removed[0].Entry != "b" {
		t.Fatalf("undo removed %+v, %v", removed, err)
	}
	left, _ := db.Sets("telegram", "1")
	if len(left) != 1 || left[0].Entry != "a" {
		t.Errorf("left %+v", left)
	}
	if other, _ := db.Sets("telegram", "2"); len(other) != 1 {
		t.Errorf("undo touched another lifter: %+v", other)
	}
	db.Undo("telegram", "1")
	if removed, _ := db.Undo("telegram", "1"); len(removed) != 0 {
		t.Errorf("undo of nothing removed %+v", removed)
	}
}

func TestImportTwiceAddsNothing(t *testing.T) {
	db, _ := openTemp(t)
	t0 := time.Unix(1_800_000_000, 0)
	sets := []record.Set{set("1", t0, 100, 5, "i"), set("1", t0, 100, 5, "i")}
	keys := [][]byte{[]byte("k1"), []byte("k2")}
	if n, err := db.Import("telegram", "1", sets, keys); n != 2 || err != nil {
		t.Fatalf("first import: %d %v", n, err)
	}
	if n, err := db.Import("telegram", "1", sets, keys); n != 0 || err != nil {
		t.Fatalf("second import: %d %v", n, err)
	}
	// The same rows for another lifter are theirs to import.
	if n, _ := db.Import("telegram", "2", []record.Set{set("2", t0, 100, 5, "i")}, keys[:1]); n != 1 {
		t.Errorf("another lifter's import: %d", n)
	}
	if all, _ := db.Sets("telegram", "1"); len(all) != 2 {
		t.Errorf("%d sets", len(all))
	}
}

func TestForgetDeletesEverythingOfOneLifter(t *testing.T) {
	db, _ := openTemp(t)
	t0 := time.Unix(1_800_000_000, 0)
	ana := record.Lifter{Platform: "telegram", ChatID: "g", UserID: "1"}
	bo := record.Lifter{Platform: "telegram", ChatID: "g", UserID: "2"}
	err := db.Apply(record.Change{
		Sets:      []record.Set{set("1", t0, 100, 5, "a"), set("2", t0, 90, 5, "b")},
		Session:   &record.Session{Lifter: ana, UserName: "ana"},
		AddTimers: []record.Timer{{Due: t0, ID: "s1/1", Lifter: ana}, {Due: t0, ID: "s2/1", Lifter: bo}},
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Apply(record.Change{Session: &record.Session{Lifter: bo, UserName: "bo"}})
	db.Apply(record.Change{Session: &record.Session{Lifter: record.Lifter{Platform: "telegram", ChatID: "private", UserID: "1"}}})
	db.PutSettings("telegram", "1", record.Settings{TZ: "UTC"})
	db.Import("telegram", "1", []record.Set{set("1", t0, 1, 1, "x")}, [][]byte{[]byte("k")})
	n, err := db.Forget("telegram", "1")
	if err != nil || n != 2 {
		t.Fatalf("forget: %d %v", n, err)
	}
	if s, _ := db.Sets("telegram", "1"); len(s) != 0 {
		t.Errorf("sets left: %+v", s)
	}
	if _, ok, _ := db.Settings("telegram", "1"); ok {
		t.Error("settings left")
	}
	recs, _ := db.Sessions()
	if len(recs) != 1 || recs[0].Lifter != bo {
		t.Errorf("sessions left: %+v", recs)
	}
	timers, _ := db.Timers()
	if len(timers) != 1 || timers[0].Lifter != bo {
		t.Errorf("timers left: %+v", timers)
	}
	if s, _ := db.Sets("telegram", "2"); len(s) != 1 {
		t.Error("another lifter's sets were deleted")
	}
	// Re-importing after forgetting works again: the marks are gone too.
	if n, _ := db.Import("telegram", "1", []record.Set{set("1", t0, 1, 1, "x")}, [][]byte{[]byte("k")}); n != 1 {
		t.Errorf("import after forget added %d", n)
	}
}

func TestBackupIsAUsableCopy(t *testing.T) {
	db, _ := openTemp(t)
	db.Apply(record.Change{Sets: []record.Set{set("1", time.Unix(1_800_000_000, 0), 100, 5, "a")}})
	var buf bytes.Buffer
	if _, err := db.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	cp, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if s, _ := cp.Sets("telegram", "1"); len(s) != 1 || s[0].Load != 100 {
		t.Errorf("copy holds %+v", s)
	}
}
