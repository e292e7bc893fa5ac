package telegram

import (
	"context"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/coach"
)

// Group admins: a Message's Admin says whether its sender may change the
// chat's settings. In a private chat the lifter always may; in a group,
// the group's creator and administrators may, as getChatMember says.
//
// Asking costs a request, so the adapter asks only for the commands whose
// handlers read Admin (coach.Verb.Admin: a gym change; "gym" alone only
// shows it), remembers each answer for adminTTL (a demoted admin keeps the
// right that long), bounded by memoryCap entries, and waits at most
// adminTimeout: the chat's inbox worker waits, never the update loop
// (deliver runs on the chat's worker), and on any failure the sender is
// not an admin, which is logged and not remembered.

const (
	adminTTL     = 10 * time.Minute
	adminTimeout = 5 * time.Second
)

// adminWords are the command words, every alias included, of the verbs
// whose handlers read Message.Admin (coach.Verb.Admin).
var adminWords = func() map[string]bool {
	words := map[string]bool{}
	for _, v := range coach.Verbs() {
		if v.Admin {
			for _, w := range v.Words {
				words[w] = true
			}
		}
	}
	return words
}()

// needsAdmin reports whether text is a command that changes the chat's
// settings, so that whether its sender is an admin matters: an admin
// verb followed by something ("/gym@SpotterBot kg plates 25x4").
func needsAdmin(text string) bool {
	f := strings.Fields(text)
	if len(f) < 2 {
		return false
	}
	w := strings.ToLower(strings.TrimPrefix(f[0], "/"))
	if i := strings.IndexByte(w, '@'); i >= 0 {
		w = w[:i]
	}
	return adminWords[strings.ReplaceAll(w, "_", "-")]
}

// memberKey is one user in one chat (the chat itself, not a topic: rights
// hold in every topic).
type memberKey struct{ chat, user int64 }

// adminAnswer is what getChatMember said, and when.
type adminAnswer struct {
	admin bool
	at    time.Time
}

// admins remembers getChatMember's answers. It is safe for concurrent use.
type admins struct {
	mu sync.Mutex
	l  *lru[memberKey, adminAnswer]
}

func newAdmins() *admins { return &admins{l: newLRU[memberKey, adminAnswer](memoryCap)} }

// get is the answer for k if it is younger than adminTTL at now.
func (c *admins) get(k memberKey, now time.Time) (admin, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.l.get(k)
	if !ok || now.Sub(a.at) >= adminTTL || now.Before(a.at) {
		return false, false
	}
	return a.admin, true
}

func (c *admins) put(k memberKey, admin bool, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.l.put(k, adminAnswer{admin, now})
}

// isAdmin reports whether user is the creator or an administrator of
// chat, from memory or getChatMember; false when that cannot be told.
func (a *Adapter) isAdmin(ctx context.Context, chat, user int64) bool {
	k := memberKey{chat, user}
	if admin, ok := a.admins.get(k, a.now()); ok {
		return admin
	}
	ctx, cancel := context.WithTimeout(ctx, adminTimeout)
	defer cancel()
	m, err := a.api.GetChatMember(ctx, &tgbot.GetChatMemberParams{ChatID: chat, UserID: user})
	if err != nil {
		a.log.Warn("getChatMember failed; the sender counts as no admin", "chat", chat, "user", user,
			"err", a.redactErr("getChatMember", err))
		return false
	}
	admin := m.Type == models.ChatMemberTypeOwner || m.Type == models.ChatMemberTypeAdministrator
	a.admins.put(k, admin, a.now())
	return admin
}
