package pg

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/spotter-coach/spotter/record"
)

// A DB is shared by the processes that open one database (bot.Shared):
//
//   - Leases. Every timer and stored reply has an owner (the Owner of the
//     handle holding it, or none) and the time its lease runs out. Apply
//     leases the timers and replies it adds to its handle: a timer until
//     record.TimerLease past its due time (or past now, for a timer
//     already due), a reply for record.ReplyLease. Claim takes the rows
//     whose lease ran out, or that nobody holds, with FOR UPDATE SKIP
//     LOCKED, so that processes claiming together never take one row
//     twice. Release gives up the handle's leases and notifies the others
//     (NOTIFY spotter_leases, the owner as payload), whose Wake receives.
//   - Clocks. Leases are reckoned by the clock of the process that writes
//     or claims them (Go's time.Now, stored as Unix nanoseconds), not the
//     database's: the processes' clocks are assumed in step (NTP), and a
//     skew between two of them shortens or lengthens their leases by as
//     much.
//   - Lifters' locks. LockLifter takes a session-level advisory lock on a
//     connection of its own pool, keyed by a 64-bit FNV-1a hash of the
//     lifter, after an in-process lock of the same key (so that goroutines
//     of one process wait in the process, holding no connection).

// wakeChannel is the channel Release notifies.
const wakeChannel = "spotter_leases"

// newOwner is a name for a handle in leases: host-pid-random.
func newOwner() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "host"
	}
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Owner is this handle's name in leases ("host-pid-random"), fixed for
// its life: two handles of one database, even in one process, are two
// owners.
func (db *DB) Owner() string { return db.owner }

// Session is one lifter's record as stored now; ok is false when there is
// none.
func (db *DB) Session(l record.Lifter) (rec record.Session, ok bool, err error) {
	var raw []byte
	err = db.pool.QueryRow(context.Background(), `SELECT record FROM sessions WHERE platform = $1 AND chat_id = $2 AND user_id = $3`,
		l.Platform, l.ChatID, l.UserID).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return record.Session{}, false, nil
	}
	if err == nil {
		err = json.Unmarshal(raw, &rec)
	}
	if err != nil {
		return record.Session{}, false, db.wrap("session", err)
	}
	rec.Lifter = l
	return rec, true, nil
}

// claimTimersSQL leases to $1 the timers due before $2 whose lease ran
// out by $3 (those nobody holds have lease 0), until $4 past their due
// time or past $3, whichever is later.
const claimTimersSQL = `UPDATE timers SET owner = $1, lease_until = greatest(due_ns, $3) + $4
	WHERE (due_ns, id) IN (SELECT due_ns, id FROM timers WHERE due_ns < $2 AND lease_until <= $3 FOR UPDATE SKIP LOCKED)
	RETURNING ` + timerColumns

// claimOutboxSQL leases to $1 the stored replies whose lease ran out by
// $2, until $2 + $3.
const claimOutboxSQL = `UPDATE outbox SET owner = $1, lease_until = $2 + $3
	WHERE id IN (SELECT id FROM outbox WHERE lease_until <= $2 FOR UPDATE SKIP LOCKED)
	RETURNING ` + outboxColumns

// Claim leases to this handle the timers due before until whose lease has
// run out or that no process holds, and the stored replies whose lease
// has run out or that no process holds, and returns them: timers in due
// order (then by ID), replies in ID order. A claimed timer's lease lasts
// record.TimerLease past its due time, or past now when it is already
// due; a reply's record.ReplyLease from now. Rows another process is
// claiming at the same moment are skipped, never waited for or taken
// twice. Timers and replies this handle already holds are not returned.
// A zero until claims no timers.
func (db *DB) Claim(until time.Time) ([]record.Timer, []record.Outgoing, error) {
	ctx := context.Background()
	now := db.now().UnixNano()
	var ts []record.Timer
	if !until.IsZero() {
		rows, err := db.pool.Query(ctx, claimTimersSQL, db.owner, until.UnixNano(), now, int64(record.TimerLease))
		if err == nil {
			ts, err = scanTimers(rows)
		}
		if err != nil {
			return nil, nil, db.wrap("claim timers", err)
		}
		slices.SortFunc(ts, func(a, b record.Timer) int {
			return cmp.Or(cmp.Compare(a.Due.UnixNano(), b.Due.UnixNano()), cmp.Compare(a.ID, b.ID))
		})
	}
	rows, err := db.pool.Query(ctx, claimOutboxSQL, db.owner, now, int64(record.ReplyLease))
	var out []record.Outgoing
	if err == nil {
		out, err = scanOutbox(rows)
	}
	if err != nil {
		// The timers are leased: the caller may fire them still.
		return ts, nil, db.wrap("claim outbox", err)
	}
	slices.SortFunc(out, func(a, b record.Outgoing) int { return cmp.Compare(a.ID, b.ID) })
	return ts, out, nil
}

