package pg_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
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
)

// backend is what the differential test drives: bot.Store and
// ApplyContext.
type backend interface {
	bot.Store
	ApplyContext(context.Context, record.Change) error
}

var (
	_ backend = (*pg.DB)(nil)
	_ backend = (*store.DB)(nil)
)

// The PostgreSQL store answers every question as the bbolt store does
// after the same random changes: sets with ties of time, entries, undo of
// the last entry and of an entry at its time, imports of repeated and
// already imported rows (large ones too), odd bytes in names and notes,
// timers, sessions, settings, gyms, replies, forget, redelivered ids.
func TestSameAsBbolt(t *testing.T) {
	ctx := context.Background()
	pdb := open(t, pgtest.Start(t))
	bdb, err := store.Open(filepath.Join(t.TempDir(), "spotter.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	g := newGen(rand.New(rand.NewPCG(1, 2)))
	const steps = 600
	for i := range steps {
		ch := g.change(i)
		e1, e2 := bdb.ApplyContext(ctx, ch), pdb.ApplyContext(ctx, ch)
		if (e1 == nil) != (e2 == nil) || errors.Is(e1, record.ErrSeen) != errors.Is(e2, record.ErrSeen) {
			t.Fatalf("step %d: bbolt %v, pg %v", i, e1, e2)
		}
		if i%50 == 49 || i == steps-1 {
			compare(t, fmt.Sprint("step ", i), g, bdb, pdb)
		}
	}
	var counts []int
	for _, u := range g.users {
		n, _ := pdb.CountSets(u.Platform, u.UserID)
		counts = append(counts, n)
	}
	ts, _ := pdb.Timers()
	out, _ := pdb.Outbox()
	ss, _ := pdb.Sessions()
	t.Logf("in the end: sets %v, %d timers, %d replies, %d sessions", counts, len(ts), len(out), len(ss))
	if slices.Max(counts) == 0 || len(ts) == 0 || len(out) == 0 || len(ss) == 0 {
		t.Error("the changes left too little to compare")
	}
}

func compare(t *testing.T, when string, g *gen, a, b backend) {
	t.Helper()
	check := func(what string, x, y any, e1, e2 error) {
		t.Helper()
		if e1 != nil || e2 != nil {
			t.Fatalf("%s: %s: bbolt %v, pg %v", when, what, e1, e2)
		}
		if !same(x, y) {
			t.Fatalf("%s: %s differ:\nbbolt %+v\npg    %+v", when, what, x, y)
		}
	}
	s1, e1 := a.Sessions()
	s2, e2 := b.Sessions()
	byLifter := func(x, y record.Session) int {
		return strings.Compare(fmt.Sprint(x.Lifter), fmt.Sprint(y.Lifter))
	}
	slices.SortFunc(s1, byLifter)
	slices.SortFunc(s2, byLifter)
	check("sessions", s1, s2, e1, e2)
	t1, e1 := a.Timers()
	t2, e2 := b.Timers()
	check("timers", t1, t2, e1, e2)
	o1, e1 := a.Outbox()
	o2, e2 := b.Outbox()
	check("outbox", o1, o2, e1, e2)
	for _, sp := range g.spaces {
		g1, ok1, e1 := a.Gym("telegram", sp)
		g2, ok2, e2 := b.Gym("telegram", sp)
		check("gym "+sp, []any{g1, ok1}, []any{g2, ok2}, e1, e2)
	}
	for _, id := range g.seenIDs {
		k1, e1 := a.Seen("telegram", id)
		k2, e2 := b.Seen("telegram", id)
		check("seen "+id, k1, k2, e1, e2)
	}
	for _, u := range g.users {
		p, id := u.Platform, u.UserID
		who := p + "/" + id
		x, e1 := a.Sets(p, id)
		y, e2 := b.Sets(p, id)
		check("sets of "+who, x, y, e1, e2)
		n1, e1 := a.CountSets(p, id)
		n2, e2 := b.CountSets(p, id)
		check("count of "+who, n1, n2, e1, e2)
		st1, ok1, e1 := a.Settings(p, id)
		st2, ok2, e2 := b.Settings(p, id)
		check("settings of "+who, []any{st1, ok1}, []any{st2, ok2}, e1, e2)
		for _, since := range []time.Time{{}, g.t0, g.t0.Add(37 * time.Minute), g.t0.Add(time.Hour)} {
			x, e1 := a.SetsSince(p, id, since)
			y, e2 := b.SetsSince(p, id, since)
			check(fmt.Sprint("sets since ", since, " of ", who), x, y, e1, e2)
		}
		for _, name := range append(slices.Clone(exercises), "  BENCH press ", "nothing") {
			x, e1 := a.SetsOf(p, id, name)
			y, e2 := b.SetsOf(p, id, name)
			check("sets of "+name+" of "+who, x, y, e1, e2)
		}
		names1, e1 := a.ExerciseNames(p, id)
		names2, e2 := b.ExerciseNames(p, id)
		slices.Sort(names1)
		slices.Sort(names2)
		check("exercise names of "+who, names1, names2, e1, e2)
		for _, n := range []int{0, 1, 3, 70, 1000} {
			for ki, keep := range []func(*record.Set) bool{nil, func(s *record.Set) bool { return s.Load >= 150 }, func(s *record.Set) bool { return s.Reps == 1 }} {
				x, e1 := a.LastSets(p, id, n, keep)
				y, e2 := b.LastSets(p, id, n, keep)
				check(fmt.Sprintf("last %d (keep %d) of %s", n, ki, who), x, y, e1, e2)
			}
		}
		l1, e1 := a.LastEntry(p, id)
		l2, e2 := b.LastEntry(p, id)
		check("last entry of "+who, l1, l2, e1, e2)
		for _, ref := range g.refs(u) {
			x, e1 := a.Entry(ref)
			y, e2 := b.Entry(ref)
			check(fmt.Sprintf("entry %+v", ref), x, y, e1, e2)
		}
		rows := g.importRows(u, 30)
		i1, e1 := a.NotImported(p, id, rows)
		i2, e2 := b.NotImported(p, id, rows)
		check("not imported of "+who, i1, i2, e1, e2)
	}
}

// same compares what two stores read, an empty slice equal to nil.
func same(x, y any) bool {
	vx, vy := reflect.ValueOf(x), reflect.ValueOf(y)
	if vx.Kind() == reflect.Slice && vy.Kind() == reflect.Slice && vx.Len() == 0 && vy.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(x, y)
}

var exercises = []string{"bench press", "Bench Press", " back squat", "deadlift", "", "sled\x00push", "caf\xe9 curl", "Überzug"}

// gen makes random changes over a few users.
type gen struct {
	r       *rand.Rand
	t0      time.Time
	users   []record.User
	spaces  []string
	seenIDs []string
	entries map[record.User][]record.EntryRef
	timers  []record.Timer
	outbox  []string
}

func newGen(r *rand.Rand) *gen {
	return &gen{r: r, t0: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		users:   []record.User{{Platform: "telegram", UserID: "1"}, {Platform: "telegram", UserID: "2"}, {Platform: "discord", UserID: "1"}},
		spaces:  []string{"g1", "g2"},
		entries: map[record.User][]record.EntryRef{},
	}
}

func (g *gen) user() record.User { return g.users[g.r.IntN(len(g.users))] }

// at is one of a few times, so that sets share them.
func (g *gen) at() time.Time {
	return g.t0.Add(time.Duration(g.r.IntN(90)) * time.Minute).Add(time.Duration(g.r.IntN(3)))
}

func (g *gen) set(u record.User, at time.Time, entry string) record.Set {
	return record.Set{Platform: u.Platform, UserID: u.UserID, ChatID: fmt.Sprint("chat", g.r.IntN(2)),
		Lift: coach.Lift{At: at, Exercise: exercises[g.r.IntN(len(exercises))], Load: float64(g.r.IntN(40)) * 5, Unit: coach.Unit(g.r.IntN(2)),
			Reps: g.r.IntN(12) - 1, RPE: float64(g.r.IntN(3)) * 0.5, Technique: []string{"", "drop", "rest_pause"}[g.r.IntN(3)],
			Session: []string{"", "s1"}[g.r.IntN(2)], Entry: entry, Kind: coach.KindWork, Note: []string{"", "felt heavy", "a\x00b", "\xff\xfe"}[g.r.IntN(4)]}}
}

// importRows are n rows of u's one file: repeated rows, rows of one time.
func (g *gen) importRows(u record.User, n int) []record.ImportedSet {
	out := make([]record.ImportedSet, n)
	for i := range out {
		day := g.t0.Add(-time.Duration(g.r.IntN(4)) * 24 * time.Hour)
		out[i] = record.ImportedSet{Set: g.set(u, day.Add(time.Duration(g.r.IntN(3))*time.Hour), "import-"+day.Format("20060102")),
			Row: record.RowID{byte(g.r.IntN(200)), 7}}
	}
	return out
}

func (g *gen) refs(u record.User) []record.EntryRef {
	refs := g.entries[u]
	return append(slices.Clone(refs), record.EntryRef{Platform: u.Platform, UserID: u.UserID, Entry: "nope", At: g.t0})
}

func (g *gen) change(i int) record.Change {
	var ch record.Change
	if g.r.IntN(3) > 0 {
		id := fmt.Sprint("m", g.r.IntN(i+5))
		ch.SeenPlatform, ch.SeenID = "telegram", id
		g.seenIDs = append(g.seenIDs, id)
	}
	u := g.user()
	switch k := g.r.IntN(20); {
	case k < 7: // a log line
		entry := fmt.Sprint("e", i)
		if g.r.IntN(6) == 0 {
			entry = ""
		}
		at := g.at()
		for range 1 + g.r.IntN(4) {
			ch.Sets = append(ch.Sets, g.set(u, at, entry))
		}
		g.entries[u] = append(g.entries[u], record.EntryRef{Platform: u.Platform, UserID: u.UserID, Entry: entry, At: at})
		if g.r.IntN(4) == 0 { // another user's in the same change
			o := g.user()
			ch.Sets = append(ch.Sets, g.set(o, at, entry))
		}
	case k < 10: // undo
		refs := g.refs(u)
		ref := refs[g.r.IntN(len(refs))]
		if g.r.IntN(2) == 0 {
			ref.At = time.Time{}
		}
		if g.r.IntN(5) == 0 {
			ref.Entry = ""
		}
		ch.Undo = &ref
		if g.r.IntN(3) == 0 {
			ch.Sets = []record.Set{g.set(u, g.at(), ref.Entry)}
		}
	case k < 12: // an import, sometimes large
		n := 1 + g.r.IntN(20)
		if g.r.IntN(4) == 0 {
			n = 300
		}
		ch.Import = g.importRows(u, n)
	case k < 14:
		l := record.Lifter{Platform: u.Platform, ChatID: fmt.Sprint("chat", g.r.IntN(2)), UserID: u.UserID}
		if g.r.IntN(3) == 0 {
			ch.DeleteSession = &l
		} else {
			ch.Session = &record.Session{Lifter: l, UserName: "ana\x00", ConfirmLoad: "drop 800kg bench", UpdatedAt: g.at(),
				LastEntry: &record.EntryRef{Platform: u.Platform, UserID: u.UserID, Entry: "e1", At: g.at()}}
		}
	case k < 16:
		for range g.r.IntN(5) {
			// Timer IDs are unique, as the hub's are: the PostgreSQL store
			// removes timers by ID alone, the bbolt one by due time and ID.
			tm := record.Timer{Due: g.at(), ID: fmt.Sprint("s", len(g.timers), "/1"), Lifter: record.Lifter{Platform: u.Platform, ChatID: "c", UserID: u.UserID},
				UserName: "ana", Text: "go", Created: g.t0}
			if len(g.timers) > 0 && g.r.IntN(4) == 0 { // the same timer again, rewritten
				old := g.timers[g.r.IntN(len(g.timers))]
				tm.Due, tm.ID, tm.Text = old.Due, old.ID, "again"
			}
			if g.r.IntN(2) == 0 {
				tm.Step = &record.TimerStep{Kind: coach.StepKind(g.r.IntN(3)), RepsLo: g.r.IntN(5), RepsHi: g.r.IntN(9)}
			}
			ch.AddTimers = append(ch.AddTimers, tm)
			g.timers = append(g.timers, tm)
		}
		for range g.r.IntN(4) {
			if len(g.timers) > 0 {
				ch.RemoveTimers = append(ch.RemoveTimers, g.timers[g.r.IntN(len(g.timers))].Ref())
			}
		}
	case k < 17:
		ch.Settings = &record.UserSettings{Platform: u.Platform, UserID: u.UserID, Settings: record.Settings{TZ: "Europe/Berlin", Unit: coach.LB, UnitSet: g.r.IntN(2) == 0}}
		sp := g.spaces[g.r.IntN(len(g.spaces))]
		ch.Gym = &record.SpaceGym{Platform: "telegram", Space: sp}
		if g.r.IntN(2) == 0 {
			ch.Gym.Racks = &record.GymRacks{KG: coach.Rack{Bar: 20, Plates: []float64{20, 10, 1.25}}}
		}
	case k < 19:
		for range g.r.IntN(4) {
			id := fmt.Sprintf("%010d-%04d", g.r.IntN(50), g.r.IntN(3))
			ch.Outbox = append(ch.Outbox, record.Outgoing{ID: id, Platform: "telegram", ChatID: "c", At: g.at(), Data: []byte{byte(i), 0, 0xff}})
			g.outbox = append(g.outbox, id)
		}
		for range g.r.IntN(4) {
			if len(g.outbox) > 0 {
				ch.Sent = append(ch.Sent, g.outbox[g.r.IntN(len(g.outbox))])
			}
		}
	default:
		if g.r.IntN(3) == 0 {
			ch.Forget = &u
			ch.Sets = []record.Set{g.set(u, g.at(), "gone")}
		}
	}
	return ch
}

// A cancelled import writes nothing, and says it was cancelled.
func TestApplyContextCancelled(t *testing.T) {
	db := open(t, pgtest.Start(t))
	g := newGen(rand.New(rand.NewPCG(3, 4)))
	u := g.users[0]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := db.ApplyContext(ctx, record.Change{SeenPlatform: "telegram", SeenID: "x", Import: g.importRows(u, 500),
		Sets: []record.Set{g.set(u, g.t0, "e")}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v, want context.Canceled", err)
	}
	if n, _ := db.CountSets(u.Platform, u.UserID); n != 0 {
		t.Errorf("%d sets written", n)
	}
	if ok, _ := db.Seen("telegram", "x"); ok {
		t.Error("the message id was written")
	}
	// The same change, not cancelled, is written whole.
	if err := db.ApplyContext(context.Background(), record.Change{SeenPlatform: "telegram", SeenID: "x", Import: g.importRows(u, 500)}); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountSets(u.Platform, u.UserID); n == 0 {
		t.Error("nothing written")
	}
}
