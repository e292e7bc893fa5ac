// Package tgfake is a fake Telegram Bot API server on 127.0.0.1 for tests
// in any package: the adapter's own tests, tests that run the real spotter
// binary with [telegram] api_url pointing at it, and soak tests with many
// simulated lifters.
//
// It speaks the real protocol: every method is a POST (or GET) to
// /bot<TOKEN>/<method> with multipart/form-data, form-urlencoded or JSON
// parameters; answers are JSON {"ok":true,"result":...} or {"ok":false,
// "error_code":N,"description":...,"parameters":{"retry_after":N}} with the
// HTTP status set to the error code; getUpdates is long-polled with offset,
// limit and timeout, and an offset confirms (drops) the updates before it;
// getFile and /file/bot<TOKEN>/<path> serve documents. It checks what
// Telegram checks (text length, HTML entities, inline keyboards,
// callback_data size, command menus) and records every call but getUpdates.
//
// Tests drive it with Text, TopicText, Press, Document, Reply and Push
// (updates for the bot), SetMember (whom getChatMember calls an admin),
// Redeliver, FailNext, Refuse, SetBroken, SetFaults, SetLimits and
// CutPolls (trouble), and read it with Wait, Await, All and Stats; a
// call shows its reply_parameters (Call.ReplyTo), forum topic
// (Call.Thread) and reaction (Call.Reaction).
//
// A Server is safe for concurrent use. Waits are incremental: a waiter
// looks only at calls recorded since it last looked, so many concurrent
// waiters over many calls stay linear.
package tgfake

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

const (
	// DefaultToken is the token a Server takes unless WithToken says
	// otherwise. The bot's id is the number before the colon.
	DefaultToken = "123456:TEST-token_s3cret"
	// DefaultBotName is the bot's username unless WithBotName says
	// otherwise.
	DefaultBotName = "SpotterTestBot"
	// DefaultWaitTimeout bounds Wait unless WithWaitTimeout says otherwise.
	DefaultWaitTimeout = 10 * time.Second
)

// Option configures a Server.
type Option func(*Server)

// WithToken makes the server take token (as BotFather gives it,
// "123456:ABC..."); the bot's id is the number before the colon.
func WithToken(token string) Option { return func(s *Server) { s.token = token } }

// WithBotName sets the bot's username, as getMe gives it.
func WithBotName(name string) Option { return func(s *Server) { s.me.Username = name } }

// Server is a fake Bot API server. Build it with New.
type Server struct {
	t           testing.TB
	srv         *httptest.Server
	token       string
	me          models.User
	waitTimeout time.Duration
	done        chan struct{} // closed at cleanup: long polls end at once

	mu      sync.Mutex
	cond    *sync.Cond    // on mu; broadcast on every recorded call or confirmation
	updated chan struct{} // closed and replaced when the update queue changes

	queue     []queued                  // updates not yet confirmed, and redeliveries
	pushed    map[int64]json.RawMessage // every update ever queued, by id
	confirmed int64                     // the highest update id the client confirmed
	nextUpd   int64
	nextMsg   int
	nextQuery int
	calls     []Call
	failed    int
	polls     int
	active    map[*poll]struct{} // long polls being held
	cuts      int
	queries   map[string]bool // callback query id -> answered
	fail      map[string][]string
	files     map[string][]byte // file_path -> bytes
	fileIDs   map[string]string // file_id -> file_path
	messages  map[msgKey]sentMessage
	theirs    map[msgKey]bool // messages of users, from updates: replied to and reacted on
	members   map[memberKey]models.ChatMemberType
	chats     map[int64]models.Chat
	broken    func(method string, w http.ResponseWriter) bool

	faults      Faults
	faultsUntil time.Time // zero: until SetFaults again
	refusals    map[string]refusal
	rng         *rand.Rand
	injected429 int
	injected5xx int

	limits     Limits
	sent       map[int64][]time.Time // per chat: recent successful sends
	violations []Violation
}

type queued struct {
	id    int64
	raw   json.RawMessage
	force bool // served once whatever the offset: a redelivery
}

type msgKey struct {
	chat int64
	id   int
}

