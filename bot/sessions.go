package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// A guided session: a plan is kept as the lifter's next session; start
// runs it, done N and skip advance it step by step, each rest scheduled
// as a timer whose ping the scheduler fires (scheduler.go), and stop or
// the last step ends it with a summary. The session lives in the lifter's
// record, stored with every message that changes it.

// plan answers a plan and keeps it, ready to start. The lifter's settings
// fill what the command leaves open, a missing load comes from their
// history where it can, and the weekly and daily guards add their
// warnings. A typed load far beyond plausible is not planned: the lifter
// is asked first (askLoad), unless this is their confirmation.
func (h *Hub) plan(t *turn, base Reply, m Message, pr prefs, cmd coach.Command, confirmed bool) {
	if pr.FiberSet && !cmd.Options.FiberSet {
		cmd.Options.Fiber, cmd.Options.FiberSet = pr.Fiber, true
	}
	if pr.EquipSet && !cmd.EquipSet && cmd.Exercise != nil && freeWeight(cmd.Exercise.Equipment) && freeWeight(pr.Equipment) {
		cmd.Equipment, cmd.EquipSet = pr.Equipment, true
	}
	typed := cmd.LoadSet
	from := h.fillFromHistory(m, pr, &cmd)
	fitted := h.fitDrops(base, m, pr, &cmd) // dropfit.go
	p, err := h.coachFor(m).Plan(cmd)
	if err != nil {
		t.replies = append(t.replies, h.errorReply(base, err))
		return
	}
	if typed && !confirmed {
		if d, ok := h.coach.Implausible(cmd, h.bestEstimate(m, cmd)); ok {
			h.askLoad(t, base, m, pr, cmd, d)
			return
		}
	}
	var extra []string // notes of this lifter's own, before the plan's
	if confirmed {
		extra = append(extra, confirmedNote(cmd))
	}
	if w := h.guardWarning(m, pr, cmd); w != "" {
		extra = append(extra, w)
	}
	if from != "" {
		extra = append(extra, from)
	}
	if fitted != "" {
		extra = append(extra, fitted)
	}
	if len(extra) > 0 {
		own := *p // plans are shared: add the notes to a copy
		own.Notes = append(extra, p.Notes...)
		p = &own
	}
	r := base
	r.Plan = p
	r.Text = p.Text()
	if len(p.Steps) > 0 {
		keepRecent(t.record, t.record.Planned)
		t.record.Planned = coach.NewSession(h.newID(), p)
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		if a := t.record.Active; a != nil {
			// The running session and its rest go on untouched; this note
			// is the question, so start answers it at once.
			t.record.ConfirmStart = true
			r.Text += fmt.Sprintf("\nYou are in the middle of %s (step %d of %d): say %s to end it and start this one, or %s to go on.",
				a.Title(), min(a.Current+1, len(a.Steps)), len(a.Steps), r.say("start"), doSkipStop(&r))
			r.Buttons = [][]Button{{{Label: "Start the new one", Data: bound("start", planBind(t.record.Planned.ID))}, {Label: "Stop", Data: "stop"}}}
		} else {
			t.record.ConfirmStart = false
			r.Text += "\nSay " + r.say("start") + " to run it with rest timers."
			r.Buttons = [][]Button{{{Label: "Start", Data: bound("start", planBind(t.record.Planned.ID))}}}
		}
	}
	t.replies = append(t.replies, r)
}

// guardWarning is the note of the rules of use a plan of cmd would
// strain: drop sets and rest-pause per muscle group this week, back-off
// sets today (both in the lifter's zone); "" if none.
func (h *Hub) guardWarning(m Message, pr prefs, cmd coach.Command) string {
	var since time.Time
	switch cmd.Technique {
	case coach.DropSet, coach.RestPause:
		since = coach.WeekStart(h.now(), pr.loc)
	case coach.BackOff:
		since = coach.DayStart(h.now(), pr.loc)
	default:
		return ""
	}
	sets, err := h.store.SetsSince(m.Platform, m.UserID, since)
	if err != nil {
		h.log.Error("reading history for the weekly guard", "platform", m.Platform, "err", err)
		return ""
	}
	return h.coach.Week(lifts(sets), h.now(), pr.loc).Warning(cmd.Technique, cmd.Exercise)
}

