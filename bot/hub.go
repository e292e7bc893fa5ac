// Package bot is Spotter's hub: it turns Messages from the platform
// adapters into coach calls and store writes, runs guided sessions whose
// rest timers ping the lifter, and hands Replies to an outbox that paces
// them per chat.
//
// One goroutine, Run, owns the hub's state (sessions, the timer
// schedule); adapters only enqueue with Submit or Handle, from any
// goroutine. A parsed command reaches its feature's handler through one
// table (dispatch.go). Slow work (charts, CSV export and import) runs on
// a few worker goroutines that post their results back to Run, while
// the lifter's later messages wait (slowwork.go).
package bot

import (
	"context"
	"errors"
	"fmt"
	"github.com/spotter-coach/spotter/record"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// Config is what a Hub is built from.
type Config struct {
	Coach *coach.Coach
	Store Store
	// Unit is the default unit for loads written without one.
	Unit coach.Unit
	Log  *slog.Logger
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// MissedAfter: a ping overdue by more than this when the bot starts is
	// sent as "missed while the bot was offline". Default 10 min.
	MissedAfter time.Duration
	// FlushTimeout bounds how long shutdown waits for slow work in
	// flight (charts, CSV), and then for the outbox. Default 5 s.
	FlushTimeout time.Duration
	// Observer is told about messages, replies, pings and retries (metrics).
	Observer Observer
	// Boards are the chats' weekly board posts of the configuration
	// (board.go); an admin's board weekly stands over one.
	Boards []record.Board
}

// Hub is the one owner of Spotter's conversational state.
type Hub struct {
	coach        *coach.Coach
	store        Store
	unit         coach.Unit
	log          *slog.Logger
	now          func() time.Time
	missedAfter  time.Duration
	flushTimeout time.Duration

	senders map[string]Sender
	paces   map[string]Pace
	inbox   chan envelope
	stopped chan struct{}

	// Owned by Run's goroutine.
	sessions  map[record.Lifter]*record.Session
	gyms      map[string]*coach.Coach // platform NUL space -> coach with its gym
	floods    map[string]*bucket      // platform NUL user -> flood bucket
	unlimited map[string]bool         // platforms without a flood limit
	sched     *scheduler
	active    int            // sessions with a technique running
	due       []record.Timer // fired timers, reused
	pings     []outItem      // their pings, reused
	out       *outbox
	seq       uint64
	// outSeq numbers stored replies (keep.go); used from slow work too.
	outSeq atomic.Uint64
	work   slowWork   // charts and CSV on workers, and the lanes of their lifters
	boards boardPosts // the chats' weekly board posts (board.go)

	// shared is the store as other processes share it; nil for a store
	// of this process alone (shared.go).
	shared Shared

	observer Observer
	gauges   gauges
	outbox   atomic.Pointer[outbox] // out, for readers on other goroutines

	// rounds are the chats' class rounds open or running (class.go);
	// owned by Run's goroutine.
	rounds map[record.RoundKey]*record.Round
}

type envelope struct {
	msg  Message
	at   time.Time // when the adapter handed it over
	done chan<- struct{}
	// The flood limit's verdict, taken when the message came: allowed,
	// or dropped with (warn) or without a note.
	allowed, warn bool
}

// ErrStopped is returned to adapters that submit after the hub stopped.
var ErrStopped = errors.New("bot: the hub has stopped")

// New builds a hub. Serve it with its adapters, or Register the
// platforms' senders and then Run it.
func New(cfg Config) *Hub {
	h := &Hub{
		coach:        cfg.Coach,
		store:        linkedStore{cfg.Store}, // one lifter on two platforms (linked.go)
		unit:         cfg.Unit,
		log:          cfg.Log,
		now:          cfg.Now,
		missedAfter:  cfg.MissedAfter,
		flushTimeout: cfg.FlushTimeout,
		senders:      map[string]Sender{},
		paces:        map[string]Pace{},
		inbox:        make(chan envelope, 256),
		stopped:      make(chan struct{}),
		sessions:     map[record.Lifter]*record.Session{},
		gyms:         map[string]*coach.Coach{},
		floods:       map[string]*bucket{},
		unlimited:    map[string]bool{},
		sched:        newScheduler(),
		work:         newSlowWork(),
		boards:       boardPosts{conf: cfg.Boards},
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.missedAfter == 0 {
		h.missedAfter = 10 * time.Minute
	}
	if h.flushTimeout == 0 {
		h.flushTimeout = 5 * time.Second
	}
	h.observer = cfg.Observer
	if h.observer == nil {
		h.observer = nopObserver{}
	}
	h.shared, _ = cfg.Store.(Shared)
	return h
}

// SetObserver sets the observer of messages, replies, pings and retries.
// Call it before Run.
func (h *Hub) SetObserver(o Observer) { h.observer = o }

// Register sets the sender and the pace for a platform. Call it before
// Run; Serve registers its adapters itself.
func (h *Hub) Register(platform string, s Sender, pace Pace) {
	h.senders[platform] = s
	h.paces[platform] = pace
}

// Submit enqueues a message and returns at once.
func (h *Hub) Submit(ctx context.Context, m Message) error {
	select {
	case <-h.stopped:
		return ErrStopped
	default:
	}
	select {
	case h.inbox <- envelope{msg: m, at: h.now()}:
		return nil
	case <-h.stopped:
		return ErrStopped
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Handle enqueues a message and waits until the hub has processed it, slow
// work included: its state is stored and its replies are queued for
// sending.
func (h *Hub) Handle(ctx context.Context, m Message) error {
	done := make(chan struct{})
	select {
	case <-h.stopped:
		return ErrStopped
	default:
	}
	select {
	case h.inbox <- envelope{msg: m, at: h.now(), done: done}:
	case <-h.stopped:
		return ErrStopped
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-done:
		return nil
	case <-h.stopped:
		return ErrStopped
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Run loads the sessions and pending timers, then processes messages and
// fires timers until ctx is done; slow work runs on workers meanwhile
// (slowwork.go). On the way out it stops taking messages, waits for the
// slow work begun for at most FlushTimeout, and flushes the outbox for at
// most FlushTimeout; what lasts is already in the store.
func (h *Hub) Run(ctx context.Context) error {
	h.out = newOutbox(h.senders, h.paces, h.now, h.log)
	h.out.delivered = h.delivered
	h.out.observer = h.observer
	h.outbox.Store(h.out)
	defer close(h.stopped)
	if err := h.load(); err != nil {
		h.out.flush(0)
		return err
	}
	if err := h.resend(); err != nil {
		h.out.flush(0)
		return err
	}
	h.claim()
	var claims <-chan time.Time
	if h.shared != nil {
		tick := time.NewTicker(claimEvery)
		defer tick.Stop()
		claims = tick.C
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		h.fireDue()
		h.postBoards()
		h.updateGauges()
		if due, ok := h.nextWake(); ok {
			timer.Reset(max(due.Sub(h.now()), 0))
		} else {
			timer.Stop()
		}
		select {
		case <-ctx.Done():
			h.stopWork()
			if left := h.out.flush(h.flushTimeout); left > 0 {
				h.log.Warn("shutdown: messages left unsent; pings among them are sent at the next start", "count", left)
			}
			h.release()
			return nil
		case env := <-h.inbox:
			h.observer.MessageIn(env.msg.Platform)
			env.allowed, env.warn = h.allow(env.msg, h.now())
			h.receive(env)
		case j := <-h.work.done:
			h.finishJob(j)
		case <-h.laneReady():
			h.nextInLane()
		case <-claims:
			h.claim()
		case <-h.sharedWake():
			h.claim()
		case <-timer.C:
		}
	}
}

// load reads every session and pending timer from the store. Timers that
// came due while the bot was down fire at once, saying how late they are.
func (h *Hub) load() error {
	recs, err := h.store.Sessions()
	if err != nil {
		return err
	}
	if len(recs) > 0 {
		h.out.restarted()
	}
	for i := range recs {
		r := recs[i]
		h.putSession(r.Lifter, &r)
	}
	if err := h.loadRounds(); err != nil {
		return err
	}
	if h.shared != nil {
		return nil // timers come by claim, leased
	}
	timers, err := h.store.Timers()
	if err != nil {
		return err
	}
	now := h.now()
	var late []record.Timer
	for _, t := range timers {
		if t.Due.After(now) {
			h.sched.add(t)
		} else {
			late = append(late, t)
		}
	}
	if len(late) > 0 {
		h.fire(late, now, true)
	}
	return nil
}

// fireDue sends every ping whose rest is over.
func (h *Hub) fireDue() {
	now := h.now()
	if h.due = h.sched.popDue(now, h.due[:0]); len(h.due) > 0 {
		h.due = h.held(h.due)
		h.fire(h.due, now, false)
		clear(h.due) // let the strings go
	}
}

// sendPings queues the pings of fired timers; the outbox merges those of
// one chat. restart marks timers found overdue when the bot started.
func (h *Hub) sendPings(timers []record.Timer, now time.Time, restart bool) {
	items := h.pings[:0]
	for _, t := range timers {
		text := "GO: " + t.Text
		if restart {
			lateBy := now.Sub(t.Due)
			if lateBy > h.missedAfter {
				text = fmt.Sprintf("Missed while the bot was offline: your rest ended %s ago. Next: %s.", roundDuration(lateBy), t.Text)
			} else {
				text = fmt.Sprintf("GO (%s late, the bot was restarting): %s", roundDuration(lateBy), t.Text)
			}
		}
		to := User{ID: t.Lifter.UserID, Name: t.UserName}
		ref := t.Ref()
		// The step's buttons ride on the Ping, not the Reply: pings merged
		// with others' lines lose them (Reply.Keyboard), as they would act
		// for whoever pressed them.
		var buttons [][]Button
		if t.Step != nil {
			buttons = buttonsFor(&coach.Step{Kind: t.Step.Kind, RepsLo: t.Step.RepsLo, RepsHi: t.Step.RepsHi}, "s:"+t.ID)
		}
		// A class round's ping: its buttons act for whoever presses them.
		buttons, shared := roundPingButtons(&t, buttons)
		items = append(items, outItem{
			reply: Reply{Platform: t.Lifter.Platform, ChatID: t.Lifter.ChatID, Group: t.Group, To: to,
				Pings: []Ping{{To: to, Text: text, Buttons: buttons, Shared: shared}}, Text: to.Name + ": " + text},
			timer: &ref,
			at:    t.Due,
		})
	}
	h.out.enqueue(items...)
	clear(items)
	h.pings = items[:0]
}

// delivered marks pings and stored replies as sent once the platform
// accepted them (or they were given up). It runs on an outbox goroutine.
func (h *Hub) delivered(refs []record.TimerRef, stored []string) {
	if len(refs) == 0 && len(stored) == 0 {
		return
	}
	if err := h.store.Apply(record.Change{RemoveTimers: refs, Sent: stored}); err != nil {
		h.log.Error("marking pings and replies sent; they may be sent again after a restart", "err", err)
	}
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d.Round(time.Second)/time.Second)) + " s"
	case d < time.Hour:
		return strconv.Itoa(int(d.Round(time.Minute)/time.Minute)) + " min"
	}
	return d.Round(time.Minute).String()
}

// newID is a session id unique in this process and across restarts.
func (h *Hub) newID() string {
	h.seq++
	return strconv.FormatInt(h.now().UnixNano(), 36) + "-" + strconv.FormatUint(h.seq, 36)
}
