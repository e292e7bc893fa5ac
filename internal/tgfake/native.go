package tgfake

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"
)

// What makes a bot feel native in a chat: replies that answer the
// lifter's message (reply_parameters), forum topics kept
// (message_thread_id), admins recognised (getChatMember) and messages
// acknowledged with an emoji (setMessageReaction). The fake checks these
// as Telegram does and records them on the calls.

// ReactionInvalid is Telegram's answer to a reaction it does not take (an
// emoji outside its list, or reactions turned off in the chat): give it
// to Refuse for setMessageReaction.
const ReactionInvalid = "Bad Request: REACTION_INVALID"

// EntityTooLarge is Telegram's answer, with code 413, to an upload too
// large for it: give it to Refuse for sendPhoto.
const EntityTooLarge = "Request Entity Too Large"

// reactions are the emoji Telegram takes as a reaction (Bot API,
// ReactionTypeEmoji).
var reactions = map[string]bool{}

func init() {
	for _, e := range strings.Fields("👍 👎 ❤ 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤‍🔥 🌚 🌭 💯 🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👨‍💻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷‍♂ 🤷 🤷‍♀ 😡") {
		reactions[e] = true
	}
}

// memberKey is one user in one chat.
type memberKey struct{ chat, user int64 }

// SetMember sets what getChatMember answers for user in chat: "creator",
// "administrator", "member", "restricted", "left" or "kicked"
// (models.ChatMemberType). A user nobody set is a member.
func (s *Server) SetMember(chat, user int64, status models.ChatMemberType) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[memberKey{chat, user}] = status
}

// chatMemberLocked answers getChatMember with the status SetMember gave.
func (s *Server) chatMemberLocked(chat int64, fields map[string]string) (any, int, string) {
	user, err := strconv.ParseInt(fields["user_id"], 10, 64)
	if chat == 0 {
		return nil, 400, "Bad Request: chat not found"
	}
	if err != nil || user <= 0 {
		return nil, 400, "Bad Request: PARTICIPANT_ID_INVALID"
	}
	status, ok := s.members[memberKey{chat, user}]
	if !ok {
		status = models.ChatMemberTypeMember
	}
	u := map[string]any{"id": user, "is_bot": false, "first_name": "user " + strconv.FormatInt(user, 10)}
	m := map[string]any{"status": status, "user": u}
	switch status {
	case models.ChatMemberTypeOwner:
		m["is_anonymous"] = false
	case models.ChatMemberTypeAdministrator:
		m["can_be_edited"], m["is_anonymous"], m["can_manage_chat"] = false, false, true
	case models.ChatMemberTypeRestricted:
		m["is_member"], m["can_send_messages"] = true, false
	case models.ChatMemberTypeBanned:
		m["until_date"] = 0
	}
	return m, 0, ""
}

// reactLocked answers setMessageReaction: the message must exist (the
// bot's or a user's), and every reaction be an emoji Telegram takes.
func (s *Server) reactLocked(chat int64, fields map[string]string) (any, int, string) {
	id, _ := strconv.Atoi(fields["message_id"])
	if chat == 0 {
		return nil, 400, "Bad Request: chat not found"
	}
	key := msgKey{chat, id}
	if _, ok := s.messages[key]; !ok && !s.theirs[key] {
		return nil, 400, "Bad Request: message to react not found"
	}
	if _, ok := parseReactions(fields["reaction"]); !ok {
		return nil, 400, ReactionInvalid
	}
	return true, 0, ""
}

// parseReactions reads a reaction parameter: a JSON array of
// {"type":"emoji","emoji":E}; empty removes the bot's reaction.
func parseReactions(raw string) ([]string, bool) {
	if raw == "" {
		return nil, true
	}
	var rs []struct {
		Type  string `json:"type"`
		Emoji string `json:"emoji"`
	}
	if json.Unmarshal([]byte(raw), &rs) != nil || len(rs) > 1 {
		return nil, false // bots set one reaction
	}
	var out []string
	for _, r := range rs {
		if r.Type != "emoji" || !reactions[r.Emoji] {
			return nil, false
		}
		out = append(out, r.Emoji)
	}
	return out, true
}

// Reaction is the emoji a setMessageReaction call set (nil for none).
func (c Call) Reaction() []string {
	rs, _ := parseReactions(c.Fields["reaction"])
	return rs
}

// MessageID is the message_id the call named (an edit's, a reaction's).
func (c Call) MessageID() int {
	id, _ := strconv.Atoi(c.Fields["message_id"])
	return id
}

// replyParams is a reply_parameters object.
type replyParams struct {
	MessageID                int  `json:"message_id"`
	AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
}

// ReplyTo is the message the call's reply_parameters answer, 0 for none.
func (c Call) ReplyTo() int {
	var p replyParams
	json.Unmarshal([]byte(c.Fields["reply_parameters"]), &p)
	return p.MessageID
}

// AllowsWithoutReply reports whether the call's reply_parameters let the
// message go when the message it answers is gone.
func (c Call) AllowsWithoutReply() bool {
	var p replyParams
	json.Unmarshal([]byte(c.Fields["reply_parameters"]), &p)
	return p.AllowSendingWithoutReply
}

// Thread is the forum topic the call sent to (message_thread_id), 0 for
// none.
func (c Call) Thread() int {
	id, _ := strconv.Atoi(c.Fields["message_thread_id"])
	return id
}

// replyLocked checks a send's reply_parameters: the message it answers,
// if that exists in chat (as the sent message's reply_to_message). A
// message that does not exist is refused unless
// allow_sending_without_reply is set. Edits take no reply_parameters.
func (s *Server) replyLocked(method string, chat int64, fields map[string]string) (*models.Message, string) {
	raw := fields["reply_parameters"]
	if raw == "" || method == "editMessageText" {
		return nil, ""
	}
	var p replyParams
	if json.Unmarshal([]byte(raw), &p) != nil || p.MessageID <= 0 {
		return nil, "Bad Request: can't parse reply parameters JSON object"
	}
	key := msgKey{chat, p.MessageID}
	if _, ok := s.messages[key]; ok || s.theirs[key] {
		return &models.Message{ID: p.MessageID, Date: int(time.Now().Unix()), Chat: s.chatLocked(chat)}, ""
	}
	if p.AllowSendingWithoutReply {
		return nil, ""
	}
	return nil, "Bad Request: message to be replied not found"
}

// threadLocked checks a send's message_thread_id: a positive topic id,
// in a chat that has topics as far as the fake knows it (a chat updates
// showed as a group without is_forum has none). Edits take none.
func (s *Server) threadLocked(method string, chat int64, fields map[string]string) (int, string) {
	raw := fields["message_thread_id"]
	if raw == "" || method == "editMessageText" {
		return 0, ""
	}
	thread, err := strconv.Atoi(raw)
	if err != nil || thread <= 0 {
		return 0, "Bad Request: message thread not found"
	}
	if c, ok := s.chats[chat]; ok && c.Type != models.ChatTypePrivate && !c.IsForum {
		return 0, "Bad Request: message thread not found"
	}
	return thread, ""
}
