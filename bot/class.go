package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// A class round: "class rp squat" opens a round in the chat, led by
// whoever opened it; lifters join with their own load ("join 100kg") and
// each gets their own plan as a session, on their equipment and in their
// units; the leader's go starts it. Each member reports with done N; the
// rest starts when the last one has, or when the leader says go again
// (who had not reported misses that step), as one timer per member due
// together, so that the outbox sends one GO mentioning everyone
// (merge.go) and the timers outlive a restart like a session's. A member
// silent for roundSilence after a GO is dropped, checked on every event
// of the round and by a timer of its own (classcheck.go), so that nobody
// waits for a lifter who walked away. The round ends after
// its last step, or on the leader's end, with a line per lifter; every
// set lands in its lifter's history as it is reported, as a guided
// session writes it. The round is stored with every message that changes
// it (record.Round); a chat has one at a time.

// roundSilence is how long after a step's GO a member may go without a
// report before they are dropped.
const roundSilence = 3 * time.Minute

// roundTurn is what a turn changes of a chat's round: the round after the
// message (or its deletion) and the members' timers to add and cancel.
type roundTurn struct {
	key    record.RoundKey
	put    *record.Round
	del    bool
	add    []record.Timer
	cancel []record.TimerRef
}

// roundKeyOf is the round key of a message's chat.
func roundKeyOf(platform, chat string) record.RoundKey {
	return record.RoundKey{Platform: platform, ChatID: chat}
}

// chatRound is the round of a chat, as a copy the turn may change; nil
// for none.
func (h *Hub) chatRound(platform, chat string) *record.Round {
	r := h.rounds[roundKeyOf(platform, chat)]
	if r == nil {
		return nil
	}
	return cloneRound(r)
}

func cloneRound(r *record.Round) *record.Round {
	c := *r
	c.Members = slices.Clone(r.Members)
	for i := range c.Members {
		c.Members[i].Session = c.Members[i].Session.Clone()
	}
	return &c
}

// loadRounds reads the rounds open or running; their timers come with
// everyone else's.
func (h *Hub) loadRounds() error {
	rs, err := h.store.Rounds()
	if err != nil {
		return err
	}
	h.rounds = map[record.RoundKey]*record.Round{}
	for i := range rs {
		h.rounds[rs[i].Key()] = &rs[i]
	}
	return nil
}

// keepRound puts the round in the turn's change as it is now.
func (t *turn) keepRound(r *record.Round, now time.Time) {
	if t.round == nil {
		t.round = &roundTurn{key: r.Key()}
	}
	r.Updated = now
	t.round.put, t.round.del = r, false
}

// endRound deletes the round with the turn's change.
func (t *turn) endRound(r *record.Round) {
	if t.round == nil {
		t.round = &roundTurn{key: r.Key()}
	}
	t.round.put, t.round.del = nil, true
	r.State = record.RoundEnded
}

// commitRound puts what the turn changes of a round in its change.
func (h *Hub) commitRound(t *turn) {
	rt := t.round
	if rt == nil {
		return
	}
	if rt.del {
		k := rt.key
		t.change.DeleteRound = &k
	} else {
		t.change.Round = rt.put
	}
	t.change.RemoveTimers = append(t.change.RemoveTimers, rt.cancel...)
	t.change.AddTimers = append(t.change.AddTimers, rt.add...)
}

// settleRound brings the hub's rounds and schedule in line with a turn's
// change, once it lasts.
func (h *Hub) settleRound(t *turn) {
	rt := t.round
	if rt == nil {
		return
	}
	if h.rounds == nil {
		h.rounds = map[record.RoundKey]*record.Round{}
	}
	switch {
	case rt.del:
		delete(h.rounds, rt.key)
	case rt.put != nil:
		h.rounds[rt.key] = rt.put
	}
	for _, c := range rt.cancel {
		h.sched.remove(c.ID)
		h.out.drop(rt.key.Platform, rt.key.ChatID, c)
	}
	for _, tm := range rt.add {
		h.sched.add(tm)
	}
}

// roundTimerID names a member's timer of the rest before step n: the
// round's binding, then the member.
func roundTimerID(r *record.Round, n int, userID string) string {
	return roundBind(r.ID, n) + "/" + userID
}

