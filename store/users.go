package store

import (
	"encoding/json"
	"fmt"
	"github.com/spotter-coach/spotter/record"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketUsers      = []byte("users")
	bucketImportKeys = []byte("import_keys")
	bucketByExercise = []byte("sets_by_exercise")
	bucketGyms       = []byte("gyms")
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

// PutGym sets a space's equipment; nil removes it.
func (db *DB) PutGym(platform, space string, g *record.GymRacks) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketGyms)
		if g == nil {
			return b.Delete(userKey(platform, space))
		}
		v, err := json.Marshal(g)
		if err != nil {
			return err
		}
		return b.Put(userKey(platform, space), v)
	})
	if err != nil {
		return fmt.Errorf("store: gym: %w", err)
	}
	return nil
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

// PutSettings writes a lifter's settings.
func (db *DB) PutSettings(platform, userID string, s record.Settings) error {
	v, err := json.Marshal(s)
	if err != nil {
		return err
	}
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).Put(userKey(platform, userID), v)
	})
	if err != nil {
		return fmt.Errorf("store: settings: %w", err)
	}
	return nil
}

// Forget deletes everything stored of one lifter on one platform: sets,
// settings, import marks, sessions and pending timers in every chat. It
// returns how many sets were deleted.
func (db *DB) Forget(platform, userID string) (int, error) {
	n := 0
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		uk := userKey(platform, userID)
		root := tx.Bucket(bucketSets)
		if ub := root.Bucket(uk); ub != nil {
			n = ub.Stats().KeyN
			if err := root.DeleteBucket(uk); err != nil {
				return err
			}
		}
		if xb := tx.Bucket(bucketByExercise); xb.Bucket(uk) != nil {
			if err := xb.DeleteBucket(uk); err != nil {
				return err
			}
		}
		if ib := tx.Bucket(bucketImportKeys); ib.Bucket(uk) != nil {
			if err := ib.DeleteBucket(uk); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketUsers).Delete(uk); err != nil {
			return err
		}
		sb := tx.Bucket(bucketSessions)
		var gone [][]byte
		sb.ForEach(func(k, _ []byte) error {
			if l := lifterFromKey(k); l.Platform == platform && l.UserID == userID {
				gone = append(gone, append([]byte(nil), k...))
			}
			return nil
		})
		for _, k := range gone {
			if err := sb.Delete(k); err != nil {
				return err
			}
		}
		tb := tx.Bucket(bucketTimers)
		gone = gone[:0]
		tb.ForEach(func(k, v []byte) error {
			if t, err := decodeTimer(v); err == nil && t.Lifter.Platform == platform && t.Lifter.UserID == userID {
				gone = append(gone, append([]byte(nil), k...))
			}
			return nil
		})
		for _, k := range gone {
			if err := tb.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: forget: %w", err)
	}
	return n, nil
}
