package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

var bucketTimers = []byte("timers")

// timerKey is the due time, then the ID, so that a cursor walks timers in
// due order.
func timerKey(due time.Time, id string) []byte {
	k := make([]byte, 8, 8+len(id))
	binary.BigEndian.PutUint64(k, uint64(due.UnixNano()))
	return append(k, id...)
}

func addTimers(tx *bolt.Tx, timers []record.Timer) error {
	if len(timers) == 0 {
		return nil
	}
	tb := tx.Bucket(bucketTimers)
	for i := range timers {
		t := &timers[i]
		if err := tb.Put(timerKey(t.Due, t.ID), encodeTimer(t)); err != nil {
			return err
		}
	}
	return nil
}

func removeTimers(tx *bolt.Tx, refs []record.TimerRef) error {
	if len(refs) == 0 {
		return nil
	}
	keys := make([][]byte, len(refs))
	for i, r := range refs {
		keys[i] = timerKey(r.Due, r.ID)
	}
	return deleteTimerKeys(tx, keys)
}

// deleteTimerKeys deletes timers by key, skipping keys already gone. It
// sorts keys: in key order one cursor walks forward through neighbouring
// pages, which keeps marking a burst of delivered pings cheap.
func deleteTimerKeys(tx *bolt.Tx, keys [][]byte) error {
	if len(keys) == 0 {
		return nil
	}
	slices.SortFunc(keys, bytes.Compare)
	c := tx.Bucket(bucketTimers).Cursor()
	for _, k := range keys {
		if found, _ := c.Seek(k); bytes.Equal(found, k) {
			if err := c.Delete(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Timers loads every pending timer, in due order.
func (db *DB) Timers() ([]record.Timer, error) {
	var out []record.Timer
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTimers)
		out = make([]record.Timer, 0, b.Stats().KeyN)
		return b.ForEach(func(k, v []byte) error {
			t, err := decodeTimer(v)
			if err != nil {
				return fmt.Errorf("timer %x: %w", k, err)
			}
			out = append(out, t)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: timers: %w", err)
	}
	return out, nil
}
