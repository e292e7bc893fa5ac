package bot

import (
	"context"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Store is what the hub needs from where lifters' data lasts. The hub
// writes through Apply: one record.Change per message or fired timer,
// carrying the message's id, so that everything a message writes lasts
// with its id or not at all, and a redelivered message changes nothing.
// The reads answer the hub's questions; those about history and settings
// are scoped to one user on one platform (their data spans chats).
//
// The hub calls a Store from its own goroutine and from the outbox's
// (marking delivered pings), so an implementation is safe for concurrent
// use. A read that finds nothing returns no error: a nil slice, or ok
// false. store/storetest is the suite every implementation passes.
type Store interface {
	// Apply writes a change atomically. A change whose message id was
	// applied before writes nothing and returns an error wrapping
	// record.ErrSeen.
	Apply(record.Change) error
	// Seen reports whether a change with this message id was applied,
	// among at least the latest record.SeenWindow ids.
	Seen(platform, id string) (bool, error)

	// Sessions are every lifter's session record, in any order.
	Sessions() ([]record.Session, error)
	// Timers are every pending timer, in due order.
	Timers() ([]record.Timer, error)
	// Rounds are every class round open or running (record.Round), in
	// any order.
	Rounds() ([]record.Round, error)
	// Outbox are the replies stored with their change and not yet marked
	// sent, in ID order.
	Outbox() ([]record.Outgoing, error)

	// Settings are the user's; ok is false when they never set any.
	Settings(platform, userID string) (s record.Settings, ok bool, err error)
	// Gym is the space's own equipment; ok is false when none was set.
	Gym(platform, space string) (g record.GymRacks, ok bool, err error)
	// Boards are every chat's weekly board post (record.Board), in any
	// order.
	Boards() ([]record.Board, error)

	// Sets are the user's whole history, oldest first (sets of one time
	// in the order they were written).
	Sets(platform, userID string) ([]record.Set, error)
	// SetsSince are the user's sets at or after since, oldest first.
	SetsSince(platform, userID string, since time.Time) ([]record.Set, error)
	// SetsOf are the user's sets of one exercise, oldest first; the name
	// matches whatever its case and surrounding space.
	SetsOf(platform, userID, exercise string) ([]record.Set, error)
	// ExerciseNames are the distinct exercise names of the user's sets,
	// in lower case, in any order; cheap enough to call for any command
	// that names an exercise the catalog does not know.
	ExerciseNames(platform, userID string) ([]string, error)
	// LastSets are up to n of the user's most recent sets that keep
	// accepts (nil keeps all), newest first.
	LastSets(platform, userID string, n int, keep func(*record.Set) bool) ([]record.Set, error)
	// LastEntry are the sets of the user's last entry, newest first: what
	// a Change with Undo naming its Entry removes.
	LastEntry(platform, userID string) ([]record.Set, error)
	// Entry are the sets of the entry ref names, stamped at ref.At,
	// newest first; none when it is gone.
	Entry(ref record.EntryRef) ([]record.Set, error)
	// CountSets is how many sets the user's history holds.
	CountSets(platform, userID string) (int, error)
	// NotImported are the rows the user has not imported before, in
	// their order: what a Change with Import adds.
	NotImported(platform, userID string, rows []record.ImportedSet) ([]record.ImportedSet, error)

	// Linked is the link that holds the user (record.Link); ok is false
	// when they are not linked.
	Linked(platform, userID string) (l record.Link, ok bool, err error)
	// LinkCode is the stored code, whether or not it expired; ok is false
	// when there is no such code (never made, used, or replaced).
	LinkCode(code string) (c record.LinkCode, ok bool, err error)
}

// Shared is an optional ability of a Store that other processes use at
// the same time (PostgreSQL, several replicas): the hub then takes a
// lifter's lock in the store around each message and reads the lifter's
// record fresh, so that no process acts on a record another has changed;
// and it fires only the timers, and sends only the stored replies, it
// holds a lease on (shared.go).
type Shared interface {
	// Owner is this process's name in leases, fixed for the handle's life.
	Owner() string
	// LockLifter returns once this process holds the lifter's lock,
	// which no other process, or goroutine of this one, holds until
	// unlock is called. ctx bounds the wait.
	LockLifter(ctx context.Context, l record.Lifter) (unlock func(), err error)
	// Session is one lifter's record as stored now; ok is false for none.
	Session(l record.Lifter) (rec record.Session, ok bool, err error)
	// Claim takes leases for this process on the timers due before until
	// whose lease has run out or that no process holds, and on the stored
	// replies whose lease has run out or that no process holds, and
	// returns them (timers in due order, replies in ID order). Timers and
	// replies this process adds are leased to it from the start: a
	// timer until its due time and record.TimerLease, a reply for
	// record.ReplyLease.
	Claim(until time.Time) ([]record.Timer, []record.Outgoing, error)
	// Holds reports whether this process still holds timer id's lease:
	// false once the timer was removed (cancelled, delivered) or taken.
	Holds(timerID string) (bool, error)
	// Release ends this process's leases at once (a clean shutdown) and
	// wakes the other processes, so that they claim them without waiting.
	Release() error
	// Wake receives when another process released its leases.
	Wake() <-chan struct{}
}
