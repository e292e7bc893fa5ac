package bot

import "time"

// Warm start: a bot that restarts does not know what the process before
// it sent, and the platform still counts those messages. For the longest
// pace window after a restart, every chat's queue starts with its windows
// full, so that its first messages wait as the platform would make them.
// The window's bounds are guarded by the outbox's warmMu: restarted runs
// on the hub's goroutine, enqueue on any.

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

// warm reports whether new queues start with full windows now, and the
// time to fill them with.
func (o *outbox) warm() (from time.Time, ok bool) {
	o.warmMu.Lock()
	defer o.warmMu.Unlock()
	return o.warmFrom, o.now().Before(o.warmUntil)
}

// fillWindows marks a new queue as having sent the most its pace allows
// at from. q is not yet shared.
func (q *chatQueue) fillWindows(from time.Time, pace Pace) {
	for range maxN(pace) {
		q.countSend(from, "")
	}
}