type sentMessage struct {
	content string // text and markup, to refuse an identical edit
	text    string // visible text
	thread  int    // the forum topic it was sent to, 0 for none
}

type poll struct{ cut chan struct{} }

// New starts a Server on 127.0.0.1 that stops when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	s := &Server{
		t: t, token: DefaultToken, waitTimeout: DefaultWaitTimeout, done: make(chan struct{}),
		me:      models.User{IsBot: true, FirstName: "Spotter", Username: DefaultBotName},
		updated: make(chan struct{}), pushed: map[int64]json.RawMessage{},
		nextUpd: 100, nextMsg: 1000, active: map[*poll]struct{}{}, queries: map[string]bool{},
		fail: map[string][]string{}, files: map[string][]byte{}, fileIDs: map[string]string{},
		messages: map[msgKey]sentMessage{}, theirs: map[msgKey]bool{}, members: map[memberKey]models.ChatMemberType{},
		refusals: map[string]refusal{}, chats: map[int64]models.Chat{}, sent: map[int64][]time.Time{},
		rng: rand.New(rand.NewPCG(1, 2)),
	}
	s.cond = sync.NewCond(&s.mu)
	for _, o := range opts {
		o(s)
	}
	id, _, ok := strings.Cut(s.token, ":")
	n, err := strconv.ParseInt(id, 10, 64)
	if !ok || err != nil || n <= 0 {
		t.Fatalf("tgfake: token %q does not look like 123456:ABC...", s.token)
	}
	s.me.ID = n
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		close(s.done) // held polls answer now, so Close need not wait for them
		s.srv.Close()
	})
	return s
}

// URL is the server's base URL, for bot.WithServerURL or [telegram] api_url.
func (s *Server) URL() string { return s.srv.URL }

// Token is the token the server takes.
func (s *Server) Token() string { return s.token }

// Me is the bot's own user, as getMe gives it.
func (s *Server) Me() models.User { return s.me }

// BotName is the bot's username.
func (s *Server) BotName() string { return s.me.Username }

// methods are the Bot API methods the fake knows, by lower-case name
// (Telegram takes method names in any case).
var methods = map[string]string{}

func init() {
	for _, m := range []string{"getMe", "getUpdates", "setMyCommands", "deleteMyCommands", "deleteWebhook",
		"setWebhook", "answerCallbackQuery", "sendMessage", "editMessageText", "deleteMessage",
		"sendPhoto", "sendDocument", "getFile", "sendChatAction", "getChatMember", "setMessageReaction"} {
		methods[strings.ToLower(m)] = m
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		s.serveFile(w, rest)
		return
	}
	// Drain the body first: a client that goes away is noticed only then
	// (r.Context() ends), and a held long poll must notice it.
	body, err := io.ReadAll(r.Body)
	if err != nil || r.Context().Err() != nil {
		return // the client went away mid-request (a poll cancelled, a process killed)
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	if !ok {
		answer(w, nil, 404, "Not Found", 0)
		return
	}
	token, name, _ := strings.Cut(rest, "/")
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		answer(w, nil, 405, "Method Not Allowed", 0)
		return
	}
	if token != s.token {
		answer(w, nil, 401, "Unauthorized", 0)
		return
	}
	method, known := methods[strings.ToLower(name)]
	if !known {
		answer(w, nil, 404, "Not Found: method not found", 0)
		return
	}
	fields, files, err := readParams(r, body)
	if err != nil {
		s.t.Errorf("tgfake: %s: %v", method, err)
		answer(w, nil, 400, "Bad Request: "+err.Error(), 0)
		return
	}
	if method == "getUpdates" {
		s.getUpdates(w, r, fields)
		return
	}

	c := Call{Method: method, At: time.Now(), Fields: fields, Files: files}
	s.mu.Lock()
	raw, brk := s.takeFailLocked(method), s.broken
	fault, retry := "", 0
	ref, refused := s.refusals[method]
	if raw == "" && !refused {
		fault, retry = s.drawFaultLocked(method, c.At)
	}
	if raw == "" && fault == "" {
		if ra := s.limitLocked(method, c.Chat(), c.At); ra > 0 {
			fault, retry = "limit", ra
		}
	}
	s.mu.Unlock()
	switch {
	case raw != "":
		c.Failed, c.Fault = true, "fail-next"
		var a struct {
			ErrorCode int `json:"error_code"`
		}
		json.Unmarshal([]byte(raw), &a)
		c.Code = a.ErrorCode
		s.record(c)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, raw)
		return
	case brk != nil && brk(method, w):
		c.Failed, c.Fault = true, "broken"
		s.record(c)
		return
	case refused:
		c.Failed, c.Fault, c.Code = true, "refused", ref.code
		s.record(c)
		answer(w, nil, ref.code, ref.desc, 0)
		return
	case fault == "429" || fault == "limit":
		c.Failed, c.Fault, c.Code = true, fault, 429
		s.record(c)
		answer(w, nil, 429, fmt.Sprintf("Too Many Requests: retry after %d", retry), retry)
		return
	case fault == "5xx":
		c.Failed, c.Fault, c.Code = true, fault, s.code5xx()
		s.record(c)
		answer(w, nil, c.Code, http.StatusText(c.Code), 0)
		return
	}
	result, code, desc := s.handle(method, fields, files)
	c.Failed, c.Code = code != 0, code
	if m, ok := result.(models.Message); ok {
		c.MsgID = m.ID
	}
	s.record(c)
	answer(w, result, code, desc, 0)
}

