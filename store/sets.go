package store

import (
	"encoding/binary"
	"fmt"
	"github.com/spotter-coach/spotter/record"
	"io"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketSets       = []byte("sets")
	bucketByExercise = []byte("sets_by_exercise")
)

// historyFill is how full the pages of a history and of its index are
// written. Sets are added in time order, nearly always after the last
// one, so the pages behind stay as they are written: bbolt's default of
// half would leave half of every page empty.
const historyFill = 0.9

// putSets appends sets to their lifters' histories. A set's key is its
// time, then a sequence number, so that a cursor walks a history in order.
func putSets(tx *bolt.Tx, sets []record.Set) error {
	if len(sets) == 0 {
		return nil
	}
	w := newSetWriter(tx)
	for i := range sets {
		if err := w.put(&sets[i]); err != nil {
			return err
		}
	}
	return nil
}

// setWriter writes sets in one transaction, keeping the buckets it has
// opened and the encoded values in a few large blocks (bbolt keeps a
// value's bytes until the transaction ends).
type setWriter struct {
	tx        *bolt.Tx
	users     map[string]*bolt.Bucket
	exercises map[[2]string]*bolt.Bucket
	block     []byte
}

func newSetWriter(tx *bolt.Tx) *setWriter {
	return &setWriter{tx: tx, users: map[string]*bolt.Bucket{}, exercises: map[[2]string]*bolt.Bucket{}}
}

// put appends one set. Sets given in time order are written in key
// order, which costs bbolt the least.
func (w *setWriter) put(s *record.Set) error {
	uk := userKey(s.Platform, s.UserID)
	ub := w.users[string(uk)]
	if ub == nil {
		var err error
		if ub, err = w.tx.Bucket(bucketSets).CreateBucketIfNotExists(uk); err != nil {
			return err
		}
		ub.FillPercent = historyFill
		w.users[string(uk)] = ub
	}
	seq, err := ub.NextSequence()
	if err != nil {
		return err
	}
	k := setKey(s.At, seq)
	v := w.value(s)
	if err := ub.Put(k, v); err != nil {
		return err
	}
	xk := [2]string{string(uk), s.Exercise}
	xb := w.exercises[xk]
	if xb == nil {
		if xb, err = exerciseBucket(w.tx, s.Platform, s.UserID, s.Exercise, true); err != nil {
			return err
		}
		xb.FillPercent = historyFill
		w.exercises[xk] = xb
	}
	return xb.Put(k, v)
}

// value encodes s into the current block.
func (w *setWriter) value(s *record.Set) []byte {
	n := encodedSetLen(s)
	if cap(w.block)-len(w.block) < n {
		w.block = make([]byte, 0, max(64<<10, n))
	}
	start := len(w.block)
	w.block = appendSet(w.block, s)
	return w.block[start:len(w.block):len(w.block)]
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

// ExerciseNames returns the distinct exercise names of a lifter's sets,
// in lower case, in byte order: the names of the exercise index that
// still hold a set. It reads no set, so commands may call it whenever a
// name is not the catalog's.
func (db *DB) ExerciseNames(platform, userID string) ([]string, error) {
	var out []string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketByExercise).Bucket(userKey(platform, userID))
		if ub == nil {
			return nil
		}
		return ub.ForEachBucket(func(k []byte) error {
			// An undo may have emptied an exercise's index; a set without
			// an exercise name is indexed under a zero byte.
			if xb := ub.Bucket(k); xb != nil && string(k) != "\x00" {
				if first, _ := xb.Cursor().First(); first != nil {
					out = append(out, string(k))
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: exercise names: %w", err)
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

// entryAt is the run of sets of entry stamped at at, newest first: an
// entry's sets share their time, so they sit together at that key,
// perhaps beside another entry stamped at the same time.
func entryAt(ub *bolt.Bucket, entry string, at time.Time) ([][]byte, []record.Set, error) {
	var keys [][]byte
	var sets []record.Set
	c := ub.Cursor()
	for k, v := c.Seek(setKey(at, 0)); k != nil; k, v = c.Next() {
		s, err := decodeSet(v)
		if err != nil {
			return nil, nil, fmt.Errorf("set %x: %w", k, err)
		}
		if !s.At.Equal(at) {
			break
		}
		if s.Entry == entry {
			keys = append(keys, append([]byte(nil), k...))
			sets = append(sets, s)
		}
	}
	slices.Reverse(keys)
	slices.Reverse(sets)
	return keys, sets, nil
}

// Entry are the sets of the entry ref names, stamped at ref.At, newest
// first; none when it is gone.
func (db *DB) Entry(ref record.EntryRef) ([]record.Set, error) {
	var out []record.Set
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketSets).Bucket(userKey(ref.Platform, ref.UserID))
		if ub == nil {
			return nil
		}
		var err error
		_, out, err = entryAt(ub, ref.Entry, ref.At)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: entry: %w", err)
	}
	return out, nil
}

// undoEntry removes the user's last entry, if it is entry (any when nil),
// and returns what it removed, newest first. With at, it removes that
// entry where it stands in the history instead.
func undoEntry(tx *bolt.Tx, platform, userID string, entry *string, at time.Time) ([]record.Set, error) {
	ub := tx.Bucket(bucketSets).Bucket(userKey(platform, userID))
	if ub == nil {
		return nil, nil
	}
	var keys [][]byte
	var removed []record.Set
	var err error
	if entry != nil && !at.IsZero() {
		keys, removed, err = entryAt(ub, *entry, at)
	} else {
		keys, removed, err = entryRun(ub, entry)
	}
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
