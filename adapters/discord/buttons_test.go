package discord

import (
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spotter-coach/spotter/internal/dcfake"
	"github.com/spotter-coach/spotter/internal/hubtest"
)

// startOn runs a hub on the data file at path with an adapter (one shard)
// on the fake f until the test (or subtest) ends, and waits until it is
// connected for the started-th time; a second call on the same file and
// fake is a restart: a new process's hub, store and adapter.
func startOn(t *testing.T, f *dcfake.Server, path string, started int) (*rig, *hubtest.Hub) {
	t.Helper()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	hub := hubtest.New(t, hubtest.Config{Log: log, Path: path})
	a, err := New(Config{Token: testToken, APIURL: f.APIURL(), GuildIDs: []string{testGuild}, Shards: 1}, hub.Hub, log)
	if err != nil {
		t.Fatal(err)
	}
	hub.Serve(t, a)
	r := &rig{f: f, a: a, logs: logs, shard: 0}
	r.waitReq(t, started, dcfake.All(dcfake.BulkOverwrite(testGuild), dcfake.Succeeded))
	return r, hub
}

// A lifter's "Delete everything" acts for that lifter alone, also after a
// restart: the button says whose it is, so another lifter's press is
// refused with a note only they see and deletes nothing, and a button of
// an older Spotter, which says nobody's, is refused for everyone.
func TestButtonOwnersSurviveARestart(t *testing.T) {
	f, err := dcfake.Start(dcfake.Config{Token: testToken, AppID: testApp, BotID: testBot, Guilds: []string{testGuild}, Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	path := filepath.Join(t.TempDir(), "spotter.db")
	const ch = "400000000000000099"
	ana := lifter{ID: "500000000000000001", GlobalName: "Ana"}
	bo := lifter{ID: "500000000000000002", GlobalName: "Bo"}
	mention := "<@" + testBot + "> "
	var forget *dcfake.Request

	t.Run("before the restart", func(t *testing.T) {
		r, hub := startOn(t, f, path, 1)
		r.say(t, "700000000000000101", ch, ana, mention+"log bench 100x5")
		r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Logged")))
		r.say(t, "700000000000000102", ch, bo, mention+"log squat 120x5")
		r.waitOK(t, 2, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("Logged")))
		r.say(t, "700000000000000103", ch, ana, mention+"forget me")
		forget = r.waitOK(t, 1, dcfake.All(dcfake.ChannelMessage(ch), dcfake.ContentContains("This deletes everything")))
		if id := forget.CustomID("Delete everything"); id != "sp2:"+ana.ID+"::forget me confirm" {
			t.Fatalf("the confirmation's button: %q (%v)", id, forget.Buttons())
		}
		countSets(t, hub, ana.ID, 1)
		countSets(t, hub, bo.ID, 1)
	})

	t.Run("after the restart", func(t *testing.T) {
		r, hub := startOn(t, f, path, 2)
		button := forget.CustomID("Delete everything")
		r.press(t, "600000000000000101", "itok-bo", ch, forget.RespID, button, bo)
		cb := r.waitOK(t, 1, dcfake.Callback("600000000000000101"))
		if cb.CallbackType() != 4 || !cb.Ephemeral() || cb.Content() != notYours {
			t.Errorf("Bo's press on Ana's button answered with type %d, ephemeral %v: %q", cb.CallbackType(), cb.Ephemeral(), cb.Content())
		}
		checkMentions(t, cb)
		// The same button as an older Spotter sent it, without its owner.
		r.press(t, "600000000000000102", "itok-old", ch, forget.RespID, "sp::forget me confirm", bo)
		if cb := r.waitOK(t, 1, dcfake.Callback("600000000000000102")); cb.CallbackType() != 4 || !cb.Ephemeral() || cb.Content() != ownerUnknown {
			t.Errorf("a press on a button without an owner answered with type %d: %q", cb.CallbackType(), cb.Content())
		}
		// Ana's own press works.
		r.press(t, "600000000000000103", "itok-ana", ch, forget.RespID, button, ana)
		done := r.waitOK(t, 1, dcfake.Any(dcfake.Original("itok-ana"), dcfake.FollowUp("itok-ana")))
		if c := done.Content(); !strings.Contains(c, "Deleted: 1 set,") {
			t.Errorf("Ana's press answered %q", c)
		}
		countSets(t, hub, ana.ID, 0)
		countSets(t, hub, bo.ID, 1)
		for _, id := range []string{"itok-bo", "itok-old"} {
			if n := f.Count(dcfake.Any(dcfake.Original(id), dcfake.FollowUp(id))); n != 0 {
				t.Errorf("a refused press was answered by the hub:\n%s", f.Dump())
			}
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
