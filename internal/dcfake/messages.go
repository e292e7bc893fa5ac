package dcfake

import (
	"fmt"
	"net/http"
	"strings"
	"unicode"
)

// The messages the fake knows, whoever made them: the bot's (channel
// messages, an interaction's responses and follow-ups) and the lifters'
// (injected with Say). A test asks what a message shows now (Stored),
// however it got there: a PATCH of the channel message, of an
// interaction's original response, or a type 7 callback (UPDATE_MESSAGE)
// on a button press. The fake keeps Discord's rules that rest on them:
// a reply (message_reference) to an unknown message is refused unless
// fail_if_not_exists is false, and a reaction needs a known message.

// Stored is a message as it stands.
type Stored struct {
	ID, ChannelID string
	Content       string
	// Author is the author's user id: the bot's, or a lifter's.
	Author string
	// Reference is the id of the message this one replies to (its
	// message_reference, when that message exists); "" for none.
	Reference string
	// Edits counts the changes after it was created (PATCH, type 7).
	Edits int
	// Updates counts the type 7 callbacks among Edits.
	Updates int
	// Reactions are the emoji the bot put on it, in order.
	Reactions []string
	Deleted   bool
}

// Stored returns the message with id as it stands now.
func (s *Server) Stored(id string) (Stored, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.msgs[id]
	if m == nil {
		return Stored{}, false
	}
	out := *m
	out.Reactions = append([]string(nil), m.Reactions...)
	return out, true
}

// Reactions are the emoji the bot put on message id.
func (s *Server) Reactions(id string) []string {
	m, _ := s.Stored(id)
	return m.Reactions
}

// RefuseReactions makes the fake refuse the bot's reactions in channel
// ("" every channel) with 403 Missing Permissions (50013), as Discord
// does where the bot lacks Add Reactions; off again with false.
func (s *Server) RefuseReactions(channel string, refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if refuse {
		s.noReactions[channel] = true
	} else {
		delete(s.noReactions, channel)
	}
}

// ForbidChannel makes the fake refuse the bot's channel messages and
// reactions in channel with 403 Missing Access (50001), as Discord does
// where the bot is no member: a channel of a server that did not add
// the bot, where a lifter uses it as a user-installed app (interaction
// responses and follow-ups, which are webhooks, still work there).
func (s *Server) ForbidChannel(channel string, forbid bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if forbid {
		s.forbidden[channel] = true
	} else {
		delete(s.forbidden, channel)
	}
}

// SetUploadLimit sets the largest upload (the sum of a request's files,
// in bytes) the fake takes; a larger one is answered 413 with Discord's
// code 40005 (Request entity too large). 0 is Discord's 10 MiB, a
// negative limit refuses every upload with a file.
func (s *Server) SetUploadLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.uploadLimit = n
}

// DefaultUploadLimit is Discord's upload limit in a server without boosts.
const DefaultUploadLimit = 10 << 20

// tooLarge answers a request whose files pass the upload limit; ok is
// false when they fit. s.mu is held.
func (s *Server) tooLarge(r *Request) (Response, bool) {
	if len(r.Files) == 0 {
		return Response{}, false
	}
	limit := s.uploadLimit
	if limit == 0 {
		limit = DefaultUploadLimit
	}
	size := 0
	for _, f := range r.Files {
		size += len(f.Data)
	}
	if limit > 0 && size <= limit {
		return Response{}, false
	}
	return s.status(r, http.StatusRequestEntityTooLarge, discordError("Request entity too large", 40005), nil), true
}

// created records a message the fake made or was told of; s.mu is held.
func (s *Server) created(channel, id, author string, r *Request) *Stored {
	m := &Stored{ID: id, ChannelID: channel, Author: author}
	if r != nil {
		m.Content, _ = r.payload()["content"].(string)
		if ref, ok := r.Reference(); ok && s.msgs[ref.MessageID] != nil {
			m.Reference = ref.MessageID
		}
	}
	s.msgs[id] = m
	return m
}

// edited records an edit of message id by r (a PATCH or a type 7
// callback); a message the fake did not know is learnt. s.mu is held.
func (s *Server) edited(channel, id string, r *Request) {
	m := s.msgs[id]
	if m == nil {
		m = s.created(channel, id, s.cfg.BotID, nil)
	}
	if c, ok := r.payload()["content"].(string); ok {
		m.Content = c
	}
	m.Edits++
	if r.CallbackType() == 7 {
		m.Updates++
	}
}

