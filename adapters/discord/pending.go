package discord

import (
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// tokenLife is how long an interaction token may be used for edits and
// follow-ups; tokenMargin keeps a send from starting just before it ends.
// An acknowledged interaction is kept for tokenLife, then forgotten.
const (
	tokenLife   = 15 * time.Minute
	tokenMargin = time.Minute
)

// maxPending bounds the interactions kept (about 100 a second for the
// whole token life); beyond it the oldest are forgotten, and their late
// answers go to the channel (or by DM) as after the token's expiry.
const maxPending = 100_000

type pendingKind uint8

const (
	pendingCommand   pendingKind = iota // a slash command, deferred with type 5
	pendingComponent                    // a button press, deferred with type 6
)

// pending is an acknowledged interaction whose token the hub's replies
// use. Its fields are read and written under pendingSet.mu; route
// returns copies.
type pending struct {
	id        string                 // the hub Message's ID: "i" + the interaction's id
	in        *discordgo.Interaction // ID, AppID, Token, Type, ChannelID only
	at        time.Time              // when it was acknowledged
	kind      pendingKind
	ephemeral bool   // the deferred response is ephemeral (a Private command)
	answered  bool   // the original response was written or deleted
	pressed   string // component: the id of the message the button is on
	userOnly  bool   // where the bot cannot post as itself (userInstallOnly)
}

// fromInteraction is an interaction message's ID ("i" + interaction id):
// its answer is never personal data in public, even once its token is
// gone.
func fromInteraction(messageID string) bool { return strings.HasPrefix(messageID, "i") }

// slim keeps what answering needs of an interaction (not its data,
// member or resolved attachments).
func slim(in *discordgo.Interaction) *discordgo.Interaction {
	return &discordgo.Interaction{ID: in.ID, AppID: in.AppID, Token: in.Token, Type: in.Type, ChannelID: in.ChannelID}
}

// pendingSet routes the hub's replies to the interactions they answer,
// by Reply.InReplyTo: a bounded map from message ID to the acknowledged
// interaction, each kept for its token's life. It is safe for concurrent
// use.
type pendingSet struct {
	mu    sync.Mutex
	m     map[string]*pending
	order []*pending // by at, for expiry and the bound
	head  int        // order[:head] are gone
	max   int
}

func newPendingSet() *pendingSet {
	return &pendingSet{m: map[string]*pending{}, max: maxPending}
}

// usable reports whether p's interaction token can still be used at now.
func (p *pending) usable(now time.Time) bool {
	return p.in != nil && now.Before(p.at.Add(tokenLife-tokenMargin))
}

// add records an acknowledged interaction.
func (s *pendingSet) add(p *pending) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(p.at)
	s.m[p.id] = p
	s.order = append(s.order, p)
	for len(s.order)-s.head > s.max {
		s.pop()
	}
}

// route returns the interaction the message with id was, if it is kept
// at now. It returns a copy; report what was done with it with answered
// or forget.
func (s *pendingSet) route(id string, now time.Time) (pending, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(now)
	p, ok := s.m[id]
	if !ok {
		return pending{}, false
	}
	return *p, true
}

// answered marks the interaction of message id as answered: the next
// reply to it follows up.
func (s *pendingSet) answered(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.m[id]; p != nil {
		p.answered = true
	}
}

// forget drops the interaction of message id (the hub did not take it,
// or its token no longer works).
func (s *pendingSet) forget(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

// expire forgets interactions whose token life is over at now; s.mu is
// held. Each is looked at once: O(1) amortized.
func (s *pendingSet) expire(now time.Time) {
	for s.head < len(s.order) && !now.Before(s.order[s.head].at.Add(tokenLife)) {
		s.pop()
	}
}

// pop forgets the oldest interaction; s.mu is held.
func (s *pendingSet) pop() {
	p := s.order[s.head]
	if s.m[p.id] == p {
		delete(s.m, p.id)
	}
	s.order[s.head] = nil
	s.head++
	if s.head > 1024 && s.head*2 > len(s.order) {
		s.order = append([]*pending(nil), s.order[s.head:]...)
		s.head = 0
	}
}

// size is the number of interactions kept, for tests.
func (s *pendingSet) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
