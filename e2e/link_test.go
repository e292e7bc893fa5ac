package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/dcfake"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

// TestLinkAcrossTelegramAndDiscord: one spotter process serves both
// platforms (the real binary on tgfake and dcfake). A lifter logs on
// Telegram and says /link there; the code, given to /link on Discord,
// joins the accounts: /history on Discord shows the Telegram sets, and a
// set logged on Discord shows in Telegram's history. /unlink on Discord
// splits them: each side shows only what was logged there.
func TestLinkAcrossTelegramAndDiscord(t *testing.T) {
	bin := buildSpotter(t)
	const (
		tgToken = "123456:TEST-link-token"
		dcToken = "MTAwMDAwMDAwMDAwMDAwMDAw.link-test.s3cret"
		guild   = "333333333333333333"
		channel = "400000000000000001"
	)
	tg := tgfake.New(t, tgfake.WithToken(tgToken))
	dc, err := dcfake.Start(dcfake.Config{Token: dcToken, Guilds: []string{guild}, Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "spotter.toml")
	toml := fmt.Sprintf(`[telegram]
token = %q
api_url = %q

[discord]
token = %q
api_url = %q
guild_ids = [%q]
shards = 1
`, tgToken, tg.URL(), dcToken, dc.APIURL(), guild)
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	p := startTelegramBot(t, bin, "-config", cfg, "-data", filepath.Join(dir, "spotter.db"))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := dc.WaitRequest(ctx, 1, dcfake.All(dcfake.BulkOverwrite(guild), dcfake.Succeeded)); err != nil {
		t.Fatalf("Discord not connected: %v", err)
	}
	if _, err := tg.Await(ctx, 0, 1, func(c tgfake.Call) bool { return c.Method == "setMyCommands" && c.At.After(began) }); err != nil {
		t.Fatalf("Telegram not connected: %v", err)
	}
	tg.WaitPolling(t)

	ana := models.User{ID: 7001, FirstName: "Ana"}
	dm := tgfake.Private(ana)
	tgSay := func(text, want string) string {
		t.Helper()
		mark := tg.Mark()
		tg.Text(dm, ana, text)
		return tg.WaitSince(t, mark, 1, tgfake.NewMessage(dm.ID, want))[0].Text()
	}
	dana := dcfake.User{ID: "500000000000000001", GlobalName: "Ana"}
	n := 0
	var id string // the last slash command's interaction
	dcSlash := func(name string, opts ...dcfake.Option) *dcfake.Request {
		t.Helper()
		n++
		id = fmt.Sprintf("6000000000000000%02d", n)
		if _, err := dc.Slash(ctx, 0, dcfake.Interaction{ID: id, Token: "itok-" + id, GuildID: guild, ChannelID: channel, User: dana, Name: name, Options: opts}); err != nil {
			t.Fatal(err)
		}
		r, err := dc.WaitRequest(ctx, 1, dcfake.All(dcfake.Original("itok-"+id), dcfake.Succeeded))
		if err != nil {
			t.Fatalf("/%s: %v", name, err)
		}
		return r
	}
	// Private commands are deferred ephemerally: only the lifter sees them.
	ephemeral := func() bool {
		cb := dc.Requests(dcfake.Callback(id))
		return len(cb) == 1 && cb[0].CallbackType() == 5 && cb[0].Ephemeral()
	}

	tgSay("/log bench 100x5", "Logged bench press 100 kg 1×5")
	if got := dcSlash("log", dcfake.Option{Name: "exercise", Value: "squat"}, dcfake.Option{Name: "sets", Value: "140x5"}).Content(); !strings.Contains(got, "Logged back squat 140 kg") {
		t.Fatalf("/log on Discord: %q", got)
	}
	code := regexp.MustCompile(`[A-HJ-NP-Z2-9]{6}`).FindString(tgSay("/link", "Your link code"))
	if code == "" {
		t.Fatal("no code in Telegram's answer to /link")
	}

	linked := dcSlash("link", dcfake.Option{Name: "code", Value: code})
	if !strings.Contains(linked.Content(), "Linked") || !ephemeral() {
		t.Fatalf("/link %s on Discord: %q (ephemeral %v)", code, linked.Content(), ephemeral())
	}
	hist := dcSlash("history")
	if got := hist.Content(); !strings.Contains(got, "bench press 100 kg 1×5") || !strings.Contains(got, "back squat 140 kg 1×5") || !ephemeral() {
		t.Errorf("Discord's /history once linked: %q (ephemeral %v)", got, ephemeral())
	}
	if got := tgSay("/history", "Recent training"); !strings.Contains(got, "back squat 140 kg 1×5") {
		t.Errorf("Telegram's /history once linked: %q", got)
	}

	if got := dcSlash("unlink").Content(); !strings.Contains(got, "Unlinked") {
		t.Fatalf("/unlink on Discord: %q", got)
	}
	if got := dcSlash("history").Content(); strings.Contains(got, "bench press") || !strings.Contains(got, "back squat 140 kg") {
		t.Errorf("Discord's /history after unlink: %q", got)
	}
	if got := tgSay("/history", "Recent training"); strings.Contains(got, "squat") || !strings.Contains(got, "bench press 100 kg") {
		t.Errorf("Telegram's /history after unlink: %q", got)
	}
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
}
