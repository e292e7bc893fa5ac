package store

import (
	"context"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

var (
	bucketSeen    = []byte("seen")
	bucketSeenSeq = []byte("seen_seq")
	keySeenNext   = []byte("seen_next")
)

// SeenWindow is how many platform message ids the store remembers to
// drop redelivered messages.
const SeenWindow = record.SeenWindow

// Apply writes a change in one transaction: all of it, or, on an error,
// none of it. A change whose message id was applied before writes nothing
// and fails with an error wrapping record.ErrSeen.
func (db *DB) Apply(ch record.Change) error {
	return db.ApplyContext(context.Background(), ch)
}

// ApplyContext is Apply for a change that may take long to write (an
// import of many rows): when ctx is done before the change is written it
// writes nothing and fails with an error wrapping ctx's. Once the write
// is committing it lasts, whatever ctx does.
func (db *DB) ApplyContext(ctx context.Context, ch record.Change) error {
	plan := planImport(ch.Import)
	err := db.bolt.Update(func(tx *bolt.Tx) error { return apply(ctx, tx, &ch, plan) })
	if err != nil {
		return fmt.Errorf("store: apply: %w", err)
	}
	return nil
}

// apply writes ch in tx, in the order record.Change documents; plan is
// the order of ch's imported rows.
func apply(ctx context.Context, tx *bolt.Tx, ch *record.Change, plan *importPlan) error {
	if ch.SeenID != "" {
		if err := putSeen(tx, ch.SeenPlatform, ch.SeenID); err != nil {
			return err
		}
	}
	if u := ch.Undo; u != nil {
		if _, err := undoEntry(tx, u.Platform, u.UserID, &u.Entry, u.At); err != nil {
			return err
		}
	}
	if err := putSession(tx, ch.Session, ch.DeleteSession); err != nil {
		return err
	}
	if err := putRound(tx, ch.Round, ch.DeleteRound); err != nil {
		return err
	}
	if err := putSets(tx, ch.Sets); err != nil {
		return err
	}
	if err := importSets(ctx, tx, plan); err != nil {
		return err
	}
	if err := removeTimers(tx, ch.RemoveTimers); err != nil {
		return err
	}
	if err := addTimers(tx, ch.AddTimers); err != nil {
		return err
	}
	if s := ch.Settings; s != nil {
		if err := putSettings(tx, s.Platform, s.UserID, s.Settings); err != nil {
			return err
		}
	}
	if g := ch.Gym; g != nil {
		if err := putGym(tx, g.Platform, g.Space, g.Racks); err != nil {
			return err
		}
	}
	if err := putBoard(tx, ch.Board); err != nil {
		return err
	}
	if err := putLinks(tx, ch); err != nil {
		return err
	}
	if err := putOutbox(tx, ch.Outbox); err != nil {
		return err
	}
	if err := removeOutbox(tx, ch.Sent); err != nil {
		return err
	}
	if f := ch.Forget; f != nil {
		if err := forgetLinked(tx, f.Platform, f.UserID); err != nil {
			return err
		}
	}
	return nil
}

// putSeen remembers a message id, or fails with record.ErrSeen when it is
// remembered already.
func putSeen(tx *bolt.Tx, platform, id string) error {
	seen, order, meta := tx.Bucket(bucketSeen), tx.Bucket(bucketSeenSeq), tx.Bucket(bucketMeta)
	key := seenKey(platform, id)
	if seen.Get(key) != nil {
		return record.ErrSeen
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

func seenKey(platform, id string) []byte { return []byte(platform + "\x00" + id) }

// Seen reports whether a platform message id was applied before.
func (db *DB) Seen(platform, id string) (bool, error) {
	var ok bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketSeen).Get(seenKey(platform, id)) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: seen: %w", err)
	}
	return ok, nil
}
