package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// Every example the bot prints is a command it takes: the hub's replies
// to a new lifter's day, mistakes and all, in kg and in lb, are read for
// examples ("Try: ...", "e.g. ...", "for example: ...", "Examples: ...",
// "say: ..."), and each one is typed back.

// replyMarkers introduce examples in a reply: what follows, to the end of
// the sentence, is a list of commands separated by commas or "or", each
// perhaps with a comment in parentheses.
var replyMarkers = []string{"Try: ", "e.g. ", "for example: ", "Example: ", "Examples: ", "change it with: "}

// replyPointers introduce one command, up to a comma or the end of the
// sentence.
var replyPointers = []string{"say: ", "Log one: "}

// replyInstructions are "Try:" texts that say what to do rather than what
// to type: how to send a file.
var replyInstructions = []string{"export a CSV ", "split it into files ", "send the file again "}

var replyParenthetical = regexp.MustCompile(`\s*\([^()]*\)`)

// replyExamples is every example in a reply's text; the help overview's
// lines of examples too.
func replyExamples(text string) []string {
	var out []string
	overview := strings.Contains(text, "Say help and a command")
	for _, line := range strings.Split(text, "\n") {
		for _, m := range replyMarkers {
			rest := line
			for {
				i := strings.Index(rest, m)
				if i < 0 {
					break
				}
				rest = rest[i+len(m):]
				out = append(out, exampleList(rest)...)
			}
		}
		for _, m := range replyPointers {
			if _, rest, ok := strings.Cut(line, m); ok {
				if list := exampleList(rest); len(list) > 0 {
					out = append(out, list[0])
				}
			}
		}
		if label, list, ok := strings.Cut(line, ": "); overview && ok && !strings.HasPrefix(label, "Presets") {
			if label[0] >= 'a' && label[0] <= 'z' {
				out = append(out, label)
			} else {
				out = append(out, exampleList(list)...)
			}
		}
	}
	return out
}

// exampleList reads the list of examples at the start of s, to the end of
// its sentence.
func exampleList(s string) []string {
	s = replyParenthetical.ReplaceAllString(s, "")
	for _, end := range []string{"; ", ". ", "? "} {
		if i := strings.Index(s, end); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".?;")
	var out []string
	for _, part := range strings.Split(s, ", ") {
		for _, ex := range strings.Split(part, " or ") {
			ex = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(ex, "or "), "and "))
			if ex != "" && !slices.ContainsFunc(replyInstructions, func(p string) bool { return strings.HasPrefix(ex, p) }) {
				out = append(out, ex)
			}
		}
	}
	return out
}

// typeExample is what coach makes of example ex typed by a lifter of
// unit u: nil when it parses, plans if it is a plan, and makes a gym if
// it changes the gym.
func typeExample(c *coach.Coach, ex string, u coach.Unit) error {
	cmd, err := c.Parse(ex, u)
	if err != nil {
		return err
	}
	switch {
	case cmd.Kind == coach.KindPlan:
		_, err = c.Plan(cmd)
	case cmd.Verb == "share":
		_, err = c.Share(cmd.Args, u)
	case cmd.Verb == "gym" && len(cmd.Args) > 0 && !slices.Equal(cmd.Args, []string{"reset"}):
		args, ru := cmd.Args, u
		if pu, ok := coach.ParseUnit(args[0]); ok {
			args, ru = args[1:], pu
		}
		kg, lb := coach.DefaultKGRack(), coach.DefaultLBRack()
		rack := &kg
		if ru == coach.LB {
			rack = &lb
		}
		if *rack, err = coach.ChangeRack(*rack, args); err == nil {
			_, err = coach.NewGym(kg, lb)
		}
	}
	return err
}

// chat sends text as user in a private chat and returns the replies.
func (r *rig) chat(user, text string) []Reply {
	r.t.Helper()
	msgSeq++
	m := Message{Platform: "test", ChatID: user, UserID: user, UserName: user, Text: text, ID: fmt.Sprint("x", msgSeq)}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	time.Sleep(10 * time.Second)
	synctest.Wait()
	rs, _ := answers(r.sink, m)
	return rs
}

