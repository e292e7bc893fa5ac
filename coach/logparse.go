package coach

import (
	"math"
	"slices"
	"sort"
	"strings"
)

// A log line says which sets were done, the way lifters write them:
//
//	log bench 100x5x3           load x reps x sets
//	log deadlift 180kg 3x5      a load, then sets x reps
//	log bench 3x5 @ 100         sets x reps, then the load
//	log bench 3x5 100kg         the same
//	log bench 100 kg for 5 reps, log bench 100kg for 3 sets of 5, log bench 5 reps at 100
//	log db curl 15kg x 12 x 3   units anywhere: kg, kgs, kilos, lb, lbs, pounds, #
//	log bench 100x5 90x8        several sets on one line
//	log squat 140kg 5 5 4       more reps at the load before
//	log squat 140kg 5 @8, log squat 140kg 5 rpe 8, log squat 140kg 5 rir 2 (RPE 8)
//	log pull up 10, log pull up 3x10, log dips +20kg x8, log pull up -30kg x8, log chin up bw 8
//	log bench 100x0             a failed set
//	log bench 100x5 yesterday, ... mon, ... 28/11, ... nov 28 (logdate.go)
//	log bench 100x5 "felt heavy", ... # felt heavy, ... -- felt heavy (a note)
//	log bench 80x10 67.5x8 57.5x6 drop, ... backoff, ... rp (technique sets)
//
// Which number is which:
//   - a number with a unit, a sign (+20, -30), "bw", or after "at", is a
//     load; after "@" it is a load when it has a unit or is over 10 and
//     the set has no load yet ("3x5 @ 100"), else an RPE ("100x5 @8");
//   - in AxB (and AxBxC) a side with a unit is the load, a side followed
//     by "reps" the reps, by "sets" the sets ("5x100kg" is 100 kg for 5);
//   - NxM with no unit, after a load or before one ("180kg 3x5", "3x5
//     @ 100", "3x5 100kg"), is sets x reps: the common "3x5";
//   - otherwise, with no unit at all, AxB is load x reps and AxBxC load x
//     reps x sets, as Spotter has always read them ("100x5", "100x5x3");
//     when that reading cannot be (5x67.5: no set has 67.5 reps) the other
//     one is taken. When it can be but is not plausible ("5x100": 100
//     reps of 5 kg) the line is not stored silently: the hub asks
//     (LogQuestion), offering the other reading (LogLine.Swap);
//   - on a body-weight exercise a number alone is reps ("log pull up 10")
//     and NxM with no unit is sets x reps when N is up to 10 ("3x10"),
//     else an added load x reps ("20x5");
//   - on other exercises two numbers alone are load and reps ("100 5");
//     after a load with a unit, more numbers alone are more sets at that
//     load ("140kg 5 5 4").
//
// The sets have no time yet: the hub stamps them with the day (LogLine.Day).

// LogLine is what a log line says besides its sets.
type LogLine struct {
	// Day is the day the sets were done; zero for today.
	Day LogDay
	// Readings are lines for the reply on how the line was read: "2 in
	// reserve (RIR) is RPE 8."
	Readings []string
	// Swap is the line with each load x reps written without a unit read
	// the other way round, as reps x load ("log bench 100x5" for "log
	// bench 5x100"), in lower case, with its note; "" when no set could
	// be read so. It is a candidate: the line may not parse so read (a
	// drop set's loads out of order), and LogDoubt offers it only when it
	// parses and looks right.
	Swap string
}

// maxLogSets bounds one log line.
const maxLogSets = 50

// maxLikelySets is the most sets NxM with no unit is read as: "3x10" on
// pull-ups is three sets of ten, "20x5" twenty kilos for five.
const maxLikelySets = 10

// logGroup is the numbers of one group of equal sets, as they are read.
type logGroup struct {
	load, reps, sets *logElem
	// bare is two or three numbers joined by x with no unit or label: load
	// x reps (x sets), or sets x reps when the group has a load.
	bare []logElem
	// lone is a number alone that may be a load or reps, by what follows.
	lone *logElem
	rpe  float64
}

func (g *logGroup) empty() bool {
	return g.load == nil && g.reps == nil && g.sets == nil && g.bare == nil && g.lone == nil
}

