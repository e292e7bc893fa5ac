package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// ApplyContext keeps faultyStore's faults on the path imports are
// written by: it would otherwise reach the file through the embedded DB.
func (s *faultyStore) ApplyContext(_ context.Context, ch record.Change) error { return s.Apply(ch) }

// strongRows is a Strong export of n sets, one a minute back from end,
// newest first: the order that costs a store keeping history in time
// order the most.
func strongRows(n int, end time.Time) []byte {
	exercises := []string{"Squat (Barbell)", "Deadlift (Barbell)", "Bench Press (Barbell)", "Leg Press (Machine)", "Chin Up"}
	var b bytes.Buffer
	b.WriteString("Date,Exercise Name,Set Order,Weight,Reps\n")
	for i := range n {
		at := end.Add(-time.Duration(i) * time.Minute)
		fmt.Fprintf(&b, "%s,%s,%d,%g,%d\n", at.Format("2006-01-02 15:04:05"), exercises[i%len(exercises)], i%5+1, 60+float64(i%40)*2.5, 3+i%8)
	}
	return b.Bytes()
}

// realRig is a rig in real time, for work whose cost is the point: its
// imports are limited only by the coach's bounds, and its lifters never
// by the flood limit.
func realRig(t *testing.T, path string, s *sink, cfg Config) *rig {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Coach == nil {
		c, err := coach.New(coach.Config{Import: coach.ImportLimits{Rows: coach.MaxImportRows, PerDay: coach.MaxImportsPerDay}})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Coach = c
	}
	cfg.Store, cfg.Unit = db, coach.KG
	h := New(cfg)
	h.Unlimited("test")
	ctx, cancel := context.WithCancel(context.Background())
	r := &rig{t: t, hub: h, db: db, sink: s, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- h.Serve(ctx, &testAdapter{sink: s}) }()
	return r
}

// importMsg is ana's import of data.
func importMsg(id string, data []byte) Message {
	return Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Text: "import", ID: id, File: &File{Name: "strong.csv", MIME: "text/csv", Data: data}}
}

// The time of an import grows with its rows, not with their square: four
// times the rows take well under eight times as long. Each is timed from
// the message to its write, through the hub, on a file of its own; the
// best of three runs is kept, so that a pause of the machine does not
// count.
func TestImportTimeGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 300,000 rows")
	}
	end := time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC)
	timed := func(n int) time.Duration {
		data := strongRows(n, end)
		best := time.Duration(1<<63 - 1)
		for run := range 3 {
			r := realRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, Config{})
			start := time.Now()
			if err := r.hub.Handle(context.Background(), importMsg(fmt.Sprint("import-", n, "-", run), data)); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
			if got, _ := r.db.CountSets("test", "ana"); got != n {
				t.Fatalf("%d of %d rows imported", got, n)
			}
			r.stop()
		}
		return best
	}
	small, large := timed(20_000), timed(80_000)
	ratio := float64(large) / float64(small)
	t.Logf("20k rows: %v, 80k rows: %v, ratio %.1f", small, large, ratio)
	if ratio >= 8 {
		t.Errorf("80k rows took %.1f times as long as 20k (%v, %v): more than linear", ratio, large, small)
	}
}

// An imported set takes about the room of a set logged in the chat, and
// not much more than its row in the file.
func TestImportedSetTakesTheRoomOfALoggedSet(t *testing.T) {
	const n = 3000
	used := func(db *store.DB) int64 {
		u, err := db.UsedBytes()
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	data := strongRows(n, time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC))
	r := realRig(t, filepath.Join(t.TempDir(), "imported.db"), &sink{}, Config{})
	before := used(r.db)
	if err := r.hub.Handle(context.Background(), importMsg("import", data)); err != nil {
		t.Fatal(err)
	}
	if got, _ := r.db.CountSets("test", "ana"); got != n {
		t.Fatalf("%d of %d rows imported", got, n)
	}
	imported := float64(used(r.db)-before) / n
	r.stop()

	r = realRig(t, filepath.Join(t.TempDir(), "logged.db"), &sink{}, Config{})
	before = used(r.db)
	for i := range n / 5 {
		m := Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Text: "log squat 100x5x5", ID: fmt.Sprint("log-", i)}
		if err := r.hub.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := r.db.CountSets("test", "ana"); got != n {
		t.Fatalf("%d of %d sets logged", got, n)
	}
	logged := float64(used(r.db)-before) / n
	r.stop()

	row := float64(len(data)) / n
	t.Logf("bytes per set: imported %.0f, logged %.0f; the file's row %.0f", imported, logged, row)
	if imported > 2*logged {
		t.Errorf("an imported set takes %.0f bytes, a logged one %.0f", imported, logged)
	}
	if imported > 8*row {
		t.Errorf("an imported set takes %.0f bytes, %.1f times its row of %.0f", imported, imported/row, row)
	}
}

