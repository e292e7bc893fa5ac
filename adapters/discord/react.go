package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Reactions: with Config.Reactions on, a reply the hub marks as one that
// an emoji can stand for (Reply.React: "logged", in a busy channel) is a
// reaction on the lifter's own typed message instead of a message of its
// own. It costs the channel no message and says "done" where the lifter
// looks. Only a plain reply to a typed message qualifies: an interaction
// has no message of the lifter's to react to (and must be answered), and
// a reply with pings, buttons or files says more than an emoji can.
//
// A reaction refused for good (403: no Add Reactions permission, or the
// lifter blocked the bot; 404: the message was deleted; 400: an emoji
// Discord does not know) is answered with the reply's text instead;
// other failures come back to the outbox, which retries the reaction
// (adding one twice changes nothing).

// reacts reports whether r is sent as a reaction.
func (a *Adapter) reacts(r bot.Reply) bool {
	return a.cfg.Reactions && r.React != "" && snowflake.MatchString(r.ReplyTo) &&
		!r.Interaction && !fromInteraction(r.InReplyTo) && r.Replace == "" &&
		len(r.Pings) == 0 && r.Image == nil && r.File == nil && len(r.Keyboard()) == 0
}

// react puts r.React on the message r answers.
func (a *Adapter) react(ctx context.Context, r bot.Reply) error {
	err := a.rest.MessageReactionAdd(r.ChatID, r.ReplyTo, r.React, discordgo.WithContext(ctx))
	return a.fail("adding a reaction", err)
}
