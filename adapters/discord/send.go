package discord

import (
	"context"
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Send delivers one reply; it is the adapter's bot.Sender. A reply that
// answers a slash command or a button press (by Reply.InReplyTo) still
// within its token's life goes through the interaction: the command's
// deferred response, the pressed message when the reply edits it
// (Reply.Edit), else a follow-up. Those are webhook calls, which work
// where the bot is no member (a user-installed app). Pings, replies to
// typed commands and late replies are channel messages; a reply to a
// typed command refers to the lifter's message (Reply.ReplyTo), so it
// shows as an answer to it, or, with reactions on, is a reaction on it
// (Reply.React; react.go). Personal data asked for with a slash command
// or a button goes by DM rather than in public once the token is gone,
// and when an interaction token turns out to be dead, the reply goes
// the same way. A reply that names an earlier message (Reply.Replace)
// edits it (replace.go). An upload Discord refuses for its size is sent
// without the file, with a line saying so (toolarge.go). Where the bot
// cannot post as itself (a user-installed app), what would be a channel
// message goes as a follow-up of the lifter's latest interaction there
// (userinstall.go).
//
// The outbox calls Send concurrently for different channels and one
// reply at a time per channel. Errors carry no token: a 429 is a
// bot.RetryAfterError, a refusal for good wraps bot.ErrPermanent, and a
// 403 is bot.Forbidden as well.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) error {
	if !snowflake.MatchString(r.ChatID) {
		return &sendError{msg: fmt.Sprintf("discord: reply for chat %q: not a channel id", r.ChatID), kind: bot.ErrPermanent}
	}
	if a.reacts(r) {
		err := a.react(ctx, r)
		if err == nil || !errors.Is(err, bot.ErrPermanent) {
			return err
		}
		a.log.Info("discord: a reaction was refused; answering with text", "channel", r.ChatID, "err", err)
	}
	out := render(r)
	if r.Replace != "" && len(r.Pings) == 0 && len(out.chunks) == 1 && len(out.files) == 0 {
		return a.sendReplacing(ctx, r, out)
	}
	if len(r.Pings) > 0 || r.InReplyTo == "" {
		return a.toChannel(ctx, r, out, "")
	}
	if p, ok := a.pending.route(r.InReplyTo, a.now()); ok && p.usable(a.now()) {
		err := a.sendInteraction(ctx, p, r, out)
		if err == nil || !tokenGone(err) {
			return err
		}
		a.log.Info("discord: interaction token no longer works; answering outside it", "channel", r.ChatID, "err", err)
		a.pending.forget(p.id)
	}
	return a.outside(ctx, r, out)
}

// outside answers a message without its interaction: in the channel,
// referring to the message it answers, or by DM for personal data asked
// for with a slash command or a button.
func (a *Adapter) outside(ctx context.Context, r bot.Reply, out outgoing) error {
	if r.Private && fromInteraction(r.InReplyTo) && snowflake.MatchString(r.To.ID) {
		return a.sendDM(ctx, r.To.ID, out)
	}
	return a.toChannel(ctx, r, out, r.ReplyTo)
}

// sendInteraction answers through an acknowledged interaction.
func (a *Adapter) sendInteraction(ctx context.Context, p pending, r bot.Reply, out outgoing) error {
	opts := []discordgo.RequestOption{discordgo.WithContext(ctx)}
	switch {
	case p.kind == pendingComponent && r.Edit != "" && r.Edit == p.pressed && !out.ephemeral:
		// The hub brings the pressed message up to date (the session's
		// next step): the deferred update (type 6) made it the
		// interaction's original message, which is edited in place, as
		// a type 7 answer would. Any other answer to a press is a new
		// message (a follow-up, below); so is one that only the lifter
		// may see, which the pressed message cannot become.
		if err := a.editOriginal(ctx, p, out); err != nil {
			return err
		}
	case p.kind == pendingCommand && !p.answered && out.ephemeral && !p.ephemeral:
		// The deferral is public and cannot become ephemeral, and the
		// first follow-up after it would replace it publicly: delete it,
		// then answer privately.
		if err := a.rest.InteractionResponseDelete(p.in, opts...); err != nil {
			if err := a.fail("deleting a deferred response", err); !isStatus(err, 404) {
				return err
			}
		}
		a.pending.answered(p.id)
		if err := a.followUp(ctx, p, out, out.chunks, true); err != nil {
			return err
		}
	case p.kind == pendingCommand && !p.answered:
		if err := a.editOriginal(ctx, p, out); err != nil {
			return err
		}
	default:
		if err := a.followUp(ctx, p, out, out.chunks, out.ephemeral || p.ephemeral); err != nil {
			return err
		}
	}
	a.pending.answered(p.id)
	return nil
}

