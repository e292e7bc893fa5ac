package discord

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// maxDownload caps an attachment the adapter downloads for an import
// (Discord's upload limit without Nitro is 10 MB as well).
const maxDownload = 10 << 20

// downloadTimeout bounds one attachment download.
const downloadTimeout = 30 * time.Second

var errTooBig = fmt.Errorf("the attachment is larger than %d MB", maxDownload>>20)

// attach downloads att into m.File. When that fails (too big, network),
// m goes to the hub without a file and the hub answers; the adapter only
// logs.
func (a *Adapter) attach(ctx context.Context, m *bot.Message, att *discordgo.MessageAttachment) {
	f, err := a.download(ctx, att)
	if err != nil {
		a.log.Warn("discord: attachment not downloaded; the hub gets the command without a file",
			"channel", m.ChatID, "file", att.Filename, "size", att.Size, "err", err)
		return
	}
	m.File = f
}

// download fetches an attachment from its CDN URL (no bot token is sent
// there), at most maxDownload bytes.
func (a *Adapter) download(ctx context.Context, att *discordgo.MessageAttachment) (*bot.File, error) {
	if att.Size > maxDownload {
		return nil, errTooBig
	}
	if !strings.HasPrefix(att.URL, "https://") && !strings.HasPrefix(att.URL, "http://") {
		return nil, errors.New("discord: the attachment has no http(s) URL")
	}
	ctx, cancel := context.WithTimeout(ctx, downloadTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, att.URL, nil)
	if err != nil {
		return nil, errors.New("discord: the attachment URL does not parse")
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("discord: downloading an attachment: %s", a.redact(err.Error()))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("discord: downloading an attachment: HTTP %s", resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDownload+1))
	if err != nil {
		return nil, fmt.Errorf("discord: downloading an attachment: %s", a.redact(err.Error()))
	}
	if len(data) > maxDownload {
		return nil, errTooBig
	}
	mime := att.ContentType
	if mime == "" {
		mime = "application/octet-stream"
	}
	return &bot.File{Name: att.Filename, MIME: mime, Data: data}, nil
}

// fileArgs are the names of spec's attachment arguments.
func fileArgs(spec bot.CommandSpec) []string {
	var out []string
	for _, a := range spec.Args {
		if a.Kind == bot.ArgFile {
			out = append(out, a.Name)
		}
	}
	return out
}

// wantsFile reports whether a typed command takes an attachment
// ("import" with a CSV attached to the message).
func (a *Adapter) wantsFile(text string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(text), " ")
	spec, ok := a.specs[strings.ToLower(name)]
	return ok && len(fileArgs(spec)) > 0
}
