package bot

import (
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// One lifter on two platforms: link on one platform gives a code; link
// CODE on the other joins the two accounts (record.Link), and the hub
// then reads both as one history with one set of settings (linked.go);
// unlink splits them. An account is in one link at most, and a link joins
// two platforms: a third account, or a second of one platform, is refused
// (which of two Telegram accounts would a Discord one follow?).

// linkCodeAlphabet is what codes are made of: capital letters and digits
// without 0, O, 1 and I, so that a code read off one screen and typed on
// another has nothing to mix up. 32 symbols: 6 of them make about a
// billion codes, which with codes that last 10 minutes, work once, and a
// flood limit on every lifter's messages leaves guessing nothing to find.
const (
	linkCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	linkCodeLen      = 6
	linkExample      = "link K7QX2M"
)

// newLinkCode is a random code.
func newLinkCode() string {
	var b [linkCodeLen]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	for i := range b {
		b[i] = linkCodeAlphabet[int(b[i])%len(linkCodeAlphabet)]
	}
	return string(b[:])
}

// linkCodeOf reads a typed code: case, spaces and dashes do not matter;
// ok is false when it cannot be a code.
func linkCodeOf(args []string) (string, bool) {
	code := strings.ToUpper(strings.ReplaceAll(strings.Join(args, ""), "-", ""))
	if len(code) != linkCodeLen {
		return code, false
	}
	for _, r := range code {
		if !strings.ContainsRune(linkCodeAlphabet, r) {
			return code, false
		}
	}
	return code, true
}

// platformName is a platform as lifters call it.
func platformName(p string) string {
	switch p {
	case "telegram":
		return "Telegram"
	case "discord":
		return "Discord"
	}
	return p
}

// ownStore is the store without the linked view: each account's own.
func (h *Hub) ownStore() Store {
	if l, ok := h.store.(linkedStore); ok {
		return l.Store
	}
	return h.store
}

// linkOf is the sender's account and its link, if any; ok is false when
// the store could not say, and the turn then answers so.
func (h *Hub) linkOf(t *turn, r Reply, m Message) (me record.User, l record.Link, linked, ok bool) {
	me = record.User{Platform: m.Platform, UserID: m.UserID}
	l, linked, err := h.store.Linked(me.Platform, me.UserID)
	if err != nil {
		h.log.Error("reading a lifter's link", "platform", me.Platform, "err", err)
		t.fail(r, genericError)
		return me, l, false, false
	}
	return me, l, linked, true
}

// linkCommand answers link with a new code, or with the link there is,
// and link CODE by joining this account with the one that made the code.
func (h *Hub) linkCommand(t *turn, base Reply, m Message, _ prefs, cmd coach.Command) {
	r := base
	me, l, linked, ok := h.linkOf(t, r, m)
	if !ok {
		return
	}
	if len(cmd.Args) == 0 {
		if linked {
			o := l.Other(me)
			r.Text = fmt.Sprintf("This account is linked with your %s account (since %s): one history, one set of records and settings. To split them, say: %s",
				platformName(o.Platform), l.At.UTC().Format("2 Jan 2006"), base.say("unlink"))
			t.replies = append(t.replies, r)
			return
		}
		if m.Group && !m.Slash {
			// Said where others read it (no ephemeral answer), a code
			// would let anyone there link their own account to this one.
			t.fail(r, "Ask for a link code in a private chat with me (or with the /link command on Discord, which only you see): anyone in this chat could use a code shown here.")
			return
		}
		code := newLinkCode()
		t.change.LinkCode = &record.LinkCode{Code: code, User: me, Expires: h.now().Add(record.LinkCodeTTL)}
		r.Text = fmt.Sprintf("Your link code: %s\nWithin %d minutes, on your other platform, say: link %s\nThe two accounts then share one history, one set of records and this account's settings; unlink splits them again.",
			code, int(record.LinkCodeTTL.Minutes()), code)
		t.replies = append(t.replies, r)
		return
	}
	code, ok := linkCodeOf(cmd.Args)
	if !ok {
		t.fail(r, "A link code is 6 letters and digits, as link shows it on your other platform. Try: "+base.say(linkExample))
		return
	}
	c, found, err := h.store.LinkCode(code)
	if err != nil {
		h.log.Error("link", "err", err)
		t.fail(r, genericError)
		return
	}
	again := "Say link on your other platform for a new code, and type it here."
	switch {
	case !found:
		t.fail(r, "No such code: "+code+" is not a code link gave (or it was used). "+again)
	case !h.now().Before(c.Expires):
		t.fail(r, fmt.Sprintf("That code has expired: a code lasts %d minutes. %s", int(record.LinkCodeTTL.Minutes()), again))
	case c.User == me:
		t.fail(r, "That is this account's own code: type it on your other platform, to link that account with this one.")
	case c.User.Platform == me.Platform:
		t.fail(r, fmt.Sprintf("That code was made by another %s account: a link joins your accounts on two platforms, one on each. Type it on your account of another platform.", platformName(me.Platform)))
	case linked:
		t.fail(r, fmt.Sprintf("This account is linked with a %s account already, and a link joins one account of each platform. To link another, first say: %s",
			platformName(l.Other(me).Platform), base.say("unlink")))
	default:
		h.join(t, r, me, c)
	}
}

// join links me with the account that made code c, unless that one was
// linked since.
func (h *Hub) join(t *turn, r Reply, me record.User, c record.LinkCode) {
	if _, taken, err := h.store.Linked(c.User.Platform, c.User.UserID); err != nil {
		h.log.Error("link", "err", err)
		t.fail(r, genericError)
		return
	} else if taken {
		t.fail(r, fmt.Sprintf("The %s account that made that code is linked with another account already: unlink there first.", platformName(c.User.Platform)))
		return
	}
	own := h.ownStore()
	t.change.Link = &record.Link{First: c.User, Second: me, At: h.now()}
	// The pair's settings are the code maker's (First); when they never
	// set any, they adopt this account's.
	whose := platformName(c.User.Platform)
	if _, ok, err := own.Settings(c.User.Platform, c.User.UserID); err == nil && !ok {
		if s, ok, err := own.Settings(me.Platform, me.UserID); err == nil && ok {
			t.change.Settings = &record.UserSettings{Platform: c.User.Platform, UserID: c.User.UserID, Settings: s}
			whose = platformName(me.Platform)
		}
	}
	n, err1 := own.CountSets(me.Platform, me.UserID)
	k, err2 := own.CountSets(c.User.Platform, c.User.UserID)
	if err1 != nil || err2 != nil {
		h.log.Error("link: counting sets", "err", fmt.Sprint(err1, err2))
	}
	r.Text = fmt.Sprintf("Linked: this %s account and your %s account are one lifter now, here and there: one history (%s), one set of records, and your %s settings. To split them again, say: %s",
		platformName(me.Platform), platformName(c.User.Platform), coach.Plural(n+k, "set"), whose, r.say("unlink"))
	t.replies = append(t.replies, r)
}

// unlinkCommand splits a link: each account keeps the sets logged on it,
// and the Second gets a copy of the settings they shared.
func (h *Hub) unlinkCommand(t *turn, base Reply, m Message, _ prefs, _ coach.Command) {
	r := base
	me, l, linked, ok := h.linkOf(t, r, m)
	if !ok {
		return
	}
	if !linked {
		t.fail(r, "This account is not linked with another. To share one history with your account on another platform, say: "+base.say("link"))
		return
	}
	own := h.ownStore()
	t.change.Unlink = &me
	if s, ok, err := own.Settings(l.First.Platform, l.First.UserID); err == nil && ok {
		t.change.Settings = &record.UserSettings{Platform: l.Second.Platform, UserID: l.Second.UserID, Settings: s}
	}
	o := l.Other(me)
	n, err1 := own.CountSets(me.Platform, me.UserID)
	k, err2 := own.CountSets(o.Platform, o.UserID)
	if err1 != nil || err2 != nil {
		h.log.Error("unlink: counting sets", "err", fmt.Sprint(err1, err2))
	}
	r.Text = fmt.Sprintf("Unlinked: this %s account and your %s account are apart again. Each keeps the sets logged on it (here %s, on %s %s) and the settings you had.",
		platformName(me.Platform), platformName(o.Platform), coach.Plural(n, "set"), platformName(o.Platform), coach.Plural(k, "set"))
	t.replies = append(t.replies, r)
}

// linkedTo is the account linked to the sender's; nil for none.
func (h *Hub) linkedTo(m Message) *record.User {
	me := record.User{Platform: m.Platform, UserID: m.UserID}
	l, ok, err := h.store.Linked(me.Platform, me.UserID)
	if err != nil {
		h.log.Error("reading a link", "err", err)
	}
	if !ok {
		return nil
	}
	o := l.Other(me)
	return &o
}

// forgetWhere is where forget me deletes: the sender's platform, and
// the platform of the account linked to theirs, said first of all.
func (h *Hub) forgetWhere(m Message) string {
	if o := h.linkedTo(m); o != nil {
		return fmt.Sprintf("%s and on %s (both your linked accounts)", platformName(m.Platform), platformName(o.Platform))
	}
	return m.Platform
}
