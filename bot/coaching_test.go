package bot

import (
	"github.com/spotter-coach/spotter/record"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// record is the lifter's session record in the chat "gym", as stored.
func (r *rig) record(user string) record.Session {
	r.t.Helper()
	recs, err := r.db.Sessions()
	if err != nil {
		r.t.Fatal(err)
	}
	for _, rec := range recs {
		if rec.Lifter.UserID == user && rec.Lifter.ChatID == "gym" {
			return rec
		}
	}
	return record.Session{}
}

func TestImplausibleLoadIsAskedNotPlanned(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		rep := r.say("ana", "drop 800kg bench")
		want := "800 kg on bench press is more than anyone has ever benched. Did you mean 80 kg?\n" +
			"Nothing is planned until you answer: yes plans 800 kg as written, 80 plans 80 kg."
		if rep.Plan != nil || rep.Error || rep.Text != want {
			t.Fatalf("question:\n%s\nwant:\n%s", rep.Text, want)
		}
		if len(rep.Buttons) != 1 || len(rep.Buttons[0]) != 2 ||
			rep.Buttons[0][0] != (Button{Label: "Yes, 800 kg", Data: "yes"}) ||
			rep.Buttons[0][1] != (Button{Label: "80 kg", Data: "drop 80kg bench"}) {
			t.Fatalf("buttons: %+v", rep.Buttons)
		}
		if rec := r.record("ana"); rec.Planned != nil || rec.ConfirmLoad != "drop 800kg bench" {
			t.Fatalf("stored: planned %v, waiting %q", rec.Planned, rec.ConfirmLoad)
		}
		// start has nothing to run, and asks again.
		rep = r.say("ana", "start")
		if rep.Session != "" || !strings.HasPrefix(rep.Text, "Nothing to start yet.\n800 kg on bench press") || len(rep.Buttons) != 1 {
			t.Fatalf("start while asked: %+v", rep)
		}
		if rec := r.record("ana"); rec.Active != nil || rec.ConfirmLoad == "" {
			t.Fatalf("start started something or dropped the question: %+v", rec)
		}
		// The suggestion's button plans 80 kg.
		rep = r.say("ana", rep.Buttons[0][1].Data)
		if rep.Plan == nil || rep.Plan.Steps[0].Load != 80 || strings.Contains(rep.Text, "confirmed") {
			t.Fatalf("80 kg button: %q", rep.Text)
		}
		if rec := r.record("ana"); rec.Planned == nil || rec.ConfirmLoad != "" {
			t.Fatalf("after the button: %+v", rec)
		}

		// yes plans the load as written; the gym's heaviest bar is 435 kg.
		r.say("ana", "drop 800kg bench")
		rep = r.say("ana", "Yes!")
		if rep.Plan == nil || rep.Plan.Steps[0].Load != 435 ||
			!strings.Contains(rep.Text, "You confirmed the load: 800 kg.") || !strings.Contains(rep.Text, "435 kg") {
			t.Fatalf("yes:\n%s", rep.Text)
		}
		t.Logf("yes:\n%s", rep.Text)
		if rep := r.say("ana", "start"); rep.Session == "" {
			t.Fatalf("start after yes: %q", rep.Text)
		}
		r.say("ana", "stop")

		// A number alone answers too, and is checked again.
		r.say("ana", "drop 800kg bench")
		if rep := r.say("ana", "85"); rep.Plan == nil || rep.Plan.Steps[0].Load != 85 {
			t.Fatalf("85: %q", rep.Text)
		}
		r.say("ana", "drop 800kg bench")
		if rep := r.say("ana", "700 kg"); rep.Plan != nil || !strings.HasPrefix(rep.Text, "700 kg on bench press") {
			t.Fatalf("700 kg: %q", rep.Text)
		}
		if rec := r.record("ana"); rec.ConfirmLoad != "drop 700kg bench" {
			t.Fatalf("waiting: %q", rec.ConfirmLoad)
		}

		// no drops it.
		r.say("ana", "drop 700kg bench")
		if rep := r.say("ana", "no"); rep.Error || rep.Plan != nil || rep.Text != "Nothing planned. Send the plan again with the load you meant." {
			t.Fatalf("no: %+v", rep)
		}
		if rec := r.record("ana"); rec.ConfirmLoad != "" || rec.Planned != nil {
			t.Fatalf("after no: %+v", rec)
		}
		r.say("ana", "drop 700kg bench")

		// Anything else drops the question and is handled as usual.
		if rep := r.say("ana", "help"); rep.Error || rep.Plan != nil || !strings.Contains(rep.Text, "drop") {
			t.Fatalf("help: %q", rep.Text)
		}
		if rep := r.say("ana", "yes"); !rep.Error || rep.Plan != nil || !strings.HasPrefix(rep.Text, "Nothing is waiting for a yes or no") {
			t.Fatalf("yes after the question was dropped: %+v", rep)
		}
		if rec := r.record("ana"); rec.ConfirmLoad != "" {
			t.Fatalf("still waiting: %q", rec.ConfirmLoad)
		}
	})
}

