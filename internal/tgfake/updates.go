package tgfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// getUpdates answers a long poll as Telegram does: offset confirms (and
// forgets) every update before it (a negative one keeps only the last
// -offset); the answer holds up to limit (1-100, default 100) updates
// from offset on, waiting up to timeout seconds for one to arrive. The
// request body is already drained, so a client that goes away ends the
// wait; CutPolls closes the connection instead of answering.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, fields map[string]string) {
	offset, _ := strconv.ParseInt(fields["offset"], 10, 64)
	limit, err := strconv.Atoi(fields["limit"])
	if err != nil || limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(fields["timeout"])
	timeout = max(0, timeout)
	p := &poll{cut: make(chan struct{})}
	s.mu.Lock()
	s.polls++
	s.active[p] = struct{}{}
	s.cond.Broadcast()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.active, p)
		s.mu.Unlock()
	}()
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		s.confirmLocked(offset)
		out := s.takeLocked(offset, limit)
		updated := s.updated
		s.mu.Unlock()
		if len(out) > 0 {
			answer(w, out, 0, "", 0)
			return
		}
		select {
		case <-updated:
		case <-deadline.C:
			answer(w, []json.RawMessage{}, 0, "", 0)
			return
		case <-s.done:
			answer(w, []json.RawMessage{}, 0, "", 0)
			return
		case <-p.cut:
			CloseConn(w)
			return
		case <-r.Context().Done():
			return
		}
	}
}

// confirmLocked forgets the updates offset confirms.
func (s *Server) confirmLocked(offset int64) {
	if offset == 0 {
		return
	}
	if offset < 0 {
		// Keep the last -offset updates not yet confirmed.
		var ids []int64
		for _, u := range s.queue {
			if !u.force {
				ids = append(ids, u.id)
			}
		}
		if n := len(ids) + int(offset); n > 0 {
			offset = ids[n]
		} else {
			return
		}
	}
	if offset-1 <= s.confirmed {
		return
	}
	keep := s.queue[:0]
	for _, u := range s.queue {
		if u.force || u.id >= offset {
			keep = append(keep, u)
		}
	}
	clear(s.queue[len(keep):])
	s.queue = keep
	s.confirmed = offset - 1
	s.cond.Broadcast()
}

// takeLocked is what a poll from offset gets: redeliveries (once) and
// the updates from offset on, at most limit of them.
func (s *Server) takeLocked(offset int64, limit int) []json.RawMessage {
	var out []json.RawMessage
	keep := s.queue[:0]
	for _, u := range s.queue {
		switch {
		case len(out) == limit:
			keep = append(keep, u)
		case u.force:
			out = append(out, u.raw)
		case u.id < offset:
		default:
			out = append(out, u.raw)
			keep = append(keep, u)
		}
	}
	clear(s.queue[len(keep):])
	s.queue = keep
	return out
}

// updatedLocked wakes the long polls.
func (s *Server) updatedLocked() {
	close(s.updated)
	s.updated = make(chan struct{})
}

// CutPolls closes the connection of every long poll being held, as a
// flaky network or proxy does; it returns how many it cut. Queued updates
// are not lost: the client's next poll gets them.
func (s *Server) CutPolls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p := range s.active {
		close(p.cut)
		delete(s.active, p)
		n++
	}
	s.cuts += n
	return n
}

// Polls is how many getUpdates requests the server received.
func (s *Server) Polls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.polls
}

// Confirmed is the highest update id the client confirmed by polling
// with a higher offset (0 for none).
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// WaitConfirmed waits until the client has confirmed update id, failing
// the test after the wait timeout.
func (s *Server) WaitConfirmed(t testing.TB, id int64) {
	t.Helper()
	deadline := time.Now().Add(s.waitTimeout)
	stop := time.AfterFunc(s.waitTimeout, s.wake)
	defer stop.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for s.confirmed < id {
		if time.Now().After(deadline) {
			t.Fatalf("tgfake: update %d not confirmed within %v (confirmed up to %d)", id, s.waitTimeout, s.confirmed)
		}
		s.cond.Wait()
	}
}

