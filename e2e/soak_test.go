//go:build soak

// The soak: the real spotter binary on a fake Telegram and a fake Discord
// at once, 200 simulated lifters in 20 group chats running rest-pause and
// back-off sessions with 3 s rests. It measures what a lifter feels: the
// GO ping after each rest (once, mentioning them, no earlier than the
// rest), the answer to each set, and the sets in the data file. Run it
// with
//
//	go test -tags soak -run TestSoak -v ./e2e/ -soak.duration=60s
//
// docs/reliability.md explains the figures.

package e2e

import (
	"context"
	"flag"
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/dcfake"
	"github.com/spotter-coach/spotter/internal/tgfake"
	"github.com/spotter-coach/spotter/store"
)

var soakDuration = flag.Duration("soak.duration", 60*time.Second, "how long the simulated lifters of TestSoak and TestSoakFaults train")

const (
	soakGroups   = 10 // group chats per platform
	soakPerGroup = 10 // lifters per group chat
	soakRest     = 3 * time.Second
	// soakDrain bounds how long after the run lifters wait for the answers
	// and pings still due.
	soakDrain = 30 * time.Second
	// soakSlack is the jitter allowed between the bot's pace (measured when
	// it starts a send) and the fakes' windows (measured on arrival).
	soakSlack = 150 * time.Millisecond
	// A lifter sends an action again when its answer has not come after
	// this long. Telegram's group pace (one message every 3 s, merged)
	// and retries under faults can hold an answer back for a while.
	tgAnswerTimeout = 60 * time.Second
	dcAnswerTimeout = 12 * time.Second
	// A lifter waits this long past the end of a rest for its GO before
	// going on without it (the GO then counts as lost).
	soakGoTimeout = 60 * time.Second
	// killGrace: after a restart of the bot, a lifter waits this long for
	// the answer to an action sent before the kill, then sends it again.
	killGrace = 10 * time.Second
	// dispatchWait is how long a Discord click waits for a live gateway
	// connection; beyond it the interaction is lost, as on Discord.
	dispatchWait = time.Second

	soakGuild   = "333333333333333333"
	soakTGToken = "777000:SOAK-token_s3cret"
	soakDCToken = "MTAwMDAwMDAwMDAwMDAwMDAw.soak.s3cret"
)

// soakExercises: each lifter of a group trains its own exercise, and
// reports its own rep count (3 + its place in the group). An unmentioned
// reply in a busy Telegram group names one or the other, so the harness
// can tell whose it is.
var soakExercises = [soakPerGroup]string{"bench press", "incline bench press", "close grip bench press", "decline bench press",
	"overhead press", "push press", "back squat", "front squat", "box squat", "barbell row"}

func TestSoak(t *testing.T) {
	r := newSoakRun(t, false)
	r.run()
	s := r.report()
	for _, p := range s {
		if p.lost != 0 || p.dup != 0 || p.early != 0 || p.violations != 0 || p.missing != 0 || p.badPings != 0 {
			t.Errorf("%s: %d lost, %d duplicated, %d early pings, %d limit violations, %d acknowledged sets missing from the store, %d pings that notify nobody; want all 0",
				p.name, p.lost, p.dup, p.early, p.violations, p.missing, p.badPings)
		}
		if p.due == 0 || p.acked == 0 {
			t.Errorf("%s: %d rests, %d sets acknowledged: the lifters did not train", p.name, p.due, p.acked)
		}
	}
	if n := r.mentionErrs.Load(); n != 0 {
		t.Errorf("%d Discord pings whose allowed_mentions do not let them ping their lifter alone", n)
	}
	if n := r.unattributed.Load(); n != 0 {
		t.Errorf("%d parts of bot messages the harness could not place with a lifter: the figures may be off", n)
	}
	if n := r.thinking(); n != 0 {
		t.Errorf("%d Discord slash commands left deferred (\"thinking\") without an answer", n)
	}
}

func TestSoakFaults(t *testing.T) {
	r := newSoakRun(t, true)
	r.run()
	s := r.report()
	for _, p := range s {
		if p.lost != 0 || p.early != 0 || p.missing != 0 || p.badPings != 0 {
			t.Errorf("%s: %d lost, %d early pings, %d acknowledged sets missing from the store, %d pings that notify nobody; want all 0",
				p.name, p.lost, p.early, p.missing, p.badPings)
		}
		if p.violations != 0 {
			t.Errorf("%s: %d limit violations (%d in a window that holds sends of both the killed and the restarted process); want 0",
				p.name, p.violations, p.acrossRestart)
		}
		if p.maxGOs > 1+len(r.kills) {
			t.Errorf("%s: a rest got %d GO pings; at most %d with %d kill(s)", p.name, p.maxGOs, 1+len(r.kills), len(r.kills))
		}
		if p.due == 0 || p.acked == 0 {
			t.Errorf("%s: %d rests, %d sets acknowledged: the lifters did not train", p.name, p.due, p.acked)
		}
	}
	if n := r.mentionErrs.Load(); n != 0 {
		t.Errorf("%d Discord pings whose allowed_mentions do not let them ping their lifter alone", n)
	}
	if len(r.kills) != 1 {
		t.Errorf("%d kills, want 1", len(r.kills))
	}
}

