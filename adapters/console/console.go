// Package console is Spotter's stdin/stdout chat: one line in is one
// message, each reply is printed as text or, with JSON, as one JSON object
// per line. It is also the adapter that end-to-end tests drive.
package console

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
)

// Platform is the console's platform name in Messages and Replies.
const Platform = "console"

// ChatID is the console's one chat.
const ChatID = "console"

// Handler is what the console needs from the hub.
type Handler interface {
	Handle(ctx context.Context, m bot.Message) error
}

// Console reads messages from In and writes replies to Out. Send may be
// called from any goroutine; writes are serialised.
type Console struct {
	In   io.Reader
	Out  io.Writer
	User string // the lifter's name
	JSON bool   // one JSON object per reply
	// Greeting, if set, is printed before the first line is read.
	Greeting string

	mu  sync.Mutex
	seq int
}

var _ bot.Sender = (*Console)(nil)

// Run feeds every line of In to h until In ends or ctx is done.
func (c *Console) Run(ctx context.Context, h Handler) error {
	if c.Greeting != "" && !c.JSON {
		c.write(c.Greeting + "\n")
	}
	sc := bufio.NewScanner(c.In)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		c.seq++
		m := bot.Message{
			Platform: Platform, ChatID: ChatID, UserID: c.User, UserName: c.User,
			Text: line, ID: fmt.Sprint(c.seq),
		}
		if err := h.Handle(ctx, m); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("console: read: %w", err)
	}
	return nil
}

// jsonReply is one reply in -json mode.
type jsonReply struct {
	Text  string      `json:"text"`
	Error bool        `json:"error,omitempty"`
	Plan  *coach.Plan `json:"plan,omitempty"`
}

// Send prints one reply.
func (c *Console) Send(_ context.Context, r bot.Reply) error {
	if c.JSON {
		b, err := json.Marshal(jsonReply{Text: r.Text, Error: r.Error, Plan: r.Plan})
		if err != nil {
			return fmt.Errorf("console: %w", err)
		}
		return c.write(string(b) + "\n")
	}
	return c.write(r.Text + "\n\n")
}

func (c *Console) write(s string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := io.WriteString(c.Out, s)
	return err
}
