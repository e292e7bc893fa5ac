package discord

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// ackTimeout bounds the first answer to an interaction: Discord drops an
// interaction not answered within 3 s.
const ackTimeout = 3 * time.Second

// manageServer is the permission that makes a member a guild admin for
// Spotter: Manage Server (0x20), or Administrator, which implies it.
const manageServer = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// onInteraction handles one interaction. discordgo calls it on its own
// goroutine per event; it acknowledges at once and only enqueues for the
// hub.
func (a *Adapter) onInteraction(ctx context.Context, in *discordgo.Interaction) {
	if in == nil {
		return
	}
	switch in.Type {
	case discordgo.InteractionApplicationCommand:
		a.onCommand(ctx, in)
	case discordgo.InteractionApplicationCommandAutocomplete:
		a.onAutocomplete(ctx, in)
	case discordgo.InteractionMessageComponent:
		a.onComponent(ctx, in)
	}
}

// onCommand defers the answer (type 5; ephemeral for Private commands),
// then hands the command's chat text to the hub. The hub's reply edits
// the deferred response (see Send).
func (a *Adapter) onCommand(ctx context.Context, in *discordgo.Interaction) {
	data := in.ApplicationCommandData()
	spec, ok := a.specs[data.Name]
	if !ok || data.CommandType != discordgo.ChatApplicationCommand {
		a.refuse(ctx, in, "I don't know that command any more; type / to see mine.")
		return
	}
	vals := optionValues(spec, data.Options)
	m, ok := a.message(in, spec.Text(vals))
	if !ok {
		return
	}
	ack := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if spec.Private {
		ack.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	var p *pending
	if a.respond(ctx, in, ack) {
		p = &pending{in: slim(in), kind: pendingCommand, ephemeral: spec.Private, userOnly: userInstallOnly(in)}
	}
	// An attachment is downloaded after the deferral: it may take longer
	// than the 3 s Discord gives.
	for _, name := range fileArgs(spec) {
		if data.Resolved == nil || m.File != nil {
			break
		}
		if att := data.Resolved.Attachments[vals[name]]; att != nil {
			a.attach(ctx, &m, att)
		}
	}
	a.enqueue(ctx, m, p)
}

// notYours answers a press on another lifter's buttons.
const notYours = "These buttons belong to another lifter. Plan your own with a command, e.g. /drop 80kg bench"

// ownerUnknown answers a press on a button that does not say whose it is
// (an older Spotter's, or a forged one): it is not acted on, since it may
// be another lifter's "Delete everything".
const ownerUnknown = "This button is from an older Spotter and does nothing now. Send the command again, e.g. /done 8 or /drop 80kg bench"

// onComponent acknowledges a button press with a deferred update (type
// 6) and hands the button's data to the hub, with the id of the message
// the button is on (Message.Pressed): a reply that edits that message
// (Reply.Edit) then edits the interaction's original message, which a
// type 6 makes the pressed one; any other reply is a new message, a
// follow-up (see sendInteraction). A press on another lifter's
// buttons, or on a button that does not say whose it is, is answered
// with a note only the presser sees and goes nowhere; the owner comes
// from the button itself (see encodeCustomID), so the check holds after a
// restart. Components of other apps are acknowledged and otherwise
// ignored.
func (a *Adapter) onComponent(ctx context.Context, in *discordgo.Interaction) {
	id := in.MessageComponentData().CustomID
	// The session in the custom_id no longer steers anything: whether the
	// answer edits the pressed message is the hub's call (Reply.Edit).
	owner, _, text, ok := decodeCustomID(id)
	if !ok {
		if oldCustomID(id) {
			a.log.Info("discord: button press refused: the button does not say whose it is", "channel", in.ChannelID)
			a.refuse(ctx, in, ownerUnknown)
			return
		}
		a.respond(ctx, in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
		return
	}
	m, ok := a.message(in, text)
	if !ok {
		return
	}
	if owner != "" && owner != m.UserID {
		a.refuse(ctx, in, notYours)
		return
	}
	var p *pending
	if a.respond(ctx, in, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}) {
		p = &pending{in: slim(in), kind: pendingComponent, pressed: m.Pressed, userOnly: userInstallOnly(in)}
	}
	a.enqueue(ctx, m, p)
}

// refuse answers an interaction with a note only the presser sees,
// mentioning nobody.
func (a *Adapter) refuse(ctx context.Context, in *discordgo.Interaction, note string) {
	a.respond(ctx, in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: note, Flags: discordgo.MessageFlagsEphemeral,
			AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}},
	})
}