// planCommand answers a plan.
func (h *Hub) planCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	h.plan(t, base, m, p, cmd, false)
}

// fillFromHistory supplies a missing load from the lifter's history:
// back-off from the best recent estimated 1RM, a drop set from the start
// of the last drop set on the exercise. It returns the note saying where
// the number came from, or "".
func (h *Hub) fillFromHistory(m Message, p prefs, cmd *coach.Command) string {
	if cmd.LoadSet || cmd.Exercise == nil {
		return ""
	}
	name := cmd.Exercise.Name
	switch cmd.Technique {
	case coach.BackOff:
		f := h.coach.Defaults().Formula
		est, ok := coach.BestEstimate(h.exerciseHistory(m, name), name, p.Unit, f, h.now())
		if !ok {
			return ""
		}
		cmd.Load, cmd.LoadSet, cmd.Unit, cmd.Reps = round2(est.OneRM), true, p.Unit, 0
		if est.Weak {
			// The planner sees the set itself, so that an estimate from
			// more than 12 reps never sets heavy loads on its own.
			cmd.Load, cmd.Reps = round2(est.From.LoadIn(p.Unit)), est.From.Reps
		}
		return "1RM from your history: " + strings.TrimPrefix(est.Text(name, p.Unit, f), "Estimated 1RM, "+name+": ")
	case coach.DropSet:
		last, err := h.store.LastSets(m.Platform, m.UserID, 1, func(s *record.Set) bool {
			return s.SameExercise(name) && s.Technique == coach.DropSet.Key() && s.Kind == coach.KindFailure
		})
		if err != nil || len(last) == 0 {
			return ""
		}
		l := last[0]
		cmd.Load, cmd.LoadSet, cmd.Unit = l.Load, true, l.Unit
		return fmt.Sprintf("Start load from your last drop set on %s (%s): %s %s.", name, l.At.In(p.loc).Format("2 Jan"), coach.FormatLoad(l.Load), l.Unit)
	}
	return ""
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// startCommand answers start.
func (h *Hub) startCommand(t *turn, base Reply, m Message, p prefs, _ coach.Command) {
	if h.roundStart(t, base, m, p) { // the chat's class (class.go)
		return
	}
	h.start(t, base)
}

// start runs the last plan as a guided session. A running session is only
// replaced, and a plan whose run ended only run again, after the lifter
// says start a second time (or after a plan made mid-session, whose reply
// asked).
func (h *Hub) start(t *turn, base Reply) {
	rec := t.record
	r := base
	if rec.Planned == nil {
		// Also the greeting of a lifter's first /start on Telegram.
		r.Text = "Hi " + base.To.Name + ", I'm Spotter, your spotter for drop sets, rest-pause, back-off sets, Japanese drop sets and RPE ramps.\n" +
			"Plan one, for example: " + r.say("drop 80kg bench") + " or " + r.say("rp 100kg squat") + ". Then say " + r.say("start") + " and I'll time your rests and ping you.\n" +
			r.say("help") + " lists everything."
		t.replies = append(t.replies, r)
		return
	}
	if rec.Active != nil && !rec.ConfirmStart {
		rec.ConfirmStart = true
		t.change.Session = rec
		a := rec.Active
		if rec.Planned.Run == a.ID {
			// Start pressed again for the plan that is running: a double
			// tap, or an old Start button.
			r.Text = fmt.Sprintf("You are already running %s (step %d of %d). Say %s again to start it over, or %s to go on.",
				a.Title(), a.Current+1, len(a.Steps), r.say("start"), doSkipStop(&r))
			r.Buttons = [][]Button{{{Label: "Start over", Data: bound("start", planBind(rec.Planned.ID))}, {Label: "Stop", Data: "stop"}}}
			t.replies = append(t.replies, r)
			return
		}
		r.Text = fmt.Sprintf("You are in the middle of %s (step %d of %d). Say %s again to end it and start %s, or %s.",
			a.Title(), a.Current+1, len(a.Steps), r.say("start"), rec.Planned.Title(), r.say("stop"))
		r.Buttons = [][]Button{{{Label: "Start the new one", Data: bound("start", planBind(rec.Planned.ID))}, {Label: "Stop", Data: "stop"}}}
		t.replies = append(t.replies, r)
		return
	}
	if p := rec.Planned; rec.Active == nil && !p.Ended.IsZero() && !rec.ConfirmStart {
		// Running it again logs its sets again: a second start, a tap
		// on an old Start button or a start meant for a new plan that
		// never came should not do that unasked.
		rec.ConfirmStart = true
		t.change.Session = rec
		verb := "finished"
		if p.Stopped {
			verb = "stopped"
		}
		r.Text = fmt.Sprintf("You %s %s %s. Run it again? Say %s again, or plan something new.",
			verb, p.Title(), h.whenEnded(base, p.Ended), r.say("start"))
		r.Buttons = [][]Button{{{Label: "Run it again", Data: bound("start", planBind(p.ID))}}}
		t.replies = append(t.replies, r)
		return
	}
	if rec.Active != nil {
		t.cancel = h.pendingTimer(rec)
		t.replies = append(t.replies, h.summaryReply(base, rec.Active))
	}
	s := cloneSession(rec.Planned)
	s.ID = h.newID()
	s.Run, s.Ended, s.Stopped = "", time.Time{}, false
	rec.Planned.Run, rec.Planned.Ended, rec.Planned.Stopped = s.ID, time.Time{}, false
	rec.Active = s
	rec.ConfirmStart = false
	rec.StartedAt = h.now()
	t.change.Session = rec
	r.Session = s.ID
	r.Text = fmt.Sprintf("Started %s, %s.\nNow: %s.\n%s", s.Title(), coach.Plural(len(s.Steps), "step"), s.Prompt(0), r.stepHint())
	r.Buttons = stepButtons(s)
	t.replies = append(t.replies, r)
}

// whenEnded says when a session ended, in the lifter's zone: "at 18:02",
// or "on 3 Jan at 18:02" before today.
func (h *Hub) whenEnded(base Reply, at time.Time) string {
	loc := h.prefsOf(Message{Platform: base.Platform, UserID: base.To.ID}).loc
	at = at.In(loc)
	if y, m, d := h.now().In(loc).Date(); at.Year() == y && at.Month() == m && at.Day() == d {
		return at.Format("at 15:04")
	}
	return at.Format("on 2 Jan at 15:04")
}

// ended marks the plan kept to start as run, when s, which just ended,
// was started from it: starting it again then asks first. A question
// start asked before is void once the session it was about has ended.
func ended(rec *record.Session, s *coach.Session, at time.Time, stopped bool) {
	if p := rec.Planned; p != nil && p.Run == s.ID {
		p.Ended, p.Stopped = at, stopped
	}
	rec.ConfirmStart = false
}

// reportCommand records done N, done 0 (a failed set) or skip on the
// running session.
func (h *Hub) reportCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	if h.roundReport(t, base, m, p, cmd) { // a member of the chat's class (class.go)
		return
	}
	rec := t.record
	r := base
	if rec.Active == nil {
		r.Error = true
		r.Text = "No session running. Plan something, then say " + r.say("start") + ". Try: " + r.say("rp 100kg squat")
		t.replies = append(t.replies, r)
		return
	}
	s := rec.Active
	skip := cmd.Kind == coach.KindSkip
	out, err := h.coachFor(m).Advance(s, coach.Report{Skip: skip, Reps: cmd.Reps, Failed: !skip && cmd.RepsSet && cmd.Reps == 0})
	if err != nil {
		r = h.errorReply(r, err)
		r.Buttons = stepButtons(s)
		t.replies = append(t.replies, r)
		return
	}
	now := h.now()
	t.cancel = h.pendingTimer(rec)
	res := out.Result
	if !res.Skipped && (res.Reps > 0 || res.Failed) {
		t.change.Sets = append(t.change.Sets, record.Set{
			Platform: rec.Lifter.Platform, UserID: rec.Lifter.UserID, ChatID: rec.Lifter.ChatID,
			Lift: coach.Lift{At: now, Exercise: s.Exercise, Load: res.Load, Unit: s.Unit, Reps: res.Reps,
				Technique: s.Technique.Key(), Session: s.ID, Entry: stepEntry(s, res.Step),
				Kind: res.LiftKind()},
		})
	}
	var b strings.Builder
	var records []string
	if len(t.change.Sets) > 0 && !res.Failed {
		records = coach.NewRecords(h.exerciseHistory(m, s.Exercise), []coach.Lift{t.change.Sets[0].Lift}, p.Unit, h.coach.Defaults().Formula)
	}
	defer func() {
		if len(records) > 0 {
			last := &t.replies[len(t.replies)-1]
			if out.Finished && len(t.replies) > 1 {
				last = &t.replies[len(t.replies)-2]
			}
			last.Text += "\n" + strings.Join(records, "\n")
		}
	}()
	b.WriteString(resultText(s, res))
	if out.Why != "" {
		b.WriteString(" " + out.Why)
	}
	if out.Finished {
		rec.Active = nil
		ended(rec, s, now, false)
		t.change.Session = rec
		r.Text = b.String()
		sum := h.summaryReply(base, s)
		h.askBoard(t, m, p, &sum)
		t.replies = append(t.replies, r, sum)
		return
	}
	t.change.Session = rec
	r.Session = s.ID
	if out.Rest > 0 {
		due := now.Add(out.Rest)
		t.schedule = &record.Timer{Due: due, ID: s.ID + "/" + strconv.Itoa(s.Current), Lifter: rec.Lifter,
			UserName: rec.UserName, Group: rec.Group, Text: s.Prompt(s.Current), Created: now}
		if st := s.Step(); st != nil {
			t.schedule.Step = &record.TimerStep{Kind: st.Kind, RepsLo: st.RepsLo, RepsHi: st.RepsHi}
		}
		// The clock time in the lifter's zone reads right everywhere;
		// platforms that count down on their own show that instead
		// (Reply.Until). It has a line of its own, after the rest line
		// that readers of the transcript (and the soak harness) parse.
		r.Until = &Until{At: due, Text: due.In(p.loc).Format("at 15:04:05")}
		fmt.Fprintf(&b, "\nRest %s; I'll ping you. Next: %s.\nGO %s.", coach.FormatRest(out.Rest), s.Prompt(s.Current), r.Until.Text)
	} else {
		fmt.Fprintf(&b, "\nNow: %s.", s.Prompt(s.Current))
	}
	r.Text = b.String()
	r.Buttons = stepButtons(s)
	t.replies = append(t.replies, r)
}

