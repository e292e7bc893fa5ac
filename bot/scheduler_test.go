package bot

import (
	"cmp"
	"github.com/spotter-coach/spotter/record"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// model is the obvious schedule: a map by ID, sorted when asked.
type model map[string]record.Timer

func (m model) due(now time.Time) []record.Timer {
	var out []record.Timer
	for _, t := range m {
		if !t.Due.After(now) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b record.Timer) int {
		return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.ID, b.ID))
	})
	for _, t := range out {
		delete(m, t.ID)
	}
	return out
}

func sameTimer(a, b record.Timer) bool {
	return a.Due.Equal(b.Due) && a.Created.Equal(b.Created) && a.ID == b.ID && a.Lifter == b.Lifter &&
		a.UserName == b.UserName && a.Group == b.Group && a.Text == b.Text
}

// runSchedulerOps drives a scheduler and the model with the same
// operations, read from ops, and fails at the first difference.
func runSchedulerOps(t *testing.T, s *scheduler, ops []byte) {
	t.Helper()
	m := model{}
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	now := base
	for i := 0; i+2 < len(ops); i += 3 {
		op, a, b := ops[i]%6, int(ops[i+1]), int(ops[i+2])
		id := "s" + strconv.Itoa(a%40) + "/" + strconv.Itoa(b%3)
		switch op {
		case 0, 1: // add or replace
			tm := record.Timer{
				Due: now.Add(time.Duration(b%50) * time.Second), ID: id,
				Lifter:   record.Lifter{Platform: []string{"telegram", "discord"}[a%2], ChatID: "chat" + strconv.Itoa(a%5), UserID: "u" + strconv.Itoa(a%7)},
				UserName: "lifter " + strconv.Itoa(b), Group: b%2 == 0, Text: "mini-set " + strconv.Itoa(a) + ", 100 kg, as many as you can",
			}
			if a%3 == 0 {
				tm.Created = now
			}
			s.add(tm)
			m[id] = tm
		case 2: // cancel
			got, ok := s.remove(id)
			want, wok := m[id]
			if ok != wok || ok && !sameTimer(got, want) {
				t.Fatalf("op %d: remove(%q) = %+v, %v; want %+v, %v", i/3, id, got, ok, want, wok)
			}
			delete(m, id)
		case 3: // time passes and timers fire
			now = now.Add(time.Duration(a%20) * time.Second)
			got, want := s.popDue(now, nil), m.due(now)
			if len(got) != len(want) {
				t.Fatalf("op %d: %d timers due, want %d", i/3, len(got), len(want))
			}
			for k := range got {
				if !sameTimer(got[k], want[k]) {
					t.Fatalf("op %d: due #%d = %+v, want %+v", i/3, k, got[k], want[k])
				}
			}
		case 4: // look up
			got, ok := s.get(id)
			want, wok := m[id]
			if ok != wok || ok && !sameTimer(got, want) {
				t.Fatalf("op %d: get(%q) = %+v, %v; want %+v, %v", i/3, id, got, ok, want, wok)
			}
		case 5: // a lifter forgets everything
			user := "u" + strconv.Itoa(a%7)
			s.removeWhere(func(t *record.Timer) bool { return t.Lifter.UserID == user })
			for k, tm := range m {
				if tm.Lifter.UserID == user {
					delete(m, k)
				}
			}
		}
		if s.len() != len(m) {
			t.Fatalf("op %d: %d pending, want %d", i/3, s.len(), len(m))
		}
		if len(m) > 0 {
			next, _ := s.next()
			earliest := slices.MinFunc(slices.Collect(func(yield func(record.Timer) bool) {
				for _, tm := range m {
					if !yield(tm) {
						return
					}
				}
			}), func(a, b record.Timer) int { return a.Due.Compare(b.Due) })
			if !next.Equal(earliest.Due) {
				t.Fatalf("op %d: next %v, want %v", i/3, next, earliest.Due)
			}
		} else if _, ok := s.next(); ok {
			t.Fatalf("op %d: next reported with nothing pending", i/3)
		}
	}
}

func TestSchedulerMatchesModel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ops := make([]byte, 3*20000)
	for i := range ops {
		ops[i] = byte(r.IntN(256))
	}
	runSchedulerOps(t, newScheduler(), ops)
}

// With every ID hashing alike, lookups must still find the right timer.
func TestSchedulerHashClashes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ops := make([]byte, 3*5000)
	for i := range ops {
		ops[i] = byte(r.IntN(256))
	}
	s := newScheduler()
	s.hash = func(id string) uint64 { return uint64(len(id)) }
	runSchedulerOps(t, s, ops)
}

// With chunks of 256 bytes, chunks fill, empty, get reused and get
// evacuated all through the run.
func TestSchedulerSmallChunks(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ops := make([]byte, 3*20000)
	for i := range ops {
		ops[i] = byte(r.IntN(256))
	}
	s := newScheduler()
	s.chunkSize = 256
	runSchedulerOps(t, s, ops)
}

