package tgfake_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/tgfake"
)

var (
	gym = tgfake.Group(-1001, "Iron Gym")
	ana = tgfake.User(501, "Ana")
)

// client is the real go-telegram/bot client on s, receiving updates into
// got until the test ends.
func client(t *testing.T, s *tgfake.Server, got chan<- *models.Update) *tgbot.Bot {
	t.Helper()
	opts := []tgbot.Option{tgbot.WithServerURL(s.URL()), tgbot.WithNotAsyncHandlers(),
		tgbot.WithHTTPClient(5*time.Second, &http.Client{Timeout: 20 * time.Second}),
		tgbot.WithErrorsHandler(func(error) {}),
		tgbot.WithDefaultHandler(func(ctx context.Context, _ *tgbot.Bot, u *models.Update) {
			if got != nil {
				got <- u
			}
		})}
	b, err := tgbot.New(s.Token(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	if got != nil {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { b.Start(ctx); close(done) }()
		t.Cleanup(func() { cancel(); <-done })
	}
	return b
}

// raw calls method with form parameters and decodes the answer.
func raw(t *testing.T, s *tgfake.Server, token, method string, params url.Values) (ok bool, result json.RawMessage, code int, retry int) {
	t.Helper()
	resp, err := http.PostForm(s.URL()+"/bot"+token+"/"+method, params)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a struct {
		OK         bool            `json:"ok"`
		Result     json.RawMessage `json:"result"`
		ErrorCode  int             `json:"error_code"`
		Parameters struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	if !a.OK && resp.StatusCode != a.ErrorCode {
		t.Errorf("HTTP status %d for error_code %d", resp.StatusCode, a.ErrorCode)
	}
	return a.OK, a.Result, a.ErrorCode, a.Parameters.RetryAfter
}

func updateIDs(t *testing.T, result json.RawMessage) []int64 {
	t.Helper()
	var us []models.Update
	if err := json.Unmarshal(result, &us); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, u := range us {
		ids = append(ids, u.ID)
	}
	return ids
}

func TestClientRoundTrip(t *testing.T) {
	t.Parallel()
	s := tgfake.New(t, tgfake.WithToken("42:abc-DEF_1"), tgfake.WithBotName("GymBot"))
	got := make(chan *models.Update, 10)
	b := client(t, s, got)
	ctx := context.Background()
	me, err := b.GetMe(ctx)
	if err != nil || me.ID != 42 || me.Username != "GymBot" || !me.IsBot {
		t.Fatalf("getMe = %+v, %v", me, err)
	}

	id := s.Text(gym, ana, "/rp@GymBot 100kg squat")
	u := <-got
	if u.ID != id || u.Message.Text != "/rp@GymBot 100kg squat" || u.Message.Entities[0].Type != models.MessageEntityTypeBotCommand || u.Message.Entities[0].Length != 10 {
		t.Errorf("update = %+v", u.Message)
	}

	kb := `{"inline_keyboard":[[{"text":"Start","callback_data":"start"}]]}`
	m, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: gym.ID, Text: "Plan <b>squat</b> &amp; go", ParseMode: models.ParseModeHTML,
		ReplyMarkup: json.RawMessage(kb)})
	if err != nil {
		t.Fatal(err)
	}
	if m.Text != "Plan squat & go" || m.Chat.Type != models.ChatTypeSupergroup || m.Chat.Title != "Iron Gym" {
		t.Errorf("sent message = %+v", m)
	}
	c := s.Wait(t, 1, tgfake.SentTo(gym.ID, "Plan"))[0]
	if c.MsgID != m.ID || c.Chat() != gym.ID || len(c.Buttons()) != 1 || c.Buttons()[0][0].CallbackData != "start" {
		t.Errorf("call = %+v", c)
	}
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: gym.ID, Text: "a < b", ParseMode: models.ParseModeHTML}); err == nil {
		t.Error("an unescaped < was taken")
	}
	_, qid := s.Press(gym, ana, m.ID, "start")
	if u := <-got; u.CallbackQuery == nil || u.CallbackQuery.Data != "start" || u.CallbackQuery.Message.Message.Text != "Plan squat & go" {
		t.Errorf("press = %+v", u.CallbackQuery)
	}
	if ok, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: qid}); !ok || err != nil {
		t.Errorf("answer: %v", err)
	}
	if _, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: qid}); err == nil {
		t.Error("a query answered twice")
	}
	if _, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: gym.ID, MessageID: m.ID, Text: "Plan <b>squat</b> &amp; go", ParseMode: models.ParseModeHTML, ReplyMarkup: json.RawMessage(kb)}); err == nil || !strings.Contains(err.Error(), "not modified") {
		t.Errorf("identical edit: %v", err)
	}
	if _, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: gym.ID, MessageID: m.ID, Text: "Rest 2 s"}); err != nil {
		t.Error(err)
	}
	if txt, _ := s.MessageText(gym.ID, m.ID); txt != "Rest 2 s" {
		t.Errorf("message text after edit %q", txt)
	}

	csv := []byte("date,exercise\n")
	s.Document(tgfake.Private(ana), ana, "import", "a.csv", "text/csv", csv, int64(len(csv)))
	u = <-got
	f, err := b.GetFile(ctx, &tgbot.GetFileParams{FileID: u.Message.Document.FileID})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(b.FileDownloadLink(f))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(data) != string(csv) {
		t.Errorf("downloaded %q", data)
	}
	if _, err := b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: ana.ID, Document: &models.InputFileUpload{Filename: "x.csv", Data: strings.NewReader("1,2")}, Caption: "export"}); err != nil {
		t.Fatal(err)
	}
	doc := s.Wait(t, 1, tgfake.Method("sendDocument"))[0]
	if doc.Files["document"].Name != "x.csv" || string(doc.Files["document"].Data) != "1,2" || doc.Text() != "export" {
		t.Errorf("document call %+v", doc)
	}
}

