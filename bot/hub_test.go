package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/record"
)

func TestRestPauseSessionPingsAfterEachRest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		t0 := time.Now()
		if rep := r.say("ana", "rp 100kg squat"); rep.Plan == nil || len(rep.Buttons) == 0 || cmdOf(rep.Buttons[0][0]) != "start" || rep.InReplyTo != fmt.Sprint("m", msgSeq) {
			t.Fatalf("plan reply has no Start button or does not name its message: %+v", rep)
		}
		rep := r.say("ana", "start")
		if !strings.Contains(rep.Text, "set, 100 kg, to failure") {
			t.Fatalf("start: %q", rep.Text)
		}
		rep = r.say("ana", "done 8")
		if !strings.Contains(rep.Text, "Rest 15 s") || !strings.Contains(rep.Text, "mini-set 1, 100 kg") {
			t.Fatalf("done 8: %q", rep.Text)
		}
		if n := len(r.sink.pings()); n != 0 {
			t.Fatalf("%d pings before the rest ended", n)
		}
		time.Sleep(15 * time.Second)
		synctest.Wait()
		pings := r.sink.pings()
		if len(pings) != 1 {
			t.Fatalf("after 15 s: %d pings, want 1", len(pings))
		}
		p := pings[0]
		if got := p.at.Sub(t0); got != 15*time.Second {
			t.Errorf("ping at +%v, want +15s", got)
		}
		if p.r.Pings[0].To.ID != "ana" || p.r.Pings[0].Text != "GO: mini-set 1, 100 kg, as many as you can" {
			t.Errorf("ping: %+v", p.r.Pings)
		}
		r.say("ana", "done 3")
		time.Sleep(15 * time.Second)
		synctest.Wait()
		if n := len(r.sink.pings()); n != 2 {
			t.Fatalf("after the second rest: %d pings, want 2", n)
		}
		r.say("ana", "done 2")
		sum := r.sink.last().Text
		for _, want := range []string{"Set: 100 kg × 8", "Mini-set 1: 100 kg × 3", "Mini-set 2: 100 kg × 2", "Total 13 reps, volume 1300 kg"} {
			if !strings.Contains(sum, want) {
				t.Errorf("summary lacks %q:\n%s", want, sum)
			}
		}
		sets, err := r.db.Sets("test", "ana")
		if err != nil {
			t.Fatal(err)
		}
		if len(sets) != 3 || sets[0].Reps != 8 || sets[2].Reps != 2 || sets[0].Technique != "rest_pause" || sets[0].Session == "" || sets[1].Kind != "mini" {
			t.Errorf("history: %+v", sets)
		}
		time.Sleep(time.Second) // delivered pings are marked sent in batches
		synctest.Wait()
		timers, _ := r.db.Timers()
		if len(timers) != 0 {
			t.Errorf("%d timers left in the store", len(timers))
		}
	})
}

func TestBackOffSessionRestsThenAMRAP(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("bo", "backoff 100kg bench")
		r.say("bo", "start")
		// Two warm-ups and five heavy sets: 2 min rests, then 30 s before the AMRAP.
		for i := range 7 {
			rep := r.say("bo", "done")
			want := "Rest 2 min"
			if i == 6 {
				want = "Rest 30 s"
			}
			if !strings.Contains(rep.Text, want) {
				t.Fatalf("step %d: %q lacks %q", i+1, rep.Text, want)
			}
			if i < 6 {
				time.Sleep(2 * time.Minute)
			} else {
				time.Sleep(30 * time.Second)
			}
			synctest.Wait()
			if n := len(r.sink.pings()); n != i+1 {
				t.Fatalf("after rest %d: %d pings", i+1, n)
			}
		}
		if last := r.sink.pings()[6].r.Pings[0].Text; last != "GO: back-off, 50 kg (take off 25 + 5 + 2.5 a side, then put on 15 a side), as many as you can" {
			t.Errorf("last ping %q", last)
		}
		if rep := r.say("bo", "done"); !strings.Contains(rep.Text, "How many reps") {
			t.Errorf("an AMRAP without reps: %q", rep.Text)
		}
		r.say("bo", "done 20")
		if sum := r.sink.last().Text; !strings.Contains(sum, "Back-off: 50 kg × 20") || !strings.Contains(sum, "Total 33 reps") {
			t.Errorf("summary:\n%s", sum)
		}
	})
}

