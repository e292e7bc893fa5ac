package store

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"

	bolt "go.etcd.io/bbolt"
)

func TestTimerCodecRoundTrip(t *testing.T) {
	for _, tm := range []record.Timer{
		{Due: time.Unix(1_800_000_000, 123), ID: "s1/2", Lifter: record.Lifter{Platform: "telegram", ChatID: "-100123", UserID: "42"},
			UserName: "Ana", Group: true, Text: "mini-set 2, 100 kg, as many as you can", Created: time.Unix(1_799_999_990, 5)},
		{Due: time.Unix(0, 1), ID: "x"},
		{Due: time.Unix(1_800_000_000, 0), ID: "ünï/1", UserName: "Zoë 💪", Text: ""},
	} {
		got, err := decodeTimer(encodeTimer(&tm))
		if err != nil {
			t.Fatal(err)
		}
		if !got.Due.Equal(tm.Due) || !got.Created.Equal(tm.Created) || got.ID != tm.ID || got.Lifter != tm.Lifter ||
			got.UserName != tm.UserName || got.Group != tm.Group || got.Text != tm.Text {
			t.Errorf("round trip: %+v, want %+v", got, tm)
		}
	}
}

// Timers written as JSON by an older Spotter still load and fire.
func TestTimersFromJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	old := record.Timer{Due: time.Unix(1_800_000_000, 0), ID: "s9/1", Lifter: record.Lifter{Platform: "discord", ChatID: "c", UserID: "u"}, UserName: "Bo", Text: "GO"}
	v, _ := json.Marshal(&old)
	err = db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketTimers).Put(timerKey(old.Due, old.ID), v) })
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Apply(record.Change{AddTimers: []record.Timer{{Due: old.Due.Add(time.Second), ID: "s10/1", Text: "next"}}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.Timers()
	if err != nil || len(got) != 2 || got[0].ID != "s9/1" || got[0].UserName != "Bo" || got[0].Lifter != old.Lifter || got[1].Text != "next" {
		t.Fatalf("timers: %+v, %v", got, err)
	}
	if err := db.Apply(record.Change{RemoveTimers: []record.TimerRef{old.Ref()}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Timers(); len(got) != 1 || got[0].ID != "s10/1" {
		t.Errorf("after removing the old timer: %+v", got)
	}
	db.Close()
}

func FuzzDecodeTimer(f *testing.F) {
	tm := record.Timer{Due: time.Unix(1_800_000_000, 0), ID: "s1/1", Text: "GO"}
	f.Add(encodeTimer(&tm))
	f.Add([]byte(`{"ID":"x"}`))
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 2})
	tm.Step = &record.TimerStep{Kind: coach.StepMini, RepsLo: 3, RepsHi: 5}
	f.Add(encodeTimer(&tm))
	f.Fuzz(func(t *testing.T, v []byte) {
		got, err := decodeTimer(v) // must not panic
		if err == nil && len(v) > 0 && v[0] == timerCodecV1 {
			again, err := decodeTimer(encodeTimer(&got))
			if err != nil || again.ID != got.ID || again.Text != got.Text || !again.Due.Equal(got.Due) ||
				(again.Step == nil) != (got.Step == nil) || got.Step != nil && *again.Step != *got.Step {
				t.Fatalf("re-encoding %+v gave %+v, %v", got, again, err)
			}
		}
	})
}

// A timer's step (whence its ping's buttons) is an optional trailing
// field: a timer without one encodes as before, a record from before
// steps reads as none, and one with a step reads it back.
func TestTimerCodecStep(t *testing.T) {
	tm := record.Timer{Due: time.Unix(1_800_000_000, 0), ID: "s1/1", Lifter: record.Lifter{Platform: "telegram", ChatID: "c", UserID: "42"},
		UserName: "Ana", Text: "mini-set 1, 100 kg, as many as you can"}
	old := encodeTimer(&tm)
	got, err := decodeTimer(old)
	if err != nil || got.Step != nil || got.Text != tm.Text {
		t.Fatalf("a record without a step: %+v, %v", got, err)
	}
	tm.Step = &record.TimerStep{Kind: coach.StepMini, RepsLo: 8, RepsHi: 12}
	v := encodeTimer(&tm)
	if !bytes.HasPrefix(v, old) {
		t.Errorf("the step is not a trailing field: %x after %x", v, old)
	}
	got, err = decodeTimer(v)
	if err != nil || got.Step == nil || *got.Step != *tm.Step || got.Text != tm.Text || got.UserName != "Ana" {
		t.Fatalf("round trip with a step: %+v, %v", got, err)
	}
	for _, bad := range [][]byte{append(v[:len(v):len(v)], 0), v[:len(old)+1], append(old[:len(old):len(old)], 1, 0x80)} {
		if _, err := decodeTimer(bad); err == nil {
			t.Errorf("a damaged step field %x read without error", bad[len(old):])
		}
	}
}
