package bot

import (
	"errors"
	"strings"
	"time"
)

// Retries: a Sender makes one attempt and says how it failed. A
// RetryAfterError is waited out for as long as the platform asked, an
// error wrapping ErrPermanent gives the message up at once, and anything
// else is tried again with back-off from backoffMin, doubling. Retries are bounded: after sendTries tries, or once the
// platform's retry-afters for one message add up to more than
// rateLimitBudget, the message is given up too, so that a reply that can
// never go (a lasting 5xx, a picture too large) holds the chat's later
// messages for about a minute at most, never for ever. A message given
// up is logged and counted (Observer.GivenUp); a reply's lifter gets one
// short line saying so (givenUpNote), except when the platform forbids
// the bot the chat, and that line is never followed by another. A ping
// given up is marked sent like a delivered one: sending it again after
// every restart would fail the same way. Every wait ends at the flush
// deadline; the message is then put back at the head of its queue (a
// ping's timer stays in the store, so it goes out after the next start).
// Only a chat's worker retries its messages, so a chat's order holds
// while others go on.

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
// bot was blocked, the message is refused as it is): wrap it and the
// outbox gives up on that message.
var ErrPermanent = errors.New("permanent send failure")

// Forbidden is an optional ability of a send error: it reports that the
// platform forbids the bot to post in the chat at all (an HTTP 403), so
// that no line about the lost message is tried there.
type Forbidden interface {
	Forbidden() bool
}

// Retry bounds for failed sends. With sendTries 7 the waits between
// tries are 1, 2, 4, 8, 16 and 32 s: a message that keeps failing is
// given up after about a minute.
const (
	backoffMin = time.Second
	backoffMax = time.Minute
	sendTries  = 7
	// rateLimitBudget bounds the retry-afters waited out for one message;
	// they do not count as tries, since the platform said when to come back.
	rateLimitBudget = 5 * time.Minute
)

// Reasons a message is given up, as logged and counted.
const (
	reasonRefused     = "refused"      // the platform refused it for good (400, 403, 404...)
	reasonFailing     = "failing"      // transient failures, sendTries times
	reasonRateLimited = "rate_limited" // retry-afters beyond rateLimitBudget
	reasonNoSender    = "no_sender"    // no adapter for its platform
)

// givenUpNote is the line a lifter gets when their reply was given up.
const givenUpNote = "I could not send my last answer here (the platform refused it); ask again if you still need it."

// outcome is what became of one delivery.
type outcome int

const (
	outSent     outcome = iota // the platform took it
	outGivenUp                 // refused for good or failing for too long
	outDeferred                // the flush deadline passed: put back in its queue
	outParked                  // failed: set aside to be tried again later
)

// deliver sends one message (it.parked holds its retries so far and what
// marks it sent), waiting out the platform's retry-afters, until it is
// accepted or given up, or the flush deadline passes. Any other failure
// parks it: it is tried again after its back-off while the chat's later
// messages go on, so that a message that keeps failing never holds them
// up. It counts against the pace as many messages as the platform makes
// of it, for the share of the lifter it.parked names ("" for none).
//
// Workers start on small stacks: the rare paths (no sender, failures)
// live in functions of their own so that a send that succeeds at once
// needs no stack growth.
func (o *outbox) deliver(k chatKey, q *chatQueue, it outItem, pace Pace, m Measurer) outcome {
	s := o.senders[k.platform]
	if s == nil {
		o.noSender(k)
		return outGivenUp
	}
	r, p := &it.reply, it.parked
	counted := paced(r, pace)
	n := 1
	if counted && len(pace) > 0 {
		n = m.Messages(*r)
	}
	for {
		if counted {
			if wait := o.waitPace(q, pace); wait > 0 && !o.sleep(wait) {
				o.requeue(q, it)
				return outDeferred
			}
			q.mu.Lock()
			now := o.now()
			for range n {
				q.countSend(now, p.lifter)
			}
			q.mu.Unlock()
		}
		err := s.Send(o.ctx, *r)
		if err == nil {
			return outSent
		}
		wait, retry := o.failed(k, r, err, &p.rt)
		if !retry {
			return outGivenUp
		}
		var ra RetryAfterError
		if !errors.As(err, &ra) {
			o.park(k, it, wait)
			return outParked
		}
		// A retry-after holds the whole chat (or the bot): nothing else
		// of this chat would go meanwhile either.
		if !o.sleep(wait) {
			o.requeue(q, it)
			return outDeferred
		}
	}
}

