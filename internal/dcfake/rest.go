package dcfake

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Faults makes the fake fail a fraction of the calls Match selects, as
// Discord does under load. Each matching call draws from the server's
// seeded source, in arrival order: with probability Rate429 it is
// answered 429 with Discord's headers (Retry-After, X-RateLimit-Limit,
// -Remaining: 0, -Reset, -Reset-After, -Bucket, -Scope, -Global when
// Global) and body ({"message", "retry_after", "global"}); else with
// probability Rate5xx one of Codes5xx. Faulted calls have no effect.
type Faults struct {
	Rate429, Rate5xx float64
	// RetryAfter is the retry_after of a 429; 1 s when 0.
	RetryAfter time.Duration
	// Global makes the 429s global rate limits.
	Global bool
	// Codes5xx are the 5xx statuses to pick from; 500, 502 and 503 when
	// empty (discordgo retries a 502 itself).
	Codes5xx []int
	// Match selects the calls that may fail; Sends when nil.
	Match Match
	// For ends the faults after this long; 0 is until SetFaults again.
	For time.Duration
	// Seed, when not 0, restarts the server's fault source from this
	// seed, so that this SetFaults' pattern does not depend on the draws
	// made before it; 0 goes on with the source (seeded by Config.Seed).
	Seed uint64
}

// SetFaults replaces the fault injection; Faults{} turns it off.
func (s *Server) SetFaults(f Faults) {
	if f.RetryAfter <= 0 {
		f.RetryAfter = time.Second
	}
	if len(f.Codes5xx) == 0 {
		f.Codes5xx = []int{500, 502, 503}
	}
	if f.Match == nil {
		f.Match = Sends
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = f
	if f.Seed != 0 {
		s.rng = newSource(f.Seed)
	}
	s.faultsTill = time.Time{}
	if f.For > 0 {
		s.faultsTill = time.Now().Add(f.For)
	}
}

// SetHook installs a hook that may answer calls instead of the fake; nil
// removes it.
func (s *Server) SetHook(h Hook) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook = h
}

// interaction is a dispatched interaction, for the callback and webhook
// rules.
type interaction struct {
	id, token string
	typ       int
	channel   string
	messageID string // a component's message
	at        time.Time
	acked     bool
	original  string // the original response's message id; "" when none
	// deferred: answered with type 5 and the response not yet written;
	// the first follow-up then becomes the response, as on Discord.
	deferred bool
	expired  bool
}

type attachmentData struct {
	typ  string
	data []byte
}

// window is a channel's recent message times, oldest first.
type window struct{ times []time.Time }

// discordError is Discord's JSON error body.
func discordError(msg string, code int) string {
	return jsonString(map[string]any{"message": msg, "code": code})
}

func (s *Server) serveREST(w http.ResponseWriter, hr *http.Request) {
	r := &Request{Method: hr.Method, Path: strings.TrimPrefix(hr.URL.Path, "/api/v9"), Query: hr.URL.RawQuery,
		Auth: hr.Header.Get("Authorization"), At: s.Now()}
	if err := readBody(hr, r); err != nil {
		r.Status = http.StatusBadRequest
		s.record(r)
		writeJSON(w, r.Status, discordError("dcfake: unreadable body: "+err.Error(), 50109), nil)
		return
	}
	resp := s.answer(r)
	s.record(r)
	writeJSON(w, resp.Status, resp.Body, resp.Header)
}

func writeJSON(w http.ResponseWriter, status int, body string, hdr http.Header) {
	for k, v := range hdr {
		w.Header()[k] = v
	}
	if status == http.StatusNoContent || body == "" {
		w.WriteHeader(status)
		return
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// record appends r (complete and never changed again).
func (s *Server) record(r *Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Requests++
	r.N = len(s.reqs) + 1
	s.reqs = append(s.reqs, r)
	s.changed()
}

// readBody decodes a JSON or multipart body into r.
func readBody(hr *http.Request, r *Request) error {
	defer io.Copy(io.Discard, hr.Body)
	ct, params, _ := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var v any
		if err := json.NewDecoder(hr.Body).Decode(&v); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		switch v := v.(type) {
		case map[string]any:
			r.Body = v
		case []any:
			r.List = v
		}
	case "multipart/form-data":
		mr := multipart.NewReader(hr.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return err
			}
			if p.FormName() == "payload_json" {
				if err := json.Unmarshal(data, &r.Body); err != nil {
					return err
				}
				continue
			}
			r.Files = append(r.Files, File{Field: p.FormName(), Name: p.FileName(), Type: p.Header.Get("Content-Type"), Data: data})
		}
	}
	return nil
}