// stopCommand ends the running session with its summary.
func (h *Hub) stopCommand(t *turn, base Reply, m Message, p prefs, _ coach.Command) {
	if h.roundStop(t, base, m, p) { // the chat's class (class.go)
		return
	}
	rec := t.record
	if rec.Active == nil {
		r := base
		r.Error = true
		r.Text = "No session running."
		if rec.ConfirmStart {
			rec.ConfirmStart = false
			t.change.Session = rec
		}
		t.replies = append(t.replies, r)
		return
	}
	t.cancel = h.pendingTimer(rec)
	s := rec.Active
	rec.Active = nil
	ended(rec, s, h.now(), true)
	t.change.Session = rec
	r := h.summaryReply(base, s)
	r.Text = "Stopped.\n" + r.Text
	h.askBoard(t, m, p, &r)
	t.replies = append(t.replies, r)
}

// resultText says what a report recorded: "Drop 1: 8 reps at 67.5 kg.",
// "Drop 1: failed at 67.5 kg (0 reps).", "Skipped drop 1."
func resultText(s *coach.Session, res coach.Result) string {
	switch {
	case res.Skipped:
		return "Skipped " + lower(res.Label) + "."
	case res.Failed:
		return fmt.Sprintf("%s: failed at %s %s (0 reps).", res.Label, coach.FormatLoad(res.Load), s.Unit)
	}
	return fmt.Sprintf("%s: %s at %s %s.", res.Label, coach.Plural(res.Reps, "rep"), coach.FormatLoad(res.Load), s.Unit)
}

