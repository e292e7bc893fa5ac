// Package console is Spotter's stdin/stdout chat: one line in is one
// message, each reply is printed as text or, with JSON, as one JSON object
// per line. It is also the adapter that end-to-end tests drive.
package console

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	// FileDir is where charts and exports are written ("." if empty).
	FileDir string
	// Handler is the hub the lines are handed to.
	Handler Handler

	mu sync.Mutex
}

var _ bot.Adapter = (*Console)(nil)

// Platform is the console's platform name.
func (c *Console) Platform() string { return Platform }

// Pace is nil: a terminal takes replies as fast as they come.
func (c *Console) Pace() bot.Pace { return nil }

// Run hands every line of In to the Handler, one at a time, each once the
// hub has processed the one before, until In ends (then it returns nil)
// or ctx is done. It returns as soon as ctx is done, even while a line is
// being read: reading from a terminal cannot be interrupted, so that read
// is left to end with the process.
func (c *Console) Run(ctx context.Context) error {
	if c.Greeting != "" && !c.JSON {
		c.write(c.Greeting + "\n")
	}
	lines, readErr := c.read(ctx)
	for {
		var line string
		select {
		case <-ctx.Done():
			return nil
		case l, ok := <-lines:
			if !ok {
				if err := <-readErr; err != nil {
					return fmt.Errorf("console: read: %w", err)
				}
				return nil
			}
			line = strings.TrimSpace(l)
		}
		if line == "" {
			continue
		}
		if name, ok := strings.CutPrefix(line, "/as "); ok {
			// Several lifters share the console: "/as bo" types as bo.
			if name = strings.TrimSpace(name); name != "" {
				c.User = name
				c.note("Now typing as " + name + ".")
			}
			continue
		}
		// The console never redelivers a line, so its messages carry no
		// id to deduplicate.
		m := bot.Message{Platform: Platform, ChatID: ChatID, UserID: c.User, UserName: c.User, Text: line}
		if path, ok := strings.CutPrefix(line, "import "); ok {
			// "import PATH" reads a CSV export from disk.
			data, err := os.ReadFile(strings.TrimSpace(path))
			if err != nil {
				c.note("Can't read " + strings.TrimSpace(path) + ": " + errText(err) + ". Try: import ~/Downloads/strong.csv")
				continue
			}
			m.Text = "import"
			m.File = &bot.File{Name: filepath.Base(path), MIME: "text/csv", Data: data}
		}
		if err := c.Handler.Handle(ctx, m); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// read reads In line by line on a goroutine of its own and sends each
// line, unbuffered, so that no line is read long before it is handled.
// When In ends, or early when ctx is done, it sends the read error (nil
// if none) on errc and then closes lines.
func (c *Console) read(ctx context.Context) (lines <-chan string, errc <-chan error) {
	out, ec := make(chan string), make(chan error, 1)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(c.In)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			select {
			case out <- sc.Text():
			case <-ctx.Done():
				ec <- nil
				return
			}
		}
		ec <- sc.Err()
	}()
	return out, ec
}

// errText is an OS error without the repeated path.
func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// saveFile writes a reply's image or file into FileDir and returns its path.
func (c *Console) saveFile(f *bot.File) (string, error) {
	dir := c.FileDir
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	ext := filepath.Ext(f.Name)
	base := strings.TrimSuffix(filepath.Base(f.Name), ext)
	path := filepath.Join(dir, base+ext)
	for i := 2; ; i++ {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			break
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d%s", base, i, ext))
	}
	return path, os.WriteFile(path, f.Data, 0o600)
}

// jsonReply is one reply in -json mode.
type jsonReply struct {
	File  string      `json:"file,omitempty"`
	Text  string      `json:"text"`
	To    string      `json:"to,omitempty"`
	Error bool        `json:"error,omitempty"`
	Plan  *coach.Plan `json:"plan,omitempty"`
	Pings []jsonPing  `json:"pings,omitempty"`
}

type jsonPing struct {
	To   string `json:"to"`
	Text string `json:"text"`
}

// note prints a line of the console's own.
func (c *Console) note(s string) {
	if c.JSON {
		b, _ := json.Marshal(jsonReply{Text: s})
		c.write(string(b) + "\n")
		return
	}
	c.write(s + "\n\n")
}

// Send prints one reply. An image or a file is written into FileDir and
// its path printed.
func (c *Console) Send(_ context.Context, r bot.Reply) error {
	path := ""
	for _, f := range []*bot.File{r.Image, r.File} {
		if f == nil {
			continue
		}
		p, err := c.saveFile(f)
		if err != nil {
			return fmt.Errorf("console: %w: %w", err, bot.ErrPermanent)
		}
		path = p
	}
	if c.JSON {
		jr := jsonReply{File: path, Text: r.Text, To: r.To.Name, Error: r.Error, Plan: r.Plan}
		for _, p := range r.Pings {
			jr.Pings = append(jr.Pings, jsonPing{To: p.To.Name, Text: p.Text})
		}
		b, err := json.Marshal(jr)
		if err != nil {
			return fmt.Errorf("console: %w", err)
		}
		return c.write(string(b) + "\n")
	}
	text := r.Text
	if len(r.Pings) > 0 {
		lines := make([]string, len(r.Pings))
		for i, p := range r.Pings {
			lines[i] = "@" + p.To.Name + " " + p.Text
		}
		text = strings.Join(lines, "\n")
	}
	if path != "" {
		text += "\nSaved: " + path
	}
	return c.write(text + "\n\n")
}

func (c *Console) write(s string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := io.WriteString(c.Out, s)
	return err
}