// Holds reports whether this handle holds the lease of timer id: false
// once the timer was removed (cancelled, delivered), released, or taken
// by another process. A lease that ran out and that nobody took yet is
// still held.
func (db *DB) Holds(timerID string) (bool, error) {
	var ok bool
	err := db.pool.QueryRow(context.Background(), `SELECT coalesce(bool_or(owner = $2), false) FROM timers WHERE id = $1`,
		timerID, db.owner).Scan(&ok)
	if err != nil {
		return false, db.wrap("holds", err)
	}
	return ok, nil
}

// Release ends this handle's leases at once, of timers and stored
// replies (a clean shutdown), and notifies the other processes, whose
// Wake receives, so that they claim them without waiting for the leases
// to run out. Rows the handle writes afterwards are leased to it again.
func (db *DB) Release() error {
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue(`UPDATE timers SET owner = NULL, lease_until = 0 WHERE owner = $1`, db.owner)
		b.Queue(`UPDATE outbox SET owner = NULL, lease_until = 0 WHERE owner = $1`, db.owner)
		b.Queue(`SELECT pg_notify($1, $2)`, wakeChannel, db.owner)
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return db.wrap("release", err)
	}
	return nil
}

// Wake receives when another process released its leases. The first
// call starts a listener (LISTEN spotter_leases on a connection of its
// own, reconnecting after errors until Close); it also receives once each
// time the listener (re)connects, since a notification sent while it was
// not listening is lost. Notifications of this handle's own Release are
// ignored. The channel holds one wake-up: several releases before the
// receiver reads it make one. Wake is no substitute for claiming now and
// then: a process that dies releases nothing, and its leases run out.
func (db *DB) Wake() <-chan struct{} {
	db.lis.start(db)
	return db.wake
}

// signal wakes Wake's receiver, unless a wake-up waits already.
func (db *DB) signal() {
	select {
	case db.wake <- struct{}{}:
	default:
	}
}

// listener is Wake's goroutine.
type listener struct {
	mu      sync.Mutex
	started bool
	stopped bool
	cancel  context.CancelFunc
	done    chan struct{}
}

func (l *listener) start(db *DB) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.started || l.stopped {
		return
	}
	l.started = true
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel, l.done = cancel, make(chan struct{})
	go func() {
		defer close(l.done)
		db.listen(ctx)
	}()
}

// stop ends the goroutine, if it runs, and keeps it from starting.
func (l *listener) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopped = true
	if l.cancel != nil {
		l.cancel()
		<-l.done
		l.cancel = nil
	}
}

// Backoff of the listener between failed connections.
const (
	listenRetryMin = 100 * time.Millisecond
	listenRetryMax = 10 * time.Second
)

// listen waits for notifications of spotter_leases until ctx is done,
// reconnecting with backoff.
func (db *DB) listen(ctx context.Context) {
	wait := listenRetryMin
	for {
		conn, err := pgx.ConnectConfig(ctx, db.lcfg.Copy())
		if err == nil {
			if _, err = conn.Exec(ctx, `LISTEN `+wakeChannel); err == nil {
				wait = listenRetryMin
				db.signal() // what was sent while nobody listened is lost
				for {
					var n *pgconn.Notification
					n, err = conn.WaitForNotification(ctx)
					if err != nil {
						break
					}
					if n.Payload != db.owner {
						db.signal()
					}
				}
			}
			cctx, cancel := context.WithTimeout(context.Background(), time.Second)
			conn.Close(cctx)
			cancel()
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, listenRetryMax)
	}
}

