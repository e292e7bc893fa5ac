package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

// bucketOutbox holds the replies written with the change that caused
// them and not yet sent, keyed by their ID (which sorts in queue order).
var bucketOutbox = []byte("outbox")

// outgoingValue is how an Outgoing is kept: JSON, since a reply's data is
// already the hub's own encoding and these entries live for seconds.
type outgoingValue struct {
	Platform string
	ChatID   string
	At       int64 // Unix nanoseconds
	Data     []byte
}

func putOutbox(tx *bolt.Tx, out []record.Outgoing) error {
	if len(out) == 0 {
		return nil
	}
	b := tx.Bucket(bucketOutbox)
	for _, o := range out {
		if o.ID == "" {
			return fmt.Errorf("outgoing reply without an id")
		}
		v, err := json.Marshal(outgoingValue{Platform: o.Platform, ChatID: o.ChatID, At: o.At.UnixNano(), Data: o.Data})
		if err != nil {
			return err
		}
		if err := b.Put([]byte(o.ID), v); err != nil {
			return err
		}
	}
	return nil
}

func removeOutbox(tx *bolt.Tx, ids []string) error {
	b := tx.Bucket(bucketOutbox)
	for _, id := range ids {
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
	}
	return nil
}

// Outbox loads the replies not yet sent, in ID order.
func (db *DB) Outbox() ([]record.Outgoing, error) {
	var out []record.Outgoing
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			var ov outgoingValue
			if err := json.Unmarshal(v, &ov); err != nil {
				return fmt.Errorf("outgoing reply %q: %w", k, err)
			}
			out = append(out, record.Outgoing{ID: string(k), Platform: ov.Platform, ChatID: ov.ChatID,
				At: time.Unix(0, ov.At).UTC(), Data: ov.Data})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	return out, nil
}
