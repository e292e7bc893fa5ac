package bot

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// scheduler holds pending timers in due order. It is owned by the hub's
// goroutine and not safe for concurrent use.
//
// A busy bot holds a timer for every lifter resting, so the schedule is
// laid out for the garbage collector: timers are encoded into byte
// chunks, and the heap, the slot table and the index by ID hold only
// integers. The collector never looks inside them, so a hundred thousand
// pending timers cost it next to nothing and pings are not held up by
// its assists. A timer is decoded when it fires or is looked up.
//
// Timers mostly fire in the order they were added, so chunks empty out
// whole and are reused. A chunk that falls below an eighth full has its
// few live timers moved to the chunk being filled, a bounded copy, so
// memory stays within about eight times what is pending and no step ever
// copies the whole schedule.
type scheduler struct {
	heap   []heapItem // min-heap by due time, then ID
	slots  []slot     // slot table; heapItem.slot indexes it
	free   []int32    // unused slots
	chunks []chunk
	spare  []int32 // emptied chunks, for reuse
	cur    int32   // the chunk being filled; -1 for none
	byID   map[uint64]int32
	// clash holds the rare timers whose ID hash another ID already has.
	clash map[string]int32
	hash  func(id string) uint64
	// chunkSize is a chunk's capacity (tests make it small); a record
	// larger than a quarter of it gets a chunk of its own.
	chunkSize int
}

type heapItem struct {
	due  int64 // Unix nanoseconds
	slot int32
}

type slot struct {
	chunk  int32
	off, n uint32 // the record within the chunk
	idLen  uint32
	hidx   int32 // position in heap; -1 when the slot is free
	hash   uint64
}

type chunk struct {
	b    []byte // records, appended
	live int    // bytes of records still scheduled
}

func newScheduler() *scheduler {
	seed := maphash.MakeSeed()
	return &scheduler{byID: map[uint64]int32{}, cur: -1, chunkSize: 64 << 10, hash: func(id string) uint64 { return maphash.String(seed, id) }}
}

// add schedules t, replacing a timer with the same ID.
func (s *scheduler) add(t record.Timer) {
	s.remove(t.ID)
	var si int32
	if n := len(s.free); n > 0 {
		si = s.free[n-1]
		s.free = s.free[:n-1]
	} else {
		si = int32(len(s.slots))
		s.slots = append(s.slots, slot{})
	}
	h := s.hash(t.ID)
	s.slots[si] = slot{idLen: uint32(len(t.ID)), hidx: int32(len(s.heap)), hash: h}
	s.store(si, func(b []byte) []byte { return appendTimer(b, si, &t) }, recordSize(&t))
	if _, taken := s.byID[h]; taken {
		if s.clash == nil {
			s.clash = map[string]int32{}
		}
		s.clash[t.ID] = si
	} else {
		s.byID[h] = si
	}
	s.heap = append(s.heap, heapItem{due: t.Due.UnixNano(), slot: si})
	s.up(len(s.heap) - 1)
}

// store writes slot si's record, size bytes made by write, into a chunk.
func (s *scheduler) store(si int32, write func([]byte) []byte, size int) {
	var ci int32
	switch {
	case size > s.chunkSize/4:
		ci = s.newChunk(size)
	case s.cur >= 0 && len(s.chunks[s.cur].b)+size <= cap(s.chunks[s.cur].b):
		ci = s.cur
	default:
		ci = s.newChunk(s.chunkSize)
		s.cur = ci
	}
	c := &s.chunks[ci]
	off := len(c.b)
	c.b = write(c.b)
	c.live += len(c.b) - off
	sl := &s.slots[si]
	sl.chunk, sl.off, sl.n = ci, uint32(off), uint32(len(c.b)-off)
}

// newChunk is an empty chunk of at least size bytes.
func (s *scheduler) newChunk(size int) int32 {
	if size <= s.chunkSize {
		if n := len(s.spare); n > 0 {
			ci := s.spare[n-1]
			s.spare = s.spare[:n-1]
			s.chunks[ci].b = s.chunks[ci].b[:0]
			return ci
		}
		size = s.chunkSize
	}
	for ci := range s.chunks {
		if s.chunks[ci].b == nil {
			s.chunks[ci].b = make([]byte, 0, size)
			return int32(ci)
		}
	}
	s.chunks = append(s.chunks, chunk{b: make([]byte, 0, size)})
	return int32(len(s.chunks) - 1)
}

