package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

// twoPlatforms is a hub serving two platforms, telegram and discord, each
// with its own sink, on a real bbolt file: one lifter with an account on
// each.
type twoPlatforms struct {
	t     *testing.T
	hub   *Hub
	db    *store.DB
	sinks map[string]*sink
}

func withTwoPlatforms(t *testing.T, f func(t *testing.T, p *twoPlatforms)) {
	synctest.Test(t, func(t *testing.T) {
		db, err := store.Open(filepath.Join(t.TempDir(), "s.db"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := coach.New(coach.Config{})
		if err != nil {
			t.Fatal(err)
		}
		h := New(Config{Coach: c, Store: db, Unit: coach.KG})
		p := &twoPlatforms{t: t, hub: h, db: db, sinks: map[string]*sink{"telegram": {}, "discord": {}}}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- h.Serve(ctx, &testAdapter{sink: p.sinks["telegram"], platform: "telegram"}, &testAdapter{sink: p.sinks["discord"], platform: "discord"})
		}()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
			db.Close()
		}()
		f(t, p)
	})
}

// say sends text as user on platform, in a private chat, and returns the
// answer.
func (p *twoPlatforms) say(platform, user, text string) Reply {
	p.t.Helper()
	msgSeq++
	m := Message{Platform: platform, ChatID: "dm-" + user, UserID: user, UserName: user, Text: text, ID: fmt.Sprint("m", msgSeq)}
	if err := p.hub.Handle(context.Background(), m); err != nil {
		p.t.Fatal(err)
	}
	synctest.Wait()
	r := p.sinks[platform].last()
	time.Sleep(time.Second) // typed, not flooded
	return r
}

var codeRE = regexp.MustCompile(`\b[A-HJ-NP-Z2-9]{6}\b`)

// code asks for a link code on platform and returns it.
func (p *twoPlatforms) code(platform, user string) string {
	p.t.Helper()
	r := p.say(platform, user, "link")
	code := codeRE.FindString(r.Text)
	if r.Error || code == "" || !r.Private {
		p.t.Fatalf("link on %s: %+v", platform, r)
	}
	return code
}

func (p *twoPlatforms) expect(platform, user, text string, want ...string) Reply {
	p.t.Helper()
	r := p.say(platform, user, text)
	for _, w := range want {
		if !strings.Contains(r.Text, w) {
			p.t.Errorf("%s on %s answered:\n%s\nwant %q in it", text, platform, r.Text, w)
		}
	}
	return r
}

func (p *twoPlatforms) expectNot(platform, user, text string, not ...string) {
	p.t.Helper()
	r := p.say(platform, user, text)
	for _, w := range not {
		if strings.Contains(r.Text, w) {
			p.t.Errorf("%s on %s answered:\n%s\nwant no %q in it", text, platform, r.Text, w)
		}
	}
}

// A code from one platform, typed on the other, makes one lifter of the
// two accounts: history, records and week on either side show both sides'
// sets, settings are one (the code maker's, and a change on one side is
// seen on the other), and undo takes back only what this side last
// logged. unlink splits them: each keeps what was logged on it, both the
// settings they had.
func TestLinkMakesOneLifterOfTwoAccounts(t *testing.T) {
	withTwoPlatforms(t, func(t *testing.T, p *twoPlatforms) {
		p.say("telegram", "ana", "settings tz Europe/Berlin")
		p.say("telegram", "ana", "log bench 100x5")
		p.say("discord", "dana", "log squat 140x5")
		p.say("discord", "dana", "settings units lb")
		p.expectNot("discord", "dana", "history", "bench press")

		code := p.code("telegram", "ana")
		if r := p.expect("discord", "dana", "link "+strings.ToLower(code[:3])+" "+code[3:], "Linked", "2 sets", "your Telegram settings"); r.Error || !r.Private {
			t.Fatalf("link CODE: %+v", r)
		}
		for _, side := range [][2]string{{"discord", "dana"}, {"telegram", "ana"}} {
			p.expect(side[0], side[1], "history", "bench press 100 kg 1×5", "squat 140 kg 1×5")
			p.expect(side[0], side[1], "pr bench", "100 kg")
			p.expect(side[0], side[1], "pr squat", "140 kg")
			// The pair's settings are Telegram's: kg, Berlin.
			p.expect(side[0], side[1], "settings", "Europe/Berlin", "Units: kg")
		}
		p.say("discord", "dana", "settings units lb")
		p.expect("telegram", "ana", "settings", "Units: lb")
		p.say("telegram", "ana", "settings units kg")

		// The code was used up; link again just says what is linked.
		p.expect("discord", "dana", "link "+code, "No such code")
		p.expect("telegram", "ana", "link", "linked with your Discord account")

		// undo on Discord takes back Discord's last entry, not Telegram's
		// newer one.
		p.say("discord", "dana", "log row 60x8")
		p.say("telegram", "ana", "log bench 105x3")
		p.say("discord", "dana", "undo")
		p.expect("telegram", "ana", "history", "bench press 105 kg 1×3", "squat 140 kg")
		p.expectNot("telegram", "ana", "history", "row")

		r := p.expect("telegram", "ana", "unlink", "Unlinked", "here 2 sets", "on Discord 1 set")
		if r.Error {
			t.Fatalf("unlink: %+v", r)
		}
		p.expectNot("discord", "dana", "history", "bench press")
		p.expect("discord", "dana", "history", "squat 140 kg")
		p.expectNot("telegram", "ana", "history", "squat")
		p.expect("discord", "dana", "settings", "Europe/Berlin", "Units: kg")
		p.expect("discord", "dana", "unlink", "not linked")
	})
}