// roundBind binds a button to step n of a round ("r:<round>/<n>"); n < 0
// binds it to the round (Join, Go).
func roundBind(id string, n int) string {
	if n < 0 {
		return "r:" + id
	}
	return "r:" + id + "/" + strconv.Itoa(n)
}

func isRoundBind(b string) bool { return strings.HasPrefix(b, "r:") }

// splitRoundBind reads a round binding: the round, and the step (-1 for
// none).
func splitRoundBind(b string) (id string, n int, ok bool) {
	rest, ok := strings.CutPrefix(b, "r:")
	if !ok || rest == "" {
		return "", 0, false
	}
	id, step, hasStep := strings.Cut(rest, "/")
	if !hasStep {
		return id, -1, true
	}
	step, _, _ = strings.Cut(step, "/") // a timer's id names the member after
	n, err := strconv.Atoi(step)
	return id, n, err == nil
}

// roundTimerBind is the binding of a member's timer's ping: its round and
// step, for buttons any member may press.
func roundTimerBind(timerID string) (string, bool) {
	id, n, ok := splitRoundBind(timerID)
	if !ok || n < 0 {
		return "", false
	}
	return roundBind(id, n), true
}

// roundButtons are the buttons of a round's step: the likely rep counts,
// Done where the step has a target, and Skip. They act for whoever
// presses them (the round knows each member's own set), so a message of
// several members' lines may carry them.
func roundButtons(st *coach.Step, bind string) [][]Button {
	row := []Button{{Label: "Done", Data: bound("done", bind)}, {Label: "Skip", Data: bound("skip", bind)}}
	if st.RepsLo == 0 {
		row = row[1:]
	}
	var reps []Button
	for _, n := range repChoices(st) {
		reps = append(reps, Button{Label: strconv.Itoa(n), Data: bound("done "+strconv.Itoa(n), bind)})
	}
	return [][]Button{reps, row}
}

// member is the index of userID among the round's members still in it;
// -1 for none.
func member(r *record.Round, userID string) int {
	return slices.IndexFunc(r.Members, func(m record.RoundMember) bool { return m.UserID == userID && m.Gone == "" })
}

// active are the indexes of the members still in the round.
func active(r *record.Round) []int {
	var out []int
	for i := range r.Members {
		if r.Members[i].Gone == "" {
			out = append(out, i)
		}
	}
	return out
}

// names lists the members' names at idx: "ana", "ana and bo", "ana, bo and cy".
func names(r *record.Round, idx []int) string {
	n := make([]string, len(idx))
	for i, j := range idx {
		n[i] = r.Members[j].UserName
	}
	switch len(n) {
	case 0:
		return "nobody"
	case 1:
		return n[0]
	}
	return strings.Join(n[:len(n)-1], ", ") + " and " + n[len(n)-1]
}

// classCommand opens a round in the chat.
func (h *Hub) classCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	if h.shared != nil {
		t.fail(base, "Classes need Spotter on one process; this one shares its store with others. Plan your own set instead, for example: rp 100kg squat")
		return
	}
	now := h.now()
	var notes string // of a class before, which a drop just ended
	if r := h.chatRound(m.Platform, m.ChatID); r != nil {
		notes = h.roundEvent(t, r, base, p, now)
		if r.State != record.RoundEnded {
			t.fail(base, joinLines(notes, fmt.Sprintf("This chat has a class already: %s, led by %s. Join it with %s, or wait until it ends.", r.Title, r.LeaderName, base.say(joinExample(p)))))
			return
		}
	}
	cc, err := h.coach.WithOwnNames(h.ownNames(m)).ParseClass(cmd.Args, p.Unit)
	if err != nil {
		t.replies = append(t.replies, h.errorReply(base, err))
		return
	}
	title := (&coach.Session{Technique: cc.Technique, Preset: cc.Preset, Exercise: cc.Exercise.Name}).Title()
	r := &record.Round{ID: h.newID(), Platform: m.Platform, ChatID: m.ChatID, Group: m.Group,
		LeaderID: m.UserID, LeaderName: m.UserName, Class: strings.Join(cmd.Args, " "), Title: title,
		State: record.RoundOpen, Opened: now}
	t.keepRound(r, now)
	rep := base
	rep.Anyone = true
	rep.Text = joinLines(notes, fmt.Sprintf("%s opened a class: %s.\nJoin with your own load: %s (or press Join). %s says %s to start.",
		m.UserName, title, rep.say(joinExample(p)), m.UserName, rep.say("go")))
	rep.Buttons = [][]Button{{{Label: "Join", Data: bound("join", roundBind(r.ID, -1))}, {Label: "Go", Data: bound("go", roundBind(r.ID, -1))}}}
	t.replies = append(t.replies, rep)
}

