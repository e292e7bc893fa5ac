// Package storetest is the conformance suite of Spotter's stores. Every
// backend that keeps lifters' data for the hub runs it over real storage
// (a file, a database), so that the hub behaves the same whichever
// backend a deployment uses. The suite speaks only bot.Store: what the
// hub is promised, never how a backend keeps it.
package storetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Backend opens a new, empty store for one test, with reopen, which closes
// the store and opens its data again as a restarted bot would, and returns
// the new handle. The suite may call reopen more than once; the backend
// closes whatever is open when the test ends. Tests run in parallel, each
// with a store of its own.
type Backend func(t *testing.T) (s bot.Store, reopen func() bot.Store)

// Run runs the suite against a backend.
func Run(t *testing.T, open Backend) {
	for _, c := range []struct {
		name string
		run  func(*fixture)
	}{
		{"Sessions", testSessions},
		{"Rounds", testRounds},
		{"TimersInDueOrder", testTimersInDueOrder},
		{"TimersRemovedByRef", testTimersRemovedByRef},
		{"TimersRemovedInBatches", testTimersRemovedInBatches},
		{"SetsAppendAndQuery", testSetsAppendAndQuery},
		{"SetsPerUser", testSetsPerUser},
		{"ExerciseNames", testExerciseNames},
		{"UndoRemovesTheLastEntryOnly", testUndoRemovesTheLastEntryOnly},
		{"UndoOfASetWithoutEntry", testUndoOfASetWithoutEntry},
		{"UndoBeforeSetsOfTheSameChange", testUndoBeforeSets},
		{"UndoOfAnEntryAtItsTime", testUndoOfAnEntryAtItsTime},
		{"ImportTwiceAddsNothing", testImportTwiceAddsNothing},
		{"Settings", testSettings},
		{"Gyms", testGyms},
		{"Boards", testBoards},
		{"ForgetDeletesEverythingOfOneUser", testForget},
		{"ForgetOutlivesTheRestOfItsChange", testForgetLast},
		{"SeenIDs", testSeenIDs},
		{"SeenChangeWritesNothing", testSeenChangeWritesNothing},
		{"RedeliveryOfEachWrite", testRedeliveryOfEachWrite},
		{"OutboxKeptUntilSent", testOutboxKeptUntilSent},
		{"ConcurrentUse", testConcurrentUse},
		{"LinkCodes", testLinkCodes},
		{"Links", testLinks},
		{"ForgetLinked", testForgetLinked},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s, reopen := open(t)
			c.run(&fixture{t: t, s: s, reopen: reopen})
		})
	}
}

// fixture is one test's store, with helpers that fail the test on an
// error.
type fixture struct {
	t      *testing.T
	s      bot.Store
	reopen func() bot.Store
}

// restart closes the store and opens its data again.
func (f *fixture) restart() { f.s = f.reopen() }

func (f *fixture) apply(ch record.Change) {
	f.t.Helper()
	if err := f.s.Apply(ch); err != nil {
		f.t.Fatalf("apply: %v", err)
	}
}

// applySeen applies a change whose message id was applied before: it must
// fail with record.ErrSeen.
func (f *fixture) applySeen(ch record.Change) {
	f.t.Helper()
	if err := f.s.Apply(ch); !errors.Is(err, record.ErrSeen) {
		f.t.Fatalf("applying a change with id %s/%s again: %v, want record.ErrSeen", ch.SeenPlatform, ch.SeenID, err)
	}
}

func (f *fixture) sessions() map[record.Lifter]record.Session {
	f.t.Helper()
	recs, err := f.s.Sessions()
	if err != nil {
		f.t.Fatalf("sessions: %v", err)
	}
	out := map[record.Lifter]record.Session{}
	for _, r := range recs {
		if _, dup := out[r.Lifter]; dup {
			f.t.Fatalf("two session records of %+v", r.Lifter)
		}
		out[r.Lifter] = r
	}
	return out
}

func (f *fixture) timers() []record.Timer {
	f.t.Helper()
	ts, err := f.s.Timers()
	if err != nil {
		f.t.Fatalf("timers: %v", err)
	}
	return ts
}

func (f *fixture) sets(u record.User) []record.Set {
	f.t.Helper()
	s, err := f.s.Sets(u.Platform, u.UserID)
	if err != nil {
		f.t.Fatalf("sets: %v", err)
	}
	return s
}

func (f *fixture) setsOf(u record.User, exercise string) []record.Set {
	f.t.Helper()
	s, err := f.s.SetsOf(u.Platform, u.UserID, exercise)
	if err != nil {
		f.t.Fatalf("sets of %s: %v", exercise, err)
	}
	return s
}

// exerciseNames are u's exercise names, sorted: a backend may return
// them in any order.
func (f *fixture) exerciseNames(u record.User) []string {
	f.t.Helper()
	names, err := f.s.ExerciseNames(u.Platform, u.UserID)
	if err != nil {
		f.t.Fatalf("exercise names: %v", err)
	}
	slices.Sort(names)
	return names
}

func (f *fixture) lastEntry(u record.User) []record.Set {
	f.t.Helper()
	s, err := f.s.LastEntry(u.Platform, u.UserID)
	if err != nil {
		f.t.Fatalf("last entry: %v", err)
	}
	return s
}

