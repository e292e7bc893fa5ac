package bot

import (
	"context"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

// platform is a fake chat platform as strict as its pace: it lays each
// reply out as the adapters do (text cut into messages of at most limit
// characters on line boundaries, merged lines one per lifter), and a
// message beyond any window of the pace is refused with a 429 whose
// retry-after is the time until the window has room. A reply of several
// messages refused part-way resumes after the parts already taken, as the
// Telegram adapter does. It records when each reply was complete.
type platform struct {
	pace  Pace
	limit int // characters in one message

	mu       sync.Mutex
	sent     []time.Time    // every platform message, for the windows
	progress map[uint64]int // parts of a reply already taken
	done     []delivery     // replies complete
	refused  int            // 429s answered
	messages int            // platform messages taken
	partsOf  map[string]int // reply text -> parts, for the figures
}

type delivery struct {
	at    time.Time
	r     Reply
	parts int
}

func newPlatform(pace Pace, limit int) *platform {
	return &platform{pace: pace, limit: limit, progress: map[uint64]int{}, partsOf: map[string]int{}}
}

// platformAdapter is the rig's adapter with a platform in place of its sink.
type platformAdapter struct {
	testAdapter
	p *platform
}

func (a *platformAdapter) Send(ctx context.Context, r Reply) error { return a.p.Send(ctx, r) }

func (a *platformAdapter) Messages(r Reply) int { return a.p.Messages(r) }

// Messages is how many platform messages the platform makes of r, as the
// adapters tell the outbox.
func (p *platform) Messages(r Reply) int { return len(p.layout(r)) }

// startPlatformRig is startRig sending to p, on p's pace.
func startPlatformRig(t *testing.T, path string, p *platform) *rig {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := coach.New(coach.Config{Presets: []coach.Preset{
		{Name: "quickrp", Technique: coach.RestPause, Options: coach.Options{Rest: 10 * time.Second}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	h := New(Config{Coach: c, Store: db, Unit: coach.KG})
	ctx, cancel := context.WithCancel(context.Background())
	r := &rig{t: t, hub: h, db: db, sink: &sink{}, cancel: cancel, done: make(chan error, 1)}
	go func() {
		r.done <- h.Serve(ctx, &platformAdapter{testAdapter: testAdapter{sink: r.sink, pace: p.pace}, p: p})
	}()
	return r
}

func (p *platform) Send(_ context.Context, r Reply) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	parts := p.layout(r)
	key := replyKey(r)
	now := time.Now()
	for i := p.progress[key]; i < len(parts); i++ {
		if wait := p.wait(now, r.Group); wait > 0 {
			p.progress[key] = i
			p.refused++
			return &RateLimited{Msg: "429 Too Many Requests", After: wait}
		}
		p.sent = append(p.sent, now)
		p.messages++
	}
	delete(p.progress, key)
	p.done = append(p.done, delivery{at: now, r: r, parts: len(parts)})
	return nil
}

// wait is how long until every window has room for one more message.
func (p *platform) wait(now time.Time, group bool) time.Duration {
	var wait time.Duration
	for _, w := range p.pace {
		if w.GroupOnly && !group || w.N <= 0 {
			continue
		}
		n := 0
		var oldest time.Time
		for i := len(p.sent) - 1; i >= 0 && now.Sub(p.sent[i]) < w.Per; i-- {
			n++
			oldest = p.sent[i]
		}
		if n >= w.N {
			wait = max(wait, oldest.Add(w.Per).Sub(now))
		}
	}
	return wait
}

// layout is the reply's platform messages.
func (p *platform) layout(r Reply) []string {
	text := r.Text
	if len(r.Pings) > 0 {
		lines := make([]string, len(r.Pings))
		for i, pg := range r.Pings {
			lines[i] = pg.To.Name + ": " + pg.Text
		}
		text = strings.Join(lines, "\n")
	}
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		for len([]rune(line)) > p.limit {
			rs := []rune(line)
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			out = append(out, string(rs[:p.limit]))
			line = string(rs[p.limit:])
		}
		if cur.Len() > 0 && len([]rune(cur.String()))+1+len([]rune(line)) > p.limit {
			out = append(out, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte('\n')
		}
		cur.WriteString(line)
	}
	if cur.Len() > 0 || len(out) == 0 {
		out = append(out, cur.String())
	}
	return out
}

func replyKey(r Reply) uint64 {
	h := fnv.New64a()
	fmt.Fprint(h, r.Text, "\x00", r.InReplyTo, "\x00", len(r.Pings))
	for _, pg := range r.Pings {
		fmt.Fprint(h, pg.To.ID, "\x00", pg.Text, "\x00")
	}
	return h.Sum64()
}

func (p *platform) deliveries() []delivery {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]delivery(nil), p.done...)
}

// firstTo is when the platform had the first reply (or merged line) for
// user that satisfies ok, and whether there was one.
func (p *platform) firstTo(user string, ok func(text string, ping bool) bool) (time.Time, bool) {
	for _, d := range p.deliveries() {
		if len(d.r.Pings) == 0 {
			if d.r.To.ID == user && ok(d.r.Text, false) {
				return d.at, true
			}
			continue
		}
		for _, pg := range d.r.Pings {
			if pg.To.ID == user && ok(pg.Text, true) {
				return d.at, true
			}
		}
	}
	return time.Time{}, false
}

// The platforms of the figures: each with its pace's shape and its
// message length (Telegram 4096 characters, Discord 2000).
var figurePlatforms = []struct {
	name  string
	pace  Pace
	limit int
}{
	{"telegram", telegramPace, 4096},
	{"discord", discordPace, 2000},
}

// floodRun is one run of the figures' scenario in a group: lifter cy's
// rest ends at due; at due-2s lifter ana sends what flood makes (a burst,
// or one long question); at due-1s lifter bo asks for a plan. It returns
// bo's reply delay and cy's ping lateness, and the platform for more.
func floodRun(t *testing.T, pace Pace, limit int, flood func(r *rig)) (reply, ping time.Duration, p *platform) {
	t.Helper()
	p = newPlatform(pace, limit)
	r := startPlatformRig(t, filepath.Join(t.TempDir(), "s.db"), p)
	defer r.stop()
	ctx := context.Background()
	say := func(user, text string) {
		if err := r.hub.Submit(ctx, Message{Platform: "test", ChatID: "gym", UserID: user, UserName: user, Text: text, Group: true, ID: fmt.Sprint("f", fairSeq.Add(1))}); err != nil {
			t.Fatal(err)
		}
	}
	say("cy", "quickrp 100kg squat")
	time.Sleep(time.Minute)
	say("cy", "start")
	time.Sleep(time.Minute)
	say("cy", "done 8")
	synctest.Wait()
	timers, err := r.db.Timers()
	if err != nil || len(timers) != 1 {
		t.Fatalf("cy's rest: %v %v", timers, err)
	}
	due := timers[0].Due
	time.Sleep(time.Until(due.Add(-2 * time.Second)))
	flood(r)
	time.Sleep(time.Until(due.Add(-time.Second)))
	asked := time.Now()
	say("bo", "drop 100kg squat")
	time.Sleep(10 * time.Minute)
	synctest.Wait()
	got, ok := p.firstTo("bo", func(text string, _ bool) bool { return strings.Contains(text, "squat") })
	if !ok {
		t.Fatal("bo was never answered")
	}
	pinged, ok := p.firstTo("cy", func(text string, ping bool) bool { return ping && strings.HasPrefix(text, "GO") })
	if !ok {
		t.Fatal("cy was never pinged")
	}
	return got.Sub(asked), pinged.Sub(due), p
}

// burst is ana sending n plans at once.
func burst(n int) func(r *rig) {
	return func(r *rig) {
		for i := range n {
			if err := r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana",
				Text: "drop 80kg bench", Group: true, ID: fmt.Sprint("flood", fairSeq.Add(1), "-", i)}); err != nil {
				r.t.Fatal(err)
			}
		}
	}
}

