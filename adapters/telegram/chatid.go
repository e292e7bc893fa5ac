package telegram

import (
	"strconv"
	"strings"

	"github.com/spotter-coach/spotter/bot"
)

// The hub's ChatID names where a conversation happens: a Telegram chat,
// and in a forum supergroup, the topic.
//
//	<chat>           a private chat, a group, a forum's General topic
//	<chat>/<thread>  a forum topic: message_thread_id <thread> of <chat>
//
// So a session started in a topic, its replies and its GO ping stay in
// that topic: every send to a ChatID with a thread carries
// message_thread_id (edits need none, the message is where it is). The
// Message's Space is then the plain <chat>, so the group's gym applies
// in all its topics. Reply threads of non-forum groups are not topics:
// their messages belong to the chat.

// chatRef is a ChatID read: the chat, and the forum topic (0 for none).
type chatRef struct {
	id     int64
	thread int
}

// String is the hub's ChatID of c.
func (c chatRef) String() string {
	s := strconv.FormatInt(c.id, 10)
	if c.thread != 0 {
		s += "/" + strconv.Itoa(c.thread)
	}
	return s
}

// chatOnly is the plain chat id of c, without its topic.
func (c chatRef) chatOnly() string { return strconv.FormatInt(c.id, 10) }

// parseChatID reads a hub ChatID; ok is false for one that is not a
// Telegram chat (another platform's, or garbage).
func parseChatID(s string) (c chatRef, ok bool) {
	chat, thread, topic := strings.Cut(s, "/")
	id, err := strconv.ParseInt(chat, 10, 64)
	if err != nil || id == 0 {
		return chatRef{}, false
	}
	c.id = id
	if topic {
		t, err := strconv.Atoi(thread)
		if err != nil || t <= 0 || strconv.Itoa(t) != thread {
			return chatRef{}, false
		}
		c.thread = t
	}
	return c, true
}

// messageRef reads a message id the hub hands back (Reply.ReplyTo,
// Reply.Edit: a Message's Ref or Pressed); ok is false for "" or garbage.
func messageRef(s string) (int, bool) {
	id, err := strconv.Atoi(s)
	return id, err == nil && id > 0
}

// QueueKey is the chat whose queue and pace a reply to chatID shares: a
// forum topic's group, since Telegram's limits count the group as one
// chat (bot.QueueKeyer).
func (a *Adapter) QueueKey(chatID string) string {
	if c, ok := parseChatID(chatID); ok {
		return c.chatOnly()
	}
	return chatID
}

var _ bot.QueueKeyer = (*Adapter)(nil)
