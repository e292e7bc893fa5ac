package coach

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Muscle is a primary muscle group, named in lower case.
type Muscle string

// The muscle groups an Exercise can train.
const (
	Chest      Muscle = "chest"
	Back       Muscle = "back"
	Shoulders  Muscle = "shoulders"
	Biceps     Muscle = "biceps"
	Triceps    Muscle = "triceps"
	Quads      Muscle = "quads"
	Hamstrings Muscle = "hamstrings"
	Glutes     Muscle = "glutes"
	Calves     Muscle = "calves"
	Abs        Muscle = "abs"
	Forearms   Muscle = "forearms"
	Traps      Muscle = "traps"
)

// catMuscles is every valid Muscle, in the order of the constants.
var catMuscles = [...]Muscle{
	Chest, Back, Shoulders, Biceps, Triceps, Quads,
	Hamstrings, Glutes, Calves, Abs, Forearms, Traps,
}

func catValidMuscle(m Muscle) bool {
	return slices.Contains(catMuscles[:], m)
}

// ParseMuscle reads a muscle group as a lifter types it: the canonical name
// ("quads") or a common synonym ("quad", "quadriceps", "pecs", "lats",
// "delts", "hammies", "core"). Case and surrounding spaces are ignored.
func ParseMuscle(s string) (Muscle, bool) {
	switch catNormalize(s) {
	case "chest", "pec", "pecs", "pectorals":
		return Chest, true
	case "back", "lat", "lats", "upper back", "mid back":
		return Back, true
	case "shoulders", "shoulder", "delt", "delts", "deltoid", "deltoids":
		return Shoulders, true
	case "biceps", "bicep", "bi", "bis":
		return Biceps, true
	case "triceps", "tricep", "tri", "tris":
		return Triceps, true
	case "quads", "quad", "quadriceps", "quadricep":
		return Quads, true
	case "hamstrings", "hamstring", "hams", "hammies":
		return Hamstrings, true
	case "glutes", "glute", "butt", "gluteus":
		return Glutes, true
	case "calves", "calf", "calfs":
		return Calves, true
	case "abs", "ab", "core", "abdominals", "abdominal":
		return Abs, true
	case "forearms", "forearm", "grip":
		return Forearms, true
	case "traps", "trap", "trapezius":
		return Traps, true
	}
	return "", false
}

// Exercise is one entry of a Catalog. Values handed out by a Catalog are
// shared by every caller and must be treated as read-only.
type Exercise struct {
	Name      string    // canonical, lower case: "bench press"
	Aliases   []string  // other names lifters type, lower case: "bench", "bp"
	Muscles   []Muscle  // primary muscle groups
	Equipment Equipment // default equipment: the bar, sled or stack it is planned on
	Compound  bool      // compound (multi-joint) rather than isolation
	// Family is the movement family used for coaching advice: "bench",
	// "squat", "deadlift", "row", "overhead press", "curl", ... Every
	// deadlift variant (romanian, stiff-leg, sumo, trap-bar, rack pull, ...)
	// is in the "deadlift" family.
	Family string
}

// Catalog is a set of exercises that can be looked up by canonical name or
// alias. It is immutable once built and safe for concurrent use; the
// *Exercise values it returns are shared and must not be modified.
type Catalog struct {
	list  []*Exercise          // in the order given
	byKey map[string]*Exercise // normalised name or alias -> exercise
	keys  []catKey             // every name and alias, for Suggest
	// maxKey is the length of the longest key: longer inputs cannot match.
	maxKey int
	// apps are the names other apps give exercises (appnames.go) that
	// Lookup reaches besides names and aliases: normalised app name ->
	// canonical name. They are kept apart from the aliases, so that help
	// and suggestions show what lifters type, and With carries them over.
	apps map[string]string
	// own is one lifter's own exercise names (Coach.WithOwnNames); nil in
	// a catalog shared by everyone.
	own OwnNames
}

// catKey is one name or alias prepared for fuzzy matching.
type catKey struct {
	key    []rune   // normalised
	packed []rune   // key without spaces: "benchpress"
	tokens [][]rune // key split on spaces
	ex     int      // index into Catalog.list
}

func catMakeKey(k string, ex int) catKey {
	words := strings.Fields(k)
	ck := catKey{
		key:    []rune(k),
		packed: []rune(strings.Join(words, "")),
		tokens: make([][]rune, len(words)),
		ex:     ex,
	}
	for i, w := range words {
		ck.tokens[i] = []rune(w)
	}
	return ck
}