// TestSoakParsing checks how the harness reads the bot's messages: merged
// lines split by mention, pings and the step they call, unmentioned
// replies placed by exercise or rep count.
func TestSoakParsing(t *testing.T) {
	tg := `<a href="tg://user?id=10001">T1.1</a>: GO: mini-set 1, 100 kg, as many as you can` + "\n" +
		`<a href="tg://user?id=10002">T1.2</a>: Set: 4 reps at 100 kg.` + "\n" + `Rest 3 s; I&#39;ll ping you. Next: mini-set 1, 100 kg, as many as you can.` + "\n" +
		`<a href="tg://user?id=10003">T&lt;3</a>: GO (4 s late, the bot was restarting): set 2, 85 kg, 1-2 reps`
	want := []segment{{"10001", "GO: mini-set 1, 100 kg, as many as you can"},
		{"10002", "Set: 4 reps at 100 kg.\nRest 3 s; I'll ping you. Next: mini-set 1, 100 kg, as many as you can."},
		{"10003", "GO (4 s late, the bot was restarting): set 2, 85 kg, 1-2 reps"}}
	if got := tgSegments(tg); !slices.Equal(got, want) {
		t.Errorf("tgSegments:\n got %q\nwant %q", got, want)
	}
	if got := tgSegments("Started rest-pause &#34;soakrp&#34;: bench press, 3 steps."); len(got) != 1 || got[0].user != "" || got[0].text != `Started rest-pause "soakrp": bench press, 3 steps.` {
		t.Errorf("plain tgSegments: %q", got)
	}
	dc := "<@500000000000000001> GO: back\\-off, 50 kg, as many as you can\n<@500000000000000002> Warm-up 1: 7 reps at 50 kg.\nRest 3 s; I'll ping you. Next: warm-up 2, 60 kg, 4 reps.\n1\\. Set"
	wantDC := []segment{{"500000000000000001", "GO: back-off, 50 kg, as many as you can"},
		{"500000000000000002", "Warm-up 1: 7 reps at 50 kg.\nRest 3 s; I'll ping you. Next: warm-up 2, 60 kg, 4 reps.\n1. Set"}}
	if got := dcSegments(dc); !slices.Equal(got, wantDC) {
		t.Errorf("dcSegments:\n got %q\nwant %q", got, wantDC)
	}
	for text, want := range map[string]string{
		"GO: set 1, 85 kg, 1-2 reps":                                                                  "set 1, 85 kg, 1-2 reps",
		"GO (12 s late, the bot was restarting): set 1, 85 kg, 1-2 reps":                              "set 1, 85 kg, 1-2 reps",
		"Missed while the bot was offline: your rest ended 11 min ago. Next: set 1, 85 kg, 1-2 reps.": "set 1, 85 kg, 1-2 reps",
		"Set 1: 7 reps at 85 kg.\nRest 3 s; I'll ping you. Next: set 2, 85 kg, 1-2 reps.":             "",
	} {
		if ping, prompt := pingOf(text); ping != (want != "") || prompt != want {
			t.Errorf("pingOf(%q) = %v, %q; want %q", text, ping, prompt, want)
		}
	}
	var group []*lifter
	for j := range soakPerGroup {
		group = append(group, &lifter{exercise: soakExercises[j], reps: 3 + j})
	}
	for text, want := range map[string]int{
		`Rest-pause "soakrp": bench press (barbell, kg)`:                   0,
		`Started back-off "soakbo": incline bench press, 8 steps.`:         1,
		"Mini-set 1: 5 reps at 100 kg.\nRest 3 s; I'll ping you. Next: x.": 2,
		"Back-off: 12 reps at 50 kg.":                                      9,
		"Hi T1.1, I'm Spotter":                                             -1,
	} {
		got := attribute(group, text)
		if want < 0 && got != nil || want >= 0 && got != group[want] {
			t.Errorf("attribute(%q) = %+v, want lifter %d", text, got, want)
		}
	}
	if m := restRE.FindStringSubmatch("Set 1: 7 reps at 85 kg.\nRest 3 s; I'll ping you. Next: set 2, 85 kg, 1-2 reps.\nNew record!"); m == nil || m[1] != "3" || m[2] != "set 2, 85 kg, 1-2 reps" {
		t.Errorf("restRE: %q", m)
	}
}

// soakRun is one soak: the fakes, the binary, the lifters.
type soakRun struct {
	t      *testing.T
	faults bool
	dur    time.Duration
	bin    string
	args   []string
	data   string

	tg *tgfake.Server
	dc *dcfake.Server

	start, end, drainEnd time.Time

	lifters []*lifter
	tgChats map[int64][]*lifter
	tgUsers map[int64]*lifter
	dcChans map[string][]*lifter
	dcUsers map[string]*lifter

	tokMu  sync.Mutex
	tokens map[string]*lifter // Discord interaction token -> lifter
	nextIx atomic.Int64

	wg        sync.WaitGroup
	procs     []*tgProc
	kills     []time.Time
	restartMu sync.Mutex
	restarted time.Time // the binary came back after the last kill
	notes     []string  // what the fault schedule did, for the report

	unattributed atomic.Int64 // bot messages the harness could not place
	mentionErrs  atomic.Int64 // Discord pings not limited to their lifters
	stopped      time.Time    // the binary exited after SIGTERM
}