// joinCommand joins the chat's round with the lifter's load, or changes
// it before the round starts.
func (h *Hub) joinCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	now := h.now()
	r := h.chatRound(m.Platform, m.ChatID)
	if r == nil {
		t.fail(base, "No class in this chat. Open one, for example: "+base.say("class rp squat"))
		return
	}
	notes := h.roundEvent(t, r, base, p, now)
	say := func(text string, fail bool) {
		rep := base
		rep.Text = joinLines(notes, text)
		rep.Error = fail
		t.replies = append(t.replies, rep)
	}
	if r.State != record.RoundOpen {
		say(fmt.Sprintf("%s's class has started; join the next one.", r.LeaderName), r.State != record.RoundEnded)
		return
	}
	if a := t.record.Active; a != nil {
		say(fmt.Sprintf("You are in the middle of %s (step %d of %d): say %s to end it, then join.", a.Title(), a.Current+1, len(a.Steps), base.say("stop")), true)
		return
	}
	if len(cmd.Args) == 0 {
		say("Your load? Say "+base.say(joinExample(p))+".", false)
		return
	}
	load, unit, err := coach.ParseJoinLoad(cmd.Args, p.Unit)
	if err != nil {
		rep := h.errorReply(base, err)
		rep.Text = joinLines(notes, rep.Text)
		t.replies = append(t.replies, rep)
		return
	}
	cc, err := h.coach.WithOwnNames(h.ownNames(m)).ParseClass(strings.Fields(r.Class), p.Unit)
	if err == nil {
		if p.FiberSet && !cc.Options.FiberSet {
			cc.Options.Fiber, cc.Options.FiberSet = p.Fiber, true
		}
		if p.EquipSet && !cc.EquipSet && freeWeight(cc.Exercise.Equipment) && freeWeight(p.Equipment) {
			cc.Equipment, cc.EquipSet = p.Equipment, true
		}
	}
	var plan *coach.Plan
	if err == nil {
		plan, err = h.coachFor(m).Plan(cc.WithLoad(load, unit))
	}
	if err == nil && len(plan.Steps) == 0 {
		err = &coach.Error{Msg: strings.Join(plan.Notes, " "), Example: joinExample(p)}
	}
	if err != nil {
		rep := h.errorReply(base, err)
		rep.Text = joinLines(notes, rep.Text)
		t.replies = append(t.replies, rep)
		return
	}
	s := coach.NewSession(h.newID(), plan)
	var text string
	if i := member(r, m.UserID); i >= 0 {
		r.Members[i].Session, r.Members[i].UserName = s, m.UserName
		text = fmt.Sprintf("%s: now %s.", m.UserName, s.Loads())
	} else {
		r.Members = append(r.Members, record.RoundMember{UserID: m.UserID, UserName: m.UserName, Session: s})
		text = fmt.Sprintf("%s joins: %s.", m.UserName, s.Loads())
	}
	t.keepRound(r, now)
	text += fmt.Sprintf("\nIn %s's class: %s. %s says %s to start.", r.LeaderName, names(r, active(r)), r.LeaderName, base.say("go"))
	say(text, false)
}

