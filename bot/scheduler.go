package bot

import (
	"container/heap"
	"time"

	"github.com/spotter-coach/spotter/store"
)

// scheduler holds pending timers in due order. It is owned by the hub's
// goroutine and not safe for concurrent use.
type scheduler struct {
	h    timerHeap
	byID map[string]*entry
}

type entry struct {
	t     store.Timer
	index int
}

type timerHeap []*entry

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].t.Due.Equal(h[j].t.Due) {
		return h[i].t.Due.Before(h[j].t.Due)
	}
	return h[i].t.ID < h[j].t.ID
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *timerHeap) Push(x any) {
	e := x.(*entry)
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	e := old[n-1]
	old[n-1] = nil
	*h = old[:n-1]
	e.index = -1
	return e
}

func newScheduler() *scheduler { return &scheduler{byID: map[string]*entry{}} }

// add schedules t, replacing a timer with the same ID.
func (s *scheduler) add(t store.Timer) {
	s.remove(t.ID)
	e := &entry{t: t}
	heap.Push(&s.h, e)
	s.byID[t.ID] = e
}

// remove cancels the timer with this ID; it reports whether there was one.
func (s *scheduler) remove(id string) (store.Timer, bool) {
	e, ok := s.byID[id]
	if !ok {
		return store.Timer{}, false
	}
	heap.Remove(&s.h, e.index)
	delete(s.byID, id)
	return e.t, true
}

// next is the earliest due time; ok is false with nothing pending.
func (s *scheduler) next() (time.Time, bool) {
	if len(s.h) == 0 {
		return time.Time{}, false
	}
	return s.h[0].t.Due, true
}

// popDue removes and returns every timer due at or before now.
func (s *scheduler) popDue(now time.Time) []store.Timer {
	var out []store.Timer
	for len(s.h) > 0 && !s.h[0].t.Due.After(now) {
		e := heap.Pop(&s.h).(*entry)
		delete(s.byID, e.t.ID)
		out = append(out, e.t)
	}
	return out
}

func (s *scheduler) len() int { return len(s.h) }
