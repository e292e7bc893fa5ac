package bot

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// failing is a Sender that fails as configured: fail says what a send of
// r answers (nil: taken). It records every call and what it took.
type failing struct {
	fail func(r Reply) error

	mu    sync.Mutex
	calls map[string][]time.Time // by text: when each try came
	took  []sent
}

func (f *failing) Send(_ context.Context, r Reply) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string][]time.Time{}
	}
	f.calls[r.Text] = append(f.calls[r.Text], time.Now())
	if err := f.fail(r); err != nil {
		return err
	}
	f.took = append(f.took, sent{at: time.Now(), r: r})
	return nil
}

func (f *failing) tries(text string) []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.calls[text]...)
}

func (f *failing) taken() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.took...)
}

// takenAt is when the platform took the first message with text, and
// whether it did.
func (f *failing) takenAt(text string) (time.Time, bool) {
	for _, s := range f.taken() {
		if s.r.Text == text {
			return s.at, true
		}
	}
	return time.Time{}, false
}

// givenUps is an Observer that counts what was given up.
type givenUps struct {
	nopObserver
	mu sync.Mutex
	n  map[string]int // "platform/reason"
}

func (g *givenUps) GivenUp(platform, reason string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.n == nil {
		g.n = map[string]int{}
	}
	g.n[platform+"/"+reason]++
}

func (g *givenUps) count(key string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n[key]
}

func (g *givenUps) total() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, v := range g.n {
		n += v
	}
	return n
}

// statusError is a send error as the adapters make them: its text holds
// the HTTP status, and a refusal for good wraps ErrPermanent.
type statusError struct {
	text      string
	permanent bool
}

func (e *statusError) Error() string { return e.text }
func (e *statusError) Is(target error) bool {
	return target == ErrPermanent && e.permanent
}

var (
	err5xx = &statusError{text: "telegram: sendMessage: 502 Bad Gateway"}
	err413 = &statusError{text: "telegram: sendPhoto: 413 Request Entity Too Large", permanent: true}
	err403 = &statusError{text: "telegram: sendMessage: forbidden, Forbidden: bot was blocked by the user", permanent: true}
)

func giveUpOutbox(s Sender, obs Observer) *outbox {
	o := newOutbox(map[string]Sender{"p": s}, nil, time.Now, slog.New(slog.DiscardHandler))
	o.observer = obs
	return o
}

func answer(to, text string) outItem {
	return outItem{reply: Reply{Platform: "p", ChatID: "gym", Group: true, To: User{ID: to, Name: to}, Text: text, InReplyTo: to + "-1"}, at: time.Now()}
}

// A reply that keeps failing with a 5xx is given up after the bounded
// tries, about a minute; the chat's later replies do not wait behind it,
// the lifter gets one line saying so, and nothing is tried again after
// that.
func TestALastingServerErrorIsGivenUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &failing{fail: func(r Reply) error {
			if r.Text == "the big answer" {
				return err5xx
			}
			return nil
		}}
		obs := &givenUps{}
		o := giveUpOutbox(f, obs)
		start := time.Now()
		o.enqueue(answer("ana", "the big answer"))
		time.Sleep(3 * time.Second)
		o.enqueue(answer("bo", "bo's plan"))
		time.Sleep(10 * time.Minute)
		synctest.Wait()

		tries := f.tries("the big answer")
		if len(tries) != sendTries {
			t.Fatalf("%d tries, want %d", len(tries), sendTries)
		}
		took := tries[len(tries)-1].Sub(start)
		if want := 63 * time.Second; took != want {
			t.Errorf("given up after %v, want %v (1+2+4+8+16+32 s of back-off)", took, want)
		}
		if obs.count("p/failing") != 1 || obs.total() != 1 {
			t.Errorf("given up: %v, want one p/failing", obs.n)
		}
		at, ok := f.takenAt("bo's plan")
		if !ok {
			t.Fatal("bo's reply never went out")
		}
		if late := at.Sub(start.Add(3 * time.Second)); late < 0 || late > time.Second {
			t.Errorf("bo's reply went out %v after it was queued, behind the failing one", late)
		}
		noteAt, ok := f.takenAt(givenUpNote)
		if !ok {
			t.Fatal("ana was not told her answer was lost")
		}
		if noteAt.Sub(start) > 64*time.Second {
			t.Errorf("the note came %v after the answer", noteAt.Sub(start))
		}
		for _, s := range f.taken() {
			if s.r.Text == givenUpNote && s.r.To.ID != "ana" {
				t.Errorf("the note went to %q", s.r.To.ID)
			}
		}
		if n := len(f.taken()); n != 2 {
			t.Errorf("%d messages taken, want bo's reply and the note", n)
		}
		if left := o.flush(time.Second); left != 0 {
			t.Errorf("%d messages left", left)
		}
	})
}

// A reply refused for good (a 413 for a picture too large) is given up at
// once, and its lifter told.
func TestARefusedReplyIsGivenUpAtOnceWithANote(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &failing{fail: func(r Reply) error {
			if r.Text == "chart" {
				return err413
			}
			return nil
		}}
		obs := &givenUps{}
		o := giveUpOutbox(f, obs)
		start := time.Now()
		o.enqueue(answer("ana", "chart"), answer("ana", "after"))
		synctest.Wait()
		if n := len(f.tries("chart")); n != 1 {
			t.Errorf("%d tries of a refused reply, want 1", n)
		}
		if obs.count("p/refused") != 1 {
			t.Errorf("given up: %v, want one p/refused", obs.n)
		}
		var texts []string
		for _, s := range f.taken() {
			texts = append(texts, s.r.Text)
			if s.at != start {
				t.Errorf("%q waited %v", s.r.Text, s.at.Sub(start))
			}
		}
		if got := strings.Join(texts, " | "); got != "after | "+givenUpNote {
			t.Errorf("taken: %s", got)
		}
		o.flush(time.Second)
	})
}