// WaitPolling waits until a long poll is being held, failing the test
// after the wait timeout: then CutPolls has something to cut.
func (s *Server) WaitPolling(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(s.waitTimeout)
	stop := time.AfterFunc(s.waitTimeout, s.wake)
	defer stop.Stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.active) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("tgfake: no long poll within %v", s.waitTimeout)
		}
		s.cond.Wait()
	}
}

// wake wakes every waiter, to look at its deadline.
func (s *Server) wake() {
	s.mu.Lock()
	s.cond.Broadcast()
	s.mu.Unlock()
}

// Push queues an update, giving it the next update_id, and returns the
// id. Chats it shows are remembered for the answers to sends; callback
// queries in it may be answered once.
func (s *Server) Push(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, raw := s.prepareLocked(u)
	s.queue = append(s.queue, queued{id: id, raw: raw})
	s.updatedLocked()
	return id
}

// Webhook makes an update as Telegram would post it to a webhook, and
// returns its id and body, for the test (a load balancer, say) to post:
// it is not queued for getUpdates. The server knows its chat, message or
// query as for Push.
func (s *Server) Webhook(u models.Update) (int64, []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prepareLocked(u)
}

// TextUpdate is the update of a text message from a user in chat, as
// Text queues it (unnumbered: Push and Webhook number it).
func (s *Server) TextUpdate(chat models.Chat, from models.User, text string) models.Update {
	return models.Update{Message: s.textMessage(chat, from, text)}
}

// PressUpdate is the update of a press on a button with data on the bot's
// message msg in chat, as Press queues it, with its callback query id.
func (s *Server) PressUpdate(chat models.Chat, from models.User, msg int, data string) (models.Update, string) {
	s.mu.Lock()
	s.nextQuery++
	qid := "cq" + strconv.Itoa(s.nextQuery)
	sent := s.messages[msgKey{chat.ID, msg}]
	s.mu.Unlock()
	text := sent.text
	if text == "" {
		text = "..."
	}
	me := s.me
	// The message carries its forum topic, as Telegram's do: a press in a
	// topic is known to be there.
	cq := &models.CallbackQuery{ID: qid, From: from, Data: data, ChatInstance: "ci" + strconv.FormatInt(chat.ID, 10),
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: msg, Date: int(time.Now().Unix()), Chat: chat, From: &me, Text: text,
				MessageThreadID: sent.thread, IsTopicMessage: sent.thread != 0}}}
	return models.Update{CallbackQuery: cq}, qid
}

// prepareLocked numbers an update, remembers it, and returns its body.
func (s *Server) prepareLocked(u models.Update) (int64, []byte) {
	s.nextUpd++
	u.ID = s.nextUpd
	raw, err := json.Marshal(&u)
	if err != nil {
		panic(fmt.Sprintf("tgfake: marshal update: %v", err))
	}
	switch {
	case u.Message != nil:
		s.chats[u.Message.Chat.ID] = u.Message.Chat
		s.theirs[msgKey{u.Message.Chat.ID, u.Message.ID}] = true
	case u.CallbackQuery != nil:
		s.queries[u.CallbackQuery.ID] = false
		if m := u.CallbackQuery.Message.Message; m != nil {
			s.chats[m.Chat.ID] = m.Chat
		}
	}
	s.pushed[u.ID] = raw
	return u.ID, raw
}

// Redeliver serves updates again, whatever the client's offset, as
// Telegram may after a restart. Unknown ids are ignored.
func (s *Server) Redeliver(ids ...int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if raw, ok := s.pushed[id]; ok {
			s.queue = append(s.queue, queued{id: id, raw: raw, force: true})
		}
	}
	s.updatedLocked()
}

func (s *Server) newMessageID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextMsg++
	return s.nextMsg
}

// Private is the private chat of user u with the bot.
func Private(u models.User) models.Chat {
	return models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: u.FirstName, Username: u.Username}
}

// Group is a supergroup; id should be negative, as Telegram's are.
func Group(id int64, title string) models.Chat {
	return models.Chat{ID: id, Type: models.ChatTypeSupergroup, Title: title}
}

