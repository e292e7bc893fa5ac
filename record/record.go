// Package record holds the state Spotter keeps of its lifters: session
// records, rest timers, sets, settings and gyms, and the Change that one
// message or one fired timer writes. It is what the hub reads and writes
// and what every storage backend stores; it knows no backend.
package record

import (
	"encoding/binary"
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
	// Active is the running session.
	Active *coach.Session `json:",omitempty"`
	// ConfirmStart is set when "start" would replace a running session
	// and the lifter has been asked to say it again.
	ConfirmStart bool `json:",omitempty"`
	// ConfirmLoad is a plan command whose load is far beyond plausible,
	// as the lifter wrote it ("drop 800kg bench"): the hub asked whether
	// that is the number meant and plans it on "yes". Empty when nothing
	// waits; any other message clears it.
	ConfirmLoad string    `json:",omitempty"`
	StartedAt   time.Time `json:",omitzero"`
	UpdatedAt   time.Time
}

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
}

// Key is the timer's key in the store: its due time, then its ID, so that
// a cursor walks timers in due order.
func (t *Timer) Key() []byte {
	k := make([]byte, 8, 8+len(t.ID))
	binary.BigEndian.PutUint64(k, uint64(t.Due.UnixNano()))
	return append(k, t.ID...)
}

// Set is one set a lifter did, with whose it is.
type Set struct {
	coach.Lift
	Platform string
	UserID   string
	ChatID   string `json:",omitempty"`
}

// Change is everything one message or one fired timer changes, written
// in one transaction: all of it lasts, or none of it.
type Change struct {
	// Seen remembers a platform message id, so a redelivery is dropped.
	SeenPlatform, SeenID string
	// Session, if set, replaces the lifter's session record;
	// DeleteSession removes it.
	Session       *Session
	DeleteSession *Lifter
	Sets          []Set
	AddTimers     []Timer
	DeleteTimers  [][]byte // timer keys
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
}
