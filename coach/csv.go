package coach

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"slices"
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
	// OwnNames are the file's exercise names the catalog cannot place,
	// as they are kept (in lower case, the way a lifter types them), in
	// the order they first came: each is an exercise of its own.
	OwnNames []string
	// Dates says how the file's dates were read when they read two ways
	// (FitNotes writes them as the phone's locale does: 03/04/2026);
	// empty when the file itself settles it.
	Dates string
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

// ScanCSV reads a workout export from Strong (the comma format, with the
// unit in the weight column's name or not, and the older semicolon
// format), Hevy (weight_kg or weight_lbs) or FitNotes (the current export,
// the unit in a column of its own, and the older one), recognised by its
// header, one row at a time: each set it reads goes to row, in file
// order, with the key of its row (a digest of what the row holds and of
// how many identical rows came before it, so that a second import of the
// same file can add nothing). Names land on the catalog's exercises where
// it places them (Catalog.Place) and are kept as written where it does
// not; the apps' set types (warm-up, drop, failure) are kept in Kind, and
// their assisted weights as negative loads. Times without a zone are read
// in loc; weights without a unit are in unit. An error from row ends the
// scan and is returned as it is; the file's errors are *Error values for
// the lifter. The coach's ImportLimits bound the file.
func (c *Coach) ScanCSV(data []byte, loc *time.Location, unit Unit, row func(l Lift, key [16]byte) error) (*Import, error) {
	s, err := c.NewCSVScan(data, loc, unit, time.Time{})
	if err != nil {
		return nil, err
	}
	if err := s.Scan(row); err != nil {
		return nil, err
	}
	return s.Import(), nil
}

// CSVScan is a workout export being read, for a reader that shows how
// far it got: its Import's counts grow as Scan reads. It is used by one
// goroutine at a time.
type CSVScan struct{ s *csvScan }

// NewCSVScan checks a file's size and header and readies it for Scan, as
// ScanCSV does. now, when not zero, is the time of the import: no reading
// of a date the file writes two ways may put it after now.
func (c *Coach) NewCSVScan(data []byte, loc *time.Location, unit Unit, now time.Time) (*CSVScan, error) {
	s, err := c.newCSVScan(data, loc, unit)
	if err != nil {
		return nil, err
	}
	if s.dates != nil {
		s.dates.settle(data, s.comma, s.limits.Rows, now, s.im)
	}
	return &CSVScan{s}, nil
}

// Import is what the scan has read so far; row, called by Scan, may read
// it (Read is the data rows read).
func (s *CSVScan) Import() *Import { return s.s.im }

// Scan reads the rows, handing each set to row as ScanCSV does.
func (s *CSVScan) Scan(row func(l Lift, key [16]byte) error) error { return s.s.scan(row) }

// csvScan is one file being read.
type csvScan struct {
	c      *Coach
	limits ImportLimits
	r      *csv.Reader
	comma  rune
	im     *Import
	rowFn  func(row []string) (Lift, string, string) // lift, identity, skip reason
	// seen counts the rows of each identity read so far, by a hash of it.
	seen     map[uint64]uint32
	seenSeed maphash.Seed
	// names are the exercise names read, as the file wrote them, and as
	// they are kept; entries are the import entries by day.
	names   map[string]keptName
	entries map[string]string
	ident   []byte
	tooLong string // the skip reason of a name over the limit
	// dates reads a FitNotes file's dates, written as the phone's locale
	// writes them; nil for the other formats, which write one format.
	dates *localDates
	// unplaced are the names the catalog could not place that no set
	// read has yet: the first set of each lists it in OwnNames.
	unplaced map[string]bool
	// lastDate and lastAt are the last date read and its time: the rows
	// of one workout repeat it.
	lastDate string
	lastAt   time.Time
	lastOK   bool
}

