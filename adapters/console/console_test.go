package console

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/internal/hubtest"
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

// A line of any length is read: one longer than a message may be gets one
// reply saying so, reaches nobody, and the console goes on.
func TestRunRefusesOversizeLinesAndGoesOn(t *testing.T) {
	for _, n := range []int{coach.MaxMessage + 1, 5000, 1 << 20, 1<<20 + 1, 8 << 20} {
		for _, json := range []bool{false, true} {
			h := &handler{}
			var out strings.Builder
			in := "help\n" + strings.Repeat("a", n) + "\r\ndrop 80kg bench\n" + strings.Repeat("b", n) // the last without a newline
			c := &Console{In: strings.NewReader(in), Out: &out, User: "ana", JSON: json, Handler: h}
			if err := c.Run(context.Background()); err != nil {
				t.Fatalf("%d bytes: Run: %v", n, err)
			}
			if len(h.msgs) != 2 || h.msgs[0].Text != "help" || h.msgs[1].Text != "drop 80kg bench" {
				t.Errorf("%d bytes: messages %d, want help and drop", n, len(h.msgs))
			}
			want := fmt.Sprintf("That message is too long: %d bytes, at most %d. Try: drop 80kg bench", n, coach.MaxMessage)
			if got := strings.Count(out.String(), want); got != 2 {
				t.Errorf("%d bytes, json %v: %d refusals, want 2:\n%.300s", n, json, got, out.String())
			}
			if json && strings.Count(out.String(), `"error":true`) != 2 {
				t.Errorf("%d bytes: the JSON refusals are not marked as errors:\n%.300s", n, out.String())
			}
			if out.Len() > 1000 {
				t.Errorf("%d bytes: %d bytes of output, want the refusals only", n, out.Len())
			}
		}
	}
}

// A line of exactly the longest message, whatever its line ending, is a
// message.
func TestRunTakesALineOfTheLongestMessage(t *testing.T) {
	longest := "log bench 100x5 " + strings.Repeat("x", coach.MaxMessage-len("log bench 100x5 "))
	// One byte less puts a "\r\n" across the reader's 4096-byte buffer.
	for _, long := range []string{longest, longest[:len(longest)-1]} {
		for _, ending := range []string{"\n", "\r\n", ""} {
			h := &handler{}
			var out strings.Builder
			c := &Console{In: strings.NewReader(long + ending), Out: &out, User: "ana", Handler: h}
			if err := c.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if len(h.msgs) != 1 || h.msgs[0].Text != long || out.Len() != 0 {
				t.Errorf("%d bytes, ending %q: %d messages, output %.100q", len(long), ending, len(h.msgs), out.String())
			}
		}
	}
}

// Numbers no lifter means (nan, infinities, exponents, hexadecimal,
// underscores) are refused by the real hub with the line that says how to
// write them, and nothing of them is stored: "@nan" was once an RPE.
func TestHostileNumbersReachNoStore(t *testing.T) {
	hub := hubtest.New(t, hubtest.Config{})
	hostile := []string{"nan", "NaN", "inf", "+Inf", "-inf", "1e309", "0x10", "1_000", "1e-10"}
	// A lifter each, so that the flood limit stays out of it.
	in := "log squat 140kg 5 @8\n"
	for i, n := range hostile {
		in += fmt.Sprintf("/as lifter%d\n", i) +
			"log squat 140kg 5 @" + n + "\nlog bench " + n + "kg 5\ndrop 80kg bench -" + n + "%\nrp 100kg squat rest " + n + "\n"
	}
	var out strings.Builder
	c := &Console{In: strings.NewReader(in), Out: &out, User: "ana", JSON: true, Handler: hub.Hub}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hub.Hub.Serve(ctx, c); err != nil {
		t.Fatal(err)
	}
	var replies []string
	for _, r := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !strings.Contains(r, "Now typing as") {
			replies = append(replies, r)
		}
	}
	if len(replies) != 1+4*len(hostile) {
		t.Fatalf("%d replies to %d lines:\n%s", len(replies), 1+4*len(hostile), out.String())
	}
	for i, r := range replies[1:] {
		if !strings.Contains(r, `"error":true`) {
			t.Errorf("line %d answered without an error: %s", i+2, r)
		}
	}
	if n := strings.Count(out.String(), "RPE is written @8"); n != len(hostile) {
		t.Errorf("%d RPE refusals, want %d:\n%s", n, len(hostile), out.String())
	}
	sets, err := hub.DB.CountSets(Platform, "ana")
	if err != nil || sets != 1 {
		t.Errorf("%d sets stored (%v), want the one with @8", sets, err)
	}
	for i := range hostile {
		if sets, err := hub.DB.CountSets(Platform, fmt.Sprintf("lifter%d", i)); err != nil || sets != 0 {
			t.Errorf("lifter%d: %d sets stored (%v)", i, sets, err)
		}
	}
}