// lockPoolConfig is the configuration of the pool LockLifter takes
// connections from: the main pool's, twice its size (at least 8), none
// kept open idle, and a cancelled wait for a lock cancelled on the server
// (a cancel request) rather than by cutting the connection, so that the
// server stops waiting at once.
func lockPoolConfig(cfg *pgxpool.Config) *pgxpool.Config {
	c := cfg.Copy()
	c.MinConns, c.MinIdleConns = 0, 0
	c.MaxConns = max(2*cfg.MaxConns, 8)
	c.ConnConfig.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: pc, DeadlineDelay: 5 * time.Second}
	}
	return c
}

// lifterKey is the advisory lock key of a lifter: the FNV-1a hash of
// platform, chat and user, NUL-separated.
func lifterKey(l record.Lifter) int64 {
	h := fnv.New64a()
	h.Write([]byte(l.Platform + "\x00" + l.ChatID + "\x00" + l.UserID))
	return int64(h.Sum64())
}

// LockLifter returns once this handle holds the lifter's lock, which no
// other process, and no other goroutine of this one, holds until unlock
// is called (unlock may be called more than once). ctx bounds the wait;
// when it is done first, LockLifter fails with an error wrapping ctx's
// and holds nothing. The lock is a session-level advisory lock
// (pg_advisory_lock) on a connection held until unlock: a process that
// dies drops its locks with its connections. Goroutines of one handle
// wait for one another in the process, holding no connection; waits
// across processes hold a connection each, of a pool of their own (twice
// the main pool's size, at least 8), so that they never starve Apply.
func (db *DB) LockLifter(ctx context.Context, l record.Lifter) (unlock func(), err error) {
	key := lifterKey(l)
	if err := db.held.lock(ctx, key); err != nil {
		return nil, db.wrap("lock lifter", err)
	}
	conn, err := db.locks.Acquire(ctx)
	if err != nil {
		db.held.unlock(key)
		return nil, db.wrap("lock lifter", err)
	}
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		// Whether the lock was taken as ctx ran out is unknown: the
		// connection goes, and with it any lock it holds.
		destroy(conn)
		db.held.unlock(key)
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			err = fmt.Errorf("%w (%v)", cerr, err)
		}
		return nil, db.wrap("lock lifter", err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			var ok bool
			if err := conn.QueryRow(ctx, `SELECT pg_advisory_unlock($1)`, key).Scan(&ok); err != nil || !ok {
				destroy(conn)
			} else {
				conn.Release()
			}
			db.held.unlock(key)
		})
	}, nil
}

// destroy closes a pooled connection and gives it back, so that the pool
// drops it (and the server the session's locks).
func destroy(conn *pgxpool.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	conn.Conn().Close(ctx)
	cancel()
	conn.Release()
}

// keyedMutex is a lock per key that a context bounds the wait for.
type keyedMutex struct {
	mu sync.Mutex
	m  map[int64]*keyLock
}

type keyLock struct {
	ch   chan struct{} // holds a token while the key is locked
	refs int           // holders and waiters
}

func (k *keyedMutex) lock(ctx context.Context, key int64) error {
	k.mu.Lock()
	if k.m == nil {
		k.m = map[int64]*keyLock{}
	}
	e := k.m[key]
	if e == nil {
		e = &keyLock{ch: make(chan struct{}, 1)}
		k.m[key] = e
	}
	e.refs++
	k.mu.Unlock()
	select {
	case e.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		k.release(key, e)
		return ctx.Err()
	}
}

func (k *keyedMutex) unlock(key int64) {
	k.mu.Lock()
	e := k.m[key]
	k.mu.Unlock()
	<-e.ch
	k.release(key, e)
}

func (k *keyedMutex) release(key int64, e *keyLock) {
	k.mu.Lock()
	if e.refs--; e.refs == 0 {
		delete(k.m, key)
	}
	k.mu.Unlock()
}