// A 403 means the bot may not post in the chat: the reply is given up
// with no note, since the note would be refused too.
func TestAForbiddenChatGetsNoNote(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
	}{
		{"text", err403},
		{"adapter says", forbiddenErr{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &failing{fail: func(Reply) error { return c.err }}
				obs := &givenUps{}
				o := giveUpOutbox(f, obs)
				o.enqueue(answer("ana", "plan"))
				time.Sleep(time.Minute)
				synctest.Wait()
				if n := len(f.tries(givenUpNote)); n != 0 {
					t.Errorf("the note was tried %d times in a forbidden chat", n)
				}
				if n := len(f.tries("plan")); n != 1 || obs.count("p/refused") != 1 || obs.total() != 1 {
					t.Errorf("%d tries, given up %v", n, obs.n)
				}
				o.flush(time.Second)
			})
		})
	}
}

type forbiddenErr struct{}

func (forbiddenErr) Error() string        { return "discord: send: missing access" }
func (forbiddenErr) Is(target error) bool { return target == ErrPermanent }
func (forbiddenErr) Forbidden() bool      { return true }

// When everything fails, the note about the lost reply gets one try and
// is given up in turn: no note about the note, no loop.
func TestTheNoteIsNeverRetriedIntoAnother(t *testing.T) {
	for _, c := range []struct {
		name  string
		err   error
		tries int
	}{
		{"refused", err413, 1},
		{"failing", err5xx, sendTries},
	} {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &failing{fail: func(Reply) error { return c.err }}
				obs := &givenUps{}
				o := giveUpOutbox(f, obs)
				o.enqueue(answer("ana", "plan"))
				time.Sleep(time.Hour)
				synctest.Wait()
				if n := len(f.tries("plan")); n != c.tries {
					t.Errorf("%d tries of the reply, want %d", n, c.tries)
				}
				if n := len(f.tries(givenUpNote)); n != 1 {
					t.Errorf("the note was tried %d times, want once", n)
				}
				if obs.total() != 2 {
					t.Errorf("given up: %v, want the reply and the note", obs.n)
				}
				if left := o.flush(time.Second); left != 0 {
					t.Errorf("%d messages left", left)
				}
			})
		})
	}
}

// A platform that keeps answering 429 has its retry-afters waited out,
// not counted as tries, but only up to rateLimitBudget.
func TestEndlessRateLimitsAreBounded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &failing{fail: func(r Reply) error {
			if r.Text == "plan" {
				return &RateLimited{Msg: "429", After: 30 * time.Second}
			}
			return nil
		}}
		obs := &givenUps{}
		o := giveUpOutbox(f, obs)
		start := time.Now()
		o.enqueue(answer("ana", "plan"))
		time.Sleep(time.Hour)
		synctest.Wait()
		tries := f.tries("plan")
		if len(tries) <= sendTries {
			t.Errorf("%d tries: retry-afters counted as failures", len(tries))
		}
		if took := tries[len(tries)-1].Sub(start); took > rateLimitBudget {
			t.Errorf("rate limited for %v, beyond %v", took, rateLimitBudget)
		}
		if obs.count("p/rate_limited") != 1 {
			t.Errorf("given up: %v", obs.n)
		}
		if _, ok := f.takenAt(givenUpNote); !ok {
			t.Error("no note after the rate limits")
		}
		o.flush(time.Second)
	})
}

// A ping that keeps failing holds the chat's next ping back by its retry
// window at most, is given up and marked sent, so that a restart does not
// send it again; it gets no note.
func TestAFailingPingIsGivenUpAndMarkedSent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &failing{fail: func(r Reply) error {
			if strings.Contains(r.Text, "ana") {
				return err5xx
			}
			return nil
		}}
		obs := &givenUps{}
		o := giveUpOutbox(f, obs)
		var mu sync.Mutex
		var acked []string
		o.delivered = func(refs []record.TimerRef, _ []string) {
			mu.Lock()
			defer mu.Unlock()
			for _, r := range refs {
				acked = append(acked, r.ID)
			}
		}
		ping := func(name string) outItem {
			to := User{ID: name, Name: name}
			return outItem{reply: Reply{Platform: "p", ChatID: "gym", Group: true, To: to,
				Pings: []Ping{{To: to, Text: "GO"}}, Text: name + ": GO"}, timer: &record.TimerRef{ID: name}, at: time.Now()}
		}
		start := time.Now()
		o.enqueue(ping("ana"))
		time.Sleep(2 * time.Second)
		o.enqueue(ping("bo"))
		time.Sleep(10 * time.Minute)
		synctest.Wait()
		if n := len(f.tries("ana: GO")); n != sendTries {
			t.Errorf("%d tries of ana's ping, want %d", n, sendTries)
		}
		at, ok := f.takenAt("bo: GO")
		if !ok {
			t.Fatal("bo was never pinged")
		}
		if d := at.Sub(start); d > 3*time.Second {
			t.Errorf("bo's ping waited %v behind ana's failing one", d)
		}
		if len(f.tries(givenUpNote)) != 0 {
			t.Error("a lost ping got a note")
		}
		o.flush(time.Second)
		mu.Lock()
		defer mu.Unlock()
		slices.Sort(acked)
		if got := fmt.Sprint(acked); got != "[ana bo]" {
			t.Errorf("marked sent: %s, want both", got)
		}
		if obs.count("p/failing") != 1 {
			t.Errorf("given up: %v", obs.n)
		}
	})
}
