package bot

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
	"unicode/utf8"

	"github.com/spotter-coach/spotter/record"
)

func TestSplitPagesKeepsEveryCharacter(t *testing.T) {
	long := strings.Repeat("bench press: bench, bp & <flat> \"bench\"; ", 200)
	for _, text := range []string{
		"short",
		strings.Repeat("line of text\n", 500),
		long,
		long + "\n" + strings.Repeat("é😀-", 900) + "\nend",
		strings.Repeat("\xff\xfe", 2000),
	} {
		for _, limit := range []int{1, 3, 50, pageBudget, messageBudget} {
			got := splitPages(text, limit)
			for _, p := range got {
				if c := textCost(p); c > limit && utf8.RuneCountInString(p) > 1 {
					t.Fatalf("limit %d: a piece costs %d", limit, c)
				}
				if strings.TrimSpace(p) == "" {
					t.Fatalf("limit %d: a blank piece", limit)
				}
			}
			// Only line breaks at cuts and blank pieces may go.
			flat := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if j := strings.Join(got, ""); flat(j) != flat(text) {
				t.Fatalf("limit %d: the pieces lost or changed text", limit)
			}
			if limit >= pageBudget && !strings.Contains(text, long) && strings.Join(got, "\n") != strings.ToValidUTF8(text, "\uFFFD") && utf8.ValidString(text) {
				t.Fatalf("limit %d: cut only between lines, the pieces are not the text", limit)
			}
		}
	}
}

func TestPageOf(t *testing.T) {
	for _, tc := range []struct {
		in, rest string
		page     int
		ok       bool
	}{
		{"", "", 1, false},
		{"exercises", "exercises", 1, false},
		{"exercises page 2", "exercises", 2, true},
		{"exercises  PAGE  12", "exercises", 12, true},
		{"page 3", "", 3, true},
		{"exercises page 0", "exercises page 0", 1, false},
		{"exercises page -1", "exercises page -1", 1, false},
		{"exercises page two", "exercises page two", 1, false},
		{"exercises page 99999999999999999999", "exercises page 99999999999999999999", 1, false},
		{"page", "page", 1, false},
	} {
		rest, page, ok := pageOf(tc.in)
		if rest != tc.rest || page != tc.page || ok != tc.ok {
			t.Errorf("pageOf(%q) = %q, %d, %v; want %q, %d, %v", tc.in, rest, page, ok, tc.rest, tc.page, tc.ok)
		}
	}
}

// ask sends text as user, in a group, lets the pace pass, and returns the
// replies to it.
func (r *rig) ask(user, text string) []Reply {
	r.t.Helper()
	msgSeq++
	m := Message{Platform: "test", ChatID: "gym", UserID: user, UserName: user, Text: text, Group: true, ID: fmt.Sprint("m", msgSeq)}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	time.Sleep(10 * time.Second)
	synctest.Wait()
	rs, _ := answers(r.sink, m)
	return rs
}

// pageButtons are the data of a reply's page buttons, by label.
func pageButtons(r Reply) map[string]string {
	out := map[string]string{}
	for _, row := range r.Buttons {
		for _, b := range row {
			if isPageData(b.Data) {
				out[b.Label] = b.Data
			}
		}
	}
	return out
}

