package storetest

import (
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Sets are appended and come back whole: all of them oldest first, those
// of one exercise, those since a time, and the latest that a filter keeps.
func testSetsAppendAndQuery(f *fixture) {
	if s, n := f.sets(ana), f.count(ana); len(s) != 0 || n != 0 {
		f.t.Fatalf("a new store holds sets: %+v (%d)", s, n)
	}
	full := record.Set{Platform: ana.Platform, UserID: ana.UserID, ChatID: "-100",
		Lift: coach.Lift{At: t0.Add(3), Exercise: "back squat", Load: 102.5, Unit: coach.LB, Reps: 8, RPE: 8.5,
			Technique: "rest_pause", Session: "s1", Entry: "s1/0", Kind: coach.KindFailure}}
	bench1, bench2 := set(ana, 10, "bench press", 100, 5, "log-1"), set(ana, 10, "bench press", 90, 5, "log-1")
	squat := set(ana, 20, "back squat", 140, 3, "log-2")
	bench3 := set(ana, 30, "bench press", 80, 10, "log-3")
	f.apply(record.Change{Sets: []record.Set{full}})
	f.apply(record.Change{Sets: []record.Set{bench1, bench2}}) // one time, written in this order
	f.apply(record.Change{Sets: []record.Set{squat}})
	f.apply(record.Change{Sets: []record.Set{bench3}})
	f.restart()

	all := []record.Set{full, bench1, bench2, squat, bench3}
	if got := f.sets(ana); !equal(got, all) {
		f.t.Fatalf("sets read back: %v\nwant %v\n%+v", loads(got), loads(all), got)
	}
	if n := f.count(ana); n != 5 {
		f.t.Errorf("count %d, want 5", n)
	}
	benches := []record.Set{bench1, bench2, bench3}
	for _, name := range []string{"bench press", "Bench Press", " bench press "} {
		if got := f.setsOf(ana, name); !equal(got, benches) {
			f.t.Errorf("sets of %q: %v, want %v", name, loads(got), loads(benches))
		}
	}
	if got := f.setsOf(ana, "deadlift"); len(got) != 0 {
		f.t.Errorf("sets of an exercise never done: %v", loads(got))
	}
	since, err := f.s.SetsSince(ana.Platform, ana.UserID, squat.At)
	if err != nil {
		f.t.Fatal(err)
	}
	if want := []record.Set{squat, bench3}; !equal(since, want) {
		f.t.Errorf("sets since the squat (inclusive): %v, want %v", loads(since), loads(want))
	}
	if since, _ := f.s.SetsSince(ana.Platform, ana.UserID, bench3.At.Add(1)); len(since) != 0 {
		f.t.Errorf("sets since after the last: %v", loads(since))
	}

	last, err := f.s.LastSets(ana.Platform, ana.UserID, 3, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	if want := []record.Set{bench3, squat, bench2}; !equal(last, want) {
		f.t.Errorf("last 3: %v, want %v (newest first)", loads(last), loads(want))
	}
	heavy := func(s *record.Set) bool { return s.Load >= 100 }
	last, err = f.s.LastSets(ana.Platform, ana.UserID, 2, heavy)
	if err != nil {
		f.t.Fatal(err)
	}
	if want := []record.Set{squat, bench1}; !equal(last, want) {
		f.t.Errorf("last 2 of at least 100: %v, want %v", loads(last), loads(want))
	}
	if last, _ := f.s.LastSets(ana.Platform, ana.UserID, 50, heavy); !equal(last, []record.Set{squat, bench1, full}) {
		f.t.Errorf("last 50 of at least 100: %v, want all 3", loads(last))
	}
}

// A user's history is theirs: per user and per platform, across chats.
func testSetsPerUser(f *fixture) {
	inGroup, inDM := set(ana, 1, "bench press", 100, 5, "a"), set(ana, 2, "bench press", 102.5, 5, "b")
	inDM.ChatID = "42"
	f.apply(record.Change{Sets: []record.Set{inGroup, set(bo, 1, "bench press", 60, 5, "c"), inDM}})
	f.apply(record.Change{Sets: []record.Set{set(anaDC, 1, "bench press", 70, 5, "d")}})
	if got := f.sets(ana); !equal(got, []record.Set{inGroup, inDM}) {
		f.t.Errorf("ana's history across chats: %v", loads(got))
	}
	for _, u := range []record.User{bo, anaDC} {
		if got, n := f.setsOf(u, "bench press"), f.count(u); len(got) != 1 || n != 1 {
			f.t.Errorf("%+v: %v (%d)", u, loads(got), n)
		}
	}
	if got := f.sets(record.User{Platform: "telegram", UserID: "4"}); len(got) != 0 {
		f.t.Errorf("a stranger's history: %v", loads(got))
	}
}

// Undo removes the sets of the last entry the hub read, only those, from
// every way of reading the history; naming an entry that is no longer the
// last removes nothing.
func testUndoRemovesTheLastEntryOnly(f *fixture) {
	a, b1, b2 := set(ana, 0, "bench press", 100, 5, "a"), set(ana, 1, "bench press", 80, 10, "b"), set(ana, 1, "back squat", 70, 8, "b")
	f.apply(record.Change{Sets: []record.Set{a, b1, b2, set(bo, 60, "bench press", 60, 5, "c")}})
	last := f.lastEntry(ana)
	if want := []record.Set{b2, b1}; !equal(last, want) {
		f.t.Fatalf("last entry: %v, want %v (newest first)", loads(last), loads(want))
	}
	f.apply(record.Change{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: last[0].Entry}})
	if left := f.sets(ana); !equal(left, []record.Set{a}) {
		f.t.Errorf("left %v", loads(left))
	}
	if left := f.setsOf(ana, "back squat"); len(left) != 0 {
		f.t.Errorf("undone squat still found by exercise: %v", loads(left))
	}
	if left := f.setsOf(ana, "Bench Press"); !equal(left, []record.Set{a}) {
		f.t.Errorf("bench press by exercise after undo: %v, want the set kept only", loads(left))
	}
	if left, _ := f.s.LastSets(ana.Platform, ana.UserID, 10, nil); !equal(left, []record.Set{a}) {
		f.t.Errorf("last sets after undo: %v", loads(left))
	}
	if other := f.sets(bo); len(other) != 1 {
		f.t.Errorf("undo touched another lifter: %v", loads(other))
	}
	// The same undo again names an entry that is gone: nothing happens.
	f.apply(record.Change{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: "b"}})
	if left := f.sets(ana); len(left) != 1 {
		f.t.Errorf("a stale undo removed sets: %v", loads(left))
	}
	f.restart()
	if last := f.lastEntry(ana); !equal(last, []record.Set{a}) {
		f.t.Fatalf("last entry after a restart: %v", loads(last))
	}
	f.apply(record.Change{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: "a"}})
	if last := f.lastEntry(ana); len(last) != 0 {
		f.t.Errorf("nothing left, yet the last entry is %v", loads(last))
	}
	f.apply(record.Change{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: "a"}})
	if n := f.count(ana); n != 0 {
		f.t.Errorf("%d sets after undoing everything", n)
	}
}

