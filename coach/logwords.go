package coach

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words of a log line. A line is read in two steps: lexLog sorts its
// words into the exercise's name, the numbers of its sets (logElem, joined
// by x into chains), RPE and RIR, a technique word and a day; parseLog
// (logparse.go) then decides which number is a load, which the reps and
// which the sets, knowing the exercise.

// logElem is one number of a set as written: a load, reps or sets.
type logElem struct {
	v       float64
	unit    Unit
	unitSet bool // a unit was written with it: it is a load
	sign    byte // '+' or '-' written before it: a load added or taken off
	bw      bool // "bw": the body alone, a load of 0
	at      bool // written after "@" or "at"
	atWord  bool // written after the word "at": a load, never an RPE
	role    byte // roleLoad, roleReps or roleSets; 0 while unknown
	hint    byte // roleReps after "for" or "of": the role of a number alone
	// tok is the index of the token it was written in, and start and end
	// its bytes there, to rewrite the line read another way.
	tok, start, end int
}

// The roles of a number in a set.
const (
	roleLoad = 'l'
	roleReps = 'r'
	roleSets = 's'
)

// isLoad reports whether the way the number was written makes it a load.
func (e *logElem) isLoad() bool {
	return e.unitSet || e.sign != 0 || e.bw || e.at || e.role == roleLoad
}

// Kinds of logPiece.
const (
	pieceChain = iota // numbers joined by x; one number alone
	pieceAt           // "@100", "at 100kg", "@8": a load or an RPE, by what comes before
	pieceRPE          // "rpe 8"
	pieceRIR          // "rir 2", "2 rir"
)

// logPiece is one thing a log line says about its sets, in order.
type logPiece struct {
	kind  int
	elems []logElem // pieceChain, pieceAt (one)
	v     float64   // pieceRPE, pieceRIR
}

// logWords is a log line sorted.
type logWords struct {
	name   []string
	nameAt []int // the token of each word of the name
	pieces []logPiece
	tech   Technique
	day    LogDay
	daySet bool
	rirs   []string // "2 RIR is RPE 8." for each RIR given
}

const (
	exLog  = "log bench 100x5x5"
	exRPE  = "log squat 140kg 5 @8"
	exDrop = "log bench 80x10 67.5x8 57.5x6 drop"
)

// rpeErr is the one answer to an RPE that cannot be read.
func rpeErr() error {
	return userErr(exRPE, "RPE is written @8 after a set, from 1 to 10; reps in reserve as rir 2.")
}

// logLexer holds what lexLog has read so far.
type logLexer struct {
	logWords
	toks  []string
	unit  Unit
	cross bool // an x was read: the next number joins the last chain
	lead  bool // that x started a chain ("x5"): the number after it is reps
	hint  byte // the role "for" or "of" gives the next number alone
	// last is the token index of the last number read, -1 when anything
	// else came after it: a unit, a label or an x may follow it.
	last int
}

// lexLog sorts the words after "log". unit is the lifter's unit (for
// dates: see lexDay).
func lexLog(toks []string, unit Unit) (logWords, error) {
	lx := logLexer{toks: toks, unit: unit, last: -1}
	for i := 0; i < len(toks); i++ {
		n, err := lx.word(i)
		if err != nil {
			return lx.logWords, err
		}
		i += n - 1
	}
	if lx.cross {
		return lx.logWords, userErr(exLog, "A set ends with its reps: write 100x5, not 100x.")
	}
	return lx.logWords, nil
}

