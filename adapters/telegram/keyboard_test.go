package telegram

import (
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spotter-coach/spotter/bot"
)

func TestBuildKeyboard(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	if buildKeyboard(nil, "501", log) != nil {
		t.Error("no buttons should give no keyboard")
	}
	long := strings.Repeat("é", 33) // 66 bytes, 33 characters
	kb := buildKeyboard([][]bot.Button{
		{{Label: "Done", Data: "done"}, {Label: "Too long", Data: long}, {Label: "", Data: "skip"}},
		{{Label: "x", Data: ""}},
	}, "501", log)
	if kb == nil || len(kb.InlineKeyboard) != 1 || len(kb.InlineKeyboard[0]) != 2 || kb.InlineKeyboard[0][1].Text != "skip" {
		t.Errorf("keyboard = %+v", kb)
	}
	var row []bot.Button
	for range 20 {
		row = append(row, bot.Button{Label: "n", Data: "done 1"})
	}
	kb = buildKeyboard([][]bot.Button{row}, "", log)
	if len(kb.InlineKeyboard) != 3 || len(kb.InlineKeyboard[0]) != maxRowButtons {
		t.Errorf("a row of 20 wraps into %d rows", len(kb.InlineKeyboard))
	}
}

func TestMenuCommands(t *testing.T) {
	specs := append(bot.Commands(),
		bot.CommandSpec{Name: "Bad-Name", Description: "x"},
		bot.CommandSpec{Name: "long", Description: strings.Repeat("d", 300)},
		bot.CommandSpec{Name: "drop", Description: "a duplicate"},
		bot.CommandSpec{Name: "nodesc"})
	cmds := menuCommands(specs)
	inMenu := map[string]bool{}
	for _, c := range cmds {
		inMenu[c.Command] = true
	}
	listed := 0
	for _, s := range bot.Commands() {
		if s.Listed(Platform) {
			listed++
		} else if inMenu[s.Name] {
			t.Errorf("/%s is in Telegram's menu", s.Name) // /preset is Discord's
		}
	}
	if len(cmds) != listed+2 {
		t.Errorf("%d commands, want %d", len(cmds), listed+2)
	}
	for _, c := range cmds {
		if !commandName(c.Command) || c.Command != strings.ToLower(c.Command) || c.Description == "" || utf8.RuneCountInString(c.Description) > maxDescription {
			t.Errorf("command %+v breaks Telegram's limits", c)
		}
	}
}

func FuzzCallbackData(f *testing.F) {
	for _, s := range []string{"", "done 8", "start", strings.Repeat("x", 64), strings.Repeat("x", 65), strings.Repeat("é", 32) + "x", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, d string) {
		got, ok := callbackData(d)
		if ok != (d != "" && len(d) <= maxCallbackData && utf8.ValidString(d)) {
			t.Fatalf("callbackData(%q) ok = %v", d, ok)
		}
		if ok && got != d || !ok && got != "" {
			t.Fatalf("callbackData(%q) = %q", d, got)
		}
		_, carried := encodeCallback("501", d)
		kb := buildKeyboard([][]bot.Button{{{Label: d, Data: d}}}, "501", slog.New(slog.DiscardHandler))
		if (kb != nil) != carried || carried && !ok {
			t.Fatalf("keyboard %v for ok %v", kb, ok)
		}
		if kb != nil {
			b := kb.InlineKeyboard[0][0]
			if len(b.CallbackData) > maxCallbackData || b.Text == "" || !utf8.ValidString(b.Text) {
				t.Fatalf("button %+v", b)
			}
		}
	})
}
