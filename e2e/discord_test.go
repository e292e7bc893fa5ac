package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/dcfake"
	"github.com/spotter-coach/spotter/store"
)

// dcLog collects a binary's standard error.
type dcLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *dcLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *dcLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// dcProc is the real spotter binary running on a fake Discord.
type dcProc struct {
	cmd    *exec.Cmd
	log    *dcLog
	exited chan error
}

// startDiscordBinary runs bin with args, the bot token in
// SPOTTER_DISCORD_TOKEN and no other SPOTTER_ variable.
func startDiscordBinary(t *testing.T, bin, token string, args ...string) *dcProc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SPOTTER_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "SPOTTER_DISCORD_TOKEN="+token)
	p := &dcProc{cmd: cmd, log: &dcLog{}, exited: make(chan error, 1)}
	cmd.Stderr = p.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.exited
		if t.Failed() {
			t.Logf("spotter's log:\n%s", p.log.String())
		}
	})
	return p
}

// signal sends sig and waits, at most 10 s, for the process to exit.
func (p *dcProc) signal(t *testing.T, sig syscall.Signal) error {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.exited:
		p.exited <- err // for the cleanup
		return err
	case <-time.After(10 * time.Second):
		t.Fatalf("spotter still running 10 s after %v", sig)
		return nil
	}
}

