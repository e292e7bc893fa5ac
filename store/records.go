package store

import (
	"encoding/binary"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// Lifter identifies one lifter in one chat on one platform.
type Lifter struct {
	Platform string
	ChatID   string
	UserID   string
}

// key is platform NUL chat NUL user.
func (l Lifter) key() []byte {
	return []byte(l.Platform + "\x00" + l.ChatID + "\x00" + l.UserID)
}

// userKey is platform NUL user: a lifter's history spans chats.
func userKey(platform, userID string) []byte {
	return []byte(platform + "\x00" + userID)
}

func lifterFromKey(k []byte) Lifter {
	parts := strings.SplitN(string(k), "\x00", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return Lifter{Platform: parts[0], ChatID: parts[1], UserID: parts[2]}
}

// SessionRecord is a lifter's guided-session state in one chat: the plan
// they may start, and the session they are running.
type SessionRecord struct {
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