func newSoakRun(t *testing.T, faults bool) *soakRun {
	bin := buildSpotter(t)
	r := &soakRun{t: t, faults: faults, dur: *soakDuration, bin: bin,
		tgChats: map[int64][]*lifter{}, tgUsers: map[int64]*lifter{}, dcChans: map[string][]*lifter{},
		dcUsers: map[string]*lifter{}, tokens: map[string]*lifter{}}
	r.tg = tgfake.New(t, tgfake.WithToken(soakTGToken))
	r.tg.SetLimits(tgfake.TelegramLimits(soakSlack))
	dc, err := dcfake.Start(dcfake.Config{Token: soakDCToken, Guilds: []string{soakGuild}, Shards: 1, Seed: 7,
		ChannelLimit: dcfake.Limit{Count: 5, Per: 5*time.Second - soakSlack}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(dc.Close)
	r.dc = dc

	dir := t.TempDir()
	r.data = filepath.Join(dir, "spotter.db")
	cfg := filepath.Join(dir, "spotter.toml")
	// Telegram lifters use the presets; Discord's /rp and /backoff use the
	// [rest_pause] and [back_off] tables, so both say the same.
	toml := fmt.Sprintf(`[log]
level = "warn"

[telegram]
token = %q
api_url = %q

[discord]
token = %q
api_url = %q
guild_ids = [%q]
shards = 1

[rest_pause]
rest = "3s"
mini_sets = 2

[back_off]
rest = "3s"
work_rest = "3s"

[[preset]]
name = "soakrp"
technique = "rest_pause"
rest = "3s"
mini_sets = 2

[[preset]]
name = "soakbo"
technique = "back_off"
rest = "3s"
work_rest = "3s"
`, soakTGToken, r.tg.URL(), soakDCToken, dc.APIURL(), soakGuild)
	if err := os.WriteFile(cfg, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	r.args = []string{"-config", cfg, "-data", r.data}

	for g := range soakGroups {
		chat := tgfake.Group(-1001000000000-int64(g+1), fmt.Sprintf("Iron Gym %d", g+1))
		channel := fmt.Sprintf("4%017d", g+1)
		for j := range soakPerGroup {
			tl := r.newLifter("telegram", g, j)
			tl.tgChat = chat
			tl.tgUser = models.User{ID: int64(10000 + 100*g + j), FirstName: fmt.Sprintf("T%d.%d", g+1, j+1)}
			tl.userID = strconv.FormatInt(tl.tgUser.ID, 10)
			r.tgChats[chat.ID] = append(r.tgChats[chat.ID], tl)
			r.tgUsers[tl.tgUser.ID] = tl

			dl := r.newLifter("discord", g, j)
			dl.dcChannel = channel
			dl.dcUser = dcfake.User{ID: fmt.Sprintf("5%017d", 100*g+j+1), GlobalName: fmt.Sprintf("D%d.%d", g+1, j+1)}
			dl.userID = dl.dcUser.ID
			r.dcChans[channel] = append(r.dcChans[channel], dl)
			r.dcUsers[dl.dcUser.ID] = dl
		}
	}
	return r
}

func (r *soakRun) newLifter(plat string, g, j int) *lifter {
	l := &lifter{r: r, plat: plat, idx: len(r.lifters), group: g, exercise: soakExercises[j], reps: 3 + j,
		rng: rand.New(rand.NewPCG(uint64(len(r.lifters)), 42)), notify: make(chan struct{}, 1)}
	r.lifters = append(r.lifters, l)
	return l
}

// startBinary starts spotter and waits until both platforms are connected.
func (r *soakRun) startBinary() {
	t := r.t
	bulk := r.dc.Count(dcfake.All(dcfake.BulkOverwrite(soakGuild), dcfake.Succeeded))
	began := time.Now()
	p := startTelegramBot(t, r.bin, r.args...)
	r.procs = append(r.procs, p)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := r.dc.WaitRequest(ctx, bulk+1, dcfake.All(dcfake.BulkOverwrite(soakGuild), dcfake.Succeeded)); err != nil {
		t.Fatalf("Discord not connected: %v\nspotter's log:\n%s", err, p.stderr.String())
	}
	// The Telegram adapter sets its menu, then polls.
	if _, err := r.tg.Await(ctx, 0, 1, func(c tgfake.Call) bool { return c.Method == "setMyCommands" && c.At.After(began) }); err != nil {
		t.Fatalf("Telegram not connected: %v\nspotter's log:\n%s", err, p.stderr.String())
	}
	r.tg.WaitPolling(t)
	t.Logf("spotter (pid %d) connected to both platforms in %v", p.cmd.Process.Pid, time.Since(began).Round(time.Millisecond))
}

func (r *soakRun) proc() *tgProc { return r.procs[len(r.procs)-1] }

func (r *soakRun) restartedAt() time.Time {
	r.restartMu.Lock()
	defer r.restartMu.Unlock()
	return r.restarted
}

// run starts the binary and the lifters, injects the faults, drains and
// stops the binary with SIGTERM.
func (r *soakRun) run() {
	t := r.t
	began := time.Now()
	r.startBinary()

	ctx, stopFollow := context.WithCancel(context.Background())
	tf := &tgFollower{r: r}
	df := &dcFollower{r: r}
	followed := make(chan struct{}, 2)
	go func() { tf.follow(ctx); followed <- struct{}{} }()
	go func() { df.follow(ctx); followed <- struct{}{} }()

	r.start = time.Now()
	r.end = r.start.Add(r.dur)
	r.drainEnd = r.end.Add(soakDrain)
	r.wg.Add(len(r.lifters))
	for _, l := range r.lifters {
		go l.run()
	}
	if r.faults {
		r.injectFaults()
	}
	r.wg.Wait()
	drained := time.Now()
	t.Logf("lifters trained %v, then drained %v", r.dur, drained.Sub(r.end).Round(time.Millisecond))

	p := r.proc()
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v\n%s", err, p.stderr.String())
	}
	r.stopped = time.Now()
	stopFollow()
	<-followed
	<-followed
	tf.catchUp() // what came during the shutdown
	df.catchUp()
	for _, p := range r.procs {
		if l := p.stderr.String(); strings.Contains(l, soakTGToken) || strings.Contains(l, soakDCToken) {
			t.Errorf("a token in spotter's log")
		}
	}
	t.Logf("whole run %v (SIGTERM to exit %v)", time.Since(began).Round(time.Millisecond), r.stopped.Sub(drained).Round(time.Millisecond))
}

// injectFaults runs the fault schedule on the test's goroutine: for the
// middle third, 5 % of sends answered 429 and 5 % 5xx on both platforms;
// in it the Discord gateway dropped, the Telegram long poll cut, and the
// binary killed with SIGKILL and started again on the same files.
func (r *soakRun) injectFaults() {
	t := r.t
	third := r.dur / 3
	at := func(d time.Duration) {
		tm := time.NewTimer(time.Until(r.start.Add(d)))
		defer tm.Stop()
		<-tm.C
	}
	note := func(format string, args ...any) {
		s := fmt.Sprintf("%5.1fs ", time.Since(r.start).Seconds()) + fmt.Sprintf(format, args...)
		r.notes = append(r.notes, s)
		t.Log(s)
	}
	at(third)
	r.tg.SetFaults(tgfake.Faults{Rate429: 0.05, RetryAfter: 1, Rate5xx: 0.05, For: third, Seed: 11})
	r.dc.SetFaults(dcfake.Faults{Rate429: 0.05, RetryAfter: time.Second, Rate5xx: 0.05, For: third, Seed: 13})
	note("faults on for %v: 5 %% of sends 429 (retry_after 1 s), 5 %% 5xx", third)

	at(third + third/4)
	note("Discord gateway dropped: %d connection(s)", r.dc.DropGateway())

	at(third + third/2)
	cut := 0
	for i := 0; i < 100 && cut == 0; i++ { // between two polls there is nothing to cut
		if cut = r.tg.CutPolls(); cut == 0 {
			tm := time.NewTimer(10 * time.Millisecond)
			<-tm.C
		}
	}
	note("Telegram long poll cut: %d poll(s)", cut)

	at(third + 3*third/4)
	p := r.proc()
	if err := p.stop(t, syscall.SIGKILL); err == nil {
		t.Errorf("SIGKILL: the process exited cleanly")
	}
	killed := time.Now()
	r.kills = append(r.kills, killed)
	r.startBinary()
	r.restartMu.Lock()
	r.restarted = time.Now()
	r.restartMu.Unlock()
	for _, l := range r.lifters {
		l.wake()
	}
	wakeAll := time.AfterFunc(killGrace, func() {
		for _, l := range r.lifters {
			l.wake()
		}
	})
	r.t.Cleanup(func() { wakeAll.Stop() })
	note("SIGKILL; restarted and connected in %v", time.Since(killed).Round(time.Millisecond))
}

// event is a lifter's part of one bot message: plain text (unescaped),
// and where its buttons are.
type event struct {
	at     time.Time
	text   string
	ping   bool   // a new message that mentions the lifter and calls a step
	prompt string // the step a ping calls: "mini-set 1, 100 kg, as many as you can"

	tgMsg     int
	tgData    []string
	dcMsg     string
	dcButtons []dcfake.Button
}

// rest is one acknowledged rest: the done sent at sent, its answer (which
// said how long the rest is and what comes next) at acked.
type rest struct {
	sent, due, acked time.Time
	prompt           string
	// superseded: a later answer showed the session moved on before the
	// rest ended (a retried done was processed too); its GO is not due.
	superseded bool
	gos        []time.Time
}

// lifter is one simulated lifter.
type lifter struct {
	r        *soakRun
	plat     string
	idx      int
	group    int
	exercise string
	reps     int
	rng      *rand.Rand
	userID   string

	tgChat    models.Chat
	tgUser    models.User
	dcChannel string
	dcUser    dcfake.User

	mu       sync.Mutex
	events   []event
	badPings int // GO texts for the lifter that notify nobody (edits, interaction answers)
	notify   chan struct{}

	// Owned by the lifter's goroutine until the run ends.
	rests         []*rest
	sessions      int
	actions       int
	dones         int
	retries       int
	goOnly        int // dones whose answer was lost but whose GO came
	dispatchFails int
	answerLat     []time.Duration
	lastDone      time.Time
}

func (l *lifter) badPing() {
	l.mu.Lock()
	l.badPings++
	l.mu.Unlock()
}

func (l *lifter) push(ev event) {
	l.mu.Lock()
	l.events = append(l.events, ev)
	l.mu.Unlock()
	l.wake()
}

func (l *lifter) mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.events)
}

