package bot

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// holdWork makes the hub's workers wait, as they begin a job of user,
// until the returned release is called; every job of other users runs at
// once. Call it before the first message of the test.
func holdWork(r *rig, user string) (release func()) {
	gate := make(chan struct{})
	r.hub.work.gate = func(m Message) {
		if m.UserID == user {
			<-gate
		}
	}
	return sync.OnceFunc(func() { close(gate) })
}

func strongCSV(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "coach", "testdata", "import", "strong_comma.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// submit hands a message to the hub without waiting for its answer.
func (r *rig) submit(chat, user, text string, file *File) Message {
	r.t.Helper()
	msgSeq++
	m := Message{Platform: "test", ChatID: chat, UserID: user, UserName: user, Text: text, Group: true, ID: fmt.Sprint("m", msgSeq), File: file}
	if err := r.hub.Submit(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	return m
}

// answers are the replies to message m, in the order they were sent, and
// where in all that was sent each went.
func answers(s *sink, m Message) (rs []Reply, at []int) {
	for i, x := range s.all() {
		if x.r.InReplyTo == m.ID {
			rs = append(rs, x.r)
			at = append(at, i)
		}
	}
	return rs, at
}

// While a lifter's chart or import is held in a worker, another lifter is
// answered and a third lifter's rest ping goes out on time; the first
// lifter's next messages, in the same chat and in another, wait, and are
// answered after the slow one and see what it wrote.
func TestSlowWorkHoldsUpOnlyItsLifter(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		file       bool
		answer     func(Reply) bool
		history    string // in ana's history after it
	}{
		{"chart", "chart bench", false, func(r Reply) bool { return r.Image != nil && r.Private }, "bench press 100 kg 1×5"},
		{"import", "import", true, func(r Reply) bool { return strings.Contains(r.Text, "6 sets imported") }, "Mon 15 Jan"},
		// Records of every exercise decode the whole history.
		{"pr of everything", "pr", false, func(r Reply) bool { return strings.Contains(r.Text, "bench press") }, "bench press 100 kg 1×5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
				defer r.stop()
				release := holdWork(r, "ana")
				defer release()
				r.say("ana", "log bench 100x5")
				time.Sleep(24 * time.Hour)
				// cy rests 15 s from now.
				r.say("cy", "rp 100kg squat")
				r.say("cy", "start")
				r.say("cy", "done 8")
				due := time.Now().Add(15 * time.Second)

				var file *File
				if tc.file {
					file = &File{Name: "strong.csv", MIME: "text/csv", Data: strongCSV(t)}
				}
				slow := r.submit("gym", "ana", tc.text, file)
				next := r.submit("gym", "ana", "history", nil)
				elsewhere := r.submit("gym-2", "ana", "history 20", nil)
				synctest.Wait()

				if rep := r.say("bo", "log squat 100x5"); rep.To.ID != "bo" || !strings.HasPrefix(rep.Text, "Logged back squat") {
					t.Errorf("bo waited for ana's %s: last reply %+v", tc.name, rep)
				}
				time.Sleep(15 * time.Second)
				synctest.Wait()
				if pings := r.sink.pings(); len(pings) != 1 || !pings[0].at.Equal(due) {
					t.Errorf("cy's ping: %d sent, want 1 at %v: %+v", len(pings), due, pings)
				}
				for _, m := range []Message{slow, next, elsewhere} {
					if rs, _ := answers(r.sink, m); len(rs) != 0 {
						t.Errorf("%q was answered while ana's %s was held: %q", m.Text, tc.name, rs[0].Text)
					}
				}

				release()
				synctest.Wait()
				rs, at := answers(r.sink, slow)
				if len(rs) != 1 || !tc.answer(rs[0]) {
					t.Fatalf("the %s was answered %+v", tc.name, rs)
				}
				hs, hat := answers(r.sink, next)
				es, _ := answers(r.sink, elsewhere)
				if len(hs) != 1 || len(es) != 1 {
					t.Fatalf("ana's messages after the %s were answered %d and %d times", tc.name, len(hs), len(es))
				}
				// One chat's answers go out in order; chats are sent
				// apart, so the other chat's answer shows its order by
				// having waited and by what it shows.
				if at[0] > hat[0] {
					t.Errorf("ana's answers out of order: the %s sent %d., the history after it %d.", tc.name, at[0], hat[0])
				}
				for _, h := range []Reply{hs[0], es[0]} {
					if !strings.Contains(h.Text, tc.history) {
						t.Errorf("the history after the %s does not show it:\n%s", tc.name, h.Text)
					}
				}
			})
		})
	}
}

