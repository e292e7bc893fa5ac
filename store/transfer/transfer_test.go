package transfer_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/internal/pgtest"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
	"github.com/spotter-coach/spotter/store/pg"
	"github.com/spotter-coach/spotter/store/transfer"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// reader is what the test reads back of a store: bot.Store's questions.
type reader = bot.Store

var (
	t0     = time.Date(2026, 5, 4, 18, 0, 0, 0, time.UTC)
	users  = []record.User{{Platform: "telegram", UserID: "42"}, {Platform: "telegram", UserID: "43"}, {Platform: "discord", UserID: "42"}}
	spaces = []string{"-100", "server"}
)

func set(u record.User, min int, exercise string, load float64, entry, note string) record.Set {
	return record.Set{Platform: u.Platform, UserID: u.UserID, ChatID: "-100",
		Lift: coach.Lift{At: t0.Add(time.Duration(min) * time.Minute), Exercise: exercise, Load: load, Unit: coach.KG, Reps: 5,
			RPE: 8.5, Entry: entry, Kind: coach.KindWork, Note: note}}
}

func rows(u record.User, n int) []record.ImportedSet {
	out := make([]record.ImportedSet, n)
	for i := range out {
		out[i] = record.ImportedSet{Set: set(u, -2000+i%7, "sled push", 60, "import-20260502", ""), Row: record.RowID{byte(i), byte(i >> 8), 0xfe}}
	}
	return out
}

// populate writes some of everything into s.
func populate(t *testing.T, s reader) {
	t.Helper()
	apply := func(ch record.Change) {
		t.Helper()
		if err := s.Apply(ch); err != nil {
			t.Fatal(err)
		}
	}
	for i, u := range users {
		apply(record.Change{SeenPlatform: u.Platform, SeenID: fmt.Sprint("m", i),
			// One time, written in this order.
			Sets:    []record.Set{set(u, 0, "bench press", 100, "a", "felt heavy"), set(u, 0, "Bench Press", 90, "a", "a\x00b"), set(u, 0, "deadlift", 180, "a", "\xff")},
			Session: &record.Session{Lifter: record.Lifter{Platform: u.Platform, ChatID: "-100", UserID: u.UserID}, UserName: "ana", Group: true, UpdatedAt: t0},
			AddTimers: []record.Timer{{Due: t0.Add(time.Duration(i) * time.Second), ID: fmt.Sprint("s", i, "/1"),
				Lifter: record.Lifter{Platform: u.Platform, ChatID: "-100", UserID: u.UserID}, Text: "go", Created: t0,
				Step: &record.TimerStep{Kind: coach.StepKind(1), RepsLo: 3, RepsHi: 5}}},
			Settings: &record.UserSettings{Platform: u.Platform, UserID: u.UserID, Settings: record.Settings{TZ: "Europe/Berlin", Unit: coach.LB, UnitSet: true}},
			Outbox:   []record.Outgoing{{ID: fmt.Sprintf("%010d-0000", i), Platform: u.Platform, ChatID: "-100", At: t0, Data: []byte{0, 1, byte(i)}}},
		})
		apply(record.Change{Sets: []record.Set{set(u, 10, "back squat", 140, "b", "")}})
		apply(record.Change{Sets: []record.Set{set(u, 20, "back squat", 150, "c", "")}})
		apply(record.Change{Undo: &record.EntryRef{Platform: u.Platform, UserID: u.UserID, Entry: "c"}})
		apply(record.Change{Import: rows(u, 100+50*i)})
		apply(record.Change{Sets: []record.Set{set(u, -5000, "front squat", 80, "past", "")}})
	}
	apply(record.Change{Gym: &record.SpaceGym{Platform: "telegram", Space: "-100", Racks: &record.GymRacks{KG: coach.Rack{Bar: 20, Plates: []float64{25, 20, 10, 5}}}}})
	apply(record.Change{Gym: &record.SpaceGym{Platform: "discord", Space: "server", Racks: &record.GymRacks{LB: coach.Rack{Bar: 45, Plates: []float64{45, 25}}}}})
	for i := range 300 {
		apply(record.Change{SeenPlatform: "telegram", SeenID: fmt.Sprint("seen-", i)})
	}
	apply(record.Change{Link: &record.Link{First: users[0], Second: users[2], At: t0}})
	apply(record.Change{Board: &record.Board{Platform: "telegram", ChatID: "-100", Set: true, Day: time.Sunday, Hour: 18, TZ: "Europe/Berlin", Posted: t0}})
}

