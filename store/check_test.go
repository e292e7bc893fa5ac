package store

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// soundFile writes a data file with sets enough for branch pages, a
// lifter's settings and a pending timer, and closes it.
func soundFile(t testing.TB, dir string, sets int) string {
	t.Helper()
	path := filepath.Join(dir, "spotter.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for done := 0; done < sets; {
		batch := make([]record.Set, 0, 1000)
		for ; done < sets && len(batch) < cap(batch); done++ {
			at = at.Add(time.Minute)
			ex := [...]string{"bench press", "back squat", "deadlift"}[done%3]
			batch = append(batch, record.Set{Platform: "telegram", UserID: fmt.Sprint(done % 2), ChatID: "-100",
				Lift: coach.Lift{At: at, Exercise: ex, Load: 100, Unit: coach.KG, Reps: 5, Kind: coach.KindWork}})
		}
		if err := db.Apply(record.Change{Sets: batch}); err != nil {
			t.Fatal(err)
		}
	}
	ana := record.Lifter{Platform: "console", ChatID: "console", UserID: "ana"}
	err = db.Apply(record.Change{
		Settings:  &record.UserSettings{Platform: "console", UserID: "ana", Settings: record.Settings{TZ: "Europe/Berlin"}},
		AddTimers: []record.Timer{{Due: at.Add(time.Minute), ID: "s1/1", Lifter: ana, Text: "GO", Created: at}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// layout is where a sound file keeps its pages: its page size, the pages
// in use, and one reachable branch and leaf page of the sets.
type layout struct {
	pageSize, hwm  int64
	branch, leaves []int64
}

func fileLayout(t *testing.T, path string) layout {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var l layout
	err = b.View(func(tx *bolt.Tx) error {
		l.pageSize = int64(b.Info().PageSize)
		l.hwm = tx.Size() / l.pageSize
		for id := 2; int64(id) < l.hwm; id++ {
			p, err := tx.Page(id)
			if err != nil || p == nil {
				return fmt.Errorf("page %d: %v", id, err)
			}
			switch p.Type {
			case "branch":
				l.branch = append(l.branch, int64(id))
			case "leaf":
				l.leaves = append(l.leaves, int64(id))
			}
			id += p.OverflowCount
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.branch) == 0 || len(l.leaves) < 3 {
		t.Fatalf("a file with no branch page or too few leaves: %+v", l)
	}
	return l
}

// damage is one way a file gets damaged: it changes the file at path.
type damage struct {
	name string
	do   func(t *testing.T, path string, l layout)
}

func truncateTo(size func(l layout) int64) func(*testing.T, string, layout) {
	return func(t *testing.T, path string, l layout) {
		if err := os.Truncate(path, size(l)); err != nil {
			t.Fatal(err)
		}
	}
}

// patch writes b at off.
func patch(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// flip inverts n bytes of page id from byte at on.
func flip(t *testing.T, path string, l layout, id, at int64, n int) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	off := id*l.pageSize + at
	b := append([]byte(nil), raw[off:off+int64(n)]...)
	for i := range b {
		b[i] ^= 0xFF
	}
	patch(t, path, off, b)
}

var damages = []damage{
	{"truncated mid-page", truncateTo(func(l layout) int64 { return l.hwm*l.pageSize - l.pageSize/2 })},
	{"truncated at a page boundary", truncateTo(func(l layout) int64 { return (l.hwm - 3) * l.pageSize })},
	{"truncated to the header pages", truncateTo(func(l layout) int64 { return 2 * l.pageSize })},
	{"truncated to one page", truncateTo(func(l layout) int64 { return l.pageSize })},
	{"truncated to 100 bytes", truncateTo(func(layout) int64 { return 100 })},
	{"a middle page overwritten with garbage", func(t *testing.T, path string, l layout) {
		garbage := make([]byte, l.pageSize)
		r := rand.New(rand.NewPCG(1, 2))
		for i := range garbage {
			garbage[i] = byte(r.Uint32())
		}
		patch(t, path, l.leaves[len(l.leaves)/2]*l.pageSize, garbage)
	}},
	{"a middle page zeroed", func(t *testing.T, path string, l layout) {
		patch(t, path, l.leaves[len(l.leaves)/2]*l.pageSize, make([]byte, l.pageSize))
	}},
	{"header page 0 zeroed", func(t *testing.T, path string, l layout) {
		patch(t, path, 0, make([]byte, l.pageSize))
	}},
	{"header page 1 zeroed", func(t *testing.T, path string, l layout) {
		patch(t, path, l.pageSize, make([]byte, l.pageSize))
	}},
	{"bytes flipped in a branch page's elements", func(t *testing.T, path string, l layout) {
		flip(t, path, l, l.branch[0], 16, 32)
	}},
	{"bytes flipped in a leaf page's elements", func(t *testing.T, path string, l layout) {
		flip(t, path, l, l.leaves[len(l.leaves)/2], 16, 32)
	}},
	{"a leaf page's header flipped", func(t *testing.T, path string, l layout) {
		flip(t, path, l, l.leaves[1], 0, 16)
	}},
	{"a branch pointing past the end of the file", func(t *testing.T, path string, l layout) {
		var id [8]byte
		binary.NativeEndian.PutUint64(id[:], 1<<40)
		patch(t, path, l.branch[0]*l.pageSize+16+8, id[:])
	}},
	{"a branch pointing to itself", func(t *testing.T, path string, l layout) {
		var id [8]byte
		binary.NativeEndian.PutUint64(id[:], uint64(l.branch[0]))
		patch(t, path, l.branch[0]*l.pageSize+16+8, id[:])
	}},
	{"a leaf's keys out of order", func(t *testing.T, path string, l layout) {
		// The first key of a leaf after the first made greater than
		// every other.
		raw, _ := os.ReadFile(path)
		p := raw[l.leaves[1]*l.pageSize:]
		pos, ksize := binary.NativeEndian.Uint32(p[16+4:]), binary.NativeEndian.Uint32(p[16+8:])
		key := make([]byte, ksize)
		for i := range key {
			key[i] = 0xFF
		}
		patch(t, path, l.leaves[1]*l.pageSize+16+int64(pos), key)
	}},
}

// TestDamagedFilesAreNeverWritten: each way a file is damaged gets a
// *DamagedError from Open and from Check, no panic, and the file keeps
// every byte.
func TestDamagedFilesAreNeverWritten(t *testing.T) {
	dir := t.TempDir()
	sound := soundFile(t, dir, 3000)
	raw, err := os.ReadFile(sound)
	if err != nil {
		t.Fatal(err)
	}
	l := fileLayout(t, sound)
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "spotter.db")
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			d.do(t, path, l)
			before := fileSum(t, path)
			fiBefore, _ := os.Stat(path)

			db, err := Open(path)
			if err == nil {
				db.Close()
				t.Fatal("Open of a damaged file succeeded")
			}
			var de *DamagedError
			if !errors.As(err, &de) || de.Path != path || de.Reason == "" {
				t.Fatalf("Open: %v (%T), want a *DamagedError for %s", err, err, path)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "spotter backup") || !strings.Contains(msg, "nothing was changed") {
				t.Errorf("message %q: want one line naming the backup to restore", msg)
			}
			t.Logf("%s", de.Reason)
			if _, err := Check(path, time.Second); !errors.As(err, &de) {
				t.Errorf("Check: %v, want a *DamagedError", err)
			}

			if after := fileSum(t, path); after != before {
				t.Error("the damaged file changed")
			}
			if fi, _ := os.Stat(path); fi.Size() != fiBefore.Size() || !fi.ModTime().Equal(fiBefore.ModTime()) {
				t.Errorf("size or time changed: %d %v, was %d %v", fi.Size(), fi.ModTime(), fiBefore.Size(), fiBefore.ModTime())
			}
		})
	}
}

// TestCheckAnyOnePageDamaged garbles each page of a file in turn, and
// bytes at random places: Check never panics or writes, and what it
// accepts opens and reads.
func TestCheckAnyOnePageDamaged(t *testing.T) {
	dir := t.TempDir()
	sound := soundFile(t, dir, 800)
	raw, err := os.ReadFile(sound)
	if err != nil {
		t.Fatal(err)
	}
	l := fileLayout(t, sound)
	r := rand.New(rand.NewPCG(3, 4))
	path := filepath.Join(t.TempDir(), "spotter.db")
	try := func(name string, garble func(b []byte)) {
		t.Helper()
		b := append([]byte(nil), raw...)
		garble(b)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		_, err := Check(path, time.Second)
		var de *DamagedError
		if err != nil && !errors.As(err, &de) {
			t.Errorf("%s: Check: %v, want nil or a *DamagedError", name, err)
		}
		if fileSum(t, path) != sum {
			t.Fatalf("%s: Check changed the file", name)
		}
		if err == nil {
			// What Check accepts, bbolt reads through.
			db, err := Open(path)
			if err != nil {
				t.Fatalf("%s: Check accepted a file Open refused: %v", name, err)
			}
			if _, err := db.Sets("telegram", "0"); err != nil {
				t.Logf("%s: reading sets: %v", name, err)
			}
			db.Close()
		}
	}
	for id := int64(0); id < l.hwm; id++ {
		try(fmt.Sprintf("page %d garbled", id), func(b []byte) {
			p := b[id*l.pageSize : (id+1)*l.pageSize]
			for i := range 64 {
				p[r.IntN(len(p))] ^= byte(1 << (i % 8))
			}
			for i := range 16 {
				p[i] = byte(r.Uint32())
			}
		})
	}
	for i := range 100 {
		try(fmt.Sprintf("random bytes %d", i), func(b []byte) {
			at := r.IntN(int(l.hwm * l.pageSize))
			for j := range 1 + r.IntN(8) {
				if at+j < len(b) {
					b[at+j] = byte(r.Uint32())
				}
			}
		})
	}
}

func TestCheckSoundFile(t *testing.T) {
	path := soundFile(t, t.TempDir(), 3000)
	before := fileSum(t, path)
	s, err := Check(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	want := Summary{Sets: 3000, Lifters: 3, Timers: 1, Schema: SchemaVersion}
	if s != want {
		t.Errorf("Check = %+v, want %+v", s, want)
	}
	if fileSum(t, path) != before {
		t.Error("Check changed a sound file")
	}
	// A sound file opens as before, and keeps its sets.
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if sets, err := db.Sets("telegram", "1"); err != nil || len(sets) != 1500 {
		t.Errorf("sets: %d %v", len(sets), err)
	}
}

// TestCheckFileWithAFreelist: files written with bbolt's default
// options keep their freelist on disk; Check holds it against the pages
// in use.
func TestCheckFileWithAFreelist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spotter.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		err := b.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("sets"))
			if err != nil {
				return err
			}
			if i%5 == 4 {
				return tx.DeleteBucket([]byte("sets"))
			}
			for j := range 200 {
				if err := bk.Put(fmt.Appendf(nil, "%d-%d", i, j), make([]byte, 100)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	b.Close()
	if _, err := Check(path, time.Second); err != nil {
		t.Fatalf("Check of a sound file with a freelist: %v", err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func TestCheckEmptyMissingAndHeldFiles(t *testing.T) {
	dir := t.TempDir()
	var de *DamagedError
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := Check(empty, time.Second); !errors.As(err, &de) {
		t.Errorf("Check of an empty file: %v", err)
	}
	// Open makes a new file of an empty one, as bbolt does.
	db, err := Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Check(filepath.Join(dir, "none.db"), time.Second); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Check of a missing file: %v", err)
	}
	db, err = Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Check(empty, 100*time.Millisecond); !errors.Is(err, ErrInUse) {
		t.Errorf("Check of a held file: %v, want ErrInUse", err)
	}
}

// BenchmarkCheck is the check every start runs before it opens the file
// for writing, on a file of 200,000 sets.
func BenchmarkCheck(b *testing.B) {
	path := soundFile(b, b.TempDir(), 200_000)
	fi, _ := os.Stat(path)
	b.Logf("%d sets: %.1f MB", 200_000, float64(fi.Size())/(1<<20))
	// The file was just written: let its pages reach the disk first.
	if _, err := Check(path, time.Second); err != nil {
		b.Fatal(err)
	}
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			if _, err := Check(path, time.Second); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("walk", func(b *testing.B) {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		for b.Loop() {
			if r := walkFile(f, fi.Size()); r != "" {
				b.Fatal(r)
			}
		}
	})
	b.Run("bbolt-check", func(b *testing.B) {
		for b.Loop() {
			if _, err := boltCheck(path, time.Second, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("open-unchecked", func(b *testing.B) {
		// What opening took before the check: bbolt's open for writing
		// (which scans the file for free pages) and the schema step.
		for b.Loop() {
			bb, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, FreelistType: bolt.FreelistMapType, NoFreelistSync: true})
			if err != nil {
				b.Fatal(err)
			}
			if err := (&DB{bolt: bb, path: path}).migrate(); err != nil {
				b.Fatal(err)
			}
			bb.Close()
		}
	})
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			db, err := Open(path)
			if err != nil {
				b.Fatal(err)
			}
			db.Close()
		}
	})
}
