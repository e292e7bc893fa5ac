package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

var bucketSessions = []byte("sessions")

// putSession removes the session record of del, then writes s.
func putSession(tx *bolt.Tx, s *record.Session, del *record.Lifter) error {
	sb := tx.Bucket(bucketSessions)
	if del != nil {
		if err := sb.Delete(lifterKey(*del)); err != nil {
			return err
		}
	}
	if s == nil {
		return nil
	}
	v, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return sb.Put(lifterKey(s.Lifter), v)
}

// Sessions loads every lifter's session record.
func (db *DB) Sessions() ([]record.Session, error) {
	var out []record.Session
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSessions).ForEach(func(k, v []byte) error {
			var r record.Session
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("session %q: %w", k, err)
			}
			r.Lifter = lifterFromKey(k)
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	return out, nil
}
