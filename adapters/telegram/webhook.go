package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// maxUpdateBody bounds one webhook post.
const maxUpdateBody = 1 << 20

// serveWebhook registers the webhook with Telegram (setWebhook with the
// secret token) and serves it until ctx is done. The webhook stays set
// when Spotter stops, so updates wait at Telegram for the next start.
func (a *Adapter) serveWebhook(ctx context.Context) error {
	u, _ := url.Parse(a.cfg.WebhookURL) // checked by New
	p := u.Path
	if p == "" {
		p = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(p, a.webhookHandler(ctx))
	ln, err := net.Listen("tcp", a.cfg.WebhookListen)
	if err != nil {
		return fmt.Errorf("telegram: webhook: %w", err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case a.webhookAddr <- ln.Addr().String():
	default:
	}
	if err := a.setWebhook(ctx); err != nil {
		srv.Close()
		<-served
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	select {
	case <-ctx.Done():
	case err := <-served:
		return fmt.Errorf("telegram: webhook server: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	<-served
	return nil
}

// setWebhook tells Telegram where to post, retrying network trouble; a
// refusal (a bad URL, say) ends it.
func (a *Adapter) setWebhook(ctx context.Context) error {
	wait := time.Second
	for {
		_, err := a.api.SetWebhook(ctx, &tgbot.SetWebhookParams{
			URL:            a.cfg.WebhookURL,
			SecretToken:    a.cfg.WebhookSecret,
			AllowedUpdates: []string{models.AllowedUpdateMessage, models.AllowedUpdateCallbackQuery},
		})
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorUnauthorized):
			return fmt.Errorf("telegram: setWebhook refused: %w", a.redactErr("setWebhook", err))
		}
		a.log.Warn("setWebhook failed; retrying", "in", wait, "err", a.redactErr("setWebhook", err))
		if !sleep(ctx, wait) {
			return ctx.Err()
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// webhookHandler takes Telegram's posts: the secret-token header must
// match (else 401 and nothing happens), the body is one Update, which is
// queued like a polled one with run (Run's context). It answers 200 once
// the update is queued, so Telegram sends it again if Spotter fails first.
func (a *Adapter) webhookHandler(run context.Context) http.Handler {
	secret := []byte(a.cfg.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if subtle.ConstantTimeCompare(got, secret) != 1 {
			a.log.Warn("webhook post without the right secret token refused", "from", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBody))
		if err != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		var u models.Update
		if err := json.Unmarshal(body, &u); err != nil {
			a.log.Warn("webhook post is not an update", "err", err)
			http.Error(w, "not an update", http.StatusBadRequest)
			return
		}
		chat, j, ok := a.inbound(&u)
		if ok && !a.in.push(run, chat, j) {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
