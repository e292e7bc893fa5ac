package store

import (
	"encoding/binary"
	"github.com/spotter-coach/spotter/record"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RawBatchPuts writes n records of size bytes with bbolt's Batch from
// writers goroutines into a scratch bucket, and returns how long it took:
// the baseline "spotter bench" compares logging against.
func (db *DB) RawBatchPuts(n, size, writers int) (time.Duration, error) {
	val := make([]byte, size)
	var seq atomic.Uint64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := seq.Add(1)
				if i > uint64(n) {
					return
				}
				var k [8]byte
				binary.BigEndian.PutUint64(k[:], i)
				err := db.bolt.Batch(func(tx *bolt.Tx) error {
					b, err := tx.CreateBucketIfNotExists([]byte("bench_raw"))
					if err != nil {
						return err
					}
					return b.Put(k[:], val)
				})
				if err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	if err, _ := firstErr.Load().(error); err != nil {
		return took, err
	}
	return took, nil
}

// EncodedSetSize is the size in bytes of a set's stored record.
func EncodedSetSize(s *record.Set) int { return len(encodeSet(s)) }
