package storetest

import (
	"errors"
	"fmt"
	"time"

	"github.com/spotter-coach/spotter/record"
)

func outgoing(id, chat string, at time.Duration, data string) record.Outgoing {
	return record.Outgoing{ID: id, Platform: "telegram", ChatID: chat, At: t0.Add(at), Data: []byte(data)}
}

// Replies stored with a message's change come back after a restart, in
// ID order whatever order they were written in, until marked sent; a
// reply marked sent twice, or never stored, changes nothing else.
func testOutboxKeptUntilSent(f *fixture) {
	if got := f.outbox(); len(got) != 0 {
		f.t.Fatalf("a new store holds replies: %+v", got)
	}
	a := outgoing("0000000001-0000", "-100", 0, `{"Text":"Drop set: 80 kg"}`)
	b := outgoing("0000000001-0001", "-100", 0, `{"Text":"Say start"}`)
	c := outgoing("0000000002-0000", "42", time.Second, "\x00\xffbinary")
	f.apply(record.Change{SeenPlatform: "telegram", SeenID: "u1", Outbox: []record.Outgoing{c}})
	f.apply(record.Change{SeenPlatform: "telegram", SeenID: "u2", Outbox: []record.Outgoing{b, a},
		Sets: []record.Set{set(ana, 1, "bench press", 80, 5, "e1")}})
	f.restart()
	if got := f.outbox(); !equal(got, []record.Outgoing{a, b, c}) {
		f.t.Fatalf("outbox after a restart:\n%+v\nwant\n%+v", got, []record.Outgoing{a, b, c})
	}
	f.apply(record.Change{Sent: []string{b.ID, "never-stored"}})
	f.apply(record.Change{Sent: []string{b.ID}})
	f.restart()
	if got := f.outbox(); !equal(got, []record.Outgoing{a, c}) {
		f.t.Fatalf("outbox after marking one sent: %+v", got)
	}
	// A redelivered message stores its replies again no more than its sets.
	err := f.s.Apply(record.Change{SeenPlatform: "telegram", SeenID: "u2", Outbox: []record.Outgoing{outgoing("0000000003-0000", "-100", 0, "again")}})
	if !errors.Is(err, record.ErrSeen) {
		f.t.Fatalf("redelivered change: %v, want ErrSeen", err)
	}
	var many []record.Outgoing
	var ids []string
	for i := range 300 {
		o := outgoing(fmt.Sprintf("0000000004-%04d", i), "-100", 0, "x")
		many, ids = append(many, o), append(ids, o.ID)
	}
	f.apply(record.Change{Outbox: many})
	f.apply(record.Change{Sent: append(ids, a.ID, c.ID)})
	if got := f.outbox(); len(got) != 0 {
		f.t.Fatalf("outbox after marking everything sent: %d left", len(got))
	}
}

func (f *fixture) outbox() []record.Outgoing {
	f.t.Helper()
	got, err := f.s.Outbox()
	if err != nil {
		f.t.Fatalf("outbox: %v", err)
	}
	return got
}
