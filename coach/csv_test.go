package coach

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readImport(t *testing.T, c *Coach, name string, unit Unit) *Import {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	im, err := c.ImportCSV(data, time.UTC, unit)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return im
}

func TestImportStrongComma(t *testing.T) {
	c := testCoach(t)
	im := readImport(t, c, "strong_comma.csv", KG)
	if im.Format != "Strong" || im.Read != 9 || !im.AssumedUnit {
		t.Fatalf("format %q read %d assumed %v", im.Format, im.Read, im.AssumedUnit)
	}
	// Imported: warm-up, 2 work sets, a drop set, a body-weight pull-up, a lateral raise.
	if len(im.Lifts) != 6 {
		t.Fatalf("%d lifts: %+v", len(im.Lifts), im.Lifts)
	}
	if im.Skipped["rest-timer rows"] != 1 || im.Skipped["rows without reps (cardio, timed or empty)"] != 1 || im.Skipped["rows with a date I can't read"] != 1 {
		t.Errorf("skipped: %v", im.Skipped)
	}
	b := im.Lifts[1]
	if b.Exercise != "bench press" || b.Load != 100 || b.Reps != 5 || b.RPE != 8 || b.Unit != KG || !b.At.Equal(time.Date(2024, 1, 15, 18, 30, 0, 0, time.UTC)) {
		t.Errorf("bench set: %+v", b)
	}
	if im.Lifts[0].Kind != KindWarmup || im.Lifts[3].Kind != KindDrop {
		t.Errorf("kinds: %q %q", im.Lifts[0].Kind, im.Lifts[3].Kind)
	}
	if pu := im.Lifts[4]; pu.Exercise != "pull up" || pu.Load != 0 || pu.Reps != 10 {
		t.Errorf("body-weight set: %+v", pu)
	}
	if lr := im.Lifts[5]; lr.Exercise != "lateral raise" {
		t.Errorf("lateral raise (dumbbell) mapped to %q", lr.Exercise)
	}
	// Two identical work sets keep distinct keys.
	if bytes.Equal(im.Keys[1], im.Keys[2]) {
		t.Error("identical rows share a key")
	}
}

func TestImportStrongSemicolonWithDecimalCommas(t *testing.T) {
	c := testCoach(t)
	im := readImport(t, c, "strong_semicolon.csv", KG)
	if im.Format != "Strong (semicolons)" || im.Read != 4 || len(im.Lifts) != 3 || im.AssumedUnit {
		t.Fatalf("%+v", im)
	}
	if sq := im.Lifts[1]; sq.Load != 142.5 || sq.RPE != 8.5 || sq.Exercise != "back squat" {
		t.Errorf("decimal commas: %+v", sq)
	}
	if le := im.Lifts[2]; le.Unit != LB || le.Load != 110 || le.Exercise != "leg extension" {
		t.Errorf("lbs row: %+v", le)
	}
	if im.Skipped["rows with a number I can't read"] != 1 {
		t.Errorf("skipped %v", im.Skipped)
	}
}

func TestImportHevyKgAndLb(t *testing.T) {
	c := testCoach(t)
	im := readImport(t, c, "hevy_kg.csv", LB)
	if im.Format != "Hevy" || len(im.Lifts) != 3 || im.Skipped["rows without reps (cardio, timed or empty)"] != 1 {
		t.Fatalf("%+v", im)
	}
	if l := im.Lifts[1]; l.Unit != KG || l.Load != 100 || l.RPE != 8 || !l.At.Equal(time.Date(2024, 1, 15, 18, 30, 0, 0, time.UTC)) {
		t.Errorf("hevy kg set: %+v", l)
	}
	if im.Lifts[0].Kind != KindWarmup || im.Lifts[2].Kind != KindDrop {
		t.Errorf("set types: %+v", im.Lifts)
	}
	im = readImport(t, c, "hevy_lb.csv", KG)
	if len(im.Lifts) != 2 || im.Lifts[0].Unit != LB || im.Lifts[0].Load != 225 || im.Lifts[0].Exercise != "back squat" {
		t.Errorf("hevy lb: %+v", im.Lifts)
	}
}