func TestDropSetHasNoRest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("cy", "drop 80kg bench")
		r.say("cy", "start")
		rep := r.say("cy", "done 10")
		if !strings.Contains(rep.Text, "Now: drop 1, 67.5 kg (take off 5 + 1.25 a side), ~8 reps") {
			t.Errorf("next drop not shown at once: %q", rep.Text)
		}
		if timers, _ := r.db.Timers(); len(timers) != 0 {
			t.Errorf("a drop set scheduled %d timers", len(timers))
		}
	})
}

func TestJapaneseLadderAdaptsToReps(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("di", "japanese ladder 100kg bench x5 fast")
		r.say("di", "start")
		// 4 reps (< 6): the top of the fast range, -15 %: 85 kg.
		if rep := r.say("di", "done 4"); !strings.Contains(rep.Text, "drop 1, 85 kg") {
			t.Fatalf("after 4 reps: %q", rep.Text)
		}
		// 12 reps (> 10): the bottom, -10 %: 76.5 -> 77.5 kg.
		if rep := r.say("di", "done 12"); !strings.Contains(rep.Text, "drop 2, 77.5 kg") {
			t.Fatalf("after 12 reps: %q", rep.Text)
		}
		// 9 more: 25 in all, the ladder is over.
		r.say("di", "done 9")
		all := r.sink.all()
		if !strings.Contains(all[len(all)-2].r.Text, "25 reps in all") || !strings.Contains(r.sink.last().Text, "Total 25 reps") {
			t.Errorf("ladder did not end at 25:\n%s\n%s", all[len(all)-2].r.Text, r.sink.last().Text)
		}
	})
}

func TestStartAsksBeforeReplacingASession(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("ed", "rp 100kg squat")
		r.say("ed", "start")
		r.say("ed", "done 8")
		// The plan itself asks: the running session goes on until start.
		if rep := r.say("ed", "drop 80kg bench"); !strings.Contains(rep.Text, "You are in the middle of") {
			t.Fatalf("a plan mid-session did not ask: %q", rep.Text)
		}
		r.say("ed", "start")
		if rep := r.sink.last(); !strings.Contains(rep.Text, "Started drop set: bench press") {
			t.Fatalf("confirmed start: %q", rep.Text)
		}
		// The replaced session's pending rest is cancelled.
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := len(r.sink.pings()); n != 0 {
			t.Errorf("the replaced session still pinged %d times", n)
		}
	})
}

func TestReportWithoutSessionAndOtherLiftersSessions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("fa", "rp 100kg squat")
		r.say("fa", "start")
		// Another lifter pressing "done" in the same chat has no session:
		// fa's session does not move.
		if rep := r.say("gu", "done 8"); !rep.Error || !strings.Contains(rep.Text, "No session running") {
			t.Errorf("gu's done: %+v", rep)
		}
		if rep := r.say("fa", "done 8"); !strings.Contains(rep.Text, "Set: 8 reps") {
			t.Errorf("fa's session moved: %q", rep.Text)
		}
	})
}

