package bot

import (
	"hash/maphash"
	"sync"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Queues: each chat has its own queue of replies and pings, and while it
// has any, one worker goroutine that sends them. Queues live in shards of
// a map keyed by chat, so that chats starting and finishing at the same
// time seldom wait on one lock. Lock order: a shard's lock, then a
// queue's; a worker holds its queue's lock only to look at the queue,
// never while it sends or waits.
//
// Order. A chat's pace is shared by everyone in it, so its queue is not
// first come, first served: pings go first (a rest that is over cannot
// wait behind talk); then the lifters take turns, the one served longest
// ago first, each lifter's own replies in the order they came. So one
// lifter's flood, or the pieces of a long answer, delay another lifter by
// one message at most, not by the flood's length; and in a group, a
// lifter's replies take at most their share of the pace (pace.go).

// chatKey names a queue: a chat, or the chat whose pace it shares
// (QueueKeyer).
type chatKey struct{ platform, chat string }

// QueueKeyer is an optional ability of a Sender: the chat whose queue and
// pace a reply to chatID shares, when the platform counts several chats
// as one (a Telegram forum topic counts as its group). Replies to chats
// of one queue are never merged into one message.
type QueueKeyer interface {
	QueueKey(chatID string) string
}

// key is the queue of platform's chat.
func (o *outbox) key(platform, chat string) chatKey {
	if k, ok := o.senders[platform].(QueueKeyer); ok {
		return chatKey{platform, k.QueueKey(chat)}
	}
	return chatKey{platform, chat}
}

type outItem struct {
	reply Reply
	timer *record.TimerRef // set for a ping: the timer to mark sent
	at    time.Time        // when its message arrived, or when its rest ended
	// stored is the reply's id in the store's outbox, marked sent once
	// the platform took it; "" for what is not kept there (pings, whose
	// timers are, and the lines the outbox writes itself).
	stored string
	// parked is set on a message that failed and was set aside to be
	// tried again (retry.go): it is sent as it is, alone.
	parked *parked
}

// parked is a message set aside after a failed send: its retries so far,
// and what marks it sent, gathered when it was first taken (it may carry
// the merged lines of several replies and pings).
type parked struct {
	rt     retrying
	timers []record.TimerRef
	stored []string
	lifter string
}

// chatQueue is one chat's messages. Its fields are guarded by mu; the
// lock of the queue's shard is always taken before a queue's.
type chatQueue struct {
	mu      sync.Mutex
	group   bool
	items   []outItem
	running bool
	sent    []time.Time // recent send attempts, for pacing
	sentTo  []string    // whose share each of sent used, "" for none
	// limited is set while the chat's pace holds messages back: then the
	// queued replies of a group go out merged.
	limited bool
	// turns is when each lifter with replies was last served, in the
	// count of turn, so that lifters take turns; cleared when the queue
	// empties.
	turns map[string]uint64
	turn  uint64
	// picked is merge's scratch: the items a message takes, in order.
	picked []int
	// stored is take's scratch: the outbox ids of the replies taken.
	stored []string
	// wake interrupts the worker's wait for the pace or a lifter's share
	// when a message comes in: it may go before that.
	wake chan struct{}
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
		clear(q.turns)
		q.turn = 0
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

// enqueue queues items for their chats, in order, and starts the chats'
// workers. Items enqueued in one call that are pings for the same chat
// go out as one message.
func (o *outbox) enqueue(items ...outItem) {
	items = o.split(items)
	warmFrom, warm := o.warm()
	// A chat's worker starts at its last item in this call, so that it
	// finds all of them queued and merges the pings.
	var last map[chatKey]int
	if len(items) > 1 {
		last = make(map[chatKey]int, len(items))
		for i := range items {
			last[o.key(items[i].reply.Platform, items[i].reply.ChatID)] = i
		}
	}
	for i, it := range items {
		k := o.key(it.reply.Platform, it.reply.ChatID)
		sh := o.shard(k)
		sh.mu.Lock()
		q := sh.queues[k]
		if q == nil {
			if sh.ops++; sh.ops%256 == 0 {
				o.sweep(sh)
			}
			q = sh.newQueue()
			if warm {
				q.fillWindows(warmFrom, o.paces[k.platform])
			}
			sh.queues[k] = q
		}
		q.mu.Lock()
		q.group = q.group || it.reply.Group
		q.items = append(q.items, it)
		running := q.running
		start := !q.running && (last == nil || last[k] == i)
		q.running = q.running || start
		q.mu.Unlock()
		sh.mu.Unlock()
		if start {
			o.wg.Add(1)
			go o.work(k, q)
		} else if running {
			// The worker may be waiting for a lifter's share or for the
			// pace: this message may go before that.
			select {
			case q.wake <- struct{}{}:
			default:
			}
		}
	}
}

// split cuts the paced replies to a group too long for one message into
// pieces of one message each (pages.go), so that the pace counts every
// message the platform gets and others' messages go between them.
func (o *outbox) split(items []outItem) []outItem {
	long := func(it *outItem) bool {
		pace := o.paces[it.reply.Platform]
		return it.timer == nil && it.reply.Group && pace != nil && paced(&it.reply, pace) &&
			textCost(it.reply.Text) > messageBudget && o.measurer(it.reply.Platform).Messages(it.reply) > 1
	}
	i := 0
	for i < len(items) && !long(&items[i]) {
		i++
	}
	if i == len(items) {
		return items
	}
	out := append([]outItem(nil), items[:i]...)
	for _, it := range items[i:] {
		if !long(&it) {
			out = append(out, it)
			continue
		}
		ps := pieces(it.reply)
		for i, p := range ps {
			piece := outItem{reply: p, at: it.at}
			if i == len(ps)-1 {
				// Marked sent with its last piece.
				piece.stored = it.stored
			}
			out = append(out, piece)
		}
	}
	return out
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

// drop removes a queued, unsent ping (its rest was cut short). Timer IDs
// are unique, so the ID alone names the ping.
func (o *outbox) drop(platform, chat string, timer record.TimerRef) {
	k := o.key(platform, chat)
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
		if it.timer != nil && it.timer.ID == timer.ID {
			q.items = append(q.items[:i], q.items[i+1:]...)
			return
		}
	}
}

// backlog is the number of a lifter's answers waiting in a chat's queue
// for the pace (the flood note is no answer).
func (o *outbox) backlog(platform, chat, lifter string) int {
	k := o.key(platform, chat)
	sh := o.shard(k)
	sh.mu.Lock()
	q := sh.queues[k]
	sh.mu.Unlock()
	if q == nil {
		return 0
	}
	pace := o.paces[platform]
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for i := range q.items {
		if it := &q.items[i]; it.timer == nil && it.reply.To.ID == lifter && paced(&it.reply, pace) && it.reply.Text != floodNote {
			n++
		}
	}
	return n
}

// depth is the number of queued messages, those set aside after a
// failed send included.
func (o *outbox) depth() int {
	n := int(o.parkedN.Load())
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

// work is a chat's worker: it sends the chat's messages one at a time,
// waiting for the pace, until the queue is empty or the flush deadline
// passes: pings first, then the lifters' replies in turn (next). An
// answer the pace does not count goes ahead of held ones; a group chat
// its pace holds back gets its queued replies merged.
func (o *outbox) work(k chatKey, q *chatQueue) {
	defer o.wg.Done()
	pace := o.paces[k.platform]
	measure := o.measurer(k.platform)
	var refBuf [1]record.TimerRef
	for {
		q.mu.Lock()
		if len(q.items) == 0 || o.ctx.Err() != nil {
			q.mu.Unlock()
			if o.retire(k, q, pace) {
				return
			}
			continue
		}
		var reply Reply
		var refs []record.TimerRef
		var at time.Time
		var lifter string
		var again *parked
		q.stored = q.stored[:0]
		lead, wait := q.next(o.now(), pace)
		switch i := q.unpaced(pace); {
		case wait > 0 && i >= 0:
			// An answer the pace does not count goes ahead of the held ones.
			it := &q.items[i]
			reply, at, again = it.reply, it.at, it.parked
			if it.stored != "" {
				q.stored = append(q.stored, it.stored)
			}
			q.remove(i)
		case wait > 0:
			q.limited = true
			q.mu.Unlock()
			o.sleepOr(wait, q.wake)
			continue
		default:
			if it := &q.items[lead]; it.parked != nil {
				reply, at, again = it.reply, it.at, it.parked
				q.remove(lead)
				break
			}
			refs, at, lifter = q.take(lead, q.limited && q.group, &reply, refBuf[:0], measure)
		}
		p := again
		if p == nil {
			p = &parked{timers: refs, lifter: lifter}
			if len(q.stored) > 0 {
				p.stored = append([]string(nil), q.stored...)
			}
		}
		q.mu.Unlock()
		done := o.deliver(k, q, outItem{reply: reply, at: at, parked: p}, pace, measure)
		if done == outSent {
			if len(p.timers) > 0 {
				o.observer.PingOut(k.platform, o.now().Sub(at))
			} else {
				o.observer.ReplyOut(k.platform, o.now().Sub(at))
			}
		}
		if done == outSent || done == outGivenUp {
			// A ping given up is marked sent too: after a restart it
			// would fail again, and its rest is long over; so is a reply.
			o.ack(p.timers, p.stored)
		}
	}
}

// next picks the item the next message starts with: the first ping;
// else the first reply of the lifter served longest ago whose share of
// the pace has room (the first in the queue among equals). wait is how
// long the pace, or the share of every lifter waiting, holds it back.
// q.mu is held.
func (q *chatQueue) next(now time.Time, pace Pace) (lead int, wait time.Duration) {
	paceWait := q.wait(now, pace)
	holds := func(it *outItem) time.Duration {
		if !paced(&it.reply, pace) {
			return 0
		}
		return paceWait
	}
	if len(q.items) == 1 {
		it := &q.items[0]
		wait = holds(it)
		if it.timer == nil && wait == 0 && paced(&it.reply, pace) {
			wait = q.shareWait(now, pace, it.reply.To.ID)
		}
		return 0, wait
	}
	for i := range q.items {
		if q.items[i].timer != nil {
			return i, holds(&q.items[i])
		}
	}
	lead, held := -1, -1
	var leadTurn uint64
	var heldFor time.Duration
	var seen map[string]bool
	for i := range q.items {
		it := &q.items[i]
		id := it.reply.To.ID
		if seen[id] {
			continue
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[id] = true
		if paced(&it.reply, pace) {
			if w := q.shareWait(now, pace, id); w > 0 {
				if held < 0 || w < heldFor {
					held, heldFor = i, w
				}
				continue
			}
		}
		if t := q.turns[id]; lead < 0 || t < leadTurn {
			lead, leadTurn = i, t
		}
	}
	if lead < 0 {
		return held, max(paceWait, heldFor)
	}
	return lead, holds(&q.items[lead])
}

// served records that lifter's reply went out now, for the turns.
// q.mu is held.
func (q *chatQueue) served(lifter string) {
	if q.turns == nil {
		q.turns = map[string]uint64{}
	}
	q.turn++
	q.turns[lifter] = q.turn
}

// remove takes item i out of the queue, keeping the queue's order and
// capacity. q.mu is held.
func (q *chatQueue) remove(i int) {
	n := i + copy(q.items[i:], q.items[i+1:])
	q.items[n] = outItem{}
	q.items = q.items[:n]
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
	clear(q.turns)
	if q.wait(o.now(), pace); len(q.items) == 0 && len(q.sent) == 0 {
		sh.forget(k, q)
	}
	return true
}