func TestImplausibleLoadAgainstTheLiftersHistory(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5") // Epley: 116.67 kg, shown to 0.5 kg as everywhere
		rep := r.say("ana", "backoff 200kg bench")
		want := "200 kg is far beyond your best estimated 1RM on bench press (116.5 kg).\n" +
			"Nothing is planned until you answer: yes plans 200 kg as written."
		if rep.Plan != nil || rep.Text != want {
			t.Fatalf("question:\n%s\nwant:\n%s", rep.Text, want)
		}
		if len(rep.Buttons) != 1 || len(rep.Buttons[0]) != 1 || rep.Buttons[0][0].Data != "yes" {
			t.Fatalf("buttons: %+v", rep.Buttons)
		}
		if rep := r.say("ana", "backoff 110kg bench"); rep.Plan == nil || rep.Plan.OneRM != 110 {
			t.Fatalf("110 kg: %q", rep.Text)
		}
		// In lb the estimate converts: 116.67 kg is 257.2 lb (shown to 1 lb), 390 lb is over 1.5 times it.
		if rep := r.say("ana", "rp 390lb bench"); rep.Plan != nil || !strings.Contains(rep.Text, "(257 lb)") {
			t.Fatalf("lb: %q", rep.Text)
		}
		// A load from history is not a typed load: not asked.
		if rep := r.say("ana", "backoff bench"); rep.Plan == nil {
			t.Fatalf("from history: %q", rep.Text)
		}
		// bo has no history: 200 kg is a bench someone could do.
		if rep := r.say("bo", "backoff 200kg bench"); rep.Plan == nil {
			t.Fatalf("bo: %q", rep.Text)
		}
	})
}

func TestLoadQuestionIsTheLiftersAndSurvivesARestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		r := startRig(t, path, &sink{}, nil, Config{})
		r.say("ana", "rp 800kg squat")
		// bo's yes is not an answer to ana's question, and does not drop it.
		if rep := r.say("bo", "yes"); !rep.Error || rep.Plan != nil || rep.To.ID != "bo" || !strings.HasPrefix(rep.Text, "Nothing is waiting") {
			t.Fatalf("bo's yes: %+v", rep)
		}
		if rec := r.record("bo"); rec.Planned != nil {
			t.Fatalf("bo got a plan: %+v", rec)
		}
		r.stop()

		time.Sleep(time.Hour)
		r = startRig(t, path, &sink{}, nil, Config{})
		defer r.stop()
		rep := r.say("ana", "yes")
		if rep.Plan == nil || rep.Plan.Exercise.Name != "back squat" || rep.Plan.Steps[0].Load != 435 ||
			!strings.Contains(rep.Text, "You confirmed the load: 800 kg.") {
			t.Fatalf("yes after a restart:\n%s", rep.Text)
		}
		if rep := r.say("ana", "start"); rep.Session == "" {
			t.Fatalf("start: %q", rep.Text)
		}
	})
}

