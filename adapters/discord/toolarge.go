package discord

import (
	"errors"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Uploads Discord refuses for their size. A message whose files are too
// large (HTTP 413, code 40005: the limit depends on the server's boost
// level, 10 MB without one) is refused the same way every time, so it is
// never retried as it is (fail makes the error permanent). The piece
// that carried the files is sent once more without them, with a line
// saying what was left out, and the reply counts as delivered: its text
// is what the lifter asked for, and the line tells them the rest.
//
// Re-encoding a chart as a smaller JPEG (image/png, image/jpeg) was
// weighed and left out: Spotter's charts are line art, which PNG keeps
// small and sharp and JPEG does not shrink much while blurring the
// axis labels; a chart past Discord's limit means something else is
// wrong.

// tooLarge reports whether err is an upload refused for its size.
func tooLarge(err error) bool {
	var e *sendError
	return errors.As(err, &e) && e.tooLarge()
}

// withoutFiles is the last piece of out, content, again without its
// files and the embeds that show them, followed by a line that says what
// was left out. The line goes in the same message when it fits.
func (a *Adapter) withoutFiles(out outgoing, content string, err error) outgoing {
	charts, files := 0, 0
	for _, f := range out.files {
		if strings.HasPrefix(f.MIME, "image/") {
			charts++
		} else {
			files++
		}
	}
	a.log.Warn("discord: an upload was refused for its size; sending the text without it",
		"charts", charts, "files", files, "err", err)
	note := tooLargeNote(charts > 0, files > 0)
	var kept []*discordgo.MessageEmbed
	for _, e := range out.embeds {
		if e.Image != nil && strings.HasPrefix(e.Image.URL, "attachment://") {
			continue
		}
		kept = append(kept, e)
	}
	rest := out
	rest.files, rest.embeds = nil, kept
	switch {
	case content == "":
		rest.chunks = []string{note}
	case contentLen(content)+1+len(note) <= maxContent:
		rest.chunks = []string{content + "\n" + note}
	default:
		rest.chunks = []string{content, note}
	}
	return rest
}

// tooLargeNote is the line that replaces what could not be uploaded.
func tooLargeNote(chart, file bool) string {
	switch {
	case chart && file:
		return "The chart and the file were too large to upload."
	case chart:
		return "The chart was too large to upload."
	}
	return "The file was too large to upload."
}
