package telegram

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
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
	fakeToken   = "123456:TEST-token_s3cret"
	fakeBotName = "SpotterTestBot"
	fakeBotID   = 123456
)

// fakeAPI is a Bot API server on 127.0.0.1 that speaks the real protocol:
// POST multipart/form-data (or form-urlencoded, or JSON) to
// /bot<TOKEN>/<method>, JSON answers {"ok":...}, long-polled getUpdates
// with offset and timeout, getFile and /file/bot<TOKEN>/<path>. It checks
// what Telegram checks (text length, HTML entities, callback_data size)
// and records every call. Safe for concurrent use.
type fakeAPI struct {
	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced on every change
	queue    []queuedUpdate
	pushed   map[int64]json.RawMessage // every update ever queued, by id
	nextUpd  int64
	nextMsg  int
	calls    []call
	polls    int                                             // getUpdates requests
	fail     map[string][]string                             // method -> raw answers to give first
	files    map[string][]byte                               // file_path -> bytes
	fileIDs  map[string]string                               // file_id -> file_path
	messages map[int]string                                  // message_id -> text and markup, for edits
	broken   func(method string, w http.ResponseWriter) bool // answers instead of the fake when it returns true
}

type queuedUpdate struct {
	id    int64
	raw   json.RawMessage
	force bool // served once whatever the offset: a redelivery
}

// call is one request the fake received (getUpdates is not recorded).
type call struct {
	Method string
	At     time.Time
	Fields map[string]string
	Files  map[string]sentFile
	Failed bool // answered with an error
	MsgID  int  // the message sent or edited
}

type sentFile struct {
	Name string
	Data []byte
}

func newFake(t testing.TB) *fakeAPI {
	f := &fakeAPI{
		t: t, changed: make(chan struct{}), pushed: map[int64]json.RawMessage{},
		nextUpd: 100, nextMsg: 1000, fail: map[string][]string{},
		files: map[string][]byte{}, fileIDs: map[string]string{}, messages: map[int]string{},
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL }

// changedLocked wakes everyone waiting on the fake. f.mu is held.
func (f *fakeAPI) changedLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		f.serveFile(w, r, rest)
		return
	}
	fields, files, err := readRequest(r)
	if errors.Is(err, io.ErrUnexpectedEOF) || r.Context().Err() != nil {
		return // the client went away mid-request (a poll cancelled at shutdown)
	}
	if err != nil {
		f.t.Errorf("fake: %s: %v", r.URL.Path, err)
		answer(w, nil, 400, "Bad Request: "+err.Error())
		return
	}
	rest, _ := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, _ := strings.Cut(rest, "/")
	if r.Method != http.MethodPost {
		answer(w, nil, 400, "Bad Request: POST expected")
		return
	}
	if token != fakeToken {
		answer(w, nil, 401, "Unauthorized")
		return
	}
	if method == "getUpdates" {
		f.getUpdates(w, r, fields)
		return
	}
	f.mu.Lock()
	c := call{Method: method, At: time.Now(), Fields: fields, Files: files}
	brk := f.broken
	var raw string // "" in the queue lets one call through
	if q := f.fail[method]; len(q) > 0 {
		raw, f.fail[method] = q[0], q[1:]
		c.Failed = raw != ""
	}
	f.mu.Unlock()
	if brk != nil && brk(method, w) {
		f.record(c)
		return
	}
	if raw != "" {
		f.record(c)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, raw)
		return
	}
	result, code, desc := f.handle(method, fields, files)
	c.Failed = code != 0
	if m, ok := result.(models.Message); ok {
		c.MsgID = m.ID
	}
	f.record(c)
	answer(w, result, code, desc)
}

func (f *fakeAPI) record(c call) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
	f.changedLocked()
}