// stepEntry is the history entry of the set done in step i of s: undo
// removes it by this name.
func stepEntry(s *coach.Session, i int) string { return s.ID + "/" + strconv.Itoa(i) }

// undoStep takes back the last report on the running session: the set it
// logged leaves the history, its rest is cancelled, and the session is
// back on that step. newest is the lifter's newest history entry: when it
// is not that step's set, something was logged after the step, and it is
// what undo takes back first; undoStep then leaves the turn alone and
// returns false.
func (h *Hub) undoStep(t *turn, base Reply, m Message, newest []record.Set) bool {
	rec := t.record
	s := rec.Active
	if len(s.Results) == 0 {
		r := base
		r.Buttons = stepButtons(s)
		t.fail(r, "Nothing to undo in this session yet.")
		return true
	}
	last := s.Results[len(s.Results)-1]
	if !last.Skipped {
		entry := stepEntry(s, last.Step)
		switch {
		case len(newest) > 0 && newest[0].Entry == entry:
			// Named, so that it removes this step's set only.
			t.change.Undo = &record.EntryRef{Platform: m.Platform, UserID: m.UserID, Entry: entry}
		case len(newest) > 0 && newest[0].Session != s.ID:
			return false
		}
	}
	t.cancel = h.pendingTimer(rec)
	if _, ok := s.Undo(); !ok {
		t.cancel, t.change.Undo = nil, nil
		t.fail(base, "Nothing to undo in this session yet.")
		return true
	}
	t.change.Session = rec
	r := base
	r.Session = s.ID
	r.Buttons = stepButtons(s)
	if last.Skipped {
		r.Text = "Took back skipping " + lower(last.Label) + "."
	} else {
		r.Text = "Removed " + lower(resultText(s, last))
	}
	st := s.Step()
	r.Text += fmt.Sprintf("\nBack to %s, %s %s: say %s when you have done it.", lower(st.Label), coach.FormatLoad(st.Load), s.Unit, r.say("done N"))
	t.replies = append(t.replies, r)
	return true
}

