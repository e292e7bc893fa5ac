package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

// This file reads everything a data file holds and writes it whole: what
// store/transfer copies between backends with. The Export methods call fn
// outside the file's transactions (fn may take its time, or write to
// another store), stopping at fn's first error; the Put methods write each
// call in one transaction and are idempotent, except AppendHistory, which
// appends.

// ExportSessions calls fn with every session record.
func (db *DB) ExportSessions(ctx context.Context, fn func(record.Session) error) error {
	recs, err := db.Sessions()
	if err != nil {
		return err
	}
	return each(ctx, recs, fn)
}

// ExportTimers calls fn with every pending timer, in due order.
func (db *DB) ExportTimers(ctx context.Context, fn func(record.Timer) error) error {
	ts, err := db.Timers()
	if err != nil {
		return err
	}
	return each(ctx, ts, fn)
}

// ExportOutbox calls fn with every reply not yet sent, in ID order.
func (db *DB) ExportOutbox(ctx context.Context, fn func(record.Outgoing) error) error {
	out, err := db.Outbox()
	if err != nil {
		return err
	}
	return each(ctx, out, fn)
}

// ExportSettings calls fn with every user's settings.
func (db *DB) ExportSettings(ctx context.Context, fn func(record.UserSettings) error) error {
	var all []record.UserSettings
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			u := userFromKey(k)
			s := record.UserSettings{Platform: u.Platform, UserID: u.UserID}
			if err := json.Unmarshal(v, &s.Settings); err != nil {
				return fmt.Errorf("settings %q: %w", k, err)
			}
			all = append(all, s)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: export settings: %w", err)
	}
	return each(ctx, all, fn)
}

// ExportGyms calls fn with every space's equipment.
func (db *DB) ExportGyms(ctx context.Context, fn func(record.SpaceGym) error) error {
	var all []record.SpaceGym
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketGyms).ForEach(func(k, v []byte) error {
			sp := userFromKey(k)
			g := record.SpaceGym{Platform: sp.Platform, Space: sp.UserID, Racks: &record.GymRacks{}}
			if err := json.Unmarshal(v, g.Racks); err != nil {
				return fmt.Errorf("gym %q: %w", k, err)
			}
			all = append(all, g)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: export gyms: %w", err)
	}
	return each(ctx, all, fn)
}

// ExportHistories calls fn with each user's whole history, oldest first
// (sets of one time in the order they were written); users without a set
// are left out.
func (db *DB) ExportHistories(ctx context.Context, fn func(u record.User, sets []record.Set) error) error {
	users, err := db.bucketUsers(bucketSets)
	if err != nil {
		return fmt.Errorf("store: export histories: %w", err)
	}
	for _, u := range users {
		if err := ctx.Err(); err != nil {
			return err
		}
		sets, err := db.Sets(u.Platform, u.UserID)
		if err != nil {
			return err
		}
		if len(sets) == 0 {
			continue
		}
		if err := fn(u, sets); err != nil {
			return err
		}
	}
	return nil
}

// ExportImportMarks calls fn with the rows each user imported, in byte
// order; users without a mark are left out.
func (db *DB) ExportImportMarks(ctx context.Context, fn func(u record.User, rows []record.RowID) error) error {
	users, err := db.bucketUsers(bucketImportKeys)
	if err != nil {
		return fmt.Errorf("store: export import marks: %w", err)
	}
	for _, u := range users {
		if err := ctx.Err(); err != nil {
			return err
		}
		var rows []record.RowID
		err := db.bolt.View(func(tx *bolt.Tx) error {
			ib := tx.Bucket(bucketImportKeys).Bucket(userKey(u.Platform, u.UserID))
			if ib == nil {
				return nil
			}
			return ib.ForEach(func(k, _ []byte) error {
				r, err := record.RowIDOf(k)
				if err != nil {
					return fmt.Errorf("import mark %x of %s/%s: %w", k, u.Platform, u.UserID, err)
				}
				rows = append(rows, r)
				return nil
			})
		})
		if err != nil {
			return fmt.Errorf("store: export import marks: %w", err)
		}
		if len(rows) == 0 {
			continue
		}
		if err := fn(u, rows); err != nil {
			return err
		}
	}
	return nil
}

// ExportSeen calls fn with the remembered message ids, oldest first.
func (db *DB) ExportSeen(ctx context.Context, fn func(platform, id string) error) error {
	var all []record.User // platform and id
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSeenSeq).ForEach(func(_, v []byte) error {
			all = append(all, userFromKey(v))
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: export seen ids: %w", err)
	}
	return each(ctx, all, func(s record.User) error { return fn(s.Platform, s.UserID) })
}

