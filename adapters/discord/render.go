package discord

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Discord's limits for components and mentions.
const (
	maxButtonsPerRow = 5
	maxRows          = 5
	maxButtonLabel   = 80
	maxMentionUsers  = 100
)

// outgoing is a Reply rendered for Discord. Components, files and
// embeds go with the last content piece.
type outgoing struct {
	chunks     []string // content pieces of at most maxContent
	components []discordgo.MessageComponent
	embeds     []*discordgo.MessageEmbed
	files      []bot.File
	// mentions is sent with every piece: no @everyone, @here or roles,
	// and only the users the reply pings or answers.
	mentions  *discordgo.MessageAllowedMentions
	ephemeral bool // Error or Private: only the lifter sees it, where possible
}

// render turns a Reply into Discord content: the text escaped and split,
// pings as one line per lifter mentioning them with <@id>, buttons as
// action rows, an image as an attachment shown in an embed, a file as an
// attachment.
func render(r bot.Reply) outgoing {
	out := outgoing{ephemeral: r.Error || r.Private}
	var users []string
	addUser := func(id string) {
		if !snowflake.MatchString(id) || len(users) == maxMentionUsers {
			return
		}
		for _, u := range users {
			if u == id {
				return
			}
		}
		users = append(users, id)
	}
	var text string
	if len(r.Pings) > 0 {
		lines := make([]string, len(r.Pings))
		for i, p := range r.Pings {
			who := escapeMarkdown(p.To.Name) + ":"
			if snowflake.MatchString(p.To.ID) {
				who = "<@" + p.To.ID + ">"
				addUser(p.To.ID)
			}
			lines[i] = who + " " + escapeMarkdown(p.Text)
		}
		text = strings.Join(lines, "\n")
	} else {
		text = escapeMarkdown(r.Text)
		if u := r.Until; u != nil && u.Text != "" {
			// A relative timestamp counts down in every client, in the
			// reader's own words and zone, with no edits from us.
			if i := strings.Index(r.Text, u.Text); i >= 0 {
				text = escapeMarkdown(r.Text[:i]) + "<t:" + strconv.FormatInt(u.At.Unix(), 10) + ":R>" +
					escapeMarkdown(r.Text[i+len(u.Text):])
			}
		}
		addUser(r.To.ID)
	}
	out.chunks = splitContent(text, maxContent)
	out.mentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Users: users}
	// The buttons act for the lifter the reply is for; a message several
	// lifters share (To empty) has buttons anyone may press.
	out.components = buttons(r.Session, r.ButtonOwner(), r.Keyboard())
	if r.Image != nil {
		img := *r.Image
		img.Name = attachmentName(img.Name, "chart.png")
		if img.MIME == "" {
			img.MIME = "image/png"
		}
		out.files = append(out.files, img)
		out.embeds = append(out.embeds, &discordgo.MessageEmbed{
			Type:  discordgo.EmbedTypeImage,
			Image: &discordgo.MessageEmbedImage{URL: "attachment://" + img.Name},
		})
	}
	if r.File != nil {
		f := *r.File
		f.Name = attachmentName(f.Name, "spotter.txt")
		if f.MIME == "" {
			f.MIME = "application/octet-stream"
		}
		out.files = append(out.files, f)
	}
	return out
}

// buttons lays the hub's button rows out as action rows of at most five
// buttons (a longer row wraps), at most five rows, acting only for owner
// ("" for anyone). Buttons whose data cannot be carried, and repeated
// ones, are left out.
func buttons(session, owner string, rows [][]bot.Button) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	seen := map[string]bool{}
	for _, row := range rows {
		var cur []discordgo.MessageComponent
		for _, b := range row {
			id, ok := encodeCustomID(owner, session, b.Data)
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			if len(cur) == maxButtonsPerRow {
				out = append(out, discordgo.ActionsRow{Components: cur})
				cur = nil
			}
			style := discordgo.SecondaryButton
			switch {
			case b.Data == "stop":
				style = discordgo.DangerButton
			case len(out) == 0 && len(cur) == 0:
				style = discordgo.PrimaryButton
			}
			cur = append(cur, discordgo.Button{Label: clip(b.Label, b.Data, maxButtonLabel), Style: style, CustomID: id})
		}
		if len(cur) > 0 {
			out = append(out, discordgo.ActionsRow{Components: cur})
		}
	}
	if len(out) > maxRows {
		out = out[:maxRows]
	}
	return out
}

// attachmentName makes a file name that attachment:// URLs accept.
func attachmentName(name, fallback string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	b := []byte(name)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
		if !ok {
			b[i] = '_'
		}
	}
	name = strings.Trim(string(b), ".")
	if name == "" || len(name) > 100 {
		return fallback
	}
	return name
}

// discordFiles are fresh readers over the files, one set per request.
func discordFiles(fs []bot.File) []*discordgo.File {
	out := make([]*discordgo.File, len(fs))
	for i, f := range fs {
		out[i] = &discordgo.File{Name: f.Name, ContentType: f.MIME, Reader: bytes.NewReader(f.Data)}
	}
	return out
}
