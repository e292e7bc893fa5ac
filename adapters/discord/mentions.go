package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// onMessage handles MESSAGE_CREATE: a message that starts by mentioning
// the bot ("<@BOTID> drop 80kg bench"; Discord delivers its content
// without the privileged intent), one that starts with the configured
// prefix (needs the intent), or any message in a DM, goes to the hub as
// a command; an attachment goes with a command that takes one (import).
// The bot's own messages and other bots' are ignored. It runs on
// discordgo's goroutine per event and only enqueues.
func (a *Adapter) onMessage(ctx context.Context, s *discordgo.Session, m *discordgo.Message) {
	if m == nil || m.Author == nil || m.Author.Bot || m.WebhookID != "" {
		return
	}
	self := selfID(s)
	if self == "" || m.Author.ID == self {
		return
	}
	text, ok := a.commandText(self, m.Content, m.GuildID == "")
	if !ok {
		return
	}
	msg := bot.Message{
		Platform: Platform,
		ChatID:   m.ChannelID,
		UserID:   m.Author.ID,
		UserName: displayName(m.Author),
		Text:     text,
		Group:    m.GuildID != "",
		Space:    m.GuildID,
		ID:       "m" + m.ID,
		// The replies answer this message (Reply.ReplyTo): a message
		// reference, or a reaction on it.
		Ref: m.ID,
	}
	if msg.Group {
		// Typed text reaches the bot in a server only with a mention
		// (or the prefix): the hints name the slash commands, which
		// always do. In a DM plain words work.
		msg.Commands = bot.CommandStyle{Slash: true}
	}
	if len(m.Attachments) > 0 && m.Attachments[0] != nil && a.wantsFile(text) {
		a.attach(ctx, &msg, m.Attachments[0])
	}
	a.enqueue(ctx, msg, nil)
}

// commandText is the command in a message's content, if it is one: the
// text after a leading mention of the bot ("help" for a bare mention),
// after the prefix, or all of a DM.
func (a *Adapter) commandText(self, content string, dm bool) (string, bool) {
	t := strings.TrimSpace(content)
	for _, mention := range []string{"<@" + self + ">", "<@!" + self + ">"} {
		if rest, ok := strings.CutPrefix(t, mention); ok {
			if rest = strings.TrimSpace(rest); rest == "" {
				return "help", true
			}
			return rest, true
		}
	}
	if a.cfg.Prefix != "" {
		if rest, ok := strings.CutPrefix(t, a.cfg.Prefix); ok {
			rest = strings.TrimSpace(rest)
			return rest, rest != ""
		}
	}
	if dm && t != "" {
		return t, true
	}
	return "", false
}

// selfID is the bot's user id, from the session's READY.
func selfID(s *discordgo.Session) string {
	if s == nil || s.State == nil {
		return ""
	}
	s.State.RLock()
	defer s.State.RUnlock()
	if s.State.User == nil {
		return ""
	}
	return s.State.User.ID
}