// find is the slot of the timer with this ID, or -1.
func (s *scheduler) find(id string) int32 {
	if si, ok := s.byID[s.hash(id)]; ok && string(s.id(si)) == id {
		return si
	}
	if si, ok := s.clash[id]; ok {
		return si
	}
	return -1
}

// get is the pending timer with this ID.
func (s *scheduler) get(id string) (record.Timer, bool) {
	si := s.find(id)
	if si < 0 {
		return record.Timer{}, false
	}
	return s.timer(si), true
}

// remove cancels the timer with this ID; it reports whether there was one.
func (s *scheduler) remove(id string) (record.Timer, bool) {
	si := s.find(id)
	if si < 0 {
		return record.Timer{}, false
	}
	t := s.timer(si)
	s.removeHeap(int(s.slots[si].hidx))
	s.release(si)
	return t, true
}

// removeWhere cancels every timer for which drop reports true.
func (s *scheduler) removeWhere(drop func(*record.Timer) bool) {
	for si := range s.slots {
		if s.slots[si].hidx < 0 {
			continue
		}
		if t := s.timer(int32(si)); drop(&t) {
			s.removeHeap(int(s.slots[si].hidx))
			s.release(int32(si))
		}
	}
}

// next is the earliest due time; ok is false with nothing pending.
func (s *scheduler) next() (time.Time, bool) {
	if len(s.heap) == 0 {
		return time.Time{}, false
	}
	return time.Unix(0, s.heap[0].due), true
}

// popDue removes every timer due at or before now and appends them to
// out, earliest first.
func (s *scheduler) popDue(now time.Time, out []record.Timer) []record.Timer {
	limit := now.UnixNano()
	for len(s.heap) > 0 && s.heap[0].due <= limit {
		si := s.heap[0].slot
		out = append(out, s.timer(si))
		s.removeHeap(0)
		s.release(si)
	}
	return out
}

func (s *scheduler) len() int { return len(s.heap) }

// release frees a slot whose timer has left the heap, and its chunk once
// that is empty or nearly so.
func (s *scheduler) release(si int32) {
	sl := &s.slots[si]
	if cs, ok := s.clash[string(s.id(si))]; ok && cs == si {
		delete(s.clash, string(s.id(si)))
	} else {
		delete(s.byID, sl.hash)
	}
	ci := sl.chunk
	s.chunks[ci].live -= int(sl.n)
	*sl = slot{hidx: -1}
	s.free = append(s.free, si)
	c := &s.chunks[ci]
	switch {
	case c.live == 0 && ci != s.cur:
		s.dropChunk(ci)
	case c.live == 0:
		c.b = c.b[:0] // the chunk being filled starts over
	case ci != s.cur && cap(c.b) == s.chunkSize && c.live < s.chunkSize/8:
		s.evacuate(ci)
	}
}

// evacuate moves the live records of chunk ci to the chunk being filled,
// and drops ci. Each record starts with its slot number and length, so the
// chunk is walked without looking at the slots of other chunks.
func (s *scheduler) evacuate(ci int32) {
	b := s.chunks[ci].b
	for off := 0; off < len(b); {
		si := int32(binary.BigEndian.Uint32(b[off:]))
		n := int(binary.BigEndian.Uint32(b[off+4:]))
		if sl := s.slots[si]; sl.hidx >= 0 && sl.chunk == ci && int(sl.off) == off {
			rec := b[off : off+n]
			s.store(si, func(dst []byte) []byte { return append(dst, rec...) }, n)
		}
		off += n
	}
	s.dropChunk(ci)
}

// dropChunk keeps an emptied chunk for reuse, or lets it go.
func (s *scheduler) dropChunk(ci int32) {
	c := &s.chunks[ci]
	c.live = 0
	if cap(c.b) == s.chunkSize && len(s.spare) < 4 {
		c.b = c.b[:0]
		s.spare = append(s.spare, ci)
		return
	}
	c.b = nil
}

// id is the ID bytes of the timer in slot si, inside its chunk.
func (s *scheduler) id(si int32) []byte {
	sl := s.slots[si]
	at := sl.off + recordHeader
	return s.chunks[sl.chunk].b[at : at+sl.idLen]
}

func (s *scheduler) timer(si int32) record.Timer {
	sl := s.slots[si]
	return decodeTimer(s.chunks[sl.chunk].b[sl.off:sl.off+sl.n], int(sl.idLen))
}

