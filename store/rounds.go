package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

// bucketRounds holds the class rounds open or running, one per chat, by
// platform NUL chat, as JSON.
var bucketRounds = []byte("rounds")

func roundKey(k record.RoundKey) []byte { return []byte(k.Platform + "\x00" + k.ChatID) }

// putRound removes the round of del, then writes r.
func putRound(tx *bolt.Tx, r *record.Round, del *record.RoundKey) error {
	b := tx.Bucket(bucketRounds)
	if del != nil {
		if err := b.Delete(roundKey(*del)); err != nil {
			return err
		}
	}
	if r == nil {
		return nil
	}
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return b.Put(roundKey(r.Key()), v)
}

// Rounds loads every class round open or running.
func (db *DB) Rounds() ([]record.Round, error) {
	var out []record.Round
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRounds).ForEach(func(k, v []byte) error {
			var r record.Round
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("round %q: %w", k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: rounds: %w", err)
	}
	return out, nil
}
