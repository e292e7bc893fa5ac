package bot

import (
	"strings"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// A class round's silence check: when a step's GO comes (the start, the
// end of a rest, a step with no rest), a timer is stored for
// roundSilence later. When it fires and members of that step are still
// silent, they are dropped with a note, and the round moves on or ends,
// as if someone had spoken: nobody waits for a lifter who walked away. A
// check whose step is over, or whose round has ended, does nothing. Like
// any timer it is stored, so it outlives a restart; it is never a ping.

// roundCheckPrefix starts the id of a round's check timer.
const roundCheckPrefix = "check:"

// roundCheckID names the check of step n of round r.
func roundCheckID(r *record.Round, n int) string {
	return roundCheckPrefix + roundBind(r.ID, n)
}

// isRoundCheck reports whether a timer is a round's check, not a ping.
func isRoundCheck(t *record.Timer) bool { return strings.HasPrefix(t.ID, roundCheckPrefix) }

// scheduleCheck adds the check of r's current step, whose GO is at go.
func (t *turn) scheduleCheck(r *record.Round, goAt, now time.Time) {
	if t.round == nil {
		t.round = &roundTurn{key: r.Key()}
	}
	t.round.add = append(t.round.add, record.Timer{Due: goAt.Add(roundSilence), ID: roundCheckID(r, r.Step),
		Lifter: record.Lifter{Platform: r.Platform, ChatID: r.ChatID}, Group: r.Group, Created: now})
}

// fire handles fired timers: round checks run, the rest are pings.
// restart marks timers found overdue when the bot started.
func (h *Hub) fire(timers []record.Timer, now time.Time, restart bool) {
	pings := timers[:0:0]
	for _, t := range timers {
		if isRoundCheck(&t) {
			h.roundCheck(t, now)
			continue
		}
		pings = append(pings, t)
	}
	if len(pings) > 0 {
		h.sendPings(pings, now, restart)
	}
}

// roundCheck runs a fired check: the round's silent members are dropped
// when the step it checks is still on. The timer leaves the store either
// way.
func (h *Hub) roundCheck(tm record.Timer, now time.Time) {
	key := record.RoundKey{Platform: tm.Lifter.Platform, ChatID: tm.Lifter.ChatID}
	t := turn{}
	t.change.RemoveTimers = append(t.change.RemoveTimers, tm.Ref())
	r := h.rounds[key]
	if r != nil && r.State == record.RoundRunning && checkedStep(tm.ID) == r.Step {
		rc := cloneRound(r)
		base := Reply{Platform: key.Platform, ChatID: key.ChatID, Group: rc.Group}
		p := h.prefsOf(Message{Platform: key.Platform, UserID: rc.LeaderID})
		if note := h.roundEvent(&t, rc, base, p, now); note != "" {
			rep := base
			rep.Text = note
			h.roundReply(&t, rc, rep)
		}
	}
	h.commit(record.Lifter{Platform: key.Platform, ChatID: key.ChatID}, &t, now)
}

// checkedStep is the step a check's id names; -1 when it names none.
func checkedStep(id string) int {
	_, n, ok := splitRoundBind(strings.TrimPrefix(id, roundCheckPrefix))
	if !ok {
		return -1
	}
	return n
}
