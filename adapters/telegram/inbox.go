package telegram

import (
	"context"
	"sync"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
)

// job is the work for one update: hand a message to the hub (after
// downloading its document, and asking whether its sender is an admin,
// if need be) and answer the button press it came from, if any.
type job struct {
	msg        *bot.Message     // nil: nothing for the hub
	doc        *models.Document // download it into msg.File first
	admin      *memberKey       // ask whether this sender is an admin into msg.Admin first
	callbackID string           // answer this callback query
	answer     string           // with this text (0-200 characters), if any
}

// inbox keeps updates in order per chat without letting one chat hold up
// another: each chat with pending jobs has one worker goroutine that runs
// them in arrival order. At most limit jobs wait in all; push blocks
// beyond that, which holds up polling. push is safe for concurrent use.
type inbox struct {
	work  func(ctx context.Context, j job)
	slots chan struct{}

	mu     sync.Mutex
	queues map[string][]job
	wg     sync.WaitGroup
}

func newInbox(limit int, work func(ctx context.Context, j job)) *inbox {
	return &inbox{work: work, slots: make(chan struct{}, limit), queues: map[string][]job{}}
}

// push queues j for chat; the chat's worker runs it with ctx. It reports
// false when ctx ended before there was room.
func (in *inbox) push(ctx context.Context, chat string, j job) bool {
	select {
	case in.slots <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	q, running := in.queues[chat]
	in.queues[chat] = append(q, j)
	if !running {
		in.wg.Add(1)
		go in.run(ctx, chat)
	}
	return true
}

// run works through one chat's jobs until its queue is empty.
func (in *inbox) run(ctx context.Context, chat string) {
	defer in.wg.Done()
	for {
		in.mu.Lock()
		q := in.queues[chat]
		if len(q) == 0 {
			delete(in.queues, chat)
			in.mu.Unlock()
			return
		}
		j := q[0]
		in.queues[chat] = q[1:]
		in.mu.Unlock()
		in.work(ctx, j)
		<-in.slots
	}
}

// wait returns when every worker has finished; the workers' ctx should be
// done, or the updates still queued are handed on first.
func (in *inbox) wait() { in.wg.Wait() }
