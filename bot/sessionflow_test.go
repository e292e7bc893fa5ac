package bot

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// Guided sessions as the lifter means them: start after a finished
// session asks before running it again, a plan made mid-session asks
// before it replaces the running one, undo takes back the last step, and
// done 0 is a failed set.

// sets are the lifter's stored sets, oldest first, each as "load×reps kind".
func (r *rig) sets(user string) []string {
	r.t.Helper()
	sets, err := r.db.Sets("test", user)
	if err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for _, s := range sets {
		out = append(out, fmt.Sprintf("%s×%d %s", coach.FormatLoad(s.Load), s.Reps, s.Kind))
	}
	return out
}

// timers are the stored pending timers' IDs and due times.
func (r *rig) timers() []record.Timer {
	r.t.Helper()
	ts, err := r.db.Timers()
	if err != nil {
		r.t.Fatal(err)
	}
	return ts
}

// pingTexts are the texts of every ping sent so far.
func (r *rig) pingTexts() []string {
	var out []string
	for _, m := range r.sink.pings() {
		for _, p := range m.r.Pings {
			out = append(out, p.Text)
		}
	}
	return out
}

func TestStartAfterAFinishedSessionAsks(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		r.say("ana", "done 8")
		time.Sleep(20 * time.Second)
		r.say("ana", "done 3")
		time.Sleep(20 * time.Second)
		if rep := r.say("ana", "done 2"); !strings.Contains(rep.Text, "Summary") {
			t.Fatalf("the session did not finish: %q", rep.Text)
		}
		finished := time.Now().UTC().Format("15:04")
		time.Sleep(time.Minute)

		rep := r.say("ana", "start")
		want := "You finished rest-pause: back squat at " + finished + ". Run it again? Say start again, or plan something new."
		if rep.Text != want || rep.Session != "" || len(rep.Buttons) != 1 || cmdOf(rep.Buttons[0][0]) != "start" {
			t.Fatalf("start after the end:\n%+v\nwant %q", rep, want)
		}
		if rec := r.record("ana"); rec.Active != nil || !rec.ConfirmStart {
			t.Fatalf("asked, yet: active %v, confirm %v", rec.Active, rec.ConfirmStart)
		}
		if got := r.sets("ana"); len(got) != 3 {
			t.Fatalf("asking logged something: %v", got)
		}
		// The second start runs it again.
		if rep := r.say("ana", "start"); !strings.HasPrefix(rep.Text, "Started rest-pause: back squat") || rep.Session == "" {
			t.Fatalf("second start: %q", rep.Text)
		}
		// Stopped, it asks too, and says so; on another day, with the date.
		r.say("ana", "done 7")
		r.say("ana", "stop")
		time.Sleep(24 * time.Hour)
		rep = r.say("ana", "start")
		if want := "You stopped rest-pause: back squat on 1 Jan at "; !strings.HasPrefix(rep.Text, want) {
			t.Fatalf("start a day after a stop: %q, want %q...", rep.Text, want)
		}
		if n := len(r.timers()); n != 0 {
			t.Fatalf("asking scheduled %d timers", n)
		}
		// A new plan is not a run again: start runs it at once.
		r.say("ana", "rp 100kg squat")
		if rep := r.say("ana", "start"); !strings.HasPrefix(rep.Text, "Started rest-pause: back squat") {
			t.Fatalf("start of a new plan: %q", rep.Text)
		}
		r.say("ana", "stop")
		// Asked, then something else: the next start still runs it (the
		// question was answered by start), and the one after asks again.
		r.say("ana", "start")
		r.say("ana", "history")
		if rep := r.say("ana", "start"); !strings.HasPrefix(rep.Text, "Started") {
			t.Fatalf("start after the question and a history: %q", rep.Text)
		}
		r.say("ana", "stop")
		if rep := r.say("ana", "start"); !strings.HasPrefix(rep.Text, "You stopped") {
			t.Fatalf("start after the rerun stopped: %q", rep.Text)
		}
	})
}

// A start pressed again while its session runs says so, and a third
// starts it over.
func TestStartTwiceWhileRunning(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "drop 80kg bench")
		r.say("ana", "start")
		r.say("ana", "done 10")
		rep := r.say("ana", "start")
		if want := "You are already running drop set: bench press (step 2 of 4). Say start again to start it over, or done/skip/stop to go on."; rep.Text != want {
			t.Fatalf("second start: %q", rep.Text)
		}
		if rec := r.record("ana"); rec.Active == nil || rec.Active.Current != 1 {
			t.Fatalf("the session moved: %+v", rec.Active)
		}
		r.say("ana", "start")
		if rec := r.record("ana"); rec.Active == nil || rec.Active.Current != 0 {
			t.Fatalf("not started over: %+v", rec.Active)
		}
	})
}

