package bot

import (
	"context"
	"hash/maphash"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// The outbox sends the hub's replies and pings. Its parts, one file each:
//
//   - queue.go: one queue per chat, in shards, and the worker goroutine
//     that drains a chat's queue;
//   - pace.go: the pacing windows that decide when a chat may get its next
//     message;
//   - merge.go: pings due together, and the replies a busy group's pace
//     holds back, merged into one message with a line per lifter;
//   - retry.go: one delivery with its retries, after a platform's
//     retry-after or with back-off, until it is sent or refused for good;
//   - ack.go: delivered pings gathered and marked sent in batches;
//   - warmstart.go: a restarted bot keeping the pace its predecessor
//     may have used up.

// Measurer is an optional ability of a Sender: how many platform
// messages Send makes of a reply (a long text cut in pieces, a picture
// and its text). The outbox counts each against the chat's pace, merges
// a group's lines only into what goes as one message, and cuts a reply
// to a group that would be several into messages of one each. Messages
// is called from any goroutine. A Sender without it is measured by
// estimate.
type Measurer interface {
	Messages(r Reply) int
}

// estimate measures a reply for a Sender that cannot: one message per
// mergeLimit of text.
type estimate struct{}

func (estimate) Messages(r Reply) int {
	return max(1, (len(r.Text)+mergeLimit-1)/mergeLimit)
}

// measurer is the platform's Measurer: its Sender, or estimate.
func (o *outbox) measurer(platform string) Measurer {
	if m, ok := o.senders[platform].(Measurer); ok {
		return m
	}
	return estimate{}
}

// outbox sends replies: one queue per chat, paced to the platform's
// limits, pings falling due together merged into one message, retries
// after a retry-after or with back-off.
//
// Concurrency: enqueue, drop and depth may be called from any goroutine;
// each chat with queued messages has one worker goroutine, so a chat gets
// one message at a time and chats never wait for one another. A chat's
// queue is guarded by its own lock, taken after its shard's. senders,
// paces, delivered and observer are set before the first enqueue and only
// read afterwards. flush is called once, by the hub, when it stops.
type outbox struct {
	senders map[string]Sender
	paces   map[string]Pace
	now     func() time.Time
	log     *slog.Logger
	// delivered is called with a batch of what the platform accepted (or
	// what was given up): the timers whose pings it carried and the
	// outbox ids of the stored replies.
	delivered func(timers []record.TimerRef, stored []string)
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

	// Delivered pings and replies are marked sent in batches by one
	// goroutine, so that marking them never holds up a chat's next message.
	ackMu     sync.Mutex
	acks      []record.TimerRef
	ackStored []string
	// parkedN counts the messages set aside after a failed send (park).
	parkedN atomic.Int64
	ackWake chan struct{}
	ackStop chan struct{}
	ackDone chan struct{}

	seed maphash.Seed
}

func newOutbox(senders map[string]Sender, paces map[string]Pace, now func() time.Time, log *slog.Logger) *outbox {
	ctx, cancel := context.WithCancel(context.Background())
	o := &outbox{
		senders: senders, paces: paces, now: now, log: log,
		delivered: func([]record.TimerRef, []string) {},
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