func TestTenLiftersPingsMergeWithinPace(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pace := telegramPace
		s := &sink{}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, pace, Config{})
		defer r.stop()
		users := make([]string, 10)
		for i := range users {
			users[i] = fmt.Sprintf("u%d", i)
			r.say(users[i], "rp 100kg squat")
		}
		for _, u := range users {
			r.say(u, "start")
		}
		// All ten finish their first set in the same second: their rests end together.
		for _, u := range users {
			msgSeq++
			if err := r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: u, UserName: u, Text: "done 8", Group: true, ID: fmt.Sprint("m", msgSeq)}); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(2 * time.Minute)
		synctest.Wait()
		// Under Telegram's group pace the replies queue up and go out merged
		// with the pings: every lifter still gets every answer and one GO.
		gos, answers := map[string]int{}, map[string]int{}
		for _, m := range s.all() {
			if len(m.r.Pings) == 0 {
				answers[m.r.To.ID]++
				continue
			}
			for _, pg := range m.r.Pings {
				if strings.HasPrefix(pg.Text, "GO") {
					gos[pg.To.ID]++
				} else {
					answers[pg.To.ID]++
				}
			}
		}
		for _, u := range users {
			if gos[u] != 1 || answers[u] != 3 { // plan, start, done
				t.Errorf("%s: %d GO pings, %d answers; want 1 and 3", u, gos[u], answers[u])
			}
		}
		if n := len(s.all()); n >= 40 {
			t.Errorf("%d messages for 40 answers and pings: nothing merged", n)
		}
		assertPace(t, s.all(), pace, true)
	})
}

// assertPace checks that no window of the pace ever held more sends than allowed.
func assertPace(t *testing.T, msgs []sent, pace Pace, group bool) {
	t.Helper()
	for _, w := range pace {
		if w.GroupOnly && !group {
			continue
		}
		for i := range msgs {
			n := 0
			for j := i; j < len(msgs) && msgs[j].at.Sub(msgs[i].at) < w.Per; j++ {
				n++
			}
			if n > w.N {
				t.Fatalf("%d messages within %v from +%v: pace allows %d", n, w.Per, msgs[i].at, w.N)
			}
		}
	}
}

type retryAfter time.Duration

func (e retryAfter) Error() string             { return "429 too many requests" }
func (e retryAfter) RetryAfter() time.Duration { return time.Duration(e) }

func TestRetryAfterIsWaitedOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		refused := 0
		var refusedAt time.Time
		s.refuse = func(r Reply, attempt int) error {
			if len(r.Pings) > 0 && refused == 0 {
				refused++
				refusedAt = time.Now()
				return retryAfter(7 * time.Second)
			}
			return nil
		}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, nil, Config{})
		defer r.stop()
		r.say("ha", "quickrp 100kg bench")
		r.say("ha", "start")
		r.say("ha", "done 6")
		time.Sleep(time.Minute)
		synctest.Wait()
		pings := s.pings()
		if refused != 1 || len(pings) != 1 {
			t.Fatalf("refused %d, delivered %d pings", refused, len(pings))
		}
		if d := pings[0].at.Sub(refusedAt); d != 7*time.Second {
			t.Errorf("retried after %v, want the 7 s the platform asked for", d)
		}
		if timers, _ := r.db.Timers(); len(timers) != 0 {
			t.Errorf("the delivered ping's timer is still pending")
		}
	})
}

func TestTransientFailuresBackOffAndDeliver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		fails := 0
		s.refuse = func(r Reply, attempt int) error {
			if fails < 3 {
				fails++
				return errors.New("connection reset")
			}
			return nil
		}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, nil, Config{})
		defer r.stop()
		start := time.Now()
		r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: "io", UserName: "io", Text: "help"})
		time.Sleep(time.Minute)
		synctest.Wait()
		all := s.all()
		if len(all) != 1 {
			t.Fatalf("%d sent", len(all))
		}
		// Back-off of 1 s, 2 s, 4 s.
		if d := all[0].at.Sub(start); d != 7*time.Second {
			t.Errorf("delivered after %v, want 7s of back-off", d)
		}
	})
}

func TestRedeliveredMessageIsProcessedOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		r := startRig(t, path, &sink{}, nil, Config{})
		m := Message{Platform: "test", ChatID: "gym", UserID: "jo", UserName: "jo", Text: "rp 100kg squat", ID: "u1"}
		ctx := context.Background()
		for _, text := range []string{"rp 100kg squat", "start", "done 8"} {
			m.Text, m.ID = text, "id-"+text
			r.hub.Handle(ctx, m)
			r.hub.Handle(ctx, m) // the platform sends it again
		}
		synctest.Wait()
		if n := len(r.sink.all()); n != 3 {
			t.Errorf("%d replies to 3 messages sent twice", n)
		}
		r.stop()
		// After a restart the ids are still remembered.
		r = startRig(t, path, &sink{}, nil, Config{})
		defer r.stop()
		r.hub.Handle(ctx, m)
		time.Sleep(20 * time.Second)
		synctest.Wait()
		if n := len(r.sink.all()); n != 1 { // only the ping that came due
			t.Errorf("after restart: %d messages, want only the ping", n)
		}
		sets, _ := r.db.Sets("test", "jo")
		if len(sets) != 1 {
			t.Errorf("%d sets stored for one done", len(sets))
		}
	})
}

func TestRestartDeliversLateAndMissedPings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		r := startRig(t, path, &sink{}, nil, Config{})
		// ka's rest ends in 15 s, lu's in 2 min.
		r.say("ka", "rp 100kg squat")
		r.say("ka", "start")
		r.say("ka", "done 8")
		r.say("lu", "backoff 100kg bench")
		r.say("lu", "start")
		r.say("lu", "done")
		r.stop() // the bot goes down with both timers pending

		// Back 1 minute later: ka's ping is 45 s late, lu's is still ahead.
		time.Sleep(time.Minute)
		s := &sink{}
		r = startRig(t, path, s, nil, Config{})
		synctest.Wait()
		if p := s.pings(); len(p) != 1 || p[0].r.Pings[0].To.ID != "ka" || !strings.Contains(p[0].r.Pings[0].Text, "45 s late") {
			t.Fatalf("late ping: %+v", p)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if p := s.pings(); len(p) != 2 || p[1].r.Pings[0].To.ID != "lu" || p[1].r.Pings[0].Text != "GO: warm-up 2, 60 kg (take off 15 a side, then put on 20 a side), 4 reps" {
			t.Fatalf("on-time ping after restart: %+v", p)
		}
		// lu reports again and the bot is down for half an hour.
		msgSeq++
		r.hub.Handle(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: "lu", UserName: "lu", Text: "done", ID: fmt.Sprint("m", msgSeq)})
		r.stop()
		time.Sleep(30 * time.Minute)
		s = &sink{}
		r = startRig(t, path, s, nil, Config{})
		defer r.stop()
		synctest.Wait()
		p := s.pings()
		if len(p) != 1 || !strings.Contains(p[0].r.Pings[0].Text, "Missed while the bot was offline") {
			t.Fatalf("missed ping: %+v", p)
		}
		time.Sleep(time.Hour)
		synctest.Wait()
		if n := len(s.pings()); n != 1 {
			t.Errorf("%d pings, want exactly 1 (none doubled)", n)
		}
		if timers, _ := r.db.Timers(); len(timers) != 0 {
			t.Errorf("%d timers still pending", len(timers))
		}
	})
}

func TestShutdownFlushesAndStopsTakingMessages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, discordPace, Config{FlushTimeout: 3 * time.Second})
		// Twelve replies queued in one channel: at 5 per 5 s the flush
		// deadline of 3 s cuts the queue short.
		for i := range 12 {
			r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "c", UserID: "x", UserName: "x", Text: "help", ID: fmt.Sprint("h", i)})
		}
		synctest.Wait()
		r.stop()
		if n := len(s.all()); n != 5 {
			t.Errorf("%d sent before the flush deadline, want 5", n)
		}
		if err := r.hub.Submit(context.Background(), Message{Platform: "test", Text: "help"}); !errors.Is(err, ErrStopped) {
			t.Errorf("Submit after shutdown: %v", err)
		}
		// synctest.Test fails if any goroutine of the hub is left running.
	})
}

