package telegram

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/hubtest"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

func TestCallbackCarriesItsOwner(t *testing.T) {
	for _, tc := range []struct {
		owner, data, want string
		ok                bool
	}{
		{"501", "start", "~501~start", true},
		{"", "done 8", "~~done 8", true}, // a shared message: anyone
		{"4503599627370495", "forget me confirm", "~4503599627370495~forget me confirm", true},
		{"501", "help exercises page 2", "~501~help exercises page 2", true},
		{"501", "a~b", "~501~a~b", true},
		{"501", strings.Repeat("d", 64-5), "~501~" + strings.Repeat("d", 59), true},
		{"501", strings.Repeat("d", 64-4), "", false}, // too long with its owner: left out, never sent without
		{"501", "", "", false},
		{"ana", "start", "", false}, // not a Telegram user id
		{"12345678901234567", "start", "", false},
		{"501", "bad\xff", "", false},
	} {
		got, ok := encodeCallback(tc.owner, tc.data)
		if got != tc.want || ok != tc.ok {
			t.Errorf("encode(%q, %q) = %q, %v; want %q, %v", tc.owner, tc.data, got, ok, tc.want, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		owner, data, ok := decodeCallback(got)
		if !ok || owner != tc.owner || data != tc.data {
			t.Errorf("decode(%q) = %q, %q, %v", got, owner, data, ok)
		}
	}
	// Buttons of a Spotter that kept owners in memory, and forgeries:
	// nobody's, so never acted on.
	for _, d := range []string{"start", "done 8", "forget me confirm", "yes", "80kg", "", "~", "~501", "~501~", "~ana~start", "~-1~start", "~501 ~start", "~\xff~x"} {
		if o, data, ok := decodeCallback(d); ok {
			t.Errorf("decode(%q) = %q, %q, true; want refused", d, o, data)
		}
	}
}

func FuzzCallbackOwner(f *testing.F) {
	for _, s := range [][2]string{{"501", "start"}, {"", "done 8"}, {"501", "~x~y"}, {"x", ""}, {"1", "é"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, owner, data string) {
		if o, d, ok := decodeCallback(owner + data); ok {
			if d == "" || o != "" && !userID(o) || len(owner+data) > 0 && !strings.HasPrefix(owner+data, ownerMark) {
				t.Fatalf("decode(%q) accepted %q, %q", owner+data, o, d)
			}
		}
		cb, ok := encodeCallback(owner, data)
		if !ok {
			return
		}
		if len(cb) > maxCallbackData || !utf8.ValidString(cb) {
			t.Fatalf("encode(%q, %q) = %q", owner, data, cb)
		}
		if o, d, ok := decodeCallback(cb); !ok || o != owner || d != data {
			t.Fatalf("round trip of (%q, %q) via %q gave (%q, %q, %v)", owner, data, cb, o, d, ok)
		}
	})
}

// Every button the hub makes, with the longest Telegram user id, fits.
func TestHubButtonsFitWithTheirOwner(t *testing.T) {
	const longestID = "4503599627370495"
	for _, d := range []string{"start", "stop", "skip", "done", "done 100", "yes", "forget me confirm", "999.99kg",
		"help exercises page 12", strings.Repeat("x", 46)} {
		if _, ok := encodeCallback(longestID, d); !ok {
			t.Errorf("%q does not fit with its owner", d)
		}
	}
}

// startHubOn runs a hub on the data file at path with an adapter on the
// fake f, until the test (or subtest) ends; a second call on the same
// file and fake is a restart: a new process's hub, store and adapter.
func startHubOn(t *testing.T, f *tgfake.Server, path string) *hubtest.Hub {
	t.Helper()
	r := &rig{fake: f, coach: quickCoach(t), logs: &logBuffer{}}
	hub := hubtest.New(t, hubtest.Config{Coach: r.coach, Log: r.logger(), Path: path})
	r.a = r.newAdapter(t, Config{Token: fakeToken, APIURL: f.URL(), Pace: bot.Pace{}}, hub.Hub)
	r.checkLogs(t)
	mark := f.Mark()
	hub.Serve(t, r.a)
	f.WaitSince(t, mark, 1, tgfake.Method("setMyCommands"))
	return hub
}

// A lifter's "Delete everything" acts for that lifter alone, also after a
// restart: the button says whose it is, so another lifter's press is
// refused and deletes nothing, and a button that does not say (one sent
// before owners were kept in the buttons) is refused for everyone.
func TestButtonOwnersSurviveARestart(t *testing.T) {
	t.Parallel()
	f := tgfake.New(t)
	path := filepath.Join(t.TempDir(), "spotter.db")
	at := "@" + fakeBotName
	var forget tgfake.Call
	t.Run("before the restart", func(t *testing.T) {
		hub := startHubOn(t, f, path)
		f.Text(gym, ana, "/log"+at+" bench 100x5")
		f.Wait(t, 1, tgfake.SentTo(gym.ID, "Logged"))
		f.Text(gym, bo, "/log"+at+" squat 120x5")
		f.Wait(t, 2, tgfake.SentTo(gym.ID, "Logged"))
		f.Text(gym, ana, "/forget"+at+" me")
		forget = f.Wait(t, 1, tgfake.SentTo(gym.ID, "This deletes everything"))[0]
		if d := forget.Data(); len(d) != 1 || d[0] != "~501~forget me confirm" {
			t.Fatalf("the confirmation's buttons: %q", d)
		}
		countSets(t, hub, "501", 1)
		countSets(t, hub, "502", 1)
	})

	t.Run("after the restart", func(t *testing.T) {
		hub := startHubOn(t, f, path)
		button := forget.Data()[0]
		_, boQ := f.Press(gym, bo, forget.MsgID, button)
		if a := f.Wait(t, 1, tgfake.Answered(boQ))[0]; a.Fields["text"] != notYours {
			t.Errorf("Bo's press on Ana's button answered %q", a.Fields["text"])
		}
		// The same button as an older Spotter sent it, without its owner.
		_, oldQ := f.Press(gym, bo, forget.MsgID, "forget me confirm")
		if a := f.Wait(t, 1, tgfake.Answered(oldQ))[0]; a.Fields["text"] != ownerUnknown || !strings.Contains(ownerUnknown, "Send the command again") {
			t.Errorf("a press on a button without an owner answered %q", a.Fields["text"])
		}
		// Ana's own press works; it comes after Bo's on the chat's queue,
		// so once it is answered Bo's presses have had their turn.
		_, anaQ := f.Press(gym, ana, forget.MsgID, button)
		f.Wait(t, 1, tgfake.SentTo(gym.ID, "Deleted: 1 set,"))
		f.Wait(t, 1, tgfake.Answered(anaQ))
		countSets(t, hub, "501", 0)
		countSets(t, hub, "502", 1)
		if n := f.Count(tgfake.SentTo(gym.ID, "Deleted")); n != 1 {
			t.Errorf("%d deletions:\n%s", n, f.Dump())
		}
	})
}

// countSets checks how many sets the lifter's history holds.
func countSets(t *testing.T, hub *hubtest.Hub, user string, want int) {
	t.Helper()
	if n, err := hub.DB.CountSets(Platform, user); err != nil || n != want {
		t.Errorf("lifter %s has %d sets (%v), want %d", user, n, err, want)
	}
}

// A message several lifters share has buttons anyone may press, acting
// for the presser, as before.
func TestSharedButtonsActForThePresser(t *testing.T) {
	t.Parallel()
	r := startRecorder(t, Config{})
	cq := &models.CallbackQuery{ID: "q1", From: bo, Data: "~~done 8",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: 9, Chat: gym, Text: "Ana: GO\nBo: GO"}}}
	r.fake.Push(models.Update{CallbackQuery: cq})
	if m := r.rec.wait(t, 1)[0]; m.UserID != "502" || m.Text != "done 8" {
		t.Errorf("the shared press gave %+v", m)
	}
}
