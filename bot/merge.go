package bot

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spotter-coach/spotter/record"
)

// Merging: pings of one chat that fall due together go out as one
// message, and so do the replies a group chat's pace holds back: one
// line per lifter, each mentioning its lifter, under the buttons of all
// (session buttons act on whoever presses them, so they serve everyone).
// A merged message is one platform message, as the Sender measures it
// (Measurer), so it is cut between lifters' lines and never inside one: a
// line that does not fit waits for the next message, and an answer too
// long to be a line (mergeLine) goes alone. Lifters take turns for the
// room: pings first, then one reply of each lifter, then a second of
// each, and so on. Merging runs on the chat's worker with the queue's
// lock held.

// mergeLimit is the most text a merged message starts from before the
// Sender measures it; for a Sender that cannot measure, it is one
// message's text (estimate).
const mergeLimit = 3500

// mergeLine is the longest answer, in characters, that joins a merged
// message as a line: the adapters keep a line of up to that whole
// (Telegram's clips a merged line beyond it), and a longer answer is
// better read on its own.
const mergeLine = 1000

// mergeable reports whether a reply may share a message with others: not
// when it is private, carries a file, answers an interaction (it must
// reach that interaction), is too long to be one line, or carries page
// buttons (a page's buttons are its lifter's alone).
func mergeable(it *outItem) bool {
	r := &it.reply
	if it.parked != nil {
		return false
	}
	if it.timer != nil {
		return true
	}
	if r.Private || r.Interaction || r.Image != nil || r.File != nil || utf8.RuneCountInString(r.Text) > mergeLine {
		return false
	}
	if r.Anyone && len(r.Buttons) > 0 {
		return false // merged, its buttons would act for one lifter or none
	}
	for _, row := range r.Buttons {
		for _, b := range row {
			if isPageData(b.Data) {
				return false
			}
		}
	}
	return true
}

// take removes the next message from the queue into out, starting with
// the item at lead: a reply as it is, or every queued ping merged into
// one message. With merge (a group chat its pace holds back), queued
// replies join the pings: one message with a line for each lifter,
// mentioning them, and the buttons of all. refs gets the timers whose
// pings it carries; lifter is whose share of the pace the message uses
// ("" when it carries pings or several lifters' lines).
func (q *chatQueue) take(lead int, merge bool, out *Reply, refs []record.TimerRef, m Measurer) (_ []record.TimerRef, at time.Time, lifter string) {
	at = q.items[lead].at
	if !q.joinable(&q.items[lead], merge) || q.countJoinable(merge) < 2 {
		// Nothing to merge: the reply or the lone ping as it is.
		q.picked = append(q.picked[:0], lead)
	} else {
		q.pick(lead, merge)
		// Lines go from the end until the platform takes it as one message.
		for len(q.picked) > 1 {
			q.build(out)
			if m.Messages(*out) <= 1 {
				break
			}
			q.picked = q.picked[:len(q.picked)-1]
		}
	}
	if len(q.picked) == 1 {
		it := &q.items[lead]
		*out = it.reply
		if it.stored != "" {
			q.stored = append(q.stored, it.stored)
		}
		if it.timer != nil {
			refs = append(refs, *it.timer)
		} else {
			lifter = it.reply.To.ID
			q.served(lifter)
		}
		q.remove(lead)
		return refs, at, lifter
	}
	refs, lifter = q.takePicked(refs)
	return refs, at, lifter
}

func (q *chatQueue) joinable(it *outItem, merge bool) bool {
	if it.parked != nil {
		return false // sent again as it was
	}
	return it.timer != nil || merge && mergeable(it)
}

func (q *chatQueue) countJoinable(merge bool) int {
	n := 0
	for i := range q.items {
		if q.joinable(&q.items[i], merge) {
			n++
		}
	}
	return n
}