func TestInteractionAnswersAreNotPacedAsChannelMessages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, discordPace, Config{})
		defer r.stop()
		for i := range 12 {
			u := fmt.Sprint("u", i)
			r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "c", UserID: u, UserName: u, Text: "help", Group: true, Slash: true, ID: fmt.Sprint("i", i)})
		}
		synctest.Wait()
		if n := len(s.all()); n != 12 {
			t.Errorf("%d of 12 slash answers sent at once; the channel pace held them back", n)
		}
		for i := range 12 {
			u := fmt.Sprint("v", i)
			r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "c", UserID: u, UserName: u, Text: "help", Group: true, ID: fmt.Sprint("t", i)})
		}
		synctest.Wait()
		if n := len(s.all()); n != 12+5 {
			t.Errorf("%d sent: channel messages beyond 5 in 5 s went out", n)
		}
	})
}

// A restarted bot does not know what the process before it sent: its first
// messages to a chat keep the pace as if the windows were full.
func TestPaceHoldsAcrossARestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		r := startRig(t, path, &sink{}, telegramPace, Config{})
		r.say("ana", "rp 100kg squat")
		r.stop()
		s := &sink{}
		r = startRig(t, path, s, telegramPace, Config{})
		defer r.stop()
		start := time.Now()
		r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: "bo", UserName: "bo", Text: "help", Group: true, ID: "after"})
		time.Sleep(10 * time.Second)
		synctest.Wait()
		all := s.all()
		if len(all) != 1 || all[0].at.Sub(start) < 3*time.Second {
			t.Errorf("first message after a restart at +%v; want it held for the group's 3 s", all[0].at.Sub(start))
		}
	})
}

// Answers to interactions are never merged into channel messages (they
// must reach their interaction) and go ahead of replies the pace holds.
func TestInteractionAnswersPassHeldReplies(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, discordPace, Config{})
		defer r.stop()
		ctx := context.Background()
		for i := range 9 {
			u := fmt.Sprint("u", i)
			r.hub.Submit(ctx, Message{Platform: "test", ChatID: "c", UserID: u, UserName: u, Text: "help", Group: true, ID: fmt.Sprint("m", i)})
		}
		synctest.Wait()
		r.hub.Submit(ctx, Message{Platform: "test", ChatID: "c", UserID: "ana", UserName: "ana", Text: "drop 80kg bench", Group: true, Slash: true, ID: "i1"})
		synctest.Wait()
		last := r.sink.last()
		if last.InReplyTo != "i1" || len(last.Pings) != 0 || last.Plan == nil {
			t.Fatalf("the slash answer waited behind the held replies or was merged: %+v", last)
		}
		time.Sleep(10 * time.Second)
		synctest.Wait()
		for _, m := range s.all() {
			for _, p := range m.r.Pings {
				if p.To.ID == "ana" {
					t.Errorf("the slash answer was merged into a channel message")
				}
			}
		}
	})
}

// Pings that fall due together for one chat go out as one message, every
// time: the chat's worker starts only once all of them are queued.
func TestPingsDueTogetherAlwaysMerge(t *testing.T) {
	for i := range 300 {
		s := &sink{}
		o := newOutbox(map[string]Sender{"p": s}, nil, time.Now, slog.New(slog.DiscardHandler))
		var items []outItem
		for _, name := range []string{"ana", "bo", "cy"} {
			to := User{ID: name, Name: name}
			items = append(items, outItem{reply: Reply{Platform: "p", ChatID: "gym", Group: true, To: to,
				Pings: []Ping{{To: to, Text: "GO"}}, Text: name + ": GO"}, timer: &record.TimerRef{ID: name}})
		}
		o.enqueue(items...)
		o.flush(time.Minute)
		if got := s.all(); len(got) != 1 || len(got[0].r.Pings) != 3 {
			t.Fatalf("round %d: %d messages, first with %d pings; want one with 3", i, len(got), len(got[0].r.Pings))
		}
	}
}