// A long answer on a paced platform comes a page at a time, each one
// message, with buttons whose data is the command asking for the page
// before or after: pressed (the data comes back as the message's text),
// typed, or after a restart, it is the same page. Every page together is
// the whole answer. The console gets the whole answer at once.
func TestLongHelpIsPaged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		s := &sink{}
		r := startRig(t, path, s, telegramPace, Config{})
		whole := r.hub.coach.Help("exercises all")
		if textCost(whole) <= messageBudget {
			t.Fatalf("help exercises fits one message (%d): nothing to page", textCost(whole))
		}
		got := r.ask("ana", "help exercises all")
		if len(got) != 1 {
			t.Fatalf("help exercises: %d replies; want one page", len(got))
		}
		first := got[0]
		var pages []string
		page := first
		for n := 1; ; n++ {
			if page.To.ID != "ana" || len(page.Pings) > 0 {
				t.Fatalf("page %d is not ana's own message: %+v", n, page)
			}
			if c := textCost(page.Text); c > messageBudget {
				t.Fatalf("page %d costs %d: more than one message", n, c)
			}
			body, footer, _ := strings.Cut(page.Text, "\n(page ")
			if !strings.HasPrefix(footer, fmt.Sprint(n, " of ")) {
				t.Fatalf("page %d says %q", n, footer)
			}
			pages = append(pages, body)
			b := pageButtons(page)
			if back, ok := b[backLabel]; n > 1 && (!ok || back != fmt.Sprint("help exercises all page ", n-1)) {
				t.Errorf("page %d: Back is %q", n, back)
			}
			for _, d := range b {
				if len(d) > pageDataLimit {
					t.Errorf("page button data %q is over %d bytes", d, pageDataLimit)
				}
			}
			next, ok := b[nextLabel]
			if !ok {
				break
			}
			if next != fmt.Sprint("help exercises all page ", n+1) {
				t.Fatalf("page %d: Next is %q", n, next)
			}
			if n > 20 {
				t.Fatal("more than 20 pages")
			}
			// A press is a message whose text is the button's data.
			got = r.ask("ana", next)
			if len(got) != 1 {
				t.Fatalf("Next on page %d: %d replies", n, len(got))
			}
			page = got[0]
		}
		if len(pages) < 2 {
			t.Fatalf("%d pages", len(pages))
		}
		if strings.Join(pages, "\n") != whole {
			t.Error("the pages together are not the whole answer")
		}
		// Typed, with the command's slash: the same page.
		if got := r.ask("bo", "/help exercises all page 2"); len(got) != 1 || !strings.HasPrefix(got[0].Text, pages[1]) || got[0].To.ID != "bo" {
			t.Errorf("typed page 2: %+v", got)
		}
		// Beyond the last: the last.
		if got := r.ask("bo", "help exercises all page 99"); len(got) != 1 || !strings.HasPrefix(got[0].Text, pages[len(pages)-1]) {
			t.Errorf("page 99: %+v", got)
		}
		r.stop()

		// After a restart a page is the command run again: nothing kept.
		s2 := &sink{}
		r = startRig(t, path, s2, telegramPace, Config{})
		if got := r.ask("ana", "help exercises all page 2"); len(got) != 1 || !strings.HasPrefix(got[0].Text, pages[1]) {
			t.Errorf("page 2 after a restart: %+v", got)
		}

		// A private chat's pace is its lifter's alone: an answer of a few
		// messages comes whole.
		whole = r.hub.coach.Help("exercises db")
		msgSeq++
		m := Message{Platform: "test", ChatID: "ana", UserID: "ana", UserName: "ana", Text: "help exercises db", ID: fmt.Sprint("m", msgSeq)}
		if err := r.hub.Handle(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Second)
		synctest.Wait()
		if got, _ := answers(s2, m); len(got) != 1 || got[0].Text != whole {
			t.Errorf("in a private chat: %d replies", len(got))
		}
		r.stop()

		// The console has no pace: the whole answer.
		whole = r.hub.coach.Help("exercises all")
		r = startRig(t, filepath.Join(t.TempDir(), "c.db"), &sink{}, nil, Config{})
		defer r.stop()
		if got := r.ask("ana", "help exercises all"); len(got) != 1 || got[0].Text != whole || len(got[0].Buttons) > 0 {
			t.Errorf("console: %d replies, first %d characters", len(got), len(got[0].Text))
		}
		if got := r.ask("ana", "help exercises all page 2"); len(got) != 1 || got[0].Text != whole {
			t.Errorf("console, page 2: not the whole answer")
		}
	})
}

