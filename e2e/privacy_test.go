package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/internal/tgfake"
	"github.com/spotter-coach/spotter/store"
)

// TestTelegramGroupUnderPrivacyMode: ten lifters in one Telegram group
// run rest-pause sessions at once, reaching the bot only as Telegram's
// privacy mode lets them: /cmd@Bot commands and button presses. Each
// plans with /shortrp@Bot, presses Start, reports the set with a rep
// button, and each mini-set on its GO ping: with the ping's own buttons
// when the ping is theirs alone, else with /done@Bot N (pings due
// together share one message, whose buttons could act for one lifter
// only). Every lifter ends with a summary and three sets in their
// history; every hint the bot gives names a form that reaches it; every
// answer to a typed command replies to that command; every ping names
// its lifter.
func TestTelegramGroupUnderPrivacyMode(t *testing.T) {
	bin := buildSpotter(t)
	const token = "123456:TEST-token-abc"
	fake := tgfake.New(t, tgfake.WithToken(token))
	args := telegramConfig(t, fake, token, "[[preset]]", `name = "shortrp"`, `technique = "rest_pause"`, `rest = "2s"`)
	data := args[len(args)-1]
	p := startTelegramBot(t, bin, args...)
	gym := tgfake.Group(-100999, "Iron Gym")
	botName := fake.BotName()

	type outcome struct {
		name            string
		err             error
		byButton, type_ int
	}
	results := make(chan outcome, 10)
	var wg sync.WaitGroup
	for i := range 10 {
		u := models.User{ID: int64(801 + i), FirstName: fmt.Sprintf("Lifter%d", i)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := outcome{name: u.FirstName}
			o.err = runPrivacyLifter(fake, gym, u, botName, &o.byButton, &o.type_)
			results <- o
		}()
		if i < 5 {
			// Five arrive one after another; the other five at once, so
			// that their pings fall due together.
			time.Sleep(150 * time.Millisecond)
		}
	}
	wg.Wait()
	close(results)
	buttons, typed := 0, 0
	for o := range results {
		if o.err != nil {
			t.Errorf("%s: %v", o.name, o.err)
		}
		buttons += o.byButton
		typed += o.type_
	}
	if t.Failed() {
		t.Logf("calls:\n%s", fake.Dump())
	}
	t.Logf("mini-sets reported with the ping's buttons: %d, with /done@%s: %d", buttons, botName, typed)

	for _, c := range fake.All(tgfake.Any) {
		txt := c.Text()
		for _, plain := range []string{"Say start", "Say done", "say start", "say done"} {
			if strings.Contains(txt, plain) {
				t.Errorf("a hint the privacy mode never lets through (%q): %q", plain, txt)
			}
		}
	}
	if err := p.stop(t, syscall.SIGTERM); err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := range 10 {
		sets, err := db.Sets("telegram", strconv.Itoa(801+i))
		if err != nil {
			t.Fatal(err)
		}
		var reps []int
		for _, s := range sets {
			reps = append(reps, s.Reps)
		}
		if fmt.Sprint(reps) != "[8 4 3]" {
			t.Errorf("lifter %d's history: reps %v, want [8 4 3]", i, reps)
		}
	}
}

// runPrivacyLifter drives one lifter's session through commands for the
// bot and buttons only, counting the mini-sets reported by button and by
// command.
func runPrivacyLifter(fake *tgfake.Server, gym models.Chat, u models.User, botName string, byButton, typed *int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	me := strconv.FormatInt(u.ID, 10)
	owner := "~" + me + "~"
	mine := func(c tgfake.Call, cmd string) string {
		for _, d := range c.Data() {
			if d == owner+cmd || strings.HasPrefix(d, owner+cmd+" ^") {
				return d
			}
		}
		return ""
	}
	await := func(mark int, what string, match tgfake.Match) (tgfake.Call, error) {
		got, err := fake.Await(ctx, mark, 1, match)
		if err != nil {
			return tgfake.Call{}, fmt.Errorf("waiting for %s: %w", what, err)
		}
		return got[0], nil
	}
	isSend := func(c tgfake.Call) bool {
		return !c.Failed && (c.Method == "sendMessage" || c.Method == "editMessageText") && c.Chat() == gym.ID
	}

	// forMe matches a message for this lifter that contains text: one
	// with their own buttons, one that answers their message, or a merged
	// one with a line naming them.
	var ref int // the lifter's last message: typed, or the one pressed on
	forMe := func(text string) tgfake.Match {
		return func(c tgfake.Call) bool {
			if !isSend(c) || !strings.Contains(c.Text(), text) {
				return false
			}
			for _, d := range c.Data() {
				if strings.HasPrefix(d, owner) {
					return true
				}
			}
			return c.Mentions(u.ID) || c.ReplyTo() == ref && ref != 0 || c.Method == "editMessageText" && c.MessageID() == ref
		}
	}
	// act presses the lifter's button for cmd under c, or, where c has
	// none (several lifters' lines merged), sends /cmd@Bot.
	act := func(c tgfake.Call, cmd string) (pressed bool) {
		if d := mine(c, cmd); d != "" {
			fake.Press(gym, u, c.MsgID, d)
			ref = c.MsgID
			return true
		}
		verb, rest, _ := strings.Cut(cmd, " ")
		text := "/" + verb + "@" + botName
		if rest != "" {
			text += " " + rest
		}
		ref = fake.Message(fake.Text(gym, u, text)).ID
		return false
	}

	mark := fake.Mark()
	upd := fake.Text(gym, u, "/shortrp@"+botName+" 100kg squat")
	ref = fake.Message(upd).ID
	plan, err := await(mark, "the plan", forMe("to run it with rest timers"))
	if err != nil {
		return err
	}
	if !strings.Contains(plan.Text(), "/start@"+botName) {
		return fmt.Errorf("the plan's hint: %q", plan.Text())
	}
	if !plan.Mentions(u.ID) && plan.ReplyTo() != ref {
		return fmt.Errorf("the plan replies to message %d, not to the command %d", plan.ReplyTo(), ref)
	}

	mark = fake.Mark()
	act(plan, "start")
	on, err := await(mark, "the session's first step", forMe("Started"))
	if err != nil {
		return err
	}
	if !strings.Contains(on.Text(), "/done@"+botName+" N") {
		return fmt.Errorf("the step's hint: %q", on.Text())
	}
	for i, reps := range []int{8, 4, 3} {
		mark = fake.Mark()
		if act(on, "done "+strconv.Itoa(reps)) {
			if i > 0 {
				*byButton++
			}
		} else if i > 0 {
			*typed++
		}
		if i == 2 {
			_, err := await(mark, "the summary", forMe("Summary"))
			return err
		}
		ping, err := await(mark, fmt.Sprintf("GO ping %d", i+1), func(c tgfake.Call) bool {
			return !c.Failed && c.Method == "sendMessage" && c.Chat() == gym.ID && c.Mentions(u.ID) && strings.Contains(c.Text(), "GO")
		})
		if err != nil {
			return err
		}
		on = ping
	}
	return nil
}
