package storetest

import (
	"slices"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/record"
)

func (f *fixture) rounds() map[record.RoundKey]record.Round {
	f.t.Helper()
	rs, err := f.s.Rounds()
	if err != nil {
		f.t.Fatalf("rounds: %v", err)
	}
	out := map[record.RoundKey]record.Round{}
	for _, r := range rs {
		if _, dup := out[r.Key()]; dup {
			f.t.Fatalf("two rounds in %+v", r.Key())
		}
		out[r.Key()] = r
	}
	return out
}

// A chat has one class round, replaced whole with its members' sessions,
// deleted when it ends, kept across a restart; a redelivered change
// writes none of it.
func testRounds(f *fixture) {
	if rs := f.rounds(); len(rs) != 0 {
		f.t.Fatalf("a new store holds rounds: %+v", rs)
	}
	open := record.Round{ID: "r1", Platform: "telegram", ChatID: "-100", Group: true, LeaderID: "42", LeaderName: "ana",
		Class: "rp squat", Title: "rest-pause: back squat", State: record.RoundOpen, Opened: t0, Updated: t0,
		Members: []record.RoundMember{{UserID: "42", UserName: "ana", Session: guided("s1")}}}
	other := record.Round{ID: "r2", Platform: "discord", ChatID: "-100", LeaderID: "7", LeaderName: "bo",
		Class: "drop bench", Title: "drop set: bench press", State: record.RoundOpen, Opened: t0, Updated: t0}
	f.apply(record.Change{SeenPlatform: "telegram", SeenID: "m1", Round: &open})
	f.apply(record.Change{Round: &other})
	got := f.rounds()
	if len(got) != 2 || !equal(got[open.Key()], open) || !equal(got[other.Key()], other) {
		f.t.Fatalf("rounds read back:\n%+v\nwant %+v and %+v", got, open, other)
	}

	running := open
	running.State, running.Step, running.LastGo, running.Resting = record.RoundRunning, 1, t0.Add(time.Minute), true
	running.Members = []record.RoundMember{
		{UserID: "42", UserName: "ana", Session: guided("s1"), Reported: true},
		{UserID: "43", UserName: "bo", Session: guided("s3"), Missed: t0, Gone: "dropped"},
	}
	ping := record.Timer{Due: running.LastGo, ID: "r:r1/1/42", Lifter: lifter(ana, "-100"), UserName: "ana", Group: true, Text: "mini-set 1", Created: t0}
	f.apply(record.Change{Round: &running, AddTimers: []record.Timer{ping}})
	f.applySeen(record.Change{SeenPlatform: "telegram", SeenID: "m1", DeleteRound: &record.RoundKey{Platform: "telegram", ChatID: "-100"}})
	f.restart()
	got = f.rounds()
	if len(got) != 2 || !equal(got[open.Key()], running) {
		f.t.Fatalf("after replacing a round and a restart:\n%+v\nwant %+v", got[open.Key()], running)
	}
	if ts := f.timers(); !slices.ContainsFunc(ts, func(t record.Timer) bool { return strings.HasPrefix(t.ID, "r:r1/") }) {
		f.t.Errorf("the round's ping timer is gone: %+v", ts)
	}

	// Ending deletes it; a new round in the same change takes the chat.
	next := other
	next.ID, next.Title = "r3", "ramp: back squat"
	f.apply(record.Change{DeleteRound: &record.RoundKey{Platform: "discord", ChatID: "-100"}, Round: &next})
	f.apply(record.Change{DeleteRound: roundKeyPtr(open.Key())})
	got = f.rounds()
	if len(got) != 1 || !equal(got[next.Key()], next) {
		f.t.Fatalf("after ending one and replacing the other: %+v", got)
	}
	// Deleting what is not there changes nothing.
	f.apply(record.Change{DeleteRound: roundKeyPtr(open.Key())})
	if got := f.rounds(); len(got) != 1 {
		f.t.Errorf("deleting a missing round: %+v", got)
	}
}

func roundKeyPtr(k record.RoundKey) *record.RoundKey { return &k }
