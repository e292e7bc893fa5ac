package bot

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func (r *rig) sayIn(chat, user, text string, file *File) Reply {
	r.t.Helper()
	msgSeq++
	m := Message{Platform: "test", ChatID: chat, UserID: user, UserName: user, Text: text, Group: true, ID: fmt.Sprint("m", msgSeq), File: file}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	synctest.Wait()
	return r.sink.last()
}

func withRig(t *testing.T, f func(t *testing.T, r *rig)) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		f(t, r)
	})
}

func TestLiftersAreIsolatedInOneChat(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5x5")
		for _, q := range []string{"history", "pr bench", "1rm bench"} {
			rep := r.say("bo", q)
			if strings.Contains(rep.Text, "100 kg") || !rep.Private {
				t.Errorf("bo's %q shows ana's data or is not private: %+v", q, rep)
			}
		}
		if rep := r.say("bo", "undo"); !rep.Error {
			t.Errorf("bo's undo: %+v", rep)
		}
		if rep := r.say("ana", "history"); !strings.Contains(rep.Text, "bench press 100 kg 5×5") {
			t.Errorf("ana's history after bo's undo: %q", rep.Text)
		}
		r.say("bo", "forget me confirm")
		sets, _ := r.db.Sets("test", "ana")
		if len(sets) != 5 {
			t.Errorf("bo's forget-me touched ana's sets: %d left", len(sets))
		}
	})
}

func TestNewPRIsAnnouncedInTheChat(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5")
		rep := r.sayIn("gym-2", "ana", "log bench 105x3", nil)
		if rep.ChatID != "gym-2" || !strings.Contains(rep.Text, "New PR, heaviest bench press: 105 kg (was 100)") {
			t.Errorf("PR reply: %+v", rep)
		}
		// A PR during a guided session is announced with the step's answer.
		r.say("ana", "rp 110kg bench")
		r.say("ana", "start")
		rep = r.say("ana", "done 4")
		if !strings.Contains(rep.Text, "Set: 4 reps at 110 kg") || !strings.Contains(rep.Text, "New PR, heaviest bench press: 110 kg") {
			t.Errorf("session PR: %q", rep.Text)
		}
	})
}

func TestPlansUseHistoryAndSayWhere(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		if rep := r.say("ana", "backoff bench"); !rep.Error || !strings.Contains(rep.Text, "estimated 1RM") {
			t.Errorf("back-off without history: %q", rep.Text)
		}
		r.say("ana", "log bench 90x6")
		rep := r.say("ana", "backoff bench")
		// Epley 90 x 6 = 108: warm-ups 54 -> 55, 64.8 -> 65.
		if rep.Plan == nil || rep.Plan.OneRM != 108 || !strings.Contains(rep.Text, "1RM from your history: 108 kg (Epley, from 90 kg × 6") {
			t.Fatalf("back-off from history: %q", rep.Text)
		}
		r.say("ana", "drop 60kg leg extension")
		r.say("ana", "start")
		r.say("ana", "done 10")
		r.say("ana", "stop")
		rep = r.say("ana", "drop leg extension")
		if rep.Plan == nil || rep.Plan.Steps[0].Load != 60 || !strings.Contains(rep.Text, "Start load from your last drop set on leg extension") {
			t.Errorf("drop from history: %q", rep.Text)
		}
	})
}

func TestWeeklyGuardWarnsOnTheThirdDropSet(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log leg extension 60x10 50x8 drop")
		time.Sleep(24 * time.Hour)
		r.say("ana", "log leg extension 60x10 50x8 drop")
		rep := r.say("ana", "drop 60kg leg extension")
		if !strings.Contains(rep.Text, "This week you already did drop sets for quads 2×") {
			t.Errorf("no weekly warning:\n%s", rep.Text)
		}
		if week := r.say("ana", "week"); !strings.Contains(week.Text, "quads: drop set 2× (limit reached)") {
			t.Errorf("week: %q", week.Text)
		}
		// Eight days later the old ones have left the window.
		time.Sleep(8 * 24 * time.Hour)
		if rep := r.say("ana", "drop 60kg leg extension"); strings.Contains(rep.Text, "This week you already") {
			t.Errorf("stale warning:\n%s", rep.Text)
		}
	})
}

