package storetest

import (
	"fmt"
	"sync"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Message ids are remembered per platform, the latest ones at least, and
// across a restart; a change without an id is never refused.
func testSeenIDs(f *fixture) {
	if f.seen("telegram", "1001") {
		f.t.Fatal("a new store has seen a message")
	}
	f.apply(record.Change{SeenPlatform: "telegram", SeenID: "1001"})
	if !f.seen("telegram", "1001") {
		f.t.Error("message id forgotten")
	}
	if f.seen("discord", "1001") {
		f.t.Error("ids are per platform")
	}
	f.apply(record.Change{SeenPlatform: "discord", SeenID: "1001"})
	const n = 200
	for i := range n {
		f.apply(record.Change{SeenPlatform: "telegram", SeenID: fmt.Sprint("m", i)})
	}
	f.restart()
	for i := range n {
		if !f.seen("telegram", fmt.Sprint("m", i)) {
			f.t.Fatalf("message m%d of the latest %d forgotten", i, n)
		}
	}
	if !f.seen("discord", "1001") {
		f.t.Error("discord's id forgotten")
	}
	// Fired timers and delivered pings carry no message id.
	f.apply(record.Change{AddTimers: []record.Timer{timer(ana, "g", "s1/1", time.Second)}})
	f.apply(record.Change{AddTimers: []record.Timer{timer(ana, "g", "s1/1", time.Second)}})
	f.apply(record.Change{RemoveTimers: []record.TimerRef{{ID: "s1/1", Due: t0.Add(time.Second)}}})
	f.apply(record.Change{RemoveTimers: []record.TimerRef{{ID: "s1/1", Due: t0.Add(time.Second)}}})
	if ts := f.timers(); len(ts) != 0 {
		f.t.Errorf("timers left: %+v", ts)
	}
}

// everything is a change that writes one of each kind, over what
// populate wrote.
func everything(id string) record.Change {
	cancelled := timer(bo, "g", "s2/1", 15*time.Second)
	return record.Change{
		SeenPlatform: ana.Platform, SeenID: id,
		Undo:          &record.EntryRef{Platform: bo.Platform, UserID: bo.UserID, Entry: "b"},
		Session:       &record.Session{Lifter: lifter(bo, "g"), UserName: "bo", Active: guided("s9")},
		DeleteSession: &record.Lifter{Platform: anaDC.Platform, ChatID: "g", UserID: anaDC.UserID},
		Sets:          []record.Set{set(bo, 5, "back squat", 120, 5, "e")},
		Import:        rows(bo, 2),
		RemoveTimers:  []record.TimerRef{cancelled.Ref()},
		AddTimers:     []record.Timer{timer(bo, "g", "s9/1", time.Minute)},
		Settings:      &record.UserSettings{Platform: bo.Platform, UserID: bo.UserID, Settings: record.Settings{TZ: "Asia/Tokyo"}},
		Gym:           &record.SpaceGym{Platform: ana.Platform, Space: "g"},
		Forget:        &anaDC,
	}
}

var (
	everyone = []record.User{ana, bo, anaDC}
	space    = [2]string{"telegram", "g"}
)

// A change whose message id was applied before writes nothing at all.
func testSeenChangeWritesNothing(f *fixture) {
	populate(f)
	f.apply(record.Change{SeenPlatform: ana.Platform, SeenID: "m1", Sets: []record.Set{set(ana, 1, "bench press", 100, 5, "m1")}})
	allRows := append(rows(ana, 1), rows(bo, 2)...)
	before := f.snapshot(everyone, allRows, space)
	f.applySeen(everything("m1"))
	if after := f.snapshot(everyone, allRows, space); after != before {
		f.t.Fatalf("a refused change wrote:\nbefore %s\nafter  %s", before, after)
	}
	f.restart()
	if after := f.snapshot(everyone, allRows, space); after != before {
		f.t.Fatalf("a refused change wrote (seen after a restart):\nbefore %s\nafter  %s", before, after)
	}
	// The same change under a new id writes all of it, and its id.
	f.apply(everything("m2"))
	if !f.seen(ana.Platform, "m2") {
		f.t.Error("the change's message id was not kept")
	}
	if f.snapshot(everyone, allRows, space) == before {
		f.t.Error("the change wrote nothing")
	}
}

// Each kind of write a message makes, redelivered after it lasted (a
// crash between the write and the reply), changes nothing the second
// time.
func testRedeliveryOfEachWrite(f *fixture) {
	populate(f)
	full := everything("")
	allRows := append(rows(ana, 1), rows(bo, 2)...)
	for i, ch := range []record.Change{
		{Sets: full.Sets},
		{Session: full.Session},
		{DeleteSession: full.DeleteSession},
		{AddTimers: full.AddTimers},
		{RemoveTimers: full.RemoveTimers},
		{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: "a"}},
		{Import: full.Import},
		{Settings: full.Settings},
		{Gym: &record.SpaceGym{Platform: ana.Platform, Space: "g", Racks: nil}},
		{Gym: &record.SpaceGym{Platform: ana.Platform, Space: "g", Racks: racks()}},
		{Forget: &bo},
	} {
		ch.SeenPlatform, ch.SeenID = "telegram", fmt.Sprint("redelivered-", i)
		before := f.snapshot(everyone, allRows, space)
		f.apply(ch)
		once := f.snapshot(everyone, allRows, space)
		if once == before {
			f.t.Fatalf("change %d (%+v) wrote nothing the first time", i, ch)
		}
		f.applySeen(ch)
		if again := f.snapshot(everyone, allRows, space); again != once {
			f.t.Fatalf("change %d (%+v) redelivered wrote again:\nonce  %s\nagain %s", i, ch, once, again)
		}
	}
}

// The hub writes from its goroutine while the outbox marks pings
// delivered from another; both read meanwhile.
func testConcurrentUse(f *fixture) {
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, 6*n)
	wg.Go(func() {
		for i := range n {
			errs <- f.s.Apply(record.Change{SeenPlatform: ana.Platform, SeenID: fmt.Sprint("m", i),
				Sets: []record.Set{set(ana, i, "bench press", 100, 5, fmt.Sprint("log-", i))}})
		}
	})
	wg.Go(func() {
		for i := range n {
			tm := timer(bo, "g", fmt.Sprint("s", i, "/1"), time.Duration(i)*time.Second)
			errs <- f.s.Apply(record.Change{AddTimers: []record.Timer{tm}})
			if i%2 == 0 {
				errs <- f.s.Apply(record.Change{RemoveTimers: []record.TimerRef{tm.Ref()}})
			}
		}
	})
	wg.Go(func() {
		for range n {
			_, err1 := f.s.Sets(ana.Platform, ana.UserID)
			_, err2 := f.s.Timers()
			_, err3 := f.s.Seen(ana.Platform, "m0")
			for _, err := range []error{err1, err2, err3} {
				if err != nil {
					errs <- err
				}
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			f.t.Fatal(err)
		}
	}
	if c := f.count(ana); c != n {
		f.t.Errorf("%d sets, want %d", c, n)
	}
	if ts := f.timers(); len(ts) != n/2 {
		f.t.Errorf("%d timers, want %d", len(ts), n/2)
	}
}
