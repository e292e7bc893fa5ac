package tgfake

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Call is one request the server received (getUpdates and file downloads
// are not recorded). Calls are never changed once recorded.
type Call struct {
	Seq    int // position in the record, from 0
	Method string
	At     time.Time
	Fields map[string]string
	Files  map[string]File
	Failed bool // answered with an error
	Code   int  // the error_code answered, 0 on success
	// Fault says why the server refused the call on purpose: "fail-next"
	// (FailNext), "broken" (SetBroken), "refused" (Refuse), "429" or
	// "5xx" (SetFaults), "limit" (SetLimits with Enforce); "" otherwise.
	Fault string
	MsgID int // the message sent or edited
}

// Button is an inline keyboard button.
type Button struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// Chat is the chat_id the call named, 0 for none.
func (c Call) Chat() int64 {
	id, _ := strconv.ParseInt(c.Fields["chat_id"], 10, 64)
	return id
}

// Text is the call's text or caption, as sent (HTML).
func (c Call) Text() string {
	if t, ok := c.Fields["text"]; ok {
		return t
	}
	return c.Fields["caption"]
}

// Buttons is the inline keyboard the call sent.
func (c Call) Buttons() [][]Button {
	var kb struct {
		InlineKeyboard [][]Button `json:"inline_keyboard"`
	}
	json.Unmarshal([]byte(c.Fields["reply_markup"]), &kb)
	return kb.InlineKeyboard
}

// Data is every button's callback_data, row by row.
func (c Call) Data() []string {
	var out []string
	for _, row := range c.Buttons() {
		for _, b := range row {
			out = append(out, b.CallbackData)
		}
	}
	return out
}

// Mentions reports whether the call's text mentions user by a
// tg://user?id= link.
func (c Call) Mentions(user int64) bool {
	return strings.Contains(c.Text(), `href="tg://user?id=`+strconv.FormatInt(user, 10)+`"`)
}

// Match selects calls. A Match must not call the Server.
type Match func(Call) bool

// Any matches every call.
func Any(Call) bool { return true }

// Method matches successful calls of a method.
func Method(name string) Match {
	return func(c Call) bool { return c.Method == name && !c.Failed }
}

// Failed matches refused calls of a method ("" for any).
func Failed(method string) Match {
	return func(c Call) bool { return c.Failed && (method == "" || c.Method == method) }
}

// SentTo matches successful sendMessage and editMessageText calls to chat
// whose text contains contains.
func SentTo(chat int64, contains string) Match {
	id := strconv.FormatInt(chat, 10)
	return func(c Call) bool {
		return !c.Failed && (c.Method == "sendMessage" || c.Method == "editMessageText") &&
			c.Fields["chat_id"] == id && strings.Contains(c.Fields["text"], contains)
	}
}

// NewMessage matches successful sendMessage calls (not edits) to chat
// whose text contains contains.
func NewMessage(chat int64, contains string) Match {
	id := strconv.FormatInt(chat, 10)
	return func(c Call) bool {
		return !c.Failed && c.Method == "sendMessage" && c.Fields["chat_id"] == id && strings.Contains(c.Fields["text"], contains)
	}
}

// Ping matches a new message to chat that mentions user by a
// tg://user?id= link and contains contains: a ping, which must be a new
// message since edits notify nobody.
func Ping(chat, user int64, contains string) Match {
	m := NewMessage(chat, contains)
	return func(c Call) bool { return m(c) && c.Mentions(user) }
}

// Answered matches answerCallbackQuery calls for query id (successful or
// not).
func Answered(queryID string) Match {
	return func(c Call) bool {
		return c.Method == "answerCallbackQuery" && c.Fields["callback_query_id"] == queryID
	}
}

// snapshot is the calls recorded from from on. Calls are append-only, so
// the slice can be read without the lock.
func (s *Server) snapshot(from int) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	if from >= len(s.calls) {
		return nil
	}
	return s.calls[from:len(s.calls):len(s.calls)]
}

