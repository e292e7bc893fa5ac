package storetest

import (
	"fmt"
	"time"

	"github.com/spotter-coach/spotter/record"
)

func timer(u record.User, chat, id string, due time.Duration) record.Timer {
	return record.Timer{Due: t0.Add(due), ID: id, Lifter: lifter(u, chat), UserName: "ana", Group: true,
		Text: "mini-set 1, 100 kg, as many as you can", Created: t0}
}

// Timers come back whole and in due order, whatever order they were
// added in, and after a restart.
func testTimersInDueOrder(f *fixture) {
	if ts := f.timers(); len(ts) != 0 {
		f.t.Fatalf("a new store holds timers: %+v", ts)
	}
	var add []record.Timer
	for _, off := range []int{30, 5, 90, 15} {
		add = append(add, timer(ana, "-100", fmt.Sprintf("s%d/1", off), time.Duration(off)*time.Second))
	}
	bare := record.Timer{Due: t0.Add(time.Minute), ID: "bare/1"} // no lifter, text or creation time
	f.apply(record.Change{AddTimers: add[:2]})
	f.apply(record.Change{AddTimers: append(add[2:], bare)})
	f.restart()
	got := f.timers()
	want := []record.Timer{add[1], add[3], add[0], bare, add[2]}
	if !equal(got, want) {
		f.t.Fatalf("timers read back:\n%+v\nwant\n%+v", got, want)
	}
}

// A change cancels a timer and schedules the next in one go; removing a
// timer already gone is harmless.
func testTimersRemovedByRef(f *fixture) {
	first := timer(ana, "-100", "s1/1", 15*time.Second)
	other := timer(bo, "-100", "s2/1", 15*time.Second)
	f.apply(record.Change{AddTimers: []record.Timer{first, other}})
	next := timer(ana, "-100", "s1/2", 40*time.Second)
	f.apply(record.Change{RemoveTimers: []record.TimerRef{first.Ref()}, AddTimers: []record.Timer{next}})
	if got := f.timers(); !equal(got, []record.Timer{other, next}) {
		f.t.Fatalf("after cancelling one and adding the next: %+v", got)
	}
	gone := record.TimerRef{ID: "never/1", Due: t0}
	f.apply(record.Change{RemoveTimers: []record.TimerRef{first.Ref(), gone, next.Ref()}})
	f.restart()
	if got := f.timers(); !equal(got, []record.Timer{other}) {
		f.t.Fatalf("after removing two and two already gone: %+v", got)
	}
}

// Delivered pings are marked sent in batches, in any order, and a timer
// already gone (a rest cut short meanwhile) changes nothing else.
func testTimersRemovedInBatches(f *fixture) {
	var add []record.Timer
	for i := range 500 {
		add = append(add, record.Timer{Due: t0.Add(time.Duration(i%97) * time.Second), ID: fmt.Sprint("s", i, "/1")})
	}
	f.apply(record.Change{AddTimers: add})
	var del []record.TimerRef
	keep := map[string]bool{}
	for i := len(add) - 1; i >= 0; i-- {
		if i%3 == 0 {
			keep[add[i].ID] = true
		} else {
			del = append(del, add[i].Ref())
		}
	}
	del = append(del, record.TimerRef{ID: "never/1", Due: t0})
	f.apply(record.Change{RemoveTimers: del})
	f.restart()
	left := f.timers()
	if len(left) != len(keep) {
		f.t.Fatalf("%d timers left, want %d", len(left), len(keep))
	}
	for i, tm := range left {
		if !keep[tm.ID] {
			f.t.Errorf("timer %s should be gone", tm.ID)
		}
		if i > 0 && tm.Due.Before(left[i-1].Due) {
			f.t.Errorf("out of order: %v then %v", left[i-1].Due, tm.Due)
		}
	}
}
