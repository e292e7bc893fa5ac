package storetest

import (
	"time"

	"github.com/spotter-coach/spotter/record"
)

func (f *fixture) boards() map[[2]string]record.Board {
	f.t.Helper()
	bs, err := f.s.Boards()
	if err != nil {
		f.t.Fatalf("boards: %v", err)
	}
	out := map[[2]string]record.Board{}
	for _, b := range bs {
		k := [2]string{b.Platform, b.ChatID}
		if _, dup := out[k]; dup {
			f.t.Fatalf("two boards of %v", k)
		}
		out[k] = b
	}
	return out
}

// A chat's weekly board post is its own, per platform and chat; a later
// one replaces it whole (the time of the last post with it), it outlives
// a restart, and it stays when a lifter of the chat is forgotten. A post
// whose message id went out before writes nothing: that is how processes
// sharing a store post a week's board once.
func testBoards(f *fixture) {
	if bs := f.boards(); len(bs) != 0 {
		f.t.Fatalf("a new store has boards: %v", bs)
	}
	berlin := record.Board{Platform: "telegram", ChatID: "-100", Set: true, Day: time.Sunday, Hour: 18, TZ: "Europe/Berlin"}
	f.apply(record.Change{Board: &berlin})
	f.apply(record.Change{Board: &record.Board{Platform: "discord", ChatID: "-100", Set: true, Off: true}})
	f.restart()
	got := f.boards()
	if len(got) != 2 || got[[2]string{"telegram", "-100"}] != berlin {
		f.t.Fatalf("boards read back: %+v, want %+v and discord's", got, berlin)
	}
	if d := got[[2]string{"discord", "-100"}]; !d.Off || !d.Set {
		f.t.Errorf("discord's board: %+v, want off", d)
	}
	posted := berlin
	posted.Posted = time.Date(2026, 11, 29, 17, 0, 0, 0, time.UTC)
	post := record.Change{SeenPlatform: "telegram", SeenID: "board/-100/2026-11-29", Board: &posted}
	f.apply(post)
	again := posted
	again.Posted = posted.Posted.Add(time.Hour)
	post.Board = &again
	f.applySeen(post)
	if b := f.boards()[[2]string{"telegram", "-100"}]; !b.Posted.Equal(posted.Posted) || b.Hour != 18 {
		f.t.Errorf("after the post: %+v, posted %v", b, posted.Posted)
	}
	f.apply(record.Change{Forget: &record.User{Platform: "telegram", UserID: "ana"}})
	if len(f.boards()) != 2 {
		f.t.Error("forgetting a lifter removed a chat's board")
	}
}
