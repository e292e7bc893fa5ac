package discord

import (
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// tokenLife is how long an interaction token may be used for edits and
// follow-ups; tokenMargin keeps a send from starting just before it ends.
// Messages are kept for keepFor, so that a late answer still knows it
// answers a slash command (a private one then goes by DM).
const (
	tokenLife   = 15 * time.Minute
	tokenMargin = time.Minute
	keepFor     = 2 * tokenLife
)

// maxPendingPerKey bounds the messages kept for one lifter in one
// channel (someone pressing many buttons quickly).
const maxPendingPerKey = 8

type pendingKind uint8

const (
	pendingCommand   pendingKind = iota // a slash command, deferred with type 5
	pendingComponent                    // a button press, deferred with type 6
	pendingChannel                      // a typed command, or an interaction not acknowledged: answered in the channel
)

// pending is a message handed to the hub whose answer has not come yet:
// an acknowledged interaction, or a command answered in the channel.
// Its fields are read and written under pendingSet.mu.
type pending struct {
	id        string                 // the hub Message's ID
	in        *discordgo.Interaction // ID, AppID, Token, ChannelID; nil for pendingChannel
	at        time.Time              // when it was acknowledged
	kind      pendingKind
	slash     bool   // it came as an interaction: its personal data is never answered in public
	ephemeral bool   // the deferred response is ephemeral (a Private command)
	answered  bool   // the original response was written or deleted
	session   string // component: the session the pressed message shows
}

type pendingKey struct{ channel, user string }

// pendingSet routes the hub's replies to the messages they answer: per
// (channel, lifter), the messages handed to the hub, in the order the hub
// got them (the adapter adds and submits under one lock). Replies carry
// no message id, but the hub answers every message with at least one
// reply, in order: a reply goes to the oldest message not yet answered,
// else to the latest one (a further reply follows it up). It is safe for
// concurrent use.
type pendingSet struct {
	mu   sync.Mutex
	m    map[pendingKey][]*pending
	adds int
}

func newPendingSet() *pendingSet {
	return &pendingSet{m: map[pendingKey][]*pending{}}
}

// usable reports whether p's interaction token can still be used at now.
func (p *pending) usable(now time.Time) bool {
	return p.in != nil && now.Before(p.at.Add(tokenLife-tokenMargin))
}

// kept reports whether p is still worth keeping at now.
func (p *pending) kept(now time.Time) bool {
	return now.Before(p.at.Add(keepFor))
}

// add records an acknowledged interaction.
func (s *pendingSet) add(k pendingKey, p *pending) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.adds++; s.adds%64 == 0 {
		s.sweep(p.at)
	}
	q := append(s.m[k], p)
	if len(q) > maxPendingPerKey {
		q = q[len(q)-maxPendingPerKey:]
	}
	s.m[k] = q
}

// route returns the message the next reply to k answers; ok is false
// when there is none. Its token may have expired: see usable. It returns a copy; report
// what was done with it with answered or forget.
func (s *pendingSet) route(k pendingKey, now time.Time) (pending, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.m[k]
	live := q[:0]
	for _, p := range q {
		if p.kept(now) {
			live = append(live, p)
		}
	}
	for len(live) > 1 && live[0].answered {
		live = live[1:]
	}
	if len(live) == 0 {
		delete(s.m, k)
		return pending{}, false
	}
	s.m[k] = live
	return *live[0], true
}

// answered marks the message with id as answered.
func (s *pendingSet) answered(k pendingKey, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.m[k] {
		if p.id == id {
			p.answered = true
		}
	}
}

// forget drops the message with id (the hub did not take it, or its
// interaction token no longer works).
func (s *pendingSet) forget(k pendingKey, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.m[k]
	for i, p := range q {
		if p.id == id {
			s.m[k] = append(q[:i:i], q[i+1:]...)
			break
		}
	}
	if len(s.m[k]) == 0 {
		delete(s.m, k)
	}
}

// sweep drops messages kept long enough. s.mu is held.
func (s *pendingSet) sweep(now time.Time) {
	for k, q := range s.m {
		live := q[:0]
		for _, p := range q {
			if p.kept(now) {
				live = append(live, p)
			}
		}
		if len(live) == 0 {
			delete(s.m, k)
		} else {
			s.m[k] = live
		}
	}
}

// size is the number of messages kept, for tests.
func (s *pendingSet) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, q := range s.m {
		n += len(q)
	}
	return n
}