func TestOffsetsLimitAndRedelivery(t *testing.T) {
	t.Parallel()
	s := tgfake.New(t)
	tok := s.Token()
	if ok, _, code, _ := raw(t, s, "1:wrong", "getMe", nil); ok || code != 401 {
		t.Errorf("wrong token: ok=%v code=%d", ok, code)
	}
	if ok, _, _, _ := raw(t, s, tok, "GETME", nil); !ok {
		t.Error("method names are case-insensitive")
	}
	var ids []int64
	for i := range 5 {
		ids = append(ids, s.Text(tgfake.Private(ana), ana, fmt.Sprint("m", i)))
	}
	_, res, _, _ := raw(t, s, tok, "getUpdates", url.Values{"limit": {"2"}})
	if got := updateIDs(t, res); len(got) != 2 || got[0] != ids[0] {
		t.Errorf("limit 2: %v", got)
	}
	_, res, _, _ = raw(t, s, tok, "getUpdates", url.Values{"offset": {strconv.FormatInt(ids[2], 10)}})
	if got := updateIDs(t, res); len(got) != 3 || got[0] != ids[2] || s.Confirmed() != ids[1] {
		t.Errorf("from offset: %v, confirmed %d", got, s.Confirmed())
	}
	_, res, _, _ = raw(t, s, tok, "getUpdates", url.Values{"offset": {"-1"}})
	if got := updateIDs(t, res); len(got) != 1 || got[0] != ids[4] || s.Confirmed() != ids[3] {
		t.Errorf("offset -1: %v, confirmed %d", got, s.Confirmed())
	}
	// A confirmed update is gone, unless redelivered; then it comes once.
	s.Redeliver(ids[0])
	_, res, _, _ = raw(t, s, tok, "getUpdates", url.Values{"offset": {strconv.FormatInt(ids[4]+1, 10)}})
	if got := updateIDs(t, res); len(got) != 1 || got[0] != ids[0] {
		t.Errorf("redelivery: %v", got)
	}
	start := time.Now()
	_, res, _, _ = raw(t, s, tok, "getUpdates", url.Values{"offset": {strconv.FormatInt(ids[4]+1, 10)}, "timeout": {"1"}})
	if got := updateIDs(t, res); len(got) != 0 || time.Since(start) < time.Second {
		t.Errorf("empty long poll: %v after %v", got, time.Since(start))
	}
	if st := s.Stats(); st.Polls != 5 || st.Pending != 0 || st.Confirmed != ids[4] {
		t.Errorf("stats %+v", st)
	}
}