// A code that is mistyped, unknown, expired, one's own, or from the same
// platform gets one clear line, and a link never takes a third account.
func TestLinkRefusals(t *testing.T) {
	withTwoPlatforms(t, func(t *testing.T, p *twoPlatforms) {
		if r := p.expect("discord", "dana", "link 0OI1", "6 letters and digits", "Try: link K7QX2M"); !r.Error {
			t.Errorf("a malformed code: %+v", r)
		}
		// The example the error offers parses, and is a code no one made.
		if r := p.expect("discord", "dana", "link K7QX2M", "No such code"); !r.Error {
			t.Errorf("an unknown code: %+v", r)
		}

		code := p.code("telegram", "ana")
		time.Sleep(10 * time.Minute)
		if r := p.expect("discord", "dana", "link "+code, "expired", "10 minutes"); !r.Error {
			t.Errorf("an expired code: %+v", r)
		}

		code = p.code("telegram", "ana")
		p.expect("telegram", "ana", "link "+code, "own code")
		p.expect("telegram", "bo", "link "+code, "another Telegram account", "two platforms")
		// A newer code replaces the older.
		newer := p.code("telegram", "ana")
		p.expect("discord", "dana", "link "+code, "No such code")
		p.expect("discord", "dana", "link "+newer, "Linked")

		// A third account: bo's code on the linked Discord account, and
		// the linked Telegram account's code for nobody.
		boCode := p.code("telegram", "bo")
		p.expect("discord", "dana", "link "+boCode, "linked with a Telegram account already", "unlink")
		p.expect("telegram", "ana", "link", "linked with your Discord account")
		if l, ok, err := p.db.Linked("telegram", "bo"); ok || err != nil {
			t.Errorf("bo linked: %+v %v", l, err)
		}
		// The code still works for another Discord account.
		p.expect("discord", "dbo", "link "+boCode, "Linked")
	})
}

// forget me on a linked account says first that it deletes both, and
// then does: both accounts' sets and settings and the link.
func TestForgetLinkedForgetsBoth(t *testing.T) {
	withTwoPlatforms(t, func(t *testing.T, p *twoPlatforms) {
		p.say("telegram", "ana", "log bench 100x5")
		p.say("discord", "dana", "log squat 140x5")
		p.say("discord", "dana", "settings units lb")
		p.say("discord", "bo", "log squat 100x5")
		p.say("discord", "dana", "link "+p.code("telegram", "ana"))

		p.expect("discord", "dana", "forget me", "on Discord and on Telegram (both your linked accounts)", "2 sets")
		p.expect("discord", "dana", "forget me confirm", "Deleted, on Discord and on Telegram", "2 sets")
		for _, u := range [][2]string{{"telegram", "ana"}, {"discord", "dana"}} {
			if n, _ := p.db.CountSets(u[0], u[1]); n != 0 {
				t.Errorf("%v: %d sets left", u, n)
			}
			if _, ok, _ := p.db.Settings(u[0], u[1]); ok {
				t.Errorf("%v: settings left", u)
			}
			if _, ok, _ := p.db.Linked(u[0], u[1]); ok {
				t.Errorf("%v: link left", u)
			}
		}
		p.expect("telegram", "ana", "history", "No sets yet")
		p.expect("discord", "bo", "history", "squat 100 kg")
	})
}

// A code is never shown where others read it: in a group, link is
// refused unless it came as a Discord slash command (answered to the
// lifter alone); typing a code in a group still links.
func TestLinkCodeOnlyInPrivate(t *testing.T) {
	withTwoPlatforms(t, func(t *testing.T, p *twoPlatforms) {
		say := func(platform, user, text string, slash bool) Reply {
			msgSeq++
			m := Message{Platform: platform, ChatID: "gym", UserID: user, UserName: user, Text: text, Group: true, Slash: slash, ID: fmt.Sprint("m", msgSeq)}
			if err := p.hub.Handle(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			synctest.Wait()
			time.Sleep(time.Second)
			return p.sinks[platform].last()
		}
		if r := say("telegram", "ana", "link", false); !r.Error || codeRE.MatchString(r.Text) || !strings.Contains(r.Text, "private chat") {
			t.Errorf("link in a Telegram group: %+v", r)
		}
		r := say("discord", "dana", "link", true)
		code := codeRE.FindString(r.Text)
		if r.Error || code == "" || !r.Private {
			t.Fatalf("/link in a Discord server: %+v", r)
		}
		if r := say("telegram", "ana", "link "+code, false); r.Error || !strings.Contains(r.Text, "Linked") {
			t.Errorf("link CODE in a Telegram group: %+v", r)
		}
	})
}