func TestImportFitNotes(t *testing.T) {
	c := testCoach(t)
	im := readImport(t, c, "fitnotes.csv", LB)
	if im.Format != "FitNotes" || im.Read != 4 || len(im.Lifts) != 3 {
		t.Fatalf("%+v", im)
	}
	if l := im.Lifts[0]; l.Unit != KG || l.Load != 100 || l.Exercise != "flat barbell bench press" && l.Exercise != "bench press" {
		t.Errorf("fitnotes set: %+v", l)
	}
	if im.Lifts[2].Exercise != "deadlift" || !im.Lifts[1].At.Before(im.Lifts[2].At) {
		t.Errorf("order or names: %+v", im.Lifts)
	}
}

func TestImportRefusesUnknownFiles(t *testing.T) {
	c := testCoach(t)
	for _, data := range []string{"", "just some text\nmore", "a,b,c\n1,2,3\n", "\x00\x01\x02"} {
		_, err := c.ImportCSV([]byte(data), time.UTC, KG)
		var ue *Error
		if err == nil || !asError(err, &ue) {
			t.Errorf("ImportCSV(%q) = %v, want a user error", data, err)
		}
	}
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

func TestExportThenImportRoundTrips(t *testing.T) {
	c := testCoach(t)
	berlin, _ := time.LoadLocation("Europe/Berlin")
	orig := []Lift{
		{At: day(2, 17), Exercise: "bench press", Load: 100, Unit: KG, Reps: 5, Kind: KindWork, RPE: 8},
		{At: day(2, 17), Exercise: "bench press", Load: 80, Unit: KG, Reps: 10, Technique: "drop", Kind: KindFailure, Entry: "e1"},
		{At: day(2, 17), Exercise: "bench press", Load: 67.5, Unit: KG, Reps: 8, Technique: "drop", Kind: KindDrop, Entry: "e1"},
		{At: day(3, 8), Exercise: "back squat", Load: 60, Unit: KG, Reps: 5, Kind: KindWarmup},
		{At: day(3, 8), Exercise: "back squat", Load: 50, Unit: KG, Reps: 20, Technique: "back_off", Kind: KindAMRAP, Session: "s1"},
	}
	var buf bytes.Buffer
	if err := c.ExportCSV(&buf, orig, berlin, KG); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps") {
		t.Fatalf("header: %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
	im, err := c.ImportCSV(buf.Bytes(), berlin, KG)
	if err != nil {
		t.Fatal(err)
	}
	if im.Format != "Strong" || len(im.Lifts) != len(orig) {
		t.Fatalf("round trip: %+v", im)
	}
	for i, l := range im.Lifts {
		o := orig[i]
		if !l.At.Equal(o.At) || l.Exercise != o.Exercise || l.Load != o.Load || l.Reps != o.Reps || l.Kind != o.Kind || l.Technique != o.Technique || l.RPE != o.RPE {
			t.Errorf("set %d: got %+v, want %+v", i, l, o)
		}
	}
}

func FuzzImportCSV(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "import", "*.csv"))
	for _, name := range files {
		data, _ := os.ReadFile(name)
		f.Add(data)
	}
	f.Add([]byte("Date;Exercise Name;Set Order;Weight;Reps\n;;;;\n"))
	c := testCoach(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := c.ImportCSV(data, time.UTC, KG)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("not a user error: %v", err)
			}
			return
		}
		if len(im.Lifts) != len(im.Keys) {
			t.Fatalf("%d lifts, %d keys", len(im.Lifts), len(im.Keys))
		}
		skipped := 0
		for _, n := range im.Skipped {
			skipped += n
		}
		if len(im.Lifts)+skipped != im.Read {
			t.Fatalf("read %d = imported %d + skipped %d?", im.Read, len(im.Lifts), skipped)
		}
		for _, l := range im.Lifts {
			if l.Reps <= 0 || l.Load < 0 || math.IsNaN(l.Load) {
				t.Fatalf("bad lift %+v", l)
			}
		}
	})
}