// A plan made mid-session is shown with a note and waits: the running
// session and its rest go on, until start ends it and starts the plan.
func TestPlanMidSessionAsks(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		r.say("ana", "done 8")
		before := r.timers()
		if len(before) != 1 {
			t.Fatalf("timers after the first set: %+v", before)
		}
		rep := r.say("ana", "drop 80kg bench")
		note := "You are in the middle of rest-pause: back squat (step 2 of 3): say start to end it and start this one, or done/skip/stop to go on."
		if rep.Plan == nil || !strings.HasSuffix(rep.Text, "\n"+note) || strings.Contains(rep.Text, "Say start to run it") {
			t.Fatalf("plan mid-session:\n%s", rep.Text)
		}
		if len(rep.Buttons) != 1 || cmdOf(rep.Buttons[0][0]) != "start" || cmdOf(rep.Buttons[0][1]) != "stop" {
			t.Fatalf("buttons: %+v", rep.Buttons)
		}
		rec := r.record("ana")
		if rec.Active == nil || rec.Active.Title() != "rest-pause: back squat" || rec.Active.Current != 1 || len(rec.Active.Results) != 1 {
			t.Fatalf("the running session changed: %+v", rec.Active)
		}
		if rec.Planned == nil || rec.Planned.Title() != "drop set: bench press" {
			t.Fatalf("the plan was not kept: %+v", rec.Planned)
		}
		if after := r.timers(); len(after) != 1 || after[0].Ref() != before[0].Ref() {
			t.Fatalf("the rest changed: %+v, was %+v", after, before)
		}
		// The rest ends as it would have.
		time.Sleep(15 * time.Second)
		synctest.Wait()
		if got := r.pingTexts(); len(got) != 1 || !strings.Contains(got[0], "mini-set 1, 100 kg") {
			t.Fatalf("pings: %q", got)
		}
		// done goes on with the running session.
		if rep := r.say("ana", "done 3"); !strings.HasPrefix(rep.Text, "Mini-set 1: 3 reps at 100 kg.") {
			t.Fatalf("done after the plan: %q", rep.Text)
		}
		// start ends it, with its summary, and starts the plan; its rest
		// is cancelled.
		n := len(r.sink.all())
		r.say("ana", "start")
		all := r.sink.all()[n:]
		if len(all) != 2 || !strings.HasPrefix(all[0].r.Text, "Summary, rest-pause: back squat") ||
			!strings.HasPrefix(all[1].r.Text, "Started drop set: bench press") {
			var got []string
			for _, m := range all {
				got = append(got, m.r.Text)
			}
			t.Fatalf("start after the note: %q", got)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if got := r.pingTexts(); len(got) != 1 {
			t.Errorf("the ended session still pinged: %q", got)
		}
		if got := r.sets("ana"); len(got) != 2 {
			t.Errorf("sets: %v", got)
		}

		// stop after the note ends the running session only; start then
		// runs the plan without asking.
		r.say("ana", "rp 100kg squat")
		r.say("ana", "stop")
		if rep := r.say("ana", "start"); !strings.HasPrefix(rep.Text, "Started rest-pause: back squat") {
			t.Fatalf("start after stop: %q", rep.Text)
		}
	})
}