// sameData fails t unless a and b answer every question alike.
func sameData(t *testing.T, what string, a, b reader) {
	t.Helper()
	check := func(q string, x, y any, errs ...error) {
		t.Helper()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("%s: %s: %v", what, q, err)
			}
		}
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("%s: %s differ:\n%+v\n%+v", what, q, x, y)
		}
	}
	s1, e1 := a.Sessions()
	s2, e2 := b.Sessions()
	sortSessions := func(s []record.Session) {
		slices.SortFunc(s, func(x, y record.Session) int { return strings.Compare(fmt.Sprint(x.Lifter), fmt.Sprint(y.Lifter)) })
	}
	sortSessions(s1)
	sortSessions(s2)
	check("sessions", s1, s2, e1, e2)
	t1, e1 := a.Timers()
	t2, e2 := b.Timers()
	check("timers", t1, t2, e1, e2)
	o1, e1 := a.Outbox()
	o2, e2 := b.Outbox()
	check("outbox", o1, o2, e1, e2)
	b1, e1 := a.Boards()
	b2, e2 := b.Boards()
	check("board posts", b1, b2, e1, e2)
	for _, p := range []string{"telegram", "discord"} {
		for _, sp := range spaces {
			g1, ok1, e1 := a.Gym(p, sp)
			g2, ok2, e2 := b.Gym(p, sp)
			check("gym "+p+"/"+sp, []any{g1, ok1}, []any{g2, ok2}, e1, e2)
		}
	}
	for i := range 300 {
		k1, e1 := a.Seen("telegram", fmt.Sprint("seen-", i))
		k2, e2 := b.Seen("telegram", fmt.Sprint("seen-", i))
		check("seen", k1, k2, e1, e2)
		if !k1 {
			t.Fatalf("%s: seen-%d forgotten", what, i)
		}
	}
	for _, u := range users {
		x, e1 := a.Sets(u.Platform, u.UserID)
		y, e2 := b.Sets(u.Platform, u.UserID)
		check("sets of "+u.UserID, x, y, e1, e2)
		x, e1 = a.SetsOf(u.Platform, u.UserID, "bench press")
		y, e2 = b.SetsOf(u.Platform, u.UserID, "bench press")
		check("bench of "+u.UserID, x, y, e1, e2)
		n1, e1 := a.ExerciseNames(u.Platform, u.UserID)
		n2, e2 := b.ExerciseNames(u.Platform, u.UserID)
		slices.Sort(n1)
		slices.Sort(n2)
		check("names of "+u.UserID, n1, n2, e1, e2)
		x, e1 = a.LastEntry(u.Platform, u.UserID)
		y, e2 = b.LastEntry(u.Platform, u.UserID)
		check("last entry of "+u.UserID, x, y, e1, e2)
		st1, ok1, e1 := a.Settings(u.Platform, u.UserID)
		st2, ok2, e2 := b.Settings(u.Platform, u.UserID)
		check("settings of "+u.UserID, []any{st1, ok1}, []any{st2, ok2}, e1, e2)
		file := rows(u, 300)
		i1, e1 := a.NotImported(u.Platform, u.UserID, file)
		i2, e2 := b.NotImported(u.Platform, u.UserID, file)
		check("not imported of "+u.UserID, i1, i2, e1, e2)
		l1, ok1, e1 := a.Linked(u.Platform, u.UserID)
		l2, ok2, e2 := b.Linked(u.Platform, u.UserID)
		l1.At, l2.At = l1.At.UTC(), l2.At.UTC()
		check("link of "+u.Platform+"/"+u.UserID, []any{l1, ok1}, []any{l2, ok2}, e1, e2)
	}
}

