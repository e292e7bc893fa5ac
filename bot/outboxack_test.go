package bot

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// threeLines is a platform that takes at most three lines in a message:
// longer merged messages are cut back before they go.
type threeLines struct {
	mu   sync.Mutex
	sent []string
}

func (s *threeLines) Send(_ context.Context, r Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, r.Text)
	return nil
}

func (s *threeLines) Messages(r Reply) int {
	return 1 + strings.Count(r.Text, "\n")/3
}

func (s *threeLines) texts() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.sent, "\n")
}

// A stored reply is marked sent only once the message that carries it
// went out: in a busy group, replies merged into one message and cut back
// to what the platform takes in one, the ones left for the next message
// stay stored, so a crash then sends them after the restart.
func TestStoredRepliesAreMarkedSentWithTheirMessage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &threeLines{}
		o := newOutbox(map[string]Sender{"p": s}, map[string]Pace{"p": {{N: 1, Per: 3 * time.Second, GroupOnly: true}}}, time.Now, slog.New(slog.DiscardHandler))
		var mu sync.Mutex
		var marked []string
		o.delivered = func(_ []record.TimerRef, stored []string) {
			mu.Lock()
			defer mu.Unlock()
			marked = append(marked, stored...)
		}
		var items []outItem
		for i := range 12 {
			it := answer(fmt.Sprint("lifter", i), fmt.Sprintf("answer %02d", i))
			it.stored = fmt.Sprintf("%016x", i+1)
			items = append(items, it)
		}
		o.enqueue(items[0])
		time.Sleep(100 * time.Millisecond) // the first goes at once; the pace holds the rest
		o.enqueue(items[1:]...)
		early := ""
		for range 4 {
			time.Sleep(3 * time.Second)
			synctest.Wait()
			mu.Lock()
			got := slices.Clone(marked)
			mu.Unlock()
			sent := s.texts()
			for _, id := range got {
				var n int
				fmt.Sscanf(id, "%x", &n)
				if early == "" && !strings.Contains(sent, fmt.Sprintf("answer %02d", n-1)) {
					early = fmt.Sprintf("reply %s marked sent before its message went out; sent so far:\n%s", id, sent)
				}
			}
		}
		o.flush(time.Minute)
		if early != "" {
			t.Error(early)
		}
		if len(marked) != 12 {
			t.Errorf("%d replies marked sent, want 12", len(marked))
		}
		if strings.Count(s.texts(), "answer") != 12 {
			t.Errorf("sent:\n%s", s.texts())
		}
	})
}