// A page's buttons are its lifter's: a page never shares a merged
// message, where its buttons would serve whoever presses them, and it
// answers its lifter by name, for the adapters to bind its buttons to.
func TestPagesAreNeverMerged(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, telegramPace, Config{})
		defer r.stop()
		for i, u := range []string{"bo", "cy", "ana", "di", "ed"} {
			text := "help rp"
			if u == "ana" {
				text = "help exercises all"
			}
			msgSeq++
			r.hub.Submit(context.Background(), Message{Platform: "test", ChatID: "gym", UserID: u, UserName: u, Text: text, Group: true, ID: fmt.Sprint("pm", i)})
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		merged, page := 0, 0
		for _, m := range s.all() {
			if len(m.r.Pings) > 0 {
				merged++
				if len(pageButtons(m.r)) > 0 {
					t.Errorf("page buttons in a merged message: %+v", m.r.Buttons)
				}
				continue
			}
			if len(pageButtons(m.r)) > 0 {
				page++
				if m.r.To.ID != "ana" {
					t.Errorf("ana's page answers %q", m.r.To.ID)
				}
			}
		}
		if page != 1 || merged == 0 {
			t.Errorf("%d pages alone, %d merged messages; want 1 and some", page, merged)
		}
	})
}

// fill sends one message to a chat, from lifter x, so that its pace
// holds the next ones back sooner (and the queue merges a group's
// replies).
func fill(o *outbox, platform, chat string) {
	o.enqueue(outItem{reply: Reply{Platform: platform, ChatID: chat, Group: true, To: User{ID: "x", Name: "x"}, Text: "first"}})
	synctest.Wait()
}

// Merged answers keep every lifter's whole line: a merged message is one
// platform message, cut between lines, and an answer too long to be a
// line goes alone, whole.
func TestMergedAnswersAreWhole(t *testing.T) {
	for _, pl := range figurePlatforms {
		t.Run(pl.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				p := newPlatform(pl.pace, pl.limit)
				o := newOutbox(map[string]Sender{"p": p}, map[string]Pace{"p": pl.pace}, time.Now, slog.New(slog.DiscardHandler))
				for range 5 {
					fill(o, "p", "gym")
				}
				want := map[string]string{}
				var items []outItem
				for i := range 8 {
					u := fmt.Sprint("u", i)
					text := fmt.Sprintf("%s's answer:\n%s\nend", u, strings.Repeat("x", 500+60*i))
					if i == 3 {
						text = strings.Repeat("a long answer of many words ", 60) + "end"
					}
					want[u] = text
					items = append(items, outItem{reply: Reply{Platform: "p", ChatID: "gym", Group: true, To: User{ID: u, Name: u}, Text: text}})
				}
				for _, u := range []string{"p1", "p2"} {
					to := User{ID: u, Name: u}
					want[u] = "GO: set 2"
					items = append(items, outItem{reply: Reply{Platform: "p", ChatID: "gym", Group: true, To: to, Pings: []Ping{{To: to, Text: "GO: set 2"}}, Text: u + ": GO: set 2"},
						timer: &record.TimerRef{ID: u}})
				}
				o.enqueue(items...)
				time.Sleep(5 * time.Minute)
				o.flush(time.Minute)
				got := map[string]string{}
				merges := 0
				var firstAfter *delivery
				for i, d := range p.deliveries() {
					if d.r.To.ID == "x" {
						continue
					}
					if firstAfter == nil {
						firstAfter = &p.deliveries()[i]
					}
					if d.parts > 1 {
						t.Errorf("a message of %d parts", d.parts)
					}
					if len(d.r.Pings) == 0 {
						got[d.r.To.ID] += d.r.Text
						continue
					}
					if len(d.r.Pings) > 1 {
						merges++
					}
					for _, pg := range d.r.Pings {
						got[pg.To.ID] += pg.Text
					}
				}
				for u, w := range want {
					if got[u] != w {
						t.Errorf("%s got %d characters of %d: %.40q", u, len(got[u]), len(w), got[u])
					}
				}
				if merges == 0 {
					t.Error("nothing merged")
				}
				if firstAfter == nil || len(firstAfter.r.Pings) == 0 || !strings.HasPrefix(firstAfter.r.Pings[0].Text, "GO") {
					t.Errorf("the first message after the held ones is not led by the pings: %+v", firstAfter)
				}
				if p.refused > 0 {
					t.Errorf("%d refused", p.refused)
				}
			})
		})
	}
}

