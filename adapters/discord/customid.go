package discord

import (
	"strings"
	"unicode/utf8"
)

// A button's custom_id carries what the hub needs when it is pressed,
// whose button it is included, so that a press is checked against its
// owner with nothing remembered: a restart, or another shard's process,
// changes nothing.
//
//	sp2:<owner>:<session>:<data>
//
// "sp2:" marks Spotter's buttons, so components of other apps' messages
// are ignored. <owner> is the Discord user id (a snowflake, in decimal)
// of the one lifter whose press acts, or empty for buttons several
// lifters share (a merged message in a busy channel: its session buttons
// act on whoever presses them). <session> is the session the message
// shows, empty for a message about no session (a plan's Start); it is
// read for nothing now: whether a press's answer edits the pressed
// message is the hub's call (bot.Reply.Edit), and the field stays so
// that buttons already sent keep working.
// <data> is the hub's Button.Data, sent back as the Message text,
// whatever it holds (a ':' too). Discord takes 100 characters and user
// ids have at most 20 digits, so any data of up to 74 bytes fits; the
// session goes when it does not. A feature that adds buttons needs
// nothing more here: its data rides in <data>.
//
// "sp:<session>:<data>" is the format of a Spotter that kept no owner:
// whose such a button is cannot be known, so a press on it is refused
// with a line asking for the command again, never acted on as the
// presser.
const customIDPrefix = "sp2:"

// oldCustomIDPrefix marks the buttons of a Spotter that kept no owner.
const oldCustomIDPrefix = "sp:"

// maxCustomID is Discord's limit for a custom_id (1-100 characters);
// counted in bytes here, which is never less.
const maxCustomID = 100

// encodeCustomID builds the custom_id for a button that acts only for
// owner (a user id, or "" for anyone). A session id that contains ':' or
// does not fit is left out (nothing depends on it; see above). ok is
// false when data itself is empty, not valid UTF-8 or too long, or owner
// is not a user id.
func encodeCustomID(owner, session, data string) (id string, ok bool) {
	if owner != "" && !snowflake.MatchString(owner) {
		return "", false
	}
	head := customIDPrefix + owner + ":"
	if data == "" || !utf8.ValidString(data) || len(head)+1+len(data) > maxCustomID {
		return "", false
	}
	if strings.Contains(session, ":") || !utf8.ValidString(session) ||
		len(head)+len(session)+1+len(data) > maxCustomID {
		session = ""
	}
	return head + session + ":" + data, true
}

// decodeCustomID reads a custom_id made by encodeCustomID; ok is false
// for anything else, an older Spotter's buttons included (see
// oldCustomID).
func decodeCustomID(id string) (owner, session, data string, ok bool) {
	if len(id) > maxCustomID || !utf8.ValidString(id) {
		return "", "", "", false
	}
	rest, found := strings.CutPrefix(id, customIDPrefix)
	if !found {
		return "", "", "", false
	}
	owner, rest, found = strings.Cut(rest, ":")
	if !found || owner != "" && !snowflake.MatchString(owner) {
		return "", "", "", false
	}
	session, data, found = strings.Cut(rest, ":")
	if !found || data == "" {
		return "", "", "", false
	}
	return owner, session, data, true
}

// oldCustomID reports whether id is a button of a Spotter that kept no
// owner in it.
func oldCustomID(id string) bool {
	return strings.HasPrefix(id, oldCustomIDPrefix)
}
