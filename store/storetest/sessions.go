package storetest

import (
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// guided is a rest-pause session at its second step.
func guided(id string) *coach.Session {
	return &coach.Session{ID: id, Technique: coach.RestPause, Exercise: "back squat", Equipment: coach.Barbell, Unit: coach.KG,
		Steps:   []coach.Step{{Label: "Set", Load: 100, Rest: 15 * time.Second}, {Label: "Mini-set 1", Load: 100}},
		Current: 1, Results: []coach.Result{{Step: 0, Label: "Set", Load: 100, Reps: 8}}}
}

// A lifter has one session record per chat, replaced whole, deleted, and
// kept across a restart.
func testSessions(f *fixture) {
	if recs := f.sessions(); len(recs) != 0 {
		f.t.Fatalf("a new store holds sessions: %+v", recs)
	}
	inGroup, inDM, elsewhere := lifter(ana, "-100"), lifter(ana, "42"), lifter(anaDC, "c")
	running := record.Session{Lifter: inGroup, UserName: "ana", Group: true, Active: guided("s1"), StartedAt: t0, UpdatedAt: t0.Add(time.Minute)}
	planned := record.Session{Lifter: inDM, UserName: "ana", Planned: guided("s2"), UpdatedAt: t0}
	other := record.Session{Lifter: elsewhere, UserName: "ana on discord", ConfirmStart: true, UpdatedAt: t0}
	f.apply(record.Change{Session: &running})
	f.apply(record.Change{Session: &planned})
	f.apply(record.Change{Session: &other})
	got := f.sessions()
	if len(got) != 3 || !equal(got[inGroup], running) || !equal(got[inDM], planned) || !equal(got[elsewhere], other) {
		f.t.Fatalf("sessions read back:\n%+v\nwant %+v, %+v, %+v", got, running, planned, other)
	}

	asked := running
	asked.Active, asked.Planned, asked.ConfirmLoad, asked.UpdatedAt = nil, guided("s3"), "drop 800kg bench", t0.Add(2*time.Minute)
	f.apply(record.Change{Session: &asked, DeleteSession: &inDM})
	f.restart()
	got = f.sessions()
	if len(got) != 2 || !equal(got[inGroup], asked) || !equal(got[elsewhere], other) {
		f.t.Fatalf("after replacing one, deleting one and a restart:\n%+v\nwant %+v and %+v", got, asked, other)
	}
	// Deleting what is not there changes nothing.
	f.apply(record.Change{DeleteSession: &inDM})
	if got := f.sessions(); len(got) != 2 {
		f.t.Errorf("deleting a missing session: %+v", got)
	}
}
