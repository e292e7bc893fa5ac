package record

import (
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// Round is a class round in one chat: one technique and exercise, led by
// whoever opened it, each member lifting their own plan at their own load.
// A chat has at most one round; an ended round is deleted
// (Change.DeleteRound), so a store holds open and running rounds only.
type Round struct {
	ID               string
	Platform, ChatID string
	Group            bool
	// LeaderID and LeaderName are whoever opened it: their go starts it
	// and moves it on, their end ends it.
	LeaderID, LeaderName string
	// Class is the command after "class" as the leader wrote it ("rp
	// squat 3 minis"): each joiner's plan is made from it with their load.
	Class string
	// Title names it: "rest-pause: back squat".
	Title string
	State RoundState
	// Step is the step of the round the members are on (0 first).
	Step    int
	Members []RoundMember
	// LastGo is when the current step's GO came, or comes: a rest's end,
	// when every member's ping is due (their timers' due time).
	LastGo time.Time
	// Resting is set while the rest before Step runs: each member not
	// finished has a timer due at LastGo.
	Resting bool `json:",omitempty"`
	Opened  time.Time
	Updated time.Time
}

// RoundState is where a round stands.
type RoundState uint8

const (
	RoundOpen    RoundState = iota + 1 // lifters join; the leader's go starts it
	RoundRunning                       // steps go on
	RoundEnded                         // over; never stored
)

// RoundMember is one lifter of a round, with their own plan as a session.
type RoundMember struct {
	UserID, UserName string
	Session          *coach.Session
	// Reported is set once they reported the round's current step (or
	// their part is over).
	Reported bool `json:",omitempty"`
	// Missed is when the GO came of the first step in a row they did not
	// report (the leader's go moved on without them); zero while they
	// keep up.
	Missed time.Time `json:",omitzero"`
	// Gone is "left" or "dropped" once they are out of the round: kept
	// for its summary.
	Gone string `json:",omitempty"`
}

// RoundKey names a chat's round.
type RoundKey struct {
	Platform, ChatID string
}

// Key is the round's chat.
func (r *Round) Key() RoundKey { return RoundKey{Platform: r.Platform, ChatID: r.ChatID} }