// word reads the word at toks[i] and returns how many tokens it took.
func (lx *logLexer) word(i int) (int, error) {
	w := lx.toks[i]
	next := ""
	if i+1 < len(lx.toks) {
		next = lx.toks[i+1]
	}
	if lx.cross && !startsNumber(w) && !isBW(w) {
		return 0, userErr(exLog, "%q: a number comes after x, as in 100 x 5.", clip(w, 24))
	}
	if d, n, err := lexDay(lx.toks, i, lx.unit); err != nil || n > 0 {
		if err == nil && lx.daySet {
			err = userErr("log bench 100x5 yesterday", "One day per log line.")
		}
		lx.day, lx.daySet = d, true
		lx.apart()
		return n, err
	}
	switch {
	case logTechnique(w) != 0:
		lx.apart()
		return 1, lx.setTech(logTechnique(w))
	case w == "rest" && next == "pause":
		lx.apart()
		return 2, lx.setTech(RestPause)
	case w == "x" || w == "*":
		return 1, lx.crossAt(i)
	case w == "@" || w == "at":
		if next == "" || !startsNumber(next) {
			if w == "at" {
				lx.apart()
				lx.name, lx.nameAt = append(lx.name, w), append(lx.nameAt, i)
				return 1, nil
			}
			return 0, rpeErr()
		}
		return 2, lx.at(next, i+1, 0, w == "at")
	case w[0] == '@':
		return 1, lx.at(w[1:], i, 1, false)
	case w == "rir" && (next == "" || !startsNumber(next)):
		// "2 rir": the number before it.
		e := lx.lastElem(i)
		p := len(lx.pieces) - 1
		if e == nil || lx.pieces[p].kind != pieceChain || len(lx.pieces[p].elems) != 1 || e.isLoad() || e.role != 0 {
			return 0, rpeErr()
		}
		lx.pieces = lx.pieces[:p]
		lx.apart()
		return 1, lx.rir(e.v)
	case w == "rpe" || w == "rir":
		if next == "" || !startsNumber(next) {
			return 0, rpeErr()
		}
		return 2, lx.effort(w, next)
	case strings.HasPrefix(w, "rpe") || strings.HasPrefix(w, "rir"):
		if !startsNumber(w[3:]) {
			break // a word of the name
		}
		return 1, lx.effort(w[:3], w[3:])
	case w == "then":
		lx.apart() // "100kg 5 then 90kg 8"
		return 1, nil
	case w == "for" || w == "of":
		lx.apart()
		lx.hint = roleReps
		return 1, nil
	case labelRole(w) == roleSets && i > 0 && (logTechnique(lx.toks[i-1]) != 0 || lx.toks[i-1] == "pause"):
		lx.apart() // "drop set", "rest pause sets": the technique's name
		return 1, nil
	case labelRole(w) != 0:
		return 1, lx.label(w, i)
	case isUnitWord(w):
		j := strings.IndexAny(w, "x*")
		if j < 0 {
			return 1, lx.unitWord(w, i)
		}
		if err := lx.unitWord(w[:j], i); err != nil { // "100 kgx5"
			return 0, err
		}
		return 1, lx.numbers(w[j:], i, j)
	case len(w) > 2 && (w[:2] == "0x" || w[:2] == "0X") && w[2] >= '0' && w[2] <= '9':
		// "0x10" reads as a hexadecimal number as often as "0 reps x 10":
		// a failed set is written load first, "10kg x 0".
		return 0, userErr("log bench 100kg x 0", "%q: write a failed set load first, such as 100kg x 0.", clip(w, 24))
	case startsNumber(w) || isRepsToken(w) || isBW(w):
		if j := strings.IndexByte(w, '@'); j > 0 { // "3x5@100kg", "100x5@8"
			if err := lx.numbers(w[:j], i, 0); err != nil {
				return 0, err
			}
			return 1, lx.at(w[j+1:], i, j+1, false)
		}
		return 1, lx.numbers(w, i, 0)
	}
	lx.apart()
	lx.name, lx.nameAt = append(lx.name, w), append(lx.nameAt, i)
	return 1, nil
}

// apart notes a word that is not part of a set: no x, unit or label
// after it joins the number before it.
func (lx *logLexer) apart() { lx.last = -1 }

func (lx *logLexer) setTech(t Technique) error {
	if lx.tech != 0 && lx.tech != t {
		return userErr("log bench 60x12 backoff", "One technique per log line: %s or %s.", lx.tech, t)
	}
	lx.tech = t
	return nil
}

// isBW reports whether w is the body alone, "bw", or starts a set with
// it: "bwx10", "bw+20kg".
func isBW(w string) bool {
	switch w {
	case "bw", "bodyweight", "body-weight":
		return true
	}
	return strings.HasPrefix(w, "bw") && len(w) > 2 && strings.ContainsRune("x*+-", rune(w[2]))
}

// labelRole is the role a word after a number gives it: "5 reps", "3
// sets"; 0 for any other word.
func labelRole(w string) byte {
	switch w {
	case "reps", "rep", "repetitions":
		return roleReps
	case "sets", "set":
		return roleSets
	}
	return 0
}

// lastElem is the number read just before token i, or nil.
func (lx *logLexer) lastElem(i int) *logElem {
	if lx.last < 0 || lx.last != i-1 || len(lx.pieces) == 0 {
		return nil
	}
	p := &lx.pieces[len(lx.pieces)-1]
	if len(p.elems) == 0 {
		return nil
	}
	return &p.elems[len(p.elems)-1]
}

// label reads "reps" or "sets" after a number.
func (lx *logLexer) label(w string, i int) error {
	e := lx.lastElem(i)
	if e == nil || e.isLoad() && e.role != roleReps {
		return userErr("log bench 100kg for 3 sets of 5", "%q: write the number before it, as in 3 sets of 5 reps.", w)
	}
	e.role = labelRole(w)
	lx.last = i
	return nil
}

