package bot

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// pingMessages are the sent messages carrying pings.
func pingMessages(s *sink) []Reply {
	var out []Reply
	for _, m := range s.pings() {
		out = append(out, m.r)
	}
	return out
}

// A class's rest outlives a restart: the hub stopped mid-rest and started
// again on the same file sends one GO naming each lifter with their own
// next load, with rep buttons any member may press, and a press reports
// the presser's own set in the round.
func TestClassPingAfterARestartMidRest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		s := &sink{}
		r := startRig(t, path, s, nil, Config{})
		r.send(Message{UserID: "ana", Text: "class rp squat"})
		r.send(Message{UserID: "ana", Text: "join 100kg"})
		r.send(Message{UserID: "bo", Text: "join 80kg"})
		if got := r.send(Message{UserID: "ana", Text: "go"}); !strings.Contains(got.Text, "ana: set, 100 kg") || !strings.Contains(got.Text, "bo: set, 80 kg") {
			t.Fatalf("go: %q", got.Text)
		}
		r.send(Message{UserID: "ana", Text: "done 8"})
		rest := r.send(Message{UserID: "bo", Text: "done 10"})
		if !strings.Contains(rest.Text, "Rest 15 s") {
			t.Fatalf("the last report: %q", rest.Text)
		}
		time.Sleep(5 * time.Second)
		r.stop()
		if n := len(pingMessages(s)); n != 0 {
			t.Fatalf("%d pings before the rest ended", n)
		}

		r = startRig(t, path, s, nil, Config{})
		defer r.stop()
		time.Sleep(11 * time.Second)
		synctest.Wait()
		pings := pingMessages(s)
		if len(pings) != 1 || len(pings[0].Pings) != 2 {
			t.Fatalf("after the restart, pings: %+v", pings)
		}
		ping := pings[0]
		if !strings.Contains(ping.Text, "ana: GO: mini-set 1, 100 kg") || !strings.Contains(ping.Text, "bo: GO: mini-set 1, 80 kg") {
			t.Errorf("the GO: %q", ping.Text)
		}
		if ping.ButtonOwner() != "" || len(ping.Keyboard()) == 0 {
			t.Fatalf("the GO's buttons: %+v (owner %q)", ping.Keyboard(), ping.ButtonOwner())
		}
		got := r.press("bo", ping, "5", "900")
		if !strings.Contains(got.Text, "bo, mini-set 1: 5 reps at 80 kg. Waiting for ana.") || got.Edit != "" {
			t.Errorf("bo's press on the GO: %+v", got)
		}
		if sets := r.sets("bo"); len(sets) != 2 {
			t.Errorf("bo's history: %v", sets)
		}
		// The press again, on a step the round left: said so.
		r.send(Message{UserID: "ana", Text: "done 4"})
		if got := r.press("bo", ping, "5", "900"); !strings.Contains(got.Text, "is over") {
			t.Errorf("a press on a past step: %q", got.Text)
		}
	})
}

// The class's buttons and words each do one thing, and what does not fit
// gets one clear line.
func TestClassButtonsAndRefusals(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		if got := r.send(Message{UserID: "ana", Text: "class rp 100kg squat"}); !got.Error || !strings.Contains(got.Text, "no load of its own") {
			t.Errorf("a class with a load: %q", got.Text)
		}
		class := r.send(Message{UserID: "ana", Text: "class rp squat"})
		if !class.Anyone || class.ButtonOwner() != "" {
			t.Fatalf("the class message's buttons act for %q", class.ButtonOwner())
		}
		if got := r.send(Message{UserID: "bo", Text: "class drop bench"}); !got.Error || !strings.Contains(got.Text, "has a class already") {
			t.Errorf("a second class: %q", got.Text)
		}
		if got := r.press("bo", class, "Join", "700"); !strings.Contains(got.Text, "Your load? Say join 100kg") || got.Edit != "" {
			t.Errorf("Join: %+v", got)
		}
		if got := r.press("bo", class, "Go", "700"); !got.Error || !strings.Contains(got.Text, "Only ana starts") {
			t.Errorf("bo's Go: %q", got.Text)
		}
		// cy runs a session of her own: she is asked to stop it first.
		r.send(Message{UserID: "cy", Text: "drop 30kg db curl"})
		r.send(Message{UserID: "cy", Text: "start"})
		if got := r.send(Message{UserID: "cy", Text: "join 40kg"}); !got.Error || !strings.Contains(got.Text, "stop to end it, then join") {
			t.Errorf("cy mid-session: %q", got.Text)
		}
		r.send(Message{UserID: "bo", Text: "join 80kg"})
		started := r.press("ana", class, "Go", "700")
		if !strings.HasPrefix(started.Text, "Class started") || len(started.Keyboard()) == 0 || !started.Anyone {
			t.Fatalf("ana's Go: %+v", started)
		}
		// A step's button pressed by someone not in the class.
		if got := r.press("cy", started, "8", "701"); !got.Error || !strings.Contains(got.Text, "not in ana's class") {
			t.Errorf("cy's press: %q", got.Text)
		}
		// cy's own done still goes to her own session.
		if got := r.send(Message{UserID: "cy", Text: "done 12"}); !strings.Contains(got.Text, "Top set: 12 reps at 30 kg") {
			t.Errorf("cy's own done: %q", got.Text)
		}
		if got := r.send(Message{UserID: "bo", Text: "end"}); !got.Error || !strings.Contains(got.Text, "Only ana can end the class; say leave") {
			t.Errorf("bo's end: %q", got.Text)
		}
		if got := r.press("bo", started, "10", "701"); !strings.Contains(got.Text, "bo, set: 10 reps") {
			t.Errorf("bo's press: %q", got.Text)
		}
		end := r.send(Message{UserID: "ana", Text: "end"})
		if !strings.Contains(end.Text, "Class over: rest-pause: back squat\nbo: 80 kg × 10; 10 reps, volume 800 kg") {
			t.Errorf("ana's end: %q", end.Text)
		}
		if got := r.press("bo", started, "8", "701"); !strings.Contains(got.Text, "That class is over") {
			t.Errorf("a press after the end: %q", got.Text)
		}
		if rs, err := r.db.Rounds(); err != nil || len(rs) != 0 {
			t.Errorf("rounds stored after the end: %+v, %v", rs, err)
		}
	})
}