// await returns the first event from index from on that ok accepts,
// waiting until deadline() (asked again at every wake-up: a restart of
// the bot shortens the wait for an answer).
func (l *lifter) await(from int, deadline func() time.Time, ok func(int, event) bool) (event, int, bool) {
	tm := time.NewTimer(time.Hour)
	defer tm.Stop()
	for {
		left := time.Until(deadline())
		if left <= 0 {
			return event{}, -1, false
		}
		tm.Reset(left)
		l.mu.Lock()
		n := len(l.events)
		for i := from; i < n; i++ {
			if ok(i, l.events[i]) {
				ev := l.events[i]
				l.mu.Unlock()
				return ev, i, true
			}
		}
		l.mu.Unlock()
		from = n
		select { // (since Go 1.23, Reset needs no draining of a fired timer)
		case <-l.notify:
		case <-tm.C:
		}
	}
}

// wake makes the lifter look at its deadlines again.
func (l *lifter) wake() {
	select {
	case l.notify <- struct{}{}:
	default:
	}
}

// acting reports whether the run still lets the lifter start something.
func (l *lifter) acting() bool { return time.Now().Before(l.r.end) }

// until is the deadline at, but never past the drain.
func (l *lifter) until(at time.Time) func() time.Time {
	return func() time.Time {
		if at.After(l.r.drainEnd) {
			return l.r.drainEnd
		}
		return at
	}
}

// answerDeadline is how long the lifter waits for the answer to an
// action sent at sent: the platform's answer timeout, or, for an action
// sent before the bot was killed, killGrace after it came back (a lifter
// sees the bot was away and tries again).
func (l *lifter) answerDeadline(sent time.Time) func() time.Time {
	base := l.until(sent.Add(l.answerTimeout()))
	return func() time.Time {
		dl := base()
		if back := l.r.restartedAt(); !back.IsZero() && sent.Before(back) && back.Add(killGrace).Before(dl) {
			return back.Add(killGrace)
		}
		return dl
	}
}

func (l *lifter) answerTimeout() time.Duration {
	if l.plat == "telegram" {
		return tgAnswerTimeout
	}
	return dcAnswerTimeout
}

// pause is a lifter's own pace between actions: 0.5-1.5 s.
func (l *lifter) pause() {
	d := 500*time.Millisecond + time.Duration(l.rng.Int64N(int64(time.Second)))
	tm := time.NewTimer(d)
	defer tm.Stop()
	<-tm.C
}

var (
	doneRE = regexp.MustCompile(`(?m)^[A-Z][A-Za-z0-9 -]*: (\d+) reps at ([0-9]+(?:\.[0-9]+)?) kg\.`)
	restRE = regexp.MustCompile(`(?m)Rest (\d+) s; I'll ping you\. Next: (.+)\.$`)
	nowRE  = regexp.MustCompile(`(?m)^Now: (.+)\.$`)
)

