package bot

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// A member who stops reporting is dropped roundSilence after the GO
// with nobody saying anything, and the round goes on for the others;
// the check outlives a restart.
func TestSilentMemberDroppedOnItsOwn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		r := startRig(t, path, &sink{}, nil, Config{})
		r.say("ana", "class rp squat")
		r.say("ana", "join 100kg")
		r.say("bo", "join 80kg")
		r.say("ana", "go")
		if rep := r.say("ana", "done 8"); !strings.Contains(rep.Text, "Waiting for bo") {
			t.Fatalf("ana's report: %q", rep.Text)
		}
		r.stop() // a restart while the round waits for bo
		r = startRig(t, path, &sink{}, nil, Config{})
		defer r.stop()
		time.Sleep(roundSilence - time.Second)
		synctest.Wait()
		if n := len(r.sink.all()); n != 0 {
			t.Fatalf("%d messages before the 3 minutes were up: %q", n, r.sink.last().Text)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		got := r.sink.last().Text
		if !strings.Contains(got, "bo is dropped from the class: no report for 3 min") || !strings.Contains(got, "Rest 15 s; GO at") {
			t.Fatalf("after 3 silent minutes: %q", got)
		}
		time.Sleep(15 * time.Second)
		synctest.Wait()
		if p := r.sink.pings(); len(p) != 1 || !strings.Contains(p[0].r.Text, "ana: GO: mini-set 1, 100 kg") || strings.Contains(p[0].r.Text, "bo") {
			t.Fatalf("the next GO: %+v", p)
		}
	})
}
