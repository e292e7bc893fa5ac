package discord

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// restError is a discordgo error for an HTTP answer with status and
// Discord's JSON error code.
func restError(status, code int) error {
	return &discordgo.RESTError{Response: &http.Response{StatusCode: status},
		ResponseBody: []byte(fmt.Sprintf(`{"message": "x", "code": %d}`, code)),
		Message:      &discordgo.APIErrorMessage{Code: code, Message: "x"}}
}

// TestFailClassifies: what the outbox makes of each failure. An upload
// too large is refused the same way every time (permanent, and seen as
// too large so that the text goes without it); a 403 forbids the bot
// the chat (bot.Forbidden), so no line about the loss is tried there.
func TestFailClassifies(t *testing.T) {
	a, err := New(Config{Token: "t"}, nopHandler{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		status, code                   int
		permanent, forbidden, tooLarge bool
	}{
		{413, 40005, true, false, true},
		{413, 0, true, false, true}, // a proxy's 413 without Discord's body
		{400, 40005, true, false, true},
		{403, 50013, true, true, false},
		{403, 50001, true, true, false},
		{404, 10003, true, false, false},
		{400, 50035, true, false, false},
		{500, 0, false, false, false},
	} {
		err := a.fail("sending", restError(tc.status, tc.code))
		var fb bot.Forbidden
		forbidden := errors.As(err, &fb) && fb.Forbidden()
		if errors.Is(err, bot.ErrPermanent) != tc.permanent || forbidden != tc.forbidden || tooLarge(err) != tc.tooLarge {
			t.Errorf("%d/%d: permanent %v, forbidden %v, too large %v; want %v, %v, %v", tc.status, tc.code,
				errors.Is(err, bot.ErrPermanent), forbidden, tooLarge(err), tc.permanent, tc.forbidden, tc.tooLarge)
		}
	}
}

// TestWithoutFiles: the piece sent again after a refused upload keeps
// its text and buttons, loses the files and the embeds that show them,
// and says what was left out, in the same message when it fits.
func TestWithoutFiles(t *testing.T) {
	a, _ := New(Config{Token: "t"}, nopHandler{}, nil)
	out := render(bot.Reply{Text: "Your bench", To: bot.User{ID: "500000000000000001"},
		Buttons: [][]bot.Button{{{Label: "Week", Data: "chart week"}}},
		Image:   &bot.File{Name: "chart.png", MIME: "image/png", Data: []byte("png")},
		File:    &bot.File{Name: "export.csv", MIME: "text/csv", Data: []byte("csv")}})
	rest := a.withoutFiles(out, out.chunks[0], nil)
	if len(rest.files) != 0 || len(rest.embeds) != 0 || len(rest.components) != 1 ||
		len(rest.chunks) != 1 || rest.chunks[0] != "Your bench\nThe chart and the file were too large to upload." {
		t.Errorf("without files: %+v", rest)
	}
	long := string(make([]byte, maxContent-10))
	if rest := a.withoutFiles(out, long, nil); len(rest.chunks) != 2 || rest.chunks[0] != long {
		t.Errorf("a full piece: %d chunks", len(rest.chunks))
	}
	if rest := a.withoutFiles(outgoing{files: []bot.File{{MIME: "text/csv"}}}, "", nil); len(rest.chunks) != 1 || rest.chunks[0] != "The file was too large to upload." {
		t.Errorf("a file alone: %q", rest.chunks)
	}
}
