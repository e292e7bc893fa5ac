package bot

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Slow work: drawing a chart of a year of sets takes tens of
// milliseconds, and exporting or importing a CSV of thousands of sets
// (parsing it, finding the rows not imported before, writing them) up to
// seconds. Done on the hub's goroutine, it would hold up every other
// lifter's answer and every rest ping behind it. So the handlers of chart,
// export and import check on the hub what they can answer at once and
// leave the rest in turn.slow; the hub hands that to a worker as a job,
// and the worker posts the job back to the hub when it is done.
//
// Order. The hub handles messages one at a time, so a lifter's messages
// have always been answered in the order they came, and each saw what the
// ones before it wrote. Slow work keeps that per lifter: while a lifter's
// job is in flight, their later messages wait in the hub, in order (the
// lifter's lane), and run only after the job's result is posted back. A
// lifter here is a user on a platform, in every chat, because their
// history is: an undo or a history in another chat must come after the
// import before it. Other lifters' messages, rest pings and timers wait
// for nothing: slow work reads and writes only its lifter's history.
//
// Writes. A job's change is the message's like any other (the message
// id, the new sets of an import, the lifter's session record where the
// message dropped a question): the worker applies it itself, in one
// transaction, as the hub would have. An import touches none of the hub's
// state; the rest of the change (the session record in memory, the
// replies to the outbox) the hub follows once the job is back (settle).
// A redelivered import waits in its lane behind the first delivery and is
// then dropped as seen; the store refuses a message id it has applied
// (record.ErrSeen) in any case, so an import never applies twice. A chart
// or an export writes only its id: redone after a crash, it is harmless.
//
// Workers. At most half the processors (at least one) run jobs, so that
// the hub, the outbox and the adapters keep processors of their own;
// jobs beyond that wait in the hub, in order. A lifter has at most one
// job at a time.
//
// Shutdown. Jobs not begun are dropped, with the messages waiting in
// lanes: unanswered and unrecorded, like messages still in the inbox, so
// that a redelivery does them once. A begun job may run to its end, its
// write lasting whole or not at all; the hub waits for it, then sends its
// answer with the rest of the outbox. So that the process ends within its
// service manager's stop timeout (deploy/spotter.service), the hub waits
// at most FlushTimeout, and half of it longer for a job caught in its
// store write, which ends soon once stopped. Half way (stopMargin) it
// cancels slow work's ctx: an import stops where it is, writing nothing
// (its rows are written in one transaction, rolled back), and its lifter
// is told that nothing was imported and to send the file again; an import
// already committing lasts, and its lifter gets its answer. Charts and
// exports are quick, and run to their end.
//
// Imports a day. The hub counts the imports each lifter began in the last
// 24 hours, in memory (a restart forgets them), and refuses one beyond
// the configured limit before reading its file.

// job is one message's slow work: a worker runs its turn's slow part and
// stores the turn's change.
type job struct {
	env    envelope
	lifter record.Lifter
	t      *turn
	at     time.Time // when the message came
	begun  bool      // a worker did the work (false: dropped at shutdown)
	err    error     // of storing the change
}

// stopMargin is how long before the end of FlushTimeout shutdown cancels
// slow work, and how much longer it waits for a write caught in flight:
// the time a stopped import has to roll back, or an import already
// committing to end, and come back with its answer.
func stopMargin(flush time.Duration) time.Duration { return flush / 2 }

// lane is a lifter's messages waiting behind their slow work.
type lane struct {
	queue []envelope
	busy  bool // the lifter's job is in flight
}

