package bot

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// topics is a platform whose chats "g/1", "g/2" are topics of chat "g"
// and share its pace.
type topics struct {
	mu   sync.Mutex
	sent []sent
}

func (s *topics) Send(_ context.Context, r Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, sent{at: time.Now(), r: r})
	return nil
}

func (s *topics) QueueKey(chat string) string {
	g, _, _ := strings.Cut(chat, "/")
	return g
}

// The topics of one group share the group's pace (the platform counts
// them as one chat), and replies to different topics never merge into
// one message, which could go to one topic only.
func TestTopicsShareTheirGroupsPace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &topics{}
		o := newOutbox(map[string]Sender{"p": s}, map[string]Pace{"p": {{N: 1, Per: 3 * time.Second, GroupOnly: true}}}, time.Now, slog.New(slog.DiscardHandler))
		var items []outItem
		for i, chat := range []string{"g/1", "g/2", "g/1", "g/2", "g/1", "g/2"} {
			it := answer(string(rune('a'+i)), "answer in "+chat)
			it.reply.ChatID = chat
			items = append(items, it)
		}
		o.enqueue(items...)
		time.Sleep(time.Minute)
		o.flush(time.Second)
		s.mu.Lock()
		defer s.mu.Unlock()
		lines := 0
		for i, m := range s.sent {
			for _, line := range strings.Split(m.r.Text, "\n") {
				lines++
				if !strings.HasSuffix(line, "answer in "+m.r.ChatID) {
					t.Errorf("message to %s carries %q", m.r.ChatID, line)
				}
			}
			if i > 0 {
				if gap := m.at.Sub(s.sent[i-1].at); gap < 3*time.Second {
					t.Errorf("messages %d and %d to the group %v apart, within its pace of one per 3 s", i-1, i, gap)
				}
			}
		}
		if lines != len(items) {
			t.Errorf("%d lines sent, want %d", lines, len(items))
		}
	})
}
