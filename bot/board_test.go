package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// sendTo hands the hub a message as the test writes it (another chat, a
// private chat, an admin) and returns the last reply sent.
func (r *rig) sendTo(m Message) Reply {
	r.t.Helper()
	msgSeq++
	m.Platform, m.ID = "test", fmt.Sprint("m", msgSeq)
	if m.UserName == "" {
		m.UserName = m.UserID
	}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	synctest.Wait()
	return r.sink.last()
}

// posts are the weekly board posts sent.
func (r *rig) posts() []Reply {
	var out []Reply
	for _, s := range r.sink.all() {
		if strings.HasPrefix(s.r.Text, "Weekly board") {
			out = append(out, s.r)
		}
	}
	return out
}

// In a group, a lifter's first log (or finished session) asks once
// whether to show them on the group's board, with buttons that say
// settings board on and off; the question is recorded with the log, and
// never asked again. A private chat never asks.
func TestBoardIsAskedOnceInAGroup(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		rep := r.say("ana", "log bench 100x5")
		if !strings.HasSuffix(rep.Text, "\nShow your training on this group's board? settings board on (or off)") {
			t.Fatalf("first log in a group:\n%s", rep.Text)
		}
		if n := len(rep.Buttons); n != 1 || cmdOf(rep.Buttons[0][0]) != "settings board on" || cmdOf(rep.Buttons[0][1]) != "settings board off" {
			t.Fatalf("buttons: %+v", rep.Buttons)
		}
		if rep.React != "" {
			t.Error("the question went as a reaction")
		}
		if s, _, _ := r.db.Settings("test", "ana"); !s.BoardAsked || s.Board {
			t.Errorf("after the question: %+v", s)
		}
		if rep := r.say("ana", "log bench 100x5"); strings.Contains(rep.Text, "board") || len(rep.Buttons) != 0 {
			t.Errorf("asked again:\n%s", rep.Text)
		}
		if rep := r.say("ana", cmdOf(Button{Data: "settings board on"})); !strings.HasPrefix(rep.Text, "Saved: you are on the boards of your groups") {
			t.Errorf("yes: %s", rep.Text)
		}
		// A finished session asks too.
		r.say("bo", "rp 100kg squat")
		r.say("bo", "start")
		if rep := r.say("bo", "stop"); !strings.Contains(rep.Text, "Show your training on this group's board?") {
			t.Errorf("stopped session:\n%s", rep.Text)
		}
		// A lifter who said settings board off before is not asked.
		r.say("cy", "settings board off")
		if rep := r.say("cy", "log bench 60x5"); strings.Contains(rep.Text, "board") {
			t.Errorf("asked after settings board off:\n%s", rep.Text)
		}
		if rep := r.sendTo(Message{ChatID: "dee", UserID: "dee", Text: "log bench 60x5"}); strings.Contains(rep.Text, "board") {
			t.Errorf("asked in a private chat:\n%s", rep.Text)
		}
	})
}

// The board shows the lifters of the chat who said settings board on,
// each with their whole week, wherever they logged it; of the others,
// not even their names.
func TestBoardShowsOnlyWhoOptedIn(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		for _, who := range []string{"ana", "bo"} {
			r.say(who, "settings board on")
		}
		r.say("ana", "log bench 100x5x3")
		r.sendTo(Message{ChatID: "ana-private", UserID: "ana", Text: "log squat 140x5"}) // her own chat
		r.say("bo", "log bench 80x5")
		r.say("bo", "settings board off")
		r.say("cy", "log bench 60x5") // never opted in
		r.sendTo(Message{ChatID: "elsewhere", UserID: "dee", Text: "settings board on"})
		r.sendTo(Message{ChatID: "elsewhere", UserID: "dee", Text: "log bench 90x5", Group: true})
		rep := r.say("bo", "board")
		if rep.Private || rep.Error {
			t.Errorf("the board is the group's: %+v", rep)
		}
		want := "Board, week of Mon 27 Dec (UTC)\nana: 1 day, 4 sets, volume 2,200 kg, streak 1 week"
		if rep.Text != want {
			t.Errorf("board:\n%s\nwant:\n%s", rep.Text, want)
		}
		for _, name := range []string{"bo", "cy", "dee"} {
			if strings.Contains(rep.Text, name+":") {
				t.Errorf("%s is on the board", name)
			}
		}
	})
}