// The key of a row is the digest every earlier Spotter made of it, so
// that a file imported before an upgrade adds nothing after it.
func TestRowKeysAreThoseOfEarlierVersions(t *testing.T) {
	c := testCoach(t)
	loads := []float64{0, 2.5, 60, 67.5, 100, 142.25, 0.1 + 0.2, 1e-7, 0.000012345, 333.3333333333333}
	var b bytes.Buffer
	b.WriteString("Date,Exercise Name,Set Order,Weight,Reps,Weight Unit\n")
	for i, l := range loads {
		for range 2 { // each row twice: identical rows differ by their count
			fmt.Fprintf(&b, "2024-01-%02d 18:30:00,Bench Press (Barbell),%d,%s,%d,%s\n", i+1, i%3+1, fmt.Sprint(l), i+1, []string{"kg", "lbs"}[i%2])
		}
	}
	im, err := c.ImportCSV(b.Bytes(), time.UTC, KG)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Lifts) != 2*len(loads) {
		t.Fatalf("%d lifts, skipped %v", len(im.Lifts), im.Skipped)
	}
	seen := map[string]int{}
	for i, l := range im.Lifts {
		// As ImportCSV wrote it before it was streamed.
		ident := fmt.Sprintf("%d\x00%s\x00%s\x00%g\x00%d\x00%s", l.At.Unix(), l.Exercise, fmt.Sprint(i/2%3+1), l.Load, l.Reps, l.Unit)
		seen[ident]++
		h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", ident, seen[ident]))
		if !bytes.Equal(im.Keys[i], h[:16]) {
			t.Errorf("row %d (%+v): key %x, earlier versions made %x", i, l, im.Keys[i], h[:16])
		}
	}
}

// A file over the row limit is refused whole, with how to split it; a
// file at the limit is read.
func TestImportRowLimit(t *testing.T) {
	c, err := New(Config{Import: ImportLimits{Rows: 10}})
	if err != nil {
		t.Fatal(err)
	}
	file := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("Date,Exercise Name,Set Order,Weight,Reps\n")
		for i := range n {
			fmt.Fprintf(&b, "2024-01-15 18:%02d:00,Squat,1,100,5\n\n", i) // blank lines are not rows
		}
		return b.Bytes()
	}
	if im, err := c.ImportCSV(file(10), time.UTC, KG); err != nil || len(im.Lifts) != 10 {
		t.Fatalf("10 rows: %v", err)
	}
	_, err = c.ImportCSV(file(11), time.UTC, KG)
	var ue *Error
	if !errors.As(err, &ue) || !strings.Contains(ue.Msg, "more than 10 rows") || !strings.Contains(ue.Example, "up to 10 rows") {
		t.Errorf("11 rows: %v", err)
	}
}

