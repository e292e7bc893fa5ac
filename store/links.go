package store

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

// Links and link codes live in buckets of their own, made by the first
// write that needs them rather than by a schema step: a file that never
// linked has neither, and reads take a missing bucket for "none". So a
// file keeps its schema version, and an older build opening it ignores
// the buckets it does not know.
var (
	// bucketLinks: userKey of each account of a link -> the JSON of the
	// record.Link (both accounts' keys hold the same link).
	bucketLinks = []byte("links")
	// bucketLinkCodes: code -> the JSON of the record.LinkCode.
	bucketLinkCodes = []byte("link_codes")
)

// Linked reads the link that holds a user; ok is false when there is none.
func (db *DB) Linked(platform, userID string) (l record.Link, ok bool, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		l, ok, err = linkOf(tx, record.User{Platform: platform, UserID: userID})
		return err
	})
	if err != nil {
		return record.Link{}, false, fmt.Errorf("store: linked: %w", err)
	}
	return l, ok, nil
}

// LinkCode reads a stored link code, expired or not.
func (db *DB) LinkCode(code string) (c record.LinkCode, ok bool, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLinkCodes)
		if b == nil {
			return nil
		}
		raw := b.Get([]byte(code))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &c)
	})
	if err != nil {
		return record.LinkCode{}, false, fmt.Errorf("store: link code: %w", err)
	}
	return c, ok, nil
}

func linkOf(tx *bolt.Tx, u record.User) (l record.Link, ok bool, err error) {
	b := tx.Bucket(bucketLinks)
	if b == nil {
		return l, false, nil
	}
	raw := b.Get(userKey(u.Platform, u.UserID))
	if raw == nil {
		return l, false, nil
	}
	return l, true, json.Unmarshal(raw, &l)
}

// putLinks writes a change's link code, link and unlink, in that order.
func putLinks(tx *bolt.Tx, ch *record.Change) error {
	if c := ch.LinkCode; c != nil {
		if err := putLinkCode(tx, c); err != nil {
			return err
		}
	}
	if l := ch.Link; l != nil {
		if err := putLink(tx, l); err != nil {
			return err
		}
	}
	if u := ch.Unlink; u != nil {
		if err := unlink(tx, *u); err != nil {
			return err
		}
	}
	return nil
}

// putLinkCode stores c, dropping the user's earlier codes and every code
// that expired before c was made.
func putLinkCode(tx *bolt.Tx, c *record.LinkCode) error {
	b, err := tx.CreateBucketIfNotExists(bucketLinkCodes)
	if err != nil {
		return err
	}
	made := c.Expires.Add(-record.LinkCodeTTL)
	if err := deleteCodes(b, func(old record.LinkCode) bool {
		return old.User == c.User || old.Expires.Before(made)
	}); err != nil {
		return err
	}
	v, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return b.Put([]byte(c.Code), v)
}

// deleteCodes deletes the codes in b that gone accepts.
func deleteCodes(b *bolt.Bucket, gone func(record.LinkCode) bool) error {
	var keys [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var c record.LinkCode
		if json.Unmarshal(v, &c) != nil || gone(c) {
			keys = append(keys, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// putLink joins two accounts and deletes both accounts' codes. An
// account linked already is refused: the change writes nothing.
func putLink(tx *bolt.Tx, l *record.Link) error {
	if l.First == l.Second || l.First.Platform == l.Second.Platform {
		return fmt.Errorf("link: %s and %s are not accounts of two platforms", l.First.Platform, l.Second.Platform)
	}
	for _, u := range []record.User{l.First, l.Second} {
		if _, ok, err := linkOf(tx, u); err != nil {
			return err
		} else if ok {
			return fmt.Errorf("link: a %s account is linked already", u.Platform)
		}
	}
	b, err := tx.CreateBucketIfNotExists(bucketLinks)
	if err != nil {
		return err
	}
	v, err := json.Marshal(l)
	if err != nil {
		return err
	}
	for _, u := range []record.User{l.First, l.Second} {
		if err := b.Put(userKey(u.Platform, u.UserID), v); err != nil {
			return err
		}
	}
	return dropCodesOf(tx, l.First, l.Second)
}

// dropCodesOf deletes the link codes of the users.
func dropCodesOf(tx *bolt.Tx, users ...record.User) error {
	b := tx.Bucket(bucketLinkCodes)
	if b == nil {
		return nil
	}
	return deleteCodes(b, func(c record.LinkCode) bool {
		for _, u := range users {
			if c.User == u {
				return true
			}
		}
		return false
	})
}

// unlink splits the link that holds u, if any.
func unlink(tx *bolt.Tx, u record.User) error {
	l, ok, err := linkOf(tx, u)
	if err != nil || !ok {
		return err
	}
	b := tx.Bucket(bucketLinks)
	for _, a := range []record.User{l.First, l.Second} {
		if err := b.Delete(userKey(a.Platform, a.UserID)); err != nil {
			return err
		}
	}
	return nil
}

// forgetLinked forgets a user (forget) and, when they are linked, the
// account linked to them and the link; and both accounts' link codes.
func forgetLinked(tx *bolt.Tx, platform, userID string) error {
	u := record.User{Platform: platform, UserID: userID}
	users := []record.User{u}
	if l, ok, err := linkOf(tx, u); err != nil {
		return err
	} else if ok {
		users = append(users, l.Other(u))
		if err := unlink(tx, u); err != nil {
			return err
		}
	}
	for _, a := range users {
		if _, err := forget(tx, a.Platform, a.UserID); err != nil {
			return err
		}
	}
	return dropCodesOf(tx, users...)
}

// ExportLinks calls fn with each link once (store/transfer).
func (db *DB) ExportLinks(ctx context.Context, fn func(record.Link) error) error {
	var all []record.Link
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLinks)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var l record.Link
			if err := json.Unmarshal(v, &l); err != nil {
				return fmt.Errorf("link of %q: %w", k, err)
			}
			if string(k) == string(userKey(l.First.Platform, l.First.UserID)) {
				all = append(all, l)
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: export links: %w", err)
	}
	return each(ctx, all, fn)
}

// PutLinks writes links; one stored already (copied before) is skipped.
func (db *DB) PutLinks(ctx context.Context, all []record.Link) error {
	return db.put(ctx, "links", func(tx *bolt.Tx) error {
		for i := range all {
			if l, ok, err := linkOf(tx, all[i].First); err != nil {
				return err
			} else if ok && l.First == all[i].First && l.Second == all[i].Second {
				continue
			}
			if err := putLink(tx, &all[i]); err != nil {
				return err
			}
		}
		return nil
	})
}