// park sets a failed message aside for wait, then queues it again.
// While it waits it is in no queue: the flush counts it with the
// messages left (parkedN), and a reply's stored copy is sent after the
// next start.
func (o *outbox) park(k chatKey, it outItem, wait time.Duration) {
	o.parkedN.Add(1)
	o.wg.Add(1)
	go func() {
		defer o.wg.Done()
		defer o.parkedN.Add(-1)
		if o.sleep(wait) {
			o.enqueue(it)
		}
	}()
}

// retrying is one message's retries so far.
type retrying struct {
	tries   int           // failed tries that were not rate limited
	limited time.Duration // retry-afters waited out
}

func (o *outbox) noSender(k chatKey) {
	o.log.Error("no sender for platform; message given up", "platform", k.platform, "chat", k.chat)
	o.observer.GivenUp(k.platform, reasonNoSender)
}

// failed logs and counts a failed send and says how long to wait before
// the next try; retry is false when the message is given up.
func (o *outbox) failed(k chatKey, r *Reply, err error, rt *retrying) (wait time.Duration, retry bool) {
	if errors.Is(err, ErrPermanent) {
		o.giveUp(k, r, err, reasonRefused)
		return 0, false
	}
	var ra RetryAfterError
	if errors.As(err, &ra) {
		wait = max(ra.RetryAfter(), 0)
		if rt.limited += wait; rt.limited > rateLimitBudget {
			o.giveUp(k, r, err, reasonRateLimited)
			return 0, false
		}
		o.observer.SendRetry(k.platform, true)
		o.log.Warn("rate limited; waiting", "platform", k.platform, "chat", k.chat, "retry_after", wait)
		return wait, true
	}
	rt.tries++
	if rt.tries >= sendTries || isNote(r) {
		// The line about a lost reply gets one try: its own loss is
		// only logged.
		o.giveUp(k, r, err, reasonFailing)
		return 0, false
	}
	wait = min(backoffMin<<(rt.tries-1), backoffMax)
	o.observer.SendRetry(k.platform, false)
	o.log.Warn("send failed; retrying", "platform", k.platform, "chat", k.chat, "in", wait, "try", rt.tries, "err", err)
	return wait, true
}

// giveUp logs and counts a message given up, and tells a reply's lifter
// in one short line where the platform may take it: not for a ping (its
// moment is gone), not for that line itself, not where the bot is
// forbidden to post.
func (o *outbox) giveUp(k chatKey, r *Reply, err error, reason string) {
	o.log.Error("message given up", "platform", k.platform, "chat", k.chat, "reason", reason, "err", err)
	o.observer.GivenUp(k.platform, reason)
	if len(r.Pings) > 0 || isNote(r) || forbidden(err) || r.To.ID == "" {
		return
	}
	o.enqueue(outItem{reply: Reply{
		Platform: r.Platform, ChatID: r.ChatID, To: r.To, Text: givenUpNote,
		Private: r.Private, Group: r.Group, InReplyTo: r.InReplyTo,
	}, at: o.now()})
}

// isNote reports a message that is, or holds, the line about a lost
// reply (a busy group may merge it with others).
func isNote(r *Reply) bool { return strings.Contains(r.Text, givenUpNote) }

// forbidden reports a refusal because the bot may not post in the chat
// at all: the adapter says so (Forbidden), or the error reads as an HTTP
// 403 ("Forbidden: bot was blocked by the user", "HTTP 403 Forbidden").
func forbidden(err error) bool {
	var f Forbidden
	if errors.As(err, &f) {
		return f.Forbidden()
	}
	return strings.Contains(strings.ToLower(err.Error()), "forbidden")
}

// requeue keeps an undelivered message at the head of its queue (it is
// still there for the log at shutdown; pings stay in the store, and so
// do stored replies).
func (o *outbox) requeue(q *chatQueue, it outItem) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append([]outItem{it}, q.items...)
}