func openBolt(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPG(t *testing.T, url string) *pg.DB {
	t.Helper()
	db, err := pg.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// bbolt -> PostgreSQL -> a new bbolt file: everything arrives, counted
// and read back alike; copying again adds nothing.
func TestCopyThereAndBack(t *testing.T) {
	ctx := context.Background()
	a := openBolt(t, filepath.Join(t.TempDir(), "a.db"))
	populate(t, a)
	p := openPG(t, pgtest.Start(t))

	start := time.Now()
	src, dst, err := transfer.Copy(ctx, a, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("bbolt -> pg in %v: %s", time.Since(start).Round(time.Millisecond), dst)
	want := transfer.Counts{Sessions: 3, Timers: 3, Outbox: 3, Settings: 3, Gyms: 2, Users: 3, Sets: 3*5 + 100 + 150 + 200,
		ImportMarks: 100 + 150 + 200, Seen: 303, Links: 1, Boards: 1}
	if src != want || dst != want {
		t.Fatalf("counts:\nsource      %+v\ndestination %+v\nwant        %+v", src, dst, want)
	}
	sameData(t, "bbolt -> pg", a, p)

	b := openBolt(t, filepath.Join(t.TempDir(), "b.db"))
	if _, dst, err := transfer.Copy(ctx, p, b); err != nil || dst != want {
		t.Fatalf("pg -> bbolt: %+v, %v", dst, err)
	}
	sameData(t, "pg -> bbolt", p, b)
	sameData(t, "bbolt -> pg -> bbolt", a, b)

	// Again, both ways: nothing more.
	for _, c := range []struct {
		name     string
		from     transfer.Exporter
		to       transfer.Store
		readFrom reader
		readTo   reader
	}{{"bbolt -> pg", a, p, a, p}, {"pg -> bbolt", p, b, p, b}} {
		if src, dst, err := transfer.Copy(ctx, c.from, c.to); err != nil || src != want || dst != want {
			t.Fatalf("%s again: %+v, %+v, %v", c.name, src, dst, err)
		}
		sameData(t, c.name+" again", c.readFrom, c.readTo)
	}

	// The copy goes on as the original would: an undo, a redelivery.
	for _, s := range []reader{a, p, b} {
		if err := s.Apply(record.Change{SeenPlatform: "telegram", SeenID: "seen-7"}); err == nil {
			t.Error("a message seen before the copy was applied again after it")
		}
		if err := s.Apply(record.Change{Undo: &record.EntryRef{Platform: "telegram", UserID: "42", Entry: "past", At: t0.Add(-5000 * time.Minute)}}); err != nil {
			t.Fatal(err)
		}
	}
	sameData(t, "after an undo on each", a, p)
	sameData(t, "after an undo on each", a, b)
}

// Copy refuses to merge a history into another one.
func TestCopyRefusesToMerge(t *testing.T) {
	ctx := context.Background()
	a := openBolt(t, filepath.Join(t.TempDir(), "a.db"))
	populate(t, a)
	p := openPG(t, pgtest.Start(t))
	if err := p.Apply(record.Change{Sets: []record.Set{set(users[1], 0, "curl", 20, "x", "")}}); err != nil {
		t.Fatal(err)
	}
	_, _, err := transfer.Copy(ctx, a, p)
	if err == nil || !strings.Contains(err.Error(), "not merging") {
		t.Fatalf("copy over another history: %v", err)
	}
}

// The command copies, says what both hold, and names the database
// without its password.
func TestMain_CopyCommand(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a.db")
	a := openBolt(t, path)
	populate(t, a)
	a.Close()
	url := pgtest.Start(t)
	var out, errs bytes.Buffer
	if code := transfer.Main(ctx, []string{path, url}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out.String(), errs.String())
	}
	t.Log(out.String())
	if !strings.Contains(out.String(), "465 sets of 3 users") || strings.Count(out.String(), "465 sets") != 2 {
		t.Errorf("output: %s", out.String())
	}
	if pw := passwordOf(url); pw != "" && strings.Contains(out.String()+errs.String(), pw) {
		t.Errorf("the output shows the password: %s", out.String())
	}
	if code := transfer.Main(ctx, []string{path}, &out, &errs); code != 2 {
		t.Errorf("one argument: exit %d", code)
	}
}

func passwordOf(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return ""
	}
	userinfo, _, ok := strings.Cut(rest, "@")
	if !ok {
		return ""
	}
	_, pw, _ := strings.Cut(userinfo, ":")
	return pw
}
