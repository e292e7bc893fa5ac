// Package store keeps Spotter's lasting state in one bbolt file: every
// lifter's sessions, rest timers, sets, settings and import marks, the
// gyms of chats and servers, and the ids of recent messages. A DB is the
// bot.Store the hub writes through, and passes store/storetest.
//
// A DB is safe for concurrent use. Values read from bbolt are copied before
// their transaction ends.
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the version of the layout this code writes.
const SchemaVersion = 7

var (
	bucketMeta   = []byte("meta")
	keySchema    = []byte("schema")
	keyCreatedAt = []byte("created_at")
)

// ErrNewerSchema means the file was written by a newer Spotter.
var ErrNewerSchema = errors.New("the data file was written by a newer Spotter")

// DB is an open Spotter data file.
type DB struct {
	bolt *bolt.DB
	path string
}

// ErrInUse means another process holds the data file.
var ErrInUse = errors.New("the data file is in use by another Spotter")

// Open opens (or creates) the data file at path, creating its directory,
// and brings its schema up to date. The file is created with mode 0600: it
// holds lifters' training data. Open fails after 2 s if another process
// holds the file.
//
// An existing file is checked read-only first (see Check): opening it for
// writing rebuilds bbolt's freelist by a scan that panics on damage, and
// the schema step after it writes. A damaged file gets a *DamagedError
// and not one byte of it changes.
func Open(path string) (*DB, error) { return OpenWait(path, 2*time.Second) }

// OpenWait is Open waiting at most wait for another process to let go.
func OpenWait(path string, wait time.Duration) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	if _, err := check(path, wait, false); err != nil && !errors.Is(err, errEmptyFile) && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	// The hashmap freelist and not writing the freelist at each commit
	// keep commits cheap as the file grows (deleting fired timers freed
	// pages that the array freelist merged and wrote out on every ping
	// batch); the freelist is rebuilt by a scan when the file is opened.
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: wait, FreelistType: bolt.FreelistMapType, NoFreelistSync: true})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("store: %s: %w", path, ErrInUse)
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db := &DB{bolt: b, path: path}
	if err := db.migrate(); err != nil {
		b.Close()
		return nil, err
	}
	return db, nil
}

// Path is the file's path.
func (db *DB) Path() string { return db.path }

// Close closes the file. It waits for running transactions.
func (db *DB) Close() error {
	if err := db.bolt.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Schema reports the file's schema version.
func (db *DB) Schema() (int, error) {
	var v int
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketMeta)
		if b == nil {
			return nil
		}
		if raw := b.Get(keySchema); len(raw) == 8 {
			v = int(binary.BigEndian.Uint64(raw))
		}
		return nil
	})
	return v, err
}

// migrate creates the buckets of a new file and upgrades an old one.
func (db *DB) migrate() error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		v := 0
		if raw := meta.Get(keySchema); len(raw) == 8 {
			v = int(binary.BigEndian.Uint64(raw))
		}
		if v > SchemaVersion {
			return fmt.Errorf("%w (schema %d, this build reads up to %d)", ErrNewerSchema, v, SchemaVersion)
		}
		if v == 0 {
			var ts [8]byte
			binary.BigEndian.PutUint64(ts[:], uint64(time.Now().Unix()))
			if err := meta.Put(keyCreatedAt, ts[:]); err != nil {
				return err
			}
		}
		for _, step := range migrations[v:] {
			if err := step(tx); err != nil {
				return err
			}
		}
		var buf [8]byte
		binary.BigEndian.PutUint64(buf[:], SchemaVersion)
		return meta.Put(keySchema, buf[:])
	})
	if err != nil {
		return fmt.Errorf("store: migrate %s: %w", db.path, err)
	}
	return nil
}

// migrations[i] upgrades a file from schema i to schema i+1.
var migrations = []func(tx *bolt.Tx) error{
	// 0 -> 1: the meta bucket, made by migrate itself.
	func(*bolt.Tx) error { return nil },
	// 1 -> 2: guided sessions, their timers, sets, seen message ids.
	func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketSessions, bucketTimers, bucketSets, bucketSeen, bucketSeenSeq} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	},
	// 2 -> 3: lifters' settings and the marks of imported rows.
	func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketUsers, bucketImportKeys} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	},
	// 3 -> 4: sets in the compact binary form, indexed by exercise.
	migrateSetsToIndex,
	// 4 -> 5: servers' and chats' own gym equipment.
	func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketGyms)
		return err
	},
	// 5 -> 6: replies kept until sent.
	func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketOutbox)
		return err
	},
	// 6 -> 7: class rounds open or running (rounds.go).
	func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucketRounds)
		return err
	},
}

// Writable reports nil when the file takes a write transaction.
func (db *DB) Writable() error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		var ts [8]byte
		binary.BigEndian.PutUint64(ts[:], uint64(time.Now().Unix()))
		return tx.Bucket(bucketMeta).Put([]byte("health"), ts[:])
	})
}
