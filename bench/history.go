package bench

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// replySink hands every reply to a channel.
type replySink chan bot.Reply

func (s replySink) Send(ctx context.Context, r bot.Reply) error {
	select {
	case s <- r:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ask sends m and waits for the reply that answers it (by m.ID).
func ask(ctx context.Context, h *bot.Hub, replies <-chan bot.Reply, m bot.Message) (bot.Reply, error) {
	if err := h.Submit(ctx, m); err != nil {
		return bot.Reply{}, err
	}
	for {
		select {
		case r := <-replies:
			if r.InReplyTo == m.ID {
				return r, nil
			}
		case <-ctx.Done():
			return bot.Reply{}, fmt.Errorf("bench: no answer to %q: %w", m.Text, ctx.Err())
		}
	}
}

// history answers history, pr and 1rm for one lifter with n sets over two
// years, through a hub on db (a new bbolt file or PostgreSQL database), and
// returns the p99 time from handing the message to the hub to the answer
// reaching the platform.
func history(ctx context.Context, c *coach.Coach, db bot.Store, n int) (float64, error) {
	if err := fillHistory(db, "ana", n, 2*365*24*time.Hour); err != nil {
		return 0, err
	}
	replies := make(replySink)
	h := bot.New(bot.Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", replies, nil)
	h.Unlimited("bench") // one lifter asking 60 times in a row is the point, not a flood
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	stop := runHub(ctx, h)
	var lat []time.Duration
	for i := range 20 {
		for j, q := range []string{"history", "pr bench", "1rm bench"} {
			m := bot.Message{Platform: "bench", ChatID: "c", UserID: "ana", UserName: "ana", Text: q, ID: "h" + strconv.Itoa(i*3+j)}
			t0 := time.Now()
			if _, err := ask(ctx, h, replies, m); err != nil {
				stop()
				return 0, err
			}
			lat = append(lat, time.Since(t0))
		}
	}
	if err := stop(); err != nil {
		return 0, err
	}
	return ms(percentileOf(lat, 0.99)), nil
}

// historyExercises are the exercises fillHistory spreads sets over.
var historyExercises = []string{"bench press", "back squat", "deadlift", "overhead press", "barbell row", "dumbbell curl", "leg press", "lat pulldown", "leg extension", "incline bench press"}

// fillHistory gives a lifter n sets of ten exercises spread evenly over
// the span up to now, five sets to an entry.
func fillHistory(db bot.Store, user string, n int, span time.Duration) error {
	start := time.Now().Add(-span)
	sets := make([]record.Set, 0, 1000)
	for i := range n {
		sets = append(sets, record.Set{Platform: "bench", UserID: user, ChatID: "c", Lift: coach.Lift{
			At: start.Add(span / time.Duration(n) * time.Duration(i)), Exercise: historyExercises[i%len(historyExercises)],
			Load: 40 + float64(i%60), Unit: coach.KG, Reps: 3 + i%10, Kind: coach.KindWork, Entry: "e" + strconv.Itoa(i/5)}})
		if len(sets) == cap(sets) || i == n-1 {
			if err := db.Apply(record.Change{Sets: sets}); err != nil {
				return err
			}
			sets = sets[:0]
		}
	}
	return nil
}