// A set written without an entry is an entry of its own.
func testUndoOfASetWithoutEntry(f *fixture) {
	x, y, z := set(ana, 0, "bench press", 100, 5, "a"), set(ana, 1, "bench press", 90, 5, ""), set(ana, 2, "bench press", 80, 5, "")
	f.apply(record.Change{Sets: []record.Set{x, y, z}})
	last := f.lastEntry(ana)
	if !equal(last, []record.Set{z}) {
		f.t.Fatalf("last entry: %v, want only the newest set", loads(last))
	}
	f.apply(record.Change{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID}})
	if left := f.sets(ana); !equal(left, []record.Set{x, y}) {
		f.t.Errorf("left %v", loads(left))
	}
}

// Undo applies before the sets of its change: it never removes them.
func testUndoBeforeSets(f *fixture) {
	old, fresh := set(ana, 0, "bench press", 100, 5, "a"), set(ana, 1, "bench press", 90, 5, "a")
	f.apply(record.Change{Sets: []record.Set{old}})
	f.apply(record.Change{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: "a"}, Sets: []record.Set{fresh}})
	if left := f.sets(ana); !equal(left, []record.Set{fresh}) {
		f.t.Errorf("left %v, want only the set the change added", loads(left))
	}
}

// rows are imported sets of u from one file.
func rows(u record.User, n int) []record.ImportedSet {
	out := make([]record.ImportedSet, n)
	for i := range out {
		// Identical rows (two warm-ups of one weight) differ by their row.
		out[i] = record.ImportedSet{Set: set(u, -1000, "bench press", 60, 10, "import-20261122"), Row: record.RowID{byte(i), 0xfe}}
	}
	return out
}