// The weekly post: an admin sets it (a member may not), it goes out at
// its hour in the admin's zone, once, and board weekly off stops it.
func TestBoardWeeklyPostByAnAdmin(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "settings board on")
		r.say("ana", "log bench 100x5")
		if rep := r.say("ana", "board weekly sat 9"); !rep.Error || !strings.Contains(rep.Text, "Only an admin") {
			t.Fatalf("a member sets the post: %+v", rep)
		}
		r.sendTo(Message{ChatID: "gym", UserID: "boss", Group: true, Admin: true, Text: "settings tz Europe/Berlin"})
		rep := r.sendTo(Message{ChatID: "gym", UserID: "boss", Group: true, Admin: true, Text: "board weekly sat 9"})
		if rep.Error || !strings.Contains(rep.Text, "Saturday at 09:00 (Europe/Berlin)") || !strings.Contains(rep.Text, "first on Sat 1 Jan") {
			t.Fatalf("set: %s", rep.Text)
		}
		if rep := r.sendTo(Message{ChatID: "gym", UserID: "boss", Group: true, Admin: true, Text: "board weekly sat 25"}); !rep.Error || !strings.Contains(rep.Text, "Try: board weekly sat 18") {
			t.Errorf("a bad hour: %s", rep.Text)
		}
		time.Sleep(8*time.Hour - time.Second) // 08:59:59 in Berlin
		synctest.Wait()
		if n := len(r.posts()); n != 0 {
			t.Fatalf("%d posts before the hour", n)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		posts := r.posts()
		if len(posts) != 1 || posts[0].ChatID != "gym" || !posts[0].Group ||
			posts[0].Text != "Weekly board, week of Mon 27 Dec (Europe/Berlin)\nana: 1 day, 1 set, volume 500 kg, streak 1 week" {
			t.Fatalf("posts at 09:00: %+v", posts)
		}
		time.Sleep(6 * 24 * time.Hour)
		synctest.Wait()
		if n := len(r.posts()); n != 1 {
			t.Fatalf("%d posts within the week", n)
		}
		time.Sleep(24 * time.Hour)
		synctest.Wait()
		if n := len(r.posts()); n != 2 {
			t.Fatalf("%d posts after a second Saturday 09:00", n)
		}
		r.sendTo(Message{ChatID: "gym", UserID: "boss", Group: true, Admin: true, Text: "board weekly off"})
		time.Sleep(7 * 24 * time.Hour)
		synctest.Wait()
		if n := len(r.posts()); n != 2 {
			t.Fatalf("%d posts after board weekly off", n)
		}
	})
}

// A configured post survives restarts: one missed while the bot was down
// goes out when it is back (within a day), and a restart after the post
// does not post it again. A post another process sharing the store made
// (its message id written) is not made twice.
func TestBoardWeeklyPostAcrossRestarts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		cfg := Config{Boards: []record.Board{{Platform: "test", ChatID: "gym", Day: time.Saturday, Hour: 6}}}
		s := &sink{}
		r := startRig(t, path, s, nil, cfg)
		r.say("ana", "settings board on")
		r.say("ana", "log bench 100x5")
		r.stop()
		time.Sleep(8 * time.Hour) // down over 06:00
		r = startRig(t, path, s, nil, cfg)
		synctest.Wait()
		if n := len(r.posts()); n != 1 {
			t.Fatalf("%d posts after a restart past the hour", n)
		}
		r.stop()
		r = startRig(t, path, s, nil, cfg)
		synctest.Wait()
		if n := len(r.posts()); n != 1 {
			t.Fatalf("%d posts after a second restart", n)
		}
		// Another process posts next Saturday's first.
		next := time.Date(2000, 1, 8, 6, 0, 0, 0, time.UTC)
		if err := r.db.Apply(record.Change{SeenPlatform: "test", SeenID: boardSeenID("gym", next)}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(7 * 24 * time.Hour)
		synctest.Wait()
		if n := len(r.posts()); n != 1 {
			t.Fatalf("%d posts when another process posted", n)
		}
		r.stop()
	})
}
