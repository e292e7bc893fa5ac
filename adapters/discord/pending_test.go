package discord

import (
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestPendingRoutesRepliesToInteractions(t *testing.T) {
	s := newPendingSet()
	t0 := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	k := pendingKey{"c", "u"}
	in := func(id string) *discordgo.Interaction { return &discordgo.Interaction{ID: id, Token: "t" + id} }
	add := func(id string, at time.Time) { s.add(k, &pending{id: "i" + id, in: in(id), at: at}) }
	if _, ok := s.route(k, t0); ok {
		t.Fatal("routed with nothing pending")
	}
	add("1", t0)
	s.add(k, &pending{id: "m2", kind: pendingChannel, at: t0})
	add("3", t0.Add(time.Second))
	if p, _ := s.route(k, t0); p.id != "i1" {
		t.Errorf("first reply to %s, want the oldest unanswered", p.id)
	}
	s.answered(k, "i1")
	if p, _ := s.route(k, t0); p.id != "m2" || p.kind != pendingChannel {
		t.Errorf("next reply to %s, want the typed command m2", p.id)
	}
	s.answered(k, "m2")
	if p, _ := s.route(k, t0); p.id != "i3" {
		t.Errorf("next reply to %s, want i3", p.id)
	}
	s.answered(k, "i3")
	if p, _ := s.route(k, t0); p.id != "i3" || !p.answered {
		t.Errorf("a further reply follows up %s (answered %v), want i3", p.id, p.answered)
	}
	if s.size() != 1 {
		t.Errorf("%d kept, want 1", s.size())
	}
	// Tokens live 15 minutes: a later reply still knows what it answers,
	// but not through the interaction.
	if p, ok := s.route(k, t0.Add(14*time.Minute+30*time.Second)); !ok || p.usable(t0.Add(14*time.Minute+30*time.Second)) || !p.usable(t0.Add(13*time.Minute)) {
		t.Error("a token about to expire is still used")
	}
	if _, ok := s.route(k, t0.Add(31*time.Minute)); ok {
		t.Error("kept past keepFor")
	}
	if (&pending{at: t0}).usable(t0) {
		t.Error("a typed command has no token to use")
	}
	add("4", t0)
	s.forget(k, "i4")
	if s.size() != 0 {
		t.Errorf("%d kept after forget", s.size())
	}
	for i := range 20 {
		add(string(rune('a'+i)), t0)
	}
	if s.size() != maxPendingPerKey {
		t.Errorf("%d kept, want at most %d", s.size(), maxPendingPerKey)
	}
}
