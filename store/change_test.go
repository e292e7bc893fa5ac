package store

import (
	"encoding/binary"
	"fmt"
	"github.com/spotter-coach/spotter/record"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/coach"
)

func openTemp(t *testing.T) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spotter.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func TestApplyStoresEverythingTogetherAndSurvivesReopen(t *testing.T) {
	db, path := openTemp(t)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	ana := record.Lifter{Platform: "telegram", ChatID: "-100", UserID: "42"}
	s := &coach.Session{ID: "s1", Technique: coach.RestPause, Exercise: "back squat",
		Steps: []coach.Step{{Label: "Set", Load: 100, Rest: 15 * time.Second}, {Label: "Mini-set 1", Load: 100}}, Current: 1}
	timer := record.Timer{Due: now.Add(15 * time.Second), ID: "s1/1", Lifter: ana, UserName: "ana", Text: "mini-set 1", Created: now}
	err := db.Apply(record.Change{
		SeenPlatform: "telegram", SeenID: "1001",
		Session: &record.Session{Lifter: ana, UserName: "ana", Group: true, Active: s, StartedAt: now, UpdatedAt: now},
		Sets: []record.Set{{Platform: "telegram", UserID: "42", ChatID: "-100",
			Lift: coach.Lift{At: now, Exercise: "back squat", Load: 100, Unit: coach.KG, Reps: 8, Technique: "rest_pause", Session: "s1", Kind: "failure"}}},
		AddTimers: []record.Timer{timer},
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	recs, err := db.Sessions()
	if err != nil || len(recs) != 1 {
		t.Fatalf("sessions: %v %v", recs, err)
	}
	if r := recs[0]; r.Lifter != ana || r.Active == nil || r.Active.Current != 1 || r.Active.Steps[0].Rest != 15*time.Second || !r.Group {
		t.Errorf("session read back: %+v", r)
	}
	timers, _ := db.Timers()
	if len(timers) != 1 || !timers[0].Due.Equal(timer.Due) || timers[0].Lifter != ana {
		t.Errorf("timers: %+v", timers)
	}
	sets, _ := db.Sets("telegram", "42")
	if len(sets) != 1 || sets[0].Reps != 8 || sets[0].Load != 100 {
		t.Errorf("sets: %+v", sets)
	}
	if seen, _ := db.Seen("telegram", "1001"); !seen {
		t.Error("message id forgotten")
	}
	if seen, _ := db.Seen("discord", "1001"); seen {
		t.Error("ids are per platform")
	}
	if err := db.Apply(record.Change{RemoveTimers: []record.TimerRef{timers[0].Ref()}}); err != nil {
		t.Fatal(err)
	}
	if timers, _ := db.Timers(); len(timers) != 0 {
		t.Errorf("timer not deleted: %+v", timers)
	}
	if err := db.Apply(record.Change{DeleteSession: &ana}); err != nil {
		t.Fatal(err)
	}
	if recs, _ := db.Sessions(); len(recs) != 0 {
		t.Errorf("session not deleted")
	}
}

func TestTimersComeBackInDueOrder(t *testing.T) {
	db, _ := openTemp(t)
	base := time.Unix(1_700_000_000, 0)
	var add []record.Timer
	for _, off := range []int{30, 5, 90, 15} {
		add = append(add, record.Timer{Due: base.Add(time.Duration(off) * time.Second), ID: fmt.Sprint("t", off)})
	}
	if err := db.Apply(record.Change{AddTimers: add}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Timers()
	for i := 1; i < len(got); i++ {
		if got[i].Due.Before(got[i-1].Due) {
			t.Fatalf("out of order: %v then %v", got[i-1].Due, got[i].Due)
		}
	}
}

func TestSeenWindowIsBounded(t *testing.T) {
	db, _ := openTemp(t)
	n := SeenWindow + 10
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		for i := range n {
			if err := putSeen(tx, "p", fmt.Sprint(i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen, _ := db.Seen("p", "0"); seen {
		t.Error("the oldest id is still remembered beyond the window")
	}
	if seen, _ := db.Seen("p", fmt.Sprint(n-1)); !seen {
		t.Error("the newest id was forgotten")
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if k := tx.Bucket(bucketSeen).Stats().KeyN; k != SeenWindow {
			t.Errorf("%d ids kept, want %d", k, SeenWindow)
		}
		return nil
	})
}

// A file written by the first version (schema 1: only the meta bucket) is
// upgraded in place.
func TestMigrateFromSchema1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	b.Update(func(tx *bolt.Tx) error {
		m, _ := tx.CreateBucket(bucketMeta)
		var v [8]byte
		binary.BigEndian.PutUint64(v[:], 1)
		return m.Put(keySchema, v[:])
	})
	b.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.Schema(); v != SchemaVersion {
		t.Errorf("schema %d after migration", v)
	}
	if err := db.Apply(record.Change{AddTimers: []record.Timer{{Due: time.Now(), ID: "x"}}}); err != nil {
		t.Errorf("a migrated file cannot take timers: %v", err)
	}
}
