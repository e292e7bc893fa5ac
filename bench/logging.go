package bench

import (
	"cmp"
	"encoding/binary"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// loggedSet is the set logSets writes, and whose size rawBatchPuts writes.
func loggedSet() record.Set {
	return record.Set{Platform: "bench", UserID: "ana", ChatID: "c", Lift: coach.Lift{At: time.Now(), Exercise: "bench press", Load: 100,
		Unit: coach.KG, Reps: 5, Technique: "drop", Session: "s1", Entry: "s1/1", Kind: coach.KindWork}}
}

// logSets logs n sets into db one per transaction, as the hub does, and
// returns the sets logged per second.
func logSets(db bot.Store, n int) (float64, error) {
	s := loggedSet()
	start := time.Now()
	for i := range n {
		s.At = s.At.Add(time.Millisecond)
		s.Entry = "e" + strconv.Itoa(i)
		if err := db.Apply(record.Change{Sets: []record.Set{s}}); err != nil {
			return 0, err
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// rawBatchPerS writes n records of a logged set's size with raw bbolt
// Batch puts from 8 writers into a file of their own in dir, and returns
// the records written per second: logSets's baseline on bbolt.
func rawBatchPerS(dir string, n int) (float64, error) {
	s := loggedSet()
	took, err := rawBatchPuts(filepath.Join(dir, "raw.db"), n, store.EncodedSetSize(&s), 8)
	if err != nil {
		return 0, err
	}
	return float64(n) / took.Seconds(), nil
}

// rawBatchPuts writes n records of size bytes with bbolt's Batch from
// writers goroutines into a new bbolt file at path, and returns how long
// it took: the baseline logging is compared against. The file is opened
// with the options store.Open uses, so the two differ only in what
// Spotter does on top of bbolt.
func rawBatchPuts(path string, n, size, writers int) (time.Duration, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second, FreelistType: bolt.FreelistMapType, NoFreelistSync: true})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	val := make([]byte, size)
	var seq atomic.Uint64
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	for range writers {
		wg.Go(func() {
			for {
				i := seq.Add(1)
				if i > uint64(n) {
					return
				}
				var k [8]byte
				binary.BigEndian.PutUint64(k[:], i)
				err := db.Batch(func(tx *bolt.Tx) error {
					b, err := tx.CreateBucketIfNotExists([]byte("raw"))
					if err != nil {
						return err
					}
					return b.Put(k[:], val)
				})
				if err != nil {
					mu.Lock()
					firstErr = cmp.Or(firstErr, err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return time.Since(start), firstErr
}
