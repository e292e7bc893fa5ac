package bot

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/spotter-coach/spotter/coach"
)

// recorder is a Sender that keeps what it was sent.
type recorder struct {
	mu      sync.Mutex
	replies []Reply
}

func (r *recorder) Send(_ context.Context, rep Reply) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.replies = append(r.replies, rep)
	return nil
}

func startHub(t *testing.T) (*Hub, *recorder) {
	t.Helper()
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	h := New(Config{Coach: c, Unit: coach.KG})
	rec := &recorder{}
	h.Register("test", rec)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { h.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return h, rec
}

func TestHubAnswersPlansAndMistakesToTheSender(t *testing.T) {
	h, rec := startHub(t)
	ctx := context.Background()
	msgs := []Message{
		{Platform: "test", ChatID: "gym", UserID: "1", UserName: "ana", Text: "drop 80kg bench"},
		{Platform: "test", ChatID: "gym", UserID: "2", UserName: "bo", Text: "drop 80kg"},
		{Platform: "test", ChatID: "gym", UserID: "2", UserName: "bo", Text: "help"},
	}
	for _, m := range msgs {
		if err := h.Handle(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.replies) != 3 {
		t.Fatalf("got %d replies, want 3", len(rec.replies))
	}
	plan, mistake, help := rec.replies[0], rec.replies[1], rec.replies[2]
	if plan.Plan == nil || plan.Plan.Technique != coach.DropSet || plan.ChatID != "gym" || plan.To.ID != "1" || plan.Error {
		t.Errorf("plan reply: %+v", plan)
	}
	if !mistake.Error || mistake.Plan != nil || !strings.Contains(mistake.Text, "Which exercise?") || mistake.To.Name != "bo" {
		t.Errorf("mistake reply: %+v", mistake)
	}
	if help.Error || !strings.Contains(help.Text, "rp 100kg squat") {
		t.Errorf("help reply: %+v", help)
	}
}