// fairSeq numbers the messages of these tests, which are sent from more
// than one goroutine.
var fairSeq atomic.Int64

// ask is ana asking one thing.
func ask(text string) func(r *rig) {
	return func(r *rig) {
		if err := r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana",
			Text: text, Group: true, ID: fmt.Sprint("ask", fairSeq.Add(1))}); err != nil {
			r.t.Fatal(err)
		}
	}
}

// sustained is ana sending a burst of 20 plans and then one a second, as
// fast as the flood limit lets her, for a minute; last gets the time of
// her last message.
func sustained(last *time.Time) func(r *rig) {
	return func(r *rig) {
		burst(floodBurst)(r)
		go func() {
			for range 60 {
				time.Sleep(time.Second)
				ask("drop 80kg bench")(r)
			}
			*last = time.Now()
		}()
	}
}

// TestFloodFigures measures, on each platform's pace, how long another
// lifter's reply and a third lifter's ping wait behind one lifter's
// 1000-message burst, behind one long answer, and behind a flood kept up
// at the flood limit's pace, and how late the flooder's own last answer
// comes then (docs/reliability.md).
func TestFloodFigures(t *testing.T) {
	for _, pl := range figurePlatforms {
		var last time.Time
		for _, sc := range []struct {
			name  string
			flood func(r *rig)
		}{
			{"burst of 1000", burst(1000)},
			{"help exercises", ask("help exercises all")},
			{"a minute at the limit", sustained(&last)},
		} {
			t.Run(pl.name+"/"+sc.name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					reply, ping, p := floodRun(t, pl.pace, pl.limit, sc.flood)
					t.Logf("%s, %s: bo's reply after %v, cy's ping %v late; %d platform messages, %d refused with 429",
						pl.name, sc.name, reply, ping, p.messages, p.refused)
					if last.IsZero() {
						return
					}
					var end time.Time
					for _, d := range p.deliveries() {
						mine := d.r.To.ID == "ana"
						for _, pg := range d.r.Pings {
							mine = mine || pg.To.ID == "ana"
						}
						if mine {
							end = d.at
						}
					}
					t.Logf("%s, %s: ana's last answer %v after her last message", pl.name, sc.name, end.Sub(last))
				})
			})
		}
	}
}

