package bot

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// importsFile is one of the coach's realistic export files.
func importsFile(t *testing.T, name string) *File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "coach", "testdata", "imports", name))
	if err != nil {
		t.Fatal(err)
	}
	return &File{Name: name, MIME: "text/csv", Data: data}
}

// Spotter's own export, sent back, adds nothing: not the sets logged in
// the chat (their rows were never imported), nor the sets an import
// brought (the export names and orders them its own way), nor equal sets
// of one time (five sets of a log line), with the weights written in
// pounds, rounded, and an assisted set written as Strong writes help. A
// second lifter importing it gets every set.
func TestReimportOfOwnExportAddsNothing(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		r.say("ana", "log bench 100x5x5")
		r.say("ana", "log squat 140kg 5 @8")
		rep := r.sayIn("gym", "ana", "import", importsFile(t, "strong_comma.csv"))
		if !strings.Contains(rep.Text, "Strong export: 14 rows read, 12 sets imported.") || rep.Replace != "" {
			t.Fatalf("import: %+v", rep)
		}
		r.say("ana", "settings units lb")
		exp := r.sayIn("gym", "ana", "export", nil)
		if exp.File == nil {
			t.Fatalf("export: %+v", exp)
		}
		before, _ := r.db.CountSets("test", "ana")
		if before != 18 {
			t.Fatalf("%d sets before the export came back, want 18", before)
		}
		for range 2 {
			rep = r.sayIn("gym", "ana", "import", exp.File)
			if rep.Error || !strings.Contains(rep.Text, "18 rows read, 0 sets imported") {
				t.Errorf("the export imported back: %q", rep.Text)
			}
			if n, _ := r.db.CountSets("test", "ana"); n != before {
				t.Errorf("the export imported back: %d sets, were %d", n, before)
			}
		}
		if !strings.Contains(rep.Text, "18 already in your history") {
			t.Errorf("the answer does not say why: %q", rep.Text)
		}
		r.say("bo", "settings units lb") // the export's weights are in ana's unit
		rep = r.sayIn("gym", "bo", "import", exp.File)
		if n, _ := r.db.CountSets("test", "bo"); n != before || !strings.Contains(rep.Text, "18 sets imported") {
			t.Errorf("bo's import of ana's export: %d sets, %q", n, rep.Text)
		}
		ana, _ := r.db.Sets("test", "ana")
		bo, _ := r.db.Sets("test", "bo")
		for i := range ana {
			a, b := ana[i].Lift, bo[i].Lift
			if !a.At.Truncate(time.Second).Equal(b.At) || a.Exercise != b.Exercise || a.Reps != b.Reps ||
				coach.FormatLoad(a.LoadIn(coach.KG)) != coach.FormatLoad(b.LoadIn(coach.KG)) || a.Kind != b.Kind {
				t.Errorf("set %d: ana's %+v came back as %+v", i, a, b)
			}
		}
	})
}

// A large import shows its progress in one message edited as it goes:
// every progress reply and the answer name the same message.
func TestLargeImportShowsProgressInOneMessage(t *testing.T) {
	defer func(every time.Duration) { progressEvery = every }(progressEvery)
	progressEvery = 0 // each time the import looks, as if it were slow
	withRig(t, func(t *testing.T, r *rig) {
		const rows = 5000
		m := Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Text: "import", ID: "big",
			File: &File{Name: "big.csv", Data: strongRows(rows, time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC))}}
		if err := r.hub.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		rs, _ := answers(r.sink, m)
		if len(rs) < 4 {
			t.Fatalf("%d replies: %+v", len(rs), rs)
		}
		var texts []string
		for _, rep := range rs {
			texts = append(texts, rep.Text)
			if rep.Replace != "import:big" {
				t.Errorf("%q names message %q", rep.Text, rep.Replace)
			}
		}
		if !strings.HasPrefix(texts[0], "Importing… 1 of 5,000 rows read.") || !strings.Contains(strings.Join(texts, "\n"), "Importing… 4,097 of 5,000 rows read.") {
			t.Errorf("progress: %q", texts)
		}
		if got := texts[len(texts)-3:]; got[0] != "Importing… 5,000 rows read; checking them against your history." ||
			got[1] != "Importing… writing 5,000 sets." || !strings.HasPrefix(got[2], "Strong export: 5000 rows read, 5000 sets imported.") {
			t.Errorf("the end: %q", got)
		}
	})
}

// Names the catalog cannot place are kept as the file wrote them, the
// answer lists them, and every command reaches them.
func TestOwnNamesAreKeptAndReachable(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		rep := r.sayIn("gym", "ana", "import", importsFile(t, "strong_comma.csv"))
		if !strings.Contains(rep.Text, "Kept under their own names, which the exercise catalog does not have: Shrug (smith machine), Cossack squat. Try: history cossack squat") {
			t.Errorf("import: %q", rep.Text)
		}
		for _, tc := range []struct{ say, want string }{
			{"history cossack squat", "Wed 5 Mar · cossack squat"},
			{"history Cossack Squat", "cossack squat"},
			{"history shrug (smith machine)", "shrug (smith machine) 80 kg 1×12"},
			{"log cossack squat 20x8", "Logged cossack squat"},
			{"pr cossack squat", "cossack squat"},
			{"history cosack squat", "did you mean cossack squat"},
		} {
			rep := r.say("ana", tc.say)
			if !strings.Contains(rep.Text, tc.want) {
				t.Errorf("%s: %q, want %q in it", tc.say, rep.Text, tc.want)
			}
		}
		if rep := r.say("ana", "history cosack squat"); !strings.Contains(rep.Text, "Try: history cossack squat") {
			t.Errorf("a typo of an own name: %q", rep.Text)
		}
		// Another lifter's names are not ana's.
		if rep := r.say("bo", "history cossack squat"); !rep.Error {
			t.Errorf("bo reaches ana's name: %q", rep.Text)
		}
		// The same file again: nothing new, and no list.
		if rep := r.sayIn("gym", "ana", "import", importsFile(t, "strong_comma.csv")); strings.Contains(rep.Text, "Kept under") {
			t.Errorf("the second import lists names again: %q", rep.Text)
		}
	})
}

// Sets an earlier import kept under an app's name the catalog now places
// ("flat barbell bench press") are the catalog exercise's: history,
// records and estimates of bench press count them.
func TestOldImportsUnderAppNamesAreFound(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		old := time.Now().Add(-48 * time.Hour)
		if err := r.db.Apply(record.Change{Sets: []record.Set{{Platform: "test", UserID: "ana", ChatID: "gym",
			Lift: coach.Lift{At: old, Exercise: "flat barbell bench press", Load: 120, Unit: coach.KG, Reps: 5, Kind: coach.KindWork, Entry: "import-old"}}}}); err != nil {
			t.Fatal(err)
		}
		r.say("ana", "log bench 100x5")
		if rep := r.say("ana", "history bench"); !strings.Contains(rep.Text, "flat barbell bench press 120 kg 1×5") || !strings.Contains(rep.Text, "bench press 100 kg 1×5") {
			t.Errorf("history bench: %q", rep.Text)
		}
		if rep := r.say("ana", "1rm bench"); !strings.Contains(rep.Text, "from 120 kg × 5") {
			t.Errorf("1rm bench: %q", rep.Text)
		}
		if rep := r.say("ana", "pr bench"); !strings.Contains(rep.Text, "120 kg") {
			t.Errorf("pr bench: %q", rep.Text)
		}
	})
}
