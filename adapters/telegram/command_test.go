package telegram

import (
	"testing"

	"github.com/go-telegram/bot/models"
)

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct {
		text, name, target string
		ok                 bool
	}{
		{"/drop 80kg bench", "drop", "", true},
		{"/drop@SpotterBot 80kg bench", "drop", "SpotterBot", true},
		{"/start@spotterbot", "start", "spotterbot", true},
		{"/help\texercises", "help", "", true},
		{"drop 80kg bench", "", "", false},
		{"/ 80kg", "", "", false},
		{"/", "", "", false},
		{"/drüp", "", "", false},
		{"/@Bot", "", "", false},
	} {
		name, target, ok := parseCommand(tc.text)
		if name != tc.name || target != tc.target || ok != tc.ok {
			t.Errorf("parseCommand(%q) = %q, %q, %v", tc.text, name, target, ok)
		}
	}
}

func TestAddressedTo(t *testing.T) {
	for _, tc := range []struct {
		target, me string
		want       bool
	}{
		{"", "SpotterBot", true},
		{"SpotterBot", "SpotterBot", true},
		{"spotterbot", "SpotterBot", true},
		{"SPOTTERBOT", "SpotterBot", true},
		{"OtherBot", "SpotterBot", false},
		{"SpotterBot2", "SpotterBot", false},
		{"SpotterBot", "", false},
	} {
		if got := addressedTo(tc.target, tc.me); got != tc.want {
			t.Errorf("addressedTo(%q, %q) = %v", tc.target, tc.me, got)
		}
	}
}

func TestCutMention(t *testing.T) {
	for _, tc := range []struct {
		text, rest string
		ok         bool
	}{
		{"@SpotterBot drop 80kg bench", "drop 80kg bench", true},
		{"@spotterbot, drop 80kg bench", "drop 80kg bench", true},
		{"@SpotterBot", "", true},
		{"@SpotterBotFan hi", "@SpotterBotFan hi", false},
		{"@Other drop", "@Other drop", false},
		{"drop @SpotterBot", "drop @SpotterBot", false},
	} {
		rest, ok := cutMention(tc.text, "SpotterBot")
		if rest != tc.rest || ok != tc.ok {
			t.Errorf("cutMention(%q) = %q, %v", tc.text, rest, ok)
		}
	}
}

// TestFromMessage applies the addressing rules to updates as Telegram
// sends them.
func TestFromMessage(t *testing.T) {
	a, err := New(Config{Token: fakeToken}, newRecorder(), nil)
	if err != nil {
		t.Fatal(err)
	}
	a.me.Store(&models.User{ID: fakeBotID, IsBot: true, Username: fakeBotName})
	mine := &models.Message{ID: 1, From: &models.User{ID: fakeBotID, IsBot: true}}
	theirs := &models.Message{ID: 2, From: &bo}
	anon := &models.User{ID: 1087968824, IsBot: true, FirstName: "Group"}
	channel := models.Chat{ID: -1001, Type: models.ChatTypeChannel}
	for _, tc := range []struct {
		chat    models.Chat
		from    *models.User
		text    string
		replyTo *models.Message
		want    string // "" for ignored
	}{
		{privateChat(ana), &ana, "drop 80kg bench", nil, "drop 80kg bench"},
		{privateChat(ana), &ana, "/drop@OtherBot 80kg bench", nil, ""},
		{gym, &ana, "/drop 80kg bench", nil, "/drop 80kg bench"},
		{gym, &ana, "/drop@SpotterTestBot 80kg bench", nil, "/drop@SpotterTestBot 80kg bench"},
		{gym, &ana, "/drop@spottertestbot 80kg bench", nil, "/drop@spottertestbot 80kg bench"},
		{gym, &ana, "/drop@OtherBot 80kg bench", nil, ""},
		{gym, &ana, "drop 80kg bench", nil, ""},
		{gym, &ana, "done 8", mine, "done 8"},
		{gym, &ana, "done 8", theirs, ""},
		{gym, &ana, "@SpotterTestBot done 8", nil, "done 8"},
		{gym, anon, "/drop 80kg bench", nil, ""},
		{channel, &ana, "/drop 80kg bench", nil, ""},
		{gym, &ana, "   ", nil, ""},
	} {
		m := &models.Message{ID: 9, Chat: tc.chat, From: tc.from, Text: tc.text, ReplyToMessage: tc.replyTo}
		_, j, ok := a.fromMessage(77, m)
		got := ""
		if ok {
			got = j.msg.Text
			if j.msg.ID != "u77" || j.msg.Group != (tc.chat.Type != models.ChatTypePrivate) {
				t.Errorf("%q: message %+v", tc.text, j.msg)
			}
		}
		if got != tc.want {
			t.Errorf("%s %q (reply to %v): got %q, want %q", tc.chat.Type, tc.text, tc.replyTo != nil, got, tc.want)
		}
	}
}