func TestSettingsChangePlans(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		if rep := r.say("ana", "settings units stone"); !rep.Error {
			t.Errorf("bad unit accepted: %q", rep.Text)
		}
		if rep := r.say("ana", "settings tz Mars/Olympus"); !rep.Error {
			t.Errorf("bad zone accepted: %q", rep.Text)
		}
		r.say("ana", "settings units lb")
		r.say("ana", "settings tz america/new_york")
		r.say("ana", "settings fiber fast")
		rep := r.say("ana", "settings")
		for _, want := range []string{"Units: lb", "America/New_York", "fibre type: fast"} {
			if !strings.Contains(rep.Text, want) {
				t.Errorf("settings lacks %q: %q", want, rep.Text)
			}
		}
		if p := r.say("ana", "drop 135 bench").Plan; p == nil || p.Unit.String() != "lb" {
			t.Errorf("a load without unit is not in lb: %+v", p)
		}
		if p := r.say("ana", "japanese ladder 100kg bench x5").Plan; p == nil || !strings.Contains(p.Why, "fast fibre") {
			t.Errorf("fibre setting not used: %+v", p)
		}
		if p := r.say("bo", "drop 80 bench").Plan; p == nil || p.Unit.String() != "kg" {
			t.Errorf("ana's settings changed bo's unit")
		}
		r.say("ana", "settings equipment dumbbell")
		if p := r.say("ana", "drop 60 bench").Plan; p == nil || p.Equipment.String() != "dumbbell" {
			t.Errorf("equipment setting not used: %+v", p)
		}
		if p := r.say("ana", "drop 100 leg extension").Plan; p == nil || p.Equipment.String() != "machine" {
			t.Errorf("a machine exercise was swapped to dumbbells: %+v", p)
		}
	})
}

func TestForgetMeNeedsConfirmationAndDeletesSessions(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5")
		r.say("ana", "rp 100kg squat")
		r.say("ana", "start")
		r.say("ana", "done 8")
		rep := r.say("ana", "forget me")
		if !strings.Contains(rep.Text, "forget me confirm") || len(rep.Buttons) == 0 {
			t.Fatalf("no confirmation asked: %+v", rep)
		}
		if sets, _ := r.db.Sets("test", "ana"); len(sets) != 2 {
			t.Fatalf("deleted before confirming: %d sets", len(sets))
		}
		r.say("ana", "forget me confirm")
		if sets, _ := r.db.Sets("test", "ana"); len(sets) != 0 {
			t.Errorf("%d sets left", len(sets))
		}
		if recs, _ := r.db.Sessions(); len(recs) != 0 {
			t.Errorf("sessions left: %+v", recs)
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		if n := len(r.sink.pings()); n != 0 {
			t.Errorf("a forgotten lifter was pinged %d times", n)
		}
		if rep := r.say("ana", "done 3"); !rep.Error {
			t.Errorf("the session survived forget-me: %q", rep.Text)
		}
	})
}

func TestChartIsAPNGThatShowsSomething(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		if rep := r.say("ana", "chart bench"); rep.Image != nil {
			t.Fatal("a chart of nothing")
		}
		for i, w := range []string{"100x5", "102.5x5", "105x3", "107.5x2"} {
			r.say("ana", "log bench "+w)
			time.Sleep(time.Duration(i+2) * 24 * time.Hour)
		}
		rep := r.say("ana", "chart bench")
		if rep.Image == nil || rep.Image.MIME != "image/png" || !rep.Private {
			t.Fatalf("chart reply: %+v", rep)
		}
		img, err := png.Decode(bytes.NewReader(rep.Image.Data))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != 768 || b.Dy() != 384 {
			t.Errorf("size %v, want 768x384", b)
		}
		if n := distinctColors(img); n < 10 {
			t.Errorf("only %d colours: blank", n)
		}
		if red := countReddish(img); red < 50 {
			t.Errorf("the estimated-1RM line is missing (%d red pixels)", red)
		}
	})
}

func distinctColors(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	return len(seen)
}

func countReddish(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 90 && bl>>8 < 90 {
				n++
			}
		}
	}
	return n
}