// A message whose slow work is in flight is done, for Handle, when its
// answer is queued: the console prints answers in order.
func TestHandleWaitsForSlowWork(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		release := holdWork(r, "ana")
		r.say("ana", "log bench 100x5")
		handled := make(chan struct{})
		go func() {
			defer close(handled)
			r.hub.Handle(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Text: "chart bench", ID: "chart-1"})
		}()
		synctest.Wait()
		select {
		case <-handled:
			t.Fatal("Handle returned while the chart was being drawn")
		default:
		}
		release()
		<-handled
		synctest.Wait() // the outbox sends it
		if rs, _ := answers(r.sink, Message{ID: "chart-1"}); len(rs) != 1 || rs[0].Image == nil {
			t.Errorf("chart answers: %+v", rs)
		}
	})
}

// An import begun when the bot shuts down runs to its end: it is stored
// and answered once, and delivered again to the restarted bot it adds
// nothing and answers nothing.
func TestShutdownFinishesAnImportBegun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		s := &sink{}
		r := startRig(t, path, s, nil, Config{})
		release := holdWork(r, "ana")
		m := r.submit("gym", "ana", "import", &File{Name: "strong.csv", MIME: "text/csv", Data: strongCSV(t)})
		synctest.Wait() // the worker has begun
		go func() {
			time.Sleep(time.Second) // within FlushTimeout
			release()
		}()
		r.stop()
		if rs, _ := answers(s, m); len(rs) != 1 || !strings.Contains(rs[0].Text, "6 sets imported") {
			t.Fatalf("the import begun before shutdown was answered %+v", rs)
		}

		up := &sink{}
		r = startRig(t, path, up, nil, Config{})
		defer r.stop()
		handle(t, r, m)
		if got := up.all(); len(got) != 0 {
			t.Errorf("the redelivered import was answered: %q", got[0].r.Text)
		}
		if sets, _ := r.db.Sets("test", "ana"); len(sets) != 6 {
			t.Errorf("%d sets after the import and its redelivery, want 6", len(sets))
		}
	})
}

// Shutdown does not wait for ever on slow work: after FlushTimeout it
// goes on. The import, stored by none, is done once when delivered again.
func TestShutdownDoesNotHangOnSlowWork(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		s := &sink{}
		r := startRig(t, path, s, nil, Config{FlushTimeout: 2 * time.Second})
		release := holdWork(r, "ana")
		m := r.submit("gym", "ana", "import", &File{Name: "strong.csv", MIME: "text/csv", Data: strongCSV(t)})
		queued := r.submit("gym", "ana", "history", nil)
		synctest.Wait()
		start := time.Now()
		r.stop() // the file is closed under the held worker
		if waited := time.Since(start); waited != 2*time.Second {
			t.Errorf("shutdown took %v, want the FlushTimeout of 2s", waited)
		}
		release()
		synctest.Wait()
		if got := s.all(); len(got) != 0 {
			t.Errorf("answered across the shutdown: %q", got[0].r.Text)
		}

		up := &sink{}
		r = startRig(t, path, up, nil, Config{})
		defer r.stop()
		handle(t, r, m)
		handle(t, r, m)
		handle(t, r, queued)
		if rs, _ := answers(up, m); len(rs) != 1 || !strings.Contains(rs[0].Text, "6 sets imported") {
			t.Errorf("the import delivered again was answered %+v", rs)
		}
		if sets, _ := r.db.Sets("test", "ana"); len(sets) != 6 {
			t.Errorf("%d sets after the import delivered twice, want 6", len(sets))
		}
		if rs, _ := answers(up, queued); len(rs) != 1 || !strings.Contains(rs[0].Text, "Mon 15 Jan") {
			t.Errorf("the history that waited behind the import: %+v", rs)
		}
	})
}

// Jobs beyond the workers wait their turn; every lifter gets their chart.
func TestSlowWorkBeyondTheWorkers(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		n := r.hub.work.workers + 3
		var msgs []Message
		for i := range n {
			user := fmt.Sprint("lifter", i)
			r.say(user, "log bench 100x5")
			msgs = append(msgs, r.submit("gym", user, "chart bench", nil))
		}
		synctest.Wait()
		for _, m := range msgs {
			if rs, _ := answers(r.sink, m); len(rs) != 1 || rs[0].Image == nil {
				t.Errorf("%s's chart: %+v", m.UserID, rs)
			}
		}
		if w := &r.hub.work; w.running != 0 || len(w.waiting) != 0 || len(w.lanes) != 0 {
			t.Errorf("work left: %d running, %d waiting, %d lanes", w.running, len(w.waiting), len(w.lanes))
		}
	})
}
