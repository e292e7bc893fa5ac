package discord

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestMessageFromInteraction(t *testing.T) {
	a, err := New(Config{Token: "t"}, nopHandler{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	u := &discordgo.User{ID: "7", Username: "ana_b"}
	for _, tc := range []struct {
		perms int64
		admin bool
	}{{0, false}, {discordgo.PermissionManageGuild, true}, {discordgo.PermissionAdministrator, true}, {discordgo.PermissionManageMessages, false}} {
		in := &discordgo.Interaction{ID: "9", ChannelID: "3", GuildID: "1", Member: &discordgo.Member{User: u, Permissions: tc.perms}}
		m, ok := a.message(in, "drop 80kg bench")
		if !ok || m.Admin != tc.admin || !m.Group || !m.Slash || m.ID != "i9" || m.UserName != "ana_b" || m.ChatID != "3" || m.Platform != Platform {
			t.Errorf("permissions %#x: %+v", tc.perms, m)
		}
	}
	dm := &discordgo.Interaction{ID: "9", ChannelID: "4", User: &discordgo.User{ID: "8", Username: "bo", GlobalName: "Bo B"}}
	if m, ok := a.message(dm, "help"); !ok || m.Group || m.Admin || m.UserName != "Bo B" {
		t.Errorf("DM: %+v", m)
	}
	if _, ok := a.message(&discordgo.Interaction{ID: "9", ChannelID: "4"}, "x"); ok {
		t.Error("an interaction without a user was accepted")
	}
}

func TestCommandText(t *testing.T) {
	plain, _ := New(Config{Token: "t"}, nopHandler{}, nil)
	bang, _ := New(Config{Token: "t", Prefix: "!"}, nopHandler{}, nil)
	for _, tc := range []struct {
		a       *Adapter
		content string
		dm      bool
		want    string
		ok      bool
	}{
		{plain, "<@42> drop 80kg bench", false, "drop 80kg bench", true},
		{plain, "  <@!42>   rp 100kg squat ", false, "rp 100kg squat", true},
		{plain, "<@42>", false, "help", true},
		{plain, "hey <@42> drop", false, "", false},
		{plain, "<@43> drop", false, "", false},
		{plain, "!drop 80kg bench", false, "", false},
		{plain, "drop 80kg bench", true, "drop 80kg bench", true},
		{bang, "!drop 80kg bench", false, "drop 80kg bench", true},
		{bang, "!", false, "", false},
		{bang, "<@42> help", false, "help", true},
	} {
		got, ok := tc.a.commandText("42", tc.content, tc.dm)
		if got != tc.want || ok != tc.ok {
			t.Errorf("commandText(%q, dm %v, prefix %q) = %q, %v; want %q, %v", tc.content, tc.dm, tc.a.cfg.Prefix, got, ok, tc.want, tc.ok)
		}
	}
	if !plain.wantsFile("import") || plain.wantsFile("drop 80kg bench") {
		t.Error("wantsFile")
	}
}