// dayOfMistakes is what a new lifter types on a first day: help, plans,
// a session, logs, history, settings and the gym, with the mistakes
// people make.
func dayOfMistakes() []string {
	in := []string{
		"start", "yes", "done 8", "skip", "stop",
		"help", "help exercises", "help exercises curl", "help exercises chest", "help exercises xyzzy",
		"help presets", "help quickrp", "help nothing", "help exercises all",
		"hello", "dorp 80kg bench", "drop 80kg benhc", "drop 80kg pul up", "backoff 100kg bnch", "japanese 100kg bnech x5",
		"drop bench", "backoff bench", "drop 80kg", "drop 80kg bench x", "rp 100kg squat rest abc", "drop 80kg bench 150%",
		"drop 800kg bench", "no", "drop 20kg bench", "japanese 100kg bench", "backoff 100kg bench x20",
		"drop 80kg bench", "rp 100kg squat", "backoff bench 90kg x2", "japanese 100kg bench x5",
		"japanese ladder 100kg bench x5 fast", "ramp 100kg squat", "drop 30kg db curl", "quickrp 100kg squat",
		"start", "done eight", "done 8", "done", "start", "skip", "stop", "start", "stop",
		"log bench 100x5x5", "log benhc 100x5", "log bench 100", "log pull up 10", "log bench 100x5 @11",
		"undo", "undo", "undo",
		"history benhc", "history", "pr benhc", "pr", "1rm", "1rm benhc", "1rm bench", "chart", "chart benhc",
		"chart squat", "chart week x", "chart week 99", "week",
		"settings", "settings units", "settings units stone", "settings tz Mars/Olympus", "settings tz berln",
		"settings tz", "settings fiber x", "settings equipment spoon", "settings colour red",
		"gym", "gym kg plates x", "gym kg bar", "gym foo 1", "gym kg machine 5-x", "gym reset",
		"forget", "forget you", "forget me", "import", "privacy",
		"share bench 100kg", "share 100kg 80kg", "share benhc 100kg 80kg", "share db curl 20kg 15kg", "share bench ana 100kg ana 80kg",
	}
	for _, v := range coach.Verbs() {
		for _, w := range v.Words {
			in = append(in, "help "+w)
		}
	}
	return in
}

// Every example in the hub's answers to a new lifter's first day, in kg
// and in lb, parses, plans if it is a plan, and, for the commands the
// hub reads itself (settings, history, records, charts, the gym), is
// answered without an error. A mistake's Try: is in the lifter's unit.
func TestEveryPrintedExampleWorks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()
		c := r.hub.coach
		type shown struct {
			example, after string
			unit           coach.Unit
		}
		var all []shown
		kgLoad := regexp.MustCompile(`\d(kg|kgs)\b`)
		for _, lifter := range []struct {
			name string
			unit coach.Unit
		}{{"ana", coach.KG}, {"bo", coach.LB}} {
			if lifter.unit == coach.LB {
				r.chat(lifter.name, "settings units lb")
			}
			for _, in := range dayOfMistakes() {
				_, parseErr := c.Parse(in, lifter.unit)
				for _, rep := range r.chat(lifter.name, in) {
					for _, ex := range replyExamples(rep.Text) {
						all = append(all, shown{ex, in, lifter.unit})
						if lifter.unit == coach.LB && parseErr != nil && rep.Text == parseErr.Error() && kgLoad.MatchString(ex) {
							t.Errorf("%q: an lb lifter is shown %q", in, ex)
						}
					}
				}
			}
		}
		if len(all) < 100 {
			t.Fatalf("%d examples in a day's answers", len(all))
		}

		// A lifter with some history types each example the hub reads.
		for _, set := range []string{"log bench 100x5x5", "log squat 140kg 5", "log deadlift 180kg 5", "log row 60kg 10"} {
			r.chat("cy", set)
		}
		seen := map[string]bool{}
		for _, s := range all {
			if err := typeExample(c, s.example, s.unit); err != nil {
				t.Errorf("after %q (%s), %q fails: %v", s.after, s.unit, s.example, err)
				continue
			}
			cmd, _ := c.Parse(s.example, s.unit)
			switch cmd.Verb {
			case "settings", "history", "pr", "1rm", "chart", "week", "gym", "privacy", "share":
			default:
				continue
			}
			if seen[s.example] {
				continue
			}
			seen[s.example] = true
			for _, rep := range r.chat("cy", s.example) {
				if rep.Error {
					t.Errorf("after %q, %q is answered: %s", s.after, s.example, rep.Text)
				}
			}
		}
	})
}

// Help, a page at a time where it must be: a short answer is whole
// everywhere; a long one is whole in the console and in a private chat
// up to privateHelpBudget, and paged in a group.
func TestHelpPagesBySize(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, telegramPace, Config{})
		defer r.stop()
		for _, topic := range []string{"help exercises curl", "help", "help log", "help exercises chest", "help exercises db"} {
			text := r.hub.coach.Help(strings.TrimPrefix(strings.TrimPrefix(topic, "help"), " "))
			got := r.chat("ana", topic)
			if len(got) != 1 || got[0].Text != text {
				t.Errorf("%s in a private chat: %d replies, not the whole answer", topic, len(got))
			}
		}
		long := r.hub.coach.Help("exercises all")
		if textCost(long) <= privateHelpBudget {
			t.Fatalf("help exercises all costs %d: nothing to page", textCost(long))
		}
		got := r.chat("ana", "help exercises all")
		if len(got) != 1 || textCost(got[0].Text) > messageBudget || len(pageButtons(got[0])) == 0 {
			t.Errorf("help exercises all in a private chat: %d replies, the first %d long", len(got), len(got[0].Text))
		}
		if got := r.ask("bo", "help exercises all"); len(got) != 1 || textCost(got[0].Text) > messageBudget || len(pageButtons(got[0])) == 0 {
			t.Errorf("help exercises all in a group: %d replies", len(got))
		}
	})
}
