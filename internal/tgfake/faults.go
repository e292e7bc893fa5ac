package tgfake

import (
	"math/rand/v2"
	"slices"
	"time"
)

// DefaultSends are the methods Faults and Limits apply to by default: the
// ones that put a message in a chat.
var DefaultSends = []string{"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}

// Faults make a fraction of sends fail, for a while. Which calls fail is
// drawn from a PCG source seeded with Seed, so the same Seed and the same
// order of calls fail the same calls.
type Faults struct {
	// Rate429 is the fraction of sends answered 429 with
	// parameters.retry_after = RetryAfter seconds (0 is 1).
	Rate429    float64
	RetryAfter int
	// Rate5xx is the fraction of sends answered with Code5xx (0 is 502,
	// Bad Gateway) and not delivered.
	Rate5xx float64
	Code5xx int
	// Methods are the methods that fail; nil is DefaultSends.
	Methods []string
	// For is how long the faults last; 0 is until SetFaults again.
	For  time.Duration
	Seed uint64
}

// SetFaults starts injecting f (Faults{} ends it).
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.RetryAfter <= 0 {
		f.RetryAfter = 1
	}
	if f.Code5xx < 500 || f.Code5xx > 599 {
		f.Code5xx = 502
	}
	if f.Methods == nil {
		f.Methods = DefaultSends
	}
	s.faults = f
	s.faultsUntil = time.Time{}
	if f.For > 0 {
		s.faultsUntil = time.Now().Add(f.For)
	}
	s.rng = rand.New(rand.NewPCG(f.Seed, f.Seed^0x7e1e9a11))
}

// drawFaultLocked decides whether a call of method at now fails on
// purpose: "429" or "5xx" (SetFaults), "limit" (SetLimits with Enforce),
// with the retry_after of a 429.
func (s *Server) drawFaultLocked(method string, now time.Time) (string, int) {
	f := s.faults
	if (f.Rate429 > 0 || f.Rate5xx > 0) && (s.faultsUntil.IsZero() || now.Before(s.faultsUntil)) && slices.Contains(f.Methods, method) {
		switch x := s.rng.Float64(); {
		case x < f.Rate429:
			s.injected429++
			return "429", f.RetryAfter
		case x < f.Rate429+f.Rate5xx:
			s.injected5xx++
			return "5xx", 0
		}
	}
	return "", 0
}

func (s *Server) code5xx() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.Code5xx
}

// Window is a rate limit: at most N sends per Per in one chat (in groups
// only, with GroupOnly).
type Window struct {
	N         int
	Per       time.Duration
	GroupOnly bool
}

// Limits watch the pace of successful sends per chat.
type Limits struct {
	Windows []Window
	// Enforce answers a send beyond a window 429 with the retry_after
	// Telegram would give, instead of only counting a violation.
	Enforce bool
	// Methods are the methods that count; nil is DefaultSends.
	Methods []string
}

// TelegramLimits are Telegram's published approximations (about one
// message a second per chat, 20 a minute per group), each window shortened
// by slack to absorb the jitter between a paced sender and the server.
func TelegramLimits(slack time.Duration) Limits {
	return Limits{Windows: []Window{{N: 1, Per: time.Second - slack}, {N: 20, Per: time.Minute - slack, GroupOnly: true}}}
}

// Violation is a successful send beyond a window.
type Violation struct {
	Seq    int // the call
	Chat   int64
	At     time.Time
	Window Window
}

// SetLimits starts watching l (Limits{} ends it); it does not forget the
// sends and violations so far.
func (s *Server) SetLimits(l Limits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l.Methods == nil {
		l.Methods = DefaultSends
	}
	s.limits = l
}

// Violations are the sends so far beyond the limits' windows.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

func (s *Server) countsForLimits(method string) bool {
	return len(s.limits.Windows) > 0 && slices.Contains(s.limits.Methods, method)
}

func isGroupChat(chat int64) bool { return chat < 0 }

// overLocked is the first window a send to chat at now would exceed,
// and when that window frees up.
func (s *Server) overLocked(chat int64, now time.Time) (Window, time.Time, bool) {
	ts := s.sent[chat]
	for _, w := range s.limits.Windows {
		if w.N <= 0 || w.GroupOnly && !isGroupChat(chat) {
			continue
		}
		in := 0
		for i := len(ts) - 1; i >= 0 && now.Sub(ts[i]) < w.Per; i-- {
			if in++; in >= w.N {
				return w, ts[i].Add(w.Per), true
			}
		}
	}
	return Window{}, time.Time{}, false
}

// limitLocked is the retry_after (in whole seconds, at least 1) to answer
// a send of method to chat when Limits are enforced and it would exceed
// one; 0 lets it through.
func (s *Server) limitLocked(method string, chat int64, now time.Time) int {
	if !s.limits.Enforce || !s.countsForLimits(method) {
		return 0
	}
	_, free, over := s.overLocked(chat, now)
	if !over {
		return 0
	}
	return max(1, int((free.Sub(now)+time.Second-1)/time.Second))
}

// sentLocked counts a successful send for the limits.
func (s *Server) sentLocked(c Call) {
	chat := c.Chat()
	if w, _, over := s.overLocked(chat, c.At); over {
		s.violations = append(s.violations, Violation{Seq: c.Seq, Chat: chat, At: c.At, Window: w})
	}
	var longest time.Duration
	for _, w := range s.limits.Windows {
		longest = max(longest, w.Per)
	}
	ts := append(s.sent[chat], c.At)
	i := 0
	for i < len(ts) && c.At.Sub(ts[i]) >= longest {
		i++
	}
	s.sent[chat] = append(ts[:0], ts[i:]...)
}

// refusal is how every call of a method is answered while Refuse holds.
type refusal struct {
	code int
	desc string
}

// Refuse makes every call of method fail with error_code code and
// description desc, for ever, as Telegram refuses a request it will never
// take: Refuse("sendPhoto", 413, EntityTooLarge) for a picture too large,
// Refuse("setMessageReaction", 400, ReactionInvalid) for a chat without
// reactions. Code 0 ends it. The calls are recorded, failed with Fault
// "refused"; FailNext answers come first.
func (s *Server) Refuse(method string, code int, desc string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if code == 0 {
		delete(s.refusals, method)
		return
	}
	s.refusals[method] = refusal{code, desc}
}