// slowWork is the hub's record of slow work. Run's goroutine owns it,
// but for done and quit, which workers use, and gate, set before Run.
type slowWork struct {
	workers int // at most this many jobs run at once
	running int
	waiting []*job // jobs for the next free worker, oldest first
	lanes   map[record.User]*lane
	// ready are the lanes whose first message may run: none of their
	// lifter's work is in flight. The hub runs one such message at a
	// time between its other work, so that a lane of many messages
	// holds up no one else.
	ready []record.User
	done  chan *job     // jobs back from workers; room for all running
	quit  chan struct{} // closed at shutdown: jobs not begun are dropped
	// gate, when set, is called by a worker as it begins a job; tests
	// hold work in flight with it.
	gate func(Message)
	// ctx is cancelled when shutdown stops waiting for slow work; jobs
	// read it, and it never changes, so it needs no lock.
	ctx    context.Context
	cancel context.CancelFunc
	// imports are the times each lifter began an import in the last 24
	// hours, oldest first.
	imports map[record.User][]time.Time
	// writing counts the jobs in their store write, which ends soon once
	// ctx is cancelled: rolled back, or committed.
	writing atomic.Int32
}

func newSlowWork() slowWork {
	n := max(1, runtime.GOMAXPROCS(0)/2)
	ctx, cancel := context.WithCancel(context.Background())
	return slowWork{workers: n, lanes: map[record.User]*lane{}, done: make(chan *job, n), quit: make(chan struct{}),
		ctx: ctx, cancel: cancel, imports: map[record.User][]time.Time{}}
}

// allowImport counts an import the lifter begins at now, unless they
// began limit imports in the 24 hours before; then it reports when the
// next one may begin.
func (w *slowWork) allowImport(u record.User, now time.Time, limit int) (next time.Time, ok bool) {
	times := w.imports[u]
	i := 0
	for i < len(times) && !times[i].After(now.Add(-24*time.Hour)) {
		i++
	}
	times = times[i:]
	if len(times) >= limit {
		w.imports[u] = times
		return times[len(times)-limit].Add(24 * time.Hour), false
	}
	w.imports[u] = append(times, now)
	return time.Time{}, true
}

// alwaysReady is a channel that is always ready to receive from.
var alwaysReady = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// laneReady is ready while a lane has a message to run.
func (h *Hub) laneReady() <-chan struct{} {
	if len(h.work.ready) > 0 {
		return alwaysReady
	}
	return nil
}

func laneKey(m Message) record.User { return record.User{Platform: m.Platform, UserID: m.UserID} }

// receive takes a message from the inbox: it waits in its lifter's lane
// while that lane has work in flight or messages before it, else it runs.
// A message the flood limit drops silently has nothing to wait for.
func (h *Hub) receive(env envelope) {
	key := laneKey(env.msg)
	if l, ok := h.work.lanes[key]; ok && (env.allowed || env.warn) {
		l.queue = append(l.queue, env)
		return
	}
	if h.run(env) {
		h.work.lanes[key] = &lane{busy: true}
	}
}

// run handles one message. It reports whether the message's slow work is
// in flight: then the message is done when its job comes back.
func (h *Hub) run(env envelope) (slow bool) {
	m := env.msg
	switch {
	case env.allowed:
		if j := h.process(m, env.at); j != nil {
			j.env = env
			h.startJob(j)
			return true
		}
	case env.warn:
		h.out.enqueue(outItem{at: env.at, reply: Reply{Platform: m.Platform, ChatID: m.ChatID, Group: m.Group,
			To: User{ID: m.UserID, Name: m.UserName}, InReplyTo: m.ID, Error: true, Private: true, Text: floodNote}})
	default:
		h.log.Debug("flood: message dropped", "platform", m.Platform, "user", m.UserID)
	}
	if env.done != nil {
		close(env.done)
	}
	return false
}

// nextInLane runs the first message of the first ready lane.
func (h *Hub) nextInLane() {
	w := &h.work
	key := w.ready[0]
	w.ready[0] = record.User{}
	w.ready = w.ready[1:]
	l := w.lanes[key]
	env := l.queue[0]
	l.queue[0] = envelope{}
	l.queue = l.queue[1:]
	switch {
	case h.run(env):
		l.busy = true
	case len(l.queue) == 0:
		delete(w.lanes, key)
	default:
		w.ready = append(w.ready, key)
	}
}

// startJob hands a job to a worker, or keeps it for the next free one.
func (h *Hub) startJob(j *job) {
	w := &h.work
	if w.running < w.workers {
		w.running++
		go h.runJob(j)
		return
	}
	w.waiting = append(w.waiting, j)
}

