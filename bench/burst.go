package bench

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// paceSink records sends to one chat and counts pace violations.
type paceSink struct {
	mu         sync.Mutex
	pace       bot.Pace
	sent       []time.Time
	mentioned  map[string]bool
	violations int
	want       int
	all        chan struct{}
}

func (s *paceSink) Send(_ context.Context, r bot.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	s.sent = append(s.sent, now)
	for _, w := range s.pace {
		n := 0
		for _, t := range s.sent {
			if now.Sub(t) < w.Per {
				n++
			}
		}
		if n > w.N {
			s.violations++
		}
	}
	for _, p := range r.Pings {
		s.mentioned[p.To.ID] = true
	}
	if len(s.mentioned) == s.want && s.all != nil {
		close(s.all)
		s.all = nil
	}
	return nil
}

// groupBurst makes n lifters' rests in one group chat end together and
// sends the pings through the hub to a sink that checks the pace.
func groupBurst(ctx context.Context, c *coach.Coach, path string, n int, pace bot.Pace) (GroupBurst, error) {
	db, err := store.Open(path)
	if err != nil {
		return GroupBurst{}, err
	}
	defer db.Close()
	due := time.Now().Add(200 * time.Millisecond)
	timers := make([]record.Timer, n)
	for i := range timers {
		u := strconv.Itoa(i)
		timers[i] = record.Timer{Due: due, ID: "s" + u + "/1", Lifter: record.Lifter{Platform: "bench", ChatID: "gym", UserID: u},
			UserName: "lifter" + u, Group: true, Text: "mini-set 1, 100 kg, as many as you can"}
	}
	if err := db.Apply(record.Change{AddTimers: timers}); err != nil {
		return GroupBurst{}, err
	}
	all := make(chan struct{})
	sink := &paceSink{pace: pace, mentioned: map[string]bool{}, want: n, all: all}
	h := bot.New(bot.Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", sink, pace)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	stop := runHub(ctx, h)
	select {
	case <-all:
	case <-ctx.Done():
	}
	if err := stop(); err != nil {
		return GroupBurst{}, err
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	return GroupBurst{Lifters: n, Messages: len(sink.sent), Mentioned: len(sink.mentioned), Violations: sink.violations}, nil
}