// keptName is what an import keeps of an exercise name of the file.
type keptName struct {
	name string // the catalog's name, or the file's in lower case
	// assisted: the app writes the help of a machine or a band as a
	// positive weight ("Pull Up (Assisted)", 20), which Spotter keeps as
	// a negative load (-20), what the help takes off the body.
	assisted bool
	// helped: a set's load may be negative, the help a body-weight
	// exercise had. Only on the catalog's other exercises is a negative
	// weight a mistake: Spotter's own export writes the help of an
	// exercise the catalog does not know ("ring dip", -10) as it is.
	helped bool
}

// signedLoad is the load Spotter keeps of a weight the file gives for an
// exercise, or the reason to skip the row.
func signedLoad(w float64, n keptName) (float64, string) {
	if n.assisted && w != 0 {
		w = -math.Abs(w)
	}
	if w < 0 && !n.helped {
		return 0, "rows with an impossible weight"
	}
	return w, ""
}

// time reads a date column's cell with parse, once for the rows of one
// workout that repeat it.
func (s *csvScan) time(cell string, parse func(string) (time.Time, bool)) (time.Time, bool) {
	if cell != s.lastDate || s.lastDate == "" {
		s.lastAt, s.lastOK = parse(cell)
		s.lastDate = strings.Clone(cell)
	}
	return s.lastAt, s.lastOK
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
	s := &csvScan{c: c, limits: limits, r: r, comma: delim, im: &Import{Skipped: map[string]int{}},
		seen: map[uint64]uint32{}, seenSeed: maphash.MakeSeed(), names: map[string]keptName{}, entries: map[string]string{}, unplaced: map[string]bool{},
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
	// weightColumn is the column of a weight with its unit in its name
	// ("Weight (kg)", "weight_lbs"), the first of names the header has.
	weightColumn := func(names ...string) (string, Unit, bool) {
		for _, n := range names {
			if !cols.has(n) {
				continue
			}
			if strings.Contains(n, "lb") {
				return n, LB, true
			}
			return n, KG, true
		}
		return "", KG, false
	}
	switch {
	case cols.has("date", "exercise name", "set order", "reps") && (cols.has("weight") || cols.has("weight (kg)") || cols.has("weight (lbs)")):
		im.Format = "Strong"
		if delim == ';' {
			im.Format = "Strong (semicolons)"
		}
		// Strong's exports before 2023 have a bare Weight column, in the
		// app's unit, which the semicolon format writes in a column of its
		// own; later ones name the unit: "Weight (kg)", "Weight (lbs)".
		weightCol, colUnit, unitInName := "weight", unit, false
		if !cols.has("weight") {
			weightCol, colUnit, unitInName = weightColumn("weight (kg)", "weight (lbs)")
		}
		hasUnit := cols.has("weight unit")
		im.AssumedUnit = !hasUnit && !unitInName
		parse := func(cell string) (time.Time, bool) { return parseTime(cell, loc, strongLayouts) }
		s.rowFn = func(row []string) (Lift, string, string) {
			order := cols.get(row, "set order")
			if strings.EqualFold(order, "rest timer") {
				return Lift{}, "", "rest-timer rows"
			}
			at, ok := s.time(cols.get(row, "date"), parse)
			if !ok {
				return Lift{}, "", "rows with a date I can't read"
			}
			u := colUnit
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
			w, ok1 := num(cols.get(row, weightCol))
			reps, ok2 := num(cols.get(row, "reps"))
			rpe, _ := num(cols.get(row, "rpe"))
			if !ok1 || !ok2 {
				return Lift{}, "", "rows with a number I can't read"
			}
			if w, reason = signedLoad(w, name); reason != "" {
				return Lift{}, "", reason
			}
			l := Lift{At: at, Exercise: name.name, Load: w, Unit: u, Reps: int(reps), RPE: rpe, Kind: KindWork}
			// Strong's set types: W a warm-up, D a drop set, F a set to
			// failure; a number is a working set.
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
			return l, order, ""
		}
	case cols.has("exercise_title", "start_time", "reps") && (cols.has("weight_kg") || cols.has("weight_lbs")):
		im.Format = "Hevy"
		col, u, _ := weightColumn("weight_kg", "weight_lbs")
		parse := func(cell string) (time.Time, bool) { return parseTime(englishMonths(cell), loc, hevyLayouts) }
		s.rowFn = func(row []string) (Lift, string, string) {
			at, ok := s.time(cols.get(row, "start_time"), parse)
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
			if w, reason = signedLoad(w, name); reason != "" {
				return Lift{}, "", reason
			}
			l := Lift{At: at, Exercise: name.name, Load: w, Unit: u, Reps: int(reps), RPE: rpe, Kind: KindWork}
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
	case cols.has("date", "exercise", "reps", "weight", "weight unit"):
		// FitNotes' current export: the weight and its unit in columns of
		// their own, the date as the phone's locale writes it.
		im.Format = "FitNotes"
		s.dates = &localDates{col: cols["date"], loc: loc}
		day, n := "", 0
		s.rowFn = func(row []string) (Lift, string, string) {
			cell := cols.get(row, "date")
			at, ok := s.time(cell, s.dates.parse)
			if !ok {
				return Lift{}, "", "rows with a date I can't read"
			}
			w, ok1 := num(cols.get(row, "weight"))
			reps, ok2 := num(cols.get(row, "reps"))
			if !ok1 || !ok2 {
				return Lift{}, "", "rows with a number I can't read"
			}
			u := unit
			if cu := cols.get(row, "weight unit"); cu != "" {
				if u, ok = ParseUnit(cu); !ok {
					return Lift{}, "", "rows with an unknown weight unit"
				}
			} else if w != 0 {
				im.AssumedUnit = true
			}
			name, reason := s.name(cols.get(row, "exercise"))
			if reason != "" {
				return Lift{}, "", reason
			}
			if w, reason = signedLoad(w, name); reason != "" {
				return Lift{}, "", reason
			}
			// FitNotes has dates without times: the sets of a day keep
			// their order a second apart, counted within the day, so that
			// a later export of more days (or of a day added before
			// others) reads every earlier day's sets as before.
			if d := at.Format("20060102"); d != day {
				day, n = d, 0
			}
			n++
			at = at.Add(time.Duration(n) * time.Second)
			l := Lift{At: at, Exercise: name.name, Load: w, Unit: u, Reps: int(reps), Kind: KindWork}
			applySpotterNote(&l, cols.get(row, "comment"))
			return l, strconv.Itoa(n), ""
		}
	case cols.has("date", "exercise", "reps") && (cols.has("weight (kgs)") || cols.has("weight (kg)") || cols.has("weight (lbs)") || cols.has("weight (lb)")):
		// FitNotes' older export, the unit in the weight column's name; the
		// iOS app writes both columns.
		im.Format = "FitNotes"
		s.dates = &localDates{col: cols["date"], loc: loc}
		type column struct {
			name string
			unit Unit
		}
		var weights []column
		for _, c := range []column{{"weight (kgs)", KG}, {"weight (kg)", KG}, {"weight (lbs)", LB}, {"weight (lb)", LB}} {
			if cols.has(c.name) {
				weights = append(weights, c)
			}
		}
		// With both, the lifter's unit comes first: the other is the same
		// weight converted, rounded.
		slices.SortStableFunc(weights, func(a, b column) int {
			switch {
			case a.unit == b.unit:
				return 0
			case a.unit == unit:
				return -1
			}
			return 1
		})
		n := 0
		s.rowFn = func(row []string) (Lift, string, string) {
			n++
			at, ok := s.time(cols.get(row, "date"), s.dates.parse)
			if !ok {
				return Lift{}, "", "rows with a date I can't read"
			}
			wc := weights[0]
			for _, c := range weights {
				if cols.get(row, c.name) != "" {
					wc = c
					break
				}
			}
			w, ok1 := num(cols.get(row, wc.name))
			reps, ok2 := num(cols.get(row, "reps"))
			if !ok1 || !ok2 {
				return Lift{}, "", "rows with a number I can't read"
			}
			name, reason := s.name(cols.get(row, "exercise"))
			if reason != "" {
				return Lift{}, "", reason
			}
			if w, reason = signedLoad(w, name); reason != "" {
				return Lift{}, "", reason
			}
			// FitNotes has dates without times: keep the rows in file
			// order. (The row's number in the file, as every earlier
			// Spotter counted it, so that its rows keep their keys.)
			at = at.Add(time.Duration(n) * time.Second)
			l := Lift{At: at, Exercise: name.name, Load: w, Unit: wc.unit, Reps: int(reps), Kind: KindWork}
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
		case math.Abs(Convert(l.Load, l.Unit, KG)) > MaxLoad:
			// A negative load is a body-weight exercise's help
			// (signedLoad), which is bounded the same.
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
		if s.unplaced[l.Exercise] {
			delete(s.unplaced, l.Exercise)
			im.OwnNames = append(im.OwnNames, l.Exercise)
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

// name is what to keep of an exercise name as the file wrote it, or the
// reason to skip its row. Names over the limit never reach history: one
// would fill every history and chart it shows up in. A name the catalog
// cannot place is kept as it is, and listed in the Import's OwnNames.
func (s *csvScan) name(raw string) (keptName, string) {
	if n, ok := s.names[raw]; ok {
		return n, ""
	}
	tooLong := s.tooLong
	// A character is at most 4 bytes: a longer name is refused unread.
	if len(raw) > 4*s.limits.NameLen+8 {
		return keptName{}, tooLong
	}
	written := unneutralise(raw)
	name, placed := s.c.placeName(written)
	if utf8.RuneCountInString(name) > s.limits.NameLen {
		return keptName{}, tooLong
	}
	n := keptName{name: name, assisted: AssistedName(written), helped: true}
	if placed {
		e, _ := s.c.catalog.Lookup(name)
		n.helped = n.assisted || e != nil && e.Equipment == BodyWeight
	} else if name != "" {
		s.unplaced[name] = true
	}
	s.names[strings.Clone(raw)] = n
	return n, ""
}

// formatMB writes a size in megabytes: "10 MB", "12.5 MB".
func formatMB(n int) string {
	return strconv.FormatFloat(math.Round(float64(n)/(1<<20)*10)/10, 'f', -1, 64) + " MB"
}

var (
	strongLayouts = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z07:00", "2006-01-02 3:04:05 PM", "2006-01-02"}
	// Hevy writes the time as the phone's language does: "15 Jan 2024,
	// 18:30", "Sep 1, 2026, 6:55 PM", "19 ago 2026, 14:20" (englishMonths).
	hevyLayouts = []string{"2 Jan 2006, 15:04", "02 Jan 2006, 15:04", "Jan 2, 2006, 3:04 PM", "Jan 2, 2006, 15:04", "2 Jan 2006, 3:04 PM",
		"2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04"}
)

// localDates reads the dates of a FitNotes export, which writes them as
// the phone's locale does: 2026-11-28, 28/11/2026, 11/28/2026,
// 28.11.2026, 28-11-26, "28 Nov 2026", "28. Nov. 2026". A numeric date
// that is not ISO reads two ways (03/04/2026 is 3 April or 4 March), and
// one row cannot tell which: the whole file decides (settle).
type localDates struct {
	col   int // the date column
	loc   *time.Location
	order dateOrder
}

// dateOrder is how a numeric date that is not ISO reads.
type dateOrder uint8

const (
	dayFirst   dateOrder = iota // 28/11/2026: most of the world
	monthFirst                  // 11/28/2026: the United States
)

// dateParts are the numbers of a date cell: its year, month and day
// when the cell says which is which (ISO, a month's name), else its year
// and the first two numbers, a and b, which the file's order reads.
type dateParts struct {
	y, m, d int
	a, b    int
	numeric bool // a and b are to be read in the file's order
}

// readDateParts splits a date cell into its numbers; a time after the
// date is left out.
func readDateParts(s string) (dateParts, bool) {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		j := strings.LastIndexAny(s[:i], " T")
		if j < 0 {
			return dateParts{}, false
		}
		s = s[:j]
	}
	var nums [3]string
	var p dateParts
	n, month, monthAt := 0, 0, -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case r >= '0' && r <= '9':
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if n == len(nums) || j-i > 4 {
				return p, false
			}
			nums[n] = s[i:j]
			n++
		case unicode.IsLetter(r):
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			m, ok := monthWords[strings.ToLower(s[i:j])]
			if !ok || month != 0 {
				return p, false
			}
			month, monthAt = m, n
		}
		i = j
	}
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	year := func(s string) int {
		if len(s) == 2 {
			return 2000 + atoi(s)
		}
		return atoi(s)
	}
	switch {
	case month != 0 && n == 2:
		// "28 Nov 2026", "Nov 28, 2026", "2026 Nov 28": the year is the
		// number of four digits, else the last.
		p.m = month
		switch {
		case len(nums[0]) == 4:
			p.y, p.d = atoi(nums[0]), atoi(nums[1])
		case len(nums[1]) == 4 || len(nums[1]) == 2 && monthAt <= 1:
			p.y, p.d = year(nums[1]), atoi(nums[0])
		default:
			return p, false
		}
	case month == 0 && n == 3 && len(nums[0]) == 4:
		p.y, p.m, p.d = atoi(nums[0]), atoi(nums[1]), atoi(nums[2])
	case month == 0 && n == 3 && len(nums[0]) <= 2 && len(nums[1]) <= 2 && (len(nums[2]) == 4 || len(nums[2]) == 2):
		p.y, p.a, p.b, p.numeric = year(nums[2]), atoi(nums[0]), atoi(nums[1]), true
	default:
		return p, false
	}
	return p, true
}

// date is the day y-m-d at midnight in loc, if there is such a day.
func date(y, m, d int, loc *time.Location) (time.Time, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	return t, t.Day() == d
}

// parse reads a date cell in the file's order.
func (l *localDates) parse(cell string) (time.Time, bool) {
	p, ok := readDateParts(strings.TrimSpace(cell))
	if !ok {
		return time.Time{}, false
	}
	if p.numeric {
		p.m, p.d = p.b, p.a
		if l.order == monthFirst {
			p.m, p.d = p.a, p.b
		}
	}
	return date(p.y, p.m, p.d, l.loc)
}

// settle reads the date column of the whole file (up to rows rows) and
// decides how its numeric dates read. A first number over 12 proves day
// first, a second one month first. A file that proves neither (every day
// of it 12 or less) is read the way that puts no date after now, else the
// way its dates are in order (FitNotes writes them oldest first), else
// as the lifter's time zone writes dates; im.Dates then says so.
func (l *localDates) settle(data []byte, comma rune, rows int, now time.Time, im *Import) {
	loc := l.loc
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes, r.ReuseRecord = comma, -1, true, true
	if _, err := r.Read(); err != nil {
		return
	}
	type reading struct {
		order   dateOrder
		prev    time.Time
		descent int  // dates before the one above them
		future  bool // a date after now
	}
	readings := [2]reading{{order: dayFirst}, {order: monthFirst}}
	var dayProof, monthProof bool
	example := ""
	for n := 0; n <= rows; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil || l.col >= len(rec) {
			continue
		}
		cell := strings.TrimSpace(rec[l.col])
		p, ok := readDateParts(cell)
		if !ok || !p.numeric {
			continue
		}
		dayProof = dayProof || p.a > 12
		monthProof = monthProof || p.b > 12
		if example == "" && p.a <= 12 && p.b <= 12 && p.a != p.b {
			example = cell
		}
		for i := range readings {
			rd := &readings[i]
			m, d := p.b, p.a
			if rd.order == monthFirst {
				m, d = p.a, p.b
			}
			t, ok := date(p.y, m, d, loc)
			if !ok {
				continue
			}
			if !rd.prev.IsZero() && t.Before(rd.prev) {
				rd.descent++
			}
			rd.prev = t
			rd.future = rd.future || !now.IsZero() && t.After(now)
		}
	}
	day, month := readings[0], readings[1]
	why := ""
	switch {
	case dayProof || monthProof:
		// A file with proof of both orders is not one phone's: day first
		// reads the most of the world's, and the rows it cannot read are
		// counted as such.
		l.order = dayFirst
		if monthProof && !dayProof {
			l.order = monthFirst
		}
		return
	case example == "":
		return // no date reads two ways
	case day.future != month.future:
		l.order = dayFirst
		if day.future {
			l.order = monthFirst
		}
		return
	case day.descent != month.descent:
		l.order = dayFirst
		if month.descent < day.descent {
			l.order = monthFirst
		}
		why = "which keeps the file's dates in order"
	default:
		l.order = dayFirst
		why = "as most of the world writes dates"
		if monthFirstZone(loc.String()) {
			l.order = monthFirst
			why = "as dates are written in your time zone (" + loc.String() + ")"
		}
	}
	t, _ := l.parse(example)
	way := "day first"
	if l.order == monthFirst {
		way = "month first"
	}
	im.Dates = fmt.Sprintf("Dates such as %s read two ways: I read them %s (%s), %s.", example, way, t.Format("2 Jan 2006"), why)
}

// monthFirstZone reports whether dates are written month first where the
// time zone is: in the United States and its territories, and in the
// Philippines and Belize.
func monthFirstZone(name string) bool {
	if strings.HasPrefix(name, "US/") || strings.HasPrefix(name, "America/Indiana/") ||
		strings.HasPrefix(name, "America/Kentucky/") || strings.HasPrefix(name, "America/North_Dakota/") {
		return true
	}
	switch name {
	case "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix",
		"America/Anchorage", "America/Adak", "America/Boise", "America/Detroit", "America/Juneau", "America/Menominee",
		"America/Metlakatla", "America/Nome", "America/Sitka", "America/Yakutat", "America/Puerto_Rico",
		"America/Belize", "Pacific/Honolulu", "Pacific/Guam", "Pacific/Saipan", "Pacific/Pago_Pago", "Asia/Manila",
		"EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT":
		return true
	}
	return false
}

// monthWords are the month names and abbreviations of the languages
// fitness apps write dates in (English, Spanish, Portuguese, French,
// German, Italian, Dutch), by month.
var monthWords = func() map[string]int {
	names := [12]string{
		"jan january janv janvier januar jän jänner gen gennaio ene enero janeiro januari",
		"feb february févr fevr février fevrier februar febbraio febrero fev fevereiro februari",
		"mar march mars märz mär mrz marzo março marco maart mrt",
		"apr april avr avril aprile abr abril",
		"may mai mayo maio mag maggio mei",
		"jun june juin juni giu giugno junio junho",
		"jul july juil juillet juli lug luglio julio julho",
		"aug august août aout ago agosto augustus",
		"sep sept september septembre settembre set setembro septiembre setiembre",
		"oct october octobre oktober okt ott ottobre octubre out outubro",
		"nov november novembre noviembre novembro",
		"dec december déc décembre decembre dezember dez dic dicembre diciembre dezembro",
	}
	m := map[string]int{}
	for i, words := range names {
		for _, w := range strings.Fields(words) {
			m[w] = i + 1
		}
	}
	return m
}()

// englishMonths writes a date's month name in English ("19 ago 2026" is
// "19 Aug 2026"), for Go's layouts, which read English names only. A
// name's abbreviating dot goes with it.
func englishMonths(s string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		if m, ok := monthWords[strings.ToLower(s[i:j])]; ok {
			b = append(b, s[last:i]...)
			b = append(b, time.Month(m).String()[:3]...)
			if j < len(s) && s[j] == '.' {
				j++
			}
			last = j
		}
		i = j
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

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
	n, _ := c.placeName(name)
	return n
}

// placeName is importName, and whether the catalog placed the name. Only
// the catalog's Place decides: a name it cannot place is another exercise
// ("Shrug (Smith Machine)" is not the barbell shrug), kept as it is.
func (c *Coach) placeName(name string) (string, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return "", false
	}
	if canonical, ok := c.catalog.Place(name); ok {
		return canonical, true
	}
	return name, false
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
		name, load := c.exportName(l.Exercise), l.LoadIn(unit)
		if e, ok := c.catalog.Lookup(l.Exercise); ok && e.Equipment == BodyWeight && load < 0 {
			// As Strong and Hevy write help: a positive weight under the
			// assisted version's name, which the import reads back.
			name, load = c.exportLabelled(l.Exercise, "Assisted"), -load
		}
		// Only text cells are neutralised: a number stays a number.
		rec := []string{l.At.In(loc).Format("2006-01-02 15:04:05"), neutralise(workout), "", neutralise(name), setOrder,
			FormatLoad(load), strconv.Itoa(l.Reps), "0", "0", neutralise(note), "", rpe}
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
	label := ""
	if e, ok := c.catalog.Lookup(name); ok {
		label = e.Equipment.label()
	}
	return c.exportLabelled(name, label)
}

// exportLabelled writes a name capitalised as Strong does, with label in
// parentheses when there is one: "Pull Up (Assisted)".
func (c *Coach) exportLabelled(name, label string) string {
	words := strings.Fields(name)
	for i, w := range words {
		words[i] = capitalize(w)
	}
	out := strings.Join(words, " ")
	if label != "" {
		out += " (" + label + ")"
	}
	return out
}

// SetMatcher finds the sets of a lifter's history that the rows of an
// import already are, so that a file whose rows Spotter keeps under keys
// of their own adds nothing all the same: Spotter's own export (whose
// rows are the history's sets written out, imported or not), or a file
// imported before the catalog placed more of its names. A row is a set
// when both fall in the same second, on the same exercise as the catalog
// places it, with the same reps and the same load to the 0.01 an export
// writes (help matches either sign: imports once kept an app's assisted
// weight as written). Each set is one row at most, so that three equal
// rows of one workout find three sets, not one. A SetMatcher is used by
// one goroutine.
type SetMatcher struct {
	c     *Coach
	names map[string]string         // a name as stored -> as the catalog places it
	sets  map[setIdentity][]float64 // the loads in kg of the sets no row matched yet
}

// setIdentity is what a set and a row share but their load.
type setIdentity struct {
	at       int64 // Unix seconds: an export writes times to the second
	exercise string
	reps     int
}

// NewSetMatcher is a SetMatcher over history, the lifter's sets from the
// time of the earliest row on (or all of them).
func (c *Coach) NewSetMatcher(history []Lift) *SetMatcher {
	m := &SetMatcher{c: c, names: map[string]string{}, sets: make(map[setIdentity][]float64, len(history))}
	for i := range history {
		l := &history[i]
		id := m.identity(l)
		m.sets[id] = append(m.sets[id], math.Abs(l.LoadIn(KG)))
	}
	return m
}

func (m *SetMatcher) identity(l *Lift) setIdentity {
	name, ok := m.names[l.Exercise]
	if !ok {
		name, _ = m.c.placeName(l.Exercise)
		m.names[l.Exercise] = name
	}
	return setIdentity{at: l.At.Unix(), exercise: name, reps: l.Reps}
}

// Match reports whether a set of the history is the row l, and takes
// that set: no later row matches it.
func (m *SetMatcher) Match(l *Lift) bool {
	id := m.identity(l)
	loads := m.sets[id]
	want := math.Abs(l.LoadIn(KG))
	for i, load := range loads {
		if math.Abs(load-want) <= 0.01 {
			loads[i] = loads[len(loads)-1]
			m.sets[id] = loads[:len(loads)-1]
			return true
		}
	}
	return false
}