// runJob is a worker: it does the job's slow part, stores the turn's
// change, and posts the job back. It uses only the store, the coach and
// the log, which are safe for concurrent use, and the job, which the hub
// does not touch until it is back.
func (h *Hub) runJob(j *job) {
	select {
	case <-h.work.quit:
	default:
		j.begun = true
		if h.work.gate != nil {
			h.work.gate(j.env.msg)
		}
		j.t.slow(j.t)
		h.keep(j.t, j.at)
		j.err = h.applyJob(j.t)
	}
	h.work.done <- j
}

// ctxApplier is a Store that can give up a long write when asked
// (store.DB.ApplyContext).
type ctxApplier interface {
	ApplyContext(ctx context.Context, ch record.Change) error
}

// applyJob stores a job's change. An import's rows are written so that
// shutdown can stop them (slowWork.ctx); stopped, nothing is written and
// the turn becomes the answer saying so.
func (h *Hub) applyJob(t *turn) error {
	h.work.writing.Add(1)
	defer h.work.writing.Add(-1)
	s, ok := h.store.(ctxApplier)
	if !ok || len(t.change.Import) == 0 {
		return h.store.Apply(t.change)
	}
	err := s.ApplyContext(h.work.ctx, t.change)
	if err != nil && h.work.ctx.Err() != nil && errors.Is(err, context.Canceled) {
		interruptImport(t, t.replies[0])
		return nil
	}
	return err
}

// finishJob follows a job that came back: its change and replies as for
// any message, then the next job for the free worker, and the lifter's
// waiting messages.
func (h *Hub) finishJob(j *job) {
	w := &h.work
	w.running--
	if len(w.waiting) > 0 {
		next := w.waiting[0]
		w.waiting[0] = nil
		w.waiting = w.waiting[1:]
		h.startJob(next)
	}
	h.settle(j.lifter, j.t, j.at, j.err)
	if j.env.done != nil {
		close(j.env.done)
	}
	key := laneKey(j.env.msg)
	l := w.lanes[key]
	l.busy = false
	if len(l.queue) == 0 {
		delete(w.lanes, key)
	} else {
		w.ready = append(w.ready, key)
	}
}

// stopWork ends slow work at shutdown: jobs not begun and the messages
// waiting in lanes are dropped, and begun jobs are waited for, at most
// FlushTimeout, and settled, so that their answers go out with the
// outbox's flush.
func (h *Hub) stopWork() {
	w := &h.work
	close(w.quit)
	dropped := len(w.waiting)
	for _, l := range w.lanes {
		dropped += len(l.queue)
	}
	w.waiting, w.lanes, w.ready = nil, nil, nil
	if dropped > 0 {
		h.log.Info("shutdown: messages waiting behind slow work were not handled; they are handled when delivered again", "count", dropped)
	}
	defer w.cancel()
	if w.running == 0 {
		return
	}
	deadline := time.NewTimer(h.flushTimeout)
	defer deadline.Stop()
	stop := time.NewTimer(h.flushTimeout - stopMargin(h.flushTimeout))
	defer stop.Stop()
	extended := false
	for w.running > 0 {
		select {
		case j := <-w.done:
			w.running--
			if j.begun {
				h.settle(j.lifter, j.t, j.at, j.err)
				if j.env.done != nil {
					close(j.env.done)
				}
			}
		case <-stop.C:
			h.log.Info("shutdown: stopping slow work; an import not yet written is rolled back and its lifter told", "count", w.running)
			w.cancel()
		case <-deadline.C:
			if !extended && w.writing.Load() > 0 {
				// A cancelled write ends soon, rolled back or committed:
				// waiting for it a little longer lets its lifter know which.
				extended = true
				deadline.Reset(stopMargin(h.flushTimeout))
				h.log.Info("shutdown: waiting for slow work's write to end", "count", w.writing.Load())
				continue
			}
			h.log.Warn("shutdown: slow work still running; its messages are handled again if delivered again and not yet stored", "count", w.running)
			return
		}
	}
}
