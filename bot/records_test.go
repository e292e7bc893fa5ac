package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// askIn sends text as user in a chat, a group or a private one, lets the
// pace pass, and returns the replies to it.
func (r *rig) askIn(user, chat string, group bool, text string) []Reply {
	r.t.Helper()
	msgSeq++
	m := Message{Platform: "test", ChatID: chat, UserID: user, UserName: user, Text: text, Group: group, ID: fmt.Sprint("m", msgSeq)}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	time.Sleep(10 * time.Second)
	synctest.Wait()
	rs, _ := answers(r.sink, m)
	return rs
}

// discordSized is the rig's platform measuring messages as Discord does:
// 2000 characters each.
type discordSized struct{ *testAdapter }

func (discordSized) Messages(r Reply) int { return max(1, (len(r.Text)+1999)/2000) }

// startDiscordSizedRig is startRig on a platform whose messages hold 2000
// characters, paced as Discord is.
func startDiscordSizedRig(t *testing.T, path string, s *sink) *rig {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	h := New(Config{Coach: c, Store: db, Unit: coach.KG})
	ctx, cancel := context.WithCancel(context.Background())
	r := &rig{t: t, hub: h, db: db, sink: s, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- h.Serve(ctx, discordSized{&testAdapter{sink: s, pace: discordPace}}) }()
	return r
}

// storeSets writes lifts into user's history on the rig's platform.
func (r *rig) storeSets(user string, ls ...coach.Lift) {
	r.t.Helper()
	c := record.Change{}
	for _, l := range ls {
		c.Sets = append(c.Sets, record.Set{Lift: l, Platform: "test", UserID: user, ChatID: "gym"})
	}
	if err := r.db.Apply(c); err != nil {
		r.t.Fatal(err)
	}
}

// pr without an exercise lists every exercise the lifter has, a line
// each, most recently trained first. In a group on a paced platform a
// list longer than a message comes a page at a time, whose footer says
// there are more and whose buttons bring the rest; the pages together
// are the whole list. A private chat gets it whole.
func TestPRListsEveryExercisePagedInAGroup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startDiscordSizedRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{})
		defer r.stop()
		// Loaded exercises: a body-weight one's records read otherwise.
		var all []*coach.Exercise
		for _, e := range r.hub.coach.Catalog().All() {
			if e.Equipment != coach.BodyWeight {
				all = append(all, e)
			}
		}
		var names []string
		start := time.Now().Add(-60 * 24 * time.Hour)
		for i := range 30 {
			e := all[i*len(all)/30]
			names = append(names, e.Name)
			at := start.Add(time.Duration(i) * 24 * time.Hour)
			r.storeSets("ana",
				coach.Lift{At: at, Exercise: e.Name, Load: 40 + float64(i), Unit: coach.KG, Reps: 8, Kind: coach.KindWork, Entry: fmt.Sprint("e", i)},
				coach.Lift{At: at, Exercise: e.Name, Load: 30 + float64(i), Unit: coach.KG, Reps: 12, Kind: coach.KindWork, Entry: fmt.Sprint("e", i)},
				// A failed set counts for nothing.
				coach.Lift{At: at, Exercise: e.Name, Load: 90 + float64(i), Unit: coach.KG, Reps: 0, Kind: coach.KindWork, Entry: fmt.Sprint("e", i)},
			)
		}
		whole := r.askIn("ana", "ana-dm", false, "pr")
		if len(whole) != 1 {
			t.Fatalf("pr in private: %d replies, want 1", len(whole))
		}
		text := whole[0].Text
		if textCost(text) <= messageBudget {
			t.Fatalf("30 exercises fit one message (%d): nothing to page", textCost(text))
		}
		if strings.Contains(text, "(page ") || len(pageButtons(whole[0])) > 0 {
			t.Errorf("pr in private was paged:\n%s", text)
		}
		if !strings.HasPrefix(text, "PRs on 30 exercises, most recently trained first") {
			t.Errorf("pr in private starts:\n%.200s", text)
		}
		lines := strings.Split(text, "\n")[1:]
		if len(lines) != 30 {
			t.Fatalf("%d lines for 30 exercises:\n%s", len(lines), text)
		}
		for i, line := range lines {
			n := 29 - i // the most recent first
			want := fmt.Sprintf("%s (2 sets): heaviest %d kg × 8 · e1RM ", names[n], 40+n)
			if !strings.HasPrefix(line, want) || !strings.Contains(line, fmt.Sprintf("most reps %d kg × 8, %d kg × 12", 40+n, 30+n)) {
				t.Errorf("line %d:\n%s\nwant it to start %q", i, line, want)
			}
		}

		// In the group: pages, each one message, until the list is whole.
		var got []string
		reply := r.askIn("ana", "gym", true, "pr")
		for page := 1; ; page++ {
			if len(reply) != 1 {
				t.Fatalf("page %d: %d replies", page, len(reply))
			}
			p := reply[0]
			if textCost(p.Text) > messageBudget {
				t.Fatalf("page %d is longer than a message: %d", page, textCost(p.Text))
			}
			body, footer, ok := strings.Cut(p.Text, "\n(page ")
			if !ok {
				t.Fatalf("page %d has no footer:\n%s", page, p.Text)
			}
			got = append(got, body)
			next, more := pageButtons(p)[nextLabel]
			if page == 1 && !more {
				t.Fatalf("page 1 says nothing of more: %q, buttons %v", footer, p.Buttons)
			}
			if !more {
				break
			}
			if next != fmt.Sprintf("pr page %d", page+1) {
				t.Fatalf("page %d's next button: %q", page, next)
			}
			reply = r.askIn("ana", "gym", true, next)
		}
		if len(got) < 2 {
			t.Fatalf("%d pages", len(got))
		}
		if strings.Join(got, "\n") != text {
			t.Errorf("the pages are not the whole list:\n%s\n---\n%s", strings.Join(got, "\n"), text)
		}
	})
}

