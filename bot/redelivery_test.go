package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// Every command writes in the transaction that records its message's id,
// so a platform redelivering a message (after a crash between the write
// and the reply, or from a second look at an id not yet stored) changes
// nothing and answers nothing the second time, and a write that failed
// left nothing behind for the redelivery to double.

// faultyStore stands between the hub and its file. It can fail the first
// write of each message (the process dying inside the transaction) and
// be blind to the ids already stored (a redelivery that reaches the
// handlers before the first delivery's write is visible).
type faultyStore struct {
	*store.DB
	failFirst atomic.Bool
	blind     bool

	mu     sync.Mutex
	failed map[string]bool // message ids whose first write failed
}

func (s *faultyStore) Apply(ch record.Change) error {
	if ch.SeenID != "" && s.failFirst.Load() {
		s.mu.Lock()
		first := !s.failed[ch.SeenID]
		if s.failed == nil {
			s.failed = map[string]bool{}
		}
		s.failed[ch.SeenID] = true
		s.mu.Unlock()
		if first {
			return errors.New("the disk went away during the write")
		}
	}
	return s.DB.Apply(ch)
}

func (s *faultyStore) Seen(platform, id string) (bool, error) {
	if s.blind {
		return false, nil
	}
	return s.DB.Seen(platform, id)
}

// lifterState is everything the store keeps that the redelivered commands
// change: ana's sets and settings, the server's gym, every session and
// timer, as JSON.
func lifterState(t *testing.T, db *store.DB) string {
	t.Helper()
	sets, err1 := db.Sets("test", "ana")
	settings, hasSettings, err2 := db.Settings("test", "ana")
	gym, hasGym, err3 := db.Gym("test", "guild")
	sessions, err4 := db.Sessions()
	timers, err5 := db.Timers()
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(struct {
		Sets                []record.Set
		Settings            record.Settings
		HasSettings, HasGym bool
		Gym                 record.GymRacks
		Sessions            []record.Session
		Timers              []record.Timer
	}{sets, settings, hasSettings, hasGym, gym, sessions, timers})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// redelivered is a command whose messages are delivered again: the
// lifter's history first (one message each, delivered once), then the
// messages under test.
type redelivered struct {
	name string
	msgs []Message
}

func redeliveries(t *testing.T) []redelivered {
	csv, err := os.ReadFile(filepath.Join("..", "coach", "testdata", "import", "strong_comma.csv"))
	if err != nil {
		t.Fatal(err)
	}
	msg := func(name string, i int, text string, file *File) Message {
		// An admin of the server "guild", in its channel "gym".
		return Message{Platform: "test", ChatID: "gym", Space: "guild", UserID: "ana", UserName: "ana", Group: true, Admin: true,
			Text: text, File: file, ID: fmt.Sprintf("%s-%d", name, i)}
	}
	return []redelivered{
		{"undo", []Message{msg("undo", 0, "undo", nil)}},
		{"import", []Message{msg("import", 0, "import", &File{Name: "strong.csv", MIME: "text/csv", Data: csv})}},
		{"forget", []Message{msg("forget", 0, "forget me", nil), msg("forget", 1, "forget me confirm", nil)}},
		{"settings", []Message{msg("settings", 0, "settings units lb", nil)}},
		{"gym", []Message{msg("gym", 0, "gym kg bar 15", nil)}},
	}
}

// history gives ana three entries and her own settings.
func history(r *rig) {
	r.t.Helper()
	for _, text := range []string{"log bench 100x5", "log squat 140x3", "log deadlift 180x2", "settings tz Europe/Berlin"} {
		if rep := r.say("ana", text); rep.Error {
			r.t.Fatalf("%s: %q", text, rep.Text)
		}
	}
}

func handle(t *testing.T, r *rig, m Message) {
	t.Helper()
	if err := r.hub.Handle(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	synctest.Wait()
}

// The hub stores a command with its id and dies before its reply goes
// out (the platform is unreachable until shutdown); the platform delivers
// the message again to the restarted hub. The restarted hub sends the
// replies stored with the first delivery, each once; the second delivery
// changes nothing and sends nothing more.
func TestRedeliveryAfterACrashBetweenWriteAndReply(t *testing.T) {
	for _, c := range redeliveries(t) {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "s.db")
				r := startRig(t, path, &sink{}, nil, Config{})
				history(r)
				before := lifterState(t, r.db)
				r.stop()

				down := &sink{refuse: func(Reply, int) error { return errors.New("connection reset by peer") }}
				r = startRig(t, path, down, nil, Config{})
				for _, m := range c.msgs {
					handle(t, r, m)
				}
				once := lifterState(t, r.db)
				r.stop() // the flush deadline passes with the replies unsent
				if n := len(down.all()); n != 0 {
					t.Fatalf("%d replies reached the platform; the crash came too late", n)
				}
				if once == before {
					t.Fatalf("%s wrote nothing", c.name)
				}

				kept := keptTexts(t, path)
				if len(kept) == 0 {
					t.Fatal("no reply was stored with the change")
				}
				up := &sink{}
				r = startRig(t, path, up, nil, Config{})
				defer r.stop()
				for _, m := range c.msgs {
					if seen, _ := r.db.Seen(m.Platform, m.ID); !seen {
						t.Errorf("message %s was written without its id", m.ID)
					}
					handle(t, r, m)
				}
				time.Sleep(time.Minute)
				synctest.Wait()
				var got []string
				for _, m := range up.all() {
					got = append(got, m.r.Text)
				}
				if !slices.Equal(got, kept) {
					t.Errorf("after the restart the platform got\n%q\nwant the stored replies once each:\n%q", got, kept)
				}
				if left := keptTextsOf(t, r.db); len(left) != 0 {
					t.Errorf("replies still stored after they went out: %q", left)
				}
				if again := lifterState(t, r.db); again != once {
					t.Errorf("the redelivery changed the store:\nonce  %s\nagain %s", once, again)
				}
			})
		})
	}
}