// leaveCommand takes the lifter out of the chat's round.
func (h *Hub) leaveCommand(t *turn, base Reply, m Message, p prefs, _ coach.Command) {
	now := h.now()
	r := h.chatRound(m.Platform, m.ChatID)
	if r == nil {
		t.fail(base, "No class in this chat to leave.")
		return
	}
	notes := h.roundEvent(t, r, base, p, now)
	i := member(r, m.UserID)
	if i < 0 || r.State == record.RoundEnded {
		rep := base
		rep.Text = joinLines(notes, "You are not in this class.")
		rep.Error = r.State != record.RoundEnded
		t.replies = append(t.replies, rep)
		return
	}
	text := h.goneFromRound(t, r, i, "left", now)
	t.keepRound(r, now)
	rep := base
	rep.Text = joinLines(notes, text)
	if r.State == record.RoundRunning {
		rep.Text = joinLines(rep.Text, h.roundOnwards(t, r, base, p, now))
	}
	h.roundReply(t, r, rep)
}

// goneFromRound takes member i out of the round (how: "left", "dropped"),
// with their rest's timer, and says so.
func (h *Hub) goneFromRound(t *turn, r *record.Round, i int, how string, now time.Time) string {
	mb := &r.Members[i]
	if r.Resting {
		t.cancelRoundTimer(r, mb.UserID)
	}
	mb.Gone = how
	if r.State == record.RoundOpen {
		r.Members = slices.Delete(r.Members, i, i+1)
		return mb.UserName + " left the class."
	}
	sets := "their sets are in their history"
	if len(mb.Session.Results) == 0 {
		sets = "no sets done"
	}
	if how == "dropped" {
		return fmt.Sprintf("%s is dropped from the class: no report for %d min after a GO (%s).", mb.UserName, int(roundSilence/time.Minute), sets)
	}
	return fmt.Sprintf("%s left the class (%s).", mb.UserName, sets)
}

// cancelRoundTimer cancels a member's rest timer, due at the round's
// LastGo.
func (t *turn) cancelRoundTimer(r *record.Round, userID string) {
	if t.round == nil {
		t.round = &roundTurn{key: r.Key()}
	}
	t.round.cancel = append(t.round.cancel, record.TimerRef{ID: roundTimerID(r, r.Step, userID), Due: r.LastGo})
}

// roundEvent brings the round up to now before a message acts on it:
// a rest that ended is over, and members silent for roundSilence after a
// GO (but the one whose message this is) are dropped (which may move the round on, or end it). It returns the
// notes to put before the message's answer.
func (h *Hub) roundEvent(t *turn, r *record.Round, base Reply, p prefs, now time.Time) string {
	if r.State != record.RoundRunning {
		return ""
	}
	if t.round == nil {
		t.round = &roundTurn{key: r.Key()}
	}
	changed := false
	if r.Resting && !now.Before(r.LastGo) {
		r.Resting, changed = false, true
	}
	var notes []string
	for _, i := range active(r) {
		mb := &r.Members[i]
		if mb.UserID == base.To.ID {
			continue // who speaks now is not silent
		}
		since := mb.Missed
		if since.IsZero() && !mb.Reported && !r.Resting {
			since = r.LastGo
		}
		if !since.IsZero() && now.Sub(since) >= roundSilence {
			notes = append(notes, h.goneFromRound(t, r, i, "dropped", now))
			changed = true
		}
	}
	if changed {
		t.keepRound(r, now)
	}
	if len(notes) > 0 {
		if next := h.roundOnwards(t, r, base, p, now); next != "" {
			notes = append(notes, next)
		}
	}
	return strings.Join(notes, "\n")
}

