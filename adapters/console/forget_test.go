package console

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/hubtest"
)

// savedWriter is the console's output: it counts the files the console
// saved and closes enough once it has saved want of them.
type savedWriter struct {
	mu     sync.Mutex
	out    strings.Builder
	want   int
	enough chan struct{}
	closed bool
}

func (w *savedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.out.Write(p)
	if !w.closed && strings.Count(w.out.String(), "\nSaved: ") >= w.want {
		w.closed = true
		close(w.enough)
	}
	return len(p), nil
}

func (w *savedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.String()
}

// gatedReader reads nothing until open is closed.
type gatedReader struct {
	open <-chan struct{}
	r    io.Reader
}

func (g gatedReader) Read(p []byte) (int, error) {
	<-g.open
	return g.r.Read(p)
}

// forget me in the console deletes the charts and exports saved for that
// lifter, once confirmed, and no one else's; the answers say so first.
func TestForgetMeDeletesTheLiftersFiles(t *testing.T) {
	hub := hubtest.New(t, hubtest.Config{})
	files := filepath.Join(t.TempDir(), "files")
	out := &savedWriter{want: 3, enough: make(chan struct{})}
	before := "log bench 100x5\nchart bench\nexport\n/as bo\nlog squat 100x5\nexport\n/as ana\nforget me\n"
	// The confirmation waits until the three files are saved: the
	// outbox sends them while the console reads on.
	in := io.MultiReader(strings.NewReader(before), gatedReader{open: out.enough, r: strings.NewReader("forget me confirm\n")})
	c := &Console{In: in, Out: out, User: "ana", FileDir: files, Handler: hub.Hub}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hub.Hub.Serve(ctx, c); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Saved: " + filepath.Join(files, "ana", "chart-bench-press.png"),
		"Saved: " + filepath.Join(files, "ana", "spotter-export.csv"),
		"Saved: " + filepath.Join(files, "bo", "spotter-export.csv"),
		"your sessions in every chat, and the charts and exports saved for you (copy any you want to keep first).",
		"your settings and your sessions, and the charts and exports saved for you. Spotter keeps nothing of you now.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if _, err := os.Stat(filepath.Join(files, "ana")); !os.IsNotExist(err) {
		t.Errorf("ana's files are still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(files, "bo", "spotter-export.csv")); err != nil {
		t.Errorf("bo's export went too: %v", err)
	}
}

// Each lifter's files are in a directory of their own inside FileDir,
// whatever their name: Forget of one never reaches another's files or
// anything outside FileDir.
func TestLifterDirsStayInsideFileDir(t *testing.T) {
	root := t.TempDir()
	files := filepath.Join(root, "files")
	keep := filepath.Join(root, "spotter.db")
	if err := os.WriteFile(keep, []byte("data"), 0o600); err != nil {
		t.Fatal(err)
	}
	ids := []string{"ana", "Ana", "", ".", "..", "../..", "a/b", `a\b`, "%", "%41na", "bo ", "bö", "con"}
	c := &Console{Out: io.Discard, FileDir: files}
	seen := map[string]string{}
	for _, id := range ids {
		d := lifterDir(id)
		if strings.ContainsAny(d, `/\.`) || d == "" {
			t.Errorf("%q has the directory %q", id, d)
		}
		if other, ok := seen[strings.ToLower(d)]; ok {
			t.Errorf("%q and %q share the directory %q", id, other, d)
		}
		seen[strings.ToLower(d)] = id
		r := bot.Reply{To: bot.User{ID: id, Name: id}, Text: "export", File: &bot.File{Name: "spotter-export.csv", Data: []byte(id)}}
		if err := c.Send(context.Background(), r); err != nil {
			t.Fatalf("%q: %v", id, err)
		}
	}
	for i, id := range ids {
		if err := c.Forget(id); err != nil {
			t.Fatalf("forget %q: %v", id, err)
		}
		for _, other := range ids[i+1:] {
			data, err := os.ReadFile(filepath.Join(files, lifterDir(other), "spotter-export.csv"))
			if err != nil || string(data) != other {
				t.Fatalf("after forgetting %q, %q's export: %q, %v", id, other, data, err)
			}
		}
		if _, err := os.Stat(filepath.Join(files, lifterDir(id))); !os.IsNotExist(err) {
			t.Errorf("%q's directory is still there: %v", id, err)
		}
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the data file next to files/ went: %v", err)
	}
	// Forgetting a lifter with no files is no error.
	if err := c.Forget("nobody"); err != nil {
		t.Error(err)
	}
}
