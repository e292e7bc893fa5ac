package pg_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/pgtest"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store/pg"
)

var _ bot.Shared = (*pg.DB)(nil)

// replicas opens the database at url twice: two processes sharing it.
func replicas(t *testing.T) (url string, a, b *pg.DB) {
	url = pgtest.Start(t)
	a, b = open(t, url), open(t, url)
	if a.Owner() == b.Owner() || a.Owner() == "" || strings.Count(a.Owner(), "-") < 2 {
		t.Fatalf("owners %q and %q", a.Owner(), b.Owner())
	}
	return url, a, b
}

var lifterA = record.Lifter{Platform: "telegram", ChatID: "-100", UserID: "7"}

func sharedTimer(id string, due time.Time) record.Timer {
	return record.Timer{Due: due, ID: id, Lifter: lifterA, UserName: "ana", Text: "mini-set 2", Created: due.Add(-time.Minute)}
}

func ids[T any](xs []T, id func(T) string) []string {
	out := []string{}
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func timerIDs(ts []record.Timer) []string {
	return ids(ts, func(t record.Timer) string { return t.ID })
}

func replyIDs(os []record.Outgoing) []string {
	return ids(os, func(o record.Outgoing) string { return o.ID })
}

func claim(t *testing.T, db *pg.DB, until time.Time) ([]string, []string) {
	t.Helper()
	ts, os, err := db.Claim(until)
	if err != nil {
		t.Fatal(err)
	}
	return timerIDs(ts), replyIDs(os)
}

func holds(t *testing.T, db *pg.DB, id string) bool {
	t.Helper()
	ok, err := db.Holds(id)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func receive(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		t.Fatalf("no %s within 30 s", what)
	}
}

// A timer one process adds is its own until its lease runs out (past its
// due time, or past the time it was added when it was due already);
// another process claims it then, once, and the first no longer holds
// it. Claim takes only timers due before until, and rows of no owner at
// once.
func TestSharedTimerLeases(t *testing.T) {
	_, a, b := replicas(t)
	now := time.Now()
	until := now.Add(2 * time.Hour)
	past, future := sharedTimer("past/1", now.Add(-10*time.Second)), sharedTimer("future/1", now.Add(time.Hour))
	// Added an hour ago, the timer due 10 s ago is leased until 5 s ago.
	at(a, now, -time.Hour)
	if err := a.Apply(record.Change{AddTimers: []record.Timer{future, past}}); err != nil {
		t.Fatal(err)
	}
	if !holds(t, a, past.ID) || !holds(t, a, future.ID) || holds(t, b, past.ID) {
		t.Fatal("A should hold both timers, B none")
	}
	at(b, now, 0)
	if got, _ := claim(t, b, until); !slices.Equal(got, []string{past.ID}) {
		t.Fatalf("B claimed %v, want only the timer whose lease ran out", got)
	}
	if holds(t, a, past.ID) || !holds(t, b, past.ID) || !holds(t, a, future.ID) {
		t.Fatal("after B's claim, A should hold only the future timer, B the past one")
	}
	// B claimed a timer already due: its lease runs TimerLease from the
	// claim, so A cannot take it back before.
	at(a, now, 0)
	if got, _ := claim(t, a, until); len(got) != 0 {
		t.Fatalf("A claimed at once: %v", got)
	}
	at(a, now, record.TimerLease-time.Millisecond)
	if got, _ := claim(t, a, until); len(got) != 0 {
		t.Fatalf("A claimed before B's lease ran out: %v", got)
	}
	at(a, now, record.TimerLease)
	if got, _ := claim(t, a, until); !slices.Equal(got, []string{past.ID}) {
		t.Fatalf("A after B's lease ran out: %v", got)
	}
	if err := a.Apply(record.Change{RemoveTimers: []record.TimerRef{past.Ref()}}); err != nil {
		t.Fatal(err)
	}
	// A timer due in a minute is held until a minute and TimerLease from
	// now.
	at(a, now, 0)
	soon := sharedTimer("soon/1", now.Add(time.Minute))
	if err := a.Apply(record.Change{AddTimers: []record.Timer{soon}}); err != nil {
		t.Fatal(err)
	}
	at(b, now, time.Minute+record.TimerLease-time.Millisecond)
	if got, _ := claim(t, b, until); len(got) != 0 {
		t.Fatalf("B claimed before the lease ran out: %v", got)
	}
	at(b, now, time.Minute+record.TimerLease)
	if got, _ := claim(t, b, until); !slices.Equal(got, []string{soon.ID}) {
		t.Fatalf("B after the lease ran out: %v", got)
	}
	// Rows of no owner (migrated) are claimed at once, but only when due
	// before until.
	at(b, now, 0)
	mig := []record.Timer{sharedTimer("mig/2", now.Add(30*time.Minute)), sharedTimer("mig/1", now.Add(20*time.Minute))}
	if err := a.PutTimers(context.Background(), mig); err != nil {
		t.Fatal(err)
	}
	if got, _ := claim(t, b, now.Add(10*time.Minute)); len(got) != 0 {
		t.Fatalf("claimed timers due after until: %v", got)
	}
	if got, _ := claim(t, b, now.Add(20*time.Minute)); len(got) != 0 {
		t.Fatalf("claimed a timer due at until: %v", got)
	}
	if got, _ := claim(t, b, now.Add(25*time.Minute)); !slices.Equal(got, []string{"mig/1"}) {
		t.Fatalf("claimed %v until 25 min", got)
	}
	ts, _, err := b.Claim(until)
	if err != nil || len(ts) != 1 || !sameTimer(ts[0], mig[0]) {
		t.Fatalf("claimed %+v, %v; want %+v whole", ts, err, mig[0])
	}
	// The lease of a timer claimed before it is due: TimerLease past it.
	at(a, now, 30*time.Minute+record.TimerLease-time.Millisecond)
	if got, _ := claim(t, a, until); slices.Contains(got, "mig/2") || !slices.Contains(got, "mig/1") {
		t.Fatalf("A claimed %v before mig/2's lease ran out", got)
	}
	at(a, now, 30*time.Minute+record.TimerLease)
	if got, _ := claim(t, a, until); !slices.Equal(got, []string{"mig/2"}) {
		t.Fatalf("A claimed %v after mig/2's lease ran out", got)
	}
}

// at sets db's clock to base+d, standing still.
func at(db *pg.DB, base time.Time, d time.Duration) {
	pg.SetClock(db, func() time.Time { return base.Add(d) })
}

func sameTimer(a, b record.Timer) bool {
	return a.Due.Equal(b.Due) && a.Created.Equal(b.Created) && a.ID == b.ID && a.Lifter == b.Lifter &&
		a.UserName == b.UserName && a.Text == b.Text && a.Group == b.Group && (a.Step == nil) == (b.Step == nil)
}

// Eight goroutines of two processes claiming together, while timers and
// replies keep coming, take each exactly once, in order within each claim.
func TestSharedConcurrentClaims(t *testing.T) {
	_, a, b := replicas(t)
	ctx := context.Background()
	now := time.Now()
	at(a, now, 0) // no lease runs out while they claim
	at(b, now, 0)
	const batches, timersPerBatch, repliesPerBatch = 100, 10, 5
	count := map[string]int{}
	claims := 0 // claims that took some
	var mu sync.Mutex
	var produced atomic.Bool
	errs := make(chan error, 9)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer produced.Store(true)
		for n := range batches {
			var ts []record.Timer
			for i := range timersPerBatch {
				ts = append(ts, sharedTimer(fmt.Sprintf("b%03d/%02d", n, i), now.Add(-time.Duration(1+(n*7+i)%37)*time.Second)))
			}
			var out []record.Outgoing
			for i := range repliesPerBatch {
				out = append(out, record.Outgoing{ID: fmt.Sprintf("b%03d-%02d", n, i), Platform: "telegram", ChatID: "-100", At: now, Data: []byte("x")})
			}
			if err := a.PutTimers(ctx, ts); err != nil {
				errs <- err
				return
			}
			if err := b.PutOutbox(ctx, out); err != nil {
				errs <- err
				return
			}
		}
	})
	for g := range 8 {
		db := a
		if g%2 == 1 {
			db = b
		}
		wg.Go(func() {
			for {
				last := produced.Load()
				ts, out, err := db.Claim(now)
				if err != nil {
					errs <- err
					return
				}
				if !slices.IsSortedFunc(ts, func(x, y record.Timer) int { return x.Due.Compare(y.Due) }) ||
					!slices.IsSorted(replyIDs(out)) {
					errs <- fmt.Errorf("a claim out of order: %v, %v", timerIDs(ts), replyIDs(out))
				}
				mu.Lock()
				for _, id := range append(timerIDs(ts), replyIDs(out)...) {
					count[id]++
				}
				if len(ts)+len(out) > 0 {
					claims++
				}
				mu.Unlock()
				if last && len(ts) == 0 && len(out) == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Logf("%d rows in %d claims that took some", len(count), claims)
	if len(count) != batches*(timersPerBatch+repliesPerBatch) {
		t.Fatalf("%d rows claimed, want %d", len(count), batches*(timersPerBatch+repliesPerBatch))
	}
	for id, n := range count {
		if n != 1 {
			t.Errorf("%s claimed %d times", id, n)
		}
	}
}

// Release gives up a process's leases at once and wakes the others,
// which claim its timers and replies without waiting; a process is not
// woken by its own release.
func TestSharedRelease(t *testing.T) {
	_, a, b := replicas(t)
	now := time.Now()
	wa, wb := a.Wake(), b.Wake()
	receive(t, wa, "first wake-up of A's listener")
	receive(t, wb, "first wake-up of B's listener")
	tm := sharedTimer("s1/1", now.Add(time.Hour))
	reply := record.Outgoing{ID: "0001", Platform: "telegram", ChatID: "-100", At: now, Data: []byte("hi")}
	if err := a.Apply(record.Change{SeenPlatform: "telegram", SeenID: "m1", AddTimers: []record.Timer{tm}, Outbox: []record.Outgoing{reply}}); err != nil {
		t.Fatal(err)
	}
	if ts, os := claim(t, b, now.Add(2*time.Hour)); len(ts)+len(os) != 0 {
		t.Fatalf("B claimed A's leases: %v %v", ts, os)
	}
	if err := a.Release(); err != nil {
		t.Fatal(err)
	}
	receive(t, wb, "wake-up of B on A's release")
	if holds(t, a, tm.ID) {
		t.Fatal("A holds a timer it released")
	}
	ts, os := claim(t, b, now.Add(2*time.Hour))
	if !slices.Equal(ts, []string{tm.ID}) || !slices.Equal(os, []string{reply.ID}) {
		t.Fatalf("B claimed %v %v after A's release", ts, os)
	}
	select {
	case <-wa:
		t.Fatal("A woken by its own release")
	default:
	}
	// The other way round: B's release wakes A, not B.
	if err := b.Release(); err != nil {
		t.Fatal(err)
	}
	receive(t, wa, "wake-up of A on B's release")
	select {
	case <-wb:
		t.Fatal("B woken by its own release")
	default:
	}
	if ts, os := claim(t, a, now.Add(2*time.Hour)); !slices.Equal(ts, []string{tm.ID}) || !slices.Equal(os, []string{reply.ID}) {
		t.Fatalf("A claimed %v %v after B's release", ts, os)
	}
}

// waitingLocks counts the advisory locks sessions wait for.
func waitingLocks(t *testing.T, conn *pgx.Conn) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A lifter's lock excludes other processes and other goroutines until
// it is unlocked; another lifter's is free meanwhile; a context bounds
// the wait, and a wait given up leaves no lock behind.
func TestSharedLockLifter(t *testing.T) {
	url, a, b := replicas(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	unlockA, err := a.LockLifter(ctx, lifterA)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan func(), 1)
	go func() {
		unlock, err := b.LockLifter(ctx, lifterA)
		if err != nil {
			t.Error(err)
			close(got)
			return
		}
		got <- unlock
	}()
	// Wait until B's session waits on the lock.
	for deadline := time.Now().Add(30 * time.Second); waitingLocks(t, conn) == 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("B never waited for the lock")
		}
	}
	select {
	case <-got:
		t.Fatal("B took the lock A holds")
	default:
	}
	other := lifterA
	other.ChatID = "-200"
	unlockOther, err := b.LockLifter(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	unlockOther()
	unlockA()
	unlockA() // twice is harmless
	var unlockB func()
	select {
	case unlockB = <-got:
		if unlockB == nil {
			t.FailNow()
		}
	case <-time.After(30 * time.Second):
		t.Fatal("B did not get the lock A released")
	}
	// A's wait, bounded, runs out; so does a goroutine of B's.
	for _, db := range []*pg.DB{a, b} {
		short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		start := time.Now()
		_, err = db.LockLifter(short, lifterA)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("waiting past the deadline: %v", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("the wait lasted %v", d)
		}
	}
	unlockB()
	if n := waitingLocks(t, conn); n != 0 {
		t.Fatalf("%d waits left behind", n)
	}
	bounded, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	unlock, err := a.LockLifter(bounded, lifterA)
	if err != nil {
		t.Fatalf("locking again after the waits given up: %v", err)
	}
	unlock()
	var held int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'`).Scan(&held); err != nil || held != 0 {
		t.Fatalf("%d advisory locks held after every unlock (%v)", held, err)
	}

	// A lock whose connection died is unlocked all the same, and the
	// lifter can be locked again.
	unlock, err = a.LockLifter(bounded, lifterA)
	if err != nil {
		t.Fatal(err)
	}
	var killed bool
	if err := conn.QueryRow(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted`).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminating the lock's session: %v, %v", killed, err)
	}
	unlock()
	unlock, err = b.LockLifter(bounded, lifterA)
	if err != nil {
		t.Fatalf("locking after the holder's session died: %v", err)
	}
	unlock()
	unlock, err = a.LockLifter(bounded, lifterA)
	if err != nil {
		t.Fatalf("locking again in the process whose session died: %v", err)
	}
	unlock()

	// Goroutines of both processes take turns.
	var inside, turns atomic.Int64
	var wg sync.WaitGroup
	for g := range 16 {
		db := a
		if g%2 == 1 {
			db = b
		}
		wg.Go(func() {
			for range 20 {
				unlock, err := db.LockLifter(bounded, lifterA)
				if err != nil {
					t.Error(err)
					return
				}
				if n := inside.Add(1); n != 1 {
					t.Errorf("%d goroutines hold the lock", n)
				}
				turns.Add(1)
				inside.Add(-1)
				unlock()
			}
		})
	}
	wg.Wait()
	if turns.Load() != 16*20 {
		t.Fatalf("%d turns", turns.Load())
	}
}

// A process no longer holds a timer another removed, by ID alone.
func TestSharedHoldsAfterRemoval(t *testing.T) {
	_, a, b := replicas(t)
	tm := sharedTimer("s1/1", time.Now().Add(time.Minute))
	if err := a.Apply(record.Change{AddTimers: []record.Timer{tm}}); err != nil {
		t.Fatal(err)
	}
	if !holds(t, a, tm.ID) || holds(t, b, tm.ID) || holds(t, a, "never/1") {
		t.Fatal("A should hold its timer, B not")
	}
	if err := b.Apply(record.Change{RemoveTimers: []record.TimerRef{{ID: tm.ID}}}); err != nil {
		t.Fatal(err)
	}
	if holds(t, a, tm.ID) {
		t.Fatal("A holds a timer B removed")
	}
	if ts, err := a.Timers(); err != nil || len(ts) != 0 {
		t.Fatalf("timers left: %v, %v", ts, err)
	}
}

// Replies one process stores are its own for ReplyLease; then another
// claims them, once.
func TestSharedOutboxLeases(t *testing.T) {
	_, a, b := replicas(t)
	now := time.Now()
	at(a, now, 0)
	out := []record.Outgoing{
		{ID: "0002", Platform: "telegram", ChatID: "-100", At: now, Data: []byte("b")},
		{ID: "0001", Platform: "telegram", ChatID: "-100", At: now, Data: []byte("a")},
	}
	if err := a.Apply(record.Change{SeenPlatform: "telegram", SeenID: "m1", Outbox: out}); err != nil {
		t.Fatal(err)
	}
	claimReplies := func(db *pg.DB, ahead time.Duration) []string {
		t.Helper()
		at(db, now, ahead)
		_, got := claim(t, db, now)
		return got
	}
	if got := claimReplies(b, 0); len(got) != 0 {
		t.Fatalf("B claimed A's replies at once: %v", got)
	}
	if got := claimReplies(b, record.ReplyLease-time.Millisecond); len(got) != 0 {
		t.Fatalf("B claimed A's replies before the lease ran out: %v", got)
	}
	if got := claimReplies(b, record.ReplyLease); !slices.Equal(got, []string{"0001", "0002"}) {
		t.Fatalf("B claimed %v after the lease ran out", got)
	}
	if got := claimReplies(b, record.ReplyLease+time.Second); len(got) != 0 {
		t.Fatalf("B claimed its own replies again: %v", got)
	}
	if got := claimReplies(a, record.ReplyLease+time.Second); len(got) != 0 {
		t.Fatalf("A claimed the replies B just took: %v", got)
	}
	_, os, err := a.Claim(time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got := claimReplies(a, 2*record.ReplyLease-time.Millisecond); len(got) != 0 || len(os) != 0 {
		t.Fatalf("A claimed %v %v before B's lease ran out", got, os)
	}
	if got := claimReplies(a, 2*record.ReplyLease); !slices.Equal(got, []string{"0001", "0002"}) {
		t.Fatalf("A claimed %v after B's lease ran out", got)
	}
	if err := b.Apply(record.Change{Sent: []string{"0001", "0002"}}); err != nil {
		t.Fatal(err)
	}
	if got := claimReplies(b, time.Hour); len(got) != 0 {
		t.Fatalf("replies marked sent were claimed: %v", got)
	}
}

// Session reads one lifter's record as stored now, whoever wrote it.
func TestSharedSession(t *testing.T) {
	_, a, b := replicas(t)
	if _, ok, err := b.Session(lifterA); ok || err != nil {
		t.Fatalf("a session of nobody: %v, %v", ok, err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	rec := record.Session{Lifter: lifterA, UserName: "ana", Group: true, ConfirmLoad: "drop 800kg bench", UpdatedAt: at}
	if err := a.Apply(record.Change{Session: &rec}); err != nil {
		t.Fatal(err)
	}
	got, ok, err := b.Session(lifterA)
	if err != nil || !ok || got.Lifter != lifterA || got.UserName != "ana" || !got.Group || got.ConfirmLoad != rec.ConfirmLoad || !got.UpdatedAt.Equal(at) {
		t.Fatalf("B read %+v, %v, %v", got, ok, err)
	}
	other := lifterA
	other.UserID = "8"
	if _, ok, err := b.Session(other); ok || err != nil {
		t.Fatalf("another lifter's session: %v, %v", ok, err)
	}
}

// A database of schema 1 migrates to 2; its timers and replies have no
// owner, and the first claim takes them.
func TestSchemaOneMigrates(t *testing.T) {
	url := pgtest.Start(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, sql := range []string{
		`CREATE TABLE schema_version (one boolean PRIMARY KEY DEFAULT true CHECK (one), version integer NOT NULL,
			created_at timestamptz NOT NULL DEFAULT now(), checked_at timestamptz)`,
		pg.Migrations[0],
		`INSERT INTO schema_version (version) VALUES (1)`,
		`INSERT INTO timers (due_ns, id, platform, chat_id, user_id, user_name, grp, text, created_ns)
			VALUES (1000, 's1/1', 'telegram', '-100', '7', 'ana', false, 'go', 0)`,
		`INSERT INTO outbox (id, platform, chat_id, at_ns, data) VALUES ('0001', 'telegram', '-100', 1000, 'x')`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	db := open(t, url)
	if v, err := db.Schema(ctx); err != nil || v != pg.SchemaVersion {
		t.Fatalf("schema %d, %v", v, err)
	}
	ts, os, err := db.Claim(time.Now())
	if err != nil || !slices.Equal(timerIDs(ts), []string{"s1/1"}) || !slices.Equal(replyIDs(os), []string{"0001"}) {
		t.Fatalf("claimed %v %v, %v", timerIDs(ts), replyIDs(os), err)
	}
	if !holds(t, db, "s1/1") {
		t.Fatal("the claim holds nothing")
	}
}
