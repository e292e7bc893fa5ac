package bot

import (
	"context"
	"strconv"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Several processes on one store (Shared, PostgreSQL): replicas behind a
// load balancer, Discord shards in processes of their own. What one
// process keeps in memory may be out of date, so:
//
//   - each message is handled under its lifter's lock in the store, with
//     the lifter's record read fresh (lockLifter), and the space's gym
//     too: two processes never act on one lifter at once, and none on a
//     record another has changed;
//   - a process fires only the timers it holds a lease on: those it
//     scheduled, and, claimed every claimEvery (and at once when another
//     process shuts down cleanly), those whose holder died and whose
//     lease ran out; before a ping goes, the lease is checked, since a
//     rest another process cut short is gone from the store but may
//     still be in this one's schedule;
//   - stored replies are sent by the process that stored them, or,
//     once their lease ran out, by whichever claims them;
//   - a message redelivered to another process is dropped there as here:
//     its id is in the store (record.Change.SeenID), written in the same
//     transaction as its effects.
//
// On a clean shutdown a process releases its leases and the others take
// them over at once; after a SIGKILL, within record.TimerLease of each
// ping's due time.

// claimEvery is how often a process claims the timers and replies whose
// holder stopped. A takeover comes at most TimerLease plus this late.
const claimEvery = time.Second

// claimAhead is how far ahead claims reach for timers no process holds
// (copied from a bbolt file): they are scheduled before they fall due.
const claimAhead = time.Minute

// lockTimeout bounds the wait for a lifter's lock.
const lockTimeout = 10 * time.Second

// lockLifter takes the lifter's lock in a shared store and reads their
// record and their space's gym fresh; unlock is never nil. It is a no-op
// on a store of one process. ok is false when the lock could not be
// taken (the database is down): the message is then not handled, and its
// lifter is told to try again.
func (h *Hub) lockLifter(m Message, l record.Lifter) (unlock func(), ok bool) {
	if h.shared == nil {
		return func() {}, true
	}
	ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
	defer cancel()
	unlock, err := h.shared.LockLifter(ctx, l)
	if err != nil {
		h.log.Error("taking a lifter's lock in the store; message not handled", "platform", l.Platform, "chat", l.ChatID, "err", err)
		return func() {}, false
	}
	rec, found, err := h.shared.Session(l)
	switch {
	case err != nil:
		h.log.Error("reading a lifter's record; message not handled", "platform", l.Platform, "chat", l.ChatID, "err", err)
		unlock()
		return func() {}, false
	case found:
		h.putSession(l, &rec)
	default:
		h.dropSession(l)
	}
	delete(h.gyms, gymKey(m.Platform, space(m)))
	return unlock, true
}

// pendingRef is the running session's rest as the record names it, for a
// shared store, where the process that scheduled it may be another: the
// timer of a rest before step n of session s is "s/n".
func pendingRef(rec *record.Session) *record.Timer {
	if rec.Active == nil {
		return nil
	}
	return &record.Timer{ID: rec.Active.ID + "/" + strconv.Itoa(rec.Active.Current)}
}

// claim takes over the timers and stored replies of processes that
// stopped, and schedules and queues them.
func (h *Hub) claim() {
	if h.shared == nil {
		return
	}
	now := h.now()
	timers, replies, err := h.shared.Claim(now.Add(claimAhead))
	if err != nil {
		h.log.Error("claiming timers and replies of stopped processes", "err", err)
		return
	}
	var late []record.Timer
	for _, t := range timers {
		if _, ok := h.sched.get(t.ID); ok {
			continue
		}
		if t.Due.After(now) {
			h.sched.add(t)
		} else {
			late = append(late, t)
		}
	}
	if len(late) > 0 {
		h.log.Info("pings taken over from a stopped process", "count", len(late))
		h.fire(late, now, true)
	}
	if len(replies) > 0 {
		h.log.Info("replies taken over from a stopped process", "count", len(replies))
		h.enqueueStored(replies)
	}
}

// held keeps the fired timers whose lease this process still holds: a
// rest cut short through another process is gone from the store.
func (h *Hub) held(due []record.Timer) []record.Timer {
	if h.shared == nil {
		return due
	}
	kept := due[:0]
	for _, t := range due {
		ok, err := h.shared.Holds(t.ID)
		if err != nil {
			// Better a ping twice than none.
			h.log.Error("checking a timer's lease; pinging", "timer", t.ID, "err", err)
			ok = true
		}
		if ok {
			kept = append(kept, t)
		}
	}
	return kept
}

// release ends this process's leases on the way out, so that the other
// processes take its timers and unsent replies over at once.
func (h *Hub) release() {
	if h.shared == nil {
		return
	}
	if err := h.shared.Release(); err != nil {
		h.log.Error("releasing leases; the other processes take them over when they run out", "err", err)
	}
}

// sharedWake is the channel that says another process released leases;
// nil (never ready) on a store of one process.
func (h *Hub) sharedWake() <-chan struct{} {
	if h.shared == nil {
		return nil
	}
	return h.shared.Wake()
}
