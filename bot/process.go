package bot

import (
	"errors"
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
	// stored are the outbox ids of replies stored with the change (keep),
	// by index; "" for a reply not stored.
	stored []string
	// acked are earlier replies, delivered, that the change marks sent
	// (outbox.takeStored); given back if the change is not written.
	acked []string
	// gym is the coach planning on the space's new equipment, with
	// change.Gym; nil there gives the space back the configured gym.
	gym *coach.Coach
	// round is what the turn changes of its chat's class round (class.go).
	round *roundTurn
	// slow, when a handler sets it, is the rest of the work, too slow for
	// the hub's goroutine: a worker runs it and stores the change
	// (slowwork.go). It may read the store and use the coach, and fills
	// the change and the replies; it touches nothing else of the hub's.
	slow func(t *turn)
	// forgetLinked is the account linked to one that change.Forget
	// forgets, which the store forgets with it (link.go); nil for none.
	forgetLinked *record.User
}

// fail answers the message with what was wrong with it.
func (t *turn) fail(r Reply, text string) {
	r.Error = true
	r.Text = text
	t.replies = append(t.replies, r)
}

// process handles one message: it works out the new state, stores it in
// one transaction, and only then queues the replies. A message with slow
// work is not done when process returns: it returns the job to hand to a
// worker, and the job stores the state and the hub queues the replies
// when it comes back.
func (h *Hub) process(m Message, at time.Time) *job {
	if m.ID != "" {
		seen, err := h.store.Seen(m.Platform, m.ID)
		if err != nil {
			h.log.Error("checking a message id", "platform", m.Platform, "err", err)
		}
		if seen {
			h.log.Debug("redelivered message dropped", "platform", m.Platform, "id", m.ID)
			return nil
		}
	}
	lifter := record.Lifter{Platform: m.Platform, ChatID: m.ChatID, UserID: m.UserID}
	unlock, ok := h.lockLifter(m, lifter)
	if !ok {
		h.out.enqueue(outItem{reply: Reply{Platform: m.Platform, ChatID: m.ChatID, Group: m.Group, To: User{ID: m.UserID, Name: m.UserName},
			InReplyTo: m.ID, ReplyTo: m.Ref, Interaction: m.Slash, Text: genericError, Error: true}, at: at})
		return nil
	}
	defer unlock()
	t := turn{change: record.Change{SeenPlatform: m.Platform, SeenID: m.ID}}
	base := Reply{Platform: m.Platform, ChatID: m.ChatID, Group: m.Group, To: User{ID: m.UserID, Name: m.UserName},
		InReplyTo: m.ID, Interaction: m.Slash, ReplyTo: m.Ref, style: m.Commands}
	if m.Pressed != "" {
		base.ReplyTo = m.Pressed
	}
	rec := h.sessions[lifter]
	if rec == nil {
		rec = &record.Session{Lifter: lifter}
	} else {
		rec = cloneRecord(rec)
	}
	rec.UserName, rec.Group = m.UserName, m.Group
	t.record = rec

	p := h.prefsOf(m)
	var bind string
	m.Text, bind = unbind(m.Text)
	if bind != "" && h.staleButton(&t, base, m.Text, bind) {
		return h.commit(lifter, &t, at)
	}
	if rec.ConfirmLoad != "" && h.answerLoad(&t, base, m, p) {
		return h.commit(lifter, &t, at)
	}
	if rec.ConfirmLoad == "" && isAnswerWord(m.Text) {
		// A yes or no with no question waiting: a late button press, or
		// another lifter's answer in a group.
		r := base
		r.Error = true
		r.Text = "Nothing is waiting for a yes or no from you. Plan something, for example: drop 80kg bench"
		t.replies = append(t.replies, r)
		return h.commit(lifter, &t, at)
	}
	cmd, err := h.coach.WithOwnNames(h.ownNames(m)).Parse(m.Text, p.Unit)
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
	if m.Pressed != "" && isStepBind(bind) && len(t.replies) > 0 {
		// A press on a step's buttons is answered in place, on the
		// message it was pressed on; what follows it (a summary) is new.
		t.replies[0].Edit, t.replies[0].ReplyTo = m.Pressed, ""
	}
	return h.commit(lifter, &t, at)
}

