package discord

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCustomID(t *testing.T) {
	const ana = "300000000000000001"
	for _, tc := range []struct {
		owner, session, data, want string
		ok                         bool
	}{
		{ana, "", "start", "sp2:" + ana + "::start", true},
		{ana, "lx3k2j9-1f", "done 8", "sp2:" + ana + ":lx3k2j9-1f:done 8", true},
		{"", "lx3k2j9-1f", "done 8", "sp2::lx3k2j9-1f:done 8", true}, // a shared message: anyone
		{ana, "a:b", "stop", "sp2:" + ana + "::stop", true},          // a session with ':' is left out
		{ana, strings.Repeat("s", 70), "done 10", "sp2:" + ana + "::done 10", true},
		{ana, strings.Repeat("s", 69), "done 10", "sp2:" + ana + ":" + strings.Repeat("s", 69) + ":done 10", true},
		{ana, "x", "", "", false},
		{ana, "", "a:b", "sp2:" + ana + "::a:b", true},
		{"18446744073709551615", "", strings.Repeat("d", 74), "sp2:18446744073709551615::" + strings.Repeat("d", 74), true},
		{"18446744073709551615", "", strings.Repeat("d", 75), "", false},
		{"", "", strings.Repeat("d", 94), "sp2:::" + strings.Repeat("d", 94), true},
		{"", "", strings.Repeat("d", 95), "", false},
		{ana, "", "bad\xff", "", false},
		{"ana", "", "start", "", false}, // not a user id
		{"123456789012345678901", "", "start", "", false},
	} {
		got, ok := encodeCustomID(tc.owner, tc.session, tc.data)
		if got != tc.want || ok != tc.ok {
			t.Errorf("encode(%q, %q, %q) = %q, %v; want %q, %v", tc.owner, tc.session, tc.data, got, ok, tc.want, tc.ok)
		}
		if !ok {
			continue
		}
		if len(got) > maxCustomID {
			t.Errorf("encode(%q, %q) is %d long", tc.session, tc.data, len(got))
		}
		o, s, d, ok := decodeCustomID(got)
		if !ok || o != tc.owner || d != tc.data || (tc.want == "sp2:"+tc.owner+":"+tc.session+":"+tc.data && s != tc.session) {
			t.Errorf("decode(%q) = %q, %q, %q, %v", got, o, s, d, ok)
		}
	}
	for _, id := range []string{"", "sp2:", "sp2:x", "sp2:1:x", "sp2:1:x:", "sp2:ana::done", "other:done", "SP2:1::done",
		"sp2:1::" + strings.Repeat("d", 94), "sp2:\xff::x",
		// An older Spotter's buttons say nobody's: never decoded as anyone's.
		"sp::start", "sp:lx3k2j9-1f:done 8", "sp::forget me confirm"} {
		if o, s, d, ok := decodeCustomID(id); ok {
			t.Errorf("decode(%q) = %q, %q, %q, true; want false", id, o, s, d)
		}
	}
	for id, old := range map[string]bool{"sp::start": true, "sp:lx3k2j9-1f:done 8": true, "sp2:1::start": false, "other:x": false, "": false} {
		if oldCustomID(id) != old {
			t.Errorf("oldCustomID(%q) = %v", id, !old)
		}
	}
}

func FuzzCustomID(f *testing.F) {
	for _, s := range [][3]string{{"1", "", "start"}, {"", "lx3k2j9-1f", "done 8"}, {"1", "a:b", "x:y"}, {"", "", ""}, {"2", "é", "ü 5"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, owner, session, data string) {
		if o, s, d, ok := decodeCustomID(owner + session + data); ok {
			if len(owner+session+data) > maxCustomID || d == "" || strings.Contains(s, ":") || o != "" && !snowflake.MatchString(o) {
				t.Fatalf("decode(%q) accepted %q, %q, %q", owner+session+data, o, s, d)
			}
		}
		id, ok := encodeCustomID(owner, session, data)
		if !ok {
			return
		}
		if len(id) > maxCustomID || !utf8.ValidString(id) {
			t.Fatalf("encode(%q, %q, %q) = %q", owner, session, data, id)
		}
		o, s, d, ok := decodeCustomID(id)
		if !ok || o != owner || d != data || (s != session && s != "") {
			t.Fatalf("round trip of (%q, %q, %q) via %q gave (%q, %q, %q, %v)", owner, session, data, id, o, s, d, ok)
		}
	})
}