// doneAnswer is the reps and load an answer to a done reports.
func doneAnswer(text string) (reps int, load float64, ok bool) {
	m := doneRE.FindStringSubmatch(text)
	if m == nil {
		return 0, 0, false
	}
	reps, _ = strconv.Atoi(m[1])
	load, _ = strconv.ParseFloat(m[2], 64)
	return reps, load, true
}

func (l *lifter) isDoneAnswer(e event) bool {
	if e.ping {
		return false
	}
	if reps, _, ok := doneAnswer(e.text); ok && reps == l.reps {
		return true
	}
	return strings.Contains(e.text, "No session running")
}

// pingOf reports whether a lifter's part of a message is a rest-over
// ping, and the step it calls.
func pingOf(text string) (bool, string) {
	line, _, _ := strings.Cut(text, "\n")
	switch {
	case strings.HasPrefix(line, "GO: "):
		return true, line[len("GO: "):]
	case strings.HasPrefix(line, "GO ("):
		if _, p, ok := strings.Cut(line, "): "); ok {
			return true, p
		}
	case strings.HasPrefix(line, "Missed while"):
		_, p, _ := strings.Cut(line, "Next: ")
		return true, strings.TrimSuffix(p, ".")
	}
	return false, ""
}

func (l *lifter) run() {
	defer l.r.wg.Done()
	tm := time.NewTimer(time.Duration(l.rng.Int64N(int64(2 * time.Second)))) // lifters do not all arrive at once
	<-tm.C
	backOff := l.idx%2 == 1
	for l.acting() {
		plan, ok := l.plan(backOff)
		if !ok {
			continue
		}
		started, ok := l.startSession(plan)
		if !ok {
			continue
		}
		l.sessions++
		l.train(started)
		backOff = !backOff
	}
}

// plan plans the next session and returns the answer.
func (l *lifter) plan(backOff bool) (event, bool) {
	for l.acting() {
		mark, sent := l.mark(), time.Now()
		if !l.sendPlan(backOff) {
			continue
		}
		ev, _, ok := l.await(mark, l.answerDeadline(sent), func(_ int, e event) bool {
			return !e.ping && strings.Contains(e.text, " to run it with rest timers")
		})
		if ok {
			return ev, true
		}
		if l.acting() {
			l.retries++
		}
	}
	return event{}, false
}

// startSession starts the planned session and returns its first answer.
func (l *lifter) startSession(on event) (event, bool) {
	for l.acting() {
		l.pause()
		if !l.acting() {
			break
		}
		mark, sent := l.mark(), time.Now()
		if !l.sendStart(on) {
			continue
		}
		ev, _, ok := l.await(mark, l.answerDeadline(sent), func(_ int, e event) bool {
			return !e.ping && (strings.Contains(e.text, "Started ") || asksStartAgain(e.text) ||
				strings.Contains(e.text, "I'm Spotter"))
		})
		switch {
		case !ok:
			if l.acting() {
				l.retries++
			}
		case strings.Contains(ev.text, "Started "):
			return ev, true
		case asksStartAgain(ev.text):
			on = ev // an earlier start was processed but its answer lost: confirm
		default:
			return event{}, false // the plan is gone: plan again
		}
	}
	return event{}, false
}

// train reports every set of the running session, waiting out each rest
// for its GO.
func (l *lifter) train(last event) {
	lastGO := "" // the step the last GO called
	for l.acting() {
		l.pause()
		if !l.acting() {
			return
		}
		mark := l.mark()
		sent := time.Now()
		if !l.sendDone(last) {
			continue
		}
		l.dones++
		l.lastDone = sent
		// The answer; or a GO for a step we have not been told about:
		// the done was processed and its answer lost in a kill.
		ans, ai, ok := l.await(mark, l.answerDeadline(sent), func(_ int, e event) bool {
			return l.isDoneAnswer(e) || e.ping && e.prompt != lastGO
		})
		if !ok {
			if l.acting() {
				l.retries++ // send the set again, as a lifter would
				continue
			}
			return
		}
		if ans.ping {
			l.goOnly++
			last, lastGO = ans, ans.prompt
			continue
		}
		if strings.Contains(ans.text, "No session running") {
			return
		}
		l.answerLat = append(l.answerLat, ans.at.Sub(sent))
		last = ans
		for {
			m := restRE.FindStringSubmatch(ans.text)
			if m == nil {
				if nowRE.MatchString(ans.text) {
					break // the next step follows at once
				}
				return // the session is over
			}
			secs, _ := strconv.Atoi(m[1])
			rs := &rest{sent: sent, due: sent.Add(time.Duration(secs) * time.Second), prompt: m[2], acked: ans.at}
			l.rests = append(l.rests, rs)
			lastGO = rs.prompt
			ev, ei, ok := l.await(mark, l.until(rs.due.Add(soakGoTimeout)), func(i int, e event) bool {
				return e.ping && e.prompt == rs.prompt || i > ai && l.isDoneAnswer(e)
			})
			if !ok || ev.ping {
				break // GO (or given up on it: counted as lost): the next set
			}
			// Another answer to a done of ours: a retried done was
			// processed too, and the session moved on.
			rs.superseded = true
			if strings.Contains(ev.text, "No session running") {
				return
			}
			ans, ai, sent, last = ev, ei, l.lastDone, ev
		}
	}
}

// Platform actions. Each reports whether the action reached the platform.

func (l *lifter) sendPlan(backOff bool) bool {
	l.actions++
	if l.plat == "telegram" {
		preset := "soakrp"
		if backOff {
			preset = "soakbo"
		}
		l.r.tg.Text(l.tgChat, l.tgUser, fmt.Sprintf("/%s@%s 100kg %s", preset, l.r.tg.BotName(), l.exercise))
		return true
	}
	name := "rp"
	if backOff {
		name = "backoff"
	}
	return l.slash(name, dcfake.Str("load", "100kg"), dcfake.Str("exercise", l.exercise))
}