// hasReps reports whether the group has its reps, or numbers that hold
// them.
func (g *logGroup) hasReps() bool { return g.reps != nil || g.bare != nil }

// logSets is a group read: its sets and how to write it the other way.
type logSets struct {
	load logElem // the load as written (bw for none on a body-weight exercise)
	reps int
	sets int
	rpe  float64
	swap []logElem // the two numbers to exchange to read it the other way
}

// logReader reads the pieces of a line into groups.
type logReader struct {
	pieces []logPiece
	bw     bool   // the exercise is done on body weight
	unit   Unit   // the line's unit
	name   string // the exercise's
	cur    *logGroup
	groups []*logGroup
	// carry is the load of the last group when it was written with a unit
	// (or on a body-weight exercise, any load): the load of reps written
	// alone after it.
	carry *logElem
}

// parseLog reads the words after "log" (see the comment above) into
// cmd.Lifts and cmd.Log. unit is the lifter's unit, note the line's note
// (cutLogNote).
func (c *Coach) parseLog(cmd *Command, args []string, unit Unit, note string) error {
	cmd.Unit = unit
	// A copy, so that the words of other commands stay on Parse's stack.
	words := append([]string(nil), args...)
	if len([]rune(note)) > maxNote {
		return userErr(`log bench 100x5 "felt heavy"`, "A note is at most %d characters.", maxNote)
	}
	lw, err := lexLog(words, unit)
	if err != nil {
		return err
	}
	if err := c.logExercise(cmd, words, &lw, unit); err != nil {
		return err
	}
	ex := logExampleFor(cmd.Exercise)
	if len(lw.pieces) == 0 {
		return userErr(ex, "What did you lift? Write load x reps, such as 100x5.")
	}
	// Loads without a unit are in the line's unit: the first written, else
	// the lifter's.
	for _, p := range lw.pieces {
		for _, e := range p.elems {
			if e.unitSet && !cmd.UnitSet {
				cmd.Unit, cmd.UnitSet = e.unit, true
			}
		}
	}
	r := logReader{pieces: lw.pieces, bw: cmd.Exercise.Equipment == BodyWeight, unit: cmd.Unit, name: cmd.Exercise.Name, cur: &logGroup{}}
	for i := range r.pieces {
		if err := r.piece(i, ex); err != nil {
			return err
		}
	}
	if !r.cur.empty() {
		r.groups = append(r.groups, r.cur)
	}
	if len(r.groups) == 0 {
		return userErr(ex, "What did you lift? Write load x reps, such as 100x5.")
	}
	var lifts []Lift
	var swaps []logElem
	for _, g := range r.groups {
		s, err := r.resolve(g, ex)
		if err != nil {
			return err
		}
		if err := checkLogSets(s, cmd, ex, len(lifts)); err != nil {
			return err
		}
		u := cmd.Unit
		if s.load.unitSet {
			u = s.load.unit
		}
		for range s.sets {
			lifts = append(lifts, Lift{Exercise: cmd.Exercise.Name, Load: s.load.v, Unit: u, Reps: s.reps, RPE: s.rpe, Kind: KindWork, Note: note})
		}
		swaps = append(swaps, s.swap...)
	}
	for i := range lifts {
		if lw.tech != 0 {
			lifts[i].Technique = lw.tech.Key()
			lifts[i].Kind = logKind(lw.tech, i)
		}
		if lifts[i].Reps == 0 {
			lifts[i].Kind = KindFailed
		}
	}
	if lw.tech == DropSet {
		for i := 1; i < len(lifts); i++ {
			if lifts[i].LoadIn(KG) >= lifts[i-1].LoadIn(KG)-1e-9 {
				return userErr(exDrop, "In a drop set every load is lighter than the one before.")
			}
		}
	}
	cmd.Lifts = lifts
	cmd.Log = LogLine{Day: lw.day, Readings: lw.rirs}
	if len(swaps) > 0 {
		cmd.Log.Swap = swapLine(words, swaps, note)
	}
	return nil
}