// pick chooses the items of one merged message into q.picked, in the
// order of their lines, up to mergeLimit: the lead, the pings, then with
// merge the lifters' replies a round at a time, each lifter's in the
// order they came. A lifter whose next reply cannot join or does not fit
// has no more in this message, so that their replies never overtake one
// another.
func (q *chatQueue) pick(lead int, merge bool) {
	q.picked = q.picked[:0]
	size := 0
	add := func(i int) bool {
		it := &q.items[i]
		n := len(it.reply.Text) + 1
		if len(q.picked) > 0 && size+n > mergeLimit {
			return false
		}
		if len(q.picked) > 0 && it.reply.ChatID != q.items[q.picked[0]].reply.ChatID {
			return false // another topic of the same group: another message
		}
		size += n
		q.picked = append(q.picked, i)
		return true
	}
	add(lead)
	for i := range q.items {
		if i != lead && q.items[i].timer != nil {
			add(i)
		}
	}
	if !merge {
		return
	}
	var closed, inRound map[string]bool
	// A reply that leads is its lifter's reply of the first round.
	leadRound := q.items[lead].timer == nil
	if leadRound {
		inRound = map[string]bool{q.items[lead].reply.To.ID: true}
	}
	for {
		more := leadRound
		leadRound = false
		for i := range q.items {
			it := &q.items[i]
			if it.timer != nil || q.isPicked(i) {
				continue
			}
			id := it.reply.To.ID
			if closed[id] || inRound[id] {
				continue
			}
			if inRound == nil {
				inRound = map[string]bool{}
			}
			inRound[id] = true
			if !mergeable(it) || !add(i) {
				if closed == nil {
					closed = map[string]bool{}
				}
				closed[id] = true
				continue
			}
			more = true
		}
		if !more {
			return
		}
		clear(inRound)
	}
}

func (q *chatQueue) isPicked(i int) bool {
	for _, j := range q.picked {
		if j == i {
			return true
		}
	}
	return false
}

// build lays the picked items out as one message in out: a line per
// ping and reply, and the buttons of all.
func (q *chatQueue) build(out *Reply) {
	first := &q.items[q.picked[0]].reply
	merged := Reply{Platform: first.Platform, ChatID: first.ChatID, Group: first.Group}
	var seen map[string]bool
	for _, i := range q.picked {
		it := &q.items[i]
		if it.timer != nil {
			merged.Pings = append(merged.Pings, it.reply.Pings...)
		} else {
			merged.Pings = append(merged.Pings, Ping{To: it.reply.To, Text: it.reply.Text})
			merged.Error = merged.Error || it.reply.Error
		}
		for _, row := range it.reply.Buttons {
			var kept []Button
			for _, b := range row {
				if seen == nil {
					seen = map[string]bool{}
				}
				if !seen[b.Data] {
					seen[b.Data] = true
					kept = append(kept, b)
				}
			}
			if len(kept) > 0 {
				merged.Buttons = append(merged.Buttons, kept)
			}
		}
	}
	lines := make([]string, len(merged.Pings))
	for i, p := range merged.Pings {
		lines[i] = p.To.Name + ": " + p.Text
	}
	merged.Text = strings.Join(lines, "\n")
	if oneLifter(merged.Pings) {
		merged.To = merged.Pings[0].To
		// One lifter's answers, merged: they answer that lifter's message.
		for _, i := range q.picked {
			if r := q.items[i].reply.ReplyTo; r != "" {
				merged.ReplyTo = r
				break
			}
		}
	} else {
		// A button acts for whoever presses it: under several lifters'
		// lines it would start, or report, for the wrong one. Each line
		// says how to go on in words.
		merged.Buttons = sharedButtons(merged.Pings) // a class round's, for anyone (class.go)
	}
	*out = merged
}

// takePicked takes the picked items out of the queue, keeping the rest in
// order, and gives the lifters their turns. lifter is whose share of the
// pace the message uses: the one lifter whose replies alone it carries,
// else "".
func (q *chatQueue) takePicked(refs []record.TimerRef) (_ []record.TimerRef, lifter string) {
	one := true
	for _, i := range q.picked {
		it := &q.items[i]
		if it.stored != "" {
			q.stored = append(q.stored, it.stored)
		}
		if it.timer != nil {
			refs = append(refs, *it.timer)
			one = false
			continue
		}
		if lifter == "" {
			lifter = it.reply.To.ID
		}
		one = one && it.reply.To.ID == lifter
		q.served(it.reply.To.ID)
	}
	rest := q.items[:0]
	for i := range q.items {
		if !q.isPicked(i) {
			rest = append(rest, q.items[i])
		}
	}
	clear(q.items[len(rest):])
	q.items = rest
	if !one {
		lifter = ""
	}
	return refs, lifter
}

// oneLifter reports whether every line is the same lifter's.
func oneLifter(lines []Ping) bool {
	for _, p := range lines[1:] {
		if p.To.ID != lines[0].To.ID {
			return false
		}
	}
	return true
}
