package storetest

import (
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Settings are a user's, per platform, replaced whole.
func testSettings(f *fixture) {
	if _, ok := f.settings(ana); ok {
		f.t.Fatal("a stranger has settings")
	}
	want := record.Settings{Unit: coach.LB, UnitSet: true, TZ: "Europe/Berlin", Fiber: coach.FiberFast, FiberSet: true, Equipment: coach.Dumbbell, EquipSet: true}
	f.apply(record.Change{Settings: &record.UserSettings{Platform: ana.Platform, UserID: ana.UserID, Settings: want}})
	f.restart()
	if got, ok := f.settings(ana); !ok || got != want {
		f.t.Errorf("settings read back: %+v %v, want %+v", got, ok, want)
	}
	for _, u := range []record.User{anaDC, bo} {
		if _, ok := f.settings(u); ok {
			f.t.Errorf("ana's settings leak to %+v", u)
		}
	}
	want = record.Settings{TZ: "UTC"}
	f.apply(record.Change{Settings: &record.UserSettings{Platform: ana.Platform, UserID: ana.UserID, Settings: want}})
	if got, ok := f.settings(ana); !ok || got != want {
		f.t.Errorf("settings replaced: %+v %v, want %+v", got, ok, want)
	}
}

// racks is a small gym's equipment.
func racks() *record.GymRacks {
	return &record.GymRacks{
		KG: coach.Rack{Bar: 20, Plates: []float64{20, 20, 10, 5, 2.5}},
		LB: coach.Rack{Bar: 45, Plates: []float64{45, 45, 25, 10, 5}},
	}
}

// A space's gym is its own, per platform, until it is cleared.
func testGyms(f *fixture) {
	if _, ok := f.gym("discord", "server"); ok {
		f.t.Fatal("a new store has a gym")
	}
	f.apply(record.Change{Gym: &record.SpaceGym{Platform: "discord", Space: "server", Racks: racks()}})
	f.restart()
	if g, ok := f.gym("discord", "server"); !ok || !equal(g, *racks()) {
		f.t.Errorf("gym read back: %+v %v, want %+v", g, ok, *racks())
	}
	for _, sp := range [][2]string{{"telegram", "server"}, {"discord", "other"}} {
		if _, ok := f.gym(sp[0], sp[1]); ok {
			f.t.Errorf("the server's gym leaks to %s/%s", sp[0], sp[1])
		}
	}
	f.apply(record.Change{Gym: &record.SpaceGym{Platform: "discord", Space: "other", Racks: racks()}})
	f.apply(record.Change{Gym: &record.SpaceGym{Platform: "discord", Space: "server"}})
	if _, ok := f.gym("discord", "server"); ok {
		f.t.Error("a cleared gym is still there")
	}
	if _, ok := f.gym("discord", "other"); !ok {
		f.t.Error("clearing one gym cleared another")
	}
}

// ana has sets, settings, import marks, sessions in two chats and a
// pending timer; bo and ana's namesake on discord have theirs.
func populate(f *fixture) []record.ImportedSet {
	imported := rows(ana, 1)
	f.apply(record.Change{
		Sets:      []record.Set{set(ana, 0, "bench press", 100, 5, "a"), set(bo, 0, "bench press", 90, 5, "b"), set(anaDC, 0, "bench press", 80, 5, "c")},
		Session:   &record.Session{Lifter: lifter(ana, "g"), UserName: "ana", Active: guided("s1")},
		AddTimers: []record.Timer{timer(ana, "g", "s1/1", 15*time.Second), timer(bo, "g", "s2/1", 15*time.Second), timer(anaDC, "g", "s3/1", 15*time.Second)},
		Import:    imported,
		Settings:  &record.UserSettings{Platform: ana.Platform, UserID: ana.UserID, Settings: record.Settings{TZ: "UTC"}},
		Gym:       &record.SpaceGym{Platform: ana.Platform, Space: "g", Racks: racks()},
	})
	f.apply(record.Change{Session: &record.Session{Lifter: lifter(bo, "g"), UserName: "bo"}})
	f.apply(record.Change{Session: &record.Session{Lifter: lifter(ana, "private"), UserName: "ana"}})
	f.apply(record.Change{Session: &record.Session{Lifter: lifter(anaDC, "g"), UserName: "ana"}})
	f.apply(record.Change{Settings: &record.UserSettings{Platform: anaDC.Platform, UserID: anaDC.UserID, Settings: record.Settings{TZ: "UTC"}}})
	f.apply(record.Change{Import: rows(anaDC, 1)})
	return imported
}

// Forget removes everything of one user on one platform and nothing of
// anyone else, nor the gyms of the spaces they were in.
func testForget(f *fixture) {
	imported := populate(f)
	if n := f.count(ana); n != 2 {
		f.t.Fatalf("ana has %d sets, want 2", n)
	}
	keep := []record.User{bo, anaDC}
	before := f.snapshot(keep, rows(anaDC, 1))
	f.apply(record.Change{Forget: &ana})
	f.restart()
	if s := f.sets(ana); len(s) != 0 {
		f.t.Errorf("sets left: %v", loads(s))
	}
	if n := f.count(ana); n != 0 {
		f.t.Errorf("%d sets counted", n)
	}
	if s := f.setsOf(ana, "bench press"); len(s) != 0 {
		f.t.Errorf("sets left by exercise: %v", loads(s))
	}
	if _, ok := f.settings(ana); ok {
		f.t.Error("settings left")
	}
	for l := range f.sessions() {
		if l.Platform == ana.Platform && l.UserID == ana.UserID {
			f.t.Errorf("session left in chat %s", l.ChatID)
		}
	}
	for _, tm := range f.timers() {
		if tm.Lifter.Platform == ana.Platform && tm.Lifter.UserID == ana.UserID {
			f.t.Errorf("timer %s left", tm.ID)
		}
	}
	if after := f.snapshot(keep, rows(anaDC, 1)); after != before {
		f.t.Errorf("forgetting ana changed others:\nbefore %s\nafter  %s", before, after)
	}
	if _, ok := f.gym(ana.Platform, "g"); !ok {
		f.t.Error("the chat's gym went with the lifter")
	}
	// Re-importing after forgetting works again: the marks are gone too.
	if fresh := f.notImported(ana, imported); len(fresh) != 1 {
		f.t.Fatalf("after forgetting, %d of 1 imported rows are new", len(fresh))
	}
	f.apply(record.Change{Import: imported})
	if n := f.count(ana); n != 1 {
		f.t.Errorf("import after forget: %d sets", n)
	}
}

// Forget applies after the rest of its change: nothing of the user that
// the same change writes outlives it.
func testForgetLast(f *fixture) {
	imported := rows(ana, 1)
	f.apply(record.Change{
		Sets:      []record.Set{set(ana, 0, "bench press", 100, 5, "a")},
		Session:   &record.Session{Lifter: lifter(ana, "g"), UserName: "ana"},
		AddTimers: []record.Timer{timer(ana, "g", "s1/1", 15*time.Second)},
		Import:    imported,
		Settings:  &record.UserSettings{Platform: ana.Platform, UserID: ana.UserID, Settings: record.Settings{TZ: "UTC"}},
		Forget:    &ana,
	})
	if n := f.count(ana); n != 0 {
		f.t.Errorf("%d sets outlived the forget", n)
	}
	if _, ok := f.settings(ana); ok {
		f.t.Error("settings outlived the forget")
	}
	if s, tm := f.sessions(), f.timers(); len(s) != 0 || len(tm) != 0 {
		f.t.Errorf("sessions %+v and timers %+v outlived the forget", s, tm)
	}
	if fresh := f.notImported(ana, imported); len(fresh) != 1 {
		f.t.Error("import marks outlived the forget")
	}
}