var catDefault = sync.OnceValue(func() *Catalog {
	c, err := NewCatalog(catalogExercises)
	if err == nil {
		err = c.addApps(appNameMap())
	}
	if err != nil {
		// The shipped data is checked by the tests; this cannot happen.
		panic("coach: invalid shipped exercise catalog: " + err.Error())
	}
	return c
})

// DefaultCatalog returns the shipped catalog, which also knows the default
// exercise names of Strong, Hevy and FitNotes (see Place). It is built on
// first use and the same *Catalog is returned to every caller; it is safe
// for concurrent use. The shipped data is validated by the package tests,
// so it does not panic.
func DefaultCatalog() *Catalog { return catDefault() }

// NewCatalog builds a catalog from ex, keeping its order. Names, aliases and
// families are normalised (lower case, single spaces, '-' and '_' read as
// spaces), and the exercises are copied, so later changes to ex do not
// affect the catalog. It fails if an exercise has no name, no muscle, an
// unknown muscle or equipment, an empty alias, or if a name or alias is used
// twice (the error names the word and both exercises).
func NewCatalog(ex []Exercise) (*Catalog, error) {
	c := &Catalog{
		list:  make([]*Exercise, 0, len(ex)),
		byKey: make(map[string]*Exercise, len(ex)*5),
	}
	store := make([]Exercise, len(ex))
	for i := range ex {
		e := &store[i]
		src := &ex[i]
		e.Name = catNormalize(src.Name)
		if e.Name == "" {
			return nil, fmt.Errorf("coach: exercise #%d has no name", i+1)
		}
		if len(src.Muscles) == 0 {
			return nil, fmt.Errorf("coach: exercise %q has no muscle", e.Name)
		}
		for _, m := range src.Muscles {
			if !catValidMuscle(m) {
				return nil, fmt.Errorf("coach: exercise %q has unknown muscle %q", e.Name, m)
			}
		}
		if !src.Equipment.valid() {
			return nil, fmt.Errorf("coach: exercise %q has unknown equipment %d", e.Name, src.Equipment)
		}
		e.Muscles = slices.Clone(src.Muscles)
		e.Equipment = src.Equipment
		e.Compound = src.Compound
		e.Family = catNormalize(src.Family)
		if len(src.Aliases) > 0 {
			e.Aliases = make([]string, len(src.Aliases))
		}
		for j, a := range src.Aliases {
			e.Aliases[j] = catNormalize(a)
			if e.Aliases[j] == "" {
				return nil, fmt.Errorf("coach: exercise %q has an empty alias", e.Name)
			}
		}
		idx := len(c.list)
		c.list = append(c.list, e)
		if err := c.addKey(e.Name, e, idx); err != nil {
			return nil, err
		}
		for _, a := range e.Aliases {
			if err := c.addKey(a, e, idx); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// addApps adds other apps' names (normalised app name -> canonical name)
// as keys Lookup reaches but Suggest and help do not show. A name that is
// already a key, or a canonical name the catalog does not hold, is an
// error.
func (c *Catalog) addApps(apps map[string]string) error {
	if c.apps == nil {
		c.apps = make(map[string]string, len(apps))
	}
	for k, name := range apps {
		e, ok := c.byKey[name]
		if !ok || e.Name != name {
			return fmt.Errorf("coach: the app name %q names %q, which is not in the catalog", k, name)
		}
		if prev, ok := c.byKey[k]; ok {
			return fmt.Errorf("coach: the app name %q of %q is already a name of %q", k, name, prev.Name)
		}
		c.byKey[k] = e
		c.apps[k] = name
		c.maxKey = max(c.maxKey, len(k))
	}
	return nil
}

func (c *Catalog) addKey(k string, e *Exercise, idx int) error {
	if prev, ok := c.byKey[k]; ok {
		if prev == e {
			return fmt.Errorf("coach: %q is listed twice for exercise %q", k, e.Name)
		}
		return fmt.Errorf("coach: %q is used by both %q and %q", k, prev.Name, e.Name)
	}
	c.byKey[k] = e
	c.keys = append(c.keys, catMakeKey(k, idx))
	c.maxKey = max(c.maxKey, len(k))
	return nil
}

// With returns a new catalog holding c's exercises plus extra. An extra
// exercise whose (normalised) Name equals one already in c replaces it in
// place, aliases and all; the others are appended in order. The result is
// validated like NewCatalog. It keeps the other apps' names c knows, but
// for those that have become a name or an alias of extra: what the
// configuration says wins. c itself is not changed.
func (c *Catalog) With(extra []Exercise) (*Catalog, error) {
	all := make([]Exercise, len(c.list), len(c.list)+len(extra))
	for i, e := range c.list {
		all[i] = *e
	}
	replaced := make([]bool, len(c.list))
	for _, x := range extra {
		if old, ok := c.byKey[catNormalize(x.Name)]; ok && old.Name == catNormalize(x.Name) {
			i := slices.Index(c.list, old)
			if !replaced[i] {
				replaced[i] = true
				all[i] = x
				continue
			}
		}
		all = append(all, x) // a second extra of the same name: NewCatalog reports it
	}
	nc, err := NewCatalog(all)
	if err != nil {
		return nil, err
	}
	apps := make(map[string]string, len(c.apps))
	for k, name := range c.apps {
		if _, taken := nc.byKey[k]; !taken {
			apps[k] = name
		}
	}
	if err := nc.addApps(apps); err != nil {
		return nil, err
	}
	return nc, nil
}

// Lookup finds an exercise by canonical name or alias, or by the name
// another app gives it (see Place). Matching ignores case and surrounding
// spaces, collapses runs of spaces and reads '-' and '_' as spaces
// ("Bench-Press", "  flat   bench "). If that fails, a simple plural or
// singular form is tried ("curls", "lateral raises", "flies"), and a name
// followed by its equipment in parentheses, as Strong and Hevy write it
// ("Bench Press (Barbell)"), is read as that equipment's version of the
// movement. An exact hit on an already normalised lower-case name does not
// allocate.
func (c *Catalog) Lookup(name string) (*Exercise, bool) {
	if catIsNormal(name) {
		if e, ok := c.byKey[name]; ok {
			return e, true
		}
	}
	if len(name) == 0 || len(name) > 4*c.maxKey+16 {
		return nil, false
	}
	var buf [64]byte
	k := catAppendNorm(buf[:0], name)
	if len(k) == 0 {
		return nil, false
	}
	if e, ok := c.byKey[string(k)]; ok {
		return e, true
	}
	if slices.Contains(k, '(') {
		return c.lookupLabelled(string(k))
	}
	if len(k) > c.maxKey+3 {
		return nil, false
	}
	return c.lookupNumber(k)
}

// lookupPlain finds the normalised key k as a name, an alias or an app's
// name, or its plural or singular form.
func (c *Catalog) lookupPlain(k string) (*Exercise, bool) {
	if e, ok := c.byKey[k]; ok {
		return e, true
	}
	if len(k) > c.maxKey+3 {
		return nil, false
	}
	return c.lookupNumber([]byte(k))
}

// lookupNumber tries the singular or plural of the normalised key k. It may
// overwrite k.
func (c *Catalog) lookupNumber(k []byte) (*Exercise, bool) {
	n := len(k)
	if n < 3 {
		return nil, false
	}
	if k[n-1] != 's' {
		if e, ok := c.byKey[string(append(k, 's'))]; ok { // "lunge" -> "lunges"
			return e, true
		}
		return nil, false
	}
	if n > 3 && k[n-2] != 's' {
		if e, ok := c.byKey[string(k[:n-1])]; ok { // "curls" -> "curl"
			return e, true
		}
	}
	if n > 4 && k[n-2] == 'e' {
		if e, ok := c.byKey[string(k[:n-2])]; ok { // "presses" -> "press"
			return e, true
		}
		if k[n-3] == 'i' {
			k[n-3] = 'y'
			if e, ok := c.byKey[string(k[:n-2])]; ok { // "flies" -> "fly"
				return e, true
			}
		}
	}
	return nil, false
}

// catIsNormal reports whether s is already in normal form: non-empty, ASCII,
// no upper case, no '-', '_' or control white space, single inner spaces
// and none at either end.
func catIsNormal(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', c == '-', c == '_',
			'\t' <= c && c <= '\r':
			return false
		case c == ' ' && s[i-1] == ' ':
			return false
		}
	}
	return true
}

// catAppendNorm appends the normal form of s to dst: lower case, '-', '_'
// and white space read as spaces, runs of spaces collapsed, no space at
// either end.
func catAppendNorm(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '-' || c == '_' || '\t' <= c && c <= '\r':
				space = true
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// catNormalize returns the normal form of s (see catAppendNorm).
func catNormalize(s string) string {
	if catIsNormal(s) {
		return s
	}
	return string(catAppendNorm(make([]byte, 0, len(s)), s))
}

// Suggest returns up to n canonical names closest to name, best first, for
// a name Lookup did not find. It compares the normalised name with every
// name and alias by edit distance (optimal string alignment, also with the
// spaces removed, so "benchpress" finds "bench press") and by shared words
// or word prefixes ("incline", "squats"). Names nowhere close give nil.
func (c *Catalog) Suggest(name string, n int) []string {
	q := catNormalize(name)
	if n <= 0 || q == "" {
		return nil
	}
	qk := catMakeKey(q, -1)
	qPacked := qk.packed
	var scratch []int
	// A spelling counts as close within a few edits, growing with the
	// length of what was typed: 1 for up to four letters, 2 up to seven, 3
	// beyond. With a word in common, a looser distance is accepted too.
	allowed := min(3, max(1, (len(qPacked)+1)/3))
	loose := max(3, len(qPacked)/2)

	const none = 1e9
	best := make([]float64, len(c.list))
	for i := range best {
		best[i] = none
	}
	for _, k := range c.keys {
		// The distance is at least the difference in length: skip the
		// table when that is already too far.
		d := loose + 1
		if catAbs(len(qk.key)-len(k.key)) <= loose {
			d = catOSA(qk.key, k.key, &scratch)
		}
		if catAbs(len(qPacked)-len(k.packed)) <= loose {
			d = min(d, catOSA(qPacked, k.packed, &scratch))
		}
		tok, extra := catTokenOverlap(qk.tokens, k.tokens, &scratch)
		if len(qPacked) >= 3 && catHasPrefix(k.packed, qPacked) {
			tok = max(tok, 0.9) // "bulg" -> "bulgarian split squat"
		}
		score := float64(none)
		if d <= allowed || tok > 0 && d <= loose {
			score = float64(d) - 0.5*tok
		}
		if tok >= 0.5 {
			// Word overlap alone: after every close spelling, keys best
			// covered by the query first.
			score = min(score, float64(allowed)+2-tok+0.1*float64(extra))
		}
		best[k.ex] = min(best[k.ex], score)
	}

	idx := make([]int, 0, len(c.list))
	for i, s := range best {
		if s < none {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(best[a], best[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if len(idx) > n {
		idx = idx[:n]
	}
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = c.list[j].Name
	}
	return out
}

// catTokenOverlap scores how well the query words q match the key words k:
// the mean over q of 1 for an equal word (0.5 for a word shorter than three
// letters, such as "db"), 0.75 when one is a prefix of the other (at least
// three letters), 0.6 for a word one edit away (at least four letters).
// extra counts key words nothing matched.
func catTokenOverlap(q, k [][]rune, scratch *[]int) (score float64, extra int) {
	var usedBuf [8]bool
	used := usedBuf[:0]
	if len(k) > len(usedBuf) {
		used = make([]bool, 0, len(k))
	}
	used = used[:len(k)]
	for _, qt := range q {
		bestW, bestJ := 0.0, -1
		for j, kt := range k {
			var w float64
			switch {
			case slices.Equal(qt, kt) && len(qt) < 3:
				w = 0.5
			case slices.Equal(qt, kt):
				w = 1
			case min(len(qt), len(kt)) >= 3 && (catHasPrefix(kt, qt) || catHasPrefix(qt, kt)):
				w = 0.75
			case min(len(qt), len(kt)) >= 4 && catOSA(qt, kt, scratch) <= 1:
				w = 0.6
			}
			if w > bestW {
				bestW, bestJ = w, j
			}
		}
		if bestJ >= 0 {
			score += bestW
			used[bestJ] = true
		}
	}
	for _, u := range used {
		if !u {
			extra++
		}
	}
	if len(q) > 0 {
		score /= float64(len(q))
	}
	return score, extra
}

// catOSA is the optimal string alignment distance between a and b:
// Levenshtein plus transposition of adjacent letters ("sqaut" -> "squat").
// scratch is reused between calls to save allocations.
func catOSA(a, b []rune, scratch *[]int) int {
	if len(a) == 0 {
		return len(b)
	}
	if len(b) == 0 {
		return len(a)
	}
	w := len(b) + 1
	if cap(*scratch) < 3*w {
		*scratch = make([]int, 3*w, max(3*w, 96))
	}
	buf := (*scratch)[:3*w]
	prev2, prev, cur := buf[:w], buf[w:2*w], buf[2*w:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// catHasPrefix reports whether s begins with prefix.
func catHasPrefix(s, prefix []rune) bool {
	return len(s) >= len(prefix) && slices.Equal(s[:len(prefix)], prefix)
}

// All returns every exercise in the catalog's order. The slice is the
// caller's; the exercises are shared and must not be modified.
func (c *Catalog) All() []*Exercise { return slices.Clone(c.list) }

// Len returns the number of exercises.
func (c *Catalog) Len() int { return len(c.list) }

func catAbs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
