package store

import (
	"encoding/binary"
	"github.com/spotter-coach/spotter/record"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/coach"
)

// BenchmarkLogSets writes sets the ways Spotter does, next to raw bbolt
// Batch puts of records of the same size, on real files:
//   - apply-1: one set per transaction (a "done" in a session), one writer;
//   - apply-100: 100 sets per transaction (an import);
//   - apply-1-parallel: one set per transaction from concurrent writers;
//   - raw-batch: bbolt Batch puts of the same bytes from concurrent writers.
//
// ns/op is per set.
func BenchmarkLogSets(b *testing.B) {
	sample := record.Set{Platform: "telegram", UserID: "42", ChatID: "-100",
		Lift: coach.Lift{At: time.Now(), Exercise: "bench press", Load: 100, Unit: coach.KG, Reps: 5, Technique: "drop", Session: "s1", Entry: "e1", Kind: coach.KindWork}}
	size := len(encodeSet(&sample))
	open := func(b *testing.B) *DB {
		db, err := Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}
	b.Run("apply-1", func(b *testing.B) {
		db := open(b)
		s := sample
		for b.Loop() {
			s.At = s.At.Add(time.Millisecond)
			if err := db.Apply(record.Change{Sets: []record.Set{s}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("apply-100", func(b *testing.B) {
		db := open(b)
		sets := make([]record.Set, 100)
		for i := range sets {
			sets[i] = sample
		}
		for b.Loop() {
			if err := db.Apply(record.Change{Sets: sets}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100), "ns/set")
	})
	b.Run("apply-1-parallel", func(b *testing.B) {
		db := open(b)
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			s := sample
			for pb.Next() {
				if err := db.Apply(record.Change{Sets: []record.Set{s}}); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
	b.Run("raw-batch", func(b *testing.B) {
		db := open(b)
		val := make([]byte, size)
		var seq atomic.Uint64
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				var k [8]byte
				binary.BigEndian.PutUint64(k[:], seq.Add(1))
				err := db.bolt.Batch(func(tx *bolt.Tx) error {
					bk, err := tx.CreateBucketIfNotExists([]byte("raw"))
					if err != nil {
						return err
					}
					return bk.Put(k[:], val)
				})
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