// editOriginal writes the first piece into the interaction's original
// response (the deferred answer, or the message a button was on); more
// pieces follow up.
func (a *Adapter) editOriginal(ctx context.Context, p pending, out outgoing) error {
	last := len(out.chunks) == 1
	content := out.chunks[0]
	comps := []discordgo.MessageComponent{}
	e := &discordgo.WebhookEdit{Content: &content, Components: &comps, AllowedMentions: out.mentions}
	if last {
		comps = append(comps, out.components...)
		if len(out.embeds) > 0 {
			e.Embeds = &out.embeds
		}
		e.Files = discordFiles(out.files)
	}
	if _, err := a.rest.InteractionResponseEdit(p.in, e, discordgo.WithContext(ctx)); err != nil {
		err = a.fail("editing an interaction response", err)
		if last && len(out.files) > 0 && tooLarge(err) {
			return a.editOriginal(ctx, p, a.withoutFiles(out, content, err))
		}
		return err
	}
	if !last {
		return a.followUp(ctx, p, out, out.chunks[1:], p.ephemeral)
	}
	return nil
}

// followUp posts pieces as follow-up messages of the interaction.
func (a *Adapter) followUp(ctx context.Context, p pending, out outgoing, chunks []string, ephemeral bool) error {
	var flags discordgo.MessageFlags
	if ephemeral {
		flags = discordgo.MessageFlagsEphemeral
	}
	for i, c := range chunks {
		params := &discordgo.WebhookParams{Content: c, AllowedMentions: out.mentions, Flags: flags}
		if i == len(chunks)-1 {
			params.Components = out.components
			params.Embeds = out.embeds
			params.Files = discordFiles(out.files)
		}
		if empty(c, params.Components, params.Embeds, params.Files) {
			continue
		}
		if _, err := a.rest.FollowupMessageCreate(p.in, true, params, discordgo.WithContext(ctx)); err != nil {
			err = a.fail("sending a follow-up message", err)
			if len(params.Files) > 0 && tooLarge(err) {
				rest := a.withoutFiles(out, c, err)
				return a.followUp(ctx, p, rest, rest.chunks, ephemeral)
			}
			return err
		}
	}
	return nil
}

// sendChannel posts the reply as channel messages, the first referring
// to the message ref ("" none) so that it shows as the answer to it.
func (a *Adapter) sendChannel(ctx context.Context, channel string, out outgoing, ref string) error {
	for i, c := range out.chunks {
		m := &discordgo.MessageSend{Content: c, AllowedMentions: out.mentions}
		if i == 0 {
			m.Reference = reference(channel, ref)
		}
		if i == len(out.chunks)-1 {
			m.Components = out.components
			m.Embeds = out.embeds
			m.Files = discordFiles(out.files)
		}
		if empty(c, m.Components, m.Embeds, m.Files) {
			continue
		}
		if _, err := a.rest.ChannelMessageSendComplex(channel, m, discordgo.WithContext(ctx)); err != nil {
			err = a.fail("sending a channel message", err)
			if len(m.Files) > 0 && tooLarge(err) {
				if i > 0 {
					ref = ""
				}
				return a.sendChannel(ctx, channel, a.withoutFiles(out, c, err), ref)
			}
			return err
		}
	}
	return nil
}

// reference is a message reference that makes a message a reply to the
// message ref in channel; nil for none. A reply to a message deleted
// meanwhile is sent all the same (fail_if_not_exists false), and Discord
// pings its author only if allowed_mentions says replied_user, which it
// never does: the lifter who just typed is looking.
func reference(channel, ref string) *discordgo.MessageReference {
	if !snowflake.MatchString(ref) {
		return nil
	}
	fail := false
	return &discordgo.MessageReference{MessageID: ref, ChannelID: channel, FailIfNotExists: &fail}
}

// sendDM posts the reply in a DM with the lifter.
func (a *Adapter) sendDM(ctx context.Context, user string, out outgoing) error {
	ch, err := a.rest.UserChannelCreate(user, discordgo.WithContext(ctx))
	if err != nil {
		return a.fail("opening a DM", err)
	}
	return a.sendChannel(ctx, ch.ID, out, "")
}

// empty reports whether a message would have nothing in it (Discord
// refuses those).
func empty(content string, comps []discordgo.MessageComponent, embeds []*discordgo.MessageEmbed, files []*discordgo.File) bool {
	return content == "" && len(comps) == 0 && len(embeds) == 0 && len(files) == 0
}

// isStatus reports whether err is a Discord answer with HTTP status code.
func isStatus(err error, code int) bool {
	var e *sendError
	return errors.As(err, &e) && e.status == code
}
