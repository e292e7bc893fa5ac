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
// within its token's life edits the interaction's response or follows it
// up; pings, replies to mention commands and late replies are channel
// messages, except personal data asked for with a slash command or a
// button, which then goes by DM rather than in public. When an
// interaction token turns out to be dead, the reply goes the same way. A
// reply that names an earlier message (Reply.Replace) edits it
// (replace.go).
//
// The outbox calls Send concurrently for different channels and one
// reply at a time per channel. Errors carry no token: a 429 is a
// bot.RetryAfterError, a refusal for good wraps bot.ErrPermanent.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) error {
	if !snowflake.MatchString(r.ChatID) {
		return &sendError{msg: fmt.Sprintf("discord: reply for chat %q: not a channel id", r.ChatID), kind: bot.ErrPermanent}
	}
	out := render(r)
	if r.Replace != "" && len(r.Pings) == 0 && len(out.chunks) == 1 && len(out.files) == 0 {
		return a.sendReplacing(ctx, r, out)
	}
	if len(r.Pings) > 0 || r.InReplyTo == "" {
		return a.sendChannel(ctx, r.ChatID, out)
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

// outside answers a message without its interaction: in the channel, or
// by DM for personal data asked for with a slash command or a button.
func (a *Adapter) outside(ctx context.Context, r bot.Reply, out outgoing) error {
	if r.Private && fromInteraction(r.InReplyTo) && snowflake.MatchString(r.To.ID) {
		return a.sendDM(ctx, r.To.ID, out)
	}
	return a.sendChannel(ctx, r.ChatID, out)
}

// sendInteraction answers through an acknowledged interaction.
func (a *Adapter) sendInteraction(ctx context.Context, p pending, r bot.Reply, out outgoing) error {
	opts := []discordgo.RequestOption{discordgo.WithContext(ctx)}
	switch {
	case p.kind == pendingComponent && r.Session != "" && r.Session == p.session && !out.ephemeral:
		// The session message the button was on shows the new step.
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
		return a.fail("editing an interaction response", err)
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
			return a.fail("sending a follow-up message", err)
		}
	}
	return nil
}

// sendChannel posts the reply as channel messages.
func (a *Adapter) sendChannel(ctx context.Context, channel string, out outgoing) error {
	for i, c := range out.chunks {
		m := &discordgo.MessageSend{Content: c, AllowedMentions: out.mentions}
		if i == len(out.chunks)-1 {
			m.Components = out.components
			m.Embeds = out.embeds
			m.Files = discordFiles(out.files)
		}
		if empty(c, m.Components, m.Embeds, m.Files) {
			continue
		}
		if _, err := a.rest.ChannelMessageSendComplex(channel, m, discordgo.WithContext(ctx)); err != nil {
			return a.fail("sending a channel message", err)
		}
	}
	return nil
}

// sendDM posts the reply in a DM with the lifter.
func (a *Adapter) sendDM(ctx context.Context, user string, out outgoing) error {
	ch, err := a.rest.UserChannelCreate(user, discordgo.WithContext(ctx))
	if err != nil {
		return a.fail("opening a DM", err)
	}
	return a.sendChannel(ctx, ch.ID, out)
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