// takeFailLocked is the next FailNext answer for method, "" for none.
func (s *Server) takeFailLocked(method string) string {
	q := s.fail[method]
	if len(q) == 0 {
		return ""
	}
	s.fail[method] = q[1:]
	return q[0]
}

// record keeps a call and wakes the waiters.
func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Seq = len(s.calls)
	if c.Failed {
		s.failed++
	}
	if !c.Failed && s.countsForLimits(c.Method) {
		s.sentLocked(c)
	}
	s.calls = append(s.calls, c)
	s.cond.Broadcast()
}

// handle answers one method: a result, or an error code and description.
func (s *Server) handle(method string, fields map[string]string, files map[string]File) (any, int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	me := s.me
	chat, _ := strconv.ParseInt(fields["chat_id"], 10, 64)
	switch method {
	case "getMe":
		return me, 0, ""
	case "setMyCommands":
		var cmds []models.BotCommand
		if err := json.Unmarshal([]byte(fields["commands"]), &cmds); err != nil || len(cmds) == 0 || len(cmds) > 100 {
			return nil, 400, "Bad Request: invalid commands"
		}
		for _, c := range cmds {
			if !commandRE.MatchString(c.Command) || c.Description == "" || len([]rune(c.Description)) > 256 {
				return nil, 400, "Bad Request: BOT_COMMAND_INVALID"
			}
		}
		if sc := fields["scope"]; sc != "" {
			var scope struct{ Type string }
			if json.Unmarshal([]byte(sc), &scope) != nil || scope.Type == "" {
				return nil, 400, "Bad Request: can't parse BotCommandScope JSON object"
			}
		}
		return true, 0, ""
	case "deleteMyCommands", "deleteWebhook", "setWebhook", "sendChatAction":
		return true, 0, ""
	case "answerCallbackQuery":
		answered, ok := s.queries[fields["callback_query_id"]]
		if !ok || answered {
			return nil, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
		}
		if len([]rune(fields["text"])) > 200 {
			return nil, 400, "Bad Request: MESSAGE_TOO_LONG"
		}
		s.queries[fields["callback_query_id"]] = true
		return true, 0, ""
	case "sendMessage", "editMessageText":
		visible, msg := checkText(fields["text"], fields["parse_mode"], 4096)
		if msg != "" {
			return nil, 400, msg
		}
		if msg := checkMarkup(fields["reply_markup"]); msg != "" {
			return nil, 400, msg
		}
		if chat == 0 {
			return nil, 400, "Bad Request: chat not found"
		}
		content := fields["text"] + "\x00" + fields["parse_mode"] + "\x00" + fields["reply_markup"]
		var id int
		var replyTo *models.Message
		thread, msg := s.threadLocked(method, chat, fields)
		if msg == "" {
			replyTo, msg = s.replyLocked(method, chat, fields)
		}
		if msg != "" {
			return nil, 400, msg
		}
		if method == "editMessageText" {
			id, _ = strconv.Atoi(fields["message_id"])
			old, ok := s.messages[msgKey{chat, id}]
			switch {
			case !ok:
				return nil, 400, "Bad Request: message to edit not found"
			case old.content == content:
				return nil, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
			}
			thread = old.thread // an edit stays where the message is
		} else {
			s.nextMsg++
			id = s.nextMsg
		}
		s.messages[msgKey{chat, id}] = sentMessage{content: content, text: visible, thread: thread}
		return models.Message{ID: id, Date: int(time.Now().Unix()), Chat: s.chatLocked(chat), From: &me, Text: visible,
			MessageThreadID: thread, IsTopicMessage: thread != 0, ReplyToMessage: replyTo}, 0, ""
	case "deleteMessage":
		id, _ := strconv.Atoi(fields["message_id"])
		if _, ok := s.messages[msgKey{chat, id}]; !ok {
			return nil, 400, "Bad Request: message to delete not found"
		}
		delete(s.messages, msgKey{chat, id})
		return true, 0, ""
	case "sendPhoto", "sendDocument":
		field, limit := "photo", 10<<20
		if method == "sendDocument" {
			field, limit = "document", 50<<20
		}
		f, ok := files[field]
		if !ok && fields[field] == "" {
			return nil, 400, "Bad Request: there is no " + field + " in the request"
		}
		if len(f.Data) > limit {
			return nil, 413, "Request Entity Too Large"
		}
		caption := ""
		if fields["caption"] != "" {
			visible, msg := checkText(fields["caption"], fields["parse_mode"], 1024)
			if msg != "" {
				return nil, 400, strings.Replace(msg, "message", "caption", 1)
			}
			caption = visible
		}
		if msg := checkMarkup(fields["reply_markup"]); msg != "" {
			return nil, 400, msg
		}
		if chat == 0 {
			return nil, 400, "Bad Request: chat not found"
		}
		thread, msg := s.threadLocked(method, chat, fields)
		var replyTo *models.Message
		if msg == "" {
			replyTo, msg = s.replyLocked(method, chat, fields)
		}
		if msg != "" {
			return nil, 400, msg
		}
		s.nextMsg++
		s.messages[msgKey{chat, s.nextMsg}] = sentMessage{content: method + strconv.Itoa(s.nextMsg), text: caption, thread: thread}
		return models.Message{ID: s.nextMsg, Date: int(time.Now().Unix()), Chat: s.chatLocked(chat), From: &me, Caption: caption,
			MessageThreadID: thread, IsTopicMessage: thread != 0, ReplyToMessage: replyTo}, 0, ""
	case "getChatMember":
		return s.chatMemberLocked(chat, fields)
	case "setMessageReaction":
		return s.reactLocked(chat, fields)
	case "getFile":
		p, ok := s.fileIDs[fields["file_id"]]
		if !ok {
			return nil, 400, "Bad Request: invalid file_id"
		}
		if len(s.files[p]) > 20<<20 {
			return nil, 400, "Bad Request: file is too big"
		}
		return models.File{FileID: fields["file_id"], FileUniqueID: "u" + fields["file_id"], FileSize: int64(len(s.files[p])), FilePath: p}, 0, ""
	}
	return nil, 404, "Not Found: method not found"
}

