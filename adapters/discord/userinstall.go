package discord

import (
	"container/list"
	"context"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Where the bot cannot post as itself. A lifter who installed Spotter to
// their account uses it in servers that never added the bot and in
// private channels (DMs between users, group DMs): there the answers to
// their interactions arrive (they are webhook calls), but a channel
// message, such as the GO ping at the end of a rest, is refused with 403.
// So the adapter remembers, per channel and lifter, the latest
// interactions that lifter made in such a place (userInstallOnly), with
// their tokens, which Discord honours for 15 minutes. A reply that would
// be a channel message there for that lifter (a ping, an answer whose own
// interaction token is gone) goes as a follow-up message of the latest of
// them instead: the same content and buttons, mentioning only the lifter.
// A token close to the end of its life (routeMargin) is not used, one
// Discord refuses (401, 404 Unknown Webhook) is dropped; without one the
// reply is the channel message it always was (which may be refused).
//
// Pings of several lifters merged into one reply are split there: each
// lifter whose token is known gets their own lines as a follow-up of
// their interaction, with the buttons a lone ping carries; the lines of
// the others go together as one channel message.
//
// Limits: only interactions the adapter acknowledged since it started
// are known, so after a restart the first ping in such a place is lost
// until the lifter uses a command or a button again; a lifter idle for
// 15 minutes there (a rest longer than that, with no press meanwhile)
// gets no ping.

// maxUserRoutes bounds the (channel, lifter) pairs kept; beyond it the
// least recently used is forgotten.
const maxUserRoutes = 50_000

// routeMargin keeps a token from being used in its last half minute: a
// follow-up started then may arrive after the token's end.
const routeMargin = 30 * time.Second

// routesPerLifter is how many of a lifter's latest interactions in a
// channel are kept: the newest may be a slash command whose deferred
// response is not written yet, which a follow-up would replace (Discord
// makes the first follow-up after a deferral its response), so the one
// before it is used meanwhile.
const routesPerLifter = 2

// userInstallOnly reports whether the bot cannot post as itself where
// the interaction happened: a private channel (context 2), or a place
// only the lifter installed Spotter for (userInstalledOnly). A DM with
// the bot (context 1) is the bot's own channel.
func userInstallOnly(in *discordgo.Interaction) bool {
	if in.Context == discordgo.InteractionContextBotDM {
		return false
	}
	return in.Context == discordgo.InteractionContextPrivateChannel || userInstalledOnly(in)
}

type routeKey struct{ channel, user string }

// userRoute is an acknowledged interaction whose token a lifter's later
// replies in its channel may follow up on.
type userRoute struct {
	id      string                 // the hub Message's ID: "i" + the interaction's id
	in      *discordgo.Interaction // slim: ID, AppID, Token, Type, ChannelID
	at      time.Time              // when it was acknowledged
	command bool                   // a slash command, deferred with type 5
}

// usable reports whether the route's token may be used at now.
func (r userRoute) usable(now time.Time) bool {
	return r.in != nil && now.Before(r.at.Add(tokenLife-routeMargin))
}

// routeEntry is a lifter's latest interactions in a channel, newest first.
type routeEntry struct {
	key    routeKey
	routes []userRoute
}

// userRoutes is a bounded LRU of routeEntry by (channel, lifter), safe
// for concurrent use. Entries are kept for their newest token's life.
type userRoutes struct {
	mu  sync.Mutex
	m   map[routeKey]*list.Element // of *routeEntry
	lru list.List                  // front: most recently noted
	max int
}

func newUserRoutes() *userRoutes {
	return &userRoutes{m: map[routeKey]*list.Element{}, max: maxUserRoutes}
}

// note records r as the lifter's latest interaction in the channel.
// Interactions noted out of order (discordgo hands each event to a
// goroutine of its own) are kept newest first by their snowflakes.
func (s *userRoutes) note(k routeKey, r userRoute) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(r.at)
	el, ok := s.m[k]
	if !ok {
		el = s.lru.PushFront(&routeEntry{key: k})
		s.m[k] = el
	} else {
		s.lru.MoveToFront(el)
	}
	e := el.Value.(*routeEntry)
	i := 0
	for i < len(e.routes) && newerID(e.routes[i].in.ID, r.in.ID) {
		i++
	}
	e.routes = append(e.routes[:i], append([]userRoute{r}, e.routes[i:]...)...)
	if len(e.routes) > routesPerLifter {
		e.routes = e.routes[:routesPerLifter]
	}
	for s.lru.Len() > s.max {
		s.remove(s.lru.Back())
	}
}

// routes returns copies of the lifter's routes in the channel usable at
// now, newest first.
func (s *userRoutes) routes(k routeKey, now time.Time) []userRoute {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire(now)
	el, ok := s.m[k]
	if !ok {
		return nil
	}
	var out []userRoute
	for _, r := range el.Value.(*routeEntry).routes {
		if r.usable(now) {
			out = append(out, r)
		}
	}
	return out
}

// drop forgets the route of interaction message id (its token no longer
// works).
func (s *userRoutes) drop(k routeKey, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	el, ok := s.m[k]
	if !ok {
		return
	}
	e := el.Value.(*routeEntry)
	kept := e.routes[:0]
	for _, r := range e.routes {
		if r.id != id {
			kept = append(kept, r)
		}
	}
	e.routes = kept
	if len(kept) == 0 {
		s.remove(el)
	}
}

