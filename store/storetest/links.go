package storetest

import (
	"time"

	"github.com/spotter-coach/spotter/record"
)

func (f *fixture) linked(u record.User) (record.Link, bool) {
	f.t.Helper()
	l, ok, err := f.s.Linked(u.Platform, u.UserID)
	if err != nil {
		f.t.Fatalf("linked: %v", err)
	}
	return l, ok
}

func (f *fixture) linkCode(code string) (record.LinkCode, bool) {
	f.t.Helper()
	c, ok, err := f.s.LinkCode(code)
	if err != nil {
		f.t.Fatalf("link code: %v", err)
	}
	return c, ok
}

func code(c string, u record.User, made time.Time) *record.LinkCode {
	return &record.LinkCode{Code: c, User: u, Expires: made.Add(record.LinkCodeTTL)}
}

// A link code is kept until it is replaced by its user's next one, or
// used; a new code drops every code that expired before it was made, and
// leaves the others, and the store keeps expired codes otherwise (the
// hub tells expired from wrong).
func testLinkCodes(f *fixture) {
	if _, ok := f.linkCode("K7QX2M"); ok {
		f.t.Fatal("a code found in an empty store")
	}
	f.apply(record.Change{LinkCode: code("K7QX2M", ana, t0)})
	f.apply(record.Change{LinkCode: code("BOB234", bo, t0.Add(time.Minute))})
	f.restart()
	if c, ok := f.linkCode("K7QX2M"); !ok || c.User != ana || !c.Expires.Equal(t0.Add(record.LinkCodeTTL)) || c.Code != "K7QX2M" {
		f.t.Fatalf("code read back %+v, %v", c, ok)
	}
	// ana's new code replaces her first.
	f.apply(record.Change{LinkCode: code("NEW234", ana, t0.Add(2*time.Minute))})
	if _, ok := f.linkCode("K7QX2M"); ok {
		f.t.Error("a replaced code still found")
	}
	if c, ok := f.linkCode("BOB234"); !ok || c.User != bo {
		f.t.Errorf("another user's code went: %+v, %v", c, ok)
	}
	// Made an hour later, anaDC's code drops the codes expired by then.
	f.apply(record.Change{LinkCode: code("DCDC22", anaDC, t0.Add(time.Hour))})
	for _, gone := range []string{"NEW234", "BOB234"} {
		if _, ok := f.linkCode(gone); ok {
			f.t.Errorf("code %s, expired before the new one was made, still kept", gone)
		}
	}
	if _, ok := f.linkCode("DCDC22"); !ok {
		f.t.Error("the new code not kept")
	}
}

// A link joins two accounts of two platforms, both of which read it with
// who made the code (First); it uses up both accounts' codes, lasts a
// restart, and refuses a third account or a second link. Unlink splits
// it; each account's sets stay under it throughout.
func testLinks(f *fixture) {
	f.apply(record.Change{Sets: []record.Set{set(ana, 0, "bench press", 100, 5, "a"), set(anaDC, 1, "squat", 140, 5, "b")}})
	f.apply(record.Change{LinkCode: code("K7QX2M", ana, t0)})
	f.apply(record.Change{LinkCode: code("DCDC22", anaDC, t0)})
	link := record.Link{First: ana, Second: anaDC, At: t0.Add(time.Minute)}
	f.apply(record.Change{Link: &link})
	f.restart()
	for _, u := range []record.User{ana, anaDC} {
		if l, ok := f.linked(u); !ok || !equal(l, link) {
			f.t.Errorf("%v reads link %+v, %v; want %+v", u, l, ok, link)
		}
	}
	if _, ok := f.linked(bo); ok {
		f.t.Error("bo reads a link")
	}
	for _, c := range []string{"K7QX2M", "DCDC22"} {
		if _, ok := f.linkCode(c); ok {
			f.t.Errorf("code %s outlived the link", c)
		}
	}
	// A third account, or the same platform, is refused, writing nothing.
	third := record.User{Platform: "console", UserID: "42"}
	for _, bad := range []record.Link{
		{First: third, Second: ana, At: t0},
		{First: anaDC, Second: third, At: t0},
		{First: bo, Second: record.User{Platform: "telegram", UserID: "44"}, At: t0},
	} {
		if err := f.s.Apply(record.Change{Link: &bad, Sets: []record.Set{set(third, 5, "row", 60, 8, "x")}}); err == nil {
			f.t.Errorf("link %+v applied", bad)
		}
	}
	if n := f.count(third); n != 0 {
		f.t.Errorf("a refused link's change wrote %d sets", n)
	}
	if _, ok := f.linked(third); ok {
		f.t.Error("a refused link was kept")
	}
	if l, ok := f.linked(ana); !ok || !equal(l, link) {
		f.t.Errorf("after the refusals ana reads %+v, %v", l, ok)
	}
	if n := f.count(ana) + f.count(anaDC); n != 2 {
		f.t.Errorf("the accounts hold %d sets, want their own 2", n)
	}
	f.apply(record.Change{Unlink: &anaDC})
	f.restart()
	for _, u := range []record.User{ana, anaDC} {
		if l, ok := f.linked(u); ok {
			f.t.Errorf("%v still linked: %+v", u, l)
		}
	}
	if a, d := f.sets(ana), f.sets(anaDC); len(a) != 1 || a[0].Exercise != "bench press" || len(d) != 1 || d[0].Exercise != "squat" {
		f.t.Errorf("after unlink ana has %v, anaDC %v", loads(a), loads(d))
	}
	// Split, either may link again.
	f.apply(record.Change{Link: &record.Link{First: anaDC, Second: third, At: t0.Add(time.Hour)}})
	if l, ok := f.linked(third); !ok || l.First != anaDC {
		f.t.Errorf("relinking: %+v, %v", l, ok)
	}
}

// Forgetting a linked account forgets the account linked to it too, the
// link and both accounts' codes; other lifters keep everything.
func testForgetLinked(f *fixture) {
	populate(f)
	keep := []record.User{bo}
	before := f.snapshot(keep, nil)
	f.apply(record.Change{Link: &record.Link{First: anaDC, Second: ana, At: t0}})
	f.apply(record.Change{LinkCode: code("BOB234", bo, t0)})
	f.apply(record.Change{Forget: &anaDC})
	f.restart()
	for _, u := range []record.User{ana, anaDC} {
		if n := f.count(u); n != 0 {
			f.t.Errorf("%v: %d sets left", u, n)
		}
		if _, ok := f.settings(u); ok {
			f.t.Errorf("%v: settings left", u)
		}
		if _, ok := f.linked(u); ok {
			f.t.Errorf("%v: link left", u)
		}
		for l := range f.sessions() {
			if l.Platform == u.Platform && l.UserID == u.UserID {
				f.t.Errorf("%v: session left in chat %s", u, l.ChatID)
			}
		}
		for _, tm := range f.timers() {
			if tm.Lifter.Platform == u.Platform && tm.Lifter.UserID == u.UserID {
				f.t.Errorf("%v: timer %s left", u, tm.ID)
			}
		}
	}
	if after := f.snapshot(keep, nil); after != before {
		f.t.Errorf("forgetting a linked lifter changed bo:\nbefore %s\nafter  %s", before, after)
	}
	if _, ok := f.linkCode("BOB234"); !ok {
		f.t.Error("bo's code went with the linked lifter")
	}
}
