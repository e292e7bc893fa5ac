// Package bot is Spotter's hub: it turns Messages from the platform
// adapters into coach calls and store writes, and hands Replies back.
//
// One goroutine, Run, owns the hub's state; adapters only enqueue with
// Submit or Handle, from any goroutine.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/spotter-coach/spotter/coach"
)

// Store is what the hub needs from the data file.
type Store interface {
	Schema() (int, error)
}

// Sender delivers replies on one platform. The hub calls Send from its own
// goroutine, one reply at a time per Sender.
type Sender interface {
	Send(ctx context.Context, r Reply) error
}

// Config is what a Hub is built from.
type Config struct {
	Coach *coach.Coach
	Store Store
	// Unit is the default unit for loads written without one.
	Unit coach.Unit
	Log  *slog.Logger
}

// Hub is the one owner of Spotter's conversational state.
type Hub struct {
	coach   *coach.Coach
	store   Store
	unit    coach.Unit
	log     *slog.Logger
	senders map[string]Sender
	inbox   chan envelope
}

type envelope struct {
	msg  Message
	done chan<- struct{}
}

// ErrStopped is returned to adapters that submit after the hub stopped.
var ErrStopped = errors.New("bot: the hub has stopped")

// New builds a hub. Register the platforms' senders before Run.
func New(cfg Config) *Hub {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Hub{
		coach:   cfg.Coach,
		store:   cfg.Store,
		unit:    cfg.Unit,
		log:     log,
		senders: map[string]Sender{},
		inbox:   make(chan envelope, 256),
	}
}

// Register sets the sender for a platform. Call it before Run.
func (h *Hub) Register(platform string, s Sender) { h.senders[platform] = s }

// Run processes messages until ctx is done.
func (h *Hub) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case env := <-h.inbox:
			h.process(ctx, env.msg)
			if env.done != nil {
				close(env.done)
			}
		}
	}
}

// Submit enqueues a message and returns at once.
func (h *Hub) Submit(ctx context.Context, m Message) error {
	select {
	case h.inbox <- envelope{msg: m}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Handle enqueues a message and waits until the hub has processed it and
// sent its replies.
func (h *Hub) Handle(ctx context.Context, m Message) error {
	done := make(chan struct{})
	select {
	case h.inbox <- envelope{msg: m, done: done}:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hub) process(ctx context.Context, m Message) {
	for _, r := range h.answer(m) {
		h.send(ctx, r)
	}
}

// answer computes the replies to one message.
func (h *Hub) answer(m Message) []Reply {
	to := User{ID: m.UserID, Name: m.UserName}
	reply := Reply{Platform: m.Platform, ChatID: m.ChatID, To: to}
	plan, help, err := h.coach.Handle(m.Text, h.unit)
	switch {
	case err != nil:
		reply.Error = true
		var ue *coach.Error
		if errors.As(err, &ue) {
			reply.Text = ue.Error()
		} else {
			h.log.Error("handling a message", "platform", m.Platform, "chat", m.ChatID, "err", err)
			reply.Text = "Something went wrong on my side; please try again."
		}
	case plan != nil:
		reply.Plan = plan
		reply.Text = plan.Text()
	default:
		reply.Text = help
	}
	return []Reply{reply}
}

func (h *Hub) send(ctx context.Context, r Reply) {
	s, ok := h.senders[r.Platform]
	if !ok {
		h.log.Error("no sender for platform", "platform", r.Platform)
		return
	}
	if err := s.Send(ctx, r); err != nil {
		h.log.Error("sending a reply", "platform", r.Platform, "chat", r.ChatID, "err", fmt.Errorf("send: %w", err))
	}
}
