package telegram

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"

	"github.com/spotter-coach/spotter/bot"
)

// redactor hides the bot token in text: the library's errors may carry a
// request URL (/bot<TOKEN>/sendMessage, /file/bot<TOKEN>/...) or a
// response body that echoes one. It is immutable and safe for concurrent use.
type redactor struct{ r *strings.Replacer }

func newRedactor(token string) redactor {
	forms := []string{token}
	for _, f := range []string{url.PathEscape(token), url.QueryEscape(token)} {
		if f != token {
			forms = append(forms, f)
		}
	}
	var pairs []string
	for _, f := range forms {
		pairs = append(pairs, f, "<token>")
	}
	return redactor{strings.NewReplacer(pairs...)}
}

func (r redactor) String(s string) string { return r.r.Replace(s) }

// apiError is an error from a Telegram call with the token redacted from
// its text. It does not unwrap, so that no caller can reach the raw text;
// errors.Is still sees through it to the library's sentinels
// (tgbot.ErrorForbidden, context.Canceled...), and to bot.ErrPermanent
// when the send can never succeed.
type apiError struct {
	msg       string
	cause     error
	permanent bool
	forbidden bool // the bot may not post in the chat at all
}

func (e *apiError) Error() string { return e.msg }

// Forbidden reports a send refused because of the chat itself (the bot
// was blocked or removed, the chat is gone): the hub then tries no line
// about the lost message there (bot.Forbidden).
func (e *apiError) Forbidden() bool { return e.forbidden }

var _ bot.Forbidden = (*apiError)(nil)

func (e *apiError) Is(target error) bool {
	if target == bot.ErrPermanent {
		return e.permanent
	}
	return errors.Is(e.cause, target)
}

// redactErr wraps err so that its text never shows the token. what says
// what was being done ("sendMessage").
func (a *Adapter) redactErr(what string, err error) error {
	if err == nil {
		return nil
	}
	return &apiError{msg: "telegram: " + what + ": " + a.redact.String(err.Error()), cause: err}
}

// classify turns an error from a send into what the hub's outbox expects:
// a 429 says how long to wait; 403 (blocked, kicked), 400 (chat not
// found, or a request Telegram will refuse however often it is sent) and
// 413 (an upload too large) are permanent, and those refused for the
// chat's sake are Forbidden too; anything else (network, 5xx) is retried
// with back-off.
func (a *Adapter) classify(what string, err error) error {
	if err == nil {
		return nil
	}
	var tm *tgbot.TooManyRequestsError
	if errors.As(err, &tm) {
		after := time.Duration(tm.RetryAfter) * time.Second
		if after <= 0 {
			after = time.Second
		}
		return &bot.RateLimited{Msg: "telegram: " + what + ": " + a.redact.String(err.Error()), After: after}
	}
	e := a.redactErr(what, err).(*apiError)
	var mig *tgbot.MigrateError
	switch {
	case errors.Is(err, tgbot.ErrorForbidden), errors.Is(err, tgbot.ErrorBadRequest), errors.As(err, &mig), tooLarge(err):
		e.permanent = true
	}
	e.forbidden = chatGone(err)
	return e
}

// tooLarge reports an HTTP 413: the library has no error for it, and
// says it in text, either Telegram's JSON answer ("error response from
// telegram for method sendPhoto, 413 Request Entity Too Large") or the
// HTML page of a proxy in front of it, which it cannot decode ("error
// decode response body for method sendPhoto, <html>...413 Request Entity
// Too Large...").
func tooLarge(err error) bool {
	s := err.Error()
	return strings.Contains(s, "Request Entity Too Large") || status413.MatchString(s)
}

var status413 = regexp.MustCompile(`for method \w+, 413\b`)

// pictureRefused reports a sendPhoto Telegram will never take as a
// photo (too large, or dimensions it refuses) but may take as a
// document.
func pictureRefused(err error) bool {
	if tooLarge(err) {
		return true
	}
	if !errors.Is(err, tgbot.ErrorBadRequest) {
		return false
	}
	s := strings.ToLower(err.Error())
	for _, why := range []string{"photo_invalid_dimensions", "photo_save_file_invalid", "image_process_failed", "too big", "too large"} {
		if strings.Contains(s, why) {
			return true
		}
	}
	return false
}

// notModified reports an edit that changed nothing, which is a success.
func notModified(err error) bool {
	return errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(err.Error(), "message is not modified")
}

// chatGone reports a send refused because of the chat itself (the bot was
// blocked or removed, the chat does not exist): a new message would be
// refused too.
func chatGone(err error) bool {
	if errors.Is(err, tgbot.ErrorForbidden) {
		return true
	}
	var mig *tgbot.MigrateError
	return errors.As(err, &mig) ||
		errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(strings.ToLower(err.Error()), "chat not found")
}