// The write of a command fails (the process dies inside the transaction):
// nothing of it lasts, not even a part written on the side, so the
// platform's redelivery does it once, and a third delivery nothing.
func TestRedeliveryAfterAFailedWrite(t *testing.T) {
	for _, c := range redeliveries(t) {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, fs := &sink{}, &faultyStore{}
				r := startRigOver(t, filepath.Join(t.TempDir(), "s.db"), s, nil, Config{},
					func(db *store.DB) Store { fs.DB = db; return fs })
				defer r.stop()
				history(r)
				fs.failFirst.Store(true)
				start := lifterState(t, r.db)
				// The gym the hub plans on, as the server's members see it.
				shows := 0
				gym := func() string {
					shows++
					fs.failFirst.Store(false)
					defer fs.failFirst.Store(true)
					m := Message{Platform: "test", ChatID: "gym", Space: "guild", UserID: "bo", UserName: "bo", Group: true, Text: "gym", ID: fmt.Sprint("show-", shows)}
					handle(t, r, m)
					return s.last().Text
				}
				for _, m := range c.msgs {
					planned := gym()
					before, sent := lifterState(t, r.db), len(s.all())
					handle(t, r, m)
					if rep := s.last(); len(s.all()) != sent+1 || rep.Text != genericError {
						t.Fatalf("%s: the failed write was answered %q", m.Text, rep.Text)
					}
					if after := lifterState(t, r.db); after != before {
						t.Fatalf("%s: a failed write left changes:\nbefore %s\nafter  %s", m.Text, before, after)
					}
					if now := gym(); now != planned {
						t.Fatalf("%s: after a failed write the hub plans on another gym:\n%s\nnot\n%s", m.Text, now, planned)
					}
					sent = len(s.all())
					handle(t, r, m)
					if rep := s.last(); len(s.all()) != sent+1 || rep.Error {
						t.Fatalf("%s: the redelivery after the failure was answered %q", m.Text, rep.Text)
					}
					once := lifterState(t, r.db)
					handle(t, r, m)
					if n := len(s.all()); n != sent+1 {
						t.Errorf("%s: a third delivery was answered: %q", m.Text, s.last().Text)
					}
					if again := lifterState(t, r.db); again != once {
						t.Errorf("%s: a third delivery changed the store:\nonce  %s\nagain %s", m.Text, once, again)
					}
				}
				if lifterState(t, r.db) == start {
					t.Errorf("%s wrote nothing", c.name)
				}
			})
		})
	}
}

// A redelivery that reaches the handlers, because the store could not
// yet tell the id was stored, is refused by the write itself: the first
// delivery's effect stays the only one, and it is answered once.
func TestRedeliveryThatReachesTheHandlers(t *testing.T) {
	for _, c := range redeliveries(t) {
		t.Run(c.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := &sink{}
				r := startRigOver(t, filepath.Join(t.TempDir(), "s.db"), s, nil, Config{},
					func(db *store.DB) Store { return &faultyStore{DB: db, blind: true} })
				defer r.stop()
				history(r)
				start := lifterState(t, r.db)
				for _, m := range c.msgs {
					sent := len(s.all())
					handle(t, r, m)
					once := lifterState(t, r.db)
					handle(t, r, m)
					if n := len(s.all()); n != sent+1 {
						t.Errorf("%s delivered twice was answered %d times", m.Text, n-sent)
					}
					if again := lifterState(t, r.db); again != once {
						t.Errorf("%s: the second delivery changed the store:\nonce  %s\nagain %s", m.Text, once, again)
					}
				}
				if lifterState(t, r.db) == start {
					t.Errorf("%s wrote nothing", c.name)
				}
			})
		})
	}
}

// Undo delivered twice in a row under one id removes one entry.
func TestUndoDeliveredTwiceRemovesOneEntry(t *testing.T) {
	for _, blind := range []bool{false, true} {
		t.Run(fmt.Sprint("blind=", blind), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := &sink{}
				r := startRigOver(t, filepath.Join(t.TempDir(), "s.db"), s, nil, Config{},
					func(db *store.DB) Store { return &faultyStore{DB: db, blind: blind} })
				defer r.stop()
				history(r)
				undo := Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Group: true, Text: "undo", ID: "undo-twice"}
				sent := len(s.all())
				handle(t, r, undo)
				handle(t, r, undo)
				sets, err := r.db.Sets("test", "ana")
				if err != nil {
					t.Fatal(err)
				}
				var left []string
				for _, st := range sets {
					left = append(left, st.Exercise)
				}
				if strings.Join(left, ", ") != "bench press, back squat" {
					t.Errorf("left after undo twice: %v; want bench press and back squat", left)
				}
				var removed []string
				for _, m := range s.all()[sent:] {
					removed = append(removed, m.r.Text)
				}
				if len(removed) != 1 || !strings.HasPrefix(removed[0], "Removed deadlift") {
					t.Errorf("answers: %q; want one Removed deadlift", removed)
				}
			})
		})
	}
}

// keptTexts are the texts of the replies stored in the file at path and
// not yet marked sent, in their order.
func keptTexts(t *testing.T, path string) []string {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return keptTextsOf(t, db)
}

func keptTextsOf(t *testing.T, db Store) []string {
	t.Helper()
	out, err := db.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, o := range out {
		r, err := decodeReply(o.Data)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, r.Text)
	}
	return texts
}
