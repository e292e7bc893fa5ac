package dcfake

import (
	"context"
	"strconv"
	"strings"
)

// User is a Discord user in an injected event.
type User struct {
	ID         string
	Username   string // lower-case handle; from GlobalName or ID when empty
	GlobalName string // display name
	Bot        bool
}

func (u User) json() map[string]any {
	name := u.Username
	if name == "" {
		name = strings.ToLower(strings.ReplaceAll(u.GlobalName, " ", "_"))
	}
	if name == "" {
		name = "user" + u.ID
	}
	m := map[string]any{"id": u.ID, "username": name, "discriminator": "0"}
	if u.GlobalName != "" {
		m["global_name"] = u.GlobalName
	}
	if u.Bot {
		m["bot"] = true
	}
	return m
}

// Option is a slash command option as Discord sends it.
type Option struct {
	Name string
	// Type: 1 sub-command, 3 string, 4 integer, 5 boolean, 10 number,
	// 11 attachment. 3 when 0.
	Type    int
	Value   any
	Focused bool     // the option being typed (autocomplete)
	Options []Option // a sub-command's options
}

func (o Option) json() map[string]any {
	t := o.Type
	if t == 0 {
		t = 3
	}
	m := map[string]any{"name": o.Name, "type": t}
	if o.Value != nil {
		m["value"] = o.Value
	}
	if o.Focused {
		m["focused"] = true
	}
	if len(o.Options) > 0 {
		m["options"] = optionsJSON(o.Options)
	}
	return m
}

func optionsJSON(opts []Option) []any {
	out := make([]any, len(opts))
	for i, o := range opts {
		out[i] = o.json()
	}
	return out
}

// Str is a string option.
func Str(name, value string) Option { return Option{Name: name, Type: 3, Value: value} }

// Int is an integer option.
func Int(name string, value int) Option { return Option{Name: name, Type: 4, Value: value} }

// Attachment is a file Discord serves from its CDN.
type Attachment struct {
	ID          string
	Filename    string
	ContentType string
	Size        int
	URL         string
}

func (a Attachment) json() map[string]any {
	return map[string]any{"id": a.ID, "filename": a.Filename, "content_type": a.ContentType, "size": a.Size,
		"url": a.URL, "proxy_url": a.URL}
}

// Interaction is an INTERACTION_CREATE to inject. Empty ID and Token are
// generated; the returned Interaction has them.
type Interaction struct {
	ID, Token string
	GuildID   string // "" is a DM: the user comes as "user", not "member"
	ChannelID string
	User      User
	// Permissions are the member's permissions in the channel (0x20 is
	// Manage Server, 0x8 Administrator).
	Permissions int64

	// Application commands (slash, autocomplete).
	Name      string
	CommandID string
	Options   []Option
	// Attachments go into data.resolved.attachments (an attachment
	// option's value is the attachment's ID).
	Attachments []Attachment

	// Context is where it happens: 0 a server's channel, 1 a DM with the
	// bot, 2 a private channel (a DM between users or a group DM, reached
	// through a user install). 0 with no GuildID is taken as 1.
	Context int
	// Owners are the installs that authorize it, as
	// authorizing_integration_owners: 0 (guild install) -> the guild's id
	// ("0" in a DM), 1 (user install) -> the user's id. Nil is the guild
	// install alone. {1: user} alone is a user-installed app in a place
	// that did not add the bot (see ForbidChannel).
	Owners map[int]string

	// Components (button presses).
	CustomID      string
	ComponentType int    // 2 (button) when 0
	MessageID     string // the message the button is on
}