// Mark is the number of calls recorded so far: give it to WaitSince or
// AllSince to look only at later calls.
func (s *Server) Mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls)
}

// All is the calls so far that match (nil: all).
func (s *Server) All(match Match) []Call { return s.AllSince(0, match) }

// AllSince is the calls from mark on that match (nil: all).
func (s *Server) AllSince(mark int, match Match) []Call {
	var out []Call
	for _, c := range s.snapshot(mark) {
		if match == nil || match(c) {
			out = append(out, c)
		}
	}
	return out
}

// Count is how many calls so far match.
func (s *Server) Count(match Match) int { return len(s.All(match)) }

// Await returns the first n calls from mark on that match, waiting for
// them until ctx is done; then it returns those it has and ctx's error.
// It looks at each call once, whatever the number of waiters; safe to call
// from any goroutine.
func (s *Server) Await(ctx context.Context, mark, n int, match Match) ([]Call, error) {
	var got []Call
	if n <= 0 {
		return nil, nil
	}
	stop := context.AfterFunc(ctx, s.wake)
	defer stop()
	next := mark
	for {
		for _, c := range s.snapshot(next) {
			next++
			if match(c) {
				if got = append(got, c); len(got) == n {
					return got, nil
				}
			}
		}
		s.mu.Lock()
		for len(s.calls) == next && ctx.Err() == nil {
			s.cond.Wait()
		}
		s.mu.Unlock()
		if err := ctx.Err(); err != nil {
			// A last look: calls recorded just before the end count.
			for _, c := range s.snapshot(next) {
				if match(c) && len(got) < n {
					got = append(got, c)
				}
			}
			if len(got) == n {
				return got, nil
			}
			return got, err
		}
	}
}

// Wait returns the first n calls that match, failing the test if they do
// not come within the wait timeout. Call it from the test's goroutine.
func (s *Server) Wait(t testing.TB, n int, match Match) []Call {
	t.Helper()
	return s.WaitSince(t, 0, n, match)
}

// WaitSince is Wait for the calls from mark on.
func (s *Server) WaitSince(t testing.TB, mark, n int, match Match) []Call {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), s.waitTimeout)
	defer cancel()
	got, err := s.Await(ctx, mark, n, match)
	if err != nil {
		t.Fatalf("tgfake: timed out after %v waiting for %d matching calls (have %d); calls:\n%s", s.waitTimeout, n, len(got), s.Dump())
	}
	return got
}

// Dump lists the calls so far, one a line, for a failing test's message.
func (s *Server) Dump() string {
	var b strings.Builder
	for _, c := range s.All(nil) {
		fmt.Fprintf(&b, "  #%d %s %s chat=%s", c.Seq, c.At.Format("15:04:05.000"), c.Method, c.Fields["chat_id"])
		if c.Failed {
			fmt.Fprintf(&b, " FAILED %d %s", c.Code, c.Fault)
		}
		if c.MsgID != 0 {
			fmt.Fprintf(&b, " msg=%d", c.MsgID)
		}
		fmt.Fprintf(&b, " %q", c.Text()+c.Fields["callback_query_id"])
		if d := c.Data(); len(d) > 0 {
			fmt.Fprintf(&b, " buttons=%q", d)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Stats are the server's counters.
type Stats struct {
	Calls       int   // recorded calls
	Failed      int   // of which refused
	Polls       int   // getUpdates requests
	Cuts        int   // long polls cut by CutPolls
	Injected429 int   // 429s from SetFaults
	Injected5xx int   // 5xx from SetFaults
	Violations  int   // sends beyond SetLimits' windows
	Confirmed   int64 // highest confirmed update id
	Pending     int   // updates queued and not yet confirmed
}

// Stats are the counters so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := Stats{Calls: len(s.calls), Polls: s.polls, Cuts: s.cuts, Injected429: s.injected429,
		Injected5xx: s.injected5xx, Violations: len(s.violations), Confirmed: s.confirmed, Pending: len(s.queue), Failed: s.failed}
	return st
}