func (l *lifter) sendStart(on event) bool {
	l.actions++
	if l.plat == "telegram" {
		if d := tgButton(on, l, "start"); on.tgMsg != 0 && d != "" {
			l.r.tg.Press(l.tgChat, l.tgUser, on.tgMsg, d)
		} else {
			l.r.tg.Text(l.tgChat, l.tgUser, "/start@"+l.r.tg.BotName())
		}
		return true
	}
	if id := dcButton(on, "Start", "Start the new one"); id != "" && on.dcMsg != "" {
		return l.press(id, on.dcMsg)
	}
	return l.slash("start")
}

func (l *lifter) sendDone(on event) bool {
	l.actions++
	data := "done " + strconv.Itoa(l.reps)
	if l.plat == "telegram" {
		if d := tgButton(on, l, data); on.tgMsg != 0 && d != "" {
			l.r.tg.Press(l.tgChat, l.tgUser, on.tgMsg, d)
		} else {
			l.r.tg.Text(l.tgChat, l.tgUser, fmt.Sprintf("/done@%s %d", l.r.tg.BotName(), l.reps))
		}
		return true
	}
	if id := dcButton(on, strconv.Itoa(l.reps)); id != "" && on.dcMsg != "" {
		return l.press(id, on.dcMsg)
	}
	return l.slash("done", dcfake.Int("reps", l.reps))
}

// tgButton is the callback_data of ev's button that carries data and acts
// for l: l's own ("~<id>~data"), or one anyone may press ("~~data"); ""
// if there is none.
func tgButton(ev event, l *lifter, data string) string {
	for _, d := range []string{"~" + l.userID + "~" + data, "~~" + data} {
		for _, have := range ev.tgData {
			// The hub's data may carry what the button is bound to after
			// " ^" (a session's step, a plan).
			if have == d || strings.HasPrefix(have, d+" ^") {
				return have
			}
		}
	}
	return ""
}

// dcButton is the custom_id of the first button of ev with one of labels.
func dcButton(ev event, labels ...string) string {
	for _, b := range ev.dcButtons {
		if slices.Contains(labels, b.Label) {
			return b.CustomID
		}
	}
	return ""
}

// interaction is a new Discord interaction of the lifter's, its token
// registered for the answers.
func (l *lifter) interaction() dcfake.Interaction {
	n := l.r.nextIx.Add(1)
	in := dcfake.Interaction{ID: fmt.Sprintf("6%017d", n), Token: fmt.Sprintf("soak-itok-%d", n), GuildID: soakGuild,
		ChannelID: l.dcChannel, User: l.dcUser}
	l.r.tokMu.Lock()
	l.r.tokens[in.Token] = l
	l.r.tokMu.Unlock()
	return in
}

func (l *lifter) slash(name string, opts ...dcfake.Option) bool {
	in := l.interaction()
	in.Name, in.Options = name, opts
	ctx, cancel := context.WithTimeout(context.Background(), dispatchWait)
	defer cancel()
	_, err := l.r.dc.Slash(ctx, 0, in)
	return l.dispatched(err)
}

func (l *lifter) press(customID, msg string) bool {
	in := l.interaction()
	in.CustomID, in.MessageID = customID, msg
	ctx, cancel := context.WithTimeout(context.Background(), dispatchWait)
	defer cancel()
	_, err := l.r.dc.Press(ctx, 0, in)
	return l.dispatched(err)
}

// dispatched counts a click that found no live gateway: Discord shows
// "interaction failed" after 3 s, and the lifter tries again.
func (l *lifter) dispatched(err error) bool {
	if err == nil {
		return true
	}
	l.dispatchFails++
	tm := time.NewTimer(3 * time.Second)
	<-tm.C
	return false
}

// segment is one lifter's part of a bot message; user is "" when the
// message mentions nobody.
type segment struct {
	user string
	text string
}

const tgMention = `<a href="tg://user?id=`

// tgSegments splits a Telegram HTML message into its lifters' parts: a
// merged message has a line per lifter, each starting with a mention.
func tgSegments(h string) []segment {
	var segs []segment
	for h != "" {
		i := strings.Index(h, tgMention)
		if i != 0 {
			if i < 0 {
				i = len(h)
			}
			if txt := strings.TrimSpace(html.UnescapeString(h[:i])); txt != "" {
				segs = append(segs, segment{text: txt})
			}
			h = h[i:]
			continue
		}
		rest := h[len(tgMention):]
		id, rest, _ := strings.Cut(rest, `"`)
		_, rest, _ = strings.Cut(rest, "</a>")
		rest = strings.TrimPrefix(rest, ": ")
		next := strings.Index(rest, tgMention)
		if next < 0 {
			next = len(rest)
		}
		segs = append(segs, segment{user: id, text: strings.TrimRight(html.UnescapeString(rest[:next]), "\n")})
		h = rest[next:]
	}
	return segs
}

var (
	dcMentionRE  = regexp.MustCompile(`(?m)^<@(\d+)> `)
	dcUnescapeRE = regexp.MustCompile("\\\\([\\\\*_~`|\\[\\]<#+>.-])")
)

// dcPlain undoes the adapter's markdown escaping.
func dcPlain(s string) string { return dcUnescapeRE.ReplaceAllString(s, "$1") }

// dcSegments splits Discord content into its lifters' parts.
func dcSegments(content string) []segment {
	locs := dcMentionRE.FindAllStringSubmatchIndex(content, -1)
	if len(locs) == 0 {
		return []segment{{text: strings.TrimSpace(dcPlain(content))}}
	}
	var segs []segment
	if pre := strings.TrimSpace(content[:locs[0][0]]); pre != "" {
		segs = append(segs, segment{text: dcPlain(pre)})
	}
	for i, loc := range locs {
		end := len(content)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		segs = append(segs, segment{user: content[loc[2]:loc[3]], text: strings.TrimRight(dcPlain(content[loc[1]:end]), "\n")})
	}
	return segs
}

