package store

import (
	bolt "go.etcd.io/bbolt"
)

// migrateSetsToIndex re-encodes every set in the binary form and builds
// the per-exercise index.
func migrateSetsToIndex(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketByExercise); err != nil {
		return err
	}
	root := tx.Bucket(bucketSets)
	var users [][]byte
	if err := root.ForEachBucket(func(k []byte) error {
		users = append(users, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, uk := range users {
		ub := root.Bucket(uk)
		type kv struct{ k, v []byte }
		var all []kv
		if err := ub.ForEach(func(k, v []byte) error {
			all = append(all, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
			return nil
		}); err != nil {
			return err
		}
		for _, e := range all {
			s, err := decodeSet(e.v)
			if err != nil {
				return err
			}
			v := encodeSet(&s)
			if err := ub.Put(e.k, v); err != nil {
				return err
			}
			xb, err := exerciseBucket(tx, s.Platform, s.UserID, s.Exercise, true)
			if err != nil {
				return err
			}
			if err := xb.Put(e.k, v); err != nil {
				return err
			}
		}
	}
	return nil
}