func TestExportImportThroughTheHub(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		data, err := os.ReadFile(filepath.Join("..", "coach", "testdata", "import", "strong_comma.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if rep := r.say("ana", "import"); !rep.Error {
			t.Errorf("import without a file: %q", rep.Text)
		}
		rep := r.sayIn("gym", "ana", "import", &File{Name: "strong.csv", Data: data})
		if !strings.Contains(rep.Text, "Strong export: 9 rows read, 6 sets imported") || !strings.Contains(rep.Text, "1 rest-timer rows") {
			t.Errorf("first import: %q", rep.Text)
		}
		rep = r.sayIn("gym", "ana", "import", &File{Name: "strong.csv", Data: data})
		if !strings.Contains(rep.Text, "0 sets imported, 6 already imported before") {
			t.Errorf("second import: %q", rep.Text)
		}
		rep = r.say("ana", "export")
		if rep.File == nil || !strings.HasPrefix(string(rep.File.Data), "Date,Workout Name") || !rep.Private {
			t.Fatalf("export: %+v", rep)
		}
		// Bo imports ana's export: it is his now, and ana's stays hers.
		rep = r.sayIn("gym", "bo", "import", rep.File)
		if !strings.Contains(rep.Text, "6 sets imported") {
			t.Errorf("re-import of the export: %q", rep.Text)
		}
		ana, _ := r.db.Sets("test", "ana")
		bo, _ := r.db.Sets("test", "bo")
		if len(ana) != 6 || len(bo) != 6 {
			t.Errorf("ana %d sets, bo %d", len(ana), len(bo))
		}
		for i := range ana {
			if ana[i].Load != bo[i].Load || ana[i].Reps != bo[i].Reps || !ana[i].At.Equal(bo[i].At) || ana[i].Kind != bo[i].Kind {
				t.Errorf("round trip set %d: %+v vs %+v", i, ana[i].Lift, bo[i].Lift)
			}
		}
	})
}

func TestGymIsTheServersAndOnlyAdminsChangeIt(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		ctx := context.Background()
		send := func(user, chat, text string, admin bool) Reply {
			msgSeq++
			m := Message{Platform: "test", ChatID: chat, Space: "guild-1", UserID: user, UserName: user, Text: text, Group: true, Admin: admin, ID: fmt.Sprint("m", msgSeq)}
			if err := r.hub.Handle(ctx, m); err != nil {
				t.Fatal(err)
			}
			synctest.Wait()
			return r.sink.last()
		}
		if rep := send("bo", "c1", "gym kg plates 20x2", false); !rep.Error || !strings.Contains(rep.Text, "Only admins change this gym") {
			t.Fatalf("a non-admin changed the gym: %+v", rep)
		}
		if rep := send("ana", "c1", "gym kg plates 20x4 10x2 5x2", true); rep.Error || !strings.Contains(rep.Text, "plates a side 20x4 10x2 5x2") {
			t.Fatalf("admin change: %+v", rep)
		}
		// Every channel of the server plans on it: no 2.5 kg plates, so 85 kg rounds to 80 or 90.
		p := send("bo", "c2", "rp 85kg bench", false).Plan
		if p == nil || p.Steps[0].Load == 85 {
			t.Errorf("the server's plates were not used: %+v", p)
		}
		// Another server keeps the configured gym.
		msgSeq++
		r.hub.Handle(ctx, Message{Platform: "test", ChatID: "x", Space: "guild-2", UserID: "cy", UserName: "cy", Text: "rp 85kg bench", Group: true, ID: fmt.Sprint("m", msgSeq)})
		synctest.Wait()
		if p := r.sink.last().Plan; p == nil || p.Steps[0].Load != 85 {
			t.Errorf("another server's plan: %+v", p)
		}
		if rep := send("ana", "c1", "gym kg plates -5x2", true); !rep.Error {
			t.Errorf("a negative plate was accepted: %q", rep.Text)
		}
		if rep := send("ana", "c1", "gym kg machine 150-5/5", true); !rep.Error {
			t.Errorf("a bad stack was accepted: %q", rep.Text)
		}
		send("ana", "c1", "gym reset", true)
		if p := send("bo", "c2", "rp 85kg bench", false).Plan; p == nil || p.Steps[0].Load != 85 {
			t.Errorf("after reset: %+v", p)
		}
	})
}