// roundOnwards moves a running round on when every member still in it
// has reported: the next step (after its rest), or the end. It returns
// what to say; "" when the round waits.
func (h *Hub) roundOnwards(t *turn, r *record.Round, base Reply, p prefs, now time.Time) string {
	if r.State != record.RoundRunning || r.Resting {
		return ""
	}
	in := active(r)
	for _, i := range in {
		if !r.Members[i].Reported {
			return ""
		}
	}
	if len(in) == 0 || allFinished(r, in) {
		return h.closeRound(t, r, now)
	}
	var rest time.Duration
	for _, i := range in {
		s := r.Members[i].Session
		if r.Step < len(s.Steps) && !lastSkipped(s, r.Step) {
			rest = max(rest, s.Steps[r.Step].Rest)
		}
	}
	r.Step++
	var waiting []int
	for _, i := range in {
		mb := &r.Members[i]
		mb.Reported = mb.Session.Finished()
		if !mb.Reported {
			waiting = append(waiting, i)
		}
	}
	t.keepRound(r, now)
	if rest <= 0 {
		r.LastGo = now
		t.scheduleCheck(r, now, now)
		lines := []string{"Now:"}
		for _, i := range waiting {
			mb := &r.Members[i]
			lines = append(lines, mb.UserName+": "+mb.Session.Prompt(mb.Session.Current))
		}
		return strings.Join(lines, "\n")
	}
	due := now.Add(rest)
	r.LastGo, r.Resting = due, true
	t.scheduleCheck(r, due, now)
	for _, i := range waiting {
		mb := &r.Members[i]
		s := mb.Session
		tm := record.Timer{Due: due, ID: roundTimerID(r, r.Step, mb.UserID),
			Lifter:   record.Lifter{Platform: r.Platform, ChatID: r.ChatID, UserID: mb.UserID},
			UserName: mb.UserName, Group: r.Group, Text: s.Prompt(s.Current), Created: now}
		if st := s.Step(); st != nil {
			tm.Step = &record.TimerStep{Kind: st.Kind, RepsLo: st.RepsLo, RepsHi: st.RepsHi}
		}
		t.round.add = append(t.round.add, tm)
	}
	return fmt.Sprintf("Rest %s; GO %s for %s, each with their next set.", coach.FormatRest(rest), due.In(p.loc).Format("at 15:04:05"), names(r, waiting))
}

func allFinished(r *record.Round, idx []int) bool {
	for _, i := range idx {
		if !r.Members[i].Session.Finished() {
			return false
		}
	}
	return true
}

// lastSkipped reports whether the session's report on step n skipped it.
func lastSkipped(s *coach.Session, n int) bool {
	for j := len(s.Results) - 1; j >= 0; j-- {
		if s.Results[j].Step == n {
			return s.Results[j].Skipped
		}
	}
	return true
}

// closeRound ends the round with its summary: a line per lifter.
func (h *Hub) closeRound(t *turn, r *record.Round, now time.Time) string {
	if r.Resting {
		for _, i := range active(r) {
			t.cancelRoundTimer(r, r.Members[i].UserID)
		}
	}
	t.endRound(r)
	lines := []string{"Class over: " + r.Title}
	for _, mb := range r.Members {
		name := mb.UserName
		if mb.Gone != "" {
			name += " (" + mb.Gone + ")"
		}
		lines = append(lines, name+": "+mb.Session.Line())
	}
	if len(r.Members) == 0 {
		lines = append(lines, "Nobody joined.")
	}
	return strings.Join(lines, "\n")
}

// roundReply answers a message about the round: with the buttons of the
// step to report, for any member, while one waits for reports.
func (h *Hub) roundReply(t *turn, r *record.Round, rep Reply) {
	if r.State == record.RoundRunning && !r.Resting {
		for _, i := range active(r) {
			if mb := &r.Members[i]; !mb.Reported {
				if st := mb.Session.Step(); st != nil {
					rep.Buttons = roundButtons(st, roundBind(r.ID, r.Step))
					rep.Anyone = true
				}
				break
			}
		}
	}
	t.replies = append(t.replies, rep)
}

// roundFor is the chat's round brought up to now for a command of its
// leader or of a member (start, go, stop, end): leader says whose, notes
// what the round did meanwhile (dropped members). ok is false when the
// chat has no round or the sender is not in it: the command is then their
// own.
func (h *Hub) roundFor(t *turn, base Reply, m Message, p prefs) (r *record.Round, leader bool, notes string, now time.Time, ok bool) {
	r = h.chatRound(m.Platform, m.ChatID)
	if r == nil {
		return nil, false, "", time.Time{}, false
	}
	leader = m.UserID == r.LeaderID
	if !leader && member(r, m.UserID) < 0 {
		return nil, false, "", time.Time{}, false
	}
	now = h.now()
	return r, leader, h.roundEvent(t, r, base, p, now), now, true
}