// Importing the same rows twice adds nothing; another user's rows are
// theirs to import.
func testImportTwiceAddsNothing(f *fixture) {
	file := rows(ana, 3)
	if fresh := f.notImported(ana, file); !equal(fresh, file) {
		f.t.Fatalf("nothing imported yet, but only %d of 3 rows are new", len(fresh))
	}
	f.apply(record.Change{Import: file[:2]})
	if fresh := f.notImported(ana, file); !equal(fresh, file[2:]) {
		f.t.Fatalf("after importing 2 rows, new: %+v", fresh)
	}
	f.apply(record.Change{Import: file})
	f.restart()
	if fresh := f.notImported(ana, file); len(fresh) != 0 {
		f.t.Errorf("every row imported, yet %d are new", len(fresh))
	}
	f.apply(record.Change{Import: file})
	want := []record.Set{file[0].Set, file[1].Set, file[2].Set}
	if got := f.sets(ana); !equal(got, want) {
		f.t.Errorf("after importing the file twice: %d sets, want 3", len(got))
	}
	if got := f.setsOf(ana, "bench press"); len(got) != 3 {
		f.t.Errorf("imported sets by exercise: %d, want 3", len(got))
	}
	theirs := rows(bo, 1)
	if fresh := f.notImported(bo, theirs); len(fresh) != 1 {
		f.t.Errorf("another user's row counts as imported")
	}
	f.apply(record.Change{Import: theirs})
	if got := f.sets(bo); len(got) != 1 {
		f.t.Errorf("another user's import: %d sets", len(got))
	}
}

// The names of a user's exercises are those of their sets, each once, in
// lower case: logged, imported, with the undo of an exercise's last set
// and forget taking theirs away; another user's are theirs.
func testExerciseNames(f *fixture) {
	if names := f.exerciseNames(ana); len(names) != 0 {
		f.t.Fatalf("a new store has names: %q", names)
	}
	f.apply(record.Change{Sets: []record.Set{set(ana, 0, "bench press", 100, 5, "a"), set(ana, 0, "Bench Press", 90, 5, "a"),
		set(bo, 0, "deadlift", 180, 3, "b"), set(anaDC, 0, "chin up", 0, 8, "c")}})
	f.apply(record.Change{Sets: []record.Set{set(ana, 1, "cossack squat", 20, 8, "d")}})
	imported := rows(ana, 1)
	imported[0].Set.Exercise = "sled push"
	f.apply(record.Change{Import: imported})
	f.restart()
	if names := f.exerciseNames(ana); !equal(names, []string{"bench press", "cossack squat", "sled push"}) {
		f.t.Errorf("ana's names: %q", names)
	}
	if names := f.exerciseNames(bo); !equal(names, []string{"deadlift"}) {
		f.t.Errorf("bo's names: %q", names)
	}
	f.apply(record.Change{Undo: &record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: "d"}})
	if names := f.exerciseNames(ana); !equal(names, []string{"bench press", "sled push"}) {
		f.t.Errorf("after the undo of the only cossack squat: %q", names)
	}
	f.apply(record.Change{Forget: &ana})
	if names := f.exerciseNames(ana); len(names) != 0 {
		f.t.Errorf("after forget: %q", names)
	}
	if names := f.exerciseNames(anaDC); !equal(names, []string{"chin up"}) {
		f.t.Errorf("ana on discord after ana on telegram forgot: %q", names)
	}
}

// An entry named with its time is found and undone where it stands in
// the history: a line logged for yesterday sits before today's sets, and
// beside another entry stamped at the same time.
func testUndoOfAnEntryAtItsTime(f *fixture) {
	today := set(ana, 60, "bench press", 100, 5, "today")
	past1, past2 := set(ana, 0, "back squat", 120, 5, "past"), set(ana, 0, "back squat", 110, 5, "past")
	beside := set(ana, 0, "deadlift", 150, 3, "beside")
	f.apply(record.Change{Sets: []record.Set{today}})
	f.apply(record.Change{Sets: []record.Set{beside}})
	f.apply(record.Change{Sets: []record.Set{past1, past2}})
	ref := record.EntryRef{Platform: ana.Platform, UserID: ana.UserID, Entry: "past", At: past1.At}
	got, err := f.s.Entry(ref)
	if err != nil {
		f.t.Fatal(err)
	}
	if want := []record.Set{past2, past1}; !equal(got, want) {
		f.t.Fatalf("entry at its time: %v, want %v (newest first)", loads(got), loads(want))
	}
	f.apply(record.Change{Undo: &ref})
	if left := f.sets(ana); !equal(left, []record.Set{beside, today}) {
		f.t.Errorf("left %v, want the entry beside it and today's", loads(left))
	}
	if left := f.setsOf(ana, "back squat"); len(left) != 0 {
		f.t.Errorf("undone squats still found by exercise: %v", loads(left))
	}
	if got, _ := f.s.Entry(ref); len(got) != 0 {
		f.t.Errorf("an undone entry is still found: %v", loads(got))
	}
	f.apply(record.Change{Undo: &ref}) // again: nothing more goes
	if n := f.count(ana); n != 2 {
		f.t.Errorf("%d sets after undoing the same entry twice, want 2", n)
	}
}
