package dcfake

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Request is one recorded REST call. It is never changed once recorded,
// so it may be read without locks.
type Request struct {
	N      int    // 1-based order of arrival
	Method string // GET, POST, PATCH, PUT, DELETE
	Path   string // after /api/v9, e.g. "/channels/1/messages"
	Query  string
	Auth   string         // the Authorization header
	Body   map[string]any // a JSON object body, or a multipart payload_json
	List   []any          // a JSON array body (a bulk overwrite)
	Files  []File         // multipart files
	Status int            // the status answered
	// Fault says why the call failed when the fake was told to fail it:
	// "429", "5xx", "limit" (ChannelLimit) or "hook"; empty otherwise.
	Fault string
	// RespID is the id of the message created or edited, or of the DM
	// channel opened.
	RespID string
	At     time.Time
}

// File is one multipart file of a request.
type File struct {
	Field string // "files[0]"
	Name  string
	Type  string // Content-Type
	Data  []byte
}

// OK reports whether the call succeeded (status below 300).
func (r *Request) OK() bool { return r.Status >= 200 && r.Status < 300 }

// segs are the path's segments.
func (r *Request) segs() []string { return strings.Split(strings.Trim(r.Path, "/"), "/") }

// payload is the message the call sends: the body, or an interaction
// callback's data.
func (r *Request) payload() map[string]any {
	if d, ok := r.Body["data"].(map[string]any); ok && r.isCallback() {
		return d
	}
	return r.Body
}

func (r *Request) isCallback() bool {
	s := r.segs()
	return len(s) == 4 && s[0] == "interactions" && s[3] == "callback"
}

// Content is the message content sent.
func (r *Request) Content() string {
	c, _ := r.payload()["content"].(string)
	return c
}

// Flags are the message flags sent (64 is ephemeral).
func (r *Request) Flags() int {
	f, _ := r.payload()["flags"].(float64)
	return int(f)
}

// Ephemeral reports whether the message is ephemeral (flag 64).
func (r *Request) Ephemeral() bool { return r.Flags()&64 != 0 }

// CallbackType is an interaction callback's type (4 message, 5 deferred
// message, 6 deferred update, 7 update, 8 autocomplete result); 0 for
// other calls.
func (r *Request) CallbackType() int {
	if !r.isCallback() {
		return 0
	}
	t, _ := r.Body["type"].(float64)
	return int(t)
}

// Token is the interaction token of a webhook or callback call; "" for
// other calls.
func (r *Request) Token() string {
	s := r.segs()
	switch {
	case len(s) >= 3 && s[0] == "webhooks":
		return s[2]
	case len(s) == 4 && s[0] == "interactions":
		return s[2]
	}
	return ""
}

// AllowedMentions is a message's allowed_mentions.
type AllowedMentions struct {
	Present     bool     // the message has allowed_mentions
	Parse       []string // nil when absent
	HasParse    bool
	Users       []string
	Roles       []string
	HasRoles    bool
	RepliedUser bool
}