// payload is the INTERACTION_CREATE data for in with type typ.
func (s *Server) payload(typ int, in *Interaction) map[string]any {
	s.mu.Lock()
	if in.ID == "" {
		in.ID = s.newID()
	}
	if in.Token == "" {
		in.Token = "dcfake-itok-" + in.ID
	}
	s.mu.Unlock()
	m := map[string]any{"id": in.ID, "application_id": s.cfg.AppID, "type": typ, "token": in.Token, "version": 1,
		"channel_id": in.ChannelID, "channel": map[string]any{"id": in.ChannelID}, "locale": "en-US",
		"app_permissions": "0"}
	ctxType := in.Context
	if ctxType == 0 && in.GuildID == "" {
		ctxType = 1
	}
	m["context"] = ctxType
	owners := map[string]any{}
	for k, v := range in.Owners {
		owners[strconv.Itoa(k)] = v
	}
	if in.Owners == nil {
		owners["0"] = "0"
		if in.GuildID != "" {
			owners["0"] = in.GuildID
		}
	}
	m["authorizing_integration_owners"] = owners
	if in.GuildID != "" {
		m["guild_id"] = in.GuildID
		m["guild_locale"] = "en-US"
		m["member"] = map[string]any{"user": in.User.json(), "permissions": strconv.FormatInt(in.Permissions, 10),
			"roles": []any{}, "joined_at": "2024-01-01T00:00:00Z"}
	} else {
		m["user"] = in.User.json()
	}
	var data map[string]any
	switch typ {
	case 2, 4:
		id := in.CommandID
		if id == "" {
			id = "cmd-" + in.Name
		}
		data = map[string]any{"id": id, "name": in.Name, "type": 1, "options": optionsJSON(in.Options)}
		if len(in.Attachments) > 0 {
			atts := map[string]any{}
			for _, a := range in.Attachments {
				atts[a.ID] = a.json()
			}
			data["resolved"] = map[string]any{"attachments": atts}
		}
	case 3:
		ct := in.ComponentType
		if ct == 0 {
			ct = 2
		}
		data = map[string]any{"custom_id": in.CustomID, "component_type": ct}
		m["message"] = map[string]any{"id": in.MessageID, "channel_id": in.ChannelID, "type": 0, "content": "",
			"author": s.botUser(), "components": []any{}}
	}
	m["data"] = data
	return m
}

// Slash injects a slash command (interaction type 2) on the shard.
func (s *Server) Slash(ctx context.Context, shard int, in Interaction) (Interaction, error) {
	_, err := s.Dispatch(ctx, shard, "INTERACTION_CREATE", s.payload(2, &in))
	return in, err
}

// Press injects a button press (interaction type 3) on the shard.
func (s *Server) Press(ctx context.Context, shard int, in Interaction) (Interaction, error) {
	_, err := s.Dispatch(ctx, shard, "INTERACTION_CREATE", s.payload(3, &in))
	return in, err
}

// Autocomplete injects an autocomplete request (interaction type 4) on
// the shard; mark the option being typed Focused.
func (s *Server) Autocomplete(ctx context.Context, shard int, in Interaction) (Interaction, error) {
	_, err := s.Dispatch(ctx, shard, "INTERACTION_CREATE", s.payload(4, &in))
	return in, err
}

// Message is a MESSAGE_CREATE to inject. An empty ID is generated.
type Message struct {
	ID        string
	GuildID   string // "" is a DM
	ChannelID string
	Author    User
	Content   string
	// Mentions are the users the content mentions; the bot is added when
	// the content mentions it ("<@BOT>" or "<@!BOT>").
	Mentions    []User
	Attachments []Attachment
	WebhookID   string
}

// Say injects a MESSAGE_CREATE on the shard. Without the MESSAGE_CONTENT
// intent a guild message that does not mention the bot arrives with
// empty content, as on Discord; without GUILD_MESSAGES (DIRECT_MESSAGES
// for a DM) it does not arrive at all (ErrNotSubscribed).
func (s *Server) Say(ctx context.Context, shard int, m Message) (Message, error) {
	s.mu.Lock()
	if m.ID == "" {
		m.ID = s.newID()
	}
	s.mu.Unlock()
	mentions := []any{}
	bot := false
	for _, u := range m.Mentions {
		mentions = append(mentions, u.json())
		bot = bot || u.ID == s.cfg.BotID
	}
	if !bot && (strings.Contains(m.Content, "<@"+s.cfg.BotID+">") || strings.Contains(m.Content, "<@!"+s.cfg.BotID+">")) {
		mentions = append(mentions, s.botUser())
	}
	atts := []any{}
	for _, a := range m.Attachments {
		atts = append(atts, a.json())
	}
	d := map[string]any{"id": m.ID, "channel_id": m.ChannelID, "author": m.Author.json(), "content": m.Content,
		"timestamp": "2024-01-01T00:00:00Z", "type": 0, "mentions": mentions, "mention_roles": []any{},
		"attachments": atts, "embeds": []any{}, "components": []any{}}
	if m.GuildID != "" {
		d["guild_id"] = m.GuildID
		d["member"] = map[string]any{"roles": []any{}, "joined_at": "2024-01-01T00:00:00Z"}
	}
	if m.WebhookID != "" {
		d["webhook_id"] = m.WebhookID
	}
	s.mu.Lock()
	s.created(m.ChannelID, m.ID, m.Author.ID, nil).Content = m.Content
	s.mu.Unlock()
	_, err := s.Dispatch(ctx, shard, "MESSAGE_CREATE", d)
	return m, err
}