// Each import limit answers in one line with what to do, and imports
// nothing of a refused file.
func TestImportLimitsAnswerWithWhatToDo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, err := coach.New(coach.Config{Import: coach.ImportLimits{Rows: 10, PerDay: 3, NameLen: 64, Bytes: 1 << 20}})
		if err != nil {
			t.Fatal(err)
		}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{Coach: c})
		defer r.stop()
		end := time.Now().Add(-time.Hour)
		count := func() int {
			n, err := r.db.CountSets("test", "ana")
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		oneLine := func(what string, rep Reply, want ...string) {
			t.Helper()
			if !rep.Error || strings.Contains(rep.Text, "\n") {
				t.Errorf("%s: not a one-line error: %+v", what, rep)
			}
			for _, w := range append(want, "Try: ") {
				if !strings.Contains(rep.Text, w) {
					t.Errorf("%s: %q does not say %q", what, rep.Text, w)
				}
			}
		}

		// Too big: refused before a worker reads it.
		big := strongRows(30_000, end)
		oneLine("a file of 1.3 MB", r.sayIn("gym", "ana", "import", &File{Name: "big.csv", Data: big}),
			"That file is 1.3 MB, over the 1 MB one import takes", "split it into files of under 1 MB")
		// Too many rows: refused whole.
		oneLine("11 rows", r.sayIn("gym", "ana", "import", &File{Name: "rows.csv", Data: strongRows(11, end)}),
			"more than 10 rows", "nothing was imported", "up to 10 rows")
		if n := count(); n != 0 {
			t.Fatalf("refused files imported %d sets", n)
		}
		// A name over 64 characters: the row is skipped and counted; the
		// rest is imported.
		long := strings.Repeat("x", 200<<10)
		data := append(strongRows(3, end), fmt.Sprintf("%s,%s,1,100,5\n%s,%s,1,100,5\n",
			end.Format("2006-01-02 15:04:05"), long, end.Format("2006-01-02 15:04:05"), strings.Repeat("y", 65))...)
		if big := len(data); big < 200<<10 {
			t.Fatalf("the file is %d bytes", big)
		}
		rep := r.sayIn("gym", "ana", "import", &File{Name: "names.csv", Data: data})
		if rep.Error || !strings.Contains(rep.Text, "3 sets imported") || !strings.Contains(rep.Text, "2 rows with an exercise name over 64 characters") ||
			!strings.Contains(rep.Text, "Shorten those exercise names") || strings.Contains(rep.Text, "xxxx") {
			t.Errorf("a file with names over the limit: %q", rep.Text)
		}
		sets, _ := r.db.Sets("test", "ana")
		for _, s := range sets {
			if len(s.Exercise) > 64 {
				t.Errorf("a name of %d bytes reached history", len(s.Exercise))
			}
		}
		if h := r.say("ana", "history"); strings.Contains(h.Text, "xxx") || strings.Contains(h.Text, "yyy") {
			t.Errorf("history shows a refused name: %.200q", h.Text)
		}
		// Imports a day: three began (the big file was refused before it
		// counted), so a fourth file waits until 24 hours after the first.
		r.sayIn("gym", "ana", "import", &File{Name: "again.csv", Data: strongRows(3, end)})
		oneLine("a fourth import in a day", r.sayIn("gym", "ana", "import", &File{Name: "more.csv", Data: strongRows(5, end)}),
			"You have sent 3 imports in the last 24 hours", "send the file again after")
		if n := count(); n != 3 {
			t.Errorf("%d sets after the refused import, want 3", n)
		}
		// Another lifter is not held to ana's count.
		if rep := r.sayIn("gym", "bo", "import", &File{Name: "bo.csv", Data: strongRows(5, end)}); rep.Error {
			t.Errorf("bo's import: %q", rep.Text)
		}
		time.Sleep(24 * time.Hour)
		if rep := r.sayIn("gym", "ana", "import", &File{Name: "more.csv", Data: strongRows(5, end)}); rep.Error || !strings.Contains(rep.Text, "2 sets imported") {
			t.Errorf("an import the next day: %q", rep.Text)
		}
	})
}

