package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

var bucketImportKeys = []byte("import_keys")

// NotImported returns the rows the user has not imported before, in
// their order.
func (db *DB) NotImported(platform, userID string, rows []record.ImportedSet) ([]record.ImportedSet, error) {
	var out []record.ImportedSet
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ib := tx.Bucket(bucketImportKeys).Bucket(userKey(platform, userID))
		for _, r := range rows {
			if ib == nil || ib.Get(r.Row[:]) == nil {
				out = append(out, r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: imported rows: %w", err)
	}
	return out, nil
}

// importSets appends the sets of rows their users have not imported
// before and marks the rows.
func importSets(tx *bolt.Tx, rows []record.ImportedSet) error {
	for i := 0; i < len(rows); {
		// A run of rows of one user shares its marks bucket.
		s := &rows[i].Set
		j := i + 1
		for j < len(rows) && rows[j].Set.Platform == s.Platform && rows[j].Set.UserID == s.UserID {
			j++
		}
		sets := make([]record.Set, j-i)
		keys := make([][]byte, j-i)
		for k := range sets {
			sets[k], keys[k] = rows[i+k].Set, rows[i+k].Row[:]
		}
		if _, err := importMarked(tx, s.Platform, s.UserID, sets, keys); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// importMarked appends the sets whose keys the user has not imported
// before, marks the keys, and returns how many it appended.
func importMarked(tx *bolt.Tx, platform, userID string, sets []record.Set, keys [][]byte) (int, error) {
	ib, err := tx.Bucket(bucketImportKeys).CreateBucketIfNotExists(userKey(platform, userID))
	if err != nil {
		return 0, err
	}
	var fresh []record.Set
	for i, k := range keys {
		if ib.Get(k) != nil {
			continue
		}
		if err := ib.Put(k, []byte{1}); err != nil {
			return 0, err
		}
		fresh = append(fresh, sets[i])
	}
	return len(fresh), putSets(tx, fresh)
}
