package coach

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxImportBytes is the largest file an import reads, whatever the
// configuration: the platforms' adapters download no more than this.
const MaxImportBytes = 10 << 20

// The bounds an admin's import limits ([import] in the configuration) are
// held to. Import time and memory grow with the rows of a file, linearly.
const (
	MaxImportRows    = 500_000
	MaxImportsPerDay = 1000
	MaxImportNameLen = 256
)

// ImportLimits bound what one lifter's imports may cost everyone else:
// the work of a file, the imports a day, and the length of what lands in
// history. A zero field is its default (DefaultImportLimits).
type ImportLimits struct {
	// Rows is the most data rows one file may have; a longer file is
	// refused whole, before anything is imported.
	Rows int
	// PerDay is the most imports one lifter may start in 24 hours.
	PerDay int
	// NameLen is the most characters of an exercise name; a row with a
	// longer one is skipped and counted in the reply.
	NameLen int
	// Bytes is the largest file, at most MaxImportBytes.
	Bytes int
}

// DefaultImportLimits are the limits with no configuration.
func DefaultImportLimits() ImportLimits {
	return ImportLimits{Rows: 100_000, PerDay: 5, NameLen: 64, Bytes: MaxImportBytes}
}

// withDefaults fills the zero fields with their defaults and holds the
// rest to their bounds.
func (l ImportLimits) withDefaults() ImportLimits {
	d := DefaultImportLimits()
	fill := func(v *int, def, most int) {
		switch {
		case *v <= 0:
			*v = def
		case *v > most:
			*v = most
		}
	}
	fill(&l.Rows, d.Rows, MaxImportRows)
	fill(&l.PerDay, d.PerDay, MaxImportsPerDay)
	fill(&l.NameLen, d.NameLen, MaxImportNameLen)
	fill(&l.Bytes, d.Bytes, MaxImportBytes)
	return l
}

// ImportLimits are the limits the coach reads files with.
func (c *Coach) ImportLimits() ImportLimits { return c.imports.withDefaults() }

// WithImportLimits is a copy of the coach that reads files with l.
func (c *Coach) WithImportLimits(l ImportLimits) *Coach {
	cc := *c
	cc.imports = l.withDefaults()
	return &cc
}

// Import is what an imported CSV file held.
type Import struct {
	Format string // "Strong", "Strong (semicolons)", "Hevy", "FitNotes"
	// Lifts and Keys are the sets ImportCSV read, and the key of each
	// one's row, so that a second import of the same file adds nothing.
	// ScanCSV hands them over one by one instead.
	Lifts   []Lift
	Keys    [][]byte
	Read    int            // data rows read
	Sets    int            // rows read as sets
	Skipped map[string]int // reason -> rows
	// LongNames are the rows skipped for an exercise name over the limit.
	LongNames int
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

// importExample is how to send an import, for the replies that refuse one.
const importExample = "export a CSV from Strong, Hevy or FitNotes and send it with the caption import"

// splitExample is how to send a file that is over a limit.
func splitExample(what string) string {
	return "split it into files of " + what + " (each with the header line) and send each with the caption import"
}

// ImportCSV reads a whole workout export (see ScanCSV) into an Import
// that holds every set read and its row's key.
func (c *Coach) ImportCSV(data []byte, loc *time.Location, unit Unit) (*Import, error) {
	var lifts []Lift
	var keys [][]byte
	im, err := c.ScanCSV(data, loc, unit, func(l Lift, key [16]byte) error {
		lifts = append(lifts, l)
		keys = append(keys, key[:])
		return nil
	})
	if err != nil {
		return nil, err
	}
	im.Lifts, im.Keys = lifts, keys
	return im, nil
}

// CSVFormat checks what can be told of a file without reading its rows:
// its size and its header. It returns the format's name, or an *Error
// for the lifter.
func (c *Coach) CSVFormat(data []byte) (string, error) {
	if limit := c.ImportLimits().Bytes; len(data) > limit {
		return "", tooBig(len(data), limit)
	}
	// The header only: a file of one endless line costs nothing here.
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		data = data[:i+1]
	}
	s, err := c.newCSVScan(data, time.UTC, KG)
	if err != nil {
		return "", err
	}
	return s.im.Format, nil
}