// pendingTimer is the running session's scheduled rest, if any.
func (h *Hub) pendingTimer(rec *record.Session) *record.Timer {
	if rec.Active == nil {
		return nil
	}
	prefix := rec.Active.ID + "/"
	for i := len(rec.Active.Steps); i >= 0; i-- {
		if tm, ok := h.sched.get(prefix + strconv.Itoa(i)); ok {
			return &tm
		}
	}
	if h.shared != nil {
		// Another process may hold it: the store removes it by its id.
		return pendingRef(rec)
	}
	return nil
}

func (h *Hub) summaryReply(base Reply, s *coach.Session) Reply {
	base.Text = s.Summary()
	base.Session = s.ID
	return base
}

// stepButtons are the running session's buttons: Done, Skip, Stop, and a
// row of likely rep counts.
func stepButtons(s *coach.Session) [][]Button {
	st := s.Step()
	if st == nil {
		return nil
	}
	return buttonsFor(st, stepBind(s.ID, s.Current))
}

// doSkipStop names the commands that go on with a session: "done/skip/stop".
func doSkipStop(r *Reply) string {
	if !r.style.Slash {
		return "done/skip/stop"
	}
	return r.say("done") + ", " + r.say("skip") + " or " + r.say("stop")
}

// buttonsFor are the buttons of step st: those of the session message
// and of the ping that announces the step.
func buttonsFor(st *coach.Step, bind string) [][]Button {
	rows := [][]Button{{{Label: "Done", Data: bound("done", bind)}, {Label: "Skip", Data: bound("skip", bind)}, {Label: "Stop", Data: bound("stop", bind)}}}
	if st.RepsLo == 0 {
		rows[0] = rows[0][1:] // a rep count is needed
	}
	var reps []Button
	for _, n := range repChoices(st) {
		reps = append(reps, Button{Label: strconv.Itoa(n), Data: bound("done "+strconv.Itoa(n), bind)})
	}
	return append(rows, reps)
}

// repChoices are five rep counts around what a step is likely to bring.
func repChoices(st *coach.Step) []int {
	center := (st.RepsLo + st.RepsHi) / 2
	if center == 0 {
		switch st.Kind {
		case coach.StepFailure:
			center = 8
		case coach.StepMini:
			center = 3
		default:
			center = 6
		}
	}
	lo := max(1, center-2)
	out := make([]int, 5)
	for i := range out {
		out[i] = lo + i
	}
	return out
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// freeWeight is equipment a lifter's preference may swap: the standard or
// women's bar, the Smith machine, dumbbells. An exercise on its own bar or
// sled (an EZ-bar curl, a trap-bar deadlift, a leg press) keeps it.
func freeWeight(e coach.Equipment) bool {
	switch e {
	case coach.Barbell, coach.WomensBar, coach.Smith, coach.Dumbbell:
		return true
	}
	return false
}
