package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// putSets appends sets to their lifters' histories. A set's key is its
// time, then a sequence number, so that a cursor walks a history in order.
func putSets(tx *bolt.Tx, sets []Set) error {
	if len(sets) == 0 {
		return nil
	}
	root := tx.Bucket(bucketSets)
	for i := range sets {
		s := &sets[i]
		ub, err := root.CreateBucketIfNotExists(userKey(s.Platform, s.UserID))
		if err != nil {
			return err
		}
		seq, err := ub.NextSequence()
		if err != nil {
			return err
		}
		var k [16]byte
		binary.BigEndian.PutUint64(k[:8], uint64(s.At.UnixNano()))
		binary.BigEndian.PutUint64(k[8:], seq)
		v, err := json.Marshal(s)
		if err != nil {
			return err
		}
		if err := ub.Put(k[:], v); err != nil {
			return err
		}
	}
	return nil
}

// Sets returns a lifter's history, oldest first.
func (db *DB) Sets(platform, userID string) ([]Set, error) {
	var out []Set
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketSets).Bucket(userKey(platform, userID))
		if ub == nil {
			return nil
		}
		return ub.ForEach(func(k, v []byte) error {
			var s Set
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("set %x: %w", k, err)
			}
			out = append(out, s)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: sets: %w", err)
	}
	return out, nil
}
