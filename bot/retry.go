package bot

import (
	"errors"
	"time"
)

// Retries: a Sender makes one attempt and says how it failed. A
// RetryAfterError is waited out for as long as the platform asked, an
// error wrapping ErrPermanent drops the message, and anything else is
// retried with back-off from backoffMin, doubling up to backoffMax. Every
// wait ends at the flush deadline; the message is then put back at the
// head of its queue (a ping's timer stays in the store, so it goes out
// after the next start). Only a chat's worker retries its messages, so a
// chat's order holds while others go on.

// RetryAfterError is an error from a Sender that says how long the
// platform asked to wait before trying again (an HTTP 429).
type RetryAfterError interface {
	error
	RetryAfter() time.Duration
}

// RateLimited is a send the platform refused for now (an HTTP 429): the
// outbox waits After and tries again. Adapters return it from Send.
type RateLimited struct {
	Msg   string
	After time.Duration
}

func (e *RateLimited) Error() string             { return e.Msg }
func (e *RateLimited) RetryAfter() time.Duration { return e.After }

var _ RetryAfterError = (*RateLimited)(nil)

// ErrPermanent marks a send that can never succeed (the chat is gone, the
// bot was blocked): wrap it and the outbox gives up on that message.
var ErrPermanent = errors.New("permanent send failure")

// Backoff bounds for transient send failures.
const (
	backoffMin = time.Second
	backoffMax = time.Minute
)

// deliver sends one message, retrying until it is accepted, refused for
// good, or the flush deadline passes. It reports whether the message is
// done with (sent or refused for good). It counts against the pace as
// many messages as the platform makes of it (m), for lifter's share ("" for
// none).
//
// Workers start on small stacks: the rare paths (no sender, failures)
// live in functions of their own so that a send that succeeds at once
// needs no stack growth.
func (o *outbox) deliver(k chatKey, q *chatQueue, r *Reply, pace Pace, lifter string, m Measurer) bool {
	s := o.senders[k.platform]
	if s == nil {
		o.noSender(k)
		return true
	}
	backoff := backoffMin
	counted := paced(r, pace)
	n := 1
	if counted && len(pace) > 0 {
		n = m.Messages(*r)
	}
	for {
		if counted {
			if wait := o.waitPace(q, pace); wait > 0 && !o.sleep(wait) {
				o.requeue(q, r)
				return false
			}
			q.mu.Lock()
			now := o.now()
			for range n {
				q.countSend(now, lifter)
			}
			q.mu.Unlock()
		}
		err := s.Send(o.ctx, *r)
		if err == nil {
			return true
		}
		wait, retry := o.failed(k, err, &backoff)
		if !retry {
			return true
		}
		if !o.sleep(wait) {
			o.requeue(q, r)
			return false
		}
	}
}

func (o *outbox) noSender(k chatKey) {
	o.log.Error("no sender for platform; message dropped", "platform", k.platform, "chat", k.chat)
}

// failed logs and counts a failed send and says how long to wait before
// the next try; retry is false when the platform refused it for good.
func (o *outbox) failed(k chatKey, err error, backoff *time.Duration) (wait time.Duration, retry bool) {
	if errors.Is(err, ErrPermanent) {
		o.log.Error("platform refused a message for good; dropped", "platform", k.platform, "chat", k.chat, "err", err)
		return 0, false
	}
	wait = *backoff
	var ra RetryAfterError
	if errors.As(err, &ra) {
		wait = max(ra.RetryAfter(), 0)
		o.observer.SendRetry(k.platform, true)
		o.log.Warn("rate limited; waiting", "platform", k.platform, "chat", k.chat, "retry_after", wait)
	} else {
		*backoff = min(2**backoff, backoffMax)
		o.observer.SendRetry(k.platform, false)
		o.log.Warn("send failed; retrying", "platform", k.platform, "chat", k.chat, "in", wait, "err", err)
	}
	return wait, true
}

// requeue keeps an undelivered message at the head of its queue (it is
// still there for the log at shutdown; pings stay in the store).
func (o *outbox) requeue(q *chatQueue, r *Reply) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append([]outItem{{reply: *r}}, q.items...)
}
