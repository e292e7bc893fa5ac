// Package zone reads a time zone as a lifter names it: an IANA name in
// any case ("europe/berlin"), UTC and GMT, an Etc zone ("Etc/GMT+5"), a
// common abbreviation ("CET", "EST", "IST"), an offset from UTC ("+02:00",
// "UTC+2", "GMT-5", "+0530") or a city ("Berlin", "new york",
// "São Paulo").
//
// It reads no files: the zone data is Go's own copy (time/tzdata, linked
// into the binary), so a lifter's zone resolves the same on a machine
// without /usr/share/zoneinfo, and a name is looked up only when it is in
// the database's list (names.go), never as a path. Its functions are safe
// for concurrent use.
package zone

//go:generate go run gen.go

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones resolve without the system's zoneinfo
	"unicode"
)

// Zone is a time zone resolved from what a lifter typed.
type Zone struct {
	// Name is what to store and show: an IANA name ("Europe/Berlin"),
	// "UTC", or a fixed offset ("UTC+05:30"). Resolve reads it back.
	Name string
	Loc  *time.Location
	// Note says how the input was read when that is not plain from Name:
	// the zone an abbreviation stands for, that an offset keeps no summer
	// time, that an Etc zone's sign is inverted. "" otherwise.
	Note string
}

// Error is a name Resolve cannot place.
type Error struct {
	Input string
	// Suggest holds zone names close to Input, best first; each resolves.
	// It may be empty.
	Suggest []string
	// Reason says what is wrong when Input has the shape of a zone but
	// not a valid value ("UTC offsets run from -12:00 to +14:00."); ""
	// for an unknown name.
	Reason string
	// Example is a zone of the shape Input has, which resolves: "UTC+2"
	// for an offset out of range, else "Europe/Berlin".
	Example string
}

func (e *Error) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("zone %q: %s", e.Input, e.Reason)
	}
	return fmt.Sprintf("unknown time zone %q", e.Input)
}

// Resolve reads a time zone, case-insensitively: first an abbreviation
// or a name of UTC, then an IANA zone name, then an offset, then a city,
// the last part of a zone name with spaces for underscores and accents
// ignored. Anything else is an *Error with the names it may have meant.
func Resolve(s string) (Zone, error) {
	in := strings.Join(strings.Fields(s), " ")
	if in == "" {
		return Zone{}, &Error{Input: s, Reason: "a time zone needs a name.", Example: "Europe/Berlin"}
	}
	if len(in) > maxName {
		return Zone{}, &Error{Input: strings.ToValidUTF8(in[:maxName], "") + "…", Reason: "that is too long for a time zone.", Example: "Europe/Berlin"}
	}
	low := strings.ToLower(in)
	if utcNames[low] {
		z := Zone{Name: "UTC", Loc: time.UTC}
		if strings.Contains(low, "gmt") || strings.Contains(low, "greenwich") {
			z.Note = "GMT is UTC all year. For UK time, with summer time, use Europe/London."
		}
		return z, nil
	}
	if a, ok := abbreviations[low]; ok {
		loc, err := load(a.zone)
		if err != nil {
			return Zone{}, err
		}
		note := fmt.Sprintf("%s read as %s (%s).", strings.ToUpper(low), a.zone, a.what)
		if a.also != "" {
			note += " " + a.also
		}
		return Zone{Name: a.zone, Loc: loc, Note: note}, nil
	}
	idx := index()
	// A city before a top-level alias: "singapore" is Asia/Singapore, not
	// the older "Singapore".
	if name, ok := idx.byLower[low]; ok && (strings.Contains(name, "/") || idx.byCity[key(in)] == "") {
		return named(name)
	}
	if z, ok, err := offset(low); ok || err != nil {
		if err != nil {
			err.(*Error).Input = s
		}
		return z, err
	}
	k := key(in)
	if name, ok := idx.byCity[k]; ok {
		return named(name)
	}
	if name, ok := idx.byPath[k]; ok {
		return named(name)
	}
	// "Berlin, Germany": the city before the comma.
	if i := strings.IndexByte(in, ','); i > 0 {
		if name, ok := idx.byCity[key(in[:i])]; ok {
			return named(name)
		}
	}
	return Zone{}, &Error{Input: s, Suggest: suggest(k, 3), Example: "Europe/Berlin"}
}

// maxName is the longest input Resolve reads: the longest zone name has
// 32 characters, and a message can be far longer.
const maxName = 64