// tooBig refuses a file of n bytes over the limit.
func tooBig(n, limit int) *Error {
	return userErr(splitExample("under "+formatMB(limit)), "That file is %s, over the %s one import takes.", formatMB(n), formatMB(limit))
}

// ScanCSV reads a workout export from Strong (the comma format and the
// older semicolon format), Hevy (weight_kg or weight_lbs) or FitNotes,
// recognised by its header, one row at a time: each set it reads goes to
// row, in file order, with the key of its row (a digest of what the row
// holds and of how many identical rows came before it, so that a second
// import of the same file can add nothing). Times without a zone are
// read in loc; weights without a unit are in unit. An error from row ends
// the scan and is returned as it is; the file's errors are *Error values
// for the lifter. The coach's ImportLimits bound the file.
func (c *Coach) ScanCSV(data []byte, loc *time.Location, unit Unit, row func(l Lift, key [16]byte) error) (*Import, error) {
	s, err := c.newCSVScan(data, loc, unit)
	if err != nil {
		return nil, err
	}
	if err := s.scan(row); err != nil {
		return nil, err
	}
	return s.im, nil
}

// csvScan is one file being read.
type csvScan struct {
	c      *Coach
	limits ImportLimits
	r      *csv.Reader
	im     *Import
	rowFn  func(row []string) (Lift, string, string) // lift, identity, skip reason
	// seen counts the rows of each identity read so far, by a hash of it.
	seen     map[uint64]uint32
	seenSeed maphash.Seed
	// names are the exercise names read, as the file wrote them, and as
	// they are kept; entries are the import entries by day.
	names   map[string]string
	entries map[string]string
	ident   []byte
	tooLong string // the skip reason of a name over the limit
}

func (c *Coach) newCSVScan(data []byte, loc *time.Location, unit Unit) (*csvScan, error) {
	limits := c.ImportLimits()
	if len(data) > limits.Bytes {
		return nil, tooBig(len(data), limits.Bytes)
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
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, userErr(importExample, "That file is not a CSV I can read.")
	}
	cols := csvColumns{}
	for i, h := range header {
		cols[strings.ToLower(strings.Trim(strings.TrimSpace(h), "\"\ufeff"))] = i
	}
	s := &csvScan{c: c, limits: limits, r: r, im: &Import{Skipped: map[string]int{}},
		seen: map[uint64]uint32{}, seenSeed: maphash.MakeSeed(), names: map[string]string{}, entries: map[string]string{},
		tooLong: fmt.Sprintf("rows with an exercise name over %d characters", limits.NameLen)}
	im := s.im
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
		s.rowFn = func(row []string) (Lift, string, string) {
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
			name, reason := s.name(cols.get(row, "exercise name"))
			if reason != "" {
				return Lift{}, "", reason
			}
			w, ok1 := num(cols.get(row, "weight"))
			reps, ok2 := num(cols.get(row, "reps"))
			rpe, _ := num(cols.get(row, "rpe"))
			l := Lift{At: at, Exercise: name, Load: w, Unit: u, Reps: int(reps), RPE: rpe, Kind: KindWork}
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
		s.rowFn = func(row []string) (Lift, string, string) {
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
			name, reason := s.name(cols.get(row, "exercise_title"))
			if reason != "" {
				return Lift{}, "", reason
			}
			l := Lift{At: at, Exercise: name, Load: w, Unit: u, Reps: int(reps), RPE: rpe, Kind: KindWork}
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
		s.rowFn = func(row []string) (Lift, string, string) {
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
			name, reason := s.name(cols.get(row, "exercise"))
			if reason != "" {
				return Lift{}, "", reason
			}
			// FitNotes has dates without times: keep the rows in file order.
			at = at.Add(time.Duration(n) * time.Second)
			l := Lift{At: at, Exercise: name, Load: w, Unit: u, Reps: int(reps), Kind: KindWork}
			applySpotterNote(&l, cols.get(row, "comment"))
			return l, strconv.Itoa(n), ""
		}
	default:
		return nil, userErr(importExample, "I don't recognise that file: I read CSV exports of Strong, Hevy and FitNotes.")
	}
	return s, nil
}

// scan reads the rows after the header.
func (s *csvScan) scan(row func(l Lift, key [16]byte) error) error {
	im := s.im
	for {
		rec, err := s.r.Read()
		if err == io.EOF {
			return nil
		}
		if err == nil && len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		im.Read++
		if im.Read > s.limits.Rows {
			return userErr(splitExample(fmt.Sprintf("up to %d rows", s.limits.Rows)),
				"That file has more than %d rows, the most one import takes; nothing was imported.", s.limits.Rows)
		}
		if err != nil {
			im.Skipped["rows I can't parse"]++
			continue
		}
		l, id, reason := s.rowFn(rec)
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
			if reason == s.tooLong {
				im.LongNames++
			}
			continue
		}
		if l.Entry == "" {
			l.Entry = s.entry(l.At)
		}
		im.Sets++
		if err := row(l, s.key(&l, id)); err != nil {
			return err
		}
	}
}