// roundStart answers start or go in a chat with a round: the leader's
// starts it, or moves it on; a member's is told the round runs. It
// reports whether it answered; anyone else's start is their own.
func (h *Hub) roundStart(t *turn, base Reply, m Message, p prefs) bool {
	r, leader, notes, now, ok := h.roundFor(t, base, m, p)
	if !ok {
		return false
	}
	rep := base
	switch {
	case r.State == record.RoundEnded:
		rep.Text = notes
	case !leader:
		rep.Error = true
		rep.Text = joinLines(notes, fmt.Sprintf("%s starts the class and moves it on; you are in it. After each set say %s.", r.LeaderName, base.say("done N")))
	case r.State == record.RoundOpen:
		in := active(r)
		if len(in) == 0 {
			rep.Error = true
			rep.Text = "Nobody has joined yet. Everyone joins with their load: " + base.say(joinExample(p))
			break
		}
		r.State, r.Step, r.LastGo = record.RoundRunning, 0, now
		t.scheduleCheck(r, now, now)
		steps := 0
		lines := []string{}
		for _, i := range in {
			mb := &r.Members[i]
			steps = max(steps, len(mb.Session.Steps))
			lines = append(lines, mb.UserName+": "+mb.Session.Prompt(0))
		}
		t.keepRound(r, now)
		rep.Text = fmt.Sprintf("Class started: %s, %s.\n%s\n%s", r.Title, coach.Plural(steps, "step"), strings.Join(lines, "\n"), roundHint(&rep))
	case r.Resting:
		rep.Text = joinLines(notes, fmt.Sprintf("The rest runs; everyone gets the GO %s.", r.LastGo.In(p.loc).Format("at 15:04:05")))
	default:
		// The leader moves on without those who have not reported.
		var missed []int
		for _, i := range active(r) {
			mb := &r.Members[i]
			if mb.Reported {
				continue
			}
			if _, err := h.coachFor(m).Advance(mb.Session, coach.Report{Skip: true}); err != nil {
				h.log.Error("skipping a class member's step", "err", err)
			}
			mb.Reported = true
			if mb.Missed.IsZero() {
				mb.Missed = r.LastGo
			}
			missed = append(missed, i)
		}
		text := notes
		if len(missed) > 0 {
			text = joinLines(text, fmt.Sprintf("Going on without %s (missed this set).", names(r, missed)))
		}
		t.keepRound(r, now)
		rep.Text = joinLines(text, h.roundOnwards(t, r, base, p, now))
	}
	h.roundReply(t, r, rep)
	return true
}

// roundHint says how members report a step.
func roundHint(r *Reply) string {
	if r.style.Slash {
		return "After your set, tap your reps or send " + r.say("done N") + "."
	}
	return "After your set, say done N (reps)."
}