func TestFaultsAreDeterministicAndEnd(t *testing.T) {
	t.Parallel()
	outcomes := func(seed uint64) (string, tgfake.Stats) {
		s := tgfake.New(t)
		s.SetFaults(tgfake.Faults{Rate429: 0.1, Rate5xx: 0.1, RetryAfter: 3, Seed: seed})
		var b strings.Builder
		for range 200 {
			ok, _, code, retry := raw(t, s, s.Token(), "sendMessage", url.Values{"chat_id": {"5"}, "text": {"hi"}})
			switch {
			case ok:
				b.WriteByte('.')
			case code == 429 && retry == 3:
				b.WriteByte('R')
			case code == 502:
				b.WriteByte('X')
			default:
				t.Fatalf("answer %d", code)
			}
		}
		// Other methods are not affected.
		for range 20 {
			if ok, _, _, _ := raw(t, s, s.Token(), "getMe", nil); !ok {
				t.Fatal("getMe failed under send faults")
			}
		}
		return b.String(), s.Stats()
	}
	a, st := outcomes(7)
	b, _ := outcomes(7)
	c, _ := outcomes(8)
	if a != b || a == c {
		t.Errorf("seed 7 twice:\n%s\n%s\nseed 8:\n%s", a, b, c)
	}
	if st.Injected429 < 8 || st.Injected429 > 35 || st.Injected5xx < 8 || st.Injected5xx > 35 || st.Failed != st.Injected429+st.Injected5xx {
		t.Errorf("stats %+v for 10%% + 10%% of 200", st)
	}

	s := tgfake.New(t)
	b2 := client(t, s, nil)
	s.SetFaults(tgfake.Faults{Rate429: 1, RetryAfter: 2, For: time.Hour})
	_, err := b2.SendMessage(context.Background(), &tgbot.SendMessageParams{ChatID: 5, Text: "hi"})
	var tm *tgbot.TooManyRequestsError
	if !errors.As(err, &tm) || tm.RetryAfter != 2 {
		t.Errorf("the client saw %v", err)
	}
	if c := s.Wait(t, 1, tgfake.Failed("sendMessage"))[0]; c.Fault != "429" || c.Code != 429 {
		t.Errorf("call %+v", c)
	}
	s.SetFaults(tgfake.Faults{Rate5xx: 1, For: time.Nanosecond})
	if _, err := b2.SendMessage(context.Background(), &tgbot.SendMessageParams{ChatID: 5, Text: "hi"}); err != nil {
		t.Errorf("faults for 1 ns still on: %v", err)
	}
}

