package record

import "time"

// LinkCodeTTL is how long a link code is good for: long enough to open
// the other platform and type it, short enough that a code seen over a
// shoulder is soon worth nothing.
const LinkCodeTTL = 10 * time.Minute

// Link joins one lifter's accounts on two platforms: every read of their
// history answers for both, while each set stays kept under the account
// it was logged on (so that an unlink leaves each what was logged there).
// An account is in one link at most, and the two are of two platforms.
type Link struct {
	// First is the account that made the code, Second the one that typed
	// it. The pair's settings are First's (kept under First).
	First, Second User
	At            time.Time
}

// Has reports whether u is one of the link's accounts.
func (l Link) Has(u User) bool { return l.First == u || l.Second == u }

// Other is the account of the link that is not u.
func (l Link) Other(u User) User {
	if l.First == u {
		return l.Second
	}
	return l.First
}

// LinkCode is a one-time code an account made with link, for the
// lifter's account on another platform to type: once, before Expires.
type LinkCode struct {
	Code    string
	User    User
	Expires time.Time
}
