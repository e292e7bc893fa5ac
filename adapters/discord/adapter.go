// Package discord is Spotter's Discord adapter, built on
// github.com/bwmarrin/discordgo. It registers one slash command per hub
// command (typed options, exercise autocomplete), answers interactions
// within Discord's 3-second deadline with a deferred response, turns
// button presses and @mention commands into hub Messages, and delivers
// the hub's Replies: interaction edits and follow-ups while the
// interaction token lives, channel messages replying to the lifter's
// message otherwise (or a reaction on it), always with allowed_mentions
// limited to the lifters a reply names. Its commands may be used where
// the bot was added to a server and, as a user-installed app, wherever
// the lifter is; where the bot cannot post as itself, pings go as
// follow-ups of the lifter's latest interaction (userinstall.go).
//
// One discordgo.Session runs per shard; REST calls all go through one
// extra session that never opens a gateway, so its rate-limit buckets are
// shared by every shard and Send works while the gateway reconnects.
package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Platform is Discord's platform name in Messages and Replies.
const Platform = "discord"

// Pace is Discord's sending pace: about 5 channel messages per 5 seconds
// per channel. Answers to interactions are not channel messages and do
// not count.
var Pace = bot.Pace{{N: 5, Per: 5 * time.Second, SkipInteractions: true}}

// Config is what an Adapter is built from.
type Config struct {
	// Token is the bot token, with or without the "Bot " prefix.
	Token string
	// APIURL is the REST base, such as a rate-limit proxy's
	// "http://nirn:8080/api/v9/"; empty means Discord's. Only this
	// adapter's sessions are pointed at it.
	APIURL string
	// GuildIDs register the slash commands per guild (they update at
	// once); empty registers them globally.
	GuildIDs []string
	// Prefix, such as "!", makes messages that start with it commands.
	// It needs the privileged MESSAGE_CONTENT intent, which is requested
	// only when Prefix is set. Empty: off.
	Prefix string
	// Shards is the number of gateway shards of the bot; 0 asks Discord
	// for its recommended count.
	Shards int
	// ShardIDs are the shards this process runs, of Shards (which must
	// then be set): several processes on one shared store split the
	// shards between them ("shards = 4", "shard_ids = [0, 1]" here and
	// [2, 3] there). Empty runs them all.
	ShardIDs []int
	// Pace is the per-channel sending pace; nil is Pace, Discord's.
	Pace bot.Pace
	// Reactions lets a reply the hub marks with an emoji (Reply.React)
	// be a reaction on the lifter's typed message instead of a message
	// (react.go); it needs the Add Reactions permission, and falls back
	// to the text without it. Off: every reply is a message.
	Reactions bool
}

// Handler is what the adapter needs from the hub.
type Handler interface {
	Submit(ctx context.Context, m bot.Message) error
	// Suggest offers choices for an option being typed (bot.Hub.Suggest).
	Suggest(platform, userID, field, prefix string, n int) []string
}

// Adapter connects Spotter to Discord. Run and Send may be called from
// different goroutines; Send may be called concurrently for different
// channels (the hub's outbox sends one reply at a time per channel) and
// before or after Run. Event handlers run one goroutine per event and
// only acknowledge and enqueue.
type Adapter struct {
	cfg    Config
	token  string // "Bot ..."
	h      Handler
	log    *slog.Logger
	client *http.Client
	// rest makes every REST call; its gateway is never opened.
	rest    *discordgo.Session
	specs   map[string]bot.CommandSpec
	order   []string    // spec names in bot.Commands() order
	pending *pendingSet // acknowledged interactions by message ID
	now     func() time.Time
	running atomic.Bool // Run was called

	// replaced are the messages replies bring up to date (replace.go).
	replaced replacedSet
	// routes are lifters' interactions where the bot cannot post as
	// itself (userinstall.go).
	routes *userRoutes
}

var _ bot.Adapter = (*Adapter)(nil)

var snowflake = regexp.MustCompile(`^[0-9]{1,20}$`)

// New validates cfg and builds an Adapter. It makes no network call.
func New(cfg Config, h Handler, log *slog.Logger) (*Adapter, error) {
	if h == nil {
		return nil, errors.New("discord: no handler")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tok := strings.TrimSpace(cfg.Token)
	tok = strings.TrimSpace(strings.TrimPrefix(tok, "Bot "))
	if tok == "" {
		return nil, errors.New("discord: no bot token (set [discord] token or SPOTTER_DISCORD_TOKEN)")
	}
	if strings.ContainsAny(tok, " \t\r\n") {
		return nil, errors.New("discord: the bot token contains white space")
	}
	for _, g := range cfg.GuildIDs {
		if !snowflake.MatchString(g) {
			return nil, fmt.Errorf("discord: guild id %q is not a Discord id (a number)", g)
		}
	}
	if cfg.Shards < 0 {
		return nil, fmt.Errorf("discord: shards = %d; use a positive number, or 0 for Discord's recommendation", cfg.Shards)
	}
	if err := checkShardIDs(cfg.ShardIDs, cfg.Shards); err != nil {
		return nil, err
	}
	if cfg.Prefix != "" && strings.TrimSpace(cfg.Prefix) == "" {
		return nil, errors.New("discord: the prefix is white space")
	}
	if cfg.Pace == nil {
		cfg.Pace = Pace
	}
	client := &http.Client{Timeout: 20 * time.Second}
	if cfg.APIURL != "" {
		rt, err := newRewriter(cfg.APIURL, http.DefaultTransport)
		if err != nil {
			return nil, err
		}
		client.Transport = rt
	}
	a := &Adapter{
		cfg: cfg, token: "Bot " + tok, h: h, log: log, client: client,
		specs: map[string]bot.CommandSpec{}, pending: newPendingSet(), routes: newUserRoutes(), now: time.Now,
	}
	for _, s := range bot.Commands() {
		a.specs[s.Name] = s
		a.order = append(a.order, s.Name)
	}
	rest, err := a.newSession()
	if err != nil {
		return nil, err
	}
	a.rest = rest
	return a, nil
}

// Platform is Discord's platform name.
func (a *Adapter) Platform() string { return Platform }

// Pace is the per-channel pace to register the adapter with.
func (a *Adapter) Pace() bot.Pace { return a.cfg.Pace }

// newSession is a discordgo session on the adapter's HTTP client with
// discordgo's uncapped 429 sleep turned off: a 429 comes back to the
// outbox as a RetryAfterError, which waits without blocking shutdown.
func (a *Adapter) newSession() (*discordgo.Session, error) {
	s, err := discordgo.New(a.token)
	if err != nil {
		return nil, errors.New("discord: creating a session failed")
	}
	s.Client = a.client
	s.ShouldRetryOnRateLimit = false
	s.ShouldReconnectOnError = true
	s.StateEnabled = false
	s.Identify.Intents = a.intents()
	return s, nil
}

// intents are the gateway intents: guild and DM messages (mention
// commands arrive with their content without the privileged intent), and
// MESSAGE_CONTENT only for a text prefix.
func (a *Adapter) intents() discordgo.Intent {
	in := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if a.cfg.Prefix != "" {
		in |= discordgo.IntentsMessageContent
	}
	return in
}

// specList is the hub's commands, in order.
func (a *Adapter) specList() []bot.CommandSpec {
	out := make([]bot.CommandSpec, 0, len(a.order))
	for _, n := range a.order {
		out = append(out, a.specs[n])
	}
	return out
}
