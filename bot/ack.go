package bot

import (
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Acknowledgement: a ping's timer, and a stored reply (keep.go), stay in
// the store until the platform accepted them, so a crash before that
// sends them again after the restart. Workers hand what they delivered
// to ack, from any goroutine; one goroutine, acknowledge, marks it sent
// in batches so that the store's writes never hold up a chat's next
// message. flush stops it after the last batch.

// ackEvery is how long delivered pings gather before they are marked
// sent in one write. A crash in that span sends those pings once more
// after the restart. Measured with 100k pings a second (BenchmarkTimers):
// marking each batch at once keeps a core busy with small writes and disk
// syncs; 50 ms makes writes of thousands of timers that hold up pings for
// milliseconds; 5 to 10 ms is the least lateness.
const ackEvery = 5 * time.Millisecond

// ack queues the timers of delivered pings and the outbox ids of
// delivered replies to be marked sent.
func (o *outbox) ack(refs []record.TimerRef, stored []string) {
	if len(refs) == 0 && len(stored) == 0 {
		return
	}
	o.ackMu.Lock()
	o.acks = append(o.acks, refs...)
	o.ackStored = append(o.ackStored, stored...)
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
			// Replies delivered meanwhile are mostly marked sooner, with
			// the hub's next message (takeStored).
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
		refs, stored := o.acks, o.ackStored
		o.acks, o.ackStored = nil, nil
		o.ackMu.Unlock()
		if len(refs) > 0 || len(stored) > 0 {
			o.delivered(refs, stored)
		}
		if stopping {
			return
		}
	}
}

// takeStored hands the hub the stored replies delivered and not yet
// marked sent, to mark in the change of the message it is about to
// write: a busy hub marks them at no cost of a write (and a disk sync)
// of their own, and sooner than the next batch. If that write fails, the
// hub gives them back with ack.
func (o *outbox) takeStored() []string {
	o.ackMu.Lock()
	defer o.ackMu.Unlock()
	s := o.ackStored
	o.ackStored = nil
	return s
}