// checkReference applies Discord's rules for a reply's message_reference
// in channel; it returns the answer when the message is refused. s.mu is
// held.
func (s *Server) checkReference(r *Request, channel string) (Response, bool) {
	ref, ok := r.Reference()
	if !ok {
		return Response{}, false
	}
	if ref.ChannelID != "" && ref.ChannelID != channel {
		return s.status(r, 400, discordError("Invalid Form Body: message_reference: Cannot reply to a message in another channel (REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL)", 50035), nil), true
	}
	if m := s.msgs[ref.MessageID]; (m == nil || m.Deleted || m.ChannelID != channel) && ref.FailIfNotExists {
		return s.status(r, 400, discordError("Invalid Form Body: message_reference: Unknown message (REPLIES_UNKNOWN_MESSAGE)", 50035), nil), true
	}
	return Response{}, false
}

// reaction answers PUT /channels/{c}/messages/{m}/reactions/{emoji}/@me.
func (s *Server) reaction(r *Request, seg []string) Response {
	ch, id, emoji := seg[1], seg[3], seg[5]
	if r.Method != "PUT" || seg[6] != "@me" {
		return s.status(r, 405, discordError("405: Method Not Allowed", 0), nil)
	}
	if s.forbidden[ch] {
		return s.status(r, 403, discordError("Missing Access", 50001), nil)
	}
	m := s.msgs[id]
	if m == nil || m.Deleted || m.ChannelID != ch {
		return s.status(r, 404, discordError("Unknown Message", 10008), nil)
	}
	if !knownEmoji(emoji) {
		return s.status(r, 400, discordError("Unknown Emoji", 10014), nil)
	}
	if s.noReactions[ch] || s.noReactions[""] {
		return s.status(r, 403, discordError("Missing Permissions", 50013), nil)
	}
	for _, e := range m.Reactions {
		if e == emoji {
			return s.status(r, 204, "", nil) // adding it again changes nothing
		}
	}
	m.Reactions = append(m.Reactions, emoji)
	return s.status(r, 204, "", nil)
}

// knownEmoji reports whether Discord would take emoji: a Unicode emoji
// (anything with a character beyond ASCII; "thumbsup" or ":+1:" are
// refused), or a custom one as name:id.
func knownEmoji(emoji string) bool {
	if name, id, ok := strings.Cut(emoji, ":"); ok {
		return name != "" && id != "" && strings.Trim(id, "0123456789") == ""
	}
	for _, c := range emoji {
		if c > unicode.MaxASCII {
			return true
		}
	}
	return false
}

// Reference is a message's message_reference.
type Reference struct {
	MessageID, ChannelID string
	// FailIfNotExists is Discord's default, true, unless the message says
	// false.
	FailIfNotExists bool
}

// Reference is the message_reference the call sends, if any.
func (r *Request) Reference() (Reference, bool) {
	m, ok := r.payload()["message_reference"].(map[string]any)
	if !ok {
		return Reference{}, false
	}
	ref := Reference{FailIfNotExists: true}
	ref.MessageID = fmt.Sprint(m["message_id"])
	if c, ok := m["channel_id"].(string); ok {
		ref.ChannelID = c
	}
	if f, ok := m["fail_if_not_exists"].(bool); ok {
		ref.FailIfNotExists = f
	}
	return ref, true
}

// Emoji is a reaction call's emoji; "" for other calls.
func (r *Request) Emoji() string {
	if s := r.segs(); len(s) == 7 && s[0] == "channels" && s[4] == "reactions" {
		return s[5]
	}
	return ""
}

// Reaction matches PUT .../messages/{message}/reactions/{emoji}/@me
// ("" any message).
func Reaction(message string) Match {
	return func(r *Request) bool {
		s := r.segs()
		return r.Method == "PUT" && len(s) == 7 && s[0] == "channels" && s[4] == "reactions" && (message == "" || s[3] == message)
	}
}

// Update matches a type 7 callback (UPDATE_MESSAGE: the answer to a
// button press that edits the message the button is on) for the
// interaction id ("" any).
func Update(interactionID string) Match {
	return func(r *Request) bool { return Callback(interactionID)(r) && r.CallbackType() == 7 }
}
