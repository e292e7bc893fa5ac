package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// stateOf is what the store holds of a lifter: sets, sessions, timers.
func (r *rig) stateOf(user string) string {
	sets, _ := r.db.Sets("test", user)
	recs, _ := r.db.Sessions()
	timers, _ := r.db.Timers()
	n := 0
	for _, rec := range recs {
		if rec.Lifter.UserID == user {
			n++
		}
	}
	return fmt.Sprintf("%d sets, %d session records, %d timers", len(sets), n, len(timers))
}

func TestHostileInputGetsOneLineAndChangesNothing(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5")
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		before := r.stateOf("ana")
		inputs := []string{
			strings.Repeat("drop 80kg bench ", 6500), // ~100 kB
			"drop 1e309kg bench", "drop -0kg bench", "drop NaNkg bench", "drop nan bench", "drop infkg bench", "drop -Inf bench",
			"log bench NaNx5", "log bench 100x1e9", "done 99999999999999999999", "done -3", "done NaN",
			"\x00\x01\x02", "drop 80kg \u202ebench\u202c", "drop 80kg bench @everyone <@&123> <b>x</b> *_~`|[]()",
			"gym kg plates 1e309x2", "settings tz ../../etc/passwd", "import", "forget you",
			strings.Repeat("🏋️", 2000),
		}
		for _, in := range inputs {
			time.Sleep(time.Second) // a lifter, not a flood
			rep := r.say("ana", in)
			if !rep.Error {
				t.Errorf("%.40q: answered without an error: %q", in, rep.Text)
			}
			if strings.Count(rep.Text, "\n") > 0 {
				t.Errorf("%.40q: more than one line: %q", in, rep.Text)
			}
			if len(rep.Text) > 400 {
				t.Errorf("%.40q: a %d-byte answer", in, len(rep.Text))
			}
		}
		if after := r.stateOf("ana"); after != before {
			t.Errorf("hostile input changed the store: %s -> %s", before, after)
		}
		// The session is intact.
		time.Sleep(time.Second)
		if rep := r.say("ana", "done 8"); !strings.Contains(rep.Text, "Set: 8 reps at 100 kg") {
			t.Errorf("session after the noise: %q", rep.Text)
		}
	})
}

func TestUnicodeOdditiesStillParse(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		for _, in := range []string{
			"drop\u00a080kg bench",        // no-break space
			"drop 80kg\u200b bench",       // zero-width space
			"\ufeffdrop 80kg bench",       // byte-order mark
			"ｄｒｏｐ ８０ｋｇ ｂｅｎｃｈ",             // full-width
			"DROP 80KG BENCH",             // capitals
			"drop\t80kg\u3000bench",       // tab, ideographic space
			"backoff bench 90kg × 2",      // multiplication sign
			"backoff bench 90kg×2",        // joined
			"drop 67,5kg leg extension",   // decimal comma
			"/drop@SpotterBot 80kg bench", // command form
		} {
			if rep := r.say("ana", in); rep.Error || rep.Plan == nil {
				t.Errorf("%q: %q", in, rep.Text)
			}
		}
	})
}

func TestFloodIsLimitedPerLifter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		r := startRig(t, t.TempDir()+"/s.db", s, nil, Config{})
		defer r.stop()
		ctx := context.Background()
		for i := range 100 {
			r.hub.Submit(ctx, Message{Platform: "test", ChatID: "gym", UserID: "spam", UserName: "spam", Text: "help", Group: true, ID: fmt.Sprint("f", i)})
		}
		r.hub.Submit(ctx, Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Text: "drop 80kg bench", Group: true, ID: "a1"})
		synctest.Wait()
		answered, notes, ana := 0, 0, 0
		for _, m := range s.all() {
			switch {
			case m.r.To.ID == "ana":
				ana++
			case m.r.Text == floodNote:
				notes++
			default:
				answered++
			}
		}
		if answered != floodBurst || notes != 1 || ana != 1 {
			t.Errorf("flooder answered %d times with %d notes, ana %d: want %d, 1, 1", answered, notes, ana, floodBurst)
		}
		// After a pause the flooder is heard again.
		time.Sleep(5 * time.Second)
		r.hub.Submit(ctx, Message{Platform: "test", ChatID: "gym", UserID: "spam", UserName: "spam", Text: "help", Group: true, ID: "f-late"})
		synctest.Wait()
		if last := r.sink.last(); last.To.ID != "spam" || last.Text == floodNote || last.Error {
			t.Errorf("after a pause: %+v", last)
		}
	})
}