// attribute finds whose an unmentioned reply is among a group's lifters:
// the rep count of a done's answer, or the exercise of a plan, start or
// summary ("soakrp": bench press).
func attribute(group []*lifter, text string) *lifter {
	if reps, _, ok := doneAnswer(text); ok {
		for _, l := range group {
			if l.reps == reps {
				return l
			}
		}
		return nil
	}
	var found *lifter
	for _, l := range group {
		i := strings.Index(text, `": `+l.exercise)
		if i < 0 {
			continue
		}
		after := text[i+3+len(l.exercise):]
		if after == "" || strings.ContainsRune(" ,.(\n", rune(after[0])) {
			if found != nil {
				return nil // ambiguous
			}
			found = l
		}
	}
	return found
}

// tgFollower follows the fake Telegram's calls and hands each lifter its
// part of every message the bot sent to a group.
type tgFollower struct {
	r    *soakRun
	next int
}

func (f *tgFollower) follow(ctx context.Context) {
	for {
		if _, err := f.r.tg.Await(ctx, f.next, 1, tgfake.Any); err != nil {
			return
		}
		f.catchUp()
	}
}

func (f *tgFollower) catchUp() {
	calls := f.r.tg.AllSince(f.next, nil)
	f.next += len(calls)
	for _, c := range calls {
		f.r.routeTelegram(c)
	}
}

func (r *soakRun) routeTelegram(c tgfake.Call) {
	if c.Failed || c.Method != "sendMessage" && c.Method != "editMessageText" {
		return
	}
	group := r.tgChats[c.Chat()]
	if group == nil {
		return
	}
	for _, sg := range tgSegments(c.Text()) {
		var l *lifter
		if sg.user != "" {
			id, _ := strconv.ParseInt(sg.user, 10, 64)
			l = r.tgUsers[id]
		} else {
			l = attribute(group, sg.text)
		}
		if l == nil {
			r.unattributed.Add(1)
			continue
		}
		ev := event{at: c.At, text: sg.text, tgMsg: c.MsgID, tgData: c.Data()}
		if ping, prompt := pingOf(sg.text); ping {
			if c.Method == "sendMessage" && sg.user != "" {
				ev.ping, ev.prompt = true, prompt
			} else {
				l.badPing() // an edit or an unmentioned message notifies nobody
			}
		}
		l.push(ev)
	}
}

// dcFollower follows the fake Discord's REST calls: interaction answers
// go to the interaction's lifter, channel messages are split by mention.
type dcFollower struct {
	r    *soakRun
	next int
}

func (f *dcFollower) follow(ctx context.Context) {
	for ctx.Err() == nil {
		wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := f.r.dc.WaitSince(wctx, f.next)
		cancel()
		if err == nil {
			f.catchUp()
		}
	}
}

func (f *dcFollower) catchUp() {
	reqs := f.r.dc.Since(f.next)
	f.next += len(reqs)
	for _, q := range reqs {
		f.r.routeDiscord(q)
	}
}

func (r *soakRun) routeDiscord(q *dcfake.Request) {
	if !q.OK() || !dcfake.Sends(q) {
		return
	}
	if tok := q.Token(); tok != "" {
		r.tokMu.Lock()
		l := r.tokens[tok]
		r.tokMu.Unlock()
		if l == nil {
			r.unattributed.Add(1)
			return
		}
		text := strings.TrimSpace(dcPlain(q.Content()))
		if text == "" {
			return
		}
		if ping, _ := pingOf(text); ping {
			l.badPing() // a ping must be a channel message
		}
		l.push(event{at: q.At, text: text, dcMsg: q.RespID, dcButtons: q.Buttons()})
		return
	}
	if !dcfake.ChannelMessage("")(q) {
		return
	}
	channel := strings.Split(strings.Trim(q.Path, "/"), "/")[1]
	group := r.dcChans[channel]
	if group == nil {
		return
	}
	am := q.AllowedMentions()
	for _, sg := range dcSegments(q.Content()) {
		var l *lifter
		if sg.user != "" {
			l = r.dcUsers[sg.user]
		} else {
			l = attribute(group, sg.text)
		}
		if l == nil {
			r.unattributed.Add(1)
			continue
		}
		ev := event{at: q.At, text: sg.text, dcMsg: q.RespID, dcButtons: q.Buttons()}
		if ping, prompt := pingOf(sg.text); ping {
			if sg.user == "" {
				l.badPing()
			} else {
				ev.ping, ev.prompt = true, prompt
				if !am.Present || !am.HasParse || len(am.Parse) != 0 || len(am.Roles) != 0 || !slices.Contains(am.Users, sg.user) {
					r.mentionErrs.Add(1)
				}
			}
		}
		l.push(ev)
	}
}

// platStats are one platform's figures.
type platStats struct {
	name                               string
	lifters, sessions, actions, dones  int
	due, delivered, lost, dup, early   int
	superseded, stray, maxGOs          int
	late, answer                       []time.Duration
	acked, stored, missing, unanswered int
	retries, dispatchFails, violations int
	acrossRestart, goOnly              int
	badPings                           int
	lostList                           []string
}