// unitWord reads a unit written apart from its number: "100 kg", and
// "3 x 5 x 100 kg", where the unit can only be the last number's. After
// two numbers ("3x5 kg") it is refused: which one it belongs to is a
// guess.
func (lx *logLexer) unitWord(w string, i int) error {
	e := lx.lastElem(i)
	p := len(lx.pieces) - 1
	if e == nil || e.unitSet || e.bw || e.role != 0 && e.role != roleLoad || lx.pieces[p].kind == pieceChain && len(lx.pieces[p].elems) == 2 {
		return userErr("log bench 100kg 3x5", "%q: write the unit right after the load, as in 100kg or 100 kg.", clip(w, 24))
	}
	e.unit, _ = ParseUnit(w)
	e.unitSet = true
	lx.last = i
	return nil
}

// crossAt reads an x written apart ("100 kg x 5").
func (lx *logLexer) crossAt(i int) error {
	if lx.cross {
		return userErr(exLog, "Write sets as load x reps x sets, such as 100x5x5.")
	}
	lx.cross = true
	lx.lead = lx.lastElem(i) == nil || lx.pieces[len(lx.pieces)-1].kind != pieceChain
	lx.last = i
	return nil
}

// effort reads an RPE ("rpe 8") or reps in reserve ("rir 2").
func (lx *logLexer) effort(what, num string) error {
	lx.apart()
	v, ok := plainNumber(num)
	if !ok {
		return rpeErr()
	}
	if what == "rir" {
		return lx.rir(v)
	}
	lx.pieces = append(lx.pieces, logPiece{kind: pieceRPE, v: v})
	return nil
}

// rir adds reps in reserve, read as an RPE: 2 in reserve is RPE 8.
func (lx *logLexer) rir(v float64) error {
	if v < 0 || v > 9 {
		return userErr("log squat 140kg 5 rir 2", "Reps in reserve are written rir 2, from 0 to 9.")
	}
	lx.pieces = append(lx.pieces, logPiece{kind: pieceRIR, v: 10 - v})
	reps := FormatLoad(v) + " reps"
	if v == 1 {
		reps = "1 rep"
	}
	lx.rirs = append(lx.rirs, reps+" in reserve (RIR) is RPE "+FormatLoad(10-v)+".")
	return nil
}

// at reads the number after "@" or "at": a load ("@ 100", "at 100kg")
// or an RPE ("@8"), which parseLog tells apart. s is the number as
// written in token tok from byte off.
func (lx *logLexer) at(s string, tok, off int, word bool) error {
	lx.apart()
	e, ok := readElem(s, tok, off)
	if !ok || e.sign != 0 || e.bw || e.role != 0 {
		if word {
			return userErr("log bench 5 reps at 100kg", "%q: write a load after at, as in 5 reps at 100kg.", clip(s, 24))
		}
		return rpeErr()
	}
	e.at, e.atWord = true, word
	lx.pieces = append(lx.pieces, logPiece{kind: pieceAt, elems: []logElem{e}})
	lx.last = tok
	return nil
}

// numbers reads a token of numbers joined by x: "100x5x3", "15kgx12",
// "x5", "3x", "bwx10", "+20kg", "2rir". s starts at byte off of token tok.
func (lx *logLexer) numbers(s string, tok, off int) error {
	var parts []string // the numbers between the x's, and where each starts
	starts := []int{0}
	for k := 0; k < len(s); k++ {
		if s[k] == 'x' || s[k] == '*' {
			parts = append(parts, s[starts[len(starts)-1]:k])
			starts = append(starts, k+1)
		}
	}
	parts = append(parts, s[starts[len(starts)-1]:])
	for idx, part := range parts {
		last := idx == len(parts)-1
		switch {
		case idx == 0 && part == "" && !last: // "x5": an x before the number
			if err := lx.crossAt(tok); err != nil {
				return err
			}
			continue
		case idx > 0 && part == "" && last: // "100x": the x joins the next token
			lx.cross, lx.lead = true, false
			continue
		case part == "":
			return userErr(exLog, "%q: write sets as load x reps x sets, such as 100x5x5.", clip(lx.toks[tok], 24))
		case idx > 0 && !(idx == 1 && parts[0] == ""):
			lx.cross, lx.lead = true, false // "100x5": the 5 joins the 100
		}
		if strings.HasSuffix(part, "rir") && len(part) > 3 && idx == 0 && last { // "2rir"
			v, ok := plainNumber(strings.TrimSuffix(part, "rir"))
			if !ok {
				return rpeErr()
			}
			lx.apart()
			if err := lx.rir(v); err != nil {
				return err
			}
			continue
		}
		e, ok := readElem(part, tok, off+starts[idx])
		if !ok {
			return userErr(exLog, "%q: write a set as 100x5, 100kgx5 or 140kg 5.", clip(lx.toks[tok], 24))
		}
		lx.add(e, tok)
	}
	return nil
}

