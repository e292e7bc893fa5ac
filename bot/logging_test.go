package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// stored are the lifter's stored sets, oldest first.
func (r *rig) stored(user string) []coach.Lift {
	r.t.Helper()
	ss, err := r.db.Sets("test", user)
	if err != nil {
		r.t.Fatal(err)
	}
	return lifts(ss)
}

// A line that looks like a typo is asked about and nothing is stored
// until the lifter answers; yes stores it once, as written.
func TestLogQuestionStoresNothingUntilYes(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "settings board off") // asked about the group's board before
		rep := r.say("ana", "log bench 5x100")
		want := "Bench press 5 kg × 100? 100 reps is more than one set usually holds, and 5 kg is lighter than the empty bar (20 kg). Did you mean 100 kg × 5?\n" +
			"Nothing is logged until you answer: yes logs 5 kg × 100 as written, log bench 100x5 logs 100 kg × 5, no logs nothing."
		if rep.Error || rep.Text != want {
			t.Fatalf("question:\n%s\nwant:\n%s", rep.Text, want)
		}
		if len(rep.Buttons) != 1 || len(rep.Buttons[0]) != 2 ||
			rep.Buttons[0][0] != (Button{Label: "Yes, 5 kg × 100", Data: "yes"}) ||
			rep.Buttons[0][1] != (Button{Label: "100 kg × 5", Data: "log bench 100x5"}) {
			t.Fatalf("buttons: %+v", rep.Buttons)
		}
		if n := len(r.stored("ana")); n != 0 {
			t.Fatalf("%d sets stored before the answer", n)
		}
		if rec := r.record("ana"); rec.ConfirmLoad != "log bench 5x100" {
			t.Fatalf("waiting: %q", rec.ConfirmLoad)
		}
		rep = r.say("ana", "yes")
		if rep.Error || rep.Text != "Logged bench press 5 kg 1×100." {
			t.Fatalf("yes: %q", rep.Text)
		}
		if got := r.stored("ana"); len(got) != 1 || got[0].Load != 5 || got[0].Reps != 100 {
			t.Fatalf("stored after yes: %+v", got)
		}
		// A second yes (a second press of the button) stores nothing more.
		if rep := r.say("ana", "yes"); !rep.Error || !strings.HasPrefix(rep.Text, "Nothing is waiting") {
			t.Fatalf("second yes: %+v", rep)
		}
		if n := len(r.stored("ana")); n != 1 {
			t.Fatalf("%d sets after a second yes", n)
		}
	})
}

// The other reading's button carries the whole line read the other way
// round, and logs that; no logs nothing.
func TestLogQuestionOtherReadingAndNo(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "settings board off") // asked about the group's board before
		rep := r.say("ana", "log bench 5x100 yesterday")
		if len(rep.Buttons) != 1 || len(rep.Buttons[0]) != 2 || rep.Buttons[0][1].Data != "log bench 100x5 yesterday" {
			t.Fatalf("buttons: %+v", rep.Buttons)
		}
		rep = r.say("ana", rep.Buttons[0][1].Data)
		if rep.Error || rep.Text != "Logged bench press 100 kg 1×5 on Fri 31 Dec 1999." {
			t.Fatalf("other reading: %q", rep.Text)
		}
		got := r.stored("ana")
		if len(got) != 1 || got[0].Load != 100 || got[0].Reps != 5 || !got[0].At.Equal(time.Date(1999, 12, 31, 12, 0, 0, 0, time.UTC)) {
			t.Fatalf("stored: %+v", got)
		}
		if rec := r.record("ana"); rec.ConfirmLoad != "" {
			t.Fatalf("still waiting: %q", rec.ConfirmLoad)
		}

		r.say("ana", "log squat 3x5")
		if rep := r.say("ana", "no"); rep.Error || rep.Text != "Nothing logged. Send the line again as you meant it." {
			t.Fatalf("no: %+v", rep)
		}
		if n := len(r.stored("ana")); n != 1 {
			t.Fatalf("%d sets after no", n)
		}

		// A line too long for a button's data is answered with swap.
		rep = r.say("ana", `log bench 5x100 "after a long day at work, with a cold"`)
		if len(rep.Buttons[0]) != 2 || rep.Buttons[0][1].Data != "swap" {
			t.Fatalf("long line's buttons: %+v", rep.Buttons)
		}
		rep = r.say("ana", "swap")
		if rep.Text != "Logged bench press 100 kg 1×5 — “after a long day at work, with a cold”." {
			t.Fatalf("swap: %q", rep.Text)
		}
		if got := r.stored("ana"); len(got) != 2 || got[1].Load != 100 || got[1].Reps != 5 {
			t.Fatalf("stored: %+v", got)
		}
	})
}