// handle answers one method: a result, or an error code and description.
func (f *fakeAPI) handle(method string, fields map[string]string, files map[string]sentFile) (any, int, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	me := models.User{ID: fakeBotID, IsBot: true, FirstName: "Spotter", Username: fakeBotName}
	switch method {
	case "getMe":
		return me, 0, ""
	case "setMyCommands":
		var cmds []models.BotCommand
		if err := json.Unmarshal([]byte(fields["commands"]), &cmds); err != nil || len(cmds) == 0 || len(cmds) > 100 {
			return nil, 400, "Bad Request: invalid commands"
		}
		for _, c := range cmds {
			if !regexp.MustCompile(`^[a-z0-9_]{1,32}$`).MatchString(c.Command) || c.Description == "" || len([]rune(c.Description)) > 256 {
				return nil, 400, "Bad Request: BOT_COMMAND_INVALID"
			}
		}
		return true, 0, ""
	case "deleteWebhook", "setWebhook":
		return true, 0, ""
	case "answerCallbackQuery":
		if fields["callback_query_id"] == "" {
			return nil, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
		}
		return true, 0, ""
	case "sendMessage", "editMessageText":
		if msg := checkText(fields["text"], fields["parse_mode"], 4096); msg != "" {
			return nil, 400, msg
		}
		if msg := checkMarkup(fields["reply_markup"]); msg != "" {
			return nil, 400, msg
		}
		chat, _ := strconv.ParseInt(fields["chat_id"], 10, 64)
		content := fields["text"] + "\x00" + fields["reply_markup"]
		id := 0
		if method == "editMessageText" {
			id, _ = strconv.Atoi(fields["message_id"])
			old, ok := f.messages[id]
			switch {
			case !ok:
				return nil, 400, "Bad Request: message to edit not found"
			case old == content:
				return nil, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
			}
		} else {
			f.nextMsg++
			id = f.nextMsg
		}
		f.messages[id] = content
		return models.Message{ID: id, Date: int(time.Now().Unix()), Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}, From: &me, Text: html.UnescapeString(fields["text"])}, 0, ""
	case "sendPhoto", "sendDocument":
		field := map[string]string{"sendPhoto": "photo", "sendDocument": "document"}[method]
		if _, ok := files[field]; !ok {
			return nil, 400, "Bad Request: there is no " + field + " in the request"
		}
		if msg := checkText(fields["caption"], fields["parse_mode"], 1024); fields["caption"] != "" && msg != "" {
			return nil, 400, strings.Replace(msg, "message", "caption", 1)
		}
		if msg := checkMarkup(fields["reply_markup"]); msg != "" {
			return nil, 400, msg
		}
		chat, _ := strconv.ParseInt(fields["chat_id"], 10, 64)
		f.nextMsg++
		return models.Message{ID: f.nextMsg, Date: int(time.Now().Unix()), Chat: models.Chat{ID: chat, Type: models.ChatTypePrivate}, From: &me}, 0, ""
	case "getFile":
		p, ok := f.fileIDs[fields["file_id"]]
		if !ok {
			return nil, 400, "Bad Request: invalid file_id"
		}
		return models.File{FileID: fields["file_id"], FileUniqueID: "u" + fields["file_id"], FileSize: int64(len(f.files[p])), FilePath: p}, 0, ""
	}
	return nil, 404, "Not Found"
}

