package discord

import (
	"fmt"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestPendingRoutesRepliesByMessageID(t *testing.T) {
	s := newPendingSet()
	t0 := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	add := func(id string, at time.Time) {
		s.add(&pending{id: "i" + id, in: &discordgo.Interaction{ID: id, Token: "t" + id}, at: at})
	}
	if _, ok := s.route("i1", t0); ok {
		t.Fatal("routed with nothing pending")
	}
	add("1", t0)
	add("2", t0)
	add("3", t0.Add(time.Second))
	// Replies find their own interaction, in any order.
	for _, id := range []string{"i3", "i1", "i2", "i3"} {
		if p, ok := s.route(id, t0.Add(2*time.Second)); !ok || p.id != id || p.in.Token != "t"+id[1:] {
			t.Errorf("route(%s) = %s, %v", id, p.id, ok)
		}
	}
	if _, ok := s.route("m7", t0); ok {
		t.Error("a typed command was routed to an interaction")
	}
	s.answered("i1")
	if p, _ := s.route("i1", t0); !p.answered {
		t.Error("answered not kept: a further reply must follow up")
	}
	if p, _ := s.route("i2", t0); p.answered {
		t.Error("answering i1 marked i2")
	}
	// Tokens live 15 minutes: near the end one is not used, after it the
	// interaction is forgotten.
	late := t0.Add(14*time.Minute + 30*time.Second)
	if p, ok := s.route("i1", late); !ok || p.usable(late) || !p.usable(t0.Add(13*time.Minute)) {
		t.Error("a token about to expire is still used")
	}
	if _, ok := s.route("i1", t0.Add(tokenLife)); ok {
		t.Error("kept past the token's life")
	}
	if s.size() != 1 { // i3, a second younger
		t.Errorf("%d kept after expiry, want 1", s.size())
	}
	s.forget("i3")
	if s.size() != 0 {
		t.Errorf("%d kept after forget", s.size())
	}
	// The set is bounded: the oldest go first.
	s.max = 50
	for i := range 200 {
		add(fmt.Sprint(100+i), t0.Add(time.Hour))
	}
	if s.size() != 50 {
		t.Errorf("%d kept, want at most 50", s.size())
	}
	if _, ok := s.route("i299", t0.Add(time.Hour)); !ok {
		t.Error("the newest was dropped")
	}
	if _, ok := s.route("i249", t0.Add(time.Hour)); ok {
		t.Error("an old one beyond the bound was kept")
	}
	// Memory is reclaimed as entries go.
	for i := range 5000 {
		add(fmt.Sprint(1000+i), t0.Add(time.Hour+time.Duration(i)*time.Second))
	}
	if n := len(s.order) - s.head; n != 50 || len(s.order) > 2*1024+100 {
		t.Errorf("order holds %d live of %d", n, len(s.order))
	}
}

func BenchmarkPendingAddRoute(b *testing.B) {
	s := newPendingSet()
	t0 := time.Now()
	for i := 0; b.Loop(); i++ {
		id := fmt.Sprint("i", i)
		at := t0.Add(time.Duration(i) * time.Millisecond)
		s.add(&pending{id: id, in: &discordgo.Interaction{}, at: at})
		s.route(id, at)
	}
}