// chatLocked is the chat with id as updates showed it, or a plausible
// one: negative ids are supergroups, positive ones private chats.
func (s *Server) chatLocked(id int64) models.Chat {
	if c, ok := s.chats[id]; ok {
		return c
	}
	if id < 0 {
		return models.Chat{ID: id, Type: models.ChatTypeSupergroup}
	}
	return models.Chat{ID: id, Type: models.ChatTypePrivate}
}

func (s *Server) serveFile(w http.ResponseWriter, rest string) {
	token, p, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	data, ok := s.files[p]
	brk := s.broken
	s.mu.Unlock()
	if brk != nil && brk("file", w) {
		return
	}
	if token != s.token || !ok {
		http.Error(w, "Not Found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(data)
}

// answer writes a Bot API answer; code 0 is success. The HTTP status is
// the error code, as the real server sets it (clients read only the body).
func answer(w http.ResponseWriter, result any, code int, desc string, retryAfter int) {
	w.Header().Set("Content-Type", "application/json")
	if code == 0 {
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
		return
	}
	body := map[string]any{"ok": false, "error_code": code, "description": desc}
	if retryAfter > 0 {
		body["parameters"] = map[string]int{"retry_after": retryAfter}
	}
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(body)
}

// TooManyRequests is a raw 429 answer with retry_after seconds, for
// FailNext.
func TooManyRequests(retryAfter int) string {
	return fmt.Sprintf(`{"ok":false,"error_code":429,"description":"Too Many Requests: retry after %d","parameters":{"retry_after":%d}}`, retryAfter, retryAfter)
}

// FailNext makes the next calls of method answer with these raw bodies,
// in order; "" lets one call through.
func (s *Server) FailNext(method string, raw ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[method] = append(s.fail[method], raw...)
}

// SetBroken makes fn answer calls instead of the fake whenever it returns
// true (method "file" for downloads): to write a proxy's HTML error page,
// or hijack and close the connection. nil ends it.
func (s *Server) SetBroken(fn func(method string, w http.ResponseWriter) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.broken = fn
}

// CloseConn hijacks w's connection and closes it: a connection dropped
// mid-request, for SetBroken.
func CloseConn(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
	}
}

// DeleteMessage deletes a message the bot sent, as a user or admin would:
// editing it fails from then on.
func (s *Server) DeleteMessage(chat int64, id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.messages, msgKey{chat, id})
}

