package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/spotter-coach/spotter/record"
	"slices"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketSessions = []byte("sessions")
	bucketTimers   = []byte("timers")
	bucketSets     = []byte("sets")
	bucketSeen     = []byte("seen")
	bucketSeenSeq  = []byte("seen_seq")
	keySeenNext    = []byte("seen_next")
)

// SeenWindow is how many platform message ids the store remembers to
// drop redelivered messages.
const SeenWindow = 50_000

// Apply writes a change in one transaction.
func (db *DB) Apply(ch record.Change) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if ch.SeenID != "" {
			if err := putSeen(tx, ch.SeenPlatform, ch.SeenID); err != nil {
				return err
			}
		}
		sb := tx.Bucket(bucketSessions)
		if ch.DeleteSession != nil {
			if err := sb.Delete(lifterKey(*ch.DeleteSession)); err != nil {
				return err
			}
		}
		if ch.Session != nil {
			v, err := json.Marshal(ch.Session)
			if err != nil {
				return err
			}
			if err := sb.Put(lifterKey(ch.Session.Lifter), v); err != nil {
				return err
			}
		}
		if err := putSets(tx, ch.Sets); err != nil {
			return err
		}
		tb := tx.Bucket(bucketTimers)
		for _, k := range ch.DeleteTimers {
			if err := tb.Delete(k); err != nil {
				return err
			}
		}
		for i := range ch.AddTimers {
			if err := tb.Put(ch.AddTimers[i].Key(), encodeTimer(&ch.AddTimers[i])); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: apply: %w", err)
	}
	return nil
}

func putSeen(tx *bolt.Tx, platform, id string) error {
	seen, order, meta := tx.Bucket(bucketSeen), tx.Bucket(bucketSeenSeq), tx.Bucket(bucketMeta)
	key := []byte(platform + "\x00" + id)
	if seen.Get(key) != nil {
		return nil
	}
	var next uint64
	if raw := meta.Get(keySeenNext); len(raw) == 8 {
		next = binary.BigEndian.Uint64(raw)
	}
	var seq [8]byte
	binary.BigEndian.PutUint64(seq[:], next)
	if err := seen.Put(key, seq[:]); err != nil {
		return err
	}
	if err := order.Put(seq[:], key); err != nil {
		return err
	}
	next++
	var nb [8]byte
	binary.BigEndian.PutUint64(nb[:], next)
	if err := meta.Put(keySeenNext, nb[:]); err != nil {
		return err
	}
	// Forget the oldest ids beyond the window.
	c := order.Cursor()
	for k, v := c.First(); k != nil && next-binary.BigEndian.Uint64(k) > SeenWindow; k, v = c.Next() {
		if err := seen.Delete(v); err != nil {
			return err
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// Seen reports whether a platform message id was processed before.
func (db *DB) Seen(platform, id string) (bool, error) {
	var ok bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketSeen).Get([]byte(platform+"\x00"+id)) != nil
		return nil
	})
	return ok, err
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

// DeleteTimers removes timers whose pings were delivered, in one
// transaction. It sorts keys.
func (db *DB) DeleteTimers(keys ...[]byte) error {
	// In key order one cursor walks forward through neighbouring pages.
	slices.SortFunc(keys, bytes.Compare)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketTimers).Cursor()
		for _, k := range keys {
			if found, _ := c.Seek(k); bytes.Equal(found, k) {
				if err := c.Delete(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: delete timers: %w", err)
	}
	return nil
}
