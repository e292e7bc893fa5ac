package console

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/bot"
)

// handler records the messages it is handed.
type handler struct {
	mu   sync.Mutex
	msgs []bot.Message
}

func (h *handler) Handle(_ context.Context, m bot.Message) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.msgs = append(h.msgs, m)
	return nil
}

func TestRunHandsEveryLineUntilTheInputEnds(t *testing.T) {
	h := &handler{}
	var out strings.Builder
	c := &Console{In: strings.NewReader("help\n\n/as bo\n  drop 80kg bench  \n"), Out: &out, User: "ana", Handler: h}
	if err := c.Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(h.msgs) != 2 || h.msgs[0].Text != "help" || h.msgs[0].UserID != "ana" ||
		h.msgs[1].Text != "drop 80kg bench" || h.msgs[1].UserName != "bo" || h.msgs[1].Platform != Platform {
		t.Errorf("messages: %+v", h.msgs)
	}
	if !strings.Contains(out.String(), "Now typing as bo.") {
		t.Errorf("output: %q", out.String())
	}
}

// A signal ends the console at once, even while it waits for a line.
func TestRunReturnsWhenCtxEndsWhileReading(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, w := io.Pipe()
		defer w.Close() // ends the read left waiting
		c := &Console{In: in, Out: io.Discard, User: "ana", Handler: &handler{}}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		if err := c.Run(ctx); err != nil {
			t.Fatalf("Run: %v", err)
		}
		if d := time.Since(start); d != time.Second {
			t.Errorf("Run returned after %v, want when ctx ended", d)
		}
	})
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("input/output error") }

func TestRunReportsAReadError(t *testing.T) {
	c := &Console{In: failingReader{}, Out: io.Discard, Handler: &handler{}}
	if err := c.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "console: read: input/output error") {
		t.Errorf("Run: %v", err)
	}
}
