package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// exported is everything Export* read of a store.
type exported struct {
	Sessions  []record.Session
	Timers    []record.Timer
	Outbox    []record.Outgoing
	Settings  []record.UserSettings
	Gyms      []record.SpaceGym
	Users     []record.User
	Histories [][]record.Set
	MarkUsers []record.User
	Marks     [][]record.RowID
	Seen      [][2]string
}

func exportAll(t *testing.T, db *store.DB) exported {
	t.Helper()
	ctx := context.Background()
	var e exported
	for _, err := range []error{
		db.ExportSessions(ctx, func(s record.Session) error { e.Sessions = append(e.Sessions, s); return nil }),
		db.ExportTimers(ctx, func(tm record.Timer) error { e.Timers = append(e.Timers, tm); return nil }),
		db.ExportOutbox(ctx, func(o record.Outgoing) error { e.Outbox = append(e.Outbox, o); return nil }),
		db.ExportSettings(ctx, func(s record.UserSettings) error { e.Settings = append(e.Settings, s); return nil }),
		db.ExportGyms(ctx, func(g record.SpaceGym) error { e.Gyms = append(e.Gyms, g); return nil }),
		db.ExportHistories(ctx, func(u record.User, sets []record.Set) error {
			e.Users, e.Histories = append(e.Users, u), append(e.Histories, sets)
			return nil
		}),
		db.ExportImportMarks(ctx, func(u record.User, rows []record.RowID) error {
			e.MarkUsers, e.Marks = append(e.MarkUsers, u), append(e.Marks, rows)
			return nil
		}),
		db.ExportSeen(ctx, func(p, id string) error { e.Seen = append(e.Seen, [2]string{p, id}); return nil }),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// putAll writes e into db through the Put methods.
func putAll(t *testing.T, db *store.DB, e exported, histories bool) {
	t.Helper()
	ctx := context.Background()
	errs := []error{
		db.PutSettings(ctx, e.Settings), db.PutGyms(ctx, e.Gyms), db.PutSessions(ctx, e.Sessions),
		db.PutTimers(ctx, e.Timers), db.PutOutbox(ctx, e.Outbox), db.PutSeen(ctx, e.Seen),
	}
	for i, u := range e.MarkUsers {
		errs = append(errs, db.PutImportMarks(ctx, u, e.Marks[i]))
	}
	if histories {
		for i, u := range e.Users {
			errs = append(errs, db.AppendHistory(ctx, u, e.Histories[i]))
		}
	}
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// What a data file exports, put into a new one, exports alike; putting
// it again changes nothing but a history appended twice.
func TestExportPutRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, err := store.Open(filepath.Join(dir, "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	t0 := time.Date(2026, 5, 4, 18, 0, 0, 0, time.UTC)
	ana, bo := record.User{Platform: "telegram", UserID: "42"}, record.User{Platform: "discord", UserID: "7"}
	set := func(u record.User, min int, entry string) record.Set {
		return record.Set{Platform: u.Platform, UserID: u.UserID, ChatID: "c",
			Lift: coach.Lift{At: t0.Add(time.Duration(min) * time.Minute), Exercise: "Bench Press", Load: float64(100 + min), Unit: coach.KG, Reps: 5, Entry: entry, Note: "x\x00y"}}
	}
	changes := []record.Change{
		{SeenPlatform: "telegram", SeenID: "1", Sets: []record.Set{set(ana, 0, "a"), set(ana, 0, "a"), set(bo, 1, "b")},
			Session:   &record.Session{Lifter: record.Lifter{Platform: "telegram", ChatID: "c", UserID: "42"}, UserName: "ana", UpdatedAt: t0},
			AddTimers: []record.Timer{{Due: t0, ID: "s/1", Lifter: record.Lifter{Platform: "telegram", ChatID: "c", UserID: "42"}, Step: &record.TimerStep{RepsLo: 3}}},
			Settings:  &record.UserSettings{Platform: "telegram", UserID: "42", Settings: record.Settings{TZ: "UTC"}},
			Gym:       &record.SpaceGym{Platform: "discord", Space: "srv", Racks: &record.GymRacks{KG: coach.Rack{Bar: 20, Plates: []float64{20}}}},
			Outbox:    []record.Outgoing{{ID: "0001", Platform: "telegram", ChatID: "c", At: t0, Data: []byte("hi")}}},
		{SeenPlatform: "discord", SeenID: "2", Import: []record.ImportedSet{{Set: set(bo, -100, "imp"), Row: record.RowID{1}}, {Set: set(bo, -100, "imp"), Row: record.RowID{2}}}},
	}
	for i := range 20 {
		changes = append(changes, record.Change{SeenPlatform: "telegram", SeenID: fmt.Sprint("m", i)})
	}
	for _, ch := range changes {
		if err := a.Apply(ch); err != nil {
			t.Fatal(err)
		}
	}
	want := exportAll(t, a)
	if len(want.Users) != 2 || len(want.Histories[1]) != 2 || len(want.Marks) != 1 || len(want.Seen) != 22 || len(want.Gyms) != 1 {
		t.Fatalf("exported too little: %+v", want)
	}
	if want.Seen[0] != [2]string{"telegram", "1"} || want.Seen[21] != [2]string{"telegram", "m19"} {
		t.Errorf("seen ids not oldest first: %q", want.Seen)
	}

	b, err := store.Open(filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	putAll(t, b, want, true)
	if got := exportAll(t, b); !reflect.DeepEqual(got, want) {
		t.Fatalf("put into a new file, exported:\n%+v\nwant\n%+v", got, want)
	}
	putAll(t, b, want, false)
	if got := exportAll(t, b); !reflect.DeepEqual(got, want) {
		t.Fatalf("put twice, exported:\n%+v\nwant\n%+v", got, want)
	}
	if ok, _ := b.Seen("discord", "2"); !ok {
		t.Error("a copied message id is not seen")
	}
	if fresh, _ := b.NotImported(bo.Platform, bo.UserID, changes[1].Import); len(fresh) != 0 {
		t.Errorf("copied import marks: %d rows new", len(fresh))
	}
	if err := b.AppendHistory(context.Background(), ana, []record.Set{set(bo, 0, "x")}); err == nil {
		t.Error("appended another user's set to a history")
	}
}