// named resolves a zone name of the database.
func named(name string) (Zone, error) {
	loc, err := load(name)
	if err != nil {
		return Zone{}, err
	}
	z := Zone{Name: name, Loc: loc}
	if rest, ok := strings.CutPrefix(name, "Etc/GMT"); ok && len(rest) > 1 {
		// POSIX signs: Etc/GMT+5 is five hours behind UTC.
		flip := strings.NewReplacer("+", "-", "-", "+").Replace(rest)
		z.Note = fmt.Sprintf("%s is UTC%s: the Etc zones count the other way.", name, flip)
	}
	return z, nil
}

// Load is the location of a name Resolve returned (a stored setting),
// and false when it no longer resolves.
func Load(name string) (*time.Location, bool) {
	if name == "" || name == "UTC" {
		return time.UTC, true
	}
	z, err := Resolve(name)
	if err != nil {
		return nil, false
	}
	return z.Loc, true
}

var locs sync.Map // zone name -> *time.Location

// load is time.LoadLocation of a name from the database's list, cached:
// parsing a zone's data is not free, and prefs are read on every message.
func load(name string) (*time.Location, error) {
	if l, ok := locs.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("zone %s: %w", name, err)
	}
	locs.Store(name, l)
	return l, nil
}

// utcNames are the names of UTC itself, lower case.
var utcNames = map[string]bool{
	"utc": true, "gmt": true, "z": true, "zulu": true, "ut": true, "uct": true, "universal": true, "greenwich": true,
	"gmt0": true, "gmt+0": true, "gmt-0": true, "utc0": true, "utc+0": true, "utc-0": true,
	"+0": true, "-0": true, "+00:00": true, "-00:00": true, "+0000": true, "utc+00:00": true, "gmt+00:00": true,
	"etc/utc": true, "etc/gmt": true, "etc/uct": true, "etc/universal": true, "etc/zulu": true, "etc/greenwich": true,
	"etc/gmt0": true, "etc/gmt+0": true, "etc/gmt-0": true,
}

// abbreviation is the zone a time zone abbreviation stands for.
type abbreviation struct {
	zone string // a representative IANA zone
	what string // what the abbreviation names
	also string // what else it may mean, for an ambiguous one
}

// abbreviations are the common ones, lower case, each read as one
// representative zone that keeps the region's summer time: a lifter who
// says EST in January means New York's clock in July too. Where an
// abbreviation names several regions, the most common reading wins and
// the note names the others.
var abbreviations = map[string]abbreviation{
	"cet":  {"Europe/Berlin", "central European time, with summer time", ""},
	"cest": {"Europe/Berlin", "central European time, with summer time", ""},
	"met":  {"Europe/Berlin", "central European time, with summer time", ""},
	"mest": {"Europe/Berlin", "central European time, with summer time", ""},
	"wet":  {"Europe/Lisbon", "western European time, with summer time", ""},
	"west": {"Europe/Lisbon", "western European time, with summer time", ""},
	"eet":  {"Europe/Athens", "eastern European time, with summer time", ""},
	"eest": {"Europe/Athens", "eastern European time, with summer time", ""},
	"msk":  {"Europe/Moscow", "Moscow time", ""},
	"bst":  {"Europe/London", "British time, with summer time", "BST also stands for Bangladesh time: for that, use Asia/Dhaka."},
	"ist":  {"Asia/Kolkata", "India Standard Time", "IST also stands for Irish and Israel time: for those, use Europe/Dublin or Asia/Jerusalem."},
	"idt":  {"Asia/Jerusalem", "Israel time, with summer time", ""},
	"pkt":  {"Asia/Karachi", "Pakistan time", ""},
	"gst":  {"Asia/Dubai", "Gulf Standard Time", ""},
	"ict":  {"Asia/Bangkok", "Indochina time", ""},
	"wib":  {"Asia/Jakarta", "western Indonesia time", ""},
	"sgt":  {"Asia/Singapore", "Singapore time", ""},
	"hkt":  {"Asia/Hong_Kong", "Hong Kong time", ""},
	"pht":  {"Asia/Manila", "Philippine time", ""},
	"jst":  {"Asia/Tokyo", "Japan time", ""},
	"kst":  {"Asia/Seoul", "Korea time", ""},
	"est":  {"America/New_York", "US Eastern time, with daylight saving", ""},
	"edt":  {"America/New_York", "US Eastern time, with daylight saving", ""},
	"cst":  {"America/Chicago", "US Central time, with daylight saving", "CST also stands for China Standard Time: for that, use Asia/Shanghai."},
	"cdt":  {"America/Chicago", "US Central time, with daylight saving", ""},
	"mst":  {"America/Denver", "US Mountain time, with daylight saving", "Arizona keeps MST all year: for that, use America/Phoenix."},
	"mdt":  {"America/Denver", "US Mountain time, with daylight saving", ""},
	"pst":  {"America/Los_Angeles", "US Pacific time, with daylight saving", ""},
	"pdt":  {"America/Los_Angeles", "US Pacific time, with daylight saving", ""},
	"akst": {"America/Anchorage", "Alaska time, with daylight saving", ""},
	"akdt": {"America/Anchorage", "Alaska time, with daylight saving", ""},
	"hst":  {"Pacific/Honolulu", "Hawaii time", ""},
	"ast":  {"America/Halifax", "Atlantic time, with daylight saving", "AST also stands for Arabia Standard Time: for that, use Asia/Riyadh."},
	"adt":  {"America/Halifax", "Atlantic time, with daylight saving", ""},
	"nst":  {"America/St_Johns", "Newfoundland time, with daylight saving", ""},
	"ndt":  {"America/St_Johns", "Newfoundland time, with daylight saving", ""},
	"brt":  {"America/Sao_Paulo", "Brasília time", ""},
	"art":  {"America/Argentina/Buenos_Aires", "Argentina time", ""},
	"aest": {"Australia/Sydney", "Australian Eastern time, with summer time", "Queensland keeps AEST all year: for that, use Australia/Brisbane."},
	"aedt": {"Australia/Sydney", "Australian Eastern time, with summer time", ""},
	"acst": {"Australia/Adelaide", "Australian Central time, with summer time", "The Northern Territory keeps ACST all year: for that, use Australia/Darwin."},
	"acdt": {"Australia/Adelaide", "Australian Central time, with summer time", ""},
	"awst": {"Australia/Perth", "Australian Western time", ""},
	"nzst": {"Pacific/Auckland", "New Zealand time, with summer time", ""},
	"nzdt": {"Pacific/Auckland", "New Zealand time, with summer time", ""},
	"sast": {"Africa/Johannesburg", "South African time", ""},
	"cat":  {"Africa/Maputo", "Central Africa time", ""},
	"eat":  {"Africa/Nairobi", "East Africa time", ""},
	"wat":  {"Africa/Lagos", "West Africa time", ""},
}