// add puts a number in a chain: the last one, after an x, else a new one.
func (lx *logLexer) add(e logElem, tok int) {
	if e.role == 0 && !e.isLoad() {
		switch {
		case lx.cross && lx.lead:
			e.role = roleReps // "x5"
		case !lx.cross:
			e.hint = lx.hint // "for 5", "of 5"
		}
	}
	lx.hint = 0
	if lx.cross && !lx.lead && len(lx.pieces) > 0 && lx.pieces[len(lx.pieces)-1].kind == pieceChain {
		p := &lx.pieces[len(lx.pieces)-1]
		p.elems = append(p.elems, e)
	} else {
		lx.pieces = append(lx.pieces, logPiece{kind: pieceChain, elems: []logElem{e}})
	}
	lx.cross, lx.lead = false, false
	lx.last = tok
}

// readElem reads one number of a set: "100", "67,5", "+20kg", "-30",
// "225lb", "bw", "bw+20kg", "5reps", "3sets". ok is false for anything
// else, and for numbers ParseDecimal refuses.
func readElem(s string, tok, off int) (logElem, bool) {
	e := logElem{tok: tok, start: off, end: off + len(s)}
	switch s {
	case "bw", "bodyweight", "body-weight":
		e.bw = true
		return e, true
	}
	if rest, ok := strings.CutPrefix(s, "bw"); ok { // "bw+20kg"
		if rest == "" || rest[0] != '+' && rest[0] != '-' {
			return e, false
		}
		s = rest
	}
	j := 0
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		e.sign = s[j]
		j++
	}
	k := j
	for k < len(s) && (isDigit(s[k]) || s[k] == '.' || s[k] == ',') {
		k++
	}
	v, ok := plainNumber(s[j:k])
	if !ok {
		return e, false
	}
	if e.sign == '-' {
		v = -v
	}
	e.v = v
	switch tail := s[k:]; {
	case tail == "":
	case labelRole(tail) != 0:
		e.role = labelRole(tail)
	default:
		u, ok := ParseUnit(tail)
		if !ok {
			return e, false
		}
		e.unit, e.unitSet = u, true
	}
	return e, true
}

// plainNumber reads a number in plain decimal, with a point or a comma.
func plainNumber(s string) (float64, bool) {
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	return ParseDecimal(s)
}

// maxNote is the longest note a log line keeps, in characters.
const maxNote = 300

// cutLogNote takes the note off a log line: anything in double quotes
// ("felt heavy", “felt heavy”), or everything after a # or -- (or the
// dash a phone makes of it) that starts a word. A # right after a number
// is a pound sign ("225#"), not a note. It returns text unchanged, and no
// note, for any other command. The note is cut before the line is split
// into words, so that it keeps its case and its length does not count
// against the words of a command.
func cutLogNote(text string) (string, string) {
	first, _, _ := strings.Cut(strings.TrimLeftFunc(text, unicode.IsSpace), " ")
	if v, _ := lookupVerb(commandWord(strings.ToLower(first)), nil); v == nil || v.Kind != KindLog {
		return text, ""
	}
	var note []string
	var b strings.Builder
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		wordStart := i == 0 || isSpaceByte(text[i-1])
		switch {
		case r == '"' || r == '“' || r == '”':
			end := strings.IndexAny(text[i+size:], "\"“”")
			if end < 0 {
				note = append(note, text[i+size:])
				i = len(text)
				continue
			}
			note = append(note, text[i+size:i+size+end])
			_, closeSize := utf8.DecodeRuneInString(text[i+size+end:])
			i += size + end + closeSize
			b.WriteByte(' ')
			continue
		case wordStart && (r == '#' || r == '—' || strings.HasPrefix(text[i:], "--")):
			note = append(note, strings.TrimLeft(text[i+size:], "-"))
			i = len(text)
			continue
		}
		b.WriteString(text[i : i+size])
		i += size
	}
	var words []string
	for _, n := range note {
		words = append(words, strings.Fields(n)...)
	}
	// One line, without control characters: a note is shown in a history
	// line and written to a CSV cell.
	clean := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.Join(words, " "))
	return b.String(), clean
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
