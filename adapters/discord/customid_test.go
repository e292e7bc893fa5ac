package discord

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCustomID(t *testing.T) {
	for _, tc := range []struct {
		session, data, want string
		ok                  bool
	}{
		{"", "start", "sp::start", true},
		{"lx3k2j9-1f", "done 8", "sp:lx3k2j9-1f:done 8", true},
		{"a:b", "stop", "sp::stop", true}, // a session with ':' is left out
		{strings.Repeat("s", 90), "done 10", "sp::done 10", true},
		{"x", "", "", false},
		{"", strings.Repeat("d", 97), "", false},
		{"", strings.Repeat("d", 96), "sp::" + strings.Repeat("d", 96), true},
		{"", "bad\xff", "", false},
	} {
		got, ok := encodeCustomID(tc.session, tc.data)
		if got != tc.want || ok != tc.ok {
			t.Errorf("encode(%q, %q) = %q, %v; want %q, %v", tc.session, tc.data, got, ok, tc.want, tc.ok)
		}
		if !ok {
			continue
		}
		if len(got) > maxCustomID {
			t.Errorf("encode(%q, %q) is %d long", tc.session, tc.data, len(got))
		}
		s, d, ok := decodeCustomID(got)
		if !ok || d != tc.data || (tc.want == "sp:"+tc.session+":"+tc.data && s != tc.session) {
			t.Errorf("decode(%q) = %q, %q, %v", got, s, d, ok)
		}
	}
	for _, id := range []string{"", "sp:", "sp:x", "sp:x:", "other:done", "SP::done", "sp::" + strings.Repeat("d", 98)} {
		if s, d, ok := decodeCustomID(id); ok {
			t.Errorf("decode(%q) = %q, %q, true; want false", id, s, d)
		}
	}
}

func FuzzCustomID(f *testing.F) {
	for _, s := range [][2]string{{"", "start"}, {"lx3k2j9-1f", "done 8"}, {"a:b", "x:y"}, {"", ""}, {"é", "ü 5"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, session, data string) {
		if s, d, ok := decodeCustomID(session + data); ok {
			if len(session+data) > maxCustomID || d == "" || strings.Contains(s, ":") {
				t.Fatalf("decode(%q) accepted %q, %q", session+data, s, d)
			}
		}
		id, ok := encodeCustomID(session, data)
		if !ok {
			return
		}
		if len(id) > maxCustomID || !utf8.ValidString(id) {
			t.Fatalf("encode(%q, %q) = %q", session, data, id)
		}
		s, d, ok := decodeCustomID(id)
		if !ok || d != data || (s != session && s != "") {
			t.Fatalf("round trip of (%q, %q) via %q gave (%q, %q, %v)", session, data, id, s, d, ok)
		}
	})
}
