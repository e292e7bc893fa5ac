// Package console is Spotter's stdin/stdout chat: one line in is one
// message, each reply is printed as text or, with JSON, as one JSON object
// per line. It is also the adapter that end-to-end tests drive.
package console

import (
	"bufio"
	"bytes"
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
	// FileDir is where charts and exports are written ("." if empty),
	// each lifter's in a directory of their own (lifterDir), which forget
	// me deletes.
	FileDir string
	// Handler is the hub the lines are handed to.
	Handler Handler

	mu    sync.Mutex // serialises writes to Out
	files sync.Mutex // serialises writing and deleting files in FileDir
}

var (
	_ bot.Adapter   = (*Console)(nil)
	_ bot.Forgetter = (*Console)(nil)
)

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
			if l.size > coach.MaxMessage {
				c.refuse(fmt.Sprintf("That message is too long: %d bytes, at most %d. Try: drop 80kg bench", l.size, coach.MaxMessage))
				continue
			}
			line = strings.TrimSpace(l.text)
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

// line is one line of input, without its line ending: its text, of
// which at most coach.MaxMessage+1 bytes are kept, and its whole size.
type line struct {
	text string
	size int
}

// read reads In line by line on a goroutine of its own and sends each
// line, unbuffered, so that no line is read long before it is handled.
// A line of any length is read, but only its first bytes are kept: a
// pasted megabyte costs a refusal, not the console. When In ends, or
// early when ctx is done, it sends the read error (nil if none) on errc
// and then closes lines.
func (c *Console) read(ctx context.Context) (lines <-chan line, errc <-chan error) {
	out, ec := make(chan line), make(chan error, 1)
	go func() {
		defer close(out)
		r := bufio.NewReader(c.In)
		for {
			l, err := readLine(r, coach.MaxMessage+1)
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				ec <- err
				return
			}
			select {
			case out <- l:
			case <-ctx.Done():
				ec <- nil
				return
			}
		}
	}()
	return out, ec
}

// readLine reads the next line of r, keeping at most keep bytes of it. A
// last line without a newline is a line; io.EOF means there is none.
func readLine(r *bufio.Reader, keep int) (line, error) {
	var kept []byte
	size, ending := 0, 0 // ending: the bytes of "\n" or "\r\n" that end it
	cr := false          // the piece before ended with "\r"
	for {
		piece, err := r.ReadSlice('\n')
		size += len(piece)
		if room := keep - len(kept); room > 0 {
			kept = append(kept, piece[:min(len(piece), room)]...)
		}
		switch {
		case bytes.HasSuffix(piece, []byte("\r\n")), cr && string(piece) == "\n":
			ending = 2
		case bytes.HasSuffix(piece, []byte("\n")):
			ending = 1
		}
		cr = bytes.HasSuffix(piece, []byte("\r"))
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && (err != io.EOF || size == 0) {
			return line{}, err
		}
		break
	}
	size -= ending
	text := string(kept)
	if size <= len(text) {
		text = text[:size] // the whole line: cut its ending
	}
	return line{text: text, size: size}, nil
}

// errText is an OS error without the repeated path.
func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// fileDir is FileDir, "." if empty.
func (c *Console) fileDir() string {
	if c.FileDir == "" {
		return "."
	}
	return c.FileDir
}

// lifterDir is the name of the directory of a lifter's files in FileDir:
// their id with every byte but a-z, 0-9, "-" and "_" written as %XX. So no
// id reaches outside FileDir ("." and ".." are "%2E" and "%2E%2E"), two
// ids never share a directory, even on a file system that ignores case
// ("Ana" is "%41na"), and the empty id has one too.
func lifterDir(userID string) string {
	var b strings.Builder
	for i := 0; i < len(userID); i++ {
		switch ch := userID[i]; {
		case 'a' <= ch && ch <= 'z', '0' <= ch && ch <= '9', ch == '-', ch == '_':
			b.WriteByte(ch)
		default:
			fmt.Fprintf(&b, "%%%02X", ch)
		}
	}
	if b.Len() == 0 {
		return "%"
	}
	return b.String()
}

// Forget deletes the charts and exports saved for the lifter: their
// directory in FileDir, and no one else's.
func (c *Console) Forget(userID string) error {
	c.files.Lock()
	defer c.files.Unlock()
	if err := os.RemoveAll(filepath.Join(c.fileDir(), lifterDir(userID))); err != nil {
		return fmt.Errorf("console: %w", err)
	}
	return nil
}

// saveFile writes a reply's image or file into the directory of the
// lifter the reply answers, in FileDir, and returns its path.
func (c *Console) saveFile(to bot.User, f *bot.File) (string, error) {
	c.files.Lock()
	defer c.files.Unlock()
	dir := filepath.Join(c.fileDir(), lifterDir(to.ID))
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

// refuse prints a line of the console's own that says what was wrong, as
// the hub's error replies do.
func (c *Console) refuse(s string) {
	if c.JSON {
		b, _ := json.Marshal(jsonReply{Text: s, Error: true})
		c.write(string(b) + "\n")
		return
	}
	c.write(s + "\n\n")
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

// Send prints one reply. An image or a file is written into the
// lifter's directory in FileDir (saveFile) and its path printed.
func (c *Console) Send(_ context.Context, r bot.Reply) error {
	path := ""
	for _, f := range []*bot.File{r.Image, r.File} {
		if f == nil {
			continue
		}
		p, err := c.saveFile(r.To, f)
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