func (s *scheduler) less(i, j int) bool {
	a, b := s.heap[i], s.heap[j]
	if a.due != b.due {
		return a.due < b.due
	}
	return bytes.Compare(s.id(a.slot), s.id(b.slot)) < 0
}

func (s *scheduler) swap(i, j int) {
	s.heap[i], s.heap[j] = s.heap[j], s.heap[i]
	s.slots[s.heap[i].slot].hidx = int32(i)
	s.slots[s.heap[j].slot].hidx = int32(j)
}

func (s *scheduler) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !s.less(j, i) {
			break
		}
		s.swap(i, j)
		j = i
	}
}

func (s *scheduler) down(i int) bool {
	i0, n := i, len(s.heap)
	for {
		j := 2*i + 1
		if j >= n {
			break
		}
		if r := j + 1; r < n && s.less(r, j) {
			j = r
		}
		if !s.less(j, i) {
			break
		}
		s.swap(i, j)
		i = j
	}
	return i > i0
}

// removeHeap takes item i out of the heap.
func (s *scheduler) removeHeap(i int) {
	n := len(s.heap) - 1
	if i != n {
		s.swap(i, n)
	}
	s.slots[s.heap[n].slot].hidx = -1
	s.heap = s.heap[:n]
	if i != n && !s.down(i) {
		s.up(i)
	}
}

// A record: its slot and its length (4 bytes each), the due time (8
// bytes), the ID (its length is in the slot, so comparing and looking up
// IDs decodes nothing), the other strings as a uvarint length and the
// bytes, the group flag, and the created time in Unix nanoseconds (0 for
// none).
const recordHeader = 16

func recordSize(t *record.Timer) int {
	n := recordHeader + len(t.ID) + 1 + binary.MaxVarintLen64
	for _, f := range [...]string{t.Lifter.Platform, t.Lifter.ChatID, t.Lifter.UserID, t.UserName, t.Text} {
		n += binary.MaxVarintLen64 + len(f)
	}
	if t.Step != nil {
		n += 1 + 2*binary.MaxVarintLen64
	}
	return n
}

func appendTimer(b []byte, si int32, t *record.Timer) []byte {
	start := len(b)
	b = binary.BigEndian.AppendUint32(b, uint32(si))
	b = binary.BigEndian.AppendUint32(b, 0) // the length, below
	b = binary.BigEndian.AppendUint64(b, uint64(t.Due.UnixNano()))
	b = append(b, t.ID...)
	for _, f := range [...]string{t.Lifter.Platform, t.Lifter.ChatID, t.Lifter.UserID, t.UserName, t.Text} {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	var g byte
	if t.Group {
		g = 1
	}
	b = append(b, g)
	created := int64(0)
	if !t.Created.IsZero() {
		created = t.Created.UnixNano()
	}
	b = binary.AppendVarint(b, created)
	if st := t.Step; st != nil {
		// Last, and only when there is one: the ping's buttons come from it.
		b = append(b, byte(st.Kind))
		b = binary.AppendUvarint(b, uint64(max(st.RepsLo, 0)))
		b = binary.AppendUvarint(b, uint64(max(st.RepsHi, 0)))
	}
	binary.BigEndian.PutUint32(b[start+4:], uint32(len(b)-start))
	return b
}

// decodeTimer reads a record appendTimer wrote, whose ID is idLen bytes.
// Only appendTimer writes records, so a short one is a bug and panics.
func decodeTimer(b []byte, idLen int) record.Timer {
	var t record.Timer
	t.Due = time.Unix(0, int64(binary.BigEndian.Uint64(b[8:])))
	t.ID = string(b[recordHeader : recordHeader+idLen])
	b = b[recordHeader+idLen:]
	for _, f := range [...]*string{&t.Lifter.Platform, &t.Lifter.ChatID, &t.Lifter.UserID, &t.UserName, &t.Text} {
		n, k := binary.Uvarint(b)
		*f = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	t.Group = b[0] == 1
	created, k := binary.Varint(b[1:])
	if created != 0 {
		t.Created = time.Unix(0, created)
	}
	if b = b[1+k:]; len(b) > 0 {
		st := &record.TimerStep{Kind: coach.StepKind(b[0])}
		lo, k := binary.Uvarint(b[1:])
		hi, _ := binary.Uvarint(b[1+k:])
		st.RepsLo, st.RepsHi = int(lo), int(hi)
		t.Step = st
	}
	return t
}
