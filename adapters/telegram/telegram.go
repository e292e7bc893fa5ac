// Package telegram is Spotter's Telegram adapter, on
// github.com/go-telegram/bot. It turns updates into bot.Messages (private
// chats: everything; groups: commands for this bot, replies to its
// messages, button presses; a CSV document captioned "import"), with the
// lifter's message id, the forum topic (chatid.go) and, for the commands
// that need it, whether the sender is a group admin (admin.go). It
// renders bot.Replies as HTML messages with inline keyboards, photos and
// documents, replying to the lifter's message, or as a reaction
// (react.go). Sending is paced and retried by the hub's outbox: Send
// makes one attempt and says how it failed.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
)

// Platform is Telegram's platform name in Messages and Replies.
const Platform = "telegram"

// DefaultAPIURL is the official Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Pace is Telegram's sending pace, from its published limits: about one
// message a second per chat and 20 a minute per group, the group's spread
// as one every 3 s (a sliding 20-per-minute window would spend a busy
// group's budget in 20 s and then hold everything for 40).
var Pace = bot.Pace{{N: 1, Per: time.Second}, {N: 1, Per: 3 * time.Second, GroupOnly: true}}

const (
	// pollTimeout bounds one long poll; the server holds it a second less.
	pollTimeout = 50 * time.Second
	// httpTimeout bounds any one request, including a long poll.
	httpTimeout = pollTimeout + 15*time.Second
	// maxPending bounds updates taken from Telegram but not yet handed
	// to the hub; beyond it, polling (or the webhook) waits.
	maxPending = 1024
)

// Config is what an Adapter is built from.
type Config struct {
	Token string
	// APIURL is the Bot API server: "" is https://api.telegram.org; set
	// it for a self-hosted telegram-bot-api server or a test fake.
	APIURL string
	// Mode is "poll" (long polling, the default) or "webhook".
	Mode string
	// WebhookListen is the address the webhook server listens on
	// (default ":8443"); WebhookURL the public HTTPS URL Telegram posts
	// to; WebhookSecret the X-Telegram-Bot-Api-Secret-Token every post
	// must carry (1-256 of A-Z a-z 0-9 _ -).
	WebhookListen, WebhookURL, WebhookSecret string
	// Pace is the sending pace to register with the hub; nil is Pace,
	// Telegram's published limits.
	Pace bot.Pace
	// Reactions lets a reply that may be an emoji (bot.Reply.React: a
	// logged set, a record) go as a reaction on the lifter's message
	// instead of a message ([telegram] log_reactions).
	Reactions bool
}

// Handler is what the adapter needs from the hub: a Submit that enqueues
// and returns at once.
type Handler interface {
	Submit(ctx context.Context, m bot.Message) error
}

var (
	_ Handler     = (*bot.Hub)(nil)
	_ bot.Adapter = (*Adapter)(nil)
)

// Adapter connects one Telegram bot to the hub. Run receives updates;
// Send (the hub's outbox calls it, concurrently for different chats and
// one reply at a time per chat) delivers replies. Send may be called
// before Run and after it returns.
type Adapter struct {
	cfg    Config
	apiURL string
	h      Handler
	log    *slog.Logger
	api    *tgbot.Bot
	files  *http.Client // document downloads
	redact redactor
	mem    *memory
	admins *admins // who is a group admin, as getChatMember said
	in     *inbox
	// now is the clock admins' answers age by (tests set it before Run).
	now func() time.Time
	// me is the bot's own user, from getMe at the start of Run; until
	// then it holds the id from the token and no username.
	me atomic.Pointer[models.User]
	// webhookAddr receives the webhook server's address once it listens
	// (for tests that listen on port 0).
	webhookAddr chan string
}

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// New checks cfg and builds an adapter. It does not touch the network.
func New(cfg Config, h Handler, log *slog.Logger) (*Adapter, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if h == nil {
		return nil, errors.New("telegram: no handler")
	}
	cfg.Token = strings.TrimSpace(cfg.Token)
	if cfg.Token == "" {
		return nil, errors.New("telegram: no token (set [telegram] token or SPOTTER_TELEGRAM_TOKEN; BotFather gives one)")
	}
	if !tokenPattern.MatchString(cfg.Token) {
		// Do not echo the token: it may be a real one with a typo.
		return nil, errors.New("telegram: the token does not look like 123456:ABC-DEF... (as BotFather gives it)")
	}
	apiURL := strings.TrimRight(strings.TrimSpace(cfg.APIURL), "/")
	if apiURL == "" {
		apiURL = DefaultAPIURL
	}
	if u, err := url.Parse(apiURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("telegram: api_url %q is not an http or https URL", cfg.APIURL)
	}
	switch cfg.Mode {
	case "", "poll":
		cfg.Mode = "poll"
	case "webhook":
		if err := checkWebhook(&cfg); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("telegram: mode %q: use poll or webhook", cfg.Mode)
	}
	if cfg.Pace == nil {
		cfg.Pace = Pace
	}
	a := &Adapter{
		cfg:         cfg,
		apiURL:      apiURL,
		h:           h,
		log:         log.With("platform", Platform),
		files:       &http.Client{Timeout: httpTimeout},
		redact:      newRedactor(cfg.Token),
		mem:         newMemory(),
		admins:      newAdmins(),
		now:         time.Now,
		webhookAddr: make(chan string, 1),
	}
	a.in = newInbox(maxPending, a.deliver)
	api, err := tgbot.New(cfg.Token,
		tgbot.WithSkipGetMe(), // Run asks, so that New stays off the network
		tgbot.WithServerURL(apiURL),
		tgbot.WithHTTPClient(pollTimeout, &http.Client{Timeout: httpTimeout}),
		tgbot.WithNotAsyncHandlers(), // updates reach onUpdate in order
		tgbot.WithDefaultHandler(a.onUpdate),
		tgbot.WithErrorsHandler(a.onClientError),
		tgbot.WithAllowedUpdates(tgbot.AllowedUpdates{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery}),
	)
	if err != nil {
		return nil, a.redactErr("client", err)
	}
	a.api = api
	a.me.Store(&models.User{ID: api.ID(), IsBot: true})
	return a, nil
}

