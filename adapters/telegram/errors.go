package telegram

import (
	"errors"
	"net/url"
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
}

func (e *apiError) Error() string { return e.msg }

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
// a 429 says how long to wait; 403 (blocked, kicked) and 400 (chat not
// found, or a request Telegram will refuse however often it is sent) are
// permanent; anything else (network, 5xx) is retried with back-off.
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
	case errors.Is(err, tgbot.ErrorForbidden), errors.Is(err, tgbot.ErrorBadRequest), errors.As(err, &mig):
		e.permanent = true
	}
	return e
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
