package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// UsedBytes is how much of the data file holds data: its pages up to the
// highest in use, less the free ones. It follows what is stored byte for
// byte, where the file's size grows in steps (doubling, then 16 MB).
func (db *DB) UsedBytes() (int64, error) {
	var n int64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		st := db.bolt.Stats()
		n = tx.Size() - int64(st.FreePageN+st.PendingPageN)*int64(db.bolt.Info().PageSize)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: used bytes: %w", err)
	}
	return n, nil
}
