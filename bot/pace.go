package bot

import "time"

// Window is one rate limit: at most N messages in any span of Per.
type Window struct {
	N   int
	Per time.Duration
	// GroupOnly applies the window to group chats only.
	GroupOnly bool
	// SkipInteractions leaves out replies that answer an interaction (a
	// Discord slash command or button): the platform counts those apart
	// from channel messages.
	SkipInteractions bool
}

// Pace is a platform's sending limits, per chat: a message goes out when
// every window allows it. Each adapter owns its platform's default pace
// and registers it with the hub; nil (the console) is no limit. A Pace is
// read by the outbox's workers concurrently and must not change once
// registered.
type Pace []Window

// paced reports whether a reply counts against the chat's pace: not an
// answer to an interaction where the platform counts those apart.
func paced(r *Reply, pace Pace) bool {
	if !r.Interaction {
		return true
	}
	for _, w := range pace {
		if !w.SkipInteractions {
			return true
		}
	}
	return false
}

// maxN is the most messages any window of p allows.
func maxN(p Pace) int {
	n := 0
	for _, w := range p {
		n = max(n, w.N)
	}
	return n
}

// wait is how long until the pace allows one more message. It also
// forgets sends older than the longest window. q.mu is held.
func (q *chatQueue) wait(now time.Time, pace Pace) time.Duration {
	var wait, keep time.Duration
	for _, w := range pace {
		keep = max(keep, w.Per)
		if w.GroupOnly && !q.group || w.N <= 0 {
			continue
		}
		n := 0
		var oldest time.Time
		for i := len(q.sent) - 1; i >= 0; i-- {
			if now.Sub(q.sent[i]) >= w.Per {
				break
			}
			n++
			oldest = q.sent[i]
		}
		if n >= w.N {
			wait = max(wait, oldest.Add(w.Per).Sub(now))
		}
	}
	// Forget sends older than the longest window.
	i := 0
	for i < len(q.sent) && now.Sub(q.sent[i]) >= keep {
		i++
	}
	q.sent = q.sent[i:]
	q.sentTo = q.sentTo[i:]
	return wait
}

// Shares: in a group, one lifter's replies may take at most half of any
// window of the pace that allows several messages (rounded up: 3 of
// Discord's 5 per 5 s), so that another lifter's answer or a ping never
// finds the window spent by someone else's flood. Pings, and messages
// that carry several lifters' lines, count against no one's share. A
// window of one message (Telegram's) cannot be shared; there, lifters
// take turns (queue.go) and a held group's replies go out merged.

// shareWait is how long until lifter's share of every window has room
// for one more of their replies; 0 outside groups. q.mu is held.
func (q *chatQueue) shareWait(now time.Time, pace Pace, lifter string) time.Duration {
	if !q.group || lifter == "" {
		return 0
	}
	var wait time.Duration
	for _, w := range pace {
		if w.N < 2 {
			continue
		}
		share := (w.N + 1) / 2
		n := 0
		var oldest time.Time
		for i := len(q.sent) - 1; i >= 0 && now.Sub(q.sent[i]) < w.Per; i-- {
			if q.sentTo[i] == lifter {
				n++
				oldest = q.sent[i]
			}
		}
		if n >= share {
			wait = max(wait, oldest.Add(w.Per).Sub(now))
		}
	}
	return wait
}

// countSend records a send for the pace: lifter is whose share it uses,
// "" for none. q.mu is held.
func (q *chatQueue) countSend(at time.Time, lifter string) {
	q.sent = append(q.sent, at)
	q.sentTo = append(q.sentTo, lifter)
}

// waitPace is wait for a worker that does not hold q.mu.
func (o *outbox) waitPace(q *chatQueue, pace Pace) time.Duration {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.wait(o.now(), pace)
}

// unpaced is the index of the first queued reply the pace does not
// count, or -1. q.mu is held.
func (q *chatQueue) unpaced(pace Pace) int {
	for i := range q.items {
		if it := &q.items[i]; it.timer == nil && !paced(&it.reply, pace) {
			return i
		}
	}
	return -1
}