// A file over the size limit is refused before it is read, by CSVFormat
// as by ImportCSV; no limit goes over MaxImportBytes.
func TestImportSizeLimit(t *testing.T) {
	c, err := New(Config{Import: ImportLimits{Bytes: 1 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	data := append([]byte("Date,Exercise Name,Set Order,Weight,Reps\n"), bytes.Repeat([]byte("2024-01-15 18:30:00,Squat,1,100,5\n"), 40_000)...)
	for _, f := range []func() error{
		func() error { _, err := c.CSVFormat(data); return err },
		func() error { _, err := c.ImportCSV(data, time.UTC, KG); return err },
	} {
		var ue *Error
		if err := f(); !errors.As(err, &ue) || ue.Msg != "That file is 1.3 MB, over the 1 MB one import takes." {
			t.Errorf("a file of 1.3 MB: %v", err)
		}
	}
	if format, err := c.CSVFormat(data[:1<<20-100]); err != nil || format != "Strong" {
		t.Errorf("a file under the limit: %q %v", format, err)
	}
	if got := c.WithImportLimits(ImportLimits{Bytes: 100 << 20}).ImportLimits().Bytes; got != MaxImportBytes {
		t.Errorf("a limit of 100 MB reads files of %d bytes", got)
	}
	if got := testCoach(t).ImportLimits(); got != DefaultImportLimits() {
		t.Errorf("the default coach's limits: %+v", got)
	}
}

// A row whose exercise name is over the limit is skipped and counted, the
// longest (200 KB) as cheaply as any; names within it are read.
func TestImportNameLengthLimit(t *testing.T) {
	c := testCoach(t)
	var b bytes.Buffer
	b.WriteString("Date,Exercise Name,Set Order,Weight,Reps\n")
	for _, name := range []string{strings.Repeat("x", 200<<10), strings.Repeat("é", 65), strings.Repeat("é", 64), "Squat"} {
		fmt.Fprintf(&b, "2024-01-15 18:30:00,%s,1,100,5\n", name)
	}
	im, err := c.ImportCSV(b.Bytes(), time.UTC, KG)
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Lifts) != 2 || im.LongNames != 2 || im.Skipped["rows with an exercise name over 64 characters"] != 2 {
		t.Fatalf("%d lifts, %d long names, skipped %v", len(im.Lifts), im.LongNames, im.Skipped)
	}
	if im.Lifts[0].Exercise != strings.Repeat("é", 64) || im.Lifts[1].Exercise != "back squat" {
		t.Errorf("names read: %q", []string{im.Lifts[0].Exercise, im.Lifts[1].Exercise})
	}
}

// ScanCSV hands the sets over one by one, and an error of the receiver
// ends the scan as it is.
func TestScanCSVStopsWhenAsked(t *testing.T) {
	c := testCoach(t)
	data, err := os.ReadFile(filepath.Join("testdata", "import", "strong_comma.csv"))
	if err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	n := 0
	_, err = c.ScanCSV(data, time.UTC, KG, func(l Lift, key [16]byte) error {
		if n++; n == 3 {
			return stop
		}
		return nil
	})
	if err != stop || n != 3 {
		t.Errorf("after %d sets: %v", n, err)
	}
}

// A note of Spotter's own sets a set's kind only to a kind Spotter has.
func TestImportNoteKinds(t *testing.T) {
	c := testCoach(t)
	data := "Date,Exercise Name,Set Order,Weight,Reps,Notes\n" +
		"2024-01-15 18:30:00,Squat,1,100,5,\"spotter: set, amrap\"\n" +
		"2024-01-15 18:31:00,Squat,2,100,5,\"spotter: set, " + strings.Repeat("z", 5000) + "\"\n"
	im, err := c.ImportCSV([]byte(data), time.UTC, KG)
	if err != nil {
		t.Fatal(err)
	}
	if im.Lifts[0].Kind != KindAMRAP || im.Lifts[1].Kind != KindWork {
		t.Errorf("kinds: %q, %.20q", im.Lifts[0].Kind, im.Lifts[1].Kind)
	}
}

// An export puts a ' before a text cell a spreadsheet would run as a
// formula (=, +, -, @, a tab, a carriage return), never before a number,
// and an import takes it off again.
func TestExportNeutralisesFormulaCells(t *testing.T) {
	c := testCoach(t)
	names := []string{"=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=HYPERLINK(\"http://evil\",\"x\")", "bench press", "o'brien row"}
	var lifts []Lift
	for i, n := range names {
		lifts = append(lifts, Lift{At: day(2, 8).Add(time.Duration(i) * time.Minute), Exercise: n, Load: 100, Unit: KG, Reps: 5, Kind: KindWork})
	}
	var buf bytes.Buffer
	if err := c.ExportCSV(&buf, lifts, time.UTC, KG); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs[1:] {
		for col, cell := range rec {
			if cell != "" && strings.ContainsRune(formulaStarts, rune(cell[0])) {
				t.Errorf("row %d, column %s: %q would run as a formula", i+1, recs[0][col], cell)
			}
		}
		if name := rec[3]; strings.HasPrefix(name, "'") != strings.ContainsRune(formulaStarts, rune(names[i][0])) {
			t.Errorf("%q exported as %q", names[i], name)
		}
		if rec[5] != "100" || rec[6] != "5" {
			t.Errorf("numbers changed: %q", rec[5:7])
		}
	}
	im, err := c.ImportCSV(buf.Bytes(), time.UTC, KG)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range im.Lifts {
		// The import trims the space around a name, as with any file.
		if want := strings.TrimSpace(names[i]); l.Exercise != want && c.importName(names[i]) != l.Exercise {
			t.Errorf("%q exported and imported again is %q", names[i], l.Exercise)
		}
	}
	if neutralise("-5") != "'-5" || unneutralise("'-5") != "-5" || unneutralise("'quoted") != "'quoted" {
		t.Error("neutralise and unneutralise disagree")
	}
}
