package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"path"
	"strings"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
)

// maxPhoto is the largest picture sendPhoto takes; a larger one goes as a
// document.
const maxPhoto = 10 << 20

type partKind uint8

const (
	partText partKind = iota
	partPhoto
	partDocument
)

// part is one Telegram message of a reply.
type part struct {
	kind  partKind
	html  string    // the text, or the caption of a photo or document
	file  *bot.File // a photo's or document's bytes
	kb    *keyboard // the buttons, on the reply's last part
	edit  int       // a text part: edit this message instead of sending one
	reply int       // the first part: a reply to this message (reply_parameters)
}

func (p part) method() string {
	switch {
	case p.kind == partPhoto:
		return "sendPhoto"
	case p.kind == partDocument:
		return "sendDocument"
	case p.edit != 0:
		return "editMessageText"
	}
	return "sendMessage"
}

// Send delivers one reply: its text as HTML messages (split below the
// length limit), pings as a new message mentioning each lifter, the
// buttons as an inline keyboard on the last message, an image with
// sendPhoto and a file with sendDocument. The first message replies to
// the one the reply answers (Reply.ReplyTo), so that everyone sees whose
// answer it is; in a forum topic (a ChatID "<chat>/<thread>") every
// message goes to that topic. Only two kinds of reply edit instead of
// posting: the answer to a button press, on the message the button sits
// on (Reply.Edit), and a reply of one message that names an earlier one
// (Reply.Replace, the progress of an import). A typed command always gets
// a new message: it notifies, and stands below the lifter's own. With
// Config.Reactions, a reply that may be an emoji is a reaction on the
// lifter's message instead (react.go).
//
// Send makes one attempt. Its error implements bot.RetryAfterError after
// a 429, wraps bot.ErrPermanent when Telegram will never take the message
// (403, 400, 413), and is plain otherwise; it never shows the token. A
// picture Telegram refuses as a photo (413, or its dimensions) goes as a
// document in the same attempt. When a reply of several messages fails
// part-way, the next Send of the same reply to the same chat skips the
// parts already delivered. The hub calls Send for one chat one reply at
// a time.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) error {
	to, ok := parseChatID(r.ChatID)
	if !ok {
		return fmt.Errorf("telegram: chat id %q is not a Telegram chat: %w", r.ChatID, bot.ErrPermanent)
	}
	if msg, emoji, ok := a.reaction(r); ok {
		if done, err := a.react(ctx, to, msg, emoji); done || err != nil {
			return err
		}
	}
	parts := a.render(r)
	if len(parts) == 0 {
		return nil
	}
	key := fingerprint(r)
	last := 0
	for i := a.mem.resume(r.ChatID, key); i < len(parts); i++ {
		p := parts[i]
		id, err := a.sendPart(ctx, to, p)
		if err != nil && p.kind == partPhoto && pictureRefused(err) {
			a.log.Info("photo refused; sending it as a document", "chat", r.ChatID, "bytes", len(p.file.Data),
				"err", a.redactErr("sendPhoto", err))
			p.kind = partDocument
			id, err = a.sendPart(ctx, to, p)
		}
		if err != nil {
			err = a.classify(p.method(), err)
			if errors.Is(err, bot.ErrPermanent) {
				a.mem.setProgress(r.ChatID, key, 0)
			} else {
				a.mem.setProgress(r.ChatID, key, i)
			}
			return err
		}
		last = id
	}
	a.mem.setProgress(r.ChatID, key, 0)
	if r.Replace != "" && len(parts) == 1 && last != 0 {
		a.mem.setReplacedMessage(r.ChatID, r.Replace, last)
	}
	return nil
}