func (f *fixture) count(u record.User) int {
	f.t.Helper()
	n, err := f.s.CountSets(u.Platform, u.UserID)
	if err != nil {
		f.t.Fatalf("count sets: %v", err)
	}
	return n
}

func (f *fixture) notImported(u record.User, rows []record.ImportedSet) []record.ImportedSet {
	f.t.Helper()
	out, err := f.s.NotImported(u.Platform, u.UserID, rows)
	if err != nil {
		f.t.Fatalf("not imported: %v", err)
	}
	return out
}

func (f *fixture) settings(u record.User) (record.Settings, bool) {
	f.t.Helper()
	s, ok, err := f.s.Settings(u.Platform, u.UserID)
	if err != nil {
		f.t.Fatalf("settings: %v", err)
	}
	return s, ok
}

func (f *fixture) gym(platform, space string) (record.GymRacks, bool) {
	f.t.Helper()
	g, ok, err := f.s.Gym(platform, space)
	if err != nil {
		f.t.Fatalf("gym: %v", err)
	}
	return g, ok
}

func (f *fixture) seen(platform, id string) bool {
	f.t.Helper()
	ok, err := f.s.Seen(platform, id)
	if err != nil {
		f.t.Fatalf("seen: %v", err)
	}
	return ok
}

// snapshot is everything the store holds of some users (their sessions,
// timers, sets, settings, and which of rows they imported) and of the
// gyms of some spaces (platform, space), as JSON, so that two snapshots
// compare equal exactly when nothing of them changed.
func (f *fixture) snapshot(users []record.User, rows []record.ImportedSet, spaces ...[2]string) string {
	f.t.Helper()
	type sessionState struct {
		Lifter  record.Lifter
		Session record.Session
	}
	type userState struct {
		Sessions    []sessionState
		Timers      []record.Timer
		Sets        []record.Set
		Settings    record.Settings
		HasSettings bool
		NotImported []record.ImportedSet
	}
	type gymState struct {
		Gym record.GymRacks
		Has bool
	}
	var snap struct {
		Users []userState
		Gyms  []gymState
	}
	sessions, timers := f.sessions(), f.timers()
	for _, u := range users {
		var st userState
		for l, r := range sessions {
			if l.Platform == u.Platform && l.UserID == u.UserID {
				st.Sessions = append(st.Sessions, sessionState{l, r})
			}
		}
		slices.SortFunc(st.Sessions, func(a, b sessionState) int { return strings.Compare(a.Lifter.ChatID, b.Lifter.ChatID) })
		for _, tm := range timers {
			if tm.Lifter.Platform == u.Platform && tm.Lifter.UserID == u.UserID {
				st.Timers = append(st.Timers, tm)
			}
		}
		// Timers due together may come in any order.
		slices.SortStableFunc(st.Timers, func(a, b record.Timer) int { return strings.Compare(a.ID, b.ID) })
		st.Sets = f.sets(u)
		st.Settings, st.HasSettings = f.settings(u)
		st.NotImported = f.notImported(u, rows)
		snap.Users = append(snap.Users, st)
	}
	for _, sp := range spaces {
		g, ok := f.gym(sp[0], sp[1])
		snap.Gyms = append(snap.Gyms, gymState{g, ok})
	}
	b, err := json.Marshal(normalize(snap))
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

// normalize puts every time.Time in v in UTC, so that equal instants
// compare equal whatever zone a backend reads them back in.
func normalize[T any](v T) T {
	walk(reflect.ValueOf(&v).Elem())
	return v
}

var timeType = reflect.TypeFor[time.Time]()

func walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			if v.CanSet() {
				v.Set(reflect.ValueOf(v.Interface().(time.Time).UTC()))
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walk(v.Field(i))
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walk(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			walk(e)
			v.SetMapIndex(k, e)
		}
	}
}

// equal reports whether a and b hold the same values, times compared as
// instants.
func equal[T any](a, b T) bool { return reflect.DeepEqual(normalize(a), normalize(b)) }

// t0 is a fixed time the suite's data starts at.
var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

var (
	ana   = record.User{Platform: "telegram", UserID: "42"}
	bo    = record.User{Platform: "telegram", UserID: "43"}
	anaDC = record.User{Platform: "discord", UserID: "42"} // another person with the same id elsewhere
)

// lifter is u in a chat.
func lifter(u record.User, chat string) record.Lifter {
	return record.Lifter{Platform: u.Platform, ChatID: chat, UserID: u.UserID}
}

// set is one set of u at t0+min minutes.
func set(u record.User, min int, exercise string, load float64, reps int, entry string) record.Set {
	return record.Set{Platform: u.Platform, UserID: u.UserID, ChatID: "gym",
		Lift: coach.Lift{At: t0.Add(time.Duration(min) * time.Minute), Exercise: exercise, Load: load, Unit: coach.KG, Reps: reps, Entry: entry, Kind: coach.KindWork}}
}

// loads lists the sets' loads, to say in a failure what was there.
func loads(sets []record.Set) []float64 {
	out := make([]float64, len(sets))
	for i, s := range sets {
		out[i] = s.Load
	}
	return out
}