// TestDiscordPingSurvivesSIGKILL runs the real binary on a fake Discord:
// slash commands registered for the guild, a rest-pause session planned
// with a mention and run by slash command and buttons, SIGKILL during the
// rest, a restart on the same data file, and then the GO ping as a
// channel message that can ping the lifter alone, and one set in the
// lifter's history.
func TestDiscordPingSurvivesSIGKILL(t *testing.T) {
	bin := buildSpotter(t)
	const (
		token   = "MTAwMDAwMDAwMDAwMDAwMDAw.binary-test.s3cret"
		guild   = "333333333333333333"
		channel = "400000000000000001"
	)
	ana := dcfake.User{ID: "500000000000000001", GlobalName: "Ana"}
	f, err := dcfake.Start(dcfake.Config{Token: token, Guilds: []string{guild}, Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	must := func(q *dcfake.Request, err error) *dcfake.Request {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	ok := func(n int, m dcfake.Match) *dcfake.Request {
		t.Helper()
		return must(f.WaitRequest(ctx, n, dcfake.All(m, dcfake.Succeeded)))
	}
	in := func(id, name string) dcfake.Interaction {
		return dcfake.Interaction{ID: id, Token: "itok-" + id, GuildID: guild, ChannelID: channel, User: ana, Name: name}
	}

	dir := t.TempDir()
	cfg := filepath.Join(dir, "spotter.toml")
	toml := fmt.Sprintf(`[discord]
api_url = %q
guild_ids = [%q]
shards = 1

[[preset]]
name = "shortrp"
technique = "rest_pause"
rest = "2s"
`, f.APIURL(), guild)
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "spotter.db")
	args := []string{"-config", cfg, "-data", data}
	begin := time.Now()

	p := startDiscordBinary(t, bin, token, args...)
	put := ok(1, dcfake.BulkOverwrite(guild))
	if put.Auth != "Bot "+token || len(put.List) != len(bot.Commands()) {
		t.Fatalf("bulk overwrite: auth %q, %d commands, want %d", put.Auth, len(put.List), len(bot.Commands()))
	}
	names := map[string]bool{}
	for _, c := range f.Commands(guild) {
		names[fmt.Sprint(c["name"])] = true
	}
	for _, want := range []string{"rp", "start", "done", "history"} {
		if !names[want] {
			t.Errorf("slash command /%s not registered: %v", want, names)
		}
	}

	// The preset plans by mention; /start starts it; the rep button
	// reports the set.
	if _, err := f.Say(ctx, 0, dcfake.Message{GuildID: guild, ChannelID: channel, Author: ana, Content: "<@" + f.BotID() + "> shortrp 100kg squat"}); err != nil {
		t.Fatal(err)
	}
	plan := ok(1, dcfake.ChannelMessage(channel))
	if !strings.Contains(plan.Content(), "100 kg") || plan.CustomID("Start") == "" {
		t.Fatalf("plan: %q, buttons %v", plan.Content(), plan.Buttons())
	}
	if _, err := f.Slash(ctx, 0, in("600000000000000001", "start")); err != nil {
		t.Fatal(err)
	}
	started := ok(1, dcfake.Original("itok-600000000000000001"))
	rep := started.CustomID("8")
	if !strings.Contains(started.Content(), "Started") || rep == "" {
		t.Fatalf("/start: %q, buttons %v", started.Content(), started.Buttons())
	}
	press := in("600000000000000002", "")
	press.CustomID, press.MessageID = rep, started.RespID
	if _, err := f.Press(ctx, 0, press); err != nil {
		t.Fatal(err)
	}
	rest := ok(1, dcfake.Original("itok-600000000000000002"))
	if !strings.Contains(rest.Content(), "Rest 2 s") || rest.RespID != started.RespID {
		t.Fatalf("done 8 by button: %q on message %s, want Rest 2 s on %s", rest.Content(), rest.RespID, started.RespID)
	}
	// The set and the timer were stored before that answer: kill now.
	killedAt := time.Now()
	p.signal(t, syscall.SIGKILL)
	if n := f.Count(dcfake.All(dcfake.ChannelMessage(channel), dcfake.ContentContains("GO: "))); n != 0 {
		t.Fatalf("%d GO pings before the kill (%v after the set)", n, killedAt.Sub(rest.At))
	}

	p = startDiscordBinary(t, bin, token, args...)
	ok(2, dcfake.BulkOverwrite(guild)) // the new process is connected
	ping := ok(1, dcfake.All(dcfake.ChannelMessage(channel), dcfake.ContentContains("GO: ")))
	if !strings.HasPrefix(ping.Content(), "<@"+ana.ID+"> GO: mini-set 1, 100 kg") {
		t.Errorf("ping %q", ping.Content())
	}
	if err := ping.CheckMentions(ana.ID); err != nil {
		t.Error(err)
	}
	// The press Discord had delivered before the kill, delivered again
	// (as a RESUME would), logs nothing more.
	if _, err := f.Press(ctx, 0, press); err != nil {
		t.Fatal(err)
	}
	ok(2, dcfake.Callback(press.ID))

	if _, err := f.Slash(ctx, 0, in("600000000000000003", "history")); err != nil {
		t.Fatal(err)
	}
	hist := ok(1, dcfake.Original("itok-600000000000000003"))
	if cb := f.Requests(dcfake.Callback("600000000000000003")); len(cb) != 1 || cb[0].CallbackType() != 5 || !cb[0].Ephemeral() {
		t.Errorf("/history was not deferred ephemerally: %v", cb)
	}
	if c := hist.Content(); !strings.Contains(c, "squat 100 kg 1×8") || strings.Count(c, "squat") != 1 {
		t.Errorf("/history after the restart:\n%s\nwant one set of squat 100 kg × 8", c)
	}
	if err := hist.CheckMentions(ana.ID); err != nil {
		t.Error(err)
	}
	if n := f.Count(dcfake.All(dcfake.ChannelMessage(channel), dcfake.Succeeded, dcfake.ContentContains("GO: "))); n != 1 {
		t.Errorf("%d GO pings, want 1", n)
	}
	if n := f.Count(dcfake.All(dcfake.Webhook(press.Token), dcfake.Sends, func(q *dcfake.Request) bool { return q.At.After(killedAt) })); n != 0 {
		t.Errorf("the redelivered press was answered %d times, want 0 (a duplicate)", n)
	}

	// Replies are marked sent in the store right after the platform took
	// them; one the kill caught in that span comes again (at least once,
	// never lost). The press's answer is the only one that can be.
	again := f.Count(dcfake.All(dcfake.ChannelMessage(channel), dcfake.Succeeded, dcfake.ContentContains("Rest 2 s"),
		func(q *dcfake.Request) bool { return q.At.After(killedAt) }))
	if again > 1 {
		t.Errorf("the answer to the press came %d times again after the restart", again)
	}
	t.Logf("answers caught between delivery and their mark by the kill, sent again: %d", again)

	if err := p.signal(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sets, err := db.Sets("discord", ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 1 || sets[0].Reps != 8 || sets[0].Load != 100 {
		t.Errorf("stored sets: %+v, want one 100 kg × 8", sets)
	}
	if l := p.log.String(); strings.Contains(l, token) || strings.Contains(l, "itok-") {
		t.Errorf("a token in spotter's log:\n%s", l)
	}
	t.Logf("kill to ping %v; whole run %v", ping.At.Sub(killedAt).Round(time.Millisecond), time.Since(begin).Round(time.Millisecond))
}
