package telegram

import (
	"context"
	"errors"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
)

// Reactions: with Config.Reactions, a reply that may be an emoji
// (Reply.React: "✍" for a logged set, "🏆" for a record) goes as that
// reaction on the lifter's own message (setMessageReaction) instead of a
// message, which keeps a busy group quiet. A reply that carries more
// than its text (pings, a picture, a file, buttons) or edits a message
// is never a reaction, since the reaction would lose it. Where Telegram
// refuses the reaction for good (400: reactions off in the chat, an emoji
// it does not take, the message gone), the reply goes as its Text, a
// normal reply.

// reaction is the message to react on and the emoji, when r goes as a
// reaction; ok is false otherwise.
func (a *Adapter) reaction(r bot.Reply) (msg int, emoji string, ok bool) {
	if !a.cfg.Reactions || r.React == "" || r.Edit != "" || len(r.Pings) > 0 || r.Image != nil || r.File != nil || len(r.Keyboard()) > 0 {
		return 0, "", false
	}
	msg, ok = messageRef(r.ReplyTo)
	// Telegram's reaction emoji carry no variation selector ("✍", not
	// "✍️").
	return msg, strings.ReplaceAll(r.React, "\uFE0F", ""), ok
}

// react puts emoji on message msg of chat. done is false when Telegram
// refused it for good and the reply should go as text instead; err is
// the failure to report otherwise (a 429, a network error, a chat the bot
// may not post in).
func (a *Adapter) react(ctx context.Context, chat chatRef, msg int, emoji string) (done bool, err error) {
	_, err = a.api.SetMessageReaction(ctx, &tgbot.SetMessageReactionParams{ChatID: chat.id, MessageID: msg,
		Reaction: []models.ReactionType{{Type: models.ReactionTypeTypeEmoji, ReactionTypeEmoji: &models.ReactionTypeEmoji{Emoji: emoji}}}})
	if err == nil {
		return true, nil
	}
	err = a.classify("setMessageReaction", err)
	var f bot.Forbidden
	if errors.Is(err, bot.ErrPermanent) && !(errors.As(err, &f) && f.Forbidden()) {
		a.log.Info("reaction refused; sending the text", "chat", chat.String(), "message", msg, "err", err)
		return false, nil
	}
	return false, err
}