// A paced reply too long for one message goes as messages of one each,
// and another lifter's answer goes between them rather than after all.
func TestLongReplyGoesInPiecesBetweenOthers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		o := newOutbox(map[string]Sender{"p": s}, map[string]Pace{"p": telegramPace}, time.Now, slog.New(slog.DiscardHandler))
		var b strings.Builder
		for i := range 300 {
			fmt.Fprintf(&b, "Mon %d: bench press 100 kg 5×5\n", i)
		}
		long := strings.TrimSpace(b.String())
		ana, bo := User{ID: "ana", Name: "ana"}, User{ID: "bo", Name: "bo"}
		o.enqueue(outItem{reply: Reply{Platform: "p", ChatID: "c", Group: true, To: ana, Text: long, Buttons: [][]Button{{{Label: "x", Data: "x"}}}}})
		synctest.Wait()
		o.enqueue(outItem{reply: Reply{Platform: "p", ChatID: "c", Group: true, To: bo, Text: "bo's answer"}})
		time.Sleep(5 * time.Minute)
		o.flush(time.Minute)
		all := s.all()
		var pieces []string
		boAt := -1
		for i, m := range all {
			if m.r.To.ID == "bo" {
				boAt = i
				continue
			}
			if textCost(m.r.Text) > messageBudget {
				t.Errorf("piece %d costs %d", i, textCost(m.r.Text))
			}
			if len(m.r.Buttons) > 0 && i != len(all)-1 {
				t.Errorf("piece %d has the buttons; only the last may", i)
			}
			pieces = append(pieces, m.r.Text)
		}
		if len(pieces) < 3 {
			t.Fatalf("%d pieces", len(pieces))
		}
		if strings.Join(pieces, "\n") != long {
			t.Error("the pieces are not the whole reply")
		}
		if boAt != 1 {
			t.Errorf("bo's answer went %d of %d; want right after ana's first piece", boAt+1, len(all))
		}
		assertPace(t, all, telegramPace, true)

		// In a private chat the pace is the lifter's alone: whole.
		s2 := &sink{}
		o = newOutbox(map[string]Sender{"p": s2}, map[string]Pace{"p": telegramPace}, time.Now, slog.New(slog.DiscardHandler))
		o.enqueue(outItem{reply: Reply{Platform: "p", ChatID: "ana", To: ana, Text: long}})
		o.flush(time.Minute)
		if got := s2.all(); len(got) != 1 || got[0].r.Text != long {
			t.Errorf("a long reply in a private chat: %d messages", len(got))
		}
	})
}