// render lays a reply out as Telegram messages.
func (a *Adapter) render(r bot.Reply) []part {
	var texts []string
	if len(r.Pings) > 0 {
		texts = pingMessages(r.Pings)
	} else {
		texts = textMessages(r.Text)
	}
	var media []part
	if f := r.Image; f != nil {
		kind := partPhoto
		if len(f.Data) > maxPhoto {
			kind = partDocument
		}
		media = append(media, part{kind: kind, file: withName(f, "chart.png")})
	}
	if f := r.File; f != nil {
		media = append(media, part{kind: partDocument, file: withName(f, "spotter.csv")})
	}
	if len(media) > 0 && len(texts) == 1 && utf16Len(texts[0]) <= captionLimit {
		media[0].html, texts = texts[0], nil
	}
	parts := make([]part, 0, len(texts)+len(media))
	for _, t := range texts {
		parts = append(parts, part{kind: partText, html: t})
	}
	parts = append(parts, media...)
	if len(parts) == 0 {
		return nil
	}
	// The buttons act for the lifter the reply is for; a message several
	// lifters share (To empty) has buttons anyone may press.
	parts[len(parts)-1].kb = buildKeyboard(r.Keyboard(), r.ButtonOwner(), a.log)
	if id, ok := messageRef(r.ReplyTo); ok {
		parts[0].reply = id
	}
	// Edits notify nobody, so pings are always new messages; a reply of
	// several messages, or with a picture or file, is new messages too.
	if len(r.Pings) == 0 && len(parts) == 1 && parts[0].kind == partText {
		id, ok := messageRef(r.Edit)
		if !ok && r.Replace != "" {
			id, ok = a.mem.replacedMessage(r.ChatID, r.Replace)
		}
		if ok {
			parts[0].edit = id
		}
	}
	return parts
}

// sendPart sends (or edits) one message and returns its id. An edit that
// changes nothing is a success; one Telegram refuses for the message's
// sake (too old, deleted, not a text) becomes a new message.
func (a *Adapter) sendPart(ctx context.Context, to chatRef, p part) (int, error) {
	var markup models.ReplyMarkup
	if p.kb != nil {
		markup = p.kb
	}
	var mode models.ParseMode
	if p.html != "" {
		mode = models.ParseModeHTML
	}
	var reply *models.ReplyParameters
	if p.reply != 0 {
		// A reply to a message that is gone goes all the same.
		reply = &models.ReplyParameters{MessageID: p.reply, AllowSendingWithoutReply: true}
	}
	switch p.kind {
	case partPhoto:
		m, err := a.api.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: to.id, MessageThreadID: to.thread, Photo: upload(p.file),
			Caption: p.html, ParseMode: mode, ReplyMarkup: markup, ReplyParameters: reply})
		return messageID(m, err)
	case partDocument:
		m, err := a.api.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: to.id, MessageThreadID: to.thread, Document: upload(p.file),
			Caption: p.html, ParseMode: mode, ReplyMarkup: markup, ReplyParameters: reply})
		return messageID(m, err)
	}
	if p.edit != 0 {
		_, err := a.api.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: to.id, MessageID: p.edit,
			Text: p.html, ParseMode: mode, ReplyMarkup: markup})
		if err == nil || notModified(err) {
			return p.edit, nil
		}
		if !errors.Is(err, tgbot.ErrorBadRequest) || chatGone(err) {
			return 0, err // retry the edit, or give up on the chat
		}
		a.log.Info("edit refused; sending a new message", "chat", to.String(), "err", a.redactErr("editMessageText", err))
	}
	m, err := a.api.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: to.id, MessageThreadID: to.thread, Text: p.html,
		ParseMode: mode, ReplyMarkup: markup, ReplyParameters: reply})
	return messageID(m, err)
}

func messageID(m *models.Message, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return m.ID, nil
}

// upload is a file as a multipart upload; a fresh reader each time, so a
// retried send sends every byte again.
func upload(f *bot.File) *models.InputFileUpload {
	return &models.InputFileUpload{Filename: f.Name, Data: bytes.NewReader(f.Data)}
}

// withName is f with a file name safe for a multipart header.
func withName(f *bot.File, fallback string) *bot.File {
	name := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, path.Base(strings.ReplaceAll(f.Name, "\\", "/")))
	if name == "" || name == "." || name == "/" {
		name = fallback
	}
	c := *f
	c.Name = name
	return &c
}

// fingerprint identifies a reply, to recognise the outbox sending the
// same one again after a failure.
func fingerprint(r bot.Reply) uint64 {
	h := fnv.New64a()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(r.Text)
	w(r.Session)
	w(r.Replace)
	w(r.ReplyTo)
	w(r.Edit)
	for _, p := range r.Pings {
		w(p.To.ID)
		w(p.Text)
	}
	for _, row := range r.Keyboard() {
		for _, b := range row {
			w(b.Label)
			w(b.Data)
		}
		w("\n")
	}
	for _, f := range []*bot.File{r.Image, r.File} {
		if f != nil {
			w(f.Name)
			h.Write(f.Data)
		}
		w("")
	}
	return h.Sum64()
}