// MessageText is the visible text of a message the bot sent and did not
// delete, as last edited.
func (s *Server) MessageText(chat int64, id int) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[msgKey{chat, id}]
	return m.text, ok
}

var (
	commandRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
	tagRE     = regexp.MustCompile(`^</?(b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote)>|^<a href="[^"<>]*">|^</a>`)
	entityRE  = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);`)
)

// checkText is what Telegram says of a text: its visible text, and ""
// when it takes it. With parse_mode HTML, every < must open a supported
// tag and every & an entity.
func checkText(text, mode string, limit int) (string, string) {
	visible := text
	if mode == "HTML" {
		var b strings.Builder
		for i := 0; i < len(text); {
			switch text[i] {
			case '<':
				m := tagRE.FindString(text[i:])
				if m == "" {
					return "", fmt.Sprintf("Bad Request: can't parse entities: unsupported start tag at byte offset %d", i)
				}
				i += len(m)
			case '&':
				m := entityRE.FindString(text[i:])
				if m == "" {
					return "", fmt.Sprintf("Bad Request: can't parse entities: character entity expected at byte offset %d", i)
				}
				b.WriteString(html.UnescapeString(m))
				i += len(m)
			case '>':
				return "", fmt.Sprintf("Bad Request: can't parse entities: unexpected > at byte offset %d", i)
			default:
				b.WriteByte(text[i])
				i++
			}
		}
		visible = b.String()
	} else if mode != "" {
		return "", "Bad Request: unsupported parse_mode"
	}
	if strings.TrimSpace(visible) == "" {
		return "", "Bad Request: message text is empty"
	}
	if utf16Len(visible) > limit {
		return "", "Bad Request: message is too long"
	}
	return visible, ""
}

// utf16Len is a text's length as Telegram counts it: UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// checkMarkup checks an inline keyboard as Telegram does.
func checkMarkup(raw string) string {
	if raw == "" {
		return ""
	}
	var kb struct {
		InlineKeyboard [][]map[string]json.RawMessage `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		return "Bad Request: can't parse reply keyboard markup JSON object"
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			var text, data string
			json.Unmarshal(b["text"], &text)
			json.Unmarshal(b["callback_data"], &data)
			if ct, ok := b["copy_text"]; ok && strings.Contains(string(ct), `"text":""`) {
				return "Bad Request: BUTTON_COPY_TEXT_INVALID"
			}
			if text == "" {
				return "Bad Request: text buttons are unallowed in the inline keyboard"
			}
			if data == "" || len(data) > 64 {
				return "Bad Request: BUTTON_DATA_INVALID"
			}
		}
	}
	return ""
}
