package store

import (
	"encoding/binary"
	"fmt"
	"github.com/spotter-coach/spotter/record"
	"io"
	"os"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketSets       = []byte("sets")
	bucketByExercise = []byte("sets_by_exercise")
)

// putSets appends sets to their lifters' histories. A set's key is its
// time, then a sequence number, so that a cursor walks a history in order.
func putSets(tx *bolt.Tx, sets []record.Set) error {
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
		v, k := encodeSet(s), setKey(s.At, seq)
		if err := ub.Put(k, v); err != nil {
			return err
		}
		xb, err := exerciseBucket(tx, s.Platform, s.UserID, s.Exercise, true)
		if err != nil {
			return err
		}
		if err := xb.Put(k, v); err != nil {
			return err
		}
	}
	return nil
}

// exerciseBucket is the index of one lifter's sets of one exercise: the
// same keys and values as the lifter's history, for that exercise only.
func exerciseBucket(tx *bolt.Tx, platform, userID, exercise string, create bool) (*bolt.Bucket, error) {
	root := tx.Bucket(bucketByExercise)
	uk := userKey(platform, userID)
	ub := root.Bucket(uk)
	if ub == nil {
		if !create {
			return nil, nil
		}
		var err error
		if ub, err = root.CreateBucket(uk); err != nil {
			return nil, err
		}
	}
	ek := []byte(strings.ToLower(strings.TrimSpace(exercise)))
	if len(ek) == 0 {
		ek = []byte{0}
	}
	if !create {
		return ub.Bucket(ek), nil
	}
	return ub.CreateBucketIfNotExists(ek)
}

// SetsOf returns a lifter's sets of one exercise, oldest first.
func (db *DB) SetsOf(platform, userID, exercise string) ([]record.Set, error) {
	var out []record.Set
	err := db.bolt.View(func(tx *bolt.Tx) error {
		xb, err := exerciseBucket(tx, platform, userID, exercise, false)
		if err != nil || xb == nil {
			return err
		}
		out = make([]record.Set, 0, xb.Stats().KeyN)
		c := xb.Cursor()
		out, err = appendSets(out, c, c.First)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: sets: %w", err)
	}
	return out, nil
}

func setKey(at time.Time, seq uint64) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k[:8], uint64(at.UnixNano()))
	binary.BigEndian.PutUint64(k[8:], seq)
	return k
}

// Sets returns a lifter's whole history, oldest first.
func (db *DB) Sets(platform, userID string) ([]record.Set, error) {
	return db.SetsSince(platform, userID, time.Time{})
}

// SetsSince returns a lifter's sets at or after since, oldest first.
func (db *DB) SetsSince(platform, userID string, since time.Time) ([]record.Set, error) {
	var out []record.Set
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketSets).Bucket(userKey(platform, userID))
		if ub == nil {
			return nil
		}
		c := ub.Cursor()
		first := c.First
		if !since.IsZero() {
			first = func() ([]byte, []byte) { return c.Seek(setKey(since, 0)) }
		}
		var err error
		out, err = appendSets(out, c, first)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: sets: %w", err)
	}
	return out, nil
}

// LastSets returns up to n of a lifter's most recent sets, newest first,
// keeping only those keep accepts (nil keeps all).
func (db *DB) LastSets(platform, userID string, n int, keep func(*record.Set) bool) ([]record.Set, error) {
	var out []record.Set
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketSets).Bucket(userKey(platform, userID))
		if ub == nil {
			return nil
		}
		c := ub.Cursor()
		for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
			s, err := decodeSet(v)
			if err != nil {
				return fmt.Errorf("set %x: %w", k, err)
			}
			if keep == nil || keep(&s) {
				out = append(out, s)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: sets: %w", err)
	}
	return out, nil
}

// LastEntry returns the sets of the user's last entry, newest first: the
// newest set and the sets before it written with the same Entry (a set
// without an entry stands alone). It is what undo removes.
func (db *DB) LastEntry(platform, userID string) ([]record.Set, error) {
	var out []record.Set
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketSets).Bucket(userKey(platform, userID))
		if ub == nil {
			return nil
		}
		var err error
		_, out, err = entryRun(ub, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: last entry: %w", err)
	}
	return out, nil
}

// CountSets is how many sets the user's history holds.
func (db *DB) CountSets(platform, userID string) (int, error) {
	n := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if ub := tx.Bucket(bucketSets).Bucket(userKey(platform, userID)); ub != nil {
			n = ub.Stats().KeyN
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: count sets: %w", err)
	}
	return n, nil
}

// entryRun walks a user's history from its newest set back while the
// sets belong to one entry: entry when given, the newest set's otherwise.
// A set without an entry stands alone. It returns the sets' keys (copied)
// and the sets, newest first.
func entryRun(ub *bolt.Bucket, entry *string) ([][]byte, []record.Set, error) {
	var keys [][]byte
	var sets []record.Set
	want := ""
	if entry != nil {
		want = *entry
	}
	c := ub.Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		s, err := decodeSet(v)
		if err != nil {
			return nil, nil, fmt.Errorf("set %x: %w", k, err)
		}
		if len(sets) == 0 && entry == nil {
			want = s.Entry
		}
		if s.Entry != want || len(sets) > 0 && want == "" {
			break
		}
		keys = append(keys, append([]byte(nil), k...))
		sets = append(sets, s)
	}
	return keys, sets, nil
}

// undoEntry removes the user's last entry, if it is entry (any when nil),
// and returns what it removed, newest first.
func undoEntry(tx *bolt.Tx, platform, userID string, entry *string) ([]record.Set, error) {
	ub := tx.Bucket(bucketSets).Bucket(userKey(platform, userID))
	if ub == nil {
		return nil, nil
	}
	keys, removed, err := entryRun(ub, entry)
	if err != nil {
		return nil, err
	}
	for i, k := range keys {
		if err := ub.Delete(k); err != nil {
			return nil, err
		}
		xb, err := exerciseBucket(tx, platform, userID, removed[i].Exercise, false)
		if err != nil {
			return nil, err
		}
		if xb != nil {
			if err := xb.Delete(k); err != nil {
				return nil, err
			}
		}
	}
	return removed, nil
}

// Backup writes a consistent copy of the whole data file to w while the
// bot runs (a bbolt hot backup in one read transaction).
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// BackupFile writes a consistent copy of the data file to path (created
// with mode 0600, replaced atomically) while the bot runs.
func (db *DB) BackupFile(path string) (int64, error) {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	n, err := db.Backup(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// appendSets decodes the sets from first onwards to the cursor's end.
func appendSets(out []record.Set, c *bolt.Cursor, first func() ([]byte, []byte)) ([]record.Set, error) {
	for k, v := first(); k != nil; k, v = c.Next() {
		s, err := decodeSet(v)
		if err != nil {
			return out, fmt.Errorf("set %x: %w", k, err)
		}
		out = append(out, s)
	}
	return out, nil
}
