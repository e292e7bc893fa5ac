package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// genericError is what a lifter sees when something failed on our side.
const genericError = "Something went wrong on my side; please try again."

// turn is the work of one message: the change to store, the replies to
// send once it is stored, and the timer to schedule and cancel. Handlers
// write nothing themselves: what they change goes into the turn, so that
// it lasts with the message's id or not at all, and the hub's memory
// follows the store only once the change lasts.
type turn struct {
	change   record.Change
	record   *record.Session // the lifter's record after the message
	replies  []Reply
	schedule *record.Timer
	cancel   *record.Timer
	// gym is the coach planning on the space's new equipment, with
	// change.Gym; nil there gives the space back the configured gym.
	gym *coach.Coach
}

// process handles one message: it works out the new state, stores it in
// one transaction, and only then queues the replies.
func (h *Hub) process(m Message, at time.Time) {
	if m.ID != "" {
		seen, err := h.store.Seen(m.Platform, m.ID)
		if err != nil {
			h.log.Error("checking a message id", "platform", m.Platform, "err", err)
		}
		if seen {
			h.log.Debug("redelivered message dropped", "platform", m.Platform, "id", m.ID)
			return
		}
	}
	lifter := record.Lifter{Platform: m.Platform, ChatID: m.ChatID, UserID: m.UserID}
	t := turn{change: record.Change{SeenPlatform: m.Platform, SeenID: m.ID}}
	base := Reply{Platform: m.Platform, ChatID: m.ChatID, Group: m.Group, To: User{ID: m.UserID, Name: m.UserName}, InReplyTo: m.ID, Interaction: m.Slash}
	rec := h.sessions[lifter]
	if rec == nil {
		rec = &record.Session{Lifter: lifter}
	} else {
		rec = cloneRecord(rec)
	}
	rec.UserName, rec.Group = m.UserName, m.Group
	t.record = rec

	p := h.prefsOf(m)
	if rec.ConfirmLoad != "" && h.answerLoad(&t, base, m, p) {
		h.commit(lifter, &t, at)
		return
	}
	if rec.ConfirmLoad == "" && isAnswerWord(m.Text) {
		// A yes or no with no question waiting: a late button press, or
		// another lifter's answer in a group.
		r := base
		r.Error = true
		r.Text = "Nothing is waiting for a yes or no from you. Plan something, for example: drop 80kg bench"
		t.replies = append(t.replies, r)
		h.commit(lifter, &t, at)
		return
	}
	cmd, err := h.coach.Parse(m.Text, p.Unit)
	switch {
	case err == nil && cmd.Kind == coach.KindStart && rec.ConfirmLoad != "":
		h.askLoadAgain(&t, base, m, p)
	case rec.ConfirmLoad != "":
		// Anything else drops the question and is handled as it is.
		rec.ConfirmLoad = ""
		t.change.Session = rec
		fallthrough
	default:
		h.handle(&t, base, m, p, cmd, err)
	}
	h.commit(lifter, &t, at)
}

// handle answers one parsed message.
func (h *Hub) handle(t *turn, base Reply, m Message, p prefs, cmd coach.Command, err error) {
	switch {
	case err != nil:
		t.replies = append(t.replies, h.errorReply(base, err))
	case cmd.Kind == coach.KindHelp:
		r := base
		r.Text = h.coach.Help(cmd.Topic)
		t.replies = append(t.replies, r)
	case cmd.Kind == coach.KindPlan:
		h.plan(t, base, m, p, cmd, false)
	case cmd.Kind == coach.KindLog:
		h.logSets(t, base, m, cmd)
	case cmd.Kind == coach.KindHistory:
		h.historyCommand(t, base, m, cmd)
	case cmd.Kind == coach.KindStart:
		h.start(t, base)
	case cmd.Kind == coach.KindDone, cmd.Kind == coach.KindSkip:
		h.report(t, base, m, cmd)
	case cmd.Kind == coach.KindStop:
		h.stop(t, base)
	}
}

