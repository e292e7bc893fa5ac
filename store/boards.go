package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

// bucketBoards holds chats' weekly board posts (record.Board) by
// platform and chat, as JSON. It is made by the first write of one, so
// that a file from before boards reads as having none and no schema step
// is needed.
var bucketBoards = []byte("boards")

// Boards are every chat's weekly board post, in any order.
func (db *DB) Boards() ([]record.Board, error) {
	var out []record.Board
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketBoards)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var r record.Board
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: boards: %w", err)
	}
	return out, nil
}

// putBoard replaces a chat's weekly board post.
func putBoard(tx *bolt.Tx, r *record.Board) error {
	if r == nil {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketBoards)
	if err != nil {
		return err
	}
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return b.Put(userKey(r.Platform, r.ChatID), v)
}