func checkWebhook(cfg *Config) error {
	u, err := url.Parse(cfg.WebhookURL)
	if cfg.WebhookURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("telegram: webhook mode needs webhook_url, the public https URL Telegram posts to (got %q)", cfg.WebhookURL)
	}
	if !secretPattern.MatchString(cfg.WebhookSecret) {
		return errors.New("telegram: webhook mode needs webhook_secret: 1-256 characters of A-Z, a-z, 0-9, _ and -")
	}
	if cfg.WebhookListen == "" {
		cfg.WebhookListen = ":8443"
	}
	return nil
}

// Platform is Telegram's platform name.
func (a *Adapter) Platform() string { return Platform }

// Pace is the sending pace to register with the hub.
func (a *Adapter) Pace() bot.Pace { return a.cfg.Pace }

// Run learns the bot's username (getMe), sets the command menu for
// private chats and groups, then receives updates by long polling or on
// the webhook until ctx is done. It returns nil when ctx ends it, and an
// error when Telegram refuses the token or the webhook cannot be served.
// Call it once.
func (a *Adapter) Run(ctx context.Context) error {
	me, err := a.getMe(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.me.Store(me)
	a.log.Info("connected", "bot", "@"+me.Username, "mode", a.cfg.Mode)
	a.setCommands(ctx)
	if a.cfg.Mode == "webhook" {
		err = a.serveWebhook(ctx)
	} else {
		err = a.poll(ctx)
	}
	a.in.wait()
	return err
}

// poll receives updates by long polling until ctx is done.
func (a *Adapter) poll(ctx context.Context) error {
	// getUpdates fails while a webhook is set; keep its pending updates.
	if _, err := a.api.DeleteWebhook(ctx, &tgbot.DeleteWebhookParams{}); err != nil && ctx.Err() == nil {
		a.log.Warn("deleteWebhook failed; polling anyway", "err", a.redactErr("deleteWebhook", err))
	}
	a.api.Start(ctx)
	return nil
}

// getMe asks who the bot is, retrying network trouble until ctx is done;
// a refused token ends it.
func (a *Adapter) getMe(ctx context.Context) (*models.User, error) {
	wait := time.Second
	for {
		me, err := a.api.GetMe(ctx)
		if err == nil {
			if me.Username == "" {
				return nil, errors.New("telegram: getMe returned no username")
			}
			return me, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if errors.Is(err, tgbot.ErrorUnauthorized) || errors.Is(err, tgbot.ErrorNotFound) {
			return nil, fmt.Errorf("telegram: the Bot API refused the token (check it with BotFather): %w", a.redactErr("getMe", err))
		}
		a.log.Warn("getMe failed; retrying", "in", wait, "err", a.redactErr("getMe", err))
		if !sleep(ctx, wait) {
			return nil, ctx.Err()
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// onClientError logs what the library reports from its polling loop.
func (a *Adapter) onClientError(err error) {
	a.log.Warn("telegram client", "err", a.redact.String(err.Error()))
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