// commit stores the turn's change and, once it lasts, updates the
// in-memory state, the schedule and the outbox.
func (h *Hub) commit(lifter record.Lifter, t *turn, at time.Time) {
	now := h.now()
	changed := t.record != nil && (t.change.Session != nil || t.change.DeleteSession != nil)
	if t.change.Session != nil {
		t.change.Session.UpdatedAt = now
	}
	if t.schedule != nil {
		t.change.AddTimers = append(t.change.AddTimers, *t.schedule)
	}
	if t.cancel != nil {
		t.change.RemoveTimers = append(t.change.RemoveTimers, t.cancel.Ref())
	}
	if err := h.store.Apply(t.change); err != nil {
		if errors.Is(err, record.ErrSeen) {
			// Handled before, and its replies queued then: a redelivery
			// (a platform retrying, or a message that came in again after
			// a crash between the write and the reply) changes nothing
			// and answers nothing.
			h.log.Debug("redelivered message dropped", "platform", lifter.Platform, "id", t.change.SeenID)
			return
		}
		h.log.Error("storing a message's effects; nothing changed", "platform", lifter.Platform, "chat", lifter.ChatID, "err", err)
		r := t.replies[0]
		h.out.enqueue(outItem{reply: Reply{Platform: r.Platform, ChatID: r.ChatID, Group: r.Group, To: r.To, InReplyTo: r.InReplyTo, Text: genericError, Error: true}, at: at})
		return
	}
	if changed {
		if t.change.DeleteSession != nil {
			h.dropSession(lifter)
		} else {
			h.putSession(lifter, t.record)
		}
	}
	if g := t.change.Gym; g != nil {
		key := gymKey(g.Platform, g.Space)
		if t.gym != nil {
			h.gyms[key] = t.gym
		} else {
			delete(h.gyms, key)
		}
	}
	if f := t.change.Forget; f != nil {
		h.forgetSessions(f.Platform, f.UserID)
	}
	if t.cancel != nil {
		h.sched.remove(t.cancel.ID)
		h.out.drop(lifter.Platform, lifter.ChatID, t.cancel.Ref())
	}
	if t.schedule != nil {
		h.sched.add(*t.schedule)
	}
	items := make([]outItem, len(t.replies))
	for i, r := range t.replies {
		items[i] = outItem{reply: r, at: at}
	}
	h.out.enqueue(items...)
}

