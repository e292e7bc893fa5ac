package store

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/record"
)

// bucketImportKeys holds, per user, a mark for every row they imported:
// the row's id as the key, one byte as the value.
var bucketImportKeys = []byte("import_keys")

// checkEvery is how many rows an import writes between two looks at
// whether it should stop.
const checkEvery = 1024

// NotImported returns the rows the user has not imported before, in
// their order. When every row is new it returns rows itself.
func (db *DB) NotImported(platform, userID string, rows []record.ImportedSet) ([]record.ImportedSet, error) {
	var out []record.ImportedSet
	err := db.bolt.View(func(tx *bolt.Tx) error {
		ib := tx.Bucket(bucketImportKeys).Bucket(userKey(platform, userID))
		if ib == nil {
			out = rows
			return nil
		}
		for i := range rows {
			if ib.Get(rows[i].Row[:]) == nil {
				continue
			}
			// Some rows were imported before: copy the new ones.
			out = make([]record.ImportedSet, i, len(rows))
			copy(out, rows[:i])
			for _, r := range rows[i+1:] {
				if ib.Get(r.Row[:]) == nil {
					out = append(out, r)
				}
			}
			return nil
		}
		out = rows
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: imported rows: %w", err)
	}
	return out, nil
}

// importPlan is the order an import's rows are written in. It is worked
// out before the write transaction begins, so that the write holds
// bbolt's one writer lock, which every other lifter's messages wait for,
// no longer than it must.
//
// bbolt splits the pages a transaction changes only when it commits, so
// within one transaction every key lands in a page-sized node that grows:
// keys put in random order (row ids are digests) would each move about
// half a growing node, and the time of an import would grow with the
// square of its rows. So marks are put in id order and sets in time
// order, each an append or a short move.
type importPlan struct {
	rows []record.ImportedSet
	// byRow are the rows' indexes by user, then row id, then place in
	// the change; byTime by time, then place in the change.
	byRow, byTime []int32
}

// planImport orders rows for importSets; nil when there are none.
func planImport(rows []record.ImportedSet) *importPlan {
	if len(rows) == 0 {
		return nil
	}
	p := &importPlan{rows: rows, byRow: make([]int32, len(rows)), byTime: make([]int32, len(rows))}
	users := map[[2]string]int32{}
	user := make([]int32, len(rows))
	at := make([]int64, len(rows))
	for i := range rows {
		s := &rows[i].Set
		k := [2]string{s.Platform, s.UserID}
		u, ok := users[k]
		if !ok {
			u = int32(len(users))
			users[k] = u
		}
		user[i], at[i] = u, s.At.UnixNano()
		p.byRow[i], p.byTime[i] = int32(i), int32(i)
	}
	slices.SortFunc(p.byRow, func(a, b int32) int {
		if user[a] != user[b] {
			return cmp.Compare(user[a], user[b])
		}
		if c := bytes.Compare(rows[a].Row[:], rows[b].Row[:]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	slices.SortFunc(p.byTime, func(a, b int32) int {
		if at[a] != at[b] {
			return cmp.Compare(at[a], at[b])
		}
		return cmp.Compare(a, b)
	})
	return p
}

// importSets appends the sets of the rows their users have not imported
// before and marks the rows, in the plan's order. It stops with ctx's
// error when ctx is done before the rows are written, so that the
// transaction writes nothing.
func importSets(ctx context.Context, tx *bolt.Tx, p *importPlan) error {
	if p == nil {
		return nil
	}
	rows := p.rows
	fresh := make([]bool, len(rows))
	var ib *bolt.Bucket
	var prev *record.ImportedSet
	for n, i := range p.byRow {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		r := &rows[i]
		switch {
		case prev == nil || r.Set.Platform != prev.Set.Platform || r.Set.UserID != prev.Set.UserID:
			var err error
			if ib, err = tx.Bucket(bucketImportKeys).CreateBucketIfNotExists(userKey(r.Set.Platform, r.Set.UserID)); err != nil {
				return err
			}
			ib.FillPercent = historyFill
		case r.Row == prev.Row:
			continue // the same row twice in one change: the first counts
		}
		prev = r
		if ib.Get(r.Row[:]) != nil {
			continue
		}
		if err := ib.Put(r.Row[:], []byte{1}); err != nil {
			return err
		}
		fresh[i] = true
	}
	w := newSetWriter(tx)
	for n, i := range p.byTime {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if !fresh[i] {
			continue
		}
		if err := w.put(&rows[i].Set); err != nil {
			return err
		}
	}
	return ctx.Err()
}