// Against the lifter's own history: a load far beyond their best estimate
// is asked about, with no other reading when written with its unit.
func TestLogQuestionFromHistory(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5")
		rep := r.say("ana", "log bench 200kg x 5")
		want := "Bench press 200 kg × 5? 200 kg is far beyond your best estimated 1RM (116.5 kg).\n" +
			"Nothing is logged until you answer: yes logs 200 kg × 5 as written, no logs nothing."
		if rep.Text != want || len(rep.Buttons[0]) != 1 {
			t.Fatalf("question:\n%s\nwant:\n%s\nbuttons %+v", rep.Text, want, rep.Buttons)
		}
		// Anything else drops the question; the line is not stored.
		if rep := r.say("ana", "history"); rep.Error || strings.Contains(rep.Text, "200") {
			t.Fatalf("history: %q", rep.Text)
		}
		if rep := r.say("ana", "yes"); !rep.Error {
			t.Fatalf("yes after the question was dropped: %q", rep.Text)
		}
		if n := len(r.stored("ana")); n != 1 {
			t.Fatalf("%d sets", n)
		}
		// Plausible lines are logged at once.
		for _, in := range []string{"log bench 105x3", "log bench 60kg 3x10", "log pull up 12", "log dip +40kg x 5", "log bench 20x15"} {
			if rep := r.say("ana", in); !strings.HasPrefix(rep.Text, "Logged ") {
				t.Errorf("%s: %q", in, rep.Text)
			}
		}
	})
}

// start while a log question waits starts the last plan, which a log
// line leaves alone.
func TestStartWhileALogQuestionWaits(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "drop 80kg bench")
		r.say("ana", "log bench 5x100")
		if rec := r.record("ana"); rec.Planned == nil || rec.ConfirmLoad == "" {
			t.Fatalf("record: %+v", rec)
		}
		if rep := r.say("ana", "start"); rep.Session == "" {
			t.Fatalf("start: %q", rep.Text)
		}
		if n := len(r.stored("ana")); n != 0 {
			t.Fatalf("%d sets", n)
		}
	})
}

// A past day is stamped at noon of that day in the lifter's zone, and
// named in the reply; a day to come is refused.
func TestLogPastDays(t *testing.T) {
	// The clock starts at 2000-01-01 00:00 UTC, a Saturday.
	for _, tt := range []struct {
		tz, in, reply string
		want          time.Time
	}{
		{"", "log bench 100x5 yesterday", "Logged bench press 100 kg 1×5 on Fri 31 Dec 1999.", time.Date(1999, 12, 31, 12, 0, 0, 0, time.UTC)},
		{"", "log bench 100x5 today", "Logged bench press 100 kg 1×5.", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"", "log bench 100x5 sat", "Logged bench press 100 kg 1×5 on Sat 25 Dec 1999.", time.Date(1999, 12, 25, 12, 0, 0, 0, time.UTC)},
		{"", "log bench 100x5 28/12", "Logged bench press 100 kg 1×5 on Tue 28 Dec 1999.", time.Date(1999, 12, 28, 12, 0, 0, 0, time.UTC)},
		// In Tokyo it is 09:00 on Saturday; in New York 19:00 on Friday,
		// still in 1999, so the reply needs no year.
		{"Asia/Tokyo", "log bench 100x5 yesterday", "Logged bench press 100 kg 1×5 on Fri 31 Dec 1999.", time.Date(1999, 12, 31, 3, 0, 0, 0, time.UTC)},
		{"America/New_York", "log bench 100x5 yesterday", "Logged bench press 100 kg 1×5 on Thu 30 Dec.", time.Date(1999, 12, 30, 17, 0, 0, 0, time.UTC)},
		{"America/New_York", "log bench 100x5 fri", "Logged bench press 100 kg 1×5 on Fri 24 Dec.", time.Date(1999, 12, 24, 17, 0, 0, 0, time.UTC)},
		{"America/New_York", "log bench 100x5 2000-01-01", "", time.Time{}},
	} {
		t.Run(tt.tz+" "+tt.in, func(t *testing.T) {
			withRig(t, func(t *testing.T, r *rig) {
				r.say("ana", "settings board off") // asked about the group's board before
				if tt.tz != "" {
					r.say("ana", "settings tz "+tt.tz)
				}
				rep := r.say("ana", tt.in)
				got := r.stored("ana")
				if tt.reply == "" {
					if !rep.Error || !strings.Contains(rep.Text, "still to come") || len(got) != 0 {
						t.Fatalf("a day to come: %q, %d sets", rep.Text, len(got))
					}
					return
				}
				if rep.Text != tt.reply {
					t.Errorf("reply %q, want %q", rep.Text, tt.reply)
				}
				if len(got) != 1 || !got[0].At.Equal(tt.want) {
					t.Fatalf("stored %+v, want at %v", got, tt.want)
				}
			})
		})
	}
}