// getUpdates answers a long poll: every queued update from offset on (the
// ones before it are confirmed and dropped), waiting up to timeout seconds
// for one to arrive; the request body is already drained, so a client
// that goes away ends the wait.
func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, fields map[string]string) {
	offset, _ := strconv.ParseInt(fields["offset"], 10, 64)
	timeout, _ := strconv.Atoi(fields["timeout"])
	f.mu.Lock()
	f.polls++
	f.mu.Unlock()
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		var out []json.RawMessage
		keep := f.queue[:0]
		for _, u := range f.queue {
			switch {
			case u.force:
				out = append(out, u.raw)
			case u.id < offset:
			default:
				out = append(out, u.raw)
				keep = append(keep, u)
			}
		}
		f.queue = keep
		changed := f.changed
		f.mu.Unlock()
		if len(out) > 0 {
			answer(w, out, 0, "")
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			answer(w, []json.RawMessage{}, 0, "")
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (f *fakeAPI) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, p, _ := strings.Cut(rest, "/")
	f.mu.Lock()
	data, ok := f.files[p]
	brk := f.broken
	f.mu.Unlock()
	if brk != nil && brk("file", w) {
		return
	}
	if token != fakeToken || !ok {
		http.Error(w, "Not Found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(data)
}

// readRequest reads a Bot API request's parameters, draining the body.
func readRequest(r *http.Request) (map[string]string, map[string]sentFile, error) {
	fields, files := map[string]string{}, map[string]sentFile{}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if len(body) == 0 {
		ct = "" // a method without parameters: the client sends no parts at all
	}
	switch ct {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return nil, nil, err
		}
		for k, v := range r.MultipartForm.Value {
			fields[k] = v[0]
		}
		for k, hs := range r.MultipartForm.File {
			fh, err := hs[0].Open()
			if err != nil {
				return nil, nil, err
			}
			data, err := io.ReadAll(fh)
			fh.Close()
			if err != nil {
				return nil, nil, err
			}
			files[k] = sentFile{Name: hs[0].Filename, Data: data}
		}
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, nil, err
		}
		for k, v := range r.PostForm {
			fields[k] = v[0]
		}
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil && err != io.EOF {
			return nil, nil, err
		}
		for k, v := range m {
			var s string
			if json.Unmarshal(v, &s) == nil {
				fields[k] = s
			} else {
				fields[k] = string(v)
			}
		}
	case "":
	default:
		return nil, nil, fmt.Errorf("unexpected Content-Type %q", ct)
	}
	return fields, files, nil
}

func answer(w http.ResponseWriter, result any, code int, desc string) {
	w.Header().Set("Content-Type", "application/json")
	if code != 0 {
		json.NewEncoder(w).Encode(map[string]any{"ok": false, "error_code": code, "description": desc})
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

var (
	tagRE    = regexp.MustCompile(`^</?(b|strong|i|em|u|ins|s|strike|del|code|pre|tg-spoiler|blockquote)>|^<a href="[^"<>]*">|^</a>`)
	entityRE = regexp.MustCompile(`^&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);`)
)

// checkText is what Telegram says of a text: "" when it takes it. With
// parse_mode HTML, every < must open a supported tag and every & an entity.
func checkText(text, mode string, limit int) string {
	visible := text
	if mode == "HTML" {
		var b strings.Builder
		for i := 0; i < len(text); {
			switch text[i] {
			case '<':
				m := tagRE.FindString(text[i:])
				if m == "" {
					return fmt.Sprintf("Bad Request: can't parse entities: unsupported start tag at byte offset %d", i)
				}
				i += len(m)
			case '&':
				m := entityRE.FindString(text[i:])
				if m == "" {
					return fmt.Sprintf("Bad Request: can't parse entities: character entity expected at byte offset %d", i)
				}
				b.WriteString(html.UnescapeString(m))
				i += len(m)
			case '>':
				return fmt.Sprintf("Bad Request: can't parse entities: unexpected > at byte offset %d", i)
			default:
				b.WriteByte(text[i])
				i++
			}
		}
		visible = b.String()
	} else if mode != "" {
		return "Bad Request: unsupported parse_mode"
	}
	if strings.TrimSpace(visible) == "" {
		return "Bad Request: message text is empty"
	}
	if utf16Len(visible) > limit {
		return "Bad Request: message is too long"
	}
	return ""
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

// --- driving the fake ---

// push queues an update, giving it the next update_id.
func (f *fakeAPI) push(u models.Update) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextUpd++
	u.ID = f.nextUpd
	raw, err := json.Marshal(&u)
	if err != nil {
		f.t.Fatalf("fake: marshal update: %v", err)
	}
	f.pushed[u.ID] = raw
	f.queue = append(f.queue, queuedUpdate{id: u.ID, raw: raw})
	f.changedLocked()
	return u.ID
}

// redeliver serves an update again, whatever the client's offset, as
// Telegram does after a restart when the update was never confirmed.
func (f *fakeAPI) redeliver(id int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = append(f.queue, queuedUpdate{id: id, raw: f.pushed[id], force: true})
	f.changedLocked()
}

func (f *fakeAPI) newMessageID() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextMsg++
	return f.nextMsg
}

var (
	privateChat = func(u models.User) models.Chat {
		return models.Chat{ID: u.ID, Type: models.ChatTypePrivate, FirstName: u.FirstName}
	}
	gym = models.Chat{ID: -100777, Type: models.ChatTypeSupergroup, Title: "Iron Gym"}
	ana = models.User{ID: 501, FirstName: "Ana", Username: "ana_lifts"}
	bo  = models.User{ID: 502, FirstName: "Bo"}
)

// text queues a text message; a leading /command gets its entity, as
// Telegram sends it.
func (f *fakeAPI) text(chat models.Chat, from models.User, text string) int64 {
	m := &models.Message{ID: f.newMessageID(), Date: int(time.Now().Unix()), Chat: chat, From: &from, Text: text}
	if name, target, ok := parseCommand(text); ok {
		n := 1 + len(name)
		if target != "" {
			n += 1 + len(target)
		}
		m.Entities = []models.MessageEntity{{Type: models.MessageEntityTypeBotCommand, Offset: 0, Length: n}}
	}
	return f.push(models.Update{Message: m})
}

// press queues a button press on message msg; it returns the update id
// and the callback query id.
func (f *fakeAPI) press(chat models.Chat, from models.User, msg int, data string) (int64, string) {
	f.mu.Lock()
	qid := fmt.Sprintf("cq%d", f.nextUpd+1)
	f.mu.Unlock()
	me := models.User{ID: fakeBotID, IsBot: true, FirstName: "Spotter", Username: fakeBotName}
	cq := &models.CallbackQuery{ID: qid, From: from, Data: data, ChatInstance: "ci",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: msg, Date: int(time.Now().Unix()), Chat: chat, From: &me, Text: "..."}}}
	return f.push(models.Update{CallbackQuery: cq}), qid
}

