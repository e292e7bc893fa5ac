package discord

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// sendError is an error from a Discord call with every secret removed
// from its text. It wraps only a sentinel (bot.ErrPermanent, a context
// error), never discordgo's error, whose text may hold an interaction
// token in a URL.
type sendError struct {
	msg    string
	status int   // HTTP status, 0 when there was no response
	code   int   // Discord's JSON error code, when there was one
	kind   error // bot.ErrPermanent, context.Canceled, ... or nil
}

func (e *sendError) Error() string { return e.msg }
func (e *sendError) Unwrap() error { return e.kind }

// Forbidden reports a 403: Discord forbids the bot the channel (Missing
// Access, Missing Permissions; a user-installed app in a server that
// did not add the bot; a DM with a user who shares no server with it),
// so the outbox tries no line about the lost message there
// (bot.Forbidden).
func (e *sendError) Forbidden() bool { return e.status == http.StatusForbidden }

// tooLarge reports an upload Discord refused for its size: HTTP 413, or
// JSON code 40005 (Request entity too large). The same files would be
// refused again: see toolarge.go.
func (e *sendError) tooLarge() bool {
	return e.status == http.StatusRequestEntityTooLarge || e.code == 40005
}

var _ bot.Forbidden = (*sendError)(nil)

// tokenInPath matches the secret part of webhook and interaction URLs.
var tokenInPath = regexp.MustCompile(`(/(?:webhooks|interactions)/[^/\s"]+/)([^/\s"?]+)`)

// redact removes the bot token and any interaction token from s.
func (a *Adapter) redact(s string) string {
	if raw := strings.TrimPrefix(a.token, "Bot "); raw != "" {
		s = strings.ReplaceAll(s, raw, "[token]")
	}
	return tokenInPath.ReplaceAllString(s, "${1}[token]")
}

// fail turns an error from a discordgo call into what Send returns:
//   - a 429 (discordgo's retry is off) becomes a bot.RetryAfterError;
//   - 403 (missing access or permissions; also bot.Forbidden), 404
//     (unknown channel or message), 400 (a message Discord will never
//     accept) and 413 (an upload too large, code 40005) wrap
//     bot.ErrPermanent, so the outbox gives up instead of retrying;
//   - anything else is plain and retried with back-off.
func (a *Adapter) fail(op string, err error) error {
	if err == nil {
		return nil
	}
	msg := "discord: " + op + ": " + a.redact(err.Error())
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.TooManyRequests != nil {
		return &bot.RateLimited{Msg: msg, After: max(rl.RetryAfter, 0)}
	}
	e := &sendError{msg: msg}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		e.status = re.Response.StatusCode
		if re.Message != nil {
			e.code = re.Message.Code
		}
		switch e.status {
		case http.StatusTooManyRequests:
			var tmr discordgo.TooManyRequests
			_ = json.Unmarshal(re.ResponseBody, &tmr)
			return &bot.RateLimited{Msg: msg, After: max(tmr.RetryAfter, time.Second)}
		case http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound, http.StatusRequestEntityTooLarge:
			e.kind = bot.ErrPermanent
		}
		return e
	}
	switch {
	case errors.Is(err, context.Canceled):
		e.kind = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		e.kind = context.DeadlineExceeded
	}
	return e
}

// tokenGone reports whether err says the interaction token can no longer
// be used (expired, unknown, or its message deleted): the reply then goes
// to the channel instead.
func tokenGone(err error) bool {
	var e *sendError
	if !errors.As(err, &e) {
		return false
	}
	switch e.status {
	case http.StatusUnauthorized, http.StatusNotFound:
		return true
	}
	// 10015 Unknown Webhook, 10062 Unknown Interaction, 50027 Invalid Webhook Token.
	return e.code == 10015 || e.code == 10062 || e.code == 50027
}
