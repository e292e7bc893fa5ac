package telegram

import (
	"context"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
)

// answerTimeout bounds one answerCallbackQuery.
const answerTimeout = 10 * time.Second

// notYours answers a press on another lifter's buttons.
const notYours = "These buttons belong to another lifter. Plan your own with a command, e.g. /drop 80kg bench"

// ownerUnknown answers a press on a button that does not say whose it is
// (an older Spotter's, or a forged one): it is not acted on, since it may
// be another lifter's "Delete everything".
const ownerUnknown = "This button is from an older Spotter and does nothing now. Send the command again, e.g. /done 8 or /drop 80kg bench"

// onUpdate is the library's handler for every update. With
// WithNotAsyncHandlers it runs on the library's single worker goroutine,
// in update order (the webhook calls it the same way); it only queues
// the update's work on its chat's queue, and waits only when maxPending
// updates are already queued.
func (a *Adapter) onUpdate(ctx context.Context, _ *tgbot.Bot, u *models.Update) {
	chat, j, ok := a.inbound(u)
	if !ok {
		return
	}
	if !a.in.push(ctx, chat, j) {
		a.log.Warn("update dropped: shutting down", "update", u.ID)
	}
}

// inbound is the work an update asks for, and the chat whose queue it
// goes on; ok is false for updates Spotter ignores.
func (a *Adapter) inbound(u *models.Update) (chat string, j job, ok bool) {
	switch {
	case u.Message != nil:
		return a.fromMessage(u.ID, u.Message)
	case u.CallbackQuery != nil:
		return a.fromCallback(u.ID, u.CallbackQuery)
	}
	return "", job{}, false
}

// fromMessage applies Telegram's addressing rules: a private chat takes
// any text; a group takes commands for this bot (/cmd, /cmd@ThisBot),
// "@ThisBot ..." and replies to the bot's messages. Commands for other
// bots are ignored everywhere. Text goes to the hub as typed, with the
// message's id (Ref), which the replies answer.
func (a *Adapter) fromMessage(id int64, m *models.Message) (string, job, bool) {
	if m.From == nil || m.From.IsBot {
		return "", job{}, false // other bots, channels and anonymous admins
	}
	group := isGroup(m.Chat.Type)
	if !group && m.Chat.Type != models.ChatTypePrivate {
		return "", job{}, false
	}
	text, doc := m.Text, (*models.Document)(nil)
	if m.Document != nil {
		text, doc = m.Caption, m.Document
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return "", job{}, false
	}
	me := a.me.Load()
	if _, target, isCmd := parseCommand(text); isCmd {
		if !addressedTo(target, me.Username) {
			a.log.Debug("command for another bot ignored", "update", id, "to", target)
			return "", job{}, false
		}
	} else if rest, ok := cutMention(text, me.Username); ok {
		if text = rest; text == "" {
			return "", job{}, false
		}
	} else if group && !repliesTo(m, me.ID) {
		return "", job{}, false // privacy mode keeps most of these away anyway
	}
	where := chatRef{id: m.Chat.ID}
	if m.IsTopicMessage {
		where.thread = m.MessageThreadID
	}
	msg := &bot.Message{
		Platform: Platform,
		UserID:   strconv.FormatInt(m.From.ID, 10),
		UserName: displayName(m.From),
		Text:     text,
		Group:    group,
		ID:       updateID(id),
		Admin:    !group, // a lifter runs their own private chat
		Ref:      strconv.Itoa(m.ID),
	}
	j := job{msg: msg}
	a.place(msg, where, group, &j, m.From.ID)
	if isImport(text) {
		msg.Text = "import"
		if doc == nil && m.ReplyToMessage != nil {
			doc = m.ReplyToMessage.Document
		}
		j.doc = doc
	}
	return msg.ChatID, j, true
}

// place fills in where a message or press happened and what follows from
// it: the ChatID (with the forum topic), the Space (the chat, when in a
// topic), how commands must be written there (in groups, privacy mode
// passes only /cmd@ThisBot), and for a group command that changes the
// chat's settings, the admin check deliver makes before the hub gets it.
func (a *Adapter) place(msg *bot.Message, where chatRef, group bool, j *job, user int64) {
	msg.ChatID = where.String()
	if where.thread != 0 {
		msg.Space = where.chatOnly()
	}
	if group {
		msg.Commands = bot.CommandStyle{Slash: true, Bot: a.me.Load().Username}
		if needsAdmin(msg.Text) {
			j.admin = &memberKey{chat: where.id, user: user}
		}
	}
}