// commit stores the turn's change and, once it lasts, updates the
// in-memory state, the schedule and the outbox (settle). A turn with slow
// work is returned as a job instead, to be stored by a worker and settled
// when it comes back.
func (h *Hub) commit(lifter record.Lifter, t *turn, at time.Time) *job {
	if len(t.change.Sets) > 0 && t.record != nil {
		// What undo takes back next in this chat, wherever its sets are
		// stamped (a set logged for yesterday sits before today's).
		s := t.change.Sets[0]
		t.record.LastEntry = &record.EntryRef{Platform: s.Platform, UserID: s.UserID, Entry: s.Entry, At: s.At}
		t.change.Session = t.record
	}
	if t.change.Session != nil {
		t.change.Session.UpdatedAt = h.now()
	}
	if t.schedule != nil {
		t.change.AddTimers = append(t.change.AddTimers, *t.schedule)
	}
	if t.cancel != nil {
		t.change.RemoveTimers = append(t.change.RemoveTimers, t.cancel.Ref())
	}
	h.commitRound(t)
	if t.slow != nil {
		return &job{lifter: lifter, t: t, at: at}
	}
	h.keep(t, at)
	t.acked = h.out.takeStored()
	t.change.Sent = append(t.change.Sent, t.acked...)
	h.settle(lifter, t, at, h.store.Apply(t.change))
	return nil
}

// settle follows a turn's change, once its write returned err: when it
// lasts, the hub's memory, the schedule and the outbox follow it; when it
// failed, nothing changes and the lifter is told so.
func (h *Hub) settle(lifter record.Lifter, t *turn, at time.Time, err error) {
	changed := t.record != nil && (t.change.Session != nil || t.change.DeleteSession != nil)
	if err != nil && len(t.acked) > 0 {
		h.out.ack(nil, t.acked) // marked with a later write
	}
	if err != nil {
		if errors.Is(err, record.ErrSeen) {
			// Handled before, and its replies queued then: a redelivery
			// (a platform retrying, or a message that came in again after
			// a crash between the write and the reply) changes nothing
			// and answers nothing.
			h.log.Debug("redelivered message dropped", "platform", lifter.Platform, "id", t.change.SeenID)
			return
		}
		h.log.Error("storing a message's effects; nothing changed", "platform", lifter.Platform, "chat", lifter.ChatID, "err", err)
		if len(t.replies) == 0 {
			return // a timer's work, answering nobody
		}
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
		if o := t.forgetLinked; o != nil {
			h.forgetSessions(o.Platform, o.UserID)
		}
	}
	h.settleRound(t) // class.go
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
		if i < len(t.stored) {
			items[i].stored = t.stored[i]
		}
	}
	h.out.enqueue(items...)
}

func (h *Hub) errorReply(base Reply, err error) Reply {
	base.Error = true
	var ue *coach.Error
	if errors.As(err, &ue) {
		base.Text = ue.Msg
		if ue.Example != "" {
			base.Text += " Try: " + base.say(ue.Example)
		}
	} else {
		h.log.Error("handling a message", "platform", base.Platform, "chat", base.ChatID, "err", err)
		base.Text = genericError
	}
	return base
}

// cloneRecord deep-copies a record, so that a failed store write leaves
// the hub's state as it was.
func cloneRecord(r *record.Session) *record.Session {
	c := *r
	c.Planned = cloneSession(r.Planned)
	c.Active = cloneSession(r.Active)
	if r.Recent != nil {
		c.Recent = make([]*coach.Session, len(r.Recent))
		for i, p := range r.Recent {
			c.Recent[i] = cloneSession(p)
		}
	}
	return &c
}

func cloneSession(s *coach.Session) *coach.Session { return s.Clone() }
