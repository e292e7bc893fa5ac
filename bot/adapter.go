package bot

import (
	"context"
	"errors"
)

// Sender delivers replies on one platform. The outbox calls Send for
// different chats concurrently, and for one chat one reply at a time.
// An error that implements RetryAfterError is retried after that wait;
// one wrapping ErrPermanent is given up; any other is retried with
// back-off.
type Sender interface {
	Send(ctx context.Context, r Reply) error
}

// Adapter is a chat platform as the hub needs it: every adapter (the
// console, Telegram, Discord) has one lifecycle, run by Serve. Abilities
// only some adapters have are separate small interfaces, declared where
// they are used and found by type assertion.
type Adapter interface {
	// Sender delivers the hub's replies; the outbox may call it before
	// Run starts and after it returns, until the hub has flushed.
	Sender
	// Platform is the name in the Messages the adapter hands over and in
	// the Replies it is sent.
	Platform() string
	// Pace is the platform's sending pace per chat; nil is no limit.
	Pace() Pace
	// Run hands the platform's messages to the hub until ctx is done,
	// and then returns nil. It returns earlier when the adapter can go
	// on no longer: an error when it failed, nil when its input ended
	// (the console at the end of its input).
	Run(ctx context.Context) error
}

// Serve registers the adapters, then runs the hub and every adapter
// until ctx is done or one of them returns. Then it stops them all:
// first the adapters, waiting for each Run to return, then the hub,
// which flushes its outbox for at most FlushTimeout through the
// adapters' senders. A hub that fails to start stops the adapters too.
//
// It returns the first adapter's error, else the hub's; an adapter that
// stopped because the hub had stopped (ErrStopped) or because ctx ended
// is no error. Serve calls Run: call one or the other, once.
func (h *Hub) Serve(ctx context.Context, adapters ...Adapter) error {
	for _, a := range adapters {
		h.Register(a.Platform(), a, a.Pace())
	}
	// The hub outlives the adapters, so that their last messages are
	// processed and its replies still have a sender while it flushes.
	hubCtx, stopHub := context.WithCancel(ctx)
	defer stopHub()
	hubDone := make(chan error, 1)
	go func() { hubDone <- h.Run(hubCtx) }()

	runCtx, stopAdapters := context.WithCancel(ctx)
	defer stopAdapters()
	type result struct {
		a   Adapter
		err error
	}
	done := make(chan result, len(adapters))
	for _, a := range adapters {
		go func() { done <- result{a, a.Run(runCtx)} }()
	}
	var first, hubErr error
	hubStopped := false
	for left := len(adapters); left > 0; {
		select {
		case r := <-done:
			left--
			if r.err != nil && first == nil && runCtx.Err() == nil && !quiet(r.err) {
				first = r.err
				h.log.Error("a platform stopped; shutting down", "platform", r.a.Platform(), "err", r.err)
			}
			stopAdapters()
		case hubErr = <-hubDone:
			// The hub could not start: the adapters have nowhere to hand
			// messages to.
			hubStopped = true
			hubDone = nil
			stopAdapters()
		}
	}
	stopHub()
	if !hubStopped {
		hubErr = <-hubDone
	}
	if first != nil {
		return first
	}
	if quiet(hubErr) {
		return nil
	}
	return hubErr
}

// quiet reports whether err only says that something stopped because
// something else did.
func quiet(err error) bool {
	return err == nil || errors.Is(err, ErrStopped) || errors.Is(err, context.Canceled)
}