// AllowedMentions is the message's allowed_mentions.
func (r *Request) AllowedMentions() AllowedMentions {
	var am AllowedMentions
	m, ok := r.payload()["allowed_mentions"].(map[string]any)
	if !ok {
		return am
	}
	am.Present = true
	strs := func(v any) []string {
		l, _ := v.([]any)
		out := make([]string, 0, len(l))
		for _, x := range l {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	if v, ok := m["parse"]; ok && v != nil {
		am.Parse, am.HasParse = strs(v), true
	}
	am.Users = strs(m["users"])
	if v, ok := m["roles"]; ok && v != nil {
		am.Roles, am.HasRoles = strs(v), true
	}
	am.RepliedUser, _ = m["replied_user"].(bool)
	return am
}

// CheckMentions returns nil when the message can ping exactly users and
// nobody else: allowed_mentions present with "parse": [] (no @everyone,
// @here, roles or other users), no roles, and users as given (in any
// order); else an error that says what is wrong.
func (r *Request) CheckMentions(users ...string) error {
	am := r.AllowedMentions()
	switch {
	case !am.Present:
		return fmt.Errorf("%s %s: no allowed_mentions (a message pings everyone it names)", r.Method, r.Path)
	case !am.HasParse || len(am.Parse) != 0:
		return fmt.Errorf("%s %s: allowed_mentions.parse = %v, want []", r.Method, r.Path, am.Parse)
	case len(am.Roles) != 0:
		return fmt.Errorf("%s %s: allowed_mentions.roles = %v, want none", r.Method, r.Path, am.Roles)
	}
	got, want := slices.Clone(am.Users), slices.Clone(users)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		return fmt.Errorf("%s %s: allowed_mentions.users = %v, want %v", r.Method, r.Path, am.Users, users)
	}
	return nil
}

// Button is one component of a message.
type Button struct {
	Type     int // 2 button, 3 string select, ...
	Style    int
	Label    string
	CustomID string
	URL      string
	Disabled bool
	Row      int
}

// Buttons are the message's components in order, with their rows.
func (r *Request) Buttons() []Button {
	var out []Button
	rows, _ := r.payload()["components"].([]any)
	for i, row := range rows {
		rm, _ := row.(map[string]any)
		comps, _ := rm["components"].([]any)
		for _, c := range comps {
			cm, _ := c.(map[string]any)
			b := Button{Row: i}
			t, _ := cm["type"].(float64)
			st, _ := cm["style"].(float64)
			b.Type, b.Style = int(t), int(st)
			b.Label, _ = cm["label"].(string)
			b.CustomID, _ = cm["custom_id"].(string)
			b.URL, _ = cm["url"].(string)
			b.Disabled, _ = cm["disabled"].(bool)
			out = append(out, b)
		}
	}
	return out
}

// CustomID is the custom_id of the button labelled label; "" if none.
func (r *Request) CustomID(label string) string {
	for _, b := range r.Buttons() {
		if b.Label == label {
			return b.CustomID
		}
	}
	return ""
}

// HasComponents reports whether the message's components field was sent
// (an empty list clears a message's buttons).
func (r *Request) HasComponents() bool {
	_, ok := r.payload()["components"]
	return ok
}

// Embeds are the message's embeds.
func (r *Request) Embeds() []map[string]any {
	l, _ := r.payload()["embeds"].([]any)
	var out []map[string]any
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// EmbedImages are the image URLs of the message's embeds
// ("attachment://chart.png").
func (r *Request) EmbedImages() []string {
	var out []string
	for _, e := range r.Embeds() {
		if im, ok := e["image"].(map[string]any); ok {
			if u, ok := im["url"].(string); ok {
				out = append(out, u)
			}
		}
	}
	return out
}

// File is the uploaded file named name, if any.
func (r *Request) File(name string) (File, bool) {
	for _, f := range r.Files {
		if f.Name == name {
			return f, true
		}
	}
	return File{}, false
}

// Choices are an autocomplete result's choices as name -> value.
func (r *Request) Choices() []Choice {
	l, _ := r.payload()["choices"].([]any)
	out := make([]Choice, 0, len(l))
	for _, c := range l {
		m, _ := c.(map[string]any)
		name, _ := m["name"].(string)
		out = append(out, Choice{Name: name, Value: m["value"]})
	}
	return out
}

// Choice is one autocomplete choice.
type Choice struct {
	Name  string
	Value any
}

// String is a one-line summary.
func (r *Request) String() string {
	body, _ := json.Marshal(r.Body)
	if r.List != nil {
		body, _ = json.Marshal(r.List)
	}
	if len(body) > 300 {
		body = append(body[:300], "..."...)
	}
	f := ""
	if r.Fault != "" {
		f = " (" + r.Fault + ")"
	}
	return fmt.Sprintf("#%d %s %s -> %d%s %s", r.N, r.Method, r.Path, r.Status, f, body)
}

// Match selects recorded calls. A nil Match selects all. Waits run it
// under the server's lock: it must only look at the Request.
type Match func(*Request) bool

// All matches calls that every m matches.
func All(ms ...Match) Match {
	return func(r *Request) bool {
		for _, m := range ms {
			if m != nil && !m(r) {
				return false
			}
		}
		return true
	}
}

// Any matches calls that some m matches.
func Any(ms ...Match) Match {
	return func(r *Request) bool {
		for _, m := range ms {
			if m == nil || m(r) {
				return true
			}
		}
		return false
	}
}

// Route matches a method ("" any) and a path prefix.
func Route(method, pathPrefix string) Match {
	return func(r *Request) bool {
		return (method == "" || r.Method == method) && strings.HasPrefix(r.Path, pathPrefix)
	}
}

// Succeeded matches calls answered below 300.
func Succeeded(r *Request) bool { return r.OK() }

// Faulted matches calls failed by fault injection, ChannelLimit or a hook.
func Faulted(r *Request) bool { return r.Fault != "" }

// ContentContains matches messages whose content contains s.
func ContentContains(s string) Match {
	return func(r *Request) bool { return strings.Contains(r.Content(), s) }
}

// ChannelMessage matches POST /channels/{channel}/messages; channel ""
// matches every channel.
func ChannelMessage(channel string) Match {
	return func(r *Request) bool {
		s := r.segs()
		return r.Method == "POST" && len(s) == 3 && s[0] == "channels" && s[2] == "messages" && (channel == "" || s[1] == channel)
	}
}

// Callback matches POST /interactions/{id}/{token}/callback for the
// interaction id ("" any).
func Callback(interactionID string) Match {
	return func(r *Request) bool {
		s := r.segs()
		return r.Method == "POST" && r.isCallback() && (interactionID == "" || s[1] == interactionID)
	}
}

// Webhook matches every call on an interaction token's webhook ("" any):
// edits, follow-ups, deletions.
func Webhook(token string) Match {
	return func(r *Request) bool {
		s := r.segs()
		return len(s) >= 3 && s[0] == "webhooks" && (token == "" || s[2] == token)
	}
}

// Original matches PATCH /webhooks/{app}/{token}/messages/@original: an
// edit of the interaction's original response ("" any token).
func Original(token string) Match {
	return func(r *Request) bool {
		s := r.segs()
		return r.Method == "PATCH" && len(s) == 5 && s[0] == "webhooks" && (token == "" || s[2] == token) && s[4] == "@original"
	}
}

// DeleteOriginal matches DELETE /webhooks/{app}/{token}/messages/@original.
func DeleteOriginal(token string) Match {
	return func(r *Request) bool {
		s := r.segs()
		return r.Method == "DELETE" && len(s) == 5 && s[0] == "webhooks" && (token == "" || s[2] == token) && s[4] == "@original"
	}
}

// FollowUp matches POST /webhooks/{app}/{token}: a follow-up message
// ("" any token).
func FollowUp(token string) Match {
	return func(r *Request) bool {
		s := r.segs()
		return r.Method == "POST" && len(s) == 3 && s[0] == "webhooks" && (token == "" || s[2] == token)
	}
}

// BulkOverwrite matches PUT .../commands for a guild ("" global).
func BulkOverwrite(guild string) Match {
	return func(r *Request) bool {
		s := r.segs()
		if r.Method != "PUT" || len(s) < 3 || s[0] != "applications" || s[len(s)-1] != "commands" {
			return false
		}
		if guild == "" {
			return len(s) == 3
		}
		return len(s) == 5 && s[3] == guild
	}
}

// Sends matches the calls that send or change a message: channel
// messages (POST, PATCH), DMs opened, and webhook follow-ups and edits.
// It is the default target of fault injection.
func Sends(r *Request) bool {
	s := r.segs()
	switch {
	case len(s) >= 3 && s[0] == "channels" && s[2] == "messages":
		return r.Method == "POST" || r.Method == "PATCH"
	case len(s) >= 3 && s[0] == "webhooks":
		return r.Method == "POST" || r.Method == "PATCH"
	}
	return false
}

// Requests returns the recorded calls m matches, in order.
func (s *Server) Requests(m Match) []*Request {
	s.mu.Lock()
	all := s.reqs
	s.mu.Unlock()
	var out []*Request
	for _, r := range all {
		if m == nil || m(r) {
			out = append(out, r)
		}
	}
	return out
}

// Count is the number of recorded calls m matches.
func (s *Server) Count(m Match) int {
	s.mu.Lock()
	all := s.reqs
	s.mu.Unlock()
	n := 0
	for _, r := range all {
		if m == nil || m(r) {
			n++
		}
	}
	return n
}

// Since returns the calls recorded after the first n (for a consumer that
// follows the stream); the next n is n+len(result).
func (s *Server) Since(n int) []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n >= len(s.reqs) {
		return nil
	}
	return s.reqs[max(n, 0):len(s.reqs):len(s.reqs)]
}

// WaitSince waits until more than n calls are recorded and returns those
// after the first n.
func (s *Server) WaitSince(ctx context.Context, n int) ([]*Request, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.waitLocked(ctx, func() bool { return len(s.reqs) > n }); err != nil {
		return nil, err
	}
	return s.reqs[max(n, 0):len(s.reqs):len(s.reqs)], nil
}

// WaitRequest waits for the n-th (1-based) call that m matches and
// returns it. It looks at each recorded call once.
func (s *Server) WaitRequest(ctx context.Context, n int, m Match) (*Request, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	seen, k := 0, 0
	var got *Request
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.waitLocked(ctx, func() bool {
		for ; seen < len(s.reqs); seen++ {
			if r := s.reqs[seen]; m == nil || m(r) {
				if k++; k == n {
					got = r
					return true
				}
			}
		}
		return false
	})
	if err != nil {
		return nil, fmt.Errorf("dcfake: waiting for call %d of a match (saw %d): %w\n%s", n, k, err, s.dumpLocked())
	}
	return got, nil
}

// Dump lists the last 60 recorded calls, one a line.
func (s *Server) Dump() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dumpLocked()
}

func (s *Server) dumpLocked() string {
	var b strings.Builder
	from := max(0, len(s.reqs)-60)
	if from > 0 {
		fmt.Fprintf(&b, "  ... %d earlier calls\n", from)
	}
	for _, r := range s.reqs[from:] {
		b.WriteString("  ")
		b.WriteString(r.String())
		b.WriteByte('\n')
	}
	return b.String()
}
