package coach

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// MaxImportBytes bounds an imported file.
const MaxImportBytes = 20 << 20

// Import is what an imported CSV file held.
type Import struct {
	Format string // "Strong", "Strong (semicolons)", "Hevy", "FitNotes"
	Lifts  []Lift
	// Keys identify each lift's row, so that a second import of the same
	// file adds nothing.
	Keys    [][]byte
	Read    int            // data rows read
	Skipped map[string]int // reason -> rows
	// AssumedUnit is set when the file had no unit and the lifter's was used.
	AssumedUnit bool
}

// SkippedText lists the skip reasons, most frequent first.
func (im *Import) SkippedText() string {
	type kv struct {
		k string
		n int
	}
	var list []kv
	for k, n := range im.Skipped {
		list = append(list, kv{k, n})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].n > list[j].n || list[i].n == list[j].n && list[i].k < list[j].k })
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i] = fmt.Sprintf("%d %s", e.n, e.k)
	}
	return strings.Join(parts, ", ")
}

// csvColumns finds columns by header name.
type csvColumns map[string]int

func (c csvColumns) get(row []string, names ...string) string {
	for _, n := range names {
		if i, ok := c[n]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
	}
	return ""
}

func (c csvColumns) has(names ...string) bool {
	for _, n := range names {
		if _, ok := c[n]; !ok {
			return false
		}
	}
	return true
}