func TestBackOffSetsPerDayAreWarnedAtPlanTime(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		// The clock starts at midnight UTC, 09:00 in Tokyo.
		r.say("ana", "settings tz Asia/Tokyo")
		r.say("bo", "settings tz UTC")
		for _, u := range []string{"ana", "bo"} {
			if rep := r.say(u, "log bench 60x12 backoff"); !strings.Contains(rep.Text, "(back-off)") {
				t.Fatalf("log: %q", rep.Text)
			}
			if rep := r.say(u, "backoff 100kg bench"); !strings.Contains(rep.Text, "This is your 2nd back-off set today: the article says 2-3 per session at most.") {
				t.Fatalf("%s, one done:\n%s", u, rep.Text)
			}
			r.say(u, "log bench 60x11 back-off")
			if rep := r.say(u, "backoff 100kg bench"); !strings.Contains(rep.Text, "This is your 3rd back-off set today, the last the article allows") {
				t.Fatalf("%s, two done:\n%s", u, rep.Text)
			}
		}
		// A logged back-off set is no 1RM: ana's 1RM is still unknown.
		if rep := r.say("ana", "1rm bench"); !strings.Contains(rep.Text, "No sets of bench press") {
			t.Errorf("1rm from back-off sets: %q", rep.Text)
		}
		// 23:30 in Tokyo: still today.
		time.Sleep(14*time.Hour + 30*time.Minute)
		if rep := r.say("ana", "backoff 100kg bench"); !strings.Contains(rep.Text, "3rd back-off set today") {
			t.Fatalf("23:30 in Tokyo:\n%s", rep.Text)
		}
		// 00:30 in Tokyo: a new day for ana, not for bo (15:30 UTC).
		time.Sleep(time.Hour)
		if rep := r.say("ana", "backoff 100kg bench"); strings.Contains(rep.Text, "back-off set today") || strings.Contains(rep.Text, "back-off sets today") {
			t.Fatalf("a new day in Tokyo:\n%s", rep.Text)
		}
		if rep := r.say("bo", "backoff 100kg bench"); !strings.Contains(rep.Text, "3rd back-off set today") {
			t.Fatalf("bo in UTC:\n%s", rep.Text)
		}

		// A guided session's back-off AMRAP counts too: bo's third today.
		r.say("bo", "start")
		for range 7 {
			r.say("bo", "done")
		}
		if rep := r.say("bo", "done 20"); !strings.Contains(rep.Text, "Back-off: 50 kg × 20") {
			t.Fatalf("summary: %q", rep.Text)
		}
		rep := r.say("bo", "backoff 100kg bench")
		if !strings.Contains(rep.Text, "You already did 3 back-off sets today: the Goto article advises 2-3 per session at most; skip this one.") {
			t.Fatalf("after a session:\n%s", rep.Text)
		}
		r.say("bo", "log bench 50x15 goto")
		if week := r.say("bo", "week"); !strings.Contains(week.Text, "4 back-off sets on Sat 1 Jan: the article says 2-3 per session at most.") {
			t.Errorf("week:\n%s", week.Text)
		}
	})
}

// The rest a step announces is the rest the timer runs: a ramp rests 75 s,
// and the reply said "1 min" while the ping came at 75 s.
func TestRampRestAnnouncedIsRestTimed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		if rep := r.say("ra", "ramp 100kg squat"); !strings.Contains(rep.Text, "rest 75 s") {
			t.Fatalf("plan: %q", rep.Text)
		}
		r.say("ra", "start")
		if rep := r.say("ra", "done"); !strings.Contains(rep.Text, "Rest 75 s; I'll ping you.") {
			t.Fatalf("after set 1: %q", rep.Text)
		}
		time.Sleep(74 * time.Second)
		synctest.Wait()
		if n := len(r.sink.pings()); n != 0 {
			t.Fatalf("%d pings after 74 s of a 75 s rest", n)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if n := len(r.sink.pings()); n != 1 {
			t.Fatalf("%d pings at 75 s", n)
		}
	})
}