// roundReport answers done N, done or skip from a member of a running
// round: the set lands in their history, and when they were the last to
// report the round moves on. It reports whether it answered.
func (h *Hub) roundReport(t *turn, base Reply, m Message, p prefs, cmd coach.Command) bool {
	r := h.chatRound(m.Platform, m.ChatID)
	if r == nil || member(r, m.UserID) < 0 {
		return false
	}
	now := h.now()
	notes := h.roundEvent(t, r, base, p, now)
	i := member(r, m.UserID)
	rep := base
	switch {
	case r.State == record.RoundEnded || i < 0:
		rep.Text = notes
		t.replies = append(t.replies, rep)
		return true
	case r.State == record.RoundOpen:
		t.fail(rep, fmt.Sprintf("The class has not started: %s says %s.", r.LeaderName, base.say("go")))
		return true
	case r.Resting:
		rep.Error = true
		rep.Text = joinLines(notes, fmt.Sprintf("Resting: your next set comes with the GO %s.", r.LastGo.In(p.loc).Format("at 15:04:05")))
		t.replies = append(t.replies, rep)
		return true
	}
	mb := &r.Members[i]
	if mb.Reported {
		rep.Error = true
		if mb.Session.Finished() {
			rep.Text = joinLines(notes, "Your part of the class is done.")
		} else {
			rep.Text = joinLines(notes, "You reported this set already; waiting for "+names(r, waitingFor(r))+".")
		}
		h.roundReply(t, r, rep)
		return true
	}
	s := mb.Session
	skip := cmd.Kind == coach.KindSkip
	out, err := h.coachFor(m).Advance(s, coach.Report{Skip: skip, Reps: cmd.Reps, Failed: !skip && cmd.RepsSet && cmd.Reps == 0})
	if err != nil {
		rep = h.errorReply(rep, err)
		h.roundReply(t, r, rep)
		return true
	}
	res := out.Result
	if !res.Skipped && (res.Reps > 0 || res.Failed) {
		t.change.Sets = append(t.change.Sets, record.Set{
			Platform: m.Platform, UserID: m.UserID, ChatID: m.ChatID,
			Lift: coach.Lift{At: now, Exercise: s.Exercise, Load: res.Load, Unit: s.Unit, Reps: res.Reps,
				Technique: s.Technique.Key(), Session: s.ID, Entry: stepEntry(s, res.Step), Kind: res.LiftKind()},
		})
	}
	mb.Reported, mb.Missed = true, time.Time{}
	t.keepRound(r, now)
	text := mb.UserName + ", " + lower(resultText(s, res))
	if out.Why != "" {
		text += " " + out.Why
	}
	if w := waitingFor(r); len(w) > 0 {
		text += " Waiting for " + names(r, w) + "."
	} else {
		text = joinLines(text, h.roundOnwards(t, r, base, p, now))
	}
	rep.Text = joinLines(notes, text)
	h.roundReply(t, r, rep)
	return true
}

// waitingFor are the members still in the round who have not reported
// its step.
func waitingFor(r *record.Round) []int {
	var out []int
	for _, i := range active(r) {
		if !r.Members[i].Reported {
			out = append(out, i)
		}
	}
	return out
}

// roundStop answers stop or end in a chat with a round: the leader's ends
// it for everyone; a member's is told to leave instead. It reports
// whether it answered; anyone else's stop is their own.
func (h *Hub) roundStop(t *turn, base Reply, m Message, p prefs) bool {
	r, leader, notes, now, ok := h.roundFor(t, base, m, p)
	if !ok {
		return false
	}
	rep := base
	switch {
	case r.State == record.RoundEnded:
		rep.Text = notes
	case !leader:
		rep.Error = true
		rep.Text = joinLines(notes, fmt.Sprintf("Only %s can end the class; say %s to leave it.", r.LeaderName, base.say("leave")))
		h.roundReply(t, r, rep)
		return true
	default:
		rep.Text = joinLines(notes, "Ended.\n"+h.closeRound(t, r, now))
	}
	t.replies = append(t.replies, rep)
	return true
}

// staleRoundButton answers a press on a button bound to a round that is
// over or to a step of it that is done, Go pressed by anyone but the
// leader, and a step's button pressed by someone not in the round; it
// reports whether it answered.
func (h *Hub) staleRoundButton(t *turn, base Reply, cmd, what string) bool {
	id, n, ok := splitRoundBind(what)
	if !ok {
		return false
	}
	r := h.chatRound(base.Platform, base.ChatID)
	if r == nil || r.ID != id {
		t.fail(base, "That class is over; its buttons do nothing now. Open one, for example: "+base.say("class rp squat"))
		return true
	}
	verb, _, _ := strings.Cut(strings.TrimSpace(cmd), " ")
	switch {
	case verb == "go" && base.To.ID != r.LeaderID:
		t.fail(base, fmt.Sprintf("Only %s starts the class and moves it on.", r.LeaderName))
		return true
	case n < 0:
		return false
	case member(r, base.To.ID) < 0:
		t.fail(base, fmt.Sprintf("You are not in %s's class; join the next one.", r.LeaderName))
		return true
	case r.State != record.RoundRunning || n != r.Step:
		t.fail(base, fmt.Sprintf("That set of the class is over; the class is on step %d.", r.Step+1))
		return true
	}
	return false
}

// joinLines joins two texts as lines, leaving out an empty one.
func joinLines(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// joinExample is join with a load in the lifter's unit.
func joinExample(p prefs) string {
	if p.Unit == coach.LB {
		return "join 225lb"
	}
	return "join 100kg"
}