// PutSessions writes session records, replacing a lifter's.
func (db *DB) PutSessions(ctx context.Context, recs []record.Session) error {
	return db.put(ctx, "sessions", func(tx *bolt.Tx) error {
		for i := range recs {
			if err := putSession(tx, &recs[i], nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutTimers writes pending timers, replacing one of the same due time
// and ID.
func (db *DB) PutTimers(ctx context.Context, ts []record.Timer) error {
	return db.put(ctx, "timers", func(tx *bolt.Tx) error { return addTimers(tx, ts) })
}

// PutOutbox writes replies waiting to be sent, replacing one of the same
// ID.
func (db *DB) PutOutbox(ctx context.Context, out []record.Outgoing) error {
	return db.put(ctx, "outbox", func(tx *bolt.Tx) error { return putOutbox(tx, out) })
}

// PutSettings writes users' settings, replacing theirs.
func (db *DB) PutSettings(ctx context.Context, all []record.UserSettings) error {
	return db.put(ctx, "settings", func(tx *bolt.Tx) error {
		for _, s := range all {
			if err := putSettings(tx, s.Platform, s.UserID, s.Settings); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutGyms writes spaces' equipment (nil racks clear a space's).
func (db *DB) PutGyms(ctx context.Context, all []record.SpaceGym) error {
	return db.put(ctx, "gyms", func(tx *bolt.Tx) error {
		for _, g := range all {
			if err := putGym(tx, g.Platform, g.Space, g.Racks); err != nil {
				return err
			}
		}
		return nil
	})
}

// AppendHistory appends sets, all of them u's, to u's history in their
// order.
func (db *DB) AppendHistory(ctx context.Context, u record.User, sets []record.Set) error {
	for i := range sets {
		if sets[i].Platform != u.Platform || sets[i].UserID != u.UserID {
			return fmt.Errorf("store: append history of %s/%s: a set of %s/%s", u.Platform, u.UserID, sets[i].Platform, sets[i].UserID)
		}
	}
	return db.put(ctx, "history", func(tx *bolt.Tx) error {
		w := newSetWriter(tx)
		for i := range sets {
			if i%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if err := w.put(&sets[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutImportMarks marks rows imported by u; a row marked already stays so.
func (db *DB) PutImportMarks(ctx context.Context, u record.User, rows []record.RowID) error {
	sorted := slices.Clone(rows)
	slices.SortFunc(sorted, func(a, b record.RowID) int { return bytes.Compare(a[:], b[:]) })
	return db.put(ctx, "import marks", func(tx *bolt.Tx) error {
		ib, err := tx.Bucket(bucketImportKeys).CreateBucketIfNotExists(userKey(u.Platform, u.UserID))
		if err != nil {
			return err
		}
		ib.FillPercent = historyFill
		for i := range sorted {
			if err := ib.Put(sorted[i][:], []byte{1}); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutSeen remembers message ids ({platform, id}, oldest first), as many
// changes carrying them would; an id remembered already is skipped. The
// window keeps the latest SeenWindow.
func (db *DB) PutSeen(ctx context.Context, ids [][2]string) error {
	return db.put(ctx, "seen ids", func(tx *bolt.Tx) error {
		for _, id := range ids {
			if err := putSeen(tx, id[0], id[1]); err != nil && !errors.Is(err, record.ErrSeen) {
				return err
			}
		}
		return nil
	})
}

// put runs one write transaction, unless ctx is done.
func (db *DB) put(ctx context.Context, what string, fn func(*bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store: put %s: %w", what, err)
	}
	if err := db.bolt.Update(fn); err != nil {
		return fmt.Errorf("store: put %s: %w", what, err)
	}
	return nil
}

// bucketUsers are the users of the per-user buckets in root, in key
// order.
func (db *DB) bucketUsers(root []byte) ([]record.User, error) {
	var users []record.User
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(root).ForEachBucket(func(k []byte) error {
			users = append(users, userFromKey(k))
			return nil
		})
	})
	return users, err
}

// userFromKey reads userKey's platform NUL user (also a space's key).
func userFromKey(k []byte) record.User {
	p, u, _ := strings.Cut(string(k), "\x00")
	return record.User{Platform: p, UserID: u}
}

// each calls fn with every item, stopping at its first error or when ctx
// is done.
func each[T any](ctx context.Context, items []T, fn func(T) error) error {
	for i, it := range items {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}
