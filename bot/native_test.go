package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// send hands the hub a message as a platform would, with its own id, and
// returns the last reply the platform got.
func (r *rig) send(m Message) Reply {
	r.t.Helper()
	msgSeq++
	m.Platform, m.ChatID, m.Group = "test", "gym", true
	if m.UserName == "" {
		m.UserName = m.UserID
	}
	m.ID = fmt.Sprint("m", msgSeq)
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	synctest.Wait()
	return r.sink.last()
}

// press presses the button labelled label of rep, a message with the
// platform id msg.
func (r *rig) press(user string, rep Reply, label, msg string) Reply {
	r.t.Helper()
	for _, row := range rep.Keyboard() {
		for _, b := range row {
			if b.Label == label {
				return r.send(Message{UserID: user, Text: b.Data, Pressed: msg, Slash: true})
			}
		}
	}
	r.t.Fatalf("no button %q under %q", label, rep.Text)
	return Reply{}
}

// A typed command is answered with a new message that replies to the
// lifter's; a press on a step's button edits the message it sits on.
func TestTypedCommandsReplyAndPressesEdit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		plan := r.send(Message{UserID: "ana", Text: "rp 100kg squat", Ref: "501"})
		if plan.ReplyTo != "501" || plan.Edit != "" {
			t.Fatalf("plan: reply to %q, edit %q; want a reply to 501", plan.ReplyTo, plan.Edit)
		}
		started := r.press("ana", plan, "Start", "601")
		if started.Edit != "" || started.ReplyTo != "601" || !strings.HasPrefix(started.Text, "Started") {
			t.Fatalf("Start: %+v; want a new message under the plan", started)
		}
		rest := r.press("ana", started, "8", "602")
		if rest.Edit != "602" || rest.ReplyTo != "" || !strings.Contains(rest.Text, "Rest 15 s") {
			t.Fatalf("a press on the step: edit %q, reply to %q, %q; want the step's message edited", rest.Edit, rest.ReplyTo, rest.Text)
		}
		typed := r.send(Message{UserID: "ana", Text: "done 4", Ref: "502"})
		if typed.Edit != "" || typed.ReplyTo != "502" {
			t.Fatalf("typed done: edit %q, reply to %q; want a new reply to 502", typed.Edit, typed.ReplyTo)
		}
	})
}

// A second press on a step's button (a double tap, or the same button
// again later) logs nothing twice: it says the step is done, and the
// lifter's history holds one set for it.
func TestAStepIsReportedOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("ana", "rp 100kg squat")
		started := r.say("ana", "start")
		r.press("ana", started, "8", "700")
		again := r.press("ana", started, "8", "700")
		if !strings.Contains(again.Text, "is done already. Now: mini-set 1") || again.Edit != "" {
			t.Fatalf("second press: %+v", again)
		}
		if n, _ := r.db.CountSets("test", "ana"); n != 1 {
			t.Fatalf("%d sets logged, want 1", n)
		}
		// Stop works from any message of the running session.
		if stop := r.press("ana", started, "Stop", "700"); !strings.Contains(stop.Text, "Summary") {
			t.Fatalf("Stop on the first message: %q", stop.Text)
		}
		// And once it is over, its buttons say so.
		late := r.press("ana", started, "Skip", "700")
		if !strings.HasPrefix(late.Text, "That session stopped at ") || !strings.Contains(late.Text, "do nothing now") {
			t.Fatalf("press after the end: %q", late.Text)
		}
		if n, _ := r.db.CountSets("test", "ana"); n != 1 {
			t.Fatalf("%d sets after the late press, want 1", n)
		}
	})
}

// The Start button under an older plan starts that plan, not the last
// one; under a plan no longer kept, it says so.
func TestStartStartsThePlanItSitsUnder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		squat := r.say("ana", "rp 100kg squat")
		r.say("ana", "drop 80kg bench")
		started := r.press("ana", squat, "Start", "1")
		if !strings.HasPrefix(started.Text, "Started rest-pause: back squat") {
			t.Fatalf("Start under the squat plan: %q", started.Text)
		}
		r.say("ana", "stop")
		old := r.say("ana", "drop 60kg curl")
		for i := range 6 {
			r.say("ana", fmt.Sprintf("drop %dkg bench", 60+5*i))
		}
		gone := r.press("ana", old, "Start", "2")
		if !strings.Contains(gone.Text, "That plan is no longer kept") {
			t.Fatalf("Start under a plan no longer kept: %q", gone.Text)
		}
		if rec := r.record("ana"); rec.Active != nil {
			t.Fatalf("a session started: %s", rec.Active.Title())
		}
	})
}

// In a group where commands must be addressed to the bot, every hint
// names the form that reaches it, and that form parses.
func TestHintsInAPrivacyModeGroup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		style := CommandStyle{Slash: true, Bot: "SpotterBot"}
		plan := r.send(Message{UserID: "ana", Text: "/rp@SpotterBot 100kg squat", Commands: style})
		if !strings.Contains(plan.Text, "Say /start@SpotterBot to run it") {
			t.Fatalf("plan hint: %q", plan.Text)
		}
		started := r.send(Message{UserID: "ana", Text: "/start@SpotterBot", Commands: style})
		want := "Tap a button, or send /done@SpotterBot N (reps), /skip@SpotterBot or /stop@SpotterBot."
		if !strings.HasSuffix(started.Text, want) {
			t.Fatalf("step hint: %q", started.Text)
		}
		bad := r.send(Message{UserID: "bo", Text: "/done@SpotterBot 8", Commands: style})
		if !strings.Contains(bad.Text, "/start@SpotterBot") || !strings.Contains(bad.Text, "Try: /rp@SpotterBot 100kg squat") {
			t.Fatalf("no session: %q", bad.Text)
		}
		c, err := coach.New(coach.Config{})
		if err != nil {
			t.Fatal(err)
		}
		for _, cmd := range []string{"/done@SpotterBot 8", "/skip@SpotterBot", "/stop@SpotterBot", "/start@SpotterBot", "/rp@SpotterBot 100kg squat"} {
			if _, err := c.Parse(cmd, coach.KG); err != nil {
				t.Errorf("%q does not parse: %v", cmd, err)
			}
		}
	})
}

// A plain log line in a group may be acknowledged with a reaction; one
// with something to read (a record, a past day) is answered in words.
func TestPlainLogInAGroupOffersAReaction(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("ana", "log bench 100x5")
		if rep := r.say("ana", "log bench 90x5"); rep.React != logReaction || !strings.HasPrefix(rep.Text, "Logged") {
			t.Fatalf("plain log: react %q, %q", rep.React, rep.Text)
		}
		if rep := r.say("ana", "log bench 110x5"); rep.React != "" {
			t.Fatalf("a record got only a reaction: %q", rep.Text)
		}
		if rep := r.say("ana", "log bench 60x5 yesterday"); rep.React != "" {
			t.Fatalf("a past day got only a reaction: %q", rep.Text)
		}
		time.Sleep(time.Second)
	})
}
