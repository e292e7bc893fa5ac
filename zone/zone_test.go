package zone

import (
	"archive/zip"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// January and July in 2025: a zone with summer time shows both offsets.
var (
	jan = time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)
	jul = time.Date(2025, 7, 15, 12, 0, 0, 0, time.UTC)
)

func offsetAt(loc *time.Location, t time.Time) int {
	_, off := t.In(loc).Zone()
	return off / 60
}

func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		in, name string
		jan, jul int    // the zone's offsets from UTC in minutes, January and July
		note     string // a part of the note; "" for none
	}{
		// UTC and its names.
		{"UTC", "UTC", 0, 0, ""},
		{"utc", "UTC", 0, 0, ""},
		{"Utc", "UTC", 0, 0, ""},
		{"GMT", "UTC", 0, 0, "Europe/London"},
		{"gmt", "UTC", 0, 0, "Europe/London"},
		{"Etc/UTC", "UTC", 0, 0, ""},
		{"etc/utc", "UTC", 0, 0, ""},
		{"Etc/GMT", "UTC", 0, 0, "Europe/London"},
		{"Z", "UTC", 0, 0, ""},
		{"Zulu", "UTC", 0, 0, ""},
		{"+00:00", "UTC", 0, 0, ""},
		{"UTC+0", "UTC", 0, 0, ""},
		// Etc zones, their signs inverted.
		{"Etc/GMT+5", "Etc/GMT+5", -300, -300, "is UTC-5"},
		{"etc/gmt-3", "Etc/GMT-3", 180, 180, "is UTC+3"},
		{"ETC/GMT+12", "Etc/GMT+12", -720, -720, "is UTC-12"},
		// IANA names in any case.
		{"Europe/Berlin", "Europe/Berlin", 60, 120, ""},
		{"europe/berlin", "Europe/Berlin", 60, 120, ""},
		{"EUROPE/BERLIN", "Europe/Berlin", 60, 120, ""},
		{"america/new_york", "America/New_York", -300, -240, ""},
		{"America/New York", "America/New_York", -300, -240, ""},
		{"america/argentina/buenos_aires", "America/Argentina/Buenos_Aires", -180, -180, ""},
		{"US/Eastern", "US/Eastern", -300, -240, ""},
		{"Asia/Kolkata", "Asia/Kolkata", 330, 330, ""},
		{"  Asia/Tokyo ", "Asia/Tokyo", 540, 540, ""},
		// Abbreviations, each a representative zone, named in the note.
		{"CET", "Europe/Berlin", 60, 120, "CET read as Europe/Berlin"},
		{"cest", "Europe/Berlin", 60, 120, "CEST read as Europe/Berlin"},
		{"WET", "Europe/Lisbon", 0, 60, "Europe/Lisbon"},
		{"EET", "Europe/Athens", 120, 180, "Europe/Athens"},
		{"MSK", "Europe/Moscow", 180, 180, "Europe/Moscow"},
		{"EST", "America/New_York", -300, -240, "EST read as America/New_York"},
		{"edt", "America/New_York", -300, -240, "America/New_York"},
		{"CST", "America/Chicago", -360, -300, "China Standard Time: for that, use Asia/Shanghai"},
		{"MST", "America/Denver", -420, -360, "America/Phoenix"},
		{"PST", "America/Los_Angeles", -480, -420, "America/Los_Angeles"},
		{"PDT", "America/Los_Angeles", -480, -420, "America/Los_Angeles"},
		{"BST", "Europe/London", 0, 60, "Asia/Dhaka"},
		{"IST", "Asia/Kolkata", 330, 330, "Europe/Dublin or Asia/Jerusalem"},
		{"JST", "Asia/Tokyo", 540, 540, "Asia/Tokyo"},
		{"AEST", "Australia/Sydney", 660, 600, "Australia/Brisbane"},
		{"HST", "Pacific/Honolulu", -600, -600, "Pacific/Honolulu"},
		// Offsets, as fixed zones.
		{"+02:00", "UTC+02:00", 120, 120, "fixed offset"},
		{"+2", "UTC+02:00", 120, 120, "fixed offset"},
		{"UTC+2", "UTC+02:00", 120, 120, "fixed offset"},
		{"utc+02", "UTC+02:00", 120, 120, "fixed offset"},
		{"UTC +2", "UTC+02:00", 120, 120, "fixed offset"},
		{"GMT-5", "UTC-05:00", -300, -300, "fixed offset"},
		{"gmt−5", "UTC-05:00", -300, -300, "fixed offset"},
		{"-05:00", "UTC-05:00", -300, -300, "fixed offset"},
		{"+0530", "UTC+05:30", 330, 330, "fixed offset"},
		{"+530", "UTC+05:30", 330, 330, "fixed offset"},
		{"UTC+5:30", "UTC+05:30", 330, 330, "fixed offset"},
		{"utc+05:45", "UTC+05:45", 345, 345, "fixed offset"},
		{"UTC+14", "UTC+14:00", 840, 840, "fixed offset"},
		{"UTC-12", "UTC-12:00", -720, -720, "fixed offset"},
		{"UTC+05:30", "UTC+05:30", 330, 330, "fixed offset"}, // as stored
		// Cities, the last part of a zone name.
		{"Berlin", "Europe/Berlin", 60, 120, ""},
		{"berlin", "Europe/Berlin", 60, 120, ""},
		{"BERLIN", "Europe/Berlin", 60, 120, ""},
		{"New York", "America/New_York", -300, -240, ""},
		{"new york", "America/New_York", -300, -240, ""},
		{"new_york", "America/New_York", -300, -240, ""},
		{"New-York", "America/New_York", -300, -240, ""},
		{"sao paulo", "America/Sao_Paulo", -180, -180, ""},
		{"São Paulo", "America/Sao_Paulo", -180, -180, ""},
		{"SÃO PAULO", "America/Sao_Paulo", -180, -180, ""},
		{"Ho Chi Minh", "Asia/Ho_Chi_Minh", 420, 420, ""},
		{"ho_chi_minh", "Asia/Ho_Chi_Minh", 420, 420, ""},
		{"Zürich", "Europe/Zurich", 60, 120, ""},
		{"st. john's", "America/St_Johns", -210, -150, ""},
		{"Port au Prince", "America/Port-au-Prince", -300, -240, ""},
		{"Buenos Aires", "America/Argentina/Buenos_Aires", -180, -180, ""},
		{"Indianapolis", "America/Indiana/Indianapolis", -300, -240, ""},
		{"Kolkata", "Asia/Kolkata", 330, 330, ""},
		{"Berlin, Germany", "Europe/Berlin", 60, 120, ""},
	} {
		z, err := Resolve(tc.in)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.in, err)
			continue
		}
		if z.Name != tc.name {
			t.Errorf("Resolve(%q) = %q, want %q", tc.in, z.Name, tc.name)
		}
		if got := [2]int{offsetAt(z.Loc, jan), offsetAt(z.Loc, jul)}; got != [2]int{tc.jan, tc.jul} {
			t.Errorf("Resolve(%q): offsets %v, want %v", tc.in, got, [2]int{tc.jan, tc.jul})
		}
		switch {
		case tc.note == "" && z.Note != "":
			t.Errorf("Resolve(%q): note %q, want none", tc.in, z.Note)
		case !strings.Contains(z.Note, tc.note):
			t.Errorf("Resolve(%q): note %q, want it to say %q", tc.in, z.Note, tc.note)
		}
		// What is stored reads back as the same zone.
		loc, ok := Load(z.Name)
		if !ok || offsetAt(loc, jan) != tc.jan || offsetAt(loc, jul) != tc.jul {
			t.Errorf("Load(%q) = %v, %v: not the zone Resolve(%q) gave", z.Name, loc, ok, tc.in)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	for _, tc := range []struct {
		in      string
		suggest []string // the first suggestions, in order; nil for none
		reason  string   // a part of the reason; "" for an unknown name
	}{
		{"berln", []string{"Europe/Berlin"}, ""},
		{"Berlni", []string{"Europe/Berlin"}, ""},
		{"new yrok", []string{"America/New_York"}, ""},
		{"new", []string{"America/New_York", "America/North_Dakota/New_Salem"}, ""},
		{"Europe/Berln", []string{"Europe/Berlin"}, ""},
		{"tokio", []string{"Asia/Tokyo"}, ""},
		{"cets", []string{"Europe/Berlin"}, ""},
		{"Mars/Olympus", nil, ""},
		{"../../etc/passwd", nil, ""},
		{"/etc/localtime", nil, ""},
		{"Local", nil, ""},
		{"Factory", nil, ""},
		{"", nil, "needs a name"},
		{"UTC+15", nil, "-12:00 to +14:00"},
		{"UTC-13", nil, "-12:00 to +14:00"},
		{"+25", nil, "-12:00 to +14:00"},
		{"+05:75", nil, "-12:00 to +14:00"},
		{strings.Repeat("berlin ", 50), nil, "too long"},
	} {
		z, err := Resolve(tc.in)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("Resolve(%q) = %+v, %v; want an *Error", tc.in, z, err)
			continue
		}
		if len(e.Suggest) < len(tc.suggest) || !slices.Equal(e.Suggest[:len(tc.suggest)], tc.suggest) {
			t.Errorf("Resolve(%q) suggests %q, want %q first", tc.in, e.Suggest, tc.suggest)
		}
		if tc.suggest == nil && len(e.Suggest) > 0 {
			t.Errorf("Resolve(%q) suggests %q, want nothing", tc.in, e.Suggest)
		}
		if !strings.Contains(e.Reason, tc.reason) || tc.reason == "" && e.Reason != "" {
			t.Errorf("Resolve(%q): reason %q, want %q", tc.in, e.Reason, tc.reason)
		}
		if _, err := Resolve(e.Example); err != nil {
			t.Errorf("Resolve(%q): the example %q does not resolve: %v", tc.in, e.Example, err)
		}
		for _, s := range e.Suggest {
			if _, err := Resolve(s); err != nil {
				t.Errorf("Resolve(%q) suggests %q, which does not resolve: %v", tc.in, s, err)
			}
		}
	}
}

