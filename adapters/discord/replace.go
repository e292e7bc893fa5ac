package discord

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Replies that bring one message up to date (bot.Reply.Replace: the
// progress of a long import, then its answer). The first is sent as any
// reply, and the adapter keeps where it went: the response of the slash
// command it answers, or a channel message. Each later reply with the
// same name edits that message. A reply of several pieces or with a
// file, one whose first went elsewhere (a follow-up, a DM), and one whose
// message is gone or whose interaction token has expired is sent anew,
// as replies are.

// maxReplaced bounds the messages kept; beyond it the oldest are
// forgotten, and a later reply naming one is a new message.
const maxReplaced = 4096

// errReplacedGone is the edit of a message that can no longer be edited.
var errReplacedGone = errors.New("discord: the message to edit can no longer be edited")

type replaceKey struct{ channel, name string }

// replaceTarget is where a name's message is: an interaction's original
// response, or a channel message.
type replaceTarget struct {
	in      *discordgo.Interaction
	at      time.Time // when the interaction was acknowledged
	message string    // the channel message's id
}

// replacedSet is the messages that replies name, by channel and name. Its
// zero value is empty and ready; it is safe for concurrent use.
type replacedSet struct {
	mu    sync.Mutex
	m     map[replaceKey]replaceTarget
	order []replaceKey // oldest first
}

func (s *replacedSet) get(k replaceKey) (replaceTarget, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.m[k]
	return t, ok
}

func (s *replacedSet) put(k replaceKey, t replaceTarget) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[replaceKey]replaceTarget{}
	}
	if _, ok := s.m[k]; !ok {
		s.order = append(s.order, k)
	}
	s.m[k] = t
	for len(s.m) > maxReplaced {
		delete(s.m, s.order[0])
		s.order = s.order[1:]
	}
	if len(s.order) > 2*maxReplaced {
		// Keys forgotten by forget linger in order; drop them.
		kept := s.order[:0]
		for _, k := range s.order {
			if _, ok := s.m[k]; ok {
				kept = append(kept, k)
			}
		}
		s.order = kept
	}
}

func (s *replacedSet) forget(k replaceKey) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
}

// sendReplacing sends a reply of one piece that names a message to bring
// up to date: an edit of that message when there is one, else the reply
// as Send would send it, keeping where it went.
func (a *Adapter) sendReplacing(ctx context.Context, r bot.Reply, out outgoing) error {
	key := replaceKey{r.ChatID, r.Replace}
	if t, ok := a.replaced.get(key); ok {
		err := a.editReplaced(ctx, r.ChatID, t, out)
		if err == nil || !errors.Is(err, errReplacedGone) && !tokenGone(err) {
			return err
		}
		a.log.Info("discord: the message to bring up to date is gone; sending a new one", "channel", r.ChatID, "err", err)
		a.replaced.forget(key)
	}
	if r.InReplyTo != "" {
		if p, ok := a.pending.route(r.InReplyTo, a.now()); ok && p.usable(a.now()) {
			// The deferred response of the command becomes the message
			// (sendInteraction's own choice for a first answer).
			original := p.kind == pendingCommand && !p.answered && !(out.ephemeral && !p.ephemeral)
			err := a.sendInteraction(ctx, p, r, out)
			if err == nil && original {
				a.replaced.put(key, replaceTarget{in: p.in, at: p.at})
			}
			if err == nil || !tokenGone(err) {
				return err
			}
			a.log.Info("discord: interaction token no longer works; answering outside it", "channel", r.ChatID, "err", err)
			a.pending.forget(p.id)
		}
		if r.Private && fromInteraction(r.InReplyTo) && snowflake.MatchString(r.To.ID) {
			return a.sendDM(ctx, r.To.ID, out)
		}
	}
	if done, err := a.viaUserInstall(ctx, r, out); done {
		// Where the bot cannot post as itself: a follow-up, not kept
		// (a later reply with the name is a new message too).
		return err
	}
	m := &discordgo.MessageSend{Content: out.chunks[0], AllowedMentions: out.mentions, Components: out.components, Embeds: out.embeds,
		Reference: reference(r.ChatID, r.ReplyTo)}
	sent, err := a.rest.ChannelMessageSendComplex(r.ChatID, m, discordgo.WithContext(ctx))
	if err != nil {
		return a.fail("sending a channel message", err)
	}
	a.replaced.put(key, replaceTarget{message: sent.ID})
	return nil
}

// editReplaced edits the message t with the reply's one piece.
func (a *Adapter) editReplaced(ctx context.Context, channel string, t replaceTarget, out outgoing) error {
	if t.in != nil {
		if !a.now().Before(t.at.Add(tokenLife - tokenMargin)) {
			return errReplacedGone
		}
		return a.editOriginal(ctx, pending{in: t.in}, out)
	}
	content := out.chunks[0]
	comps := out.components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	e := &discordgo.MessageEdit{ID: t.message, Channel: channel, Content: &content, Components: &comps, AllowedMentions: out.mentions}
	if len(out.embeds) > 0 {
		e.Embeds = &out.embeds
	}
	if _, err := a.rest.ChannelMessageEditComplex(e, discordgo.WithContext(ctx)); err != nil {
		return a.fail("editing a channel message", err)
	}
	return nil
}
