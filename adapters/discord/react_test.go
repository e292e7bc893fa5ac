package discord

import (
	"testing"

	"github.com/spotter-coach/spotter/bot"
)

// TestReacts: only a plain answer to a typed message, with reactions on,
// is a reaction.
func TestReacts(t *testing.T) {
	on, _ := New(Config{Token: "t", Reactions: true}, nopHandler{}, nil)
	off, _ := New(Config{Token: "t"}, nopHandler{}, nil)
	typed := bot.Reply{ChatID: "1", Text: "Logged.", React: "✍", ReplyTo: "700000000000000001", InReplyTo: "m700000000000000001"}
	if !on.reacts(typed) || off.reacts(typed) {
		t.Fatalf("a typed log: on %v, off %v", on.reacts(typed), off.reacts(typed))
	}
	for name, change := range map[string]func(*bot.Reply){
		"no emoji":       func(r *bot.Reply) { r.React = "" },
		"no message":     func(r *bot.Reply) { r.ReplyTo = "" },
		"an interaction": func(r *bot.Reply) { r.Interaction, r.InReplyTo = true, "i1" },
		"a press":        func(r *bot.Reply) { r.InReplyTo = "i1" },
		"pings":          func(r *bot.Reply) { r.Pings = []bot.Ping{{Text: "GO"}} },
		"an image":       func(r *bot.Reply) { r.Image = &bot.File{} },
		"a file":         func(r *bot.Reply) { r.File = &bot.File{} },
		"buttons":        func(r *bot.Reply) { r.Buttons = [][]bot.Button{{{Label: "Undo", Data: "undo"}}} },
		"a replacement":  func(r *bot.Reply) { r.Replace = "import" },
	} {
		r := typed
		change(&r)
		if on.reacts(r) {
			t.Errorf("%s: a reaction", name)
		}
	}
}