// Shutdown during a big import ends within FlushTimeout: the import is
// stopped before it is written, nothing of it lasts, and its lifter is
// told to send the file again; sent again after the restart, it imports
// whole.
func TestShutdownStopsABigImport(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 150,000 rows")
	}
	const rows = 150_000
	// Shutdown stops the import after 50 ms, while it reads the file.
	const flush = 100 * time.Millisecond
	path := filepath.Join(t.TempDir(), "s.db")
	s := &sink{}
	r := realRig(t, path, s, Config{FlushTimeout: flush})
	begun := make(chan struct{})
	r.hub.work.gate = func(Message) { close(begun) }
	m := importMsg("big", strongRows(rows, time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC)))
	if err := r.hub.Submit(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	<-begun
	start := time.Now()
	r.cancel()
	if err := <-r.done; err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if err := r.db.Close(); err != nil {
		t.Fatal(err)
	}
	// FlushTimeout for slow work, half as long again for a write to end,
	// FlushTimeout for the outbox; and a little for the machine.
	if took > 3*flush+300*time.Millisecond {
		t.Errorf("shutdown during the import took %v, FlushTimeout is %v", took, flush)
	}
	rs, _ := answers(s, m)
	if len(rs) != 1 || rs[0].Text != importInterrupted {
		t.Fatalf("the stopped import was answered %+v", rs)
	}

	up := &sink{}
	r = realRig(t, path, up, Config{})
	defer r.stop()
	if n, _ := r.db.CountSets("test", "ana"); n != 0 {
		t.Fatalf("%d sets of the stopped import lasted", n)
	}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if n, _ := r.db.CountSets("test", "ana"); n != rows {
		t.Errorf("%d sets after the file was sent again, want %d", n, rows)
	}
}

// However shutdown falls during an import, the import lasts whole or not
// at all, and the answer says which.
func TestShutdownDuringAnImportIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 100,000 rows a few times")
	}
	const rows = 100_000
	flush := raceSlowdown * time.Second // the race detector slows the write it may wait for
	data := strongRows(rows, time.Date(2026, 11, 1, 18, 0, 0, 0, time.UTC))
	for _, after := range []time.Duration{0, 200 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second} {
		t.Run(after.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.db")
			s := &sink{}
			r := realRig(t, path, s, Config{FlushTimeout: flush})
			m := importMsg("import", data)
			if err := r.hub.Submit(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			time.Sleep(after)
			start := time.Now()
			r.stop()
			// FlushTimeout for slow work, half as long again for a write to
			// end, FlushTimeout for the outbox.
			if took := time.Since(start); took > 3*flush {
				t.Errorf("shutdown took %v", took)
			}
			db, err := store.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			n, _ := db.CountSets("test", "ana")
			rs, _ := answers(s, m)
			switch {
			case n == rows:
				if len(rs) != 1 || !strings.Contains(rs[0].Text, fmt.Sprint(rows, " sets imported")) {
					t.Errorf("the import lasted, and was answered %+v", rs)
				}
			case n == 0:
				// Stopped, or never begun: told so, or (never begun, as a
				// message still in the inbox) not answered at all.
				if len(rs) > 1 || len(rs) == 1 && rs[0].Text != importInterrupted {
					t.Errorf("nothing lasted, and the import was answered %+v", rs)
				}
			default:
				t.Errorf("%d of %d sets lasted", n, rows)
			}
		})
	}
}

// An export neutralises cells a spreadsheet would run as formulas, and
// imports again as the same names.
func TestExportNeutralisesFormulasAndImportsBack(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		names := []string{"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"}
		var b bytes.Buffer
		b.WriteString("Date,Exercise Name,Set Order,Weight,Reps\n")
		w := csv.NewWriter(&b)
		for i, n := range names {
			w.Write([]string{fmt.Sprintf("2026-10-0%d 18:00:00", i+1), n, "1", "100", "5"})
		}
		w.Flush()
		if rep := r.sayIn("gym", "ana", "import", &File{Name: "f.csv", Data: b.Bytes()}); !strings.Contains(rep.Text, "5 sets imported") {
			t.Fatalf("import: %q", rep.Text)
		}
		exp := r.sayIn("gym", "ana", "export", nil)
		if exp.File == nil {
			t.Fatalf("export: %+v", exp)
		}
		recs, err := csv.NewReader(bytes.NewReader(exp.File.Data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs[1:] {
			for i, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("column %d of the export starts a formula: %q", i, cell)
				}
			}
		}
		if rep := r.sayIn("gym", "bo", "import", exp.File); !strings.Contains(rep.Text, "5 sets imported") {
			t.Fatalf("bo's import of ana's export: %q", rep.Text)
		}
		ana, _ := r.db.Sets("test", "ana")
		bo, _ := r.db.Sets("test", "bo")
		for i := range ana {
			if ana[i].Exercise != bo[i].Exercise {
				t.Errorf("exported and imported again, %q became %q", ana[i].Exercise, bo[i].Exercise)
			}
		}
	})
}