// key is the key of a row: identical rows (two warm-ups of the same
// weight in one workout) differ by how many came before them in the file.
// Its bytes are those every earlier Spotter digested, so that a file
// imported before an upgrade adds nothing after it.
func (s *csvScan) key(l *Lift, id string) [16]byte {
	b := s.ident[:0]
	b = strconv.AppendInt(b, l.At.Unix(), 10)
	b = append(b, 0)
	b = append(b, l.Exercise...)
	b = append(b, 0)
	b = append(b, id...)
	b = append(b, 0)
	b = strconv.AppendFloat(b, l.Load, 'g', -1, 64)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(l.Reps), 10)
	b = append(b, 0)
	b = append(b, l.Unit.String()...)
	h0 := maphash.Bytes(s.seenSeed, b)
	n := s.seen[h0] + 1
	s.seen[h0] = n
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(n), 10)
	s.ident = b
	h := sha256.Sum256(b)
	return [16]byte(h[:16])
}

// entry is the entry of the sets imported for the day of at: undo takes
// back one day of an import at a time.
func (s *csvScan) entry(at time.Time) string {
	day := at.UTC().Format("20060102")
	e, ok := s.entries[day]
	if !ok {
		e = "import-" + day
		s.entries[day] = e
	}
	return e
}

// name is the exercise name to keep for a name as the file wrote it, or
// the reason to skip its row. Names over the limit never reach history:
// one would fill every history and chart it shows up in.
func (s *csvScan) name(raw string) (string, string) {
	if name, ok := s.names[raw]; ok {
		return name, ""
	}
	tooLong := s.tooLong
	// A character is at most 4 bytes: a longer name is refused unread.
	if len(raw) > 4*s.limits.NameLen+8 {
		return "", tooLong
	}
	name := s.c.importName(unneutralise(raw))
	if utf8.RuneCountInString(name) > s.limits.NameLen {
		return "", tooLong
	}
	s.names[strings.Clone(raw)] = name
	return name, ""
}

// formatMB writes a size in megabytes: "10 MB", "12.5 MB".
func formatMB(n int) string {
	return strconv.FormatFloat(math.Round(float64(n)/(1<<20)*10)/10, 'f', -1, 64) + " MB"
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
	switch kind {
	case KindWarmup, KindWork, KindFailure, KindDrop, KindMini, KindAMRAP:
		l.Kind = kind
	}
}

// Spreadsheets run a cell that begins with =, +, -, @, a tab or a
// carriage return as a formula. Text cells that Spotter exports (names a
// lifter typed or imported) get a leading ' so that they stay text, as
// OWASP's advice on CSV injection has it; the import takes the ' off
// again, so that an exported file imports as the same names.
const formulaStarts = "=+-@\t\r"

// neutralise makes a text cell safe to open in a spreadsheet.
func neutralise(cell string) string {
	if cell != "" && strings.IndexByte(formulaStarts, cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// unneutralise takes back what neutralise added.
func unneutralise(cell string) string {
	if len(cell) >= 2 && cell[0] == '\'' && strings.IndexByte(formulaStarts, cell[1]) >= 0 {
		return cell[1:]
	}
	return cell
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
		// Only text cells are neutralised: a number stays a number.
		rec := []string{l.At.In(loc).Format("2006-01-02 15:04:05"), neutralise(workout), "", neutralise(c.exportName(l.Exercise)), setOrder,
			FormatLoad(l.LoadIn(unit)), strconv.Itoa(l.Reps), "0", "0", neutralise(note), "", rpe}
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