func (h *Hub) errorReply(base Reply, err error) Reply {
	base.Error = true
	var ue *coach.Error
	if errors.As(err, &ue) {
		base.Text = ue.Error()
	} else {
		h.log.Error("handling a message", "platform", base.Platform, "chat", base.ChatID, "err", err)
		base.Text = genericError
	}
	return base
}

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
	if len(extra) > 0 {
		own := *p // plans are shared: add the notes to a copy
		own.Notes = append(extra, p.Notes...)
		p = &own
	}
	r := base
	r.Plan = p
	r.Text = p.Text()
	if len(p.Steps) > 0 {
		t.record.Planned = coach.NewSession("", p)
		t.record.ConfirmStart = false
		t.record.ConfirmLoad = ""
		t.change.Session = t.record
		r.Text += "\nSay start to run it with rest timers."
		r.Buttons = [][]Button{{{Label: "Start", Data: "start"}}}
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

// start runs the last plan as a guided session. A running session is only
// replaced after the lifter says start a second time.
func (h *Hub) start(t *turn, base Reply) {
	rec := t.record
	r := base
	if rec.Planned == nil {
		// Also the greeting of a lifter's first /start on Telegram.
		r.Text = "Hi " + base.To.Name + ", I'm Spotter, your spotter for drop sets, rest-pause, back-off sets, Japanese drop sets and RPE ramps.\n" +
			"Plan one, for example: drop 80kg bench or rp 100kg squat. Then say start and I'll time your rests and ping you.\n" +
			"help lists everything."
		t.replies = append(t.replies, r)
		return
	}
	if rec.Active != nil && !rec.ConfirmStart {
		rec.ConfirmStart = true
		t.change.Session = rec
		r.Text = fmt.Sprintf("You are in the middle of %s (step %d of %d). Say start again to end it and start %s, or stop.",
			rec.Active.Title(), rec.Active.Current+1, len(rec.Active.Steps), rec.Planned.Title())
		r.Buttons = [][]Button{{{Label: "Start the new one", Data: "start"}, {Label: "Stop", Data: "stop"}}}
		t.replies = append(t.replies, r)
		return
	}
	if rec.Active != nil {
		t.cancel = h.pendingTimer(rec)
		t.replies = append(t.replies, h.summaryReply(base, rec.Active))
	}
	s := cloneSession(rec.Planned)
	s.ID = h.newID()
	rec.Active = s
	rec.ConfirmStart = false
	rec.StartedAt = h.now()
	t.change.Session = rec
	r.Session = s.ID
	r.Text = fmt.Sprintf("Started %s, %d steps.\nNow: %s.\nSay done N (reps), skip or stop.", s.Title(), len(s.Steps), s.Prompt(0))
	r.Buttons = stepButtons(s)
	t.replies = append(t.replies, r)
}

// report records done N or skip on the running session.
func (h *Hub) report(t *turn, base Reply, m Message, cmd coach.Command) {
	rec := t.record
	r := base
	if rec.Active == nil {
		r.Error = true
		r.Text = "No session running. Plan something, then say start. Try: rp 100kg squat"
		t.replies = append(t.replies, r)
		return
	}
	s := rec.Active
	out, err := h.coachFor(m).Advance(s, coach.Report{Skip: cmd.Kind == coach.KindSkip, Reps: cmd.Reps})
	if err != nil {
		r = h.errorReply(r, err)
		r.Buttons = stepButtons(s)
		t.replies = append(t.replies, r)
		return
	}
	now := h.now()
	t.cancel = h.pendingTimer(rec)
	res := out.Result
	if !res.Skipped && res.Reps > 0 {
		t.change.Sets = append(t.change.Sets, record.Set{
			Platform: rec.Lifter.Platform, UserID: rec.Lifter.UserID, ChatID: rec.Lifter.ChatID,
			Lift: coach.Lift{At: now, Exercise: s.Exercise, Load: res.Load, Unit: s.Unit, Reps: res.Reps,
				Technique: s.Technique.Key(), Session: s.ID, Entry: s.ID + "/" + strconv.Itoa(res.Step),
				Kind: coach.StepKindName(res.Kind)},
		})
	}
	var b strings.Builder
	var records []string
	if len(t.change.Sets) > 0 {
		records = coach.NewRecords(h.exerciseHistory(m, s.Exercise), []coach.Lift{t.change.Sets[0].Lift}, h.prefsOf(m).Unit, h.coach.Defaults().Formula)
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
	if res.Skipped {
		fmt.Fprintf(&b, "Skipped %s.", lower(res.Label))
	} else {
		fmt.Fprintf(&b, "%s: %d reps at %s %s.", res.Label, res.Reps, coach.FormatLoad(res.Load), s.Unit)
	}
	if out.Why != "" {
		b.WriteString(" " + out.Why)
	}
	if out.Finished {
		rec.Active = nil
		t.change.Session = rec
		r.Text = b.String()
		t.replies = append(t.replies, r, h.summaryReply(base, s))
		return
	}
	t.change.Session = rec
	r.Session = s.ID
	if out.Rest > 0 {
		due := now.Add(out.Rest)
		t.schedule = &record.Timer{Due: due, ID: s.ID + "/" + strconv.Itoa(s.Current), Lifter: rec.Lifter,
			UserName: rec.UserName, Group: rec.Group, Text: s.Prompt(s.Current), Created: now}
		fmt.Fprintf(&b, "\nRest %s; I'll ping you. Next: %s.", coach.FormatRest(out.Rest), s.Prompt(s.Current))
	} else {
		fmt.Fprintf(&b, "\nNow: %s.", s.Prompt(s.Current))
	}
	r.Text = b.String()
	r.Buttons = stepButtons(s)
	t.replies = append(t.replies, r)
}

// stop ends the running session with its summary.
func (h *Hub) stop(t *turn, base Reply) {
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
	rec.ConfirmStart = false
	t.change.Session = rec
	r := h.summaryReply(base, s)
	r.Text = "Stopped.\n" + r.Text
	t.replies = append(t.replies, r)
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
	rows := [][]Button{{{Label: "Done", Data: "done"}, {Label: "Skip", Data: "skip"}, {Label: "Stop", Data: "stop"}}}
	if st.RepsLo == 0 {
		rows[0] = rows[0][1:] // a rep count is needed
	}
	var reps []Button
	for _, n := range repChoices(st) {
		reps = append(reps, Button{Label: strconv.Itoa(n), Data: "done " + strconv.Itoa(n)})
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

// cloneRecord deep-copies a record, so that a failed store write leaves
// the hub's state as it was.
func cloneRecord(r *record.Session) *record.Session {
	c := *r
	c.Planned = cloneSession(r.Planned)
	c.Active = cloneSession(r.Active)
	return &c
}

func cloneSession(s *coach.Session) *coach.Session { return s.Clone() }

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
