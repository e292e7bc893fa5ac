package bot

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// The durable outbox: a turn's replies are stored in the same change as
// everything else the message wrote (record.Change.Outbox), so that a
// crash after the write and before the platform took them loses none:
// the next start sends them (resend). Delivered or given up, they are
// marked sent in the acknowledgement batches (ack.go). Pings need no
// copy: their timers are stored until delivered. What the outbox writes
// itself (the line about a lost reply, the flood note) is not stored.

// keep stores the turn's replies with its change and notes their ids
// (t.stored), so that delivering them marks them sent. A reply that
// cannot be encoded goes unstored (and is logged): it is still sent.
// Safe to call from a slow-work goroutine.
func (h *Hub) keep(t *turn, at time.Time) {
	if len(t.replies) == 0 {
		return
	}
	t.stored = make([]string, len(t.replies))
	for i := range t.replies {
		r := &t.replies[i]
		data, err := encodeReply(r)
		if err != nil {
			h.log.Error("a reply cannot be stored; it is sent all the same", "platform", r.Platform, "err", err)
			continue
		}
		id := h.outboxID()
		t.stored[i] = id
		t.change.Outbox = append(t.change.Outbox, record.Outgoing{ID: id, Platform: r.Platform, ChatID: r.ChatID, At: at, Data: data})
	}
}

// outboxID is a new id for a stored reply: sixteen hex digits that sort
// in the order replies were queued, in this process and after a restart
// (resend starts the sequence past the clock and past every stored id);
// on a store other processes share, this process's name follows, so
// that two processes' ids never meet.
func (h *Hub) outboxID() string {
	id := fmt.Sprintf("%016x", h.outSeq.Add(1))
	if h.shared != nil {
		id += "-" + h.shared.Owner()
	}
	return id
}

// encodeReply is a reply as the store keeps it. The plan it shows is
// left out: the text already holds it, and only the console's JSON form
// shows it besides.
func encodeReply(r *Reply) ([]byte, error) {
	c := *r
	c.Plan = nil
	return json.Marshal(&c)
}

func decodeReply(data []byte) (Reply, error) {
	var r Reply
	err := json.Unmarshal(data, &r)
	return r, err
}

// resend queues the replies a previous run stored and never marked sent,
// in the order they were queued, before anything new. One that cannot be
// read is logged and dropped.
func (h *Hub) resend() error {
	next := uint64(h.now().UnixNano())
	if h.shared != nil {
		// This process's ids carry its name, and the replies of other
		// processes are theirs until their leases run out: claim takes
		// them then.
		h.outSeq.Store(next)
		return nil
	}
	kept, err := h.store.Outbox()
	if err != nil {
		return err
	}
	for _, o := range kept {
		if n, err := strconv.ParseUint(o.ID, 16, 64); err == nil && n >= next {
			next = n + 1
		}
	}
	h.outSeq.Store(next)
	if n := h.enqueueStored(kept); n > 0 {
		h.log.Info("sending the replies left from the last run", "count", n)
	}
	return nil
}

// enqueueStored queues stored replies to be sent, and returns how many it
// queued; one that cannot be read is logged and dropped.
func (h *Hub) enqueueStored(kept []record.Outgoing) int {
	var items []outItem
	var bad []string
	for _, o := range kept {
		r, err := decodeReply(o.Data)
		if err != nil || r.Platform == "" || r.ChatID == "" {
			h.log.Error("a stored reply cannot be read; dropped", "id", o.ID, "err", err)
			bad = append(bad, o.ID)
			continue
		}
		// The interaction it answered belonged to the process that
		// stored it: sent now, it is a plain message, and counts
		// against the chat's pace like one.
		r.Interaction = false
		items = append(items, outItem{reply: r, at: o.At, stored: o.ID})
	}
	if len(bad) > 0 {
		if err := h.store.Apply(record.Change{Sent: bad}); err != nil {
			h.log.Error("dropping unreadable stored replies", "err", err)
		}
	}
	if len(items) > 0 {
		h.out.enqueue(items...)
	}
	return len(items)
}
