package store

import (
	"encoding/binary"
	"encoding/json"
	"github.com/spotter-coach/spotter/record"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/coach"
)

func TestSetCodecRoundTrip(t *testing.T) {
	s := record.Set{Platform: "discord", UserID: "1234", ChatID: "c",
		Lift: coach.Lift{At: time.Unix(1_800_000_000, 123), Exercise: "bench press", Load: 67.5, Unit: coach.LB, Reps: 8, RPE: 8.5,
			Technique: "drop", Session: "s1", Entry: "s1/2", Kind: coach.KindDrop}}
	got, err := decodeSet(encodeSet(&s))
	if err != nil {
		t.Fatal(err)
	}
	if !got.At.Equal(s.At) {
		t.Fatalf("time %v != %v", got.At, s.At)
	}
	got.At = s.At
	if !reflect.DeepEqual(got, s) {
		t.Errorf("got %+v\nwant %+v", got, s)
	}
}

func FuzzDecodeSet(f *testing.F) {
	s := record.Set{Lift: coach.Lift{Exercise: "squat", Load: 100, Reps: 5}}
	f.Add(encodeSet(&s))
	f.Add([]byte(`{"Exercise":"x"}`))
	f.Add([]byte{1, 2, 3})
	f.Fuzz(func(t *testing.T, v []byte) {
		decodeSet(v) // must not panic
	})
}

// A schema-3 file kept its sets as JSON without the exercise index; the
// migration re-encodes them and builds the index.
func TestMigrateSchema3Sets(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	old := record.Set{Platform: "telegram", UserID: "9", Lift: coach.Lift{At: time.Unix(1_700_000_000, 0), Exercise: "back squat", Load: 140, Unit: coach.KG, Reps: 5, Kind: "work"}}
	err = b.Update(func(tx *bolt.Tx) error {
		m, _ := tx.CreateBucket(bucketMeta)
		var v [8]byte
		binary.BigEndian.PutUint64(v[:], 3)
		m.Put(keySchema, v[:])
		for _, name := range [][]byte{bucketSessions, bucketTimers, bucketSeen, bucketSeenSeq, bucketUsers, bucketImportKeys} {
			tx.CreateBucket(name)
		}
		sets, _ := tx.CreateBucket(bucketSets)
		ub, _ := sets.CreateBucket(userKey("telegram", "9"))
		raw, _ := json.Marshal(old)
		return ub.Put(setKey(old.At, 1), raw)
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.SetsOf("telegram", "9", "back squat")
	if err != nil || len(got) != 1 || got[0].Load != 140 || !got[0].At.Equal(old.At) {
		t.Fatalf("after migration: %+v %v", got, err)
	}
	if all, _ := db.Sets("telegram", "9"); len(all) != 1 || all[0].Reps != 5 {
		t.Errorf("history after migration: %+v", all)
	}
}

// A set's note is kept, and a record written before notes existed reads
// as a set without one.
func TestSetNoteRoundTrip(t *testing.T) {
	s := record.Set{Platform: "telegram", UserID: "1", Lift: coach.Lift{At: time.Unix(1700000000, 0), Exercise: "bench press",
		Load: 100, Unit: coach.KG, Reps: 5, Note: "felt heavy, paused reps"}}
	got, err := decodeSet(encodeSet(&s))
	if err != nil || got.Note != s.Note || got.Reps != 5 || got.Exercise != "bench press" {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	s.Note = ""
	old := encodeSet(&s)
	if got, err := decodeSet(old); err != nil || got.Note != "" {
		t.Fatalf("without a note: %+v, %v", got, err)
	}
	if _, err := decodeSet(append(old, 9, 'x')); err == nil {
		t.Error("a note shorter than its length was read")
	}
}