// forget drops the lifter's routes in the channel: an interaction there
// showed that the bot may post as itself now.
func (s *userRoutes) forget(k routeKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if el, ok := s.m[k]; ok {
		s.remove(el)
	}
}

// expire forgets entries whose newest token's life is over at now; s.mu
// is held. The least recently noted are the oldest: O(1) amortized.
func (s *userRoutes) expire(now time.Time) {
	for el := s.lru.Back(); el != nil; el = s.lru.Back() {
		e := el.Value.(*routeEntry)
		if len(e.routes) > 0 && now.Before(e.routes[0].at.Add(tokenLife)) {
			return
		}
		s.remove(el)
	}
}

// remove drops an entry; s.mu is held.
func (s *userRoutes) remove(el *list.Element) {
	delete(s.m, el.Value.(*routeEntry).key)
	s.lru.Remove(el)
}

// size is the number of (channel, lifter) pairs kept, for tests.
func (s *userRoutes) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// newerID reports whether snowflake a is later than b.
func newerID(a, b string) bool {
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a > b
}

// noteInteraction keeps an acknowledged interaction of user's (its
// pending answer already noted) for the replies that cannot be channel
// messages where it happened, or forgets the user's earlier ones there
// when the bot may post as itself.
func (a *Adapter) noteInteraction(p *pending, user string) {
	k := routeKey{p.in.ChannelID, user}
	if !p.userOnly {
		if a.routes.size() > 0 {
			a.routes.forget(k)
		}
		return
	}
	a.routes.note(k, userRoute{id: p.id, in: p.in, at: p.at, command: p.kind == pendingCommand})
}

// toChannel sends a reply that would be channel messages in its chat (the
// first referring to message ref): as follow-ups where the bot cannot post
// as itself and the lifter's token is known, else as channel messages.
func (a *Adapter) toChannel(ctx context.Context, r bot.Reply, out outgoing, ref string) error {
	if done, err := a.viaUserInstall(ctx, r, out); done {
		return err
	}
	return a.sendChannel(ctx, r.ChatID, out, ref)
}

// viaUserInstall sends r as follow-ups of its lifters' latest
// interactions in its chat, when it has any; done is false when it sent
// nothing and r is to go as channel messages. A reply for one lifter goes
// whole; merged pings of several are split by lifter, and the lines of
// those without a usable token go as one channel message. A retry after
// an error sends the pieces again that went before it, as a reply of
// several pieces does.
func (a *Adapter) viaUserInstall(ctx context.Context, r bot.Reply, out outgoing) (done bool, err error) {
	if a.routes.size() == 0 {
		return false, nil
	}
	groups := lifterGroups(r)
	if len(groups) <= 1 {
		user := r.To.ID
		if len(groups) == 1 {
			user = groups[0][0].To.ID
		}
		// A ping notifies: it is never ephemeral.
		return a.followUpLatest(ctx, r.ChatID, user, out, out.ephemeral && len(r.Pings) == 0)
	}
	var rest []bot.Ping
	for _, g := range groups {
		sub := bot.Reply{Platform: r.Platform, ChatID: r.ChatID, Group: r.Group, To: g[0].To, Pings: g, Session: r.Session}
		sent, err := a.followUpLatest(ctx, r.ChatID, g[0].To.ID, render(sub), false)
		if err != nil {
			return true, err
		}
		if sent {
			done = true
		} else {
			rest = append(rest, g...)
		}
	}
	if !done || len(rest) == 0 {
		return done, nil
	}
	left := bot.Reply{Platform: r.Platform, ChatID: r.ChatID, Group: r.Group, Pings: rest}
	if len(lifterGroups(left)) == 1 {
		left.To = rest[0].To
	}
	return true, a.sendChannel(ctx, r.ChatID, render(left), "")
}

// followUpLatest posts out as a follow-up of user's latest usable
// interaction in channel; sent is false when there is none (or Discord
// refused each as gone).
func (a *Adapter) followUpLatest(ctx context.Context, channel, user string, out outgoing, ephemeral bool) (sent bool, err error) {
	if !snowflake.MatchString(user) {
		return false, nil
	}
	k := routeKey{channel, user}
	for _, rt := range a.routes.routes(k, a.now()) {
		if rt.command {
			// A deferred response not yet written would become this
			// message, and then the hub's answer (the outbox sends one
			// reply at a time per channel, so it cannot be under way).
			if p, ok := a.pending.route(rt.id, a.now()); ok && !p.answered {
				continue
			}
		}
		err := a.followUp(ctx, pending{in: rt.in}, out, out.chunks, ephemeral)
		if err == nil {
			return true, nil
		}
		if !tokenGone(err) {
			return true, err
		}
		a.log.Info("discord: a lifter's interaction token no longer works; trying without it", "channel", channel, "err", err)
		a.routes.drop(k, rt.id)
	}
	return false, nil
}

// lifterGroups are r's pings by lifter, in the order each first appears.
func lifterGroups(r bot.Reply) [][]bot.Ping {
	var out [][]bot.Ping
	at := map[string]int{}
	for _, p := range r.Pings {
		i, ok := at[p.To.ID]
		if !ok {
			i = len(out)
			at[p.To.ID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], p)
	}
	return out
}