func TestUndoInASessionTakesBackTheStep(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 60x5")
		r.say("ana", "drop 80kg bench")
		r.say("ana", "start")
		// Nothing reported yet: nothing of the session to take back, and
		// the log before it stays.
		rep := r.say("ana", "undo")
		if !rep.Error || rep.Text != "Nothing to undo in this session yet." {
			t.Fatalf("undo at the first step: %+v", rep)
		}
		if got := r.sets("ana"); len(got) != 1 {
			t.Fatalf("undo at the first step removed the log: %v", got)
		}
		r.say("ana", "done 10")
		r.say("ana", "done 8")
		rep = r.say("ana", "undo")
		want := "Removed drop 1: 8 reps at 67.5 kg.\nBack to drop 1, 67.5 kg: say done N when you have done it."
		if rep.Text != want || rep.Session == "" || len(rep.Buttons) == 0 {
			t.Fatalf("undo:\n%q\nwant\n%q", rep.Text, want)
		}
		if got := strings.Join(r.sets("ana"), ", "); got != "60×5 work, 80×10 failure" {
			t.Fatalf("sets after undo: %s", got)
		}
		rec := r.record("ana")
		if s := rec.Active; s == nil || s.Current != 1 || len(s.Results) != 1 {
			t.Fatalf("session after undo: %+v", s)
		}
		// Redone, it goes on as before.
		if rep := r.say("ana", "done 9"); !strings.HasPrefix(rep.Text, "Drop 1: 9 reps at 67.5 kg.\nNow: drop 2") {
			t.Fatalf("redone: %q", rep.Text)
		}
		// A skip taken back moves back and removes nothing.
		r.say("ana", "skip")
		rep = r.say("ana", "undo")
		if want := "Took back skipping drop 2.\nBack to drop 2, 57.5 kg: say done N when you have done it."; rep.Text != want {
			t.Fatalf("undo of a skip: %q", rep.Text)
		}
		if got := strings.Join(r.sets("ana"), ", "); got != "60×5 work, 80×10 failure, 67.5×9 drop" {
			t.Fatalf("sets after undo of a skip: %s", got)
		}
		// Something logged after the step is the last thing done: undo
		// takes it back first, and the session stays where it is.
		r.say("ana", "log dumbbell curl 15x12")
		if rep := r.say("ana", "undo"); !strings.HasPrefix(rep.Text, "Removed dumbbell curl") {
			t.Fatalf("undo after a log: %q", rep.Text)
		}
		if s := r.record("ana").Active; s == nil || s.Current != 2 {
			t.Fatalf("the session moved with the log's undo: %+v", s)
		}
		// Back to the first step, then nothing more.
		r.say("ana", "undo")
		if rep := r.say("ana", "undo"); !strings.HasPrefix(rep.Text, "Removed top set: 10 reps at 80 kg.\nBack to top set, 80 kg") {
			t.Fatalf("second undo: %q", rep.Text)
		}
		if rep := r.say("ana", "undo"); !rep.Error || rep.Text != "Nothing to undo in this session yet." {
			t.Fatalf("undo at the first step again: %+v", rep)
		}
		if got := strings.Join(r.sets("ana"), ", "); got != "60×5 work" {
			t.Fatalf("sets: %s", got)
		}
		// After the session, undo is the log's undo again.
		r.say("ana", "stop")
		if rep := r.say("ana", "undo"); !strings.HasPrefix(rep.Text, "Removed bench press") || !strings.Contains(rep.Text, "60") {
			t.Fatalf("undo after the session: %q", rep.Text)
		}
	})
}

// Undo cancels the rest the step started; the redone step starts its own.
func TestUndoCancelsTheRestAndTheRedoneStepRearmsIt(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		r.say("ana", "done 8")
		if n := len(r.timers()); n != 1 {
			t.Fatalf("%d timers after the set", n)
		}
		time.Sleep(5 * time.Second)
		if rep := r.say("ana", "undo"); !strings.HasPrefix(rep.Text, "Removed set: 8 reps at 100 kg.\nBack to set, 100 kg") {
			t.Fatalf("undo: %q", rep.Text)
		}
		if ts := r.timers(); len(ts) != 0 {
			t.Fatalf("timers after undo: %+v", ts)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if got := r.pingTexts(); len(got) != 0 {
			t.Fatalf("the cancelled rest pinged: %q", got)
		}
		redone := time.Now()
		if rep := r.say("ana", "done 9"); !strings.Contains(rep.Text, "Rest 15 s") {
			t.Fatalf("redone: %q", rep.Text)
		}
		ts := r.timers()
		if len(ts) != 1 || !ts[0].Due.Equal(redone.Add(15*time.Second)) {
			t.Fatalf("timers after the redone step: %+v, want one due %v", ts, redone.Add(15*time.Second))
		}
		time.Sleep(14 * time.Second)
		synctest.Wait()
		if got := r.pingTexts(); len(got) != 0 {
			t.Fatalf("pinged early: %q", got)
		}
		time.Sleep(2 * time.Second)
		synctest.Wait()
		pings := r.sink.pings()
		if len(pings) != 1 || !strings.Contains(pings[0].r.Pings[0].Text, "mini-set 1, 100 kg") {
			t.Fatalf("pings: %q", r.pingTexts())
		}
		if at := pings[0].at.Sub(redone); at < 15*time.Second || at > 16*time.Second {
			t.Errorf("ping %v after the redone step, want 15 s", at)
		}
		if got := strings.Join(r.sets("ana"), ", "); got != "100×9 failure" {
			t.Errorf("sets: %s", got)
		}
	})
}