// document queues a document message with a caption; the fake serves its
// bytes through getFile. size is the file_size Telegram announces.
func (f *fakeAPI) document(chat models.Chat, from models.User, caption, name, mimeType string, data []byte, size int64) int64 {
	f.mu.Lock()
	id := fmt.Sprintf("doc%d", len(f.fileIDs)+1)
	p := "documents/file_" + strconv.Itoa(len(f.fileIDs)+1) + ".csv"
	f.fileIDs[id] = p
	f.files[p] = data
	f.mu.Unlock()
	m := &models.Message{ID: f.newMessageID(), Date: int(time.Now().Unix()), Chat: chat, From: &from, Caption: caption,
		Document: &models.Document{FileID: id, FileUniqueID: "u" + id, FileName: name, MimeType: mimeType, FileSize: size}}
	return f.push(models.Update{Message: m})
}

// setBroken makes fn answer calls (method "file" for downloads) when it
// returns true.
func (f *fakeAPI) setBroken(fn func(method string, w http.ResponseWriter) bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.broken = fn
}

// failNext makes the next calls of method answer with these raw bodies.
func (f *fakeAPI) failNext(method string, raw ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[method] = append(f.fail[method], raw...)
}

// all returns the calls so far that match.
func (f *fakeAPI) all(match func(call) bool) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if match(c) {
			out = append(out, c)
		}
	}
	return out
}

// wait returns the first n calls that match, failing the test if they do
// not come within 10 s.
func (f *fakeAPI) wait(t testing.TB, n int, match func(call) bool) []call {
	t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		changed := f.changed
		f.mu.Unlock()
		if got := f.all(match); len(got) >= n {
			return got[:n]
		}
		select {
		case <-changed:
		case <-deadline.C:
			t.Fatalf("timed out waiting for %d matching calls; calls so far:\n%s", n, f.dump())
		}
	}
}

func (f *fakeAPI) dump() string {
	var b strings.Builder
	for _, c := range f.all(func(call) bool { return true }) {
		fmt.Fprintf(&b, "  %s failed=%v %q\n", c.Method, c.Failed, c.Fields["text"]+c.Fields["caption"]+c.Fields["callback_query_id"])
	}
	return b.String()
}

// Matchers.
func method(name string) func(call) bool {
	return func(c call) bool { return c.Method == name && !c.Failed }
}

func sentTo(chat models.Chat, contains string) func(call) bool {
	id := strconv.FormatInt(chat.ID, 10)
	return func(c call) bool {
		return !c.Failed && (c.Method == "sendMessage" || c.Method == "editMessageText") &&
			c.Fields["chat_id"] == id && strings.Contains(c.Fields["text"], contains)
	}
}

// buttons is the inline keyboard a call sent.
func (c call) buttons() [][]callbackButton {
	var kb keyboard
	json.Unmarshal([]byte(c.Fields["reply_markup"]), &kb)
	return kb.InlineKeyboard
}
