package bot

import (
	"hash/maphash"
	"sync"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Queues: each chat has its own queue of replies and pings, and while it
// has any, one worker goroutine that sends them in order. Queues live in
// shards of a map keyed by chat, so that chats starting and finishing at
// the same time seldom wait on one lock. Lock order: a shard's lock, then
// a queue's; a worker holds its queue's lock only to look at the queue,
// never while it sends or waits.

type chatKey struct{ platform, chat string }

type outItem struct {
	reply Reply
	timer *record.TimerRef // set for a ping: the timer to mark sent
	at    time.Time        // when its message arrived, or when its rest ended
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

// enqueue queues items for their chats, in order, and starts the chats'
// workers. Items enqueued in one call that are pings for the same chat
// go out as one message.
func (o *outbox) enqueue(items ...outItem) {
	warmFrom, warm := o.warm()
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
				q.fillWindows(warmFrom, o.paces[k.platform])
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
		if it.timer != nil && it.timer.ID == timer.ID {
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

// work is a chat's worker: it sends the chat's messages one at a time,
// waiting for the pace, until the queue is empty or the flush deadline
// passes. An answer the pace does not count goes ahead of held ones; a
// group chat its pace holds back gets its queued replies merged.
func (o *outbox) work(k chatKey, q *chatQueue) {
	defer o.wg.Done()
	pace := o.paces[k.platform]
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
		wait := time.Duration(0)
		if paced(&q.items[0].reply, pace) {
			wait = q.wait(o.now(), pace)
		}
		var reply Reply
		var refs []record.TimerRef
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
			refs, at = q.take(q.limited && q.group, &reply, refBuf[:0])
		}
		q.mu.Unlock()
		ok := o.deliver(k, q, &reply, pace)
		if ok {
			if len(refs) > 0 {
				o.observer.PingOut(k.platform, o.now().Sub(at))
			} else {
				o.observer.ReplyOut(k.platform, o.now().Sub(at))
			}
		}
		if ok && len(refs) > 0 {
			o.ack(refs)
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
