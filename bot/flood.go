package bot

import "time"

// Flood limits: each lifter may send a burst of floodBurst messages, then
// one every floodEvery, and no more while floodBacklog of their answers
// still wait in the chat for its pace (a busy group carries fewer answers
// than one lifter may send: without this their answers would come ever
// later). Beyond that their messages are dropped unread, with one
// friendly note per flood; other lifters are not affected.
const (
	floodBurst   = 20
	floodEvery   = time.Second
	floodBacklog = floodBurst
)

// floodNote is the one reply a flooding lifter gets.
const floodNote = "You're sending messages faster than I can coach. I'll read yours again in a few seconds."

// bucket is one lifter's token bucket.
type bucket struct {
	tokens float64
	last   time.Time
	warned bool // the lifter has had the note for this flood
}

// allow reports whether the lifter's message may be processed, and
// whether to tell them they are flooding. Only Run's goroutine calls it.
func (h *Hub) allow(m Message, now time.Time) (ok, warn bool) {
	if h.unlimited[m.Platform] {
		return true, false
	}
	key := m.Platform + "\x00" + m.UserID
	b := h.floods[key]
	if b == nil {
		b = &bucket{tokens: floodBurst, last: now}
		h.floods[key] = b
	}
	b.tokens = min(floodBurst, b.tokens+float64(now.Sub(b.last))/float64(floodEvery))
	b.last = now
	if waiting := h.out.backlog(m.Platform, m.ChatID, m.UserID); b.tokens >= 1 && waiting < floodBacklog {
		b.tokens--
		// The flood is over once the lifter's answers no longer wait:
		// until then, messages heard between dropped ones get no second
		// note.
		b.warned = b.warned && waiting > 0
		return true, false
	}
	warn = !b.warned
	b.warned = true
	if len(h.floods) > 10_000 {
		h.forgetFullBuckets(now)
	}
	return false, warn
}

// forgetFullBuckets drops the buckets of lifters who have been quiet long
// enough to be full again.
func (h *Hub) forgetFullBuckets(now time.Time) {
	for k, b := range h.floods {
		if now.Sub(b.last) >= floodBurst*floodEvery {
			delete(h.floods, k)
		}
	}
}

// Unlimited exempts a platform from the flood limit: the console, whose
// one lifter is whoever runs the bot. Call it before Run.
func (h *Hub) Unlimited(platform string) { h.unlimited[platform] = true }