// Forum is a supergroup with forum topics; id should be negative.
func Forum(id int64, title string) models.Chat {
	return models.Chat{ID: id, Type: models.ChatTypeSupergroup, Title: title, IsForum: true}
}

// User is a (human) user.
func User(id int64, firstName string) models.User {
	return models.User{ID: id, FirstName: firstName}
}

// Text queues a text message from a user in chat; a leading /command
// gets its bot_command entity, as Telegram sends it. It returns the
// update id.
func (s *Server) Text(chat models.Chat, from models.User, text string) int64 {
	return s.Push(models.Update{Message: s.textMessage(chat, from, text)})
}

// textMessage is a new text message, with its bot_command entity.
func (s *Server) textMessage(chat models.Chat, from models.User, text string) *models.Message {
	m := &models.Message{ID: s.newMessageID(), Date: int(time.Now().Unix()), Chat: chat, From: &from, Text: text}
	if n := commandLen(text); n > 0 {
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: utf16Len(text[:n])}}
	}
	return m
}

// TopicText is Text in the forum topic thread of chat (a Forum): the
// message has is_topic_message and message_thread_id, as Telegram sends
// it. It returns the update id.
func (s *Server) TopicText(chat models.Chat, thread int, from models.User, text string) int64 {
	m := s.textMessage(chat, from, text)
	m.MessageThreadID, m.IsTopicMessage = thread, true
	return s.Push(models.Update{Message: m})
}

// Message is the message of the update with id (Text, TopicText, Reply,
// Document), or nil: its message_id is what replies and reactions name.
func (s *Server) Message(update int64) *models.Message {
	s.mu.Lock()
	raw, ok := s.pushed[update]
	s.mu.Unlock()
	var u models.Update
	if !ok || json.Unmarshal(raw, &u) != nil {
		return nil
	}
	return u.Message
}

// Reply queues a text message that replies to message to.
func (s *Server) Reply(chat models.Chat, from models.User, to *models.Message, text string) int64 {
	m := &models.Message{ID: s.newMessageID(), Date: int(time.Now().Unix()), Chat: chat, From: &from, Text: text, ReplyToMessage: to}
	return s.Push(models.Update{Message: m})
}

// Press queues a press on a button with data on the bot's message msg
// in chat; it returns the update id and the callback query id.
func (s *Server) Press(chat models.Chat, from models.User, msg int, data string) (int64, string) {
	u, qid := s.PressUpdate(chat, from, msg, data)
	return s.Push(u), qid
}

// Document queues a document message with a caption; the server serves
// its bytes through getFile. size is the file_size Telegram announces.
// The documents' file ids are doc1, doc2, ...
func (s *Server) Document(chat models.Chat, from models.User, caption, name, mimeType string, data []byte, size int64) int64 {
	s.mu.Lock()
	n := len(s.fileIDs) + 1
	id := "doc" + strconv.Itoa(n)
	p := "documents/file_" + strconv.Itoa(n) + fileExt(name)
	s.fileIDs[id] = p
	s.files[p] = data
	s.mu.Unlock()
	m := &models.Message{ID: s.newMessageID(), Date: int(time.Now().Unix()), Chat: chat, From: &from, Caption: caption,
		Document: &models.Document{FileID: id, FileUniqueID: "u" + id, FileName: name, MimeType: mimeType, FileSize: size}}
	return s.Push(models.Update{Message: m})
}

func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && !strings.ContainsAny(name[i:], "/\\") {
		return name[i:]
	}
	return ""
}

// commandLen is the length in bytes of the bot command text starts with
// ("/cmd" or "/cmd@Bot"), 0 for none.
func commandLen(text string) int {
	if !strings.HasPrefix(text, "/") {
		return 0
	}
	n := 1
	for n < len(text) && text[n] != ' ' && text[n] != '\n' && text[n] != '\t' {
		n++
	}
	name, target, _ := strings.Cut(text[1:n], "@")
	if name == "" || len(name) > 32 || !isWord(name) || !isWord(target) {
		return 0
	}
	return n
}

func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
