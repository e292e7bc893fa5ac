package e2e

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/pgtest"
	"github.com/spotter-coach/spotter/internal/tgfake"
)

const webhookSecret = "replica-test-secret_0123456789"

// replica is one spotter process of several on one PostgreSQL database,
// taking Telegram's webhook posts on its own address.
type replica struct {
	*tgProc
	addr string
}

// startReplica starts the binary in webhook mode on a free local port,
// with the store at url, and waits until it registered its webhook.
func startReplica(t *testing.T, bin string, fake *tgfake.Server, token, url string) *replica {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "spotter.toml")
	toml := fmt.Sprintf(`[telegram]
token = %q
api_url = %q
mode = "webhook"
webhook_url = "https://spotter.example/telegram"
webhook_listen = %q
webhook_secret = %q
chat_messages_per_second = 30
group_messages_per_minute = 1800

[store]
url = %q

[[preset]]
name = "shortrp"
technique = "rest_pause"
rest = "3s"
`, token, fake.URL(), addr, webhookSecret, url)
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	mark := fake.Mark()
	p := startTelegramBot(t, bin, "-config", cfg, "-data", filepath.Join(dir, "unused.db"))
	fake.WaitSince(t, mark, 1, tgfake.Method("setWebhook"))
	return &replica{tgProc: p, addr: addr}
}

// post delivers an update body to the replica as Telegram (or a load
// balancer in front of the replicas) would.
func (r *replica) post(t *testing.T, body []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", "http://"+r.addr+"/telegram", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", webhookSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("posting to the replica at %s: %v", r.addr, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the replica at %s answered %s", r.addr, resp.Status)
	}
}

// TestTelegramReplicasShareOneDatabase runs two replicas on one
// PostgreSQL database behind a load balancer (the test) that posts
// Telegram's webhook updates to them in turn. Four lifters plan, start
// and report a rest-pause set, each step through the other replica than
// the step before; every rest timer is held by replica A, which is then
// killed with SIGKILL mid-rest. Replica B takes the timers over: every
// ping arrives, once, within the lease (at most 15 s late). An update
// posted to both replicas is handled once; every acknowledged set is in
// the history, read through a replica started anew.
func TestTelegramReplicasShareOneDatabase(t *testing.T) {
	url := pgtest.Start(t)
	bin := buildSpotter(t)
	const token = "123456:TEST-token-abc"
	fake := tgfake.New(t, tgfake.WithToken(token))
	a := startReplica(t, bin, fake, token, url)
	b := startReplica(t, bin, fake, token, url)
	bot := fake.BotName()
	gym := tgfake.Group(-100424242, "Iron Gym")
	names := []string{"Ana", "Bo", "Cy", "Dee"}
	var lifters []models.User
	for i, n := range names {
		lifters = append(lifters, models.User{ID: int64(901 + i), FirstName: n})
	}
	data := func(c tgfake.Call, u models.User, cmd string) string {
		prefix := fmt.Sprintf("~%d~%s", u.ID, cmd)
		for _, d := range c.Data() {
			if d == prefix || strings.HasPrefix(d, prefix+" ^") {
				return d
			}
		}
		t.Fatalf("no %q button for %s under %q", cmd, u.FirstName, c.Text())
		return ""
	}
	mine := func(u models.User, text string) tgfake.Match {
		return func(c tgfake.Call) bool {
			if c.Failed || c.Chat() != gym.ID || c.Method != "sendMessage" && c.Method != "editMessageText" || !strings.Contains(c.Text(), text) {
				return false
			}
			for _, d := range c.Data() {
				if strings.HasPrefix(d, fmt.Sprintf("~%d~", u.ID)) {
					return true
				}
			}
			return c.Mentions(u.ID)
		}
	}

	restAt := map[int64]time.Time{}
	for i, u := range lifters {
		first, second := a, b
		if i%2 == 1 {
			first, second = b, a
		}
		mark := fake.Mark()
		_, body := fake.Webhook(fake.TextUpdate(gym, u, "/shortrp@"+bot+" 100kg squat"))
		first.post(t, body)
		plan := fake.WaitSince(t, mark, 1, mine(u, "to run it with rest timers"))[0]

		mark = fake.Mark()
		upd, _ := fake.PressUpdate(gym, u, plan.MsgID, data(plan, u, "start"))
		_, body = fake.Webhook(upd)
		second.post(t, body)
		started := fake.WaitSince(t, mark, 1, mine(u, "Started"))[0]

		// The set through A, which then holds the rest's timer.
		mark = fake.Mark()
		upd, _ = fake.PressUpdate(gym, u, started.MsgID, data(started, u, "done 8"))
		_, body = fake.Webhook(upd)
		a.post(t, body)
		rest := fake.WaitSince(t, mark, 1, mine(u, "Rest 3 s"))[0]
		restAt[u.ID] = rest.At
	}
	killed := time.Now()
	a.stop(t, syscall.SIGKILL)
	for _, u := range lifters {
		if n := fake.Count(tgfake.Ping(gym.ID, u.ID, "GO")); n != 0 {
			t.Fatalf("%s was pinged before the kill: the rest ended too soon for the test", u.FirstName)
		}
	}

	var late []time.Duration
	for _, u := range lifters {
		ping := fake.Wait(t, 1, tgfake.Ping(gym.ID, u.ID, "mini-set 1"))[0]
		d := ping.At.Sub(restAt[u.ID].Add(3 * time.Second))
		late = append(late, d)
		if d > 15*time.Second {
			t.Errorf("%s's ping came %v after the rest ended, beyond the 15 s a takeover may take", u.FirstName, d)
		}
	}
	slices.Sort(late)
	t.Logf("killed %v before the first rest ended; pings taken over: p50 %v late, max %v",
		restAt[lifters[0].ID].Add(3*time.Second).Sub(killed).Round(time.Millisecond),
		late[len(late)/2].Round(time.Millisecond), late[len(late)-1].Round(time.Millisecond))

	// One update posted to both live replicas is handled once.
	a2 := startReplica(t, bin, fake, token, url)
	mark := fake.Mark()
	_, body := fake.Webhook(fake.TextUpdate(gym, lifters[0], "/log@"+bot+" bench 80x5"))
	b.post(t, body)
	a2.post(t, body)
	fake.WaitSince(t, mark, 1, tgfake.NewMessage(gym.ID, "Logged bench press 80 kg"))

	// Every acknowledged set, read through the new replica.
	for _, u := range lifters {
		mark := fake.Mark()
		_, body := fake.Webhook(fake.TextUpdate(gym, u, "/history@"+bot+" squat"))
		a2.post(t, body)
		h := fake.WaitSince(t, mark, 1, tgfake.NewMessage(gym.ID, "Recent back squat"))[0]
		if !strings.Contains(h.Text(), "100 kg 1×8") {
			t.Errorf("%s's history through the new replica: %q", u.FirstName, h.Text())
		}
	}
	if n := fake.Count(tgfake.NewMessage(gym.ID, "Logged bench press 80 kg")); n != 1 {
		t.Errorf("the update posted to both replicas was answered %d times", n)
	}
	for _, u := range lifters {
		if n := fake.Count(tgfake.Ping(gym.ID, u.ID, "mini-set 1")); n != 1 {
			t.Errorf("%s got %d pings for mini-set 1, want 1", u.FirstName, n)
		}
	}
	for _, r := range []*replica{b, a2} {
		if err := r.stop(t, syscall.SIGTERM); err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	}
	if t.Failed() {
		t.Logf("calls:\n%s", fake.Dump())
	}
}