// Offsets from UTC that exist on Earth.
const (
	minOffset = -12 * 3600
	maxOffset = 14 * 3600
)

// offset reads an offset from UTC, low in lower case: "+2", "-05",
// "+02:00", "+0530", "utc+2", "gmt-5", "utc +5:30". ok is false when low
// is not shaped as one; err is set when it is, but out of range.
func offset(low string) (Zone, bool, error) {
	s := strings.ReplaceAll(low, " ", "")
	s = strings.ReplaceAll(s, "−", "-") // the minus sign
	for _, p := range []string{"utc", "gmt", "ut"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	if len(s) < 2 || s[0] != '+' && s[0] != '-' {
		return Zone{}, false, nil
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	h, m, ok := hoursMinutes(s[1:])
	if !ok {
		return Zone{}, false, nil
	}
	secs := sign * (h*3600 + m*60)
	if m >= 60 || secs < minOffset || secs > maxOffset {
		return Zone{}, true, &Error{Reason: "offsets from UTC run from -12:00 to +14:00, in hours and minutes (UTC+5:30).", Example: "UTC+2"}
	}
	if secs == 0 {
		return Zone{Name: "UTC", Loc: time.UTC}, true, nil
	}
	name := "UTC" + formatOffset(secs)
	return Zone{Name: name, Loc: time.FixedZone(name, secs),
		Note: name + " is a fixed offset: it does not change for summer time. A city (Berlin, New York) does."}, true, nil
}

// hoursMinutes reads "5", "05", "5:30", "0530", "530".
func hoursMinutes(s string) (h, m int, ok bool) {
	hs, ms, colon := strings.Cut(s, ":")
	if !colon {
		switch len(s) {
		case 1, 2:
			hs, ms = s, "0"
		case 3, 4:
			hs, ms = s[:len(s)-2], s[len(s)-2:]
		default:
			return 0, 0, false
		}
	}
	if len(hs) == 0 || len(hs) > 2 || len(ms) == 0 || len(ms) > 2 {
		return 0, 0, false
	}
	for _, c := range hs + ms {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
	}
	h, _ = strconv.Atoi(hs)
	m, _ = strconv.Atoi(ms)
	return h, m, true
}

// formatOffset writes seconds east of UTC as "+05:30", "-05:00".
func formatOffset(secs int) string {
	sign := '+'
	if secs < 0 {
		sign, secs = '-', -secs
	}
	return fmt.Sprintf("%c%02d:%02d", sign, secs/3600, secs/60%60)
}

// zoneIndex finds the database's names: byLower by the name in lower
// case, byPath by its key (key of the whole name), byCity by the key of
// its last part, for every current name ("Europe/Berlin" is "berlin").
type zoneIndex struct {
	byLower, byPath, byCity map[string]string
	cities                  []string // byCity's keys, sorted
}

var index = sync.OnceValue(func() *zoneIndex {
	x := &zoneIndex{byLower: map[string]string{}, byPath: map[string]string{}, byCity: map[string]string{}}
	for _, n := range names {
		if n == "Factory" { // "-00": a zone for machines not yet set up
			continue
		}
		x.byLower[strings.ToLower(n)] = n
		x.byPath[key(n)] = n
		// Cities come from current names only: the older aliases' last
		// parts are regions ("US/Eastern", "Canada/Eastern") that would
		// pick one country's zone for a word several share.
		i := strings.LastIndexByte(n, '/')
		if i < 0 || notCities[n[i+1:]] || !slices.ContainsFunc(regions, func(p string) bool { return strings.HasPrefix(n, p) }) {
			continue
		}
		k := key(n[i+1:])
		if old, ok := x.byCity[k]; !ok || better(n, old) {
			x.byCity[k] = n
		}
	}
	for k := range x.byCity {
		x.cities = append(x.cities, k)
	}
	slices.Sort(x.cities)
	return x
})

// notCities are last parts of older aliases under a region that name a
// state or a direction, not a city ("Australia/West", "Australia/NSW").
var notCities = map[string]bool{
	"North": true, "South": true, "East": true, "West": true, "Central": true,
	"ACT": true, "NSW": true, "LHI": true,
}

// regions are the first parts of the database's current names; names
// under other prefixes ("US/Eastern", "Brazil/East") are older aliases.
var regions = []string{"Africa/", "America/", "Antarctica/", "Arctic/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/"}

// better reports whether zone name a is the one to take for a city over
// b: the longer path (America/Argentina/Buenos_Aires is current,
// America/Buenos_Aires an alias of it), then the first in order.
func better(a, b string) bool {
	if da, db := strings.Count(a, "/"), strings.Count(b, "/"); da != db {
		return da > db
	}
	return a < b
}

// key is a name as the index compares it: lower case, accents folded,
// apostrophes dropped, "/" kept, any other run of non-letters and
// non-digits (underscores, hyphens, dots, spaces) one space.
func key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		if f, ok := folds[r]; ok {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(f)
			continue
		}
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '/' || r >= 0x80 && unicode.IsLetter(r):
			if space && b.Len() > 0 && r != '/' && !strings.HasSuffix(b.String(), "/") {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// folds are the accented letters of city names as typed, without accents.
var folds = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i", 'ł': "l", 'ľ': "l",
	'ñ': "n", 'ń': "n", 'ň': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'œ': "oe", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'ț': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ý': "y", 'ÿ': "y",
	'ź': "z", 'ż': "z", 'ž': "z", 'þ': "th", 'ð': "d",
}

// suggest is up to n zone names whose city or name is near k: those it
// begins, then those within a few typing mistakes, nearest first.
func suggest(k string, n int) []string {
	if k == "" {
		return nil
	}
	type cand struct {
		name string
		rank int
	}
	var cs []cand
	seen := map[string]bool{}
	add := func(name string, rank int) {
		if !seen[name] {
			seen[name] = true
			cs = append(cs, cand{name, rank})
		}
	}
	last := k
	if i := strings.LastIndexByte(k, '/'); i >= 0 {
		last = k[i+1:]
	}
	x := index()
	limit := max(1, len(last)/3)
	for _, c := range x.cities {
		switch d := distance(last, c); {
		case len(last) >= 3 && strings.HasPrefix(c, last):
			add(x.byCity[c], 0)
		case d <= limit:
			add(x.byCity[c], d)
		}
	}
	for a, z := range abbreviations {
		if d := distance(last, a); d <= 1 && len(last) >= 3 {
			add(z.zone, d+1)
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(a.name, b.name))
	})
	out := make([]string, 0, n)
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.name)
	}
	return out
}

// distance is the edit distance between a and b, in bytes (keys are
// mostly ASCII).
func distance(a, b string) int {
	if a == b {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