// In a group, one lifter's replies take at most half of a window that
// allows several (3 of Discord's 5 per 5 s): another lifter's answer that
// comes a second later finds room at once.
func TestOneLiftersRepliesLeaveRoomInTheWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		o := newOutbox(map[string]Sender{"p": s}, map[string]Pace{"p": discordPace}, time.Now, slog.New(slog.DiscardHandler))
		start := time.Now()
		ana := User{ID: "ana", Name: "ana"}
		var items []outItem
		for i := range 12 {
			items = append(items, outItem{reply: Reply{Platform: "p", ChatID: "c", Group: true, To: ana, Text: fmt.Sprint("answer ", i)}})
		}
		o.enqueue(items...)
		time.Sleep(time.Second)
		synctest.Wait()
		if n := len(s.all()); n != 3 {
			t.Errorf("ana's replies took %d of the window's 5 at once; want 3", n)
		}
		o.enqueue(outItem{reply: Reply{Platform: "p", ChatID: "c", Group: true, To: User{ID: "bo", Name: "bo"}, Text: "bo's answer"}})
		synctest.Wait()
		if last := s.all()[len(s.all())-1]; last.at.Sub(start) != time.Second || !strings.Contains(last.r.Text, "bo's answer") {
			t.Errorf("bo's answer went at +%v: %q", last.at.Sub(start), last.r.Text)
		}
		time.Sleep(time.Minute)
		o.flush(time.Minute)
		n := 0
		for _, m := range s.all() {
			if len(m.r.Pings) == 0 {
				if m.r.To.ID == "ana" {
					n++
				}
				continue
			}
			for _, p := range m.r.Pings {
				if p.To.ID == "ana" {
					n++
				}
			}
		}
		if n != 12 {
			t.Errorf("ana got %d of her 12 answers", n)
		}
		assertPace(t, s.all(), discordPace, true)
	})
}

// A lifter whose answers already wait in the chat's queue (floodBacklog)
// is flooding it too: their next messages are dropped unread, with one
// note, and heard again once the queue has moved.
func TestFloodLimitCountsAnswersWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &sink{}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), s, telegramPace, Config{})
		defer r.stop()
		ctx := context.Background()
		for i := range 60 {
			r.hub.Submit(ctx, Message{Platform: "test", ChatID: "gym", UserID: "ana", UserName: "ana", Text: "drop 80kg bench", Group: true, ID: fmt.Sprint("f", i)})
			if i >= floodBurst {
				time.Sleep(time.Second) // within the token bucket's pace
			}
			synctest.Wait()
			if n := r.hub.out.backlog("test", "gym", "ana"); n > floodBacklog {
				t.Fatalf("after message %d, %d of ana's answers wait; want at most %d", i, n, floodBacklog)
			}
		}
		time.Sleep(5 * time.Minute)
		synctest.Wait()
		answered, notes := 0, 0
		for _, m := range s.all() {
			if len(m.r.Pings) == 0 {
				if m.r.Text == floodNote {
					notes++
				} else {
					answered++
				}
				continue
			}
			answered += len(m.r.Pings)
		}
		if notes != 1 || answered >= 60 || answered < floodBacklog {
			t.Errorf("%d answered, %d notes; want some dropped with one note", answered, notes)
		}
		// Once the queue has moved, ana is heard again.
		if got := r.ask("ana", "help rp"); len(got) != 1 || got[0].Text == floodNote {
			t.Errorf("after the queue moved: %+v", got)
		}
	})
}

// A command too long for a page button's data gets pages without buttons,
// each still one message, the footer saying what to type if it is short
// enough to say.
func TestPagesOfALongCommand(t *testing.T) {
	text := strings.Repeat("a line of the answer\n", 400)
	r := Reply{To: User{ID: "ana", Name: "ana"}}
	for _, command := range []string{"help exercises with a topic too long for a button", "help " + strings.Repeat("x", 200)} {
		p := paged(r, text, command, 1, estimate{})
		if len(p.Buttons) > 0 || textCost(p.Text) > messageBudget || !strings.Contains(p.Text, "(page 1 of ") {
			t.Errorf("%.30q: page 1 is %d long, buttons %v", command, textCost(p.Text), p.Buttons)
		}
		if hint := strings.Contains(p.Text, "say: "+command+" page 2"); hint != (len(command) < 90) {
			t.Errorf("%.30q: the footer's hint is there: %v", command, hint)
		}
	}
	// Short enough for one message: as it is.
	if p := paged(r, "short", "help", 3, estimate{}); p.Text != "short" || len(p.Buttons) > 0 {
		t.Errorf("a short answer was paged: %+v", p)
	}
}