// Body-weight sets read as lifters write them, and never set an estimated
// 1RM; failed sets are kept and set nothing.
func TestLogBodyWeightAndFailedSets(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		for in, want := range map[string]string{
			"log pull up 10":                         "Logged pull up BW × 10.",
			"log pull up 3x8":                        "Logged pull up BW 3×8.",
			"log dips +20kg x8":                      "Logged dip +20 kg × 8.",
			"log pull up -30kg x8":                   "Logged pull up −30 kg (assisted) × 8.",
			"log chin up bw 8":                       "Logged chin up BW × 8.",
			"log pull up 10 +10kg 6":                 "Logged pull up BW × 10, +10 kg × 6.",
			"log bench 100x0":                        "Logged bench press 100 kg × 0 (failed).",
			"log squat 140kg 5 rir 2":                "Logged back squat 140 kg 1×5 @8.\n2 reps in reserve (RIR) is RPE 8.",
			"log bench 100kg 3x5 # felt heavy today": "Logged bench press 100 kg 3×5 — “felt heavy today”.",
			"log pull up 10 8 6":                     "Logged pull up BW × 10, 8, 6.",
			"log squat 140kg 5 5 4 @8":               "Logged back squat 140 kg 2×5, 1×4 @8.",
			"log bench 100kg 5 5 0":                  "Logged bench press 100 kg 2×5, 1×0 (failed).",
		} {
			// A lifter of their own each, so that no line sets a record,
			// and who was asked about the group's board before.
			r.say("new "+in, "settings board off")
			if rep := r.say("new "+in, in); rep.Text != want {
				t.Errorf("%s: %q, want %q", in, rep.Text, want)
			}
		}
		// The records of a body-weight exercise: most reps and the heaviest
		// added load, never an estimate.
		r.say("ana", "log dips 12")
		r.say("ana", "log dips +10kg x 8")
		rep := r.say("ana", "log dips 15")
		if !strings.Contains(rep.Text, "New PR, most reps at body weight on dip: 15 (was 12).") || strings.Contains(rep.Text, "1RM") {
			t.Errorf("body weight PR: %q", rep.Text)
		}
		rep = r.say("ana", "log dips +20kg x 5")
		if !strings.Contains(rep.Text, "New PR, heaviest added load on dip: +20 kg (was +10 kg).") || strings.Contains(rep.Text, "1RM") {
			t.Errorf("added load PR: %q", rep.Text)
		}
		rep = r.say("ana", "pr dip")
		if !strings.Contains(rep.Text, "Heaviest added load: +20 kg × 5") || !strings.Contains(rep.Text, "Most reps: BW × 15, +20 kg × 5, +10 kg × 8") || strings.Contains(rep.Text, "1RM") {
			t.Errorf("pr dip:\n%s", rep.Text)
		}
		if rep := r.say("ana", "1rm dip"); strings.Contains(rep.Text, "Estimated 1RM, dip") {
			t.Errorf("1rm dip: %q", rep.Text)
		}
		// A failed set is in the history and in no record.
		r.say("ana", "log bench 100x5")
		rep = r.say("ana", "log bench 120kg 0")
		if rep.Text != "Logged bench press 120 kg × 0 (failed)." {
			t.Errorf("failed set: %q", rep.Text)
		}
		if rep := r.say("ana", "history bench"); !strings.Contains(rep.Text, "bench press 120 kg × 0 (failed)") {
			t.Errorf("history:\n%s", rep.Text)
		}
		if rep := r.say("ana", "pr bench"); strings.Contains(rep.Text, "120") || !strings.Contains(rep.Text, "(1 set)") {
			t.Errorf("pr bench:\n%s", rep.Text)
		}
	})
}

// Undo takes back the line just logged, also when it was logged for a
// past day and so sits before today's sets in the history; a second undo
// then takes back the newest.
func TestUndoTakesBackAPastDayLine(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5x5")
		r.say("ana", "log squat 140kg 5 yesterday")
		if rep := r.say("ana", "undo"); rep.Error || !strings.Contains(rep.Text, "Removed back squat 140 kg") {
			t.Fatalf("undo after a past-day line: %q", rep.Text)
		}
		if sets, _ := r.db.Sets("test", "ana"); len(sets) != 5 || sets[0].Exercise != "bench press" {
			t.Fatalf("left %d sets, first %q", len(sets), sets[0].Exercise)
		}
		if rep := r.say("ana", "undo"); rep.Error || !strings.Contains(rep.Text, "Removed bench press 100 kg 5×5") {
			t.Fatalf("second undo: %q", rep.Text)
		}
		if n, _ := r.db.CountSets("test", "ana"); n != 0 {
			t.Errorf("%d sets left", n)
		}
	})
}
