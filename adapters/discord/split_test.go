package discord

import (
	"strings"
	"testing"
)

func TestSplitContent(t *testing.T) {
	line := func(c string, n int) string { return strings.Repeat(c, n) }
	for _, tc := range []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"empty", "", 10, []string{""}},
		{"fits", "ab\ncd", 5, []string{"ab\ncd"}},
		{"on lines", "ab\ncd\nef", 5, []string{"ab\ncd", "ef"}},
		{"long line cut", line("a", 12), 5, []string{"aaaaa", "aaaaa", "aa"}},
		{"escape kept whole", "abcd\\*x", 5, []string{"abcd", "\\*x"}},
		{"blank pieces dropped", "aaaa\n\n\nbbbb", 4, []string{"aaaa", "bbbb"}},
		{"emoji counted as two", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"line then long", "ab\n" + line("c", 7), 5, []string{"ab", "ccccc", "cc"}},
	} {
		got := splitContent(tc.in, tc.max)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("%s: split(%q, %d) = %q, want %q", tc.name, tc.in, tc.max, got, tc.want)
		}
		for _, p := range got {
			if contentLen(p) > tc.max {
				t.Errorf("%s: piece %q longer than %d", tc.name, p, tc.max)
			}
		}
	}
	// A long reply at Discord's limit keeps every line.
	var b strings.Builder
	for i := range 300 {
		b.WriteString(strings.Repeat("x", i%40+1) + "\n")
	}
	parts := splitContent(b.String(), maxContent)
	if len(parts) < 2 {
		t.Fatalf("%d parts", len(parts))
	}
	if got := strings.Join(parts, "\n"); got != b.String() {
		t.Errorf("lines lost or changed")
	}
}

func FuzzSplitContent(f *testing.F) {
	f.Add("ab\ncd\\*\n😀", 3)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = 2 + (max%50+50)%50
		for _, p := range splitContent(s, max) {
			if contentLen(p) > max {
				t.Fatalf("piece %q longer than %d", p, max)
			}
		}
	})
}

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"Set: 100 kg × 8":         "Set: 100 kg × 8",
		"*bold* _it_ `code` ~s~":  `\*bold\* \_it\_ \` + "`" + `code\` + "`" + ` \~s\~`,
		"# head\n- item\n> quote": "\\# head\n\\- item\n\\> quote",
		"1. first\n 12. second":   "1\\. first\n 12\\. second",
		"100 kg. Next: -20%":      "100 kg. Next: -20%",
		"<@&123> <#45> a\\b":      `\<@&123> \<#45> a\\b`,
		"||spoiler|| [x](http:)":  `\|\|spoiler\|\| \[x\](http:)`,
	} {
		if got := escapeMarkdown(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}