// held is the bytes the scheduler's chunks take.
func (s *scheduler) held() int {
	n := 0
	for _, c := range s.chunks {
		n += cap(c.b)
	}
	return n
}

func (s *scheduler) liveBytes() int {
	n := 0
	for _, c := range s.chunks {
		n += c.live
	}
	return n
}

// Memory follows what is pending, not what was ever scheduled: chunks
// empty as timers fire in order, and a chunk left with a few long rests
// hands them on.
func TestSchedulerMemoryFollowsPending(t *testing.T) {
	s := newScheduler()
	start := time.Unix(1_800_000_000, 0)
	const n = 20000
	for i := range n {
		due := start.Add(time.Duration(i) * time.Millisecond)
		if i%50 == 0 {
			due = due.Add(time.Hour) // a long rest among short ones
		}
		s.add(record.Timer{Due: due, ID: "s" + strconv.Itoa(i) + "/1",
			Lifter: record.Lifter{Platform: "telegram", ChatID: "c", UserID: "u" + strconv.Itoa(i)}, Text: "mini-set 1, 100 kg, as many as you can"})
	}
	full := s.held()
	fired := s.popDue(start.Add(n*time.Millisecond), nil)
	if len(fired) != n-n/50 || s.len() != n/50 {
		t.Fatalf("fired %d, %d pending", len(fired), s.len())
	}
	if live := s.liveBytes(); s.held() > 8*live+5*s.chunkSize {
		t.Errorf("%d bytes held for %d bytes of %d pending timers (was %d for %d)", s.held(), live, s.len(), full, n)
	}
	rest := s.popDue(start.Add(2*time.Hour), nil)
	if len(rest) != n/50 {
		t.Fatalf("%d long rests fired, want %d", len(rest), n/50)
	}
	for k, tm := range rest {
		if want := "s" + strconv.Itoa(50*k) + "/1"; tm.ID != want || tm.Lifter.UserID != "u"+strconv.Itoa(50*k) || tm.Text != "mini-set 1, 100 kg, as many as you can" {
			t.Fatalf("long rest #%d = %+v, want ID %s", k, tm, want)
		}
	}
	if s.held() > 5*s.chunkSize {
		t.Errorf("%d bytes held with nothing pending", s.held())
	}
}

// A timer too large for a shared chunk gets its own and gives it back.
func TestSchedulerLargeTimer(t *testing.T) {
	s := newScheduler()
	s.chunkSize = 256
	big := record.Timer{Due: time.Unix(100, 0), ID: "big/1", Text: strings.Repeat("long exercise name ", 40)}
	s.add(big)
	s.add(record.Timer{Due: time.Unix(50, 0), ID: "small/1", Text: "GO"})
	if got, ok := s.get("big/1"); !ok || !sameTimer(got, big) {
		t.Fatalf("get = %+v, %v", got, ok)
	}
	if got := s.popDue(time.Unix(200, 0), nil); len(got) != 2 || got[0].ID != "small/1" || !sameTimer(got[1], big) {
		t.Fatalf("popDue = %+v", got)
	}
	for _, c := range s.chunks {
		if cap(c.b) > s.chunkSize {
			t.Errorf("a %d-byte chunk is still held", cap(c.b))
		}
	}
}

func FuzzScheduler(f *testing.F) {
	f.Add([]byte{0, 1, 2, 0, 1, 3, 3, 19, 0, 2, 1, 3, 4, 1, 2})
	f.Add([]byte{1, 5, 5, 1, 5, 5, 5, 5, 0, 3, 200, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		s := newScheduler()
		s.chunkSize = 128
		runSchedulerOps(t, s, ops)
	})
}

// BenchmarkSchedulerChurn: with 100k rests pending, one fires and a new
// one is scheduled, as in a busy gym's steady state.
func BenchmarkSchedulerChurn(b *testing.B) {
	s := newScheduler()
	start := time.Unix(1_800_000_000, 0)
	timer := func(i int) record.Timer {
		return record.Timer{Due: start.Add(time.Duration(i) * 10 * time.Microsecond), ID: "s" + strconv.Itoa(i) + "/1",
			Lifter:   record.Lifter{Platform: "telegram", ChatID: "c" + strconv.Itoa(i), UserID: "u" + strconv.Itoa(i)},
			UserName: "lifter", Text: "mini-set 1, 100 kg, as many as you can"}
	}
	const pending = 100_000
	ts := make([]record.Timer, pending+b.N)
	for i := range ts {
		ts[i] = timer(i)
	}
	for i := range pending {
		s.add(ts[i])
	}
	var out []record.Timer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out = s.popDue(ts[i].Due, out[:0])
		s.add(ts[pending+i])
	}
}
