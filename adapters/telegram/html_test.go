package telegram

import (
	"html"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spotter-coach/spotter/bot"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"drop 80kg <b>bench&": "drop 80kg &lt;b&gt;bench&amp;",
		`say "hi" & 'bye'`:    "say &#34;hi&#34; &amp; &#39;bye&#39;",
		"bad \xff utf8":       "bad \uFFFD utf8",
		"<a href=\"x\">y</a>": "&lt;a href=&#34;x&#34;&gt;y&lt;/a&gt;",
	} {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
		if got, want := escapedSize(in), utf16Len(escape(in)); got != want {
			t.Errorf("escapedSize(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestSplitText(t *testing.T) {
	cases := []struct {
		text  string
		limit int
		want  []string
	}{
		{"", 10, nil},
		{"short", 10, []string{"short"}},
		{"one\ntwo\nthree", 7, []string{"one\ntwo", "three"}},
		{"one\ntwo\nthree", 3, []string{"one", "two", "thr", "ee"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"a&b", 5, []string{"a", "&", "b"}},           // & is 5 once escaped
		{"x\n\ny", 10, []string{"x\n\ny"}},            // blank lines kept inside
		{"😀😀😀", 4, []string{"😀😀", "😀"}},               // 2 UTF-16 units each
		{"aaaa\n\nbbbb", 4, []string{"aaaa", "bbbb"}}, // a blank line at a cut goes
	}
	for _, tc := range cases {
		got := splitText(tc.text, tc.limit)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("splitText(%q, %d) = %q, want %q", tc.text, tc.limit, got, tc.want)
		}
	}
}

func TestTextMessagesStayBelowTheLimit(t *testing.T) {
	line := strings.Repeat("<&> ", 300) // 1200 runes, 4800 escaped
	text := strings.Repeat(line+"\n", 5) + strings.Repeat("z", 9000)
	msgs := textMessages(text)
	var back []string
	for _, m := range msgs {
		if n := utf16Len(m); n > textLimit || n >= 4096 {
			t.Errorf("a message of %d", n)
		}
		back = append(back, html.UnescapeString(m))
	}
	if strings.ReplaceAll(strings.Join(back, ""), "\n", "") != strings.ReplaceAll(text, "\n", "") {
		t.Error("text lost in splitting")
	}
	if textMessages(" \n \n") != nil {
		t.Error("white space alone should give no message")
	}
}

func TestMention(t *testing.T) {
	for _, tc := range []struct {
		u    bot.User
		want string
	}{
		{bot.User{ID: "501", Name: "Ana"}, `<a href="tg://user?id=501">Ana</a>`},
		{bot.User{ID: "501", Name: `<i>"Ana"</i>`}, `<a href="tg://user?id=501">&lt;i&gt;&#34;Ana&#34;&lt;/i&gt;</a>`},
		{bot.User{ID: "ana", Name: "Ana & Bo"}, `Ana &amp; Bo`},
		{bot.User{ID: "7"}, `<a href="tg://user?id=7">lifter</a>`},
	} {
		if got := mention(tc.u); got != tc.want {
			t.Errorf("mention(%+v) = %q, want %q", tc.u, got, tc.want)
		}
	}
	long := mention(bot.User{ID: "1", Name: strings.Repeat("é", 100)})
	if n := utf8.RuneCountInString(long); n > 100 {
		t.Errorf("a long name stays long: %d runes", n)
	}
}

func TestPingMessagesPack(t *testing.T) {
	var pings []bot.Ping
	for range 200 {
		pings = append(pings, bot.Ping{To: bot.User{ID: "501", Name: "Ana"}, Text: strings.Repeat("GO ", 100)})
	}
	msgs := pingMessages(pings)
	lines := 0
	for _, m := range msgs {
		if utf16Len(m) > textLimit {
			t.Errorf("a ping message of %d", utf16Len(m))
		}
		lines += strings.Count(m, "\n") + 1
	}
	if len(msgs) < 2 || lines != len(pings) {
		t.Errorf("%d messages with %d lines for %d pings", len(msgs), lines, len(pings))
	}
}

func FuzzSplitText(f *testing.F) {
	for _, s := range []string{"", "a\nb", "drop 80kg <b>bench&", strings.Repeat("x", 5000), "😀\n\n&&&", "\xff\xfe\n"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 8 || limit > 10000 {
			limit = 8 + (limit%100+100)%100
		}
		pieces := splitText(text, limit)
		for _, p := range pieces {
			if p == "" || escapedSize(p) > limit || !utf8.ValidString(p) {
				t.Fatalf("piece %q (size %d) for limit %d", p, escapedSize(p), limit)
			}
		}
		want := strings.ReplaceAll(strings.ToValidUTF8(text, "\uFFFD"), "\n", "")
		if got := strings.ReplaceAll(strings.Join(pieces, ""), "\n", ""); got != want {
			t.Fatalf("pieces %q do not make up %q", pieces, text)
		}
		for _, m := range textMessages(text) {
			if utf16Len(m) > textLimit {
				t.Fatalf("message of %d", utf16Len(m))
			}
		}
	})
}
