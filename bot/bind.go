package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Buttons bound to what they were sent with. A button's data is the
// command it stands for, then bindMark and what it acts on: "s:" and a
// session's step ("s:<session>/<step>", the step's Done, Skip, Stop and
// rep counts, on the session message and on the ping that announces the
// step) or "p:" and a plan ("p:<plan>", Start). A press on a step that is
// done, of a session that is over, or on the Start of a plan no longer
// kept is answered so, and acts on nothing else; Start under an older
// plan starts that plan. Typed commands carry no binding. The platforms
// dedupe a press by its update or interaction id (Message.ID), so a press
// delivered again, after a restart too, acts once.

// bindMark separates a button's command from its binding; a typed
// command never holds it (the parser reads no "^").
const bindMark = " ^"

// bound is a button's data: cmd bound to what.
func bound(cmd, what string) string { return cmd + bindMark + what }

// stepBind binds to step n of session id; planBind to a plan.
func stepBind(id string, n int) string { return "s:" + id + "/" + strconv.Itoa(n) }
func planBind(id string) string        { return "p:" + id }

func isStepBind(b string) bool { return strings.HasPrefix(b, "s:") }

// unbind splits a message's text into the command and its binding ("" for
// a typed command).
func unbind(text string) (cmd, what string) {
	i := strings.LastIndex(text, bindMark)
	if i < 0 {
		return text, ""
	}
	what = text[i+len(bindMark):]
	if !strings.HasPrefix(what, "s:") && !strings.HasPrefix(what, "p:") && !isRoundBind(what) || strings.ContainsAny(what, " \t\n") {
		return text, ""
	}
	return text[:i], what
}

// staleButton answers a press on a button bound to something gone, and
// reports whether it did; a Start under an older plan kept in the record
// makes that plan the one start runs.
func (h *Hub) staleButton(t *turn, base Reply, cmd, what string) bool {
	rec := t.record
	r := base
	switch {
	case strings.HasPrefix(what, "p:"):
		id := what[2:]
		if rec.Planned != nil && rec.Planned.ID == id {
			return false
		}
		if i := slices.IndexFunc(rec.Recent, func(p *coach.Session) bool { return p.ID == id }); i >= 0 {
			older := rec.Recent[i]
			rec.Recent = slices.Delete(rec.Recent, i, i+1)
			keepRecent(rec, rec.Planned)
			rec.Planned = older
			rec.ConfirmStart = false
			t.change.Session = rec
			return false
		}
		r.Text = fmt.Sprintf("That plan is no longer kept (I keep your last %d). Plan it again, for example: %s", 1+len(rec.Recent), r.say("drop 80kg bench"))
	case isStepBind(what):
		sid, n, ok := splitStep(what[2:])
		if !ok {
			return false
		}
		s := rec.Active
		if s == nil || s.ID != sid {
			r.Text = "That session is over; its buttons do nothing now. Plan the next one, for example: " + r.say("rp 100kg squat")
			if p := rec.Planned; p != nil && p.Run == sid && !p.Ended.IsZero() {
				verb := "finished"
				if p.Stopped {
					verb = "stopped"
				}
				r.Text = fmt.Sprintf("That session %s %s; its buttons do nothing now. Plan the next one, for example: %s", verb, h.whenEnded(base, p.Ended), r.say("rp 100kg squat"))
			}
			break
		}
		if n >= s.Current || n >= len(s.Steps) || strings.TrimSpace(cmd) == "stop" {
			// The step to do now (or one an undo brought back), or Stop,
			// which ends the session from any of its messages.
			return false
		}
		r.Text = fmt.Sprintf("%s is done already. Now: %s.", s.Steps[n].Label, s.Prompt(s.Current))
		r.Session = s.ID
		r.Buttons = stepButtons(s)
	case isRoundBind(what):
		return h.staleRoundButton(t, base, cmd, what) // class.go
	default:
		return false
	}
	t.replies = append(t.replies, r)
	return true
}

func splitStep(s string) (id string, n int, ok bool) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	return s[:i], n, err == nil
}

// keepRecent puts a plan shown before at the front of the record's
// recent ones, keeping record.RecentPlans.
func keepRecent(rec *record.Session, p *coach.Session) {
	if p == nil || p.ID == "" {
		return
	}
	rec.Recent = slices.DeleteFunc(rec.Recent, func(o *coach.Session) bool { return o.ID == p.ID })
	rec.Recent = append([]*coach.Session{p}, rec.Recent...)
	if len(rec.Recent) > record.RecentPlans {
		rec.Recent = rec.Recent[:record.RecentPlans]
	}
}