// answer is the fake's REST behaviour: hook, faults, rules, then the
// call's effect.
func (s *Server) answer(r *Request) Response {
	s.mu.Lock()
	hook := s.hook
	s.mu.Unlock()
	if hook != nil {
		if resp := hook(r); resp != nil {
			r.Status, r.Fault = resp.Status, "hook"
			s.mu.Lock()
			s.stats.Hooked++
			s.mu.Unlock()
			return *resp
		}
	}
	seg := strings.Split(strings.Trim(r.Path, "/"), "/")
	public := len(seg) > 0 && (seg[0] == "webhooks" || seg[0] == "interactions")
	if !public && strings.TrimPrefix(r.Auth, "Bot ") != s.token {
		return s.status(r, 401, discordError("401: Unauthorized", 0), nil)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if resp, ok := s.fault(r); ok {
		return resp
	}
	return s.route(r, seg)
}

// status sets r's status and builds the answer.
func (s *Server) status(r *Request, code int, body string, hdr http.Header) Response {
	r.Status = code
	return Response{Status: code, Body: body, Header: hdr}
}

// fault draws for r when faults are on; s.mu is held.
func (s *Server) fault(r *Request) (Response, bool) {
	f := s.faults
	if f.Rate429 <= 0 && f.Rate5xx <= 0 {
		return Response{}, false
	}
	if !s.faultsTill.IsZero() && time.Now().After(s.faultsTill) {
		s.faults = Faults{}
		return Response{}, false
	}
	if !f.Match(r) {
		return Response{}, false
	}
	x := s.rng.Float64()
	switch {
	case x < f.Rate429:
		s.stats.Faults429++
		r.Fault = "429"
		resp := s.tooMany(r, f.RetryAfter, f.Global, "user")
		return resp, true
	case x < f.Rate429+f.Rate5xx:
		s.stats.Faults5xx++
		r.Fault = "5xx"
		code := f.Codes5xx[s.rng.IntN(len(f.Codes5xx))]
		if code == http.StatusBadGateway {
			return s.status(r, code, "<html><body><h1>502 Bad Gateway</h1></body></html>", http.Header{"Content-Type": {"text/html"}}), true
		}
		return s.status(r, code, discordError(fmt.Sprintf("%d: %s", code, http.StatusText(code)), 0), nil), true
	}
	return Response{}, false
}

// tooMany is a 429 as Discord sends it.
func (s *Server) tooMany(r *Request, after time.Duration, global bool, scope string) Response {
	secs := after.Seconds()
	hdr := http.Header{}
	hdr.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
	hdr.Set("X-RateLimit-Limit", "5")
	hdr.Set("X-RateLimit-Remaining", "0")
	hdr.Set("X-RateLimit-Reset", strconv.FormatFloat(float64(time.Now().Add(after).UnixMilli())/1000, 'f', 3, 64))
	hdr.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	hdr.Set("X-RateLimit-Bucket", bucketOf(r.Path))
	hdr.Set("X-RateLimit-Scope", scope)
	if global {
		hdr.Set("X-RateLimit-Global", "true")
		hdr.Set("X-RateLimit-Scope", "global")
	}
	body := jsonString(map[string]any{"message": "You are being rate limited.", "retry_after": math.Round(secs*1000) / 1000, "global": global})
	return s.status(r, http.StatusTooManyRequests, body, hdr)
}

// bucketOf is a stable bucket hash for a route.
func bucketOf(path string) string {
	var h uint64 = 1469598103934665603
	for i := 0; i < len(path); i++ {
		h ^= uint64(path[i])
		h *= 1099511628211
	}
	return strconv.FormatUint(h, 36)
}

// route answers r; s.mu is held.
func (s *Server) route(r *Request, seg []string) Response {
	n := len(seg)
	switch {
	case r.Method == "GET" && r.Path == "/gateway":
		return s.status(r, 200, jsonString(map[string]any{"url": s.wsURL()}), nil)
	case r.Method == "GET" && r.Path == "/gateway/bot":
		return s.status(r, 200, jsonString(map[string]any{"url": s.wsURL(), "shards": s.cfg.Shards,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": s.cfg.MaxConcurrency}}), nil)
	case r.Method == "GET" && r.Path == "/users/@me":
		return s.status(r, 200, jsonString(s.botUser()), nil)
	case r.Method == "POST" && r.Path == "/users/@me/channels":
		return s.openDM(r)
	case n >= 3 && seg[0] == "applications" && seg[n-1] == "commands" && (n == 3 || n == 5 && seg[2] == "guilds"):
		return s.commandsCall(r, seg)
	case n == 4 && seg[0] == "interactions" && seg[3] == "callback" && r.Method == "POST":
		return s.callback(r, seg[1], seg[2])
	case n >= 3 && seg[0] == "webhooks":
		return s.webhook(r, seg)
	case n == 7 && seg[0] == "channels" && seg[2] == "messages" && seg[4] == "reactions":
		return s.reaction(r, seg)
	case n >= 3 && seg[0] == "channels" && seg[2] == "messages":
		return s.channelMessage(r, seg)
	}
	return s.status(r, 404, discordError("404: Not Found", 0), nil)
}

func (s *Server) wsURL() string { return "ws" + strings.TrimPrefix(s.url, "http") + "/gateway" }

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.cfg.BotID, "username": s.cfg.BotName, "discriminator": "0", "bot": true}
}

func (s *Server) openDM(r *Request) Response {
	user, _ := r.Body["recipient_id"].(string)
	if user == "" {
		return s.status(r, 400, discordError("Invalid Form Body", 50035), nil)
	}
	ch, ok := s.dms[user]
	if !ok {
		ch = s.newID()
		s.dms[user] = ch
	}
	r.RespID = ch
	return s.status(r, 200, jsonString(map[string]any{"id": ch, "type": 1, "recipients": []any{map[string]any{"id": user}}}), nil)
}

// DMChannel is the DM channel the bot opened with user; "" if none.
func (s *Server) DMChannel(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dms[user]
}

func (s *Server) commandsCall(r *Request, seg []string) Response {
	if seg[1] != s.cfg.AppID {
		return s.status(r, 403, discordError("Missing Access", 50001), nil)
	}
	guild := ""
	if len(seg) == 5 {
		guild = seg[3]
	}
	switch r.Method {
	case "GET":
		return s.status(r, 200, jsonString(s.commands[guild]), nil)
	case "PUT":
		if len(r.List) > 100 {
			return s.status(r, 400, discordError("Invalid Form Body: at most 100 commands", 50035), nil)
		}
		var cmds []any
		for _, c := range r.List {
			m, ok := c.(map[string]any)
			if !ok {
				return s.status(r, 400, discordError("Invalid Form Body", 50035), nil)
			}
			if msg := checkInstall(m); msg != "" {
				return s.status(r, 400, discordError("Invalid Form Body: "+msg, 50035), nil)
			}
			cp := map[string]any{}
			for k, v := range m {
				cp[k] = v
			}
			cp["id"], cp["application_id"] = s.newID(), s.cfg.AppID
			if guild != "" {
				cp["guild_id"] = guild
			}
			cmds = append(cmds, cp)
		}
		if cmds == nil {
			cmds = []any{}
		}
		s.commands[guild] = cmds
		return s.status(r, 200, jsonString(cmds), nil)
	}
	return s.status(r, 405, discordError("405: Method Not Allowed", 0), nil)
}

// checkInstall applies Discord's rules to a command's integration_types
// (0 guild install, 1 user install) and contexts (0 guild, 1 bot DM,
// 2 private channel): each a list of known values without repeats, when
// present. It returns what is wrong, or "".
func checkInstall(cmd map[string]any) string {
	for field, top := range map[string]float64{"integration_types": 1, "contexts": 2} {
		v, ok := cmd[field]
		if !ok || v == nil {
			continue
		}
		l, ok := v.([]any)
		if !ok {
			return field + ": not a list"
		}
		seen := map[float64]bool{}
		for _, x := range l {
			n, ok := x.(float64)
			if !ok || n < 0 || n > top || n != float64(int(n)) || seen[n] {
				return fmt.Sprintf("%s: %v is not a valid value, or repeated", field, x)
			}
			seen[n] = true
		}
	}
	return ""
}

// Commands are the slash commands last bulk-overwritten for a guild (""
// global), as the fake answered them (with ids).
func (s *Server) Commands(guild string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	for _, c := range s.commands[guild] {
		out = append(out, c.(map[string]any))
	}
	return out
}

// callback answers POST /interactions/{id}/{token}/callback: once, within
// the deadline, with a type that fits the interaction.
func (s *Server) callback(r *Request, id, token string) Response {
	ix := s.interactions[id]
	if ix == nil || ix.token != token {
		return s.status(r, 404, discordError("Unknown interaction", 10062), nil)
	}
	if s.cfg.AckDeadline > 0 && r.At.Sub(ix.at) > s.cfg.AckDeadline {
		s.stats.LateAcks++
		return s.status(r, 404, discordError("Unknown interaction", 10062), nil)
	}
	if ix.acked {
		return s.status(r, 400, discordError("Interaction has already been acknowledged.", 40060), nil)
	}
	t := r.CallbackType()
	ok := false
	switch ix.typ {
	case 2: // application command
		ok = t == 4 || t == 5 || t == 9
	case 3: // component
		ok = t == 4 || t == 5 || t == 6 || t == 7 || t == 9
	case 4: // autocomplete
		ok = t == 8
	}
	if !ok {
		return s.status(r, 400, discordError(fmt.Sprintf("Interaction callback type %d is not valid for interaction type %d", t, ix.typ), 50035), nil)
	}
	if t == 4 || t == 7 {
		if msg := checkMessage(r.payload(), len(r.Files), t == 7); msg != "" {
			return s.status(r, 400, discordError("Invalid Form Body: "+msg, 50035), nil)
		}
		if resp, ok := s.tooLarge(r); ok {
			return resp
		}
	}
	if t == 8 {
		if l, _ := r.payload()["choices"].([]any); len(l) > 25 {
			return s.status(r, 400, discordError("Invalid Form Body: at most 25 choices", 50035), nil)
		}
	}
	ix.acked = true
	switch t {
	case 4, 5:
		ix.original = s.newID()
		ix.deferred = t == 5
		s.created(ix.channel, ix.original, s.cfg.BotID, r)
	case 6, 7:
		ix.original = ix.messageID
		if t == 7 {
			s.edited(ix.channel, ix.messageID, r)
		}
	}
	r.RespID = ix.original
	return s.status(r, 204, "", nil)
}

// webhook answers an interaction webhook call: edits and deletions of
// the original response, follow-ups.
func (s *Server) webhook(r *Request, seg []string) Response {
	if seg[1] != s.cfg.AppID {
		return s.status(r, 404, discordError("Unknown Webhook", 10015), nil)
	}
	ix := s.byToken[seg[2]]
	if ix == nil || ix.expired || r.At.Sub(ix.at) > s.cfg.TokenLife {
		return s.status(r, 401, discordError("Invalid Webhook Token", 50027), nil)
	}
	if !ix.acked {
		return s.status(r, 404, discordError("Unknown Webhook", 10015), nil)
	}
	msgFor := func(id string) string {
		r.RespID = id
		return jsonString(s.messageObject(r, ix.channel, id))
	}
	switch {
	case len(seg) == 3 && r.Method == "POST":
		if msg := checkMessage(r.Body, len(r.Files), false); msg != "" {
			return s.status(r, 400, discordError("Invalid Form Body: "+msg, 50035), nil)
		}
		if resp, ok := s.tooLarge(r); ok {
			return resp
		}
		if ix.deferred && ix.original != "" {
			// "When used directly after a deferred response, this
			// endpoint functions as Edit Original Interaction Response."
			ix.deferred = false
			s.edited(ix.channel, ix.original, r)
			return s.status(r, 200, msgFor(ix.original), nil)
		}
		id := s.newID()
		s.created(ix.channel, id, s.cfg.BotID, r)
		return s.status(r, 200, msgFor(id), nil)
	case len(seg) == 5 && seg[3] == "messages":
		id := seg[4]
		if id == "@original" {
			id = ix.original
		}
		if id == "" {
			return s.status(r, 404, discordError("Unknown Message", 10008), nil)
		}
		switch r.Method {
		case "GET":
			return s.status(r, 200, msgFor(id), nil)
		case "PATCH":
			if msg := checkMessage(r.Body, len(r.Files), true); msg != "" {
				return s.status(r, 400, discordError("Invalid Form Body: "+msg, 50035), nil)
			}
			if resp, ok := s.tooLarge(r); ok {
				return resp
			}
			s.edited(ix.channel, id, r)
			if id == ix.original {
				ix.deferred = false
			}
			return s.status(r, 200, msgFor(id), nil)
		case "DELETE":
			if seg[4] == "@original" || id == ix.original {
				ix.original, ix.deferred = "", false
			}
			if m := s.msgs[id]; m != nil {
				m.Deleted = true
			}
			return s.status(r, 204, "", nil)
		}
	}
	return s.status(r, 404, discordError("404: Not Found", 0), nil)
}

// channelMessage answers POST and PATCH /channels/{id}/messages[/{id}].
func (s *Server) channelMessage(r *Request, seg []string) Response {
	ch := seg[1]
	switch {
	case len(seg) == 3 && r.Method == "POST":
		if msg := checkMessage(r.Body, len(r.Files), false); msg != "" {
			return s.status(r, 400, discordError("Invalid Form Body: "+msg, 50035), nil)
		}
		if s.forbidden[ch] {
			return s.status(r, 403, discordError("Missing Access", 50001), nil)
		}
		if resp, ok := s.checkReference(r, ch); ok {
			return resp
		}
		if resp, ok := s.tooLarge(r); ok {
			return resp
		}
		var hdr http.Header
		if lim := s.cfg.ChannelLimit; lim.Count > 0 && lim.Per > 0 {
			w := s.windows[ch]
			if w == nil {
				w = &window{}
				s.windows[ch] = w
			}
			cut := 0
			for cut < len(w.times) && r.At.Sub(w.times[cut]) >= lim.Per {
				cut++
			}
			w.times = w.times[cut:]
			if len(w.times) >= lim.Count {
				s.stats.LimitHits++
				r.Fault = "limit"
				return s.tooMany(r, w.times[0].Add(lim.Per).Sub(r.At), false, "user")
			}
			w.times = append(w.times, r.At)
			resetAfter := w.times[0].Add(lim.Per).Sub(r.At).Seconds()
			hdr = http.Header{}
			hdr.Set("X-RateLimit-Limit", strconv.Itoa(lim.Count))
			hdr.Set("X-RateLimit-Remaining", strconv.Itoa(lim.Count-len(w.times)))
			hdr.Set("X-RateLimit-Reset-After", strconv.FormatFloat(resetAfter, 'f', 3, 64))
			hdr.Set("X-RateLimit-Bucket", bucketOf(r.Path))
		}
		id := s.newID()
		r.RespID = id
		s.created(ch, id, s.cfg.BotID, r)
		return s.status(r, 200, jsonString(s.messageObject(r, ch, id)), hdr)
	case len(seg) == 4 && r.Method == "PATCH":
		if msg := checkMessage(r.Body, len(r.Files), true); msg != "" {
			return s.status(r, 400, discordError("Invalid Form Body: "+msg, 50035), nil)
		}
		if s.forbidden[ch] {
			return s.status(r, 403, discordError("Missing Access", 50001), nil)
		}
		if resp, ok := s.tooLarge(r); ok {
			return resp
		}
		r.RespID = seg[3]
		s.edited(ch, seg[3], r)
		return s.status(r, 200, jsonString(s.messageObject(r, ch, seg[3])), nil)
	case len(seg) == 4 && r.Method == "DELETE":
		if m := s.msgs[seg[3]]; m != nil {
			m.Deleted = true
		}
		return s.status(r, 204, "", nil)
	}
	return s.status(r, 404, discordError("404: Not Found", 0), nil)
}

// messageObject is the message Discord answers a send or an edit with.
func (s *Server) messageObject(r *Request, channel, id string) map[string]any {
	m := map[string]any{"id": id, "channel_id": channel, "type": 0, "author": s.botUser(),
		"timestamp": r.At.UTC().Format(time.RFC3339Nano), "mentions": []any{}, "attachments": []any{}}
	for _, k := range []string{"content", "components", "embeds", "flags", "message_reference"} {
		if v, ok := r.Body[k]; ok {
			m[k] = v
		}
	}
	var atts []any
	for i, f := range r.Files {
		atts = append(atts, map[string]any{"id": strconv.Itoa(i), "filename": f.Name, "size": len(f.Data), "content_type": f.Type,
			"url": s.url + "/attachments/" + channel + "/" + id + "/" + f.Name})
	}
	if atts != nil {
		m["attachments"] = atts
	}
	return m
}

// checkMessage applies Discord's message rules to a body; it returns
// what is wrong, or "". An edit may leave fields out.
func checkMessage(b map[string]any, files int, edit bool) string {
	content, _ := b["content"].(string)
	if utf8.RuneCountInString(content) > 2000 {
		return fmt.Sprintf("content: %d characters, at most 2000", utf8.RuneCountInString(content))
	}
	comps, _ := b["components"].([]any)
	embeds, _ := b["embeds"].([]any)
	_, sticker := b["sticker_ids"]
	if !edit && content == "" && len(comps) == 0 && len(embeds) == 0 && files == 0 && !sticker {
		return "Cannot send an empty message"
	}
	if len(comps) > 5 {
		return fmt.Sprintf("components: %d rows, at most 5", len(comps))
	}
	for _, row := range comps {
		rm, _ := row.(map[string]any)
		cs, _ := rm["components"].([]any)
		if len(cs) > 5 {
			return fmt.Sprintf("components: a row of %d, at most 5", len(cs))
		}
		for _, c := range cs {
			cm, _ := c.(map[string]any)
			id, _ := cm["custom_id"].(string)
			if u, _ := cm["url"].(string); u == "" && (id == "" || utf8.RuneCountInString(id) > 100) {
				return fmt.Sprintf("custom_id %q: 1-100 characters", id)
			}
			if l, _ := cm["label"].(string); utf8.RuneCountInString(l) > 80 {
				return "label: at most 80 characters"
			}
		}
	}
	if len(embeds) > 10 {
		return "embeds: at most 10"
	}
	if files > 10 {
		return "files: at most 10"
	}
	if am, ok := b["allowed_mentions"].(map[string]any); ok {
		parse, _ := am["parse"].([]any)
		for _, p := range parse {
			if p == "users" && am["users"] != nil {
				if l, _ := am["users"].([]any); len(l) > 0 {
					return "allowed_mentions: parse users and users are mutually exclusive"
				}
			}
			if p == "roles" && am["roles"] != nil {
				if l, _ := am["roles"].([]any); len(l) > 0 {
					return "allowed_mentions: parse roles and roles are mutually exclusive"
				}
			}
		}
		if l, _ := am["users"].([]any); len(l) > 100 {
			return "allowed_mentions.users: at most 100"
		}
	}
	return ""
}

// PutAttachment serves data at a CDN URL of the fake, as Discord serves
// an uploaded attachment, and returns it for an interaction's resolved
// attachments or a message.
func (s *Server) PutAttachment(filename, contentType string, data []byte) Attachment {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.newID()
	path := "/attachments/" + id + "/" + filename
	s.attachments[path] = attachmentData{typ: contentType, data: append([]byte(nil), data...)}
	return Attachment{ID: id, Filename: filename, ContentType: contentType, Size: len(data), URL: s.url + path}
}

// serveAttachment is the CDN: no Authorization header is expected there
// (a client that sends its bot token to the CDN gets a 404).
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	a, ok := s.attachments[r.URL.Path]
	s.mu.Unlock()
	if !ok || r.Header.Get("Authorization") != "" {
		http.NotFound(w, r)
		return
	}
	if a.typ != "" {
		w.Header().Set("Content-Type", a.typ)
	}
	w.Write(a.data)
}

// ExpireToken makes an interaction token stop working, as 15 minutes
// would (see also Advance): webhook calls with it are answered 401
// (Invalid Webhook Token, 50027), as Discord answers them once the
// token's life is over.
func (s *Server) ExpireToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ix := s.byToken[token]; ix != nil {
		ix.expired = true
	} else {
		// A token not dispatched yet expires when it comes.
		s.byToken[token] = &interaction{token: token, expired: true}
	}
}

// addInteraction registers a dispatched interaction; s.mu is held.
// Interactions older than the token life are forgotten.
func (s *Server) addInteraction(ix *interaction) {
	cut := 0
	for cut < len(s.ixOrder) && ix.at.Sub(s.ixOrder[cut].at) > s.cfg.TokenLife+time.Minute {
		old := s.ixOrder[cut]
		if s.interactions[old.id] == old {
			delete(s.interactions, old.id)
		}
		if s.byToken[old.token] == old {
			delete(s.byToken, old.token)
		}
		s.ixOrder[cut] = nil
		cut++
	}
	s.ixOrder = s.ixOrder[cut:]
	if prev := s.byToken[ix.token]; prev != nil && prev.expired {
		ix.expired = true
	}
	s.interactions[ix.id] = ix
	s.byToken[ix.token] = ix
	s.ixOrder = append(s.ixOrder, ix)
}