// logExercise finds the exercise the name words of a log line name. A
// mistake's example is the lifter's own line with the exercise they
// likely meant, when that line parses.
func (c *Coach) logExercise(cmd *Command, args []string, lw *logWords, unit Unit) error {
	name := lw.name
	rest := logRest(args, name)
	ex := "log bench " + rest
	if len(name) > 0 {
		ex = "log " + joinWords(name) + " " + rest
	}
	err := c.resolveExercise(cmd, name, nil, ex)
	if err == nil {
		return nil
	}
	e, ok := err.(*Error)
	if !ok {
		return err
	}
	if n := c.strayNote(args, lw, unit); n != nil {
		return n
	}
	try := "bench press"
	if len(name) > 0 {
		s := c.SuggestExercises(joinWords(name), 1)
		if len(s) == 0 {
			e.Example = exLog
			return e
		}
		try = s[0]
	}
	e.Example = exLog
	if rest != "" {
		if cand := "log " + try + " " + rest; c.parsesAsLog(cand, unit) {
			e.Example = cand
			return e
		}
	}
	if ex, ok := c.FindExercise(try); ok {
		e.Example = logExampleFor(ex)
	}
	return e
}

// strayNote is the answer to words after a line's sets that name no
// exercise when the words before them do: a note written without its #
// ("log bench 100x5 felt easy"). nil when that is not the mistake.
func (c *Coach) strayNote(args []string, lw *logWords, unit Unit) error {
	first, last := len(args), -1
	for _, p := range lw.pieces {
		for _, e := range p.elems {
			first, last = min(first, e.tok), max(last, e.tok)
		}
	}
	var head, tail []string
	for k, at := range lw.nameAt {
		switch {
		case at < first:
			head = append(head, lw.name[k])
		case at > last:
			tail = append(tail, lw.name[k])
		default:
			return nil // a name around the sets
		}
	}
	if len(head) == 0 || len(tail) == 0 {
		return nil
	}
	if _, ok := c.FindExercise(joinWords(head)); !ok {
		return nil
	}
	var kept []string
	for i, w := range args {
		if i <= last || !slices.Contains(lw.nameAt, i) {
			kept = append(kept, w)
		}
	}
	note := strings.Join(tail, " ")
	ex := "log " + strings.Join(kept, " ") + " # " + note
	if !c.parsesAsLog(ex, unit) {
		return nil
	}
	return userErr(ex, "I don't know the exercise %q; if %q is a note, write it after # or in quotes.",
		clip(joinWords(lw.name), 40), clip(note, 40))
}

// parsesAsLog reports whether text is a log line that parses.
func (c *Coach) parsesAsLog(text string, unit Unit) bool {
	cmd, err := c.parse(text, unit)
	return err == nil && cmd.Kind == KindLog
}

// logRest is the words of a log line other than the exercise's name.
func logRest(args, name []string) string {
	var rest []string
	n := 0
	for _, w := range args {
		if n < len(name) && w == name[n] {
			n++
			continue
		}
		rest = append(rest, w)
	}
	return strings.Join(rest, " ")
}

// logExampleFor is a log line of exercise e that parses: one set of ten on
// body weight, else load x reps x sets.
func logExampleFor(e *Exercise) string {
	if e == nil {
		return exLog
	}
	if e.Equipment == BodyWeight {
		return logExample(e.Name)
	}
	return "log " + e.Name + " 100x5x5"
}