// message is the hub Message for an interaction with the given text.
func (a *Adapter) message(in *discordgo.Interaction, text string) (bot.Message, bool) {
	u := in.User
	admin := false
	if in.Member != nil && in.Member.User != nil {
		u = in.Member.User
		admin = in.Member.Permissions&manageServer != 0
	}
	if u == nil || in.ChannelID == "" {
		a.log.Warn("discord: interaction without a user or channel; ignored", "type", in.Type.String())
		return bot.Message{}, false
	}
	m := bot.Message{
		Platform: Platform,
		ChatID:   in.ChannelID,
		UserID:   u.ID,
		UserName: displayName(u),
		Text:     text,
		// A private channel (context 2: a DM between users or a group DM
		// where a lifter uses Spotter as a user-installed app) is seen by
		// others: it is no private chat with the bot.
		Group:    in.GuildID != "" || in.Context == discordgo.InteractionContextPrivateChannel,
		Space:    in.GuildID, // a server's gym applies to all its channels
		ID:       "i" + in.ID,
		Admin:    admin,
		Slash:    true,
		Commands: bot.CommandStyle{Slash: true},
	}
	if in.Type == discordgo.InteractionMessageComponent && in.Message != nil {
		m.Pressed = in.Message.ID
	}
	return m, true
}

// userInstalledOnly reports whether an interaction comes from where only
// the lifter installed Spotter (a user-installed app), not the server
// or DM it happens in: the bot is then no member of the channel, and
// only the interaction's response and follow-ups reach it; channel
// messages (pings, answers after the token's 15 minutes) are refused
// with 403.
func userInstalledOnly(in *discordgo.Interaction) bool {
	_, user := in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationUserInstall]
	_, guild := in.AuthorizingIntegrationOwners[discordgo.ApplicationIntegrationGuildInstall]
	return user && !guild
}

// respond sends the first answer to an interaction within its deadline,
// and reports whether Discord took it.
func (a *Adapter) respond(ctx context.Context, in *discordgo.Interaction, r *discordgo.InteractionResponse) bool {
	ctx, cancel := context.WithTimeout(ctx, ackTimeout)
	defer cancel()
	if err := a.rest.InteractionRespond(in, r, discordgo.WithContext(ctx)); err != nil {
		a.log.Error("discord: answering an interaction failed", "type", in.Type.String(), "channel", in.ChannelID, "err", a.fail("interaction callback", err))
		return false
	}
	return true
}

// enqueue notes the acknowledged interaction p (nil for a typed command,
// or an interaction Discord did not take) under m's ID, where the hub's
// replies find it by InReplyTo, and hands m to the hub.
func (a *Adapter) enqueue(ctx context.Context, m bot.Message, p *pending) {
	if p != nil {
		p.id, p.at = m.ID, a.now()
		a.pending.add(p)
		// Before the hub has it: its answers and the pings after them
		// find the lifter's route (userinstall.go).
		a.noteInteraction(p, m.UserID)
	}
	if err := a.h.Submit(ctx, m); err != nil {
		a.log.Warn("discord: the hub did not take a message", "channel", m.ChatID, "err", err)
		if p != nil {
			a.pending.forget(p.id)
			if p.kind == pendingCommand {
				a.apologize(p.in)
			}
		}
	}
}

// apologize replaces a deferred "thinking" answer when the hub did not
// take the command (it is shutting down), so the lifter is not left
// waiting for 15 minutes.
func (a *Adapter) apologize(in *discordgo.Interaction) {
	ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
	defer cancel()
	text := "Spotter is restarting; please try again in a minute."
	_, err := a.rest.InteractionResponseEdit(in, &discordgo.WebhookEdit{Content: &text,
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}}, discordgo.WithContext(ctx))
	if err != nil {
		a.log.Warn("discord: could not tell a lifter the bot is restarting", "err", a.fail("editing an interaction response", err))
	}
}

// displayName is the name a lifter goes by: their global display name,
// else their username.
func displayName(u *discordgo.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}
