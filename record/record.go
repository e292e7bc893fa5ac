// Package record holds the state Spotter keeps of its lifters: session
// records, rest timers, sets, settings and gyms, and the Change that one
// message or one fired timer writes. It is what the hub reads and writes
// and what every storage backend stores; it knows no backend.
package record

import (
	"errors"
	"fmt"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// Lifter identifies one lifter in one chat on one platform.
type Lifter struct {
	Platform string
	ChatID   string
	UserID   string
}

// Session is a lifter's guided-session state in one chat: the plan
// they may start, and the session they are running.
type Session struct {
	Lifter   Lifter `json:"-"`
	UserName string
	Group    bool
	// Planned is the last plan shown, ready to start.
	Planned *coach.Session `json:",omitempty"`
	// Recent are the plans shown before Planned, newest first, up to
	// RecentPlans: a Start button under one of them starts that plan.
	Recent []*coach.Session `json:",omitempty"`
	// Active is the running session.
	Active *coach.Session `json:",omitempty"`
	// ConfirmStart is set when "start" would replace a running session
	// and the lifter has been asked to say it again.
	ConfirmStart bool `json:",omitempty"`
	// ConfirmLoad is a plan command whose load is far beyond plausible,
	// as the lifter wrote it ("drop 800kg bench"): the hub asked whether
	// that is the number meant and plans it on "yes". Empty when nothing
	// waits; any other message clears it.
	ConfirmLoad string `json:",omitempty"`
	// LastEntry is the entry of sets the lifter's last message in this
	// chat wrote (a log line, a session's step): what undo takes back,
	// even when it was logged for a past day.
	LastEntry *EntryRef `json:",omitempty"`
	StartedAt time.Time `json:",omitzero"`
	UpdatedAt time.Time
}

// TimerLease is how long past its due time a process that shares the
// store with others holds a timer: if it dies, another fires the ping
// then. ReplyLease is how long it holds a stored reply it has not marked
// sent.
const (
	TimerLease = 5 * time.Second
	ReplyLease = 10 * time.Second
)

// RecentPlans is how many plans before the last one a lifter's record
// keeps for their Start buttons.
const RecentPlans = 4

// Timer is a rest that ends with a ping to the lifter.
type Timer struct {
	Due      time.Time
	ID       string // unique: the session and step it belongs to
	Lifter   Lifter
	UserName string
	Group    bool
	// Text is what to do when the rest is over: "mini-set 2, 100 kg, as
	// many as you can".
	Text    string
	Created time.Time
	// Step is the step the ping announces, from which the ping draws its
	// buttons (the likely rep counts, skip, stop) without the running
	// session; nil on timers stored before pings carried buttons, whose
	// pings come without them.
	Step *TimerStep `json:",omitempty"`
}

// TimerStep is what a ping needs of the step it announces.
type TimerStep struct {
	Kind           coach.StepKind
	RepsLo, RepsHi int // the step's target range; 0 means as many as possible
}

// TimerRef names one pending timer: its ID, and the due time it was
// added with, by which a backend may keep timers in order.
type TimerRef struct {
	ID  string
	Due time.Time
}

// Ref names the timer.
func (t *Timer) Ref() TimerRef { return TimerRef{ID: t.ID, Due: t.Due} }

// Set is one set a lifter did, with whose it is.
type Set struct {
	coach.Lift
	Platform string
	UserID   string
	ChatID   string `json:",omitempty"`
}

// User is a lifter on one platform, across every chat: their history,
// settings and import marks span chats.
type User struct {
	Platform, UserID string
}

// EntryRef names one of a user's entries: the sets written together by
// one "log" line, one "done", or one day of an import (coach.Lift.Entry).
type EntryRef struct {
	Platform, UserID string
	Entry            string
	// At is when the entry's sets are stamped (a set logged for a past
	// day is stamped on that day): with it the entry is found wherever it
	// stands in the history. Zero means the entry must be the user's
	// newest by time.
	At time.Time `json:",omitzero"`
}

// RowID identifies one row of an imported export file: a digest of what
// the row holds and of how many identical rows came before it in the
// file. A user imports each row once, so importing a file twice adds
// nothing.
type RowID [16]byte

// RowIDOf reads a RowID as a store keeps it; an error when b is not one.
func RowIDOf(b []byte) (RowID, error) {
	var r RowID
	if len(b) != len(r) {
		return r, fmt.Errorf("an imported row's id of %d bytes, not %d", len(b), len(r))
	}
	copy(r[:], b)
	return r, nil
}

// ImportedSet is a set read from an export file, with the row it came
// from.
type ImportedSet struct {
	Set Set
	Row RowID
}

// UserSettings are one user's settings.
type UserSettings struct {
	Platform, UserID string
	Settings         Settings
}

// SpaceGym is the equipment of a space (a Discord server, a chat).
type SpaceGym struct {
	Platform, Space string
	// Racks nil gives the space back the configured gym.
	Racks *GymRacks
}

// SeenWindow is how many of the latest message ids a store remembers at
// least, to drop redelivered messages; platforms redeliver within minutes
// of the first delivery.
const SeenWindow = 50_000

// ErrSeen means a Change carried a message id applied before: the message
// was redelivered, and the Change wrote nothing.
var ErrSeen = errors.New("the message was handled before")

// Change is everything one message or one fired timer changes, written
// in one transaction: all of it lasts, or none of it. Every write a
// message causes travels in its Change, with its id, so that a
// redelivery after a crash between the write and the reply changes
// nothing.
type Change struct {
	// Seen remembers a platform message id, so a redelivery is dropped. A
	// Change whose id was seen before writes nothing: applying it fails
	// with ErrSeen.
	SeenPlatform, SeenID string
	// Undo removes the user's newest sets while they belong to this
	// entry (a set written without an entry stands alone); when the
	// newest set belongs to another entry it removes nothing. It is
	// applied before Sets, so it never removes what the same Change adds.
	Undo *EntryRef
	// Session, if set, replaces the lifter's session record;
	// DeleteSession removes it.
	Session       *Session
	DeleteSession *Lifter
	// Round, if set, replaces its chat's class round (round.go);
	// DeleteRound removes a chat's round. DeleteRound is applied first.
	Round       *Round
	DeleteRound *RoundKey
	// Sets are appended to their users' histories.
	Sets []Set
	// Import appends the sets of rows their users have not imported
	// before, and marks the rows imported.
	Import []ImportedSet
	// RemoveTimers are timers no longer pending: cancelled, or whose ping
	// was delivered. A timer already gone is skipped.
	RemoveTimers []TimerRef
	AddTimers    []Timer
	// Settings replaces a user's settings.
	Settings *UserSettings
	// Gym sets or clears a space's equipment.
	Gym *SpaceGym
	// Board replaces a chat's weekly board post (board.go).
	Board *Board
	// Outbox are replies to send, kept with the change of the message
	// that caused them, so that a crash before they went out sends them
	// after the restart; Sent removes those the platform took (or that
	// were given up). An id already gone is skipped.
	Outbox []Outgoing
	Sent   []string
	// LinkCode stores a link code, replacing any earlier code of its
	// user; codes that expired before the new one was made are dropped.
	LinkCode *LinkCode
	// Link joins two accounts (link.go) and deletes both accounts'
	// codes; Unlink splits the link that holds the user. Both are applied
	// after Settings, so a Change may move settings and the link together.
	Link   *Link
	Unlink *User
	// Forget deletes everything kept of a user on a platform: sets, import
	// marks, settings, and sessions and pending timers in every chat; and
	// when the user is linked (Link), the same of the account linked to
	// it, and the link, and both accounts' link codes. It is applied last,
	// so nothing of the user in the same Change outlives it; other users
	// and spaces' gyms are untouched.
	Forget *User
}

// Outgoing is a reply waiting in the outbox. The store keeps it as it
// is and hands it back in ID order (byte-wise): the hub picks IDs that
// sort in the order it queued them.
type Outgoing struct {
	ID       string
	Platform string
	ChatID   string
	At       time.Time // when it was queued
	Data     []byte    // the reply, encoded by the hub
}

// GymRacks are a chat's or a server's own equipment, overriding the
// configured gym.
type GymRacks struct {
	KG, LB coach.Rack
}

// Settings are a lifter's preferences on one platform.
type Settings struct {
	Unit      coach.Unit
	UnitSet   bool   `json:",omitempty"`
	TZ        string `json:",omitempty"` // IANA name, "" = UTC
	Fiber     coach.Fiber
	FiberSet  bool            `json:",omitempty"`
	Equipment coach.Equipment `json:",omitempty"`
	EquipSet  bool            `json:",omitempty"`
	// Board: the lifter is shown on the boards of their group chats
	// (settings board on); BoardAsked: a group asked them once.
	Board      bool `json:",omitempty"`
	BoardAsked bool `json:",omitempty"`
	// DropsFixed: drop sets take the configured percentage, not one
	// fitted to the lifter's own drop sets (settings drops fixed).
	DropsFixed bool `json:",omitempty"`
}