func TestCutPollsClosesTheConnection(t *testing.T) {
	t.Parallel()
	s := tgfake.New(t)
	errs := make(chan error, 1)
	go func() {
		resp, err := http.PostForm(s.URL()+"/bot"+s.Token()+"/getUpdates", url.Values{"timeout": {"30"}})
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("answered %s", resp.Status)
		}
		errs <- err
	}()
	s.WaitPolling(t)
	if n := s.CutPolls(); n != 1 {
		t.Fatalf("cut %d polls", n)
	}
	select {
	case err := <-errs:
		if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "EOF") {
			t.Errorf("want a dropped connection, got %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the cut poll did not end")
	}

	// The real client polls again and loses nothing.
	got := make(chan *models.Update, 1)
	client(t, s, got)
	s.WaitPolling(t)
	s.CutPolls()
	id := s.Text(tgfake.Private(ana), ana, "after the cut")
	select {
	case u := <-got:
		if u.ID != id {
			t.Errorf("got update %d, want %d", u.ID, id)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no update after a cut")
	}
	if st := s.Stats(); st.Cuts != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestLimits(t *testing.T) {
	t.Parallel()
	s := tgfake.New(t)
	s.SetLimits(tgfake.Limits{Windows: []tgfake.Window{{N: 2, Per: time.Hour}, {N: 3, Per: time.Hour, GroupOnly: true}}})
	send := func(chat int64) (bool, int, int) {
		ok, _, code, retry := raw(t, s, s.Token(), "sendMessage", url.Values{"chat_id": {strconv.FormatInt(chat, 10)}, "text": {"x"}})
		return ok, code, retry
	}
	for range 3 {
		send(5)
	}
	send(6)
	if v := s.Violations(); len(v) != 1 || v[0].Chat != 5 || v[0].Seq != 2 || v[0].Window.N != 2 {
		t.Errorf("violations %+v", v)
	}
	s.SetLimits(tgfake.Limits{Windows: []tgfake.Window{{N: 5, Per: time.Hour}, {N: 1, Per: time.Hour, GroupOnly: true}}, Enforce: true})
	if ok, _, _ := send(-7); !ok {
		t.Error("first group send refused")
	}
	if ok, code, retry := send(-7); ok || code != 429 || retry < 3599 {
		t.Errorf("second group send: ok=%v code=%d retry_after=%d", ok, code, retry)
	}
	if ok, _, _ := send(7); !ok {
		t.Error("a private chat got the group limit")
	}
	if st := s.Stats(); st.Violations != 1 {
		t.Errorf("stats %+v", st)
	}
}

// TestManyLiftersConcurrently: 100 lifters in 10 groups through one real
// client; every waiter sees its own replies, under the race detector.
func TestManyLiftersConcurrently(t *testing.T) {
	t.Parallel()
	s := tgfake.New(t)
	got := make(chan *models.Update, 1000)
	b := client(t, s, got)
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	go func() {
		for {
			select {
			case u := <-got:
				go b.SendMessage(context.Background(), &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID,
					Text: fmt.Sprintf(`<a href="tg://user?id=%d">x</a>: re %s`, u.Message.From.ID, u.Message.Text)})
			case <-stop:
				return
			}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for i := range 100 {
		group := tgfake.Group(-100-int64(i%10), "g")
		lifter := tgfake.User(1000+int64(i), "L")
		wg.Go(func() {
			for j := range 10 {
				mark := s.Mark()
				s.Text(group, lifter, fmt.Sprintf("m%d-%d", i, j))
				if _, err := s.Await(ctx, mark, 1, tgfake.Ping(group.ID, lifter.ID, fmt.Sprintf("re m%d-%d", i, j))); err != nil {
					t.Errorf("lifter %d message %d: %v", i, j, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if n := s.Count(tgfake.Method("sendMessage")); n != 1000 {
		t.Errorf("%d replies", n)
	}
}

// Replies, topics, admins and reactions, through the real client.
func TestRepliesTopicsAdminsAndReactions(t *testing.T) {
	t.Parallel()
	s := tgfake.New(t)
	got := make(chan *models.Update, 10)
	b := client(t, s, got)
	ctx := context.Background()
	forum := tgfake.Forum(-1002, "Forum")

	// A topic message arrives as one; a send to the topic is in it, and
	// a press on that message says so.
	s.TopicText(forum, 77, ana, "/rp 100kg squat")
	u := <-got
	if !u.Message.IsTopicMessage || u.Message.MessageThreadID != 77 || !u.Message.Chat.IsForum {
		t.Errorf("topic message %+v", u.Message)
	}
	if m := s.Message(u.ID); m == nil || m.ID != u.Message.ID {
		t.Errorf("Message(%d) = %+v", u.ID, m)
	}
	m, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: forum.ID, MessageThreadID: 77, Text: "plan",
		ReplyParameters: &models.ReplyParameters{MessageID: u.Message.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if m.MessageThreadID != 77 || !m.IsTopicMessage || m.ReplyToMessage == nil || m.ReplyToMessage.ID != u.Message.ID {
		t.Errorf("sent %+v", m)
	}
	c := s.Wait(t, 1, tgfake.Method("sendMessage"))[0]
	if c.Thread() != 77 || c.ReplyTo() != u.Message.ID || c.AllowsWithoutReply() {
		t.Errorf("call thread %d, reply %d (%q)", c.Thread(), c.ReplyTo(), c.Fields["reply_parameters"])
	}
	s.Press(forum, ana, m.ID, "start")
	if p := (<-got).CallbackQuery.Message.Message; p.MessageThreadID != 77 || !p.IsTopicMessage {
		t.Errorf("press on a topic message: %+v", p)
	}
	// A topic where there are none; a reply to nothing, allowed or not.
	s.Text(gym, ana, "hi")
	<-got
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: gym.ID, MessageThreadID: 5, Text: "x"}); err == nil || !strings.Contains(err.Error(), "thread not found") {
		t.Errorf("a topic in a group without topics: %v", err)
	}
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: gym.ID, Text: "x", ReplyParameters: &models.ReplyParameters{MessageID: 99999}}); err == nil || !strings.Contains(err.Error(), "replied not found") {
		t.Errorf("a reply to nothing: %v", err)
	}
	if _, err := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: gym.ID, Photo: &models.InputFileUpload{Filename: "a.png", Data: strings.NewReader("png")},
		ReplyParameters: &models.ReplyParameters{MessageID: 99999, AllowSendingWithoutReply: true}}); err != nil {
		t.Errorf("a reply to nothing, allowed: %v", err)
	}

	// getChatMember answers with the statuses set; a member by default.
	s.SetMember(gym.ID, ana.ID, models.ChatMemberTypeOwner)
	s.SetMember(gym.ID, 502, models.ChatMemberTypeAdministrator)
	for user, want := range map[int64]models.ChatMemberType{ana.ID: models.ChatMemberTypeOwner, 502: models.ChatMemberTypeAdministrator, 503: models.ChatMemberTypeMember} {
		cm, err := b.GetChatMember(ctx, &tgbot.GetChatMemberParams{ChatID: gym.ID, UserID: user})
		if err != nil || cm.Type != want {
			t.Errorf("user %d: %+v, %v; want %s", user, cm, err, want)
		}
	}

	// Reactions on a lifter's message: recorded; an emoji Telegram does
	// not take, a message that is not there, and Refuse are refused.
	react := func(msg int, emoji string) error {
		_, err := b.SetMessageReaction(ctx, &tgbot.SetMessageReactionParams{ChatID: forum.ID, MessageID: msg,
			Reaction: []models.ReactionType{{Type: models.ReactionTypeTypeEmoji, ReactionTypeEmoji: &models.ReactionTypeEmoji{Emoji: emoji}}}})
		return err
	}
	if err := react(u.Message.ID, "✍"); err != nil {
		t.Fatal(err)
	}
	if c := s.Wait(t, 1, tgfake.Method("setMessageReaction"))[0]; c.MessageID() != u.Message.ID || len(c.Reaction()) != 1 || c.Reaction()[0] != "✍" {
		t.Errorf("reaction call %v", c.Fields)
	}
	if err := react(u.Message.ID, "🦖"); err == nil || !strings.Contains(err.Error(), "REACTION_INVALID") {
		t.Errorf("an emoji Telegram does not take: %v", err)
	}
	if err := react(424242, "👍"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("a reaction on nothing: %v", err)
	}
	s.Refuse("setMessageReaction", 400, tgfake.ReactionInvalid)
	if err := react(u.Message.ID, "👍"); !errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), "REACTION_INVALID") {
		t.Errorf("refused reactions: %v", err)
	}
	if c := s.Wait(t, 1, tgfake.Failed("setMessageReaction"))[0]; c.Fault != "" {
		t.Errorf("first refusal %+v, want the fake's own (invalid emoji)", c)
	}
	if c := s.All(tgfake.Failed("setMessageReaction")); c[len(c)-1].Fault != "refused" || c[len(c)-1].Code != 400 {
		t.Errorf("last refusal %+v", c[len(c)-1])
	}
	s.Refuse("setMessageReaction", 0, "")
	if err := react(u.Message.ID, "👍"); err != nil {
		t.Errorf("after Refuse ended: %v", err)
	}
}

// Refuse answers every call of a method the same way until it ends: a
// sendPhoto too large for ever is a 413, which the client reports in
// text only.
func TestRefuseForEver(t *testing.T) {
	t.Parallel()
	s := tgfake.New(t)
	b := client(t, s, nil)
	ctx := context.Background()
	s.Refuse("sendPhoto", 413, tgfake.EntityTooLarge)
	for range 3 {
		_, err := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: 5, Photo: &models.InputFileUpload{Filename: "c.png", Data: strings.NewReader("png")}})
		if err == nil || !strings.Contains(err.Error(), "413 Request Entity Too Large") {
			t.Errorf("sendPhoto: %v", err)
		}
	}
	if _, err := b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: 5, Document: &models.InputFileUpload{Filename: "c.png", Data: strings.NewReader("png")}}); err != nil {
		t.Errorf("sendDocument refused with sendPhoto: %v", err)
	}
	calls := s.All(tgfake.Failed("sendPhoto"))
	if len(calls) != 3 || calls[0].Code != 413 || calls[0].Fault != "refused" {
		t.Errorf("refused calls %+v", calls)
	}
	s.Refuse("sendPhoto", 0, "")
	if _, err := b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: 5, Photo: &models.InputFileUpload{Filename: "c.png", Data: strings.NewReader("png")}}); err != nil {
		t.Errorf("after Refuse ended: %v", err)
	}
}
