package bot

import (
	"context"
	"errors"
	"hash/maphash"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Window is one rate limit: at most N messages in any span of Per.
type Window struct {
	N   int
	Per time.Duration
	// GroupOnly applies the window to group chats only.
	GroupOnly bool
	// SkipInteractions leaves out replies that answer an interaction (a
	// Discord slash command or button): the platform counts those apart
	// from channel messages.
	SkipInteractions bool
}

// Pace is a platform's sending limits, per chat.
type Pace []Window

// Default paces, from the platforms' published or observed limits.
var (
	// TelegramPace: about 1 message a second per chat, 20 a minute per
	// group, spread as one every 3 s (a sliding 20-per-minute window would
	// spend a busy group's budget in 20 s and then hold everything for 40).
	TelegramPace = Pace{{N: 1, Per: time.Second}, {N: 1, Per: 3 * time.Second, GroupOnly: true}}
	// DiscordPace: about 5 channel messages per 5 seconds per channel;
	// answers to interactions are not channel messages.
	DiscordPace = Pace{{N: 5, Per: 5 * time.Second, SkipInteractions: true}}
)

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

// ackEvery is how long delivered pings gather before they are marked
// sent in one write. A crash in that span sends those pings once more
// after the restart. Measured with 100k pings a second (BenchmarkTimers):
// marking each batch at once keeps a core busy with small writes and disk
// syncs; 50 ms makes writes of thousands of keys that hold up pings for
// milliseconds; 5 to 10 ms is the least lateness.
const ackEvery = 5 * time.Millisecond

// Backoff bounds for transient send failures.
const (
	backoffMin = time.Second
	backoffMax = time.Minute
)

type chatKey struct{ platform, chat string }

type outItem struct {
	reply    Reply
	timerKey []byte    // set for a ping: the timer to mark sent
	at       time.Time // when its message arrived, or when its rest ended
}

// chatQueue is one chat's messages. Its fields are guarded by mu; the
// lock of the queue's shard is always taken before a queue's.
type chatQueue struct {
	mu      sync.Mutex
	group   bool
	items   []outItem
	running bool
	sent    []time.Time // recent send attempts, for pacing
	// limited is set while the chat's pace holds messages back: then the
	// queued replies of a group go out merged.
	limited bool
	// wake interrupts the worker's wait for the pace when a message the
	// pace does not count comes in.
	wake chan struct{}
}

// outbox sends replies: one queue per chat, paced to the platform's
// limits, pings falling due together merged into one message, retries
// after a retry-after or with back-off. Enqueue may be called from any
// goroutine; each chat with queued messages has one worker goroutine.
type outbox struct {
	senders map[string]Sender
	paces   map[string]Pace
	now     func() time.Time
	log     *slog.Logger
	// delivered is called after a batch was accepted by the platform,
	// with the keys of the timers whose pings it carried.
	delivered func(keys [][]byte)
	observer  Observer

	ctx    context.Context // cancelled when the flush deadline passes
	cancel context.CancelFunc

	// The chats' queues, in shards by chat so that chats starting and
	// finishing at the same time seldom wait for one another.
	shards [queueShards]queueShard
	// warmUntil: a restarted bot does not know what the process before it
	// sent, so until then every chat starts with its pace windows full.
	warmMu              sync.Mutex
	warmFrom, warmUntil time.Time
	wg                  sync.WaitGroup

	// Delivered pings are marked sent in batches by one goroutine, so that
	// marking them never holds up a chat's next message.
	ackMu   sync.Mutex
	acks    [][]byte
	ackWake chan struct{}
	ackStop chan struct{}
	ackDone chan struct{}

	seed maphash.Seed
}

const queueShards = 64

type queueShard struct {
	mu     sync.Mutex // guards queues, ops and spare
	queues map[chatKey]*chatQueue
	ops    int // queues made, for the occasional sweep of idle ones
	// spare are finished queues kept for new chats: a burst of pings to
	// many chats then makes little garbage.
	spare []*chatQueue
}

// newQueue is an empty queue, a spare one if there is. sh.mu is held.
func (sh *queueShard) newQueue() *chatQueue {
	if n := len(sh.spare); n > 0 {
		q := sh.spare[n-1]
		sh.spare[n-1] = nil
		sh.spare = sh.spare[:n-1]
		return q
	}
	return &chatQueue{wake: make(chan struct{}, 1)}
}

// forget removes a finished queue and keeps it as a spare. sh.mu and
// q.mu are held; nothing else refers to q once it is out of the map.
func (sh *queueShard) forget(k chatKey, q *chatQueue) {
	delete(sh.queues, k)
	if len(sh.spare) < 16 && len(q.sent) == 0 {
		clear(q.items[:cap(q.items)])
		q.items = q.items[:0]
		q.group, q.running, q.limited = false, false, false
		select {
		case <-q.wake:
		default:
		}
		sh.spare = append(sh.spare, q)
	}
}

func (o *outbox) shard(k chatKey) *queueShard {
	h := maphash.Comparable(o.seed, k)
	return &o.shards[h%queueShards]
}

func newOutbox(senders map[string]Sender, paces map[string]Pace, now func() time.Time, log *slog.Logger) *outbox {
	ctx, cancel := context.WithCancel(context.Background())
	o := &outbox{
		senders: senders, paces: paces, now: now, log: log,
		delivered: func([][]byte) {},
		observer:  nopObserver{},
		ctx:       ctx, cancel: cancel,
		seed:    maphash.MakeSeed(),
		ackWake: make(chan struct{}, 1),
		ackStop: make(chan struct{}),
		ackDone: make(chan struct{}),
	}
	for i := range o.shards {
		o.shards[i].queues = map[chatKey]*chatQueue{}
	}
	go o.acknowledge()
	return o
}

// ack queues the timer keys of delivered pings to be marked sent.
func (o *outbox) ack(keys [][]byte) {
	o.ackMu.Lock()
	o.acks = append(o.acks, keys...)
	o.ackMu.Unlock()
	select {
	case o.ackWake <- struct{}{}:
	default:
	}
}

// acknowledge marks delivered pings sent, as many at a time as have
// gathered, until flush stops it; then it marks the last ones.
func (o *outbox) acknowledge() {
	defer close(o.ackDone)
	var pause *time.Timer
	for {
		stopping := false
		select {
		case <-o.ackWake:
			// Let a burst's acknowledgements gather: one write for many
			// pings instead of a write, and a disk sync, for every few.
			if pause == nil {
				pause = time.NewTimer(ackEvery)
			} else {
				pause.Reset(ackEvery)
			}
			select {
			case <-pause.C:
			case <-o.ackStop:
				stopping = true
			}
		case <-o.ackStop:
			stopping = true
		}
		o.ackMu.Lock()
		keys := o.acks
		o.acks = nil
		o.ackMu.Unlock()
		if len(keys) > 0 {
			o.delivered(keys)
		}
		if stopping {
			return
		}
	}
}

// enqueue queues items for their chats, in order, and starts the chats'
// workers. Items enqueued in one call that are pings for the same chat
// go out as one message.
func (o *outbox) enqueue(items ...outItem) {
	o.warmMu.Lock()
	warmFrom, warm := o.warmFrom, o.now().Before(o.warmUntil)
	o.warmMu.Unlock()
	// A chat's worker starts at its last item in this call, so that it
	// finds all of them queued and merges the pings.
	var last map[chatKey]int
	if len(items) > 1 {
		last = make(map[chatKey]int, len(items))
		for i := range items {
			last[chatKey{items[i].reply.Platform, items[i].reply.ChatID}] = i
		}
	}
	for i, it := range items {
		k := chatKey{it.reply.Platform, it.reply.ChatID}
		sh := o.shard(k)
		sh.mu.Lock()
		q := sh.queues[k]
		if q == nil {
			if sh.ops++; sh.ops%256 == 0 {
				o.sweep(sh)
			}
			q = sh.newQueue()
			if warm {
				for range maxN(o.paces[k.platform]) {
					q.sent = append(q.sent, warmFrom)
				}
			}
			sh.queues[k] = q
		}
		q.mu.Lock()
		q.group = q.group || it.reply.Group
		q.items = append(q.items, it)
		start := !q.running && (last == nil || last[k] == i)
		q.running = q.running || start
		q.mu.Unlock()
		sh.mu.Unlock()
		if start {
			o.wg.Add(1)
			go o.work(k, q)
		} else if !paced(&it.reply, o.paces[k.platform]) {
			select {
			case q.wake <- struct{}{}:
			default:
			}
		}
	}
}

// restarted tells the outbox that a bot ran before it on this data: for
// the longest pace window from now, a chat's first messages wait as if
// its windows were full.
func (o *outbox) restarted() {
	var longest time.Duration
	for _, p := range o.paces {
		for _, w := range p {
			longest = max(longest, w.Per)
		}
	}
	o.warmMu.Lock()
	o.warmFrom = o.now()
	o.warmUntil = o.warmFrom.Add(longest)
	o.warmMu.Unlock()
}

func maxN(p Pace) int {
	n := 0
	for _, w := range p {
		n = max(n, w.N)
	}
	return n
}

// sweep forgets a shard's idle queues whose send history has aged out.
// sh.mu is held.
func (o *outbox) sweep(sh *queueShard) {
	now := o.now()
	for k, q := range sh.queues {
		q.mu.Lock()
		if !q.running && len(q.items) == 0 {
			if q.wait(now, o.paces[k.platform]); len(q.sent) == 0 {
				sh.forget(k, q)
			}
		}
		q.mu.Unlock()
	}
}

// drop removes a queued, unsent ping (its rest was cut short).
func (o *outbox) drop(platform, chat string, timerKey []byte) {
	k := chatKey{platform, chat}
	sh := o.shard(k)
	sh.mu.Lock()
	q := sh.queues[k]
	sh.mu.Unlock()
	if q == nil {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, it := range q.items {
		if it.timerKey != nil && string(it.timerKey) == string(timerKey) {
			q.items = append(q.items[:i], q.items[i+1:]...)
			return
		}
	}
}

// depth is the number of queued messages.
func (o *outbox) depth() int {
	n := 0
	for i := range o.shards {
		sh := &o.shards[i]
		sh.mu.Lock()
		for _, q := range sh.queues {
			q.mu.Lock()
			n += len(q.items)
			q.mu.Unlock()
		}
		sh.mu.Unlock()
	}
	return n
}

func (o *outbox) work(k chatKey, q *chatQueue) {
	defer o.wg.Done()
	pace := o.paces[k.platform]
	var keyBuf [1][]byte
	for {
		q.mu.Lock()
		if len(q.items) == 0 || o.ctx.Err() != nil {
			q.mu.Unlock()
			if o.retire(k, q, pace) {
				return
			}
			continue
		}
		wait := time.Duration(0)
		if paced(&q.items[0].reply, pace) {
			wait = q.wait(o.now(), pace)
		}
		var reply Reply
		var keys [][]byte
		var at time.Time
		switch i := q.unpaced(pace); {
		case wait > 0 && i > 0:
			// An answer the pace does not count goes ahead of the held ones.
			reply, at = q.items[i].reply, q.items[i].at
			q.items = append(q.items[:i], q.items[i+1:]...)
		case wait > 0:
			q.limited = true
			q.mu.Unlock()
			o.sleepOr(wait, q.wake)
			continue
		default:
			keys, at = q.take(q.limited && q.group, &reply, keyBuf[:0])
		}
		q.mu.Unlock()
		ok := o.deliver(k, q, &reply, pace)
		if ok {
			if len(keys) > 0 {
				o.observer.PingOut(k.platform, o.now().Sub(at))
			} else {
				o.observer.ReplyOut(k.platform, o.now().Sub(at))
			}
		}
		if ok && len(keys) > 0 {
			o.ack(keys)
		}
	}
}

// retire ends a chat's worker when its queue is empty (or the flush
// deadline passed). The queue keeps its send history for pacing until that
// is older than the longest window. It reports false when a message came
// in meanwhile and the worker must go on.
func (o *outbox) retire(k chatKey, q *chatQueue, pace Pace) bool {
	sh := o.shard(k)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) > 0 && o.ctx.Err() == nil {
		return false
	}
	q.running = false
	q.limited = false
	if q.wait(o.now(), pace); len(q.items) == 0 && len(q.sent) == 0 {
		sh.forget(k, q)
	}
	return true
}

// deliver sends one message, retrying until it is accepted, refused for
// good, or the flush deadline passes. It reports whether the message is
// done with (sent or refused for good).
//
// Workers start on small stacks: the rare paths (no sender, failures)
// live in functions of their own so that a send that succeeds at once
// needs no stack growth.
func (o *outbox) deliver(k chatKey, q *chatQueue, r *Reply, pace Pace) bool {
	s := o.senders[k.platform]
	if s == nil {
		o.noSender(k)
		return true
	}
	backoff := backoffMin
	counted := paced(r, pace)
	for {
		if counted {
			if wait := o.waitPace(q, pace); wait > 0 && !o.sleep(wait) {
				o.requeue(q, r)
				return false
			}
			q.mu.Lock()
			q.sent = append(q.sent, o.now())
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

func (o *outbox) waitPace(q *chatQueue, pace Pace) time.Duration {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wait(o.now(), pace)
}

// unpaced is the index of the first queued reply the pace does not
// count, or -1.
func (q *chatQueue) unpaced(pace Pace) int {
	for i := range q.items {
		if it := &q.items[i]; it.timerKey == nil && !paced(&it.reply, pace) {
			return i
		}
	}
	return -1
}

// paced reports whether a reply counts against the chat's pace: not an
// answer to an interaction where the platform counts those apart.
func paced(r *Reply, pace Pace) bool {
	if !r.Interaction {
		return true
	}
	for _, w := range pace {
		if !w.SkipInteractions {
			return true
		}
	}
	return false
}

// wait is how long until the pace allows one more message.
func (q *chatQueue) wait(now time.Time, pace Pace) time.Duration {
	var wait, keep time.Duration
	for _, w := range pace {
		keep = max(keep, w.Per)
		if w.GroupOnly && !q.group || w.N <= 0 {
			continue
		}
		n := 0
		var oldest time.Time
		for i := len(q.sent) - 1; i >= 0; i-- {
			if now.Sub(q.sent[i]) >= w.Per {
				break
			}
			n++
			oldest = q.sent[i]
		}
		if n >= w.N {
			wait = max(wait, oldest.Add(w.Per).Sub(now))
		}
	}
	// Forget sends older than the longest window.
	i := 0
	for i < len(q.sent) && now.Sub(q.sent[i]) >= keep {
		i++
	}
	q.sent = q.sent[i:]
	return wait
}

// mergeLimit bounds the text of one merged message (Telegram's limit is
// 4096 characters, Discord's 2000 per piece: adapters split the rest).
const mergeLimit = 3500

// mergeable reports whether a reply may share a message with others: not
// when it is private, carries a file, or answers an interaction (it must
// reach that interaction).
func mergeable(it *outItem) bool {
	r := &it.reply
	return it.timerKey != nil || !r.Private && !r.Interaction && r.Image == nil && r.File == nil
}

// take removes the next message from the queue into out: a reply as it
// is, or every queued ping merged into one message. With merge (a group
// chat its pace holds back), queued replies join the pings: one message
// with a line for each lifter, mentioning them, and the buttons of all
// (session buttons act on the presser's own session, so they serve
// everyone). keys gets the keys of the timers whose pings it carries.
func (q *chatQueue) take(merge bool, out *Reply, keys [][]byte) ([][]byte, time.Time) {
	first := &q.items[0]
	at := first.at
	if !q.joinable(first, merge) || q.countJoinable(merge) < 2 {
		// Nothing to merge: the reply or the lone ping as it is.
		*out = first.reply
		if first.timerKey != nil {
			keys = append(keys, first.timerKey)
		}
		// Shift rather than reslice, so the queue keeps its capacity.
		n := copy(q.items, q.items[1:])
		q.items[n] = outItem{}
		q.items = q.items[:n]
		return keys, at
	}
	return q.merge(merge, out, keys), at
}

func (q *chatQueue) joinable(it *outItem, merge bool) bool {
	return it.timerKey != nil || merge && mergeable(it)
}

func (q *chatQueue) countJoinable(merge bool) int {
	n := 0
	for i := range q.items {
		if q.joinable(&q.items[i], merge) {
			n++
		}
	}
	return n
}

// merge takes every joinable item into one message, up to mergeLimit.
func (q *chatQueue) merge(merge bool, out *Reply, keys [][]byte) [][]byte {
	first := &q.items[0].reply
	merged := Reply{Platform: first.Platform, ChatID: first.ChatID, Group: first.Group}
	var seen map[string]bool
	size := 0
	rest := q.items[:0]
	for i := range q.items {
		it := q.items[i]
		if !q.joinable(&it, merge) || i > 0 && size+len(it.reply.Text) > mergeLimit {
			rest = append(rest, it)
			continue
		}
		size += len(it.reply.Text)
		if it.timerKey != nil {
			merged.Pings = append(merged.Pings, it.reply.Pings...)
			keys = append(keys, it.timerKey)
		} else {
			merged.Pings = append(merged.Pings, Ping{To: it.reply.To, Text: it.reply.Text})
			merged.Error = merged.Error || it.reply.Error
		}
		for _, row := range it.reply.Buttons {
			var kept []Button
			for _, b := range row {
				if seen == nil {
					seen = map[string]bool{}
				}
				if !seen[b.Data] {
					seen[b.Data] = true
					kept = append(kept, b)
				}
			}
			if len(kept) > 0 {
				merged.Buttons = append(merged.Buttons, kept)
			}
		}
	}
	clear(q.items[len(rest):])
	q.items = rest
	lines := make([]string, len(merged.Pings))
	for i, p := range merged.Pings {
		lines[i] = p.To.Name + ": " + p.Text
	}
	merged.Text = strings.Join(lines, "\n")
	if len(merged.Pings) == 1 {
		merged.To = merged.Pings[0].To
	}
	*out = merged
	return keys
}

// sleep waits d, or until the flush deadline; it reports whether the
// full time passed.
func (o *outbox) sleep(d time.Duration) bool {
	if d <= 0 {
		return o.ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-o.ctx.Done():
		return false
	}
}

// sleepOr is sleep that also ends when wake is signalled.
func (o *outbox) sleepOr(d time.Duration, wake <-chan struct{}) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-wake:
	case <-o.ctx.Done():
	}
}

// flush waits for every queue to drain, at most until deadline passes;
// then it stops the workers. It returns the number of messages left unsent.
func (o *outbox) flush(deadline time.Duration) int {
	done := make(chan struct{})
	go func() { o.wg.Wait(); close(done) }()
	t := time.NewTimer(deadline)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		o.cancel()
		<-done
	}
	o.cancel()
	close(o.ackStop)
	<-o.ackDone
	return o.depth()
}