// Every zone Go knows resolves by its name in any case, and every city
// by its name with spaces.
func TestEveryNameResolves(t *testing.T) {
	for _, n := range names {
		if n == "Factory" {
			continue
		}
		for _, in := range []string{n, strings.ToLower(n), strings.ToUpper(n)} {
			z, err := Resolve(in)
			if err != nil {
				t.Errorf("Resolve(%q): %v", in, err)
				continue
			}
			if _, ok := Load(z.Name); !ok {
				t.Errorf("Load(%q) of Resolve(%q) fails", z.Name, in)
			}
		}
	}
	for k, n := range index().byCity {
		if z, err := Resolve(k); err != nil || z.Name != n {
			t.Errorf("Resolve(%q) = %q, %v; want %q", k, z.Name, err, n)
		}
	}
}

func TestAbbreviationsResolve(t *testing.T) {
	for a, z := range abbreviations {
		if _, err := time.LoadLocation(z.zone); err != nil {
			t.Errorf("%s: %v", a, err)
		}
		if !slices.Contains(names[:], z.zone) {
			t.Errorf("%s: %s is not in the list of names", a, z.zone)
		}
	}
}

// The list of names is Go's: run go generate in this directory when this
// fails after a Go upgrade.
func TestNamesMatchGo(t *testing.T) {
	r, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("Go's zoneinfo.zip: %v", err)
	}
	defer r.Close()
	var got []string
	for _, f := range r.File {
		if !f.FileInfo().IsDir() {
			got = append(got, f.Name)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, names[:]) {
		t.Errorf("names.go lists %d zones, Go's zoneinfo.zip %d: run go generate ./zone", len(names), len(got))
	}
}

func TestLoad(t *testing.T) {
	if loc, ok := Load(""); !ok || loc != time.UTC {
		t.Errorf(`Load("") = %v, %v; want UTC`, loc, ok)
	}
	if _, ok := Load("Mars/Olympus"); ok {
		t.Error("Load of an unknown zone succeeded")
	}
	if _, ok := os.LookupEnv("ZONEINFO"); !ok {
		// Cached: the same *Location each time.
		a, _ := Load("Europe/Berlin")
		b, _ := Load("Europe/Berlin")
		if a != b {
			t.Error("Load does not reuse a zone it has read")
		}
	}
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"UTC", "Europe/Berlin", "new york", "São Paulo", "+05:30", "UTC+2", "Etc/GMT+5", "cet", "../x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		z, err := Resolve(s)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Resolve(%q): %T %v, want an *Error", s, err, err)
			}
			return
		}
		if z.Loc == nil || z.Name == "" {
			t.Fatalf("Resolve(%q) = %+v", s, z)
		}
		if _, ok := Load(z.Name); !ok {
			t.Fatalf("Load(%q) of Resolve(%q) fails", z.Name, s)
		}
	})
}
