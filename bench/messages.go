package bench

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
)

// countSink counts accepted replies and closes done at want.
type countSink struct {
	mu   sync.Mutex
	n    int
	want int
	done chan struct{}
}

func (s *countSink) Send(context.Context, bot.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	if s.n == s.want {
		close(s.done)
	}
	return nil
}

// hubMessages runs n messages of n/5 lifters in 5 chats through a real hub
// on db (a new bbolt file, or a new PostgreSQL database, where the hub
// takes each lifter's lock as replicas do) and returns the messages
// answered per second.
func hubMessages(ctx context.Context, c *coach.Coach, db bot.Store, n int) (float64, error) {
	texts := []string{"drop 80kg bench", "rp 100kg squat", "help drop", "backoff bench 90kg x2", "log bench 100x5", "japanese 100kg bench x5", "pr bench"}
	sink := &countSink{want: n, done: make(chan struct{})}
	h := bot.New(bot.Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", sink, nil)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := runHub(ctx, h)
	start := time.Now()
	lifters := max(n/5, 1) // five messages each: well inside the flood limit
	for i := range n {
		u := strconv.Itoa(i % lifters)
		m := bot.Message{Platform: "bench", ChatID: "chat" + strconv.Itoa(i%5), UserID: u, UserName: "lifter" + u,
			Text: texts[i%len(texts)], ID: "b" + strconv.Itoa(i)}
		if err := h.Submit(ctx, m); err != nil {
			stop()
			return 0, err
		}
	}
	select {
	case <-sink.done:
	case <-ctx.Done():
	}
	took := time.Since(start)
	if err := stop(); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return float64(n) / took.Seconds(), nil
}
