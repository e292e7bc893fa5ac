package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/tgfake"
	"github.com/spotter-coach/spotter/store"
)

// tgProc is the real spotter binary running on Telegram (a tgfake server).
type tgProc struct {
	cmd    *exec.Cmd
	stderr *tgLog
	exited chan struct{} // closed when the process has exited
	err    error         // its exit status, once exited is closed
}

// tgLog is the process's stderr, safe to read while it writes.
type tgLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *tgLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *tgLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startTelegramBot starts the binary with args and an environment without
// SPOTTER_* variables (a token there would win over the config file).
func startTelegramBot(t *testing.T, bin string, args ...string) *tgProc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "SPOTTER_") })
	p := &tgProc{cmd: cmd, stderr: &tgLog{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.exited
		if t.Failed() {
			t.Logf("spotter (pid %d) stderr:\n%s", cmd.Process.Pid, p.stderr.String())
		}
	})
	return p
}

// stop sends sig and waits (boundedly) for the process to exit.
func (p *tgProc) stop(t *testing.T, sig syscall.Signal) error {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
		return p.err
	case <-time.After(10 * time.Second):
		t.Fatalf("spotter still running 10 s after %v", sig)
		return nil
	}
}

// TestTelegramPingSurvivesSIGKILL runs the real binary against a fake Bot
// API server: a lifter in a group plans a rest-pause with /shortrp@bot,
// presses Start and "done 8"; once the rest is announced (the set and its
// timer are stored) the binary is killed with SIGKILL. Started again on
// the same data file, it sends the GO ping as a new message mentioning the
// lifter; the updates the first process confirmed, delivered again with
// the same update_ids, change nothing; the data file holds exactly one set.
func TestTelegramPingSurvivesSIGKILL(t *testing.T) {
	bin := buildSpotter(t)
	const token = "123456:TEST-token-abc"
	fake := tgfake.New(t, tgfake.WithToken(token))
	dir := t.TempDir()
	data := filepath.Join(dir, "spotter.db")
	cfg := filepath.Join(dir, "spotter.toml")
	// A faster pace than Telegram's default 1 message/s per chat keeps the
	// test short; pacing has its own tests.
	toml := fmt.Sprintf(`[telegram]
token = %q
api_url = %q
chat_messages_per_second = 20
group_messages_per_minute = 1200

[[preset]]
name = "shortrp"
technique = "rest_pause"
rest = "2s"
`, token, fake.URL())
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-config", cfg, "-data", data}
	gym := tgfake.Group(-100555, "Iron Gym")
	ana := models.User{ID: 501, FirstName: "Ana"}
	goPing := tgfake.Ping(gym.ID, ana.ID, `<a href="tg://user?id=501">Ana</a>: GO`)

	began := time.Now()
	p := startTelegramBot(t, bin, args...)
	procs := []*tgProc{p}
	planID := fake.Text(gym, ana, "/shortrp@"+fake.BotName()+" 100kg squat")
	plan := fake.Wait(t, 1, tgfake.NewMessage(gym.ID, "to run it with rest timers"))[0]
	// A button carries its owner with the hub's data, and what it is
	// bound to: "~501~start ^p:<plan>".
	startData := tgData(t, plan, "~501~start")
	startID, _ := fake.Press(gym, ana, plan.MsgID, startData)
	started := fake.Wait(t, 1, tgfake.SentTo(gym.ID, "Started rest-pause"))[0]
	pressed := time.Now()
	doneID, _ := fake.Press(gym, ana, started.MsgID, tgData(t, started, "~501~done 8"))
	fake.Wait(t, 1, tgfake.SentTo(gym.ID, "Rest 2 s"))
	// The answer means the set and the timer are stored. The client has
	// confirmed the press too (it polls with the next offset at once,
	// before the hub even sees the press); wait for that so that the
	// redelivery below is of confirmed updates.
	fake.WaitConfirmed(t, doneID)
	p.stop(t, syscall.SIGKILL)
	if n := fake.Count(goPing); n != 0 {
		t.Fatalf("pinged before the kill (%d); the rest ended before the kill:\n%s", n, fake.Dump())
	}
	killed := time.Now()

	mark := fake.Mark()
	p = startTelegramBot(t, bin, args...)
	procs = append(procs, p)
	ping := fake.WaitSince(t, mark, 1, goPing)[0]
	if !strings.Contains(ping.Text(), "mini-set 1") {
		t.Errorf("ping %q", ping.Text())
	}
	if d := ping.At.Sub(pressed); d < 2*time.Second {
		t.Errorf("pinged %v after the press, before the 2 s rest was over", d)
	}
	t.Logf("ping %v after the restart", ping.At.Sub(killed).Round(time.Millisecond))

	// Telegram delivers the confirmed updates again; then a command whose
	// answer comes after theirs (one chat is handled in order).
	fake.Redeliver(planID, startID, doneID)
	fake.Text(gym, ana, "/history@"+fake.BotName()+" squat")
	hist := fake.WaitSince(t, mark, 1, tgfake.NewMessage(gym.ID, "Recent back squat"))[0]
	if !strings.Contains(hist.Text(), "100 kg 1×8") {
		t.Errorf("history after the redelivery: %q", hist.Text())
	}
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}

	after := fake.AllSince(mark, nil)
	for _, c := range after {
		txt := c.Text()
		if !c.Failed && (strings.Contains(txt, "to run it with rest timers") || strings.Contains(txt, "Started") || strings.Contains(txt, "Rest 2 s")) {
			t.Errorf("a redelivered update was handled again: %s %q", c.Method, txt)
		}
	}
	if n := fake.Count(goPing); n != 1 {
		t.Errorf("%d GO pings, want 1:\n%s", n, fake.Dump())
	}
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sets, err := db.Sets("telegram", "501")
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 1 || sets[0].Reps != 8 || sets[0].Load != 100 || sets[0].Exercise != "back squat" {
		t.Errorf("stored sets %+v, want one of 8 reps at 100 kg; history said %q", sets, hist.Text())
	}
	for _, p := range procs {
		if strings.Contains(p.stderr.String(), token) {
			t.Errorf("the token appears in the logs:\n%s", p.stderr.String())
		}
	}
	t.Logf("%d calls; %v in all", fake.Mark(), time.Since(began).Round(time.Millisecond))
}

// tgData is the callback data of c's button that stands for data (the
// owner and the command), whatever it is bound to.
func tgData(t *testing.T, c tgfake.Call, data string) string {
	t.Helper()
	for _, d := range c.Data() {
		if d == data || strings.HasPrefix(d, data+" ^") {
			return d
		}
	}
	t.Fatalf("no button %q among %q", data, c.Data())
	return ""
}
