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