// piece reads the i-th piece of the line into the groups.
func (r *logReader) piece(i int, ex string) error {
	p := &r.pieces[i]
	g := r.cur
	switch p.kind {
	case pieceRPE, pieceRIR:
		return r.setRPE(p.v)
	case pieceAt:
		e := p.elems[0]
		load := e.unitSet || e.atWord
		if !load && g.load == nil && e.v > 10 {
			// "3x5 @ 100", "5 reps @ 100", "@100 5": a load where the
			// set has none; "100x5 @11" is an RPE too high.
			load = g.bare != nil && len(g.bare) == 2 && likelySets(g.bare[0]) || g.reps != nil || g.lone != nil || g.empty()
		}
		if !load {
			return r.setRPE(e.v)
		}
		r.addLoad(e, true, i)
		return nil
	}
	es := p.elems
	if len(es) > 3 {
		return userErr(ex, "Write sets as load x reps x sets, such as 100x5x5.")
	}
	if len(es) >= 2 {
		roles, bare, ok := chainRoles(es)
		if !ok {
			return userErr(ex, "%s: write sets as load x reps x sets, such as 100x5x5.", elemsText(es))
		}
		if bare {
			if g.hasReps() || len(es) == 3 && (g.load != nil || g.sets != nil) {
				r.close()
			}
			if r.cur.lone != nil { // "100 3x5": the number before is the load
				r.cur.load, r.cur.lone = r.cur.lone, nil
			}
			r.cur.bare = es
			return nil
		}
		for k := range es {
			switch roles[k] {
			case roleLoad:
				if g.load != nil || g.lone != nil {
					r.close()
				}
			case roleReps:
				if g.hasReps() {
					r.close()
				}
			case roleSets:
				if g.sets != nil {
					r.close()
				}
			}
			g = r.cur
		}
		for k := range es {
			e := &es[k]
			e.role = roles[k]
			switch roles[k] {
			case roleLoad:
				r.cur.load = e
			case roleReps:
				r.cur.reps = e
			case roleSets:
				r.cur.sets = e
			}
		}
		return nil
	}
	e := &es[0]
	role := e.role
	if role == 0 && e.isLoad() {
		role = roleLoad
	}
	if role == 0 && e.hint != 0 {
		role = e.hint
	}
	switch role {
	case roleLoad:
		r.addLoad(*e, false, i)
	case roleReps:
		r.addReps(e)
	case roleSets:
		if g.sets != nil {
			r.close()
		}
		r.cur.sets = e
	default:
		r.addLone(e)
	}
	return nil
}

// setRPE gives the group being read its RPE.
func (r *logReader) setRPE(v float64) error {
	if r.cur.empty() || v < 1 || v > 10 {
		return rpeErr()
	}
	r.cur.rpe = v
	return nil
}

// addLoad reads a load. A load after reps with no load belongs to them
// ("5 reps at 100", "3x5 100kg"), unless reps of its own follow it
// ("100x5 90kg 8"); the load of "at" always belongs to the reps before.
func (r *logReader) addLoad(e logElem, at bool, i int) {
	g := r.cur
	switch {
	case g.load != nil, len(g.bare) == 3:
		r.close()
	case !at && (g.hasReps() || g.lone != nil) && r.ownReps(i):
		r.close()
	case g.bare != nil && len(g.bare) == 2 && !likelySets(g.bare[0]):
		// "100x5 90kg": the bare numbers are a load and reps.
		r.close()
	}
	r.cur.load = &e
}

// ownReps reports whether the piece after the i-th is reps for a load:
// a number alone, not a load.
func (r *logReader) ownReps(i int) bool {
	if i+1 >= len(r.pieces) {
		return false
	}
	p := &r.pieces[i+1]
	if p.kind != pieceChain || len(p.elems) != 1 {
		return false
	}
	e := &p.elems[0]
	return !e.isLoad() && (e.role == 0 || e.role == roleReps)
}

// addReps reads a number known to be reps.
func (r *logReader) addReps(e *logElem) {
	g := r.cur
	if g.hasReps() {
		r.close()
		r.cur.load = r.carry
	}
	if r.cur.lone != nil {
		r.cur.load, r.cur.lone = r.cur.lone, nil
	}
	r.cur.reps = e
}

// addLone reads a number alone, neither a load nor labelled.
func (r *logReader) addLone(e *logElem) {
	g := r.cur
	switch {
	case r.bw:
		r.addReps(e) // "log pull up 10"
	case g.hasReps():
		// "140kg 5 5 4": more sets at a load written with its unit;
		// "100 5 90 8": else a load, and its reps next.
		r.close()
		if r.carry != nil {
			r.cur.load, r.cur.reps = r.carry, e
		} else {
			r.cur.lone = e
		}
	case g.load != nil:
		g.reps = e
	case g.lone != nil:
		g.load, g.lone, g.reps = g.lone, nil, e
	default:
		g.lone = e
	}
}

// close ends the group being read and starts the next.
func (r *logReader) close() {
	g := r.cur
	if g.empty() {
		return
	}
	r.groups = append(r.groups, g)
	r.cur = &logGroup{}
	r.carry = nil // the body alone, or no load to carry
	if g.load != nil && (g.load.unitSet || g.load.sign != 0 || g.load.bw || r.bw) {
		r.carry = g.load
	}
}

