package bot

import (
	"github.com/spotter-coach/spotter/record"
	"sync/atomic"
	"time"
)

// Observer is told what the hub does, for metrics. Its methods are called
// from the hub's and the outbox's goroutines and must be safe for
// concurrent use.
type Observer interface {
	// MessageIn counts a message taken from an adapter.
	MessageIn(platform string)
	// ReplyOut counts a reply the platform accepted, latency after its message arrived.
	ReplyOut(platform string, latency time.Duration)
	// PingOut counts a ping the platform accepted, lateness after its rest ended.
	PingOut(platform string, lateness time.Duration)
	// SendRetry counts a send that will be tried again; rateLimited for a 429.
	SendRetry(platform string, rateLimited bool)
	// GivenUp counts a reply or ping the outbox gave up on, by reason:
	// "refused" (the platform refused it for good), "failing" (it kept
	// failing), "rate_limited" (the platform kept asking to wait),
	// "no_sender".
	GivenUp(platform, reason string)
}

type nopObserver struct{}

func (nopObserver) MessageIn(string)                   {}
func (nopObserver) ReplyOut(string, time.Duration)     {}
func (nopObserver) PingOut(string, time.Duration)      {}
func (nopObserver) SendRetry(platform string, rl bool) {}
func (nopObserver) GivenUp(platform, reason string)    {}

// gauges are the hub's state sizes, updated by its goroutine and read
// from any.
type gauges struct {
	sessions atomic.Int64
	timers   atomic.Int64
}

// ActiveSessions is the number of guided sessions running. Safe for concurrent use.
func (h *Hub) ActiveSessions() int { return int(h.gauges.sessions.Load()) }

// PendingTimers is the number of rest timers waiting to fire. Safe for concurrent use.
func (h *Hub) PendingTimers() int { return int(h.gauges.timers.Load()) }

// OutboxDepth is the number of replies waiting to be sent. Safe for concurrent use.
func (h *Hub) OutboxDepth() int {
	if o := h.outbox.Load(); o != nil {
		return o.depth()
	}
	return 0
}

// updateGauges publishes the hub's state sizes; called by Run's goroutine.
func (h *Hub) updateGauges() {
	h.gauges.sessions.Store(int64(h.active))
	h.gauges.timers.Store(int64(h.sched.len()))
}

// putSession stores a lifter's session record, keeping the count of
// running sessions. Records are replaced, never changed in place.
func (h *Hub) putSession(l record.Lifter, r *record.Session) {
	h.dropSession(l)
	h.sessions[l] = r
	if r.Active != nil {
		h.active++
	}
}

// dropSession removes a lifter's session record.
func (h *Hub) dropSession(l record.Lifter) {
	if old, ok := h.sessions[l]; ok {
		if old.Active != nil {
			h.active--
		}
		delete(h.sessions, l)
	}
}