// fromCallback turns a button press into a Message whose Text is the
// hub's data the button carries. Every press is answered, even one that
// goes nowhere; a press on another lifter's buttons, or on a button that
// does not say whose it is, is answered with a note and goes nowhere. The
// owner comes from the button itself (see encodeCallback), so the check
// holds after a restart. The Message says which message the button sits
// on (Pressed), which the answer may edit, and the ChatID has that
// message's forum topic, so the press finds the session started there.
func (a *Adapter) fromCallback(id int64, cq *models.CallbackQuery) (string, job, bool) {
	j := job{callbackID: cq.ID}
	user := strconv.FormatInt(cq.From.ID, 10)
	var chat *models.Chat
	var msgID, thread int
	switch {
	case cq.Message.Message != nil:
		chat, msgID = &cq.Message.Message.Chat, cq.Message.Message.ID
		if cq.Message.Message.IsTopicMessage {
			thread = cq.Message.Message.MessageThreadID // the press is in the topic its message is in
		}
	case cq.Message.InaccessibleMessage != nil:
		chat, msgID = &cq.Message.InaccessibleMessage.Chat, cq.Message.InaccessibleMessage.MessageID
	}
	if chat == nil || chat.ID == 0 || cq.Data == "" || cq.From.IsBot {
		return "user:" + user, j, true // just answer it
	}
	where := chatRef{id: chat.ID, thread: thread}
	chatID := where.String()
	owner, data, ok := decodeCallback(cq.Data)
	switch {
	case !ok:
		a.log.Info("button press refused: the button does not say whose it is", "chat", chatID, "message", msgID)
		j.answer = ownerUnknown
		return chatID, j, true
	case owner != "" && owner != user:
		j.answer = notYours
		return chatID, j, true
	}
	j.msg = &bot.Message{
		Platform: Platform,
		UserID:   user,
		UserName: displayName(&cq.From),
		Text:     data,
		Group:    isGroup(chat.Type),
		ID:       updateID(id),
		Admin:    chat.Type == models.ChatTypePrivate,
		Pressed:  strconv.Itoa(msgID),
	}
	a.place(j.msg, where, j.msg.Group, &j, cq.From.ID)
	return chatID, j, true
}

// deliver runs one update's job on its chat's worker: download, hand to
// the hub, answer the button press.
func (a *Adapter) deliver(ctx context.Context, j job) {
	if j.msg != nil {
		if j.doc != nil {
			a.attach(ctx, j.msg, j.doc)
		}
		if j.admin != nil {
			j.msg.Admin = a.isAdmin(ctx, j.admin.chat, j.admin.user)
		}
		if err := a.h.Submit(ctx, *j.msg); err != nil {
			a.log.Warn("update not handed to the hub", "update", j.msg.ID, "err", err)
		}
	}
	if j.callbackID != "" {
		actx, cancel := context.WithTimeout(ctx, answerTimeout)
		defer cancel()
		if _, err := a.api.AnswerCallbackQuery(actx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: j.callbackID, Text: j.answer}); err != nil {
			a.log.Warn("answerCallbackQuery failed", "err", a.redactErr("answerCallbackQuery", err))
		}
	}
}

// repliesTo reports whether m answers a message of the bot's.
func repliesTo(m *models.Message, botID int64) bool {
	r := m.ReplyToMessage
	return r != nil && r.From != nil && r.From.ID == botID
}

// isImport reports whether text asks to import a file: "import",
// "/import" or "/import@ThisBot", alone.
func isImport(text string) bool {
	w := strings.ToLower(strings.TrimPrefix(text, "/"))
	if i := strings.IndexByte(w, '@'); i >= 0 && !strings.ContainsAny(w[i:], " \t\n") {
		w = w[:i]
	}
	return w == "import"
}

// displayName is how the hub calls a lifter: the first name, or the
// @username, or the id.
func displayName(u *models.User) string {
	switch {
	case strings.TrimSpace(u.FirstName) != "":
		return strings.TrimSpace(u.FirstName)
	case u.Username != "":
		return "@" + u.Username
	}
	return "user " + strconv.FormatInt(u.ID, 10)
}

func isGroup(t models.ChatType) bool {
	return t == models.ChatTypeGroup || t == models.ChatTypeSupergroup
}

// updateID is a Message.ID: the hub drops an update it has seen, so one
// Telegram sends again after a restart is processed once.
func updateID(id int64) string { return "u" + strconv.FormatInt(id, 10) }
