package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/tgfake"
)

// telegramConfig writes a config file for the fake with a fast pace
// (pacing has its own tests), and extra TOML after it, and returns the
// binary's arguments.
func telegramConfig(t *testing.T, fake *tgfake.Server, token string, extra ...string) []string {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "spotter.toml")
	toml := fmt.Sprintf(`[telegram]
token = %q
api_url = %q
chat_messages_per_second = 30
group_messages_per_minute = 1800
`, token, fake.URL()) + strings.Join(extra, "\n")
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	return []string{"-config", cfg, "-data", filepath.Join(dir, "spotter.db")}
}

// TestTelegramQueuedRepliesSurviveSIGKILL: Telegram refuses every message
// (a lasting 502) while six lifters log sets in a group; once each reply
// has been tried, the binary is killed with SIGKILL. Started again with
// Telegram healthy, it sends every one of those replies, each once, and
// the new process's own answers come after them.
func TestTelegramQueuedRepliesSurviveSIGKILL(t *testing.T) {
	bin := buildSpotter(t)
	const token = "123456:TEST-token-abc"
	fake := tgfake.New(t, tgfake.WithToken(token))
	args := telegramConfig(t, fake, token)
	gym := tgfake.Group(-100777, "Iron Gym")
	names := []string{"Ana", "Bo", "Cy", "Dee", "Eli", "Fay"}

	fake.SetFaults(tgfake.Faults{Rate5xx: 1, Code5xx: 502, Methods: []string{"sendMessage"}})
	p := startTelegramBot(t, bin, args...)
	var last int64
	for i, name := range names {
		u := models.User{ID: int64(601 + i), FirstName: name}
		last = fake.Text(gym, u, fmt.Sprintf("/log@%s bench %dx5", fake.BotName(), 60+5*i))
	}
	fake.WaitConfirmed(t, last)
	fake.Wait(t, len(names), tgfake.Failed("sendMessage"))
	p.stop(t, syscall.SIGKILL)
	if n := fake.Count(tgfake.NewMessage(gym.ID, "Logged")); n != 0 {
		t.Fatalf("%d replies went out while Telegram refused them", n)
	}

	fake.SetFaults(tgfake.Faults{})
	mark := fake.Mark()
	p = startTelegramBot(t, bin, args...)
	waitLines(t, fake, mark, gym.ID, "Logged bench press", len(names))
	fake.Text(gym, models.User{ID: 601, FirstName: "Ana"}, "/history@"+fake.BotName()+" bench")
	hist := fake.WaitSince(t, mark, 1, tgfake.NewMessage(gym.ID, "Recent bench press"))[0]
	for i := range names {
		// A busy group gets them merged, a line per lifter.
		want := fmt.Sprintf("Logged bench press %d kg 1×5", 60+5*i)
		n := 0
		for _, c := range fake.AllSince(mark, tgfake.NewMessage(gym.ID, want)) {
			n += strings.Count(c.Text(), want)
			if c.Seq > hist.Seq {
				t.Errorf("%q came after the new process's own answer", want)
			}
		}
		if n != 1 {
			t.Errorf("%q arrived %d times after the restart, want once", want, n)
		}
	}
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
}

// TestTelegramFailingPhotoHoldsNothingUp: every picture Telegram is sent
// fails (a lasting 502 on sendPhoto and sendDocument). A lifter asks for a
// chart; the others' answers in the same group still arrive within
// seconds, and the chart's lifter is not answered twice.
func TestTelegramFailingPhotoHoldsNothingUp(t *testing.T) {
	bin := buildSpotter(t)
	const token = "123456:TEST-token-abc"
	fake := tgfake.New(t, tgfake.WithToken(token))
	args := telegramConfig(t, fake, token)
	gym := tgfake.Group(-100778, "Iron Gym")
	ana := models.User{ID: 701, FirstName: "Ana"}
	bo := models.User{ID: 702, FirstName: "Bo"}

	p := startTelegramBot(t, bin, args...)
	for _, day := range []string{"3 days ago", "2 days ago", "yesterday"} {
		fake.Text(gym, ana, "/log@"+fake.BotName()+" bench 100x5 "+day)
	}
	waitLines(t, fake, 0, gym.ID, "Logged bench press", 3)
	fake.SetFaults(tgfake.Faults{Rate5xx: 1, Code5xx: 502, Methods: []string{"sendPhoto", "sendDocument"}})
	fake.Text(gym, ana, "/chart@"+fake.BotName()+" bench")
	fake.Wait(t, 1, tgfake.Failed("sendPhoto"))
	asked := time.Now()
	for i := range 3 {
		fake.Text(gym, bo, fmt.Sprintf("/log@%s squat %dx5", fake.BotName(), 100+10*i))
	}
	at := waitLines(t, fake, 0, gym.ID, "Logged back squat", 3)
	if d := at.Sub(asked); d > 5*time.Second {
		t.Errorf("Bo's answers took %v behind the failing chart", d.Round(time.Millisecond))
	}
	t.Logf("Bo's three answers within %v while the chart kept failing (%d tries so far)",
		at.Sub(asked).Round(time.Millisecond), fake.Count(tgfake.Failed("")))
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	for _, c := range fake.All(tgfake.Method("sendMessage")) {
		if strings.Contains(c.Text(), "could not send") && c.Chat() == gym.ID && strings.Count(c.Text(), "Ana") > 1 {
			t.Errorf("Ana was told twice: %q", c.Text())
		}
	}
}

// waitLines waits (at most 15 s) until the new messages to chat since
// mark hold n lines with text, merged or not, and returns when the last
// of them arrived.
func waitLines(t *testing.T, fake *tgfake.Server, mark int, chat int64, text string, n int) time.Time {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got := 0
		var at time.Time
		for _, c := range fake.AllSince(mark, tgfake.NewMessage(chat, text)) {
			got += strings.Count(c.Text(), text)
			at = c.At
		}
		if got >= n {
			return at
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d lines with %q after 15 s, want %d:\n%s", got, text, n, fake.Dump())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
