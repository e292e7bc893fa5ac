package store

import (
	"encoding/json"
	"fmt"
	"github.com/spotter-coach/spotter/record"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketUsers = []byte("users")
	bucketGyms  = []byte("gyms")
)

// Gym reads the equipment set for a space (a Discord server, a chat);
// ok is false when none was set.
func (db *DB) Gym(platform, space string) (g record.GymRacks, ok bool, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketGyms).Get(userKey(platform, space))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &g)
	})
	if err != nil {
		return record.GymRacks{}, false, fmt.Errorf("store: gym: %w", err)
	}
	return g, ok, nil
}

// putGym sets a space's equipment; nil removes it.
func putGym(tx *bolt.Tx, platform, space string, g *record.GymRacks) error {
	b := tx.Bucket(bucketGyms)
	if g == nil {
		return b.Delete(userKey(platform, space))
	}
	v, err := json.Marshal(g)
	if err != nil {
		return err
	}
	return b.Put(userKey(platform, space), v)
}

// Settings reads a lifter's settings; ok is false when they never set any.
func (db *DB) Settings(platform, userID string) (s record.Settings, ok bool, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketUsers).Get(userKey(platform, userID))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &s)
	})
	if err != nil {
		return record.Settings{}, false, fmt.Errorf("store: settings: %w", err)
	}
	return s, ok, nil
}

func putSettings(tx *bolt.Tx, platform, userID string, s record.Settings) error {
	v, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketUsers).Put(userKey(platform, userID), v)
}

// forget deletes everything stored of a user on one platform (sets,
// settings, import marks, sessions and pending timers in every chat) and
// returns how many sets it deleted.
func forget(tx *bolt.Tx, platform, userID string) (int, error) {
	n := 0
	uk := userKey(platform, userID)
	root := tx.Bucket(bucketSets)
	if ub := root.Bucket(uk); ub != nil {
		n = ub.Stats().KeyN
		if err := root.DeleteBucket(uk); err != nil {
			return 0, err
		}
	}
	if xb := tx.Bucket(bucketByExercise); xb.Bucket(uk) != nil {
		if err := xb.DeleteBucket(uk); err != nil {
			return 0, err
		}
	}
	if ib := tx.Bucket(bucketImportKeys); ib.Bucket(uk) != nil {
		if err := ib.DeleteBucket(uk); err != nil {
			return 0, err
		}
	}
	if err := tx.Bucket(bucketUsers).Delete(uk); err != nil {
		return 0, err
	}
	sb := tx.Bucket(bucketSessions)
	var gone [][]byte
	err := sb.ForEach(func(k, _ []byte) error {
		if l := lifterFromKey(k); l.Platform == platform && l.UserID == userID {
			gone = append(gone, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range gone {
		if err := sb.Delete(k); err != nil {
			return 0, err
		}
	}
	tb := tx.Bucket(bucketTimers)
	gone = gone[:0]
	err = tb.ForEach(func(k, v []byte) error {
		if t, err := decodeTimer(v); err == nil && t.Lifter.Platform == platform && t.Lifter.UserID == userID {
			gone = append(gone, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, k := range gone {
		if err := tb.Delete(k); err != nil {
			return 0, err
		}
	}
	return n, nil
}