// Undo delivered twice under one id takes back one step, with or without
// the store's memory of ids seen.
func TestUndoInASessionDeliveredTwice(t *testing.T) {
	for _, blind := range []bool{false, true} {
		t.Run(fmt.Sprint("blind=", blind), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := &sink{}
				r := startRigOver(t, filepath.Join(t.TempDir(), "s.db"), s, nil, Config{},
					func(db *store.DB) Store { return &faultyStore{DB: db, blind: blind} })
				defer r.stop()
				r.say("ana", "rp 100kg squat")
				r.say("ana", "start")
				r.say("ana", "done 8")
				time.Sleep(20 * time.Second)
				r.say("ana", "done 3")
				undo := Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Group: true, Text: "undo", ID: "undo-step-twice"}
				sent := len(s.all())
				handle(t, r, undo)
				state := lifterState(t, r.db)
				handle(t, r, undo)
				if again := lifterState(t, r.db); again != state {
					t.Errorf("the second delivery changed the store:\nonce  %s\nagain %s", state, again)
				}
				if got := strings.Join(r.sets("ana"), ", "); got != "100×8 failure" {
					t.Errorf("sets: %s", got)
				}
				if rec := r.record("ana"); rec.Active == nil || rec.Active.Current != 1 || len(rec.Active.Results) != 1 {
					t.Errorf("session: %+v", rec.Active)
				}
				if n := len(s.all()) - sent; n != 1 {
					t.Errorf("answered %d times", n)
				}
				if got := r.say("ana", "done 4"); !strings.HasPrefix(got.Text, "Mini-set 1: 4 reps") {
					t.Errorf("after the redelivery: %q", got.Text)
				}
			})
		})
	}
}

// done 0 records a failed set, never a record, and the session goes on;
// done alone is still "target met".
func TestDoneZeroIsAFailedSet(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 60x5")
		r.say("ana", "drop 80kg bench")
		r.say("ana", "start")
		rep := r.say("ana", "done 0")
		if want := "Top set: failed at 80 kg (0 reps).\nNow: drop 1, 67.5 kg"; !strings.HasPrefix(rep.Text, want) || strings.Contains(rep.Text, "PR") {
			t.Fatalf("done 0:\n%q\nwant %q...", rep.Text, want)
		}
		if got := strings.Join(r.sets("ana"), ", "); got != "60×5 work, 80×0 failed" {
			t.Fatalf("sets: %s", got)
		}
		if rep := r.say("ana", "pr bench"); strings.Contains(rep.Text, "80 kg") {
			t.Errorf("the failed set counts for records:\n%s", rep.Text)
		}
		// done alone meets the target: ~8 reps.
		if rep := r.say("ana", "done"); !strings.HasPrefix(rep.Text, "Drop 1: 8 reps at 67.5 kg.") {
			t.Fatalf("done: %q", rep.Text)
		}
		r.say("ana", "done 0")
		r.say("ana", "skip")
		sum := r.sink.last().Text
		if !strings.Contains(sum, "Top set: 80 kg × 0, failed\nDrop 1: 67.5 kg × 8\nDrop 2: 57.5 kg × 0, failed\nDrop 3: skipped\n") {
			t.Fatalf("summary:\n%s", sum)
		}
		// A failed set is taken back like any other.
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		if rep := r.say("ana", "done 0"); !strings.Contains(rep.Text, "failed at 100 kg") || !strings.Contains(rep.Text, "Rest 15 s") {
			t.Fatalf("done 0 on rest-pause: %q", rep.Text)
		}
		if rep := r.say("ana", "undo"); !strings.HasPrefix(rep.Text, "Removed set: failed at 100 kg (0 reps).\nBack to set, 100 kg") {
			t.Fatalf("undo of a failed set: %q", rep.Text)
		}
		if n := len(r.timers()); n != 0 {
			t.Errorf("%d timers after the undo", n)
		}
	})
}

// What start and undo need lasts in the data file: after a restart, start
// still asks before running a finished session again, and undo still
// takes back a step.
func TestSessionMarksOutliveARestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		r := startRig(t, path, &sink{}, nil, Config{})
		r.say("ana", "drop 80kg bench")
		r.say("ana", "start")
		for _, text := range []string{"done 10", "done 8", "done 7", "done 6"} {
			r.say("ana", text)
		}
		r.say("bo", "japanese ladder 100kg bench x5 fast")
		r.say("bo", "start")
		r.say("bo", "done 4")
		r.stop()

		r = startRig(t, path, &sink{}, nil, Config{})
		defer r.stop()
		if rep := r.say("ana", "start"); !strings.HasPrefix(rep.Text, "You finished drop set: bench press at ") {
			t.Errorf("start after a restart: %q", rep.Text)
		}
		if rep := r.say("bo", "undo"); !strings.HasPrefix(rep.Text, "Removed top set: 4 reps at 100 kg.\nBack to top set, 100 kg") {
			t.Errorf("undo after a restart: %q", rep.Text)
		}
		if rep := r.say("bo", "done 12"); !strings.Contains(rep.Text, "Rest 30 s; I'll ping you. Next: drop 1, 90 kg") {
			t.Errorf("the ladder after undo and a restart: %q", rep.Text)
		}
	})
}
