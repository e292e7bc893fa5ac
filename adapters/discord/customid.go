package discord

import (
	"strings"
	"unicode/utf8"
)

// A button's custom_id carries what the hub needs when it is pressed:
//
//	sp:<session>:<data>
//
// "sp:" marks Spotter's buttons, so components of other apps' messages
// (or older formats) are ignored. <session> is the session the message
// shows, empty for a message about no session (a plan's Start): a press
// whose reply is about the same session edits that message in place.
// <data> is the hub's Button.Data, sent back as the Message text.
const customIDPrefix = "sp:"

// maxCustomID is Discord's limit for a custom_id (1-100 characters);
// counted in bytes here, which is never less.
const maxCustomID = 100

// encodeCustomID builds the custom_id for a button. A session id that
// contains ':' or does not fit is left out (the press then posts a new
// message instead of editing). ok is false when data itself is empty,
// not valid UTF-8, or too long.
func encodeCustomID(session, data string) (id string, ok bool) {
	if data == "" || !utf8.ValidString(data) || len(customIDPrefix)+1+len(data) > maxCustomID {
		return "", false
	}
	if strings.Contains(session, ":") || !utf8.ValidString(session) ||
		len(customIDPrefix)+len(session)+1+len(data) > maxCustomID {
		session = ""
	}
	return customIDPrefix + session + ":" + data, true
}

// decodeCustomID reads a custom_id made by encodeCustomID; ok is false
// for anything else.
func decodeCustomID(id string) (session, data string, ok bool) {
	if len(id) > maxCustomID {
		return "", "", false
	}
	rest, found := strings.CutPrefix(id, customIDPrefix)
	if !found {
		return "", "", false
	}
	session, data, found = strings.Cut(rest, ":")
	if !found || data == "" || !utf8.ValidString(rest) {
		return "", "", false
	}
	return session, data, true
}