// report works out the figures from what each lifter saw and what the
// data file holds, and logs them.
func (r *soakRun) report() []*platStats {
	t := r.t
	db, err := store.Open(r.data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stats := map[string]*platStats{"telegram": {name: "telegram"}, "discord": {name: "discord"}}
	for _, l := range r.lifters {
		s := stats[l.plat]
		s.lifters++
		s.sessions += l.sessions
		s.actions += l.actions
		s.dones += l.dones
		s.retries += l.retries
		s.badPings += l.badPings
		s.goOnly += l.goOnly
		s.dispatchFails += l.dispatchFails
		s.answer = append(s.answer, l.answerLat...)

		// Each GO goes to the latest rest before it that calls the same step.
		var acked []float64
		for _, e := range l.events {
			if e.ping {
				var to *rest
				for i := len(l.rests) - 1; i >= 0; i-- {
					if rs := l.rests[i]; rs.sent.Before(e.at) && rs.prompt == e.prompt {
						to = rs
						break
					}
				}
				if to == nil {
					s.stray++ // the GO of a rest whose answer never came
					continue
				}
				to.gos = append(to.gos, e.at)
				continue
			}
			if reps, load, ok := doneAnswer(e.text); ok && reps == l.reps {
				acked = append(acked, load)
			}
		}
		for _, rs := range l.rests {
			s.maxGOs = max(s.maxGOs, len(rs.gos))
			s.dup += max(0, len(rs.gos)-1)
			if rs.superseded {
				s.superseded++
				continue
			}
			s.due++
			if len(rs.gos) == 0 {
				s.lost++
				if len(s.lostList) < 10 {
					s.lostList = append(s.lostList, fmt.Sprintf("%s %s: %q due %s", l.plat, l.userID, rs.prompt, rs.due.Format("15:04:05.000")))
				}
				continue
			}
			s.delivered++
			d := rs.gos[0].Sub(rs.due)
			if d < 0 {
				s.early++
			}
			s.late = append(s.late, d)
		}

		sets, err := db.Sets(l.plat, l.userID)
		if err != nil {
			t.Fatal(err)
		}
		s.acked += len(acked)
		s.stored += len(sets)
		s.unanswered += max(0, l.dones-len(acked))
		have := map[float64]int{}
		for _, st := range sets {
			have[st.Load]++
		}
		for _, load := range acked {
			if have[load] > 0 {
				have[load]--
			} else {
				s.missing++
			}
		}
	}
	// A violation "spans the restart" when its window holds sends of the
	// killed process as well as of the new one.
	back := r.restartedAt()
	for _, v := range r.tg.Violations() {
		stats["telegram"].violations++
		if !back.IsZero() && v.At.After(r.kills[0]) && v.At.Add(-v.Window.Per).Before(back) {
			stats["telegram"].acrossRestart++
		}
	}
	for _, q := range r.dc.Requests(func(q *dcfake.Request) bool { return q.Fault == "limit" }) {
		stats["discord"].violations++
		if !back.IsZero() && q.At.After(r.kills[0]) && q.At.Add(-5*time.Second).Before(back) {
			stats["discord"].acrossRestart++
		}
	}
	out := []*platStats{stats["telegram"], stats["discord"]}

	kind := "normal"
	if r.faults {
		kind = "faults"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "soak (%s), %v, %d lifters in %d group chats:\n", kind, r.dur, len(r.lifters), 2*soakGroups)
	fmt.Fprintf(&b, "%-9s %8s %8s %9s %9s %9s %6s %5s %5s %6s %6s %5s %5s %5s %6s %5s %7s\n",
		"platform", "sessions", "rests", "delivered", "late p50", "late p99", "max", "dup", "lost", "stray", "supers", "viol", "acked", "stored", "missing", "retry", "ans p99")
	for _, s := range out {
		fmt.Fprintf(&b, "%-9s %8d %8d %9d %9s %9s %6s %5d %5d %6d %6d %5d %5d %6d %6d %5d %7s\n",
			s.name, s.sessions, s.due, s.delivered, fmtDur(pct(s.late, 0.50)), fmtDur(pct(s.late, 0.99)), fmtDur(pct(s.late, 1)),
			s.dup, s.lost, s.stray, s.superseded, s.violations, s.acked, s.stored, s.missing, s.retries, fmtDur(pct(s.answer, 0.99)))
	}
	tgs, dcs := r.tg.Stats(), r.dc.Stats()
	for _, s := range out {
		fmt.Fprintf(&b, "%s: answer to a done p50 %s; %d sets sent without an answer (%d of them answered by their GO alone); %d limit violations, %d of them in a window that spans the restart\n",
			s.name, fmtDur(pct(s.answer, 0.5)), s.unanswered, s.goOnly, s.violations, s.acrossRestart)
	}
	fmt.Fprintf(&b, "telegram fake: %d calls, %d failed, injected 429 %d, 5xx %d, polls cut %d\n",
		tgs.Calls, tgs.Failed, tgs.Injected429, tgs.Injected5xx, tgs.Cuts)
	fmt.Fprintf(&b, "discord fake: %d requests, injected 429 %d, 5xx %d, channel-limit 429s %d, late interaction acks %d, gateway drops %d, resumes %d, identifies %d; clicks that found no gateway %d\n",
		dcs.Requests, dcs.Faults429, dcs.Faults5xx, dcs.LimitHits, dcs.LateAcks, dcs.Drops, dcs.Resumes, dcs.Identifies, stats["discord"].dispatchFails)
	fmt.Fprintf(&b, "deferred slash commands never answered in place: %d of %d; unplaced bot messages: %d",
		r.thinking(), r.dc.Count(dcfake.All(dcfake.Callback(""), dcfake.Succeeded, func(q *dcfake.Request) bool { return q.CallbackType() == 5 })), r.unattributed.Load())
	for _, n := range r.notes {
		b.WriteString("\n  " + n)
	}
	t.Log(b.String())
	for _, s := range out {
		for _, l := range s.lostList {
			t.Logf("lost: %s", l)
		}
	}
	if vs := r.tg.Violations(); len(vs) > 0 {
		for _, v := range vs[:min(len(vs), 5)] {
			t.Logf("telegram violation: chat %d at %s, window %d per %v", v.Chat, v.At.Format("15:04:05.000"), v.Window.N, v.Window.Per)
		}
	}
	return out
}

// thinking counts slash commands whose deferred answer ("Spotter is
// thinking...") was never replaced: the lifter's Discord shows it until
// the token dies.
func (r *soakRun) thinking() int {
	deferred := map[string]bool{}
	for _, q := range r.dc.Requests(dcfake.All(dcfake.Callback(""), dcfake.Succeeded)) {
		if q.CallbackType() == 5 {
			deferred[q.Token()] = true
		}
	}
	for _, q := range r.dc.Requests(dcfake.All(dcfake.Webhook(""), dcfake.Succeeded)) {
		delete(deferred, q.Token())
	}
	return len(deferred)
}

// pct is the q-quantile of ds (nearest rank); 0 for none.
func pct(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func fmtDur(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + "s"
}

// asksStartAgain reports an answer that asks the lifter to say start
// again ("Say start again", "Say /start@SpotterBot again" in a group).
func asksStartAgain(text string) bool {
	return strings.Contains(text, "Say start again") || strings.Contains(text, "Say /start") && strings.Contains(text, " again")
}