// resolve decides what the numbers of a group are.
func (r *logReader) resolve(g *logGroup, ex string) (logSets, error) {
	s := logSets{sets: 1, rpe: g.rpe}
	load, reps, sets := g.load, g.reps, g.sets
	if g.lone != nil {
		if r.bw {
			reps = g.lone
		} else {
			return s, r.noReps(*g.lone)
		}
	}
	switch b := g.bare; {
	case len(b) == 3:
		load, reps, sets = &b[0], &b[1], &b[2]
		s.swap = []logElem{b[0], b[1]}
	case len(b) == 2 && (load != nil || sets == nil && r.bw && likelySets(b[0])):
		sets, reps = &b[0], &b[1]
	case len(b) == 2 && !r.bw && !validReps(b[1].v) && validReps(b[0].v):
		// "5x67.5", "5x150": no set has that many reps; the other way
		// round is the one reading.
		reps, load = &b[0], &b[1]
	case len(b) == 2:
		load, reps = &b[0], &b[1]
		if !r.bw {
			s.swap = []logElem{b[0], b[1]}
		}
	}
	if reps == nil {
		if load != nil && !load.bw && !(r.bw && load.v == 0) {
			return s, r.noReps(*load)
		}
		return s, userErr(ex, "How many reps? Write them after the load, as in 100x5.")
	}
	if load == nil {
		if !r.bw {
			return s, userErr(ex, "Which load? Write it with its unit, as in 100kg 3x5.")
		}
		load = &logElem{bw: true}
	}
	s.load = *load
	if !validReps(reps.v) {
		return s, userErr(ex, "Reps are a whole number from 0 to %d.", maxReps)
	}
	s.reps = int(reps.v)
	if sets != nil {
		if sets.v != math.Trunc(sets.v) || sets.v < 1 {
			return s, userErr(ex, "Sets are a whole number from 1 to %d.", maxLogSets)
		}
		if sets.v > maxLogSets {
			return s, userErr(ex, "At most %d sets in one log line.", maxLogSets)
		}
		s.sets = int(sets.v)
	}
	if len(s.swap) == 2 && !(validReps(s.swap[0].v) && s.swap[1].v > 0) {
		s.swap = nil // read the other way, the first number would not be reps
	}
	return s, nil
}

// checkLogSets refuses what a group of sets cannot be on the exercise,
// given the n sets read before it.
func checkLogSets(s logSets, cmd *Command, ex string, n int) error {
	bw := cmd.Exercise.Equipment == BodyWeight
	l := s.load
	switch {
	case l.bw && !bw:
		return userErr(ex, "bw is the body alone, for body-weight exercises; %s takes a load.", cmd.Exercise.Name)
	case l.v < 0 && !bw:
		return userErr(ex, "%s: a load on %s is 0 or more; a minus is help on a body-weight exercise.", elemsText([]logElem{l}), cmd.Exercise.Name)
	}
	u := cmd.Unit
	if l.unitSet {
		u = l.unit
	}
	if Convert(math.Abs(l.v), u, KG) > MaxLoad {
		return userErr(ex, "%s %s is not a load I can log.", FormatLoad(l.v), u)
	}
	if s.reps == 0 && s.sets > 1 {
		return userErr(ex, "A failed set is logged one at a time: 100x0.")
	}
	if n+s.sets > maxLogSets {
		return userErr(ex, "At most %d sets in one log line.", maxLogSets)
	}
	return nil
}

// validReps reports whether v can be the reps of a set: a whole number
// from 0 (failed) to maxReps.
func validReps(v float64) bool { return v == math.Trunc(v) && v >= 0 && v <= maxReps }

// likelySets reports whether a number with no unit is likely a count of
// sets: a whole number up to maxLikelySets.
func likelySets(e logElem) bool {
	return !e.isLoad() && e.v == math.Trunc(e.v) && e.v >= 1 && e.v <= maxLikelySets
}

