package bot

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// A GO ping carries the buttons of the step it announces, for its lifter,
// and the rest announcement says when the rest ends.
func TestPingCarriesTheStepsButtons(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		rep := r.say("ana", "done 8")
		end := time.Now().Add(15 * time.Second)
		if rep.Until == nil || !rep.Until.At.Equal(end) || rep.Until.Text != "at "+end.UTC().Format("15:04:05") ||
			!strings.Contains(rep.Text, "Rest 15 s; I'll ping you. Next: mini-set 1, 100 kg, as many as you can.\nGO "+rep.Until.Text+".") {
			t.Fatalf("rest announcement: %q, until %+v", rep.Text, rep.Until)
		}
		want := rep.Buttons // the step the ping announces
		if len(want) < 2 || cmdOf(want[1][0]) != "done 1" {
			t.Fatalf("step buttons: %+v", want)
		}
		time.Sleep(15 * time.Second)
		synctest.Wait()
		p := r.sink.pings()
		if len(p) != 1 {
			t.Fatalf("%d pings, want 1", len(p))
		}
		if got := p[0].r.Keyboard(); p[0].r.To.ID != "ana" || !reflect.DeepEqual(got, want) {
			t.Errorf("ping to %q with buttons %+v, want ana's %+v", p[0].r.To.ID, got, want)
		}
	})
}

// Pings of two lifters merged in one message show no buttons: a button
// acts for one lifter, or for anyone, never for each their own.
func TestMergedPingsOfTwoLiftersHaveNoButtons(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		for _, u := range []string{"ana", "bo"} {
			r.say(u, "rp 100kg squat")
			r.say(u, "start")
		}
		r.say("ana", "done 8")
		r.say("bo", "done 8")
		time.Sleep(15 * time.Second)
		synctest.Wait()
		p := r.sink.pings()
		if len(p) != 1 || len(p[0].r.Pings) != 2 {
			t.Fatalf("pings: %+v, want one message for both", p)
		}
		if kb := p[0].r.Keyboard(); len(kb) != 0 {
			t.Errorf("merged pings carry buttons: %+v", kb)
		}
	})
}

// A timer reloaded from the store after a restart pings with its step's
// buttons: they need no running session.
func TestPingButtonsSurviveARestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		r := startRig(t, path, &sink{}, nil, Config{})
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		want := r.say("ana", "done 8").Buttons
		r.stop()
		time.Sleep(5 * time.Second)
		s := &sink{}
		r = startRig(t, path, s, nil, Config{})
		defer r.stop()
		time.Sleep(10 * time.Second)
		synctest.Wait()
		p := s.pings()
		if len(p) != 1 {
			t.Fatalf("%d pings, want 1", len(p))
		}
		if got := p[0].r.Keyboard(); p[0].r.To.ID != "ana" || len(got) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("ping after a restart: to %q, buttons %+v, want %+v", p[0].r.To.ID, got, want)
		}
	})
}
