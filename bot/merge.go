package bot

import (
	"strings"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// Merging: pings of one chat that fall due together go out as one
// message, and so do the replies a group chat's pace holds back: one
// line per lifter, each mentioning its lifter, under the buttons of all
// (session buttons act on whoever presses them, so they serve everyone).
// Merging runs on the chat's worker with the queue's lock held.

// mergeLimit bounds the text of one merged message (Telegram's limit is
// 4096 characters, Discord's 2000 per piece: adapters split the rest).
const mergeLimit = 3500

// mergeable reports whether a reply may share a message with others: not
// when it is private, carries a file, or answers an interaction (it must
// reach that interaction).
func mergeable(it *outItem) bool {
	r := &it.reply
	return it.timer != nil || !r.Private && !r.Interaction && r.Image == nil && r.File == nil
}

// take removes the next message from the queue into out: a reply as it
// is, or every queued ping merged into one message. With merge (a group
// chat its pace holds back), queued replies join the pings: one message
// with a line for each lifter, mentioning them, and the buttons of all
// (session buttons act on the presser's own session, so they serve
// everyone). refs gets the timers whose pings it carries.
func (q *chatQueue) take(merge bool, out *Reply, refs []record.TimerRef) ([]record.TimerRef, time.Time) {
	first := &q.items[0]
	at := first.at
	if !q.joinable(first, merge) || q.countJoinable(merge) < 2 {
		// Nothing to merge: the reply or the lone ping as it is.
		*out = first.reply
		if first.timer != nil {
			refs = append(refs, *first.timer)
		}
		// Shift rather than reslice, so the queue keeps its capacity.
		n := copy(q.items, q.items[1:])
		q.items[n] = outItem{}
		q.items = q.items[:n]
		return refs, at
	}
	return q.merge(merge, out, refs), at
}

func (q *chatQueue) joinable(it *outItem, merge bool) bool {
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

// merge takes every joinable item into one message, up to mergeLimit.
func (q *chatQueue) merge(merge bool, out *Reply, refs []record.TimerRef) []record.TimerRef {
	first := &q.items[0].reply
	merged := Reply{Platform: first.Platform, ChatID: first.ChatID, Group: first.Group}
	var seen map[string]bool
	size := 0
	rest := q.items[:0]
	for i := range q.items {
		it := q.items[i]
		if !q.joinable(&it, merge) || i > 0 && size+len(it.reply.Text) > mergeLimit {
			rest = append(rest, it)
			continue
		}
		size += len(it.reply.Text)
		if it.timer != nil {
			merged.Pings = append(merged.Pings, it.reply.Pings...)
			refs = append(refs, *it.timer)
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
	clear(q.items[len(rest):])
	q.items = rest
	lines := make([]string, len(merged.Pings))
	for i, p := range merged.Pings {
		lines[i] = p.To.Name + ": " + p.Text
	}
	merged.Text = strings.Join(lines, "\n")
	if len(merged.Pings) == 1 {
		merged.To = merged.Pings[0].To
	}
	*out = merged
	return refs
}