// chainRoles says what each number of a chain of two or three is, from
// the units and labels written: bare when nothing says, and the group
// decides (resolve); ok is false when they cannot be one set.
func chainRoles(es []logElem) (roles []byte, bare bool, ok bool) {
	known := make([]byte, len(es))
	anyKnown := false
	for k := range es {
		switch {
		case es[k].isLoad():
			known[k] = roleLoad
		default:
			known[k] = es[k].role
		}
		anyKnown = anyKnown || known[k] != 0
	}
	if !anyKnown {
		return nil, true, true
	}
	patterns := []string{"lrs", "srl"}
	if len(es) == 2 {
		// "3x5 reps" and "100x5 reps" say only which side is the reps.
		if known[0] == 0 && known[1] == roleReps {
			return nil, true, true
		}
		patterns = []string{"lr", "rl", "sr", "rs"}
	}
	for _, p := range patterns {
		match := true
		for k := range es {
			if known[k] != 0 && known[k] != p[k] {
				match = false
			}
		}
		if match {
			return []byte(p), false, true
		}
	}
	return nil, false, false
}

// noReps is the answer to a load written without its reps: the load and
// how to add them, as the lifter wrote it ("185x5", "140kg x5").
func (r *logReader) noReps(e logElem) error {
	w := FormatLoad(e.v)
	if e.sign == '+' {
		w = "+" + w
	}
	if e.unitSet {
		w += e.unit.String() + " "
	}
	return userErr("log "+r.name+" "+w+"x5", "%s: how many reps? Write them after the load: %sx5.", r.loadText(e), w)
}

// loadText writes a load as the lifter meant it: "100 kg", "+20 kg".
func (r *logReader) loadText(e logElem) string {
	u := r.unit
	if e.unitSet {
		u = e.unit
	}
	if r.bw {
		return FormatAdded(e.v, u)
	}
	return FormatLoad(e.v) + " " + u.String()
}

// elemsText writes numbers as the lifter wrote them: "100 kg", "+20 kg".
func elemsText(es []logElem) string {
	var parts []string
	for _, e := range es {
		switch {
		case e.bw:
			parts = append(parts, "bw")
		case e.unitSet:
			parts = append(parts, FormatLoad(e.v)+" "+e.unit.String())
		default:
			parts = append(parts, FormatLoad(e.v))
		}
	}
	return strings.Join(parts, " x ")
}

// swapLine rewrites a log line with each pair of numbers in swaps
// exchanged, as the lifter wrote them, and the note after a #.
func swapLine(args []string, swaps []logElem, note string) string {
	type edit struct {
		start, end int
		text       string
	}
	edits := map[int][]edit{}
	for k := 0; k+1 < len(swaps); k += 2 {
		a, b := swaps[k], swaps[k+1]
		at := args[a.tok][a.start:a.end]
		bt := args[b.tok][b.start:b.end]
		edits[a.tok] = append(edits[a.tok], edit{a.start, a.end, bt})
		edits[b.tok] = append(edits[b.tok], edit{b.start, b.end, at})
	}
	out := make([]string, len(args))
	for i, w := range args {
		es := edits[i]
		sort.Slice(es, func(x, y int) bool { return es[x].start > es[y].start })
		for _, e := range es {
			w = w[:e.start] + e.text + w[e.end:]
		}
		out[i] = w
	}
	line := "log " + strings.Join(out, " ")
	if note != "" {
		line += " # " + note
	}
	return line
}

// logTechnique is the technique a word marks a log line with: a command
// word of drop sets, rest-pause or back-off sets (ParseTechnique: drop,
// rp, rest-pause, backoff, back-off, goto, ...); 0 for any other word.
func logTechnique(w string) Technique {
	switch t, _ := ParseTechnique(w); t {
	case DropSet, RestPause, BackOff:
		return t
	}
	return 0
}

// logKind is the kind of the i-th set of a log line marked with technique
// t: a drop set and a rest-pause set start to failure and go on with drops
// or mini-sets; every back-off set is an AMRAP at about 50 % of 1RM (so
// CountsFor1RM leaves it out and Week counts it).
func logKind(t Technique, i int) string {
	switch {
	case t == BackOff:
		return KindAMRAP
	case i == 0:
		return KindFailure
	case t == DropSet:
		return KindDrop
	case t == RestPause:
		return KindMini
	}
	return KindWork
}