// longest is the longest window of a pace: "one pace window".
func longest(p Pace) time.Duration {
	var d time.Duration
	for _, w := range p {
		d = max(d, w.Per)
	}
	return d
}

// One lifter's 1000-message burst, or one long answer, delays another
// lifter's reply and a third lifter's rest ping by one pace window at
// most, on each platform's pace; the platform never has to refuse a
// message; the flooder's answers are merged, and the messages beyond the
// flood limit dropped with one note.
func TestAFloodDelaysNoOneElse(t *testing.T) {
	for _, pl := range figurePlatforms {
		for _, sc := range []struct {
			name  string
			flood func(r *rig)
		}{
			{"burst", burst(1000)},
			{"long answer", ask("help exercises all")},
		} {
			t.Run(pl.name+"/"+sc.name, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					reply, ping, p := floodRun(t, pl.pace, pl.limit, sc.flood)
					window := longest(pl.pace)
					if reply > window {
						t.Errorf("bo's reply took %v; want within one pace window, %v", reply, window)
					}
					if ping > window {
						t.Errorf("cy's ping was %v late; want within one pace window, %v", ping, window)
					}
					if p.refused > 0 {
						t.Errorf("the platform refused %d messages: the pace did not count them all", p.refused)
					}
					for _, d := range p.deliveries() {
						if d.parts > 1 {
							t.Errorf("a reply of %d platform messages: %.60q", d.parts, d.r.Text)
						}
					}
					if sc.name != "burst" {
						return
					}
					// Every answer to ana's plans is the same plan: the first
					// went alone, and every merged line must be all of it.
					var plan string
					for _, d := range p.deliveries() {
						if len(d.r.Pings) == 0 && d.r.To.ID == "ana" && d.r.Plan != nil {
							plan = d.r.Text
							break
						}
					}
					answers, notes, messages := 0, 0, 0
					for _, d := range p.deliveries() {
						mine := false
						if len(d.r.Pings) == 0 && d.r.To.ID == "ana" {
							mine = true
							if d.r.Text == floodNote {
								notes++
							} else {
								answers++
							}
						}
						for _, pg := range d.r.Pings {
							if pg.To.ID == "ana" {
								mine = true
								answers++
								if pg.Text != plan {
									t.Errorf("ana's merged answer is not whole:\n%s\nwant:\n%s", pg.Text, plan)
								}
							}
						}
						if mine {
							messages++
						}
					}
					if answers != floodBurst || notes != 1 {
						t.Errorf("ana: %d answers and %d notes; want %d and 1", answers, notes, floodBurst)
					}
					if messages >= answers {
						t.Errorf("ana's %d answers took %d messages: nothing merged", answers, messages)
					}
				})
			})
		}
	}
}