// pr EXERCISE shows the most reps at every load, heaviest first, a few
// loads to a line; in a group a long one is paged by the exercise's own
// command.
func TestPRShowsMostRepsAtEachLoad(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, telegramPace, Config{})
		defer r.stop()
		at := time.Now().Add(-24 * time.Hour)
		var ls []coach.Lift
		for i := range 14 {
			load := 100 - 2.5*float64(i)
			ls = append(ls,
				coach.Lift{At: at, Exercise: "bench press", Load: load, Unit: coach.KG, Reps: 1 + i, Kind: coach.KindWork},
				coach.Lift{At: at, Exercise: "bench press", Load: load, Unit: coach.KG, Reps: i, Kind: coach.KindWork})
		}
		r.storeSets("ana", ls...)
		rep := r.askIn("ana", "ana-dm", false, "pr bench")
		if len(rep) != 1 {
			t.Fatalf("%d replies", len(rep))
		}
		text := rep[0].Text
		most, _, _ := strings.Cut(text[strings.Index(text, "Most reps:"):], "\n\n")
		var want []string
		for i := range 14 {
			want = append(want, fmt.Sprintf("%s kg × %d", coach.FormatLoad(100-2.5*float64(i)), 1+i))
		}
		flat := strings.Join(strings.Fields(strings.TrimPrefix(most, "Most reps:")), " ")
		if flat != strings.Join(want, ", ") {
			t.Errorf("most reps:\n%s\nwant every load, heaviest first: %s", most, strings.Join(want, ", "))
		}
		if n := strings.Count(most, "\n") + 1; n != 3 {
			t.Errorf("14 loads on %d lines, want 3:\n%s", n, most)
		}
		if !strings.Contains(text, "PRs, bench press (27 sets)") {
			t.Errorf("the failed set was counted:\n%s", text)
		}
		// A page of pr bench asks for the next by its own command.
		if rest, page, _ := pageOf("bench press page 2"); rest != "bench press" || page != 2 {
			t.Fatalf("pageOf: %q %d", rest, page)
		}
		if g := r.askIn("ana", "gym", true, "pr bench page 2"); len(g) != 1 || g[0].Text != text {
			t.Errorf("pr bench page 2 of a one-page answer: %+v", g)
		}
	})
}