// ImportCSV reads a workout export from Strong (the comma format and the
// older semicolon format), Hevy (weight_kg or weight_lbs) or FitNotes,
// recognised by its header. Times without a zone are read in loc; weights
// without a unit are in unit. Errors are *Error values for the lifter.
func (c *Coach) ImportCSV(data []byte, loc *time.Location, unit Unit) (*Import, error) {
	const ex = "export a CSV from Strong, Hevy or FitNotes and send it with the caption import"
	if len(data) > MaxImportBytes {
		return nil, userErr(ex, "That file is over %d MB.", MaxImportBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark
	firstLine, _, _ := bytes.Cut(data, []byte("\n"))
	delim := ','
	if bytes.Count(firstLine, []byte(";")) > bytes.Count(firstLine, []byte(",")) {
		delim = ';'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	header, err := r.Read()
	if err != nil {
		return nil, userErr(ex, "That file is not a CSV I can read.")
	}
	cols := csvColumns{}
	for i, h := range header {
		cols[strings.ToLower(strings.Trim(strings.TrimSpace(h), "\"\ufeff"))] = i
	}
	im := &Import{Skipped: map[string]int{}}
	var rowFn func(row []string) (Lift, string, string) // lift, identity, skip reason
	decimalComma := delim == ';'
	num := func(s string) (float64, bool) {
		if s == "" {
			return 0, true
		}
		if decimalComma || strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
			s = strings.Replace(s, ",", ".", 1)
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, false
		}
		return v, true
	}
	switch {
	case cols.has("date", "exercise name", "set order", "weight", "reps"):
		im.Format = "Strong"
		if delim == ';' {
			im.Format = "Strong (semicolons)"
		}
		hasUnit := cols.has("weight unit")
		im.AssumedUnit = !hasUnit
		rowFn = func(row []string) (Lift, string, string) {
			order := cols.get(row, "set order")
			if strings.EqualFold(order, "rest timer") {
				return Lift{}, "", "rest-timer rows"
			}
			at, ok := parseTime(cols.get(row, "date"), loc, strongLayouts)
			if !ok {
				return Lift{}, "", "rows with a date I can't read"
			}
			u := unit
			if hasUnit {
				if pu, ok := ParseUnit(cols.get(row, "weight unit")); ok {
					u = pu
				} else if cols.get(row, "weight unit") != "" {
					return Lift{}, "", "rows with an unknown weight unit"
				}
			}
			w, ok1 := num(cols.get(row, "weight"))
			reps, ok2 := num(cols.get(row, "reps"))
			rpe, _ := num(cols.get(row, "rpe"))
			l := Lift{At: at, Exercise: c.importName(cols.get(row, "exercise name")), Load: w, Unit: u, Reps: int(reps), RPE: rpe, Kind: KindWork}
			switch strings.ToUpper(order) {
			case "W":
				l.Kind = KindWarmup
			case "D":
				l.Kind = KindDrop
				l.Technique = DropSet.Key()
			case "F":
				l.Kind = KindFailure
			}
			applySpotterNote(&l, cols.get(row, "notes"))
			if !ok1 || !ok2 {
				return Lift{}, "", "rows with a number I can't read"
			}
			return l, order, ""
		}
	case cols.has("exercise_title", "start_time", "reps") && (cols.has("weight_kg") || cols.has("weight_lbs")):
		im.Format = "Hevy"
		u, col := KG, "weight_kg"
		if !cols.has("weight_kg") {
			u, col = LB, "weight_lbs"
		}
		rowFn = func(row []string) (Lift, string, string) {
			at, ok := parseTime(cols.get(row, "start_time"), loc, hevyLayouts)
			if !ok {
				return Lift{}, "", "rows with a date I can't read"
			}
			w, ok1 := num(cols.get(row, col))
			reps, ok2 := num(cols.get(row, "reps"))
			rpe, _ := num(cols.get(row, "rpe"))
			if !ok1 || !ok2 {
				return Lift{}, "", "rows with a number I can't read"
			}
			l := Lift{At: at, Exercise: c.importName(cols.get(row, "exercise_title")), Load: w, Unit: u, Reps: int(reps), RPE: rpe, Kind: KindWork}
			switch cols.get(row, "set_type") {
			case "warmup":
				l.Kind = KindWarmup
			case "dropset":
				l.Kind, l.Technique = KindDrop, DropSet.Key()
			case "failure":
				l.Kind = KindFailure
			}
			applySpotterNote(&l, cols.get(row, "exercise_notes"))
			return l, cols.get(row, "set_index"), ""
		}
	case cols.has("date", "exercise", "reps") && (cols.has("weight (kgs)") || cols.has("weight (kg)") || cols.has("weight (lbs)") || cols.has("weight (lb)")):
		im.Format = "FitNotes"
		u, colNames := KG, []string{"weight (kgs)", "weight (kg)"}
		if cols.has("weight (lbs)") || cols.has("weight (lb)") {
			u, colNames = LB, []string{"weight (lbs)", "weight (lb)"}
		}
		n := 0
		rowFn = func(row []string) (Lift, string, string) {
			n++
			at, ok := parseTime(cols.get(row, "date"), loc, fitNotesLayouts)
			if !ok {
				return Lift{}, "", "rows with a date I can't read"
			}
			w, ok1 := num(cols.get(row, colNames...))
			reps, ok2 := num(cols.get(row, "reps"))
			if !ok1 || !ok2 {
				return Lift{}, "", "rows with a number I can't read"
			}
			// FitNotes has dates without times: keep the rows in file order.
			at = at.Add(time.Duration(n) * time.Second)
			l := Lift{At: at, Exercise: c.importName(cols.get(row, "exercise")), Load: w, Unit: u, Reps: int(reps), Kind: KindWork}
			applySpotterNote(&l, cols.get(row, "comment"))
			return l, strconv.Itoa(n), ""
		}
	default:
		return nil, userErr(ex, "I don't recognise that file: I read CSV exports of Strong, Hevy and FitNotes.")
	}
	seen := map[string]int{}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			im.Read++
			im.Skipped["rows I can't parse"]++
			continue
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		im.Read++
		l, id, reason := rowFn(row)
		switch {
		case reason != "":
		case l.Exercise == "":
			reason = "rows without an exercise"
		case l.Reps <= 0:
			reason = "rows without reps (cardio, timed or empty)"
		case l.Load < 0 || Convert(l.Load, l.Unit, KG) > MaxLoad:
			reason = "rows with an impossible weight"
		case l.Reps > maxReps:
			reason = "rows with an impossible rep count"
		}
		if reason != "" {
			im.Skipped[reason]++
			continue
		}
		if l.Entry == "" {
			l.Entry = "import-" + l.At.UTC().Format("20060102")
		}
		// Identical rows (two warm-ups of the same weight in one workout)
		// differ by how many came before them in the file.
		ident := fmt.Sprintf("%d\x00%s\x00%s\x00%g\x00%d\x00%s", l.At.Unix(), l.Exercise, id, l.Load, l.Reps, l.Unit)
		seen[ident]++
		h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", ident, seen[ident]))
		im.Lifts = append(im.Lifts, l)
		im.Keys = append(im.Keys, h[:16])
	}
	return im, nil
}

var (
	strongLayouts   = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z07:00", "2006-01-02 3:04:05 PM", "2006-01-02"}
	hevyLayouts     = []string{"2 Jan 2006, 15:04", "02 Jan 2006, 15:04", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04"}
	fitNotesLayouts = []string{"2006-01-02", "02/01/2006", "2006-01-02 15:04:05"}
)

func parseTime(s string, loc *time.Location, layouts []string) (time.Time, bool) {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// importName maps an exported exercise name ("Bench Press (Barbell)") to
// the catalog's name where there is one, else keeps it in lower case.
func (c *Coach) importName(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return ""
	}
	if e, ok := c.catalog.Lookup(name); ok {
		return e.Name
	}
	base, paren, found := strings.Cut(name, "(")
	if found {
		base = strings.TrimSpace(base)
		eq, _, _ := strings.Cut(paren, ")")
		if e, ok := c.catalog.Lookup(strings.TrimSpace(eq) + " " + base); ok {
			return e.Name
		}
		if e, ok := c.catalog.Lookup(base); ok {
			return e.Name
		}
	}
	return name
}

// spotterNote marks Spotter's own exports so that techniques survive a
// round trip: "spotter: drop set, drop".
const spotterNote = "spotter: "

func applySpotterNote(l *Lift, note string) {
	rest, ok := strings.CutPrefix(note, spotterNote)
	if !ok {
		return
	}
	tech, kind, _ := strings.Cut(rest, ", ")
	if t, ok := ParseTechnique(strings.ReplaceAll(tech, " ", "-")); ok {
		l.Technique = t.Key()
	}
	if kind != "" {
		l.Kind = kind
	}
}

// strongHeader is the header of Strong's comma-separated export, which
// Strong-compatible tools (Hevy's importer among them) read.
var strongHeader = []string{"Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight", "Reps", "Distance", "Seconds", "Notes", "Workout Notes", "RPE"}

// ExportCSV writes lifts as a Strong CSV export, times in loc and every
// weight in unit.
func (c *Coach) ExportCSV(w io.Writer, lifts []Lift, loc *time.Location, unit Unit) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(strongHeader); err != nil {
		return err
	}
	order := map[string]int{}
	for i := range lifts {
		l := &lifts[i]
		day := l.At.In(loc).Format("2006-01-02")
		workout := "Spotter"
		if t, ok := ParseTechnique(l.Technique); ok {
			workout = "Spotter " + t.String()
		}
		key := day + "\x00" + l.Exercise + "\x00" + l.Session + "\x00" + l.Entry
		order[key]++
		setOrder := strconv.Itoa(order[key])
		switch l.Kind {
		case KindWarmup:
			setOrder = "W"
		case KindDrop:
			setOrder = "D"
		case KindFailure:
			setOrder = "F"
		}
		note := ""
		if t, ok := ParseTechnique(l.Technique); ok {
			note = spotterNote + t.String() + ", " + l.Kind
		} else if l.Kind != "" && l.Kind != KindWork {
			note = spotterNote + "set, " + l.Kind
		}
		rpe := ""
		if l.RPE > 0 {
			rpe = strconv.FormatFloat(l.RPE, 'f', -1, 64)
		}
		rec := []string{l.At.In(loc).Format("2006-01-02 15:04:05"), workout, "", c.exportName(l.Exercise), setOrder,
			FormatLoad(l.LoadIn(unit)), strconv.Itoa(l.Reps), "0", "0", note, "", rpe}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// exportName writes a catalog name the way Strong does: "Bench Press
// (Barbell)", "Ez Bar Curl (EZ Bar)", "Leg Press (Machine)" (Strong and
// Hevy file sleds and plate-loaded machines as machines). importName
// reads each back.
func (c *Coach) exportName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = capitalize(w)
	}
	out := strings.Join(words, " ")
	if e, ok := c.catalog.Lookup(name); ok {
		out += " (" + e.Equipment.label() + ")"
	}
	return out
}
