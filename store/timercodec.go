package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// timerCodecV1 starts a timer encoded in the compact binary form; a value
// starting with '{' is the JSON form of schema 5 and before.
const timerCodecV1 = 0x01

var errBadTimer = errors.New("store: malformed timer record")

// encodeTimer writes a timer compactly: a version byte, the due and
// created times, the group flag, then the strings, each with its length.
// Last, when the timer has its step, the step's kind and rep range (a
// record without it reads as no step, and a reader that knows no steps
// stops before it). Small records keep the timers bucket to few pages, which makes marking
// a burst of pings sent and reloading at a restart cheap.
func encodeTimer(t *record.Timer) []byte {
	b := make([]byte, 0, 18+6*binary.MaxVarintLen64+len(t.ID)+len(t.Lifter.Platform)+len(t.Lifter.ChatID)+len(t.Lifter.UserID)+len(t.UserName)+len(t.Text))
	b = append(b, timerCodecV1)
	b = binary.BigEndian.AppendUint64(b, uint64(t.Due.UnixNano()))
	var created int64
	if !t.Created.IsZero() {
		created = t.Created.UnixNano()
	}
	b = binary.AppendVarint(b, created)
	var g byte
	if t.Group {
		g = 1
	}
	b = append(b, g)
	for _, s := range [...]string{t.ID, t.Lifter.Platform, t.Lifter.ChatID, t.Lifter.UserID, t.UserName, t.Text} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	if st := t.Step; st != nil {
		b = append(b, byte(st.Kind))
		b = binary.AppendUvarint(b, uint64(max(st.RepsLo, 0)))
		b = binary.AppendUvarint(b, uint64(max(st.RepsHi, 0)))
	}
	return b
}

// decodeTimer reads either form.
func decodeTimer(v []byte) (record.Timer, error) {
	var t record.Timer
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &t)
		return t, err
	}
	if len(v) < 9 || v[0] != timerCodecV1 {
		return t, errBadTimer
	}
	t.Due = time.Unix(0, int64(binary.BigEndian.Uint64(v[1:9])))
	v = v[9:]
	created, n := binary.Varint(v)
	if n <= 0 || len(v) == n {
		return t, errBadTimer
	}
	if created != 0 {
		t.Created = time.Unix(0, created)
	}
	t.Group = v[n] == 1
	v = v[n+1:]
	for _, dst := range [...]*string{&t.ID, &t.Lifter.Platform, &t.Lifter.ChatID, &t.Lifter.UserID, &t.UserName, &t.Text} {
		l, n := binary.Uvarint(v)
		if n <= 0 || uint64(len(v)-n) < l {
			return t, errBadTimer
		}
		*dst = string(v[n : n+int(l)])
		v = v[n+int(l):]
	}
	if len(v) > 0 {
		st := &record.TimerStep{Kind: coach.StepKind(v[0])}
		v = v[1:]
		for _, dst := range [...]*int{&st.RepsLo, &st.RepsHi} {
			n, l := binary.Uvarint(v)
			if l <= 0 || n > maxTimerReps {
				return t, errBadTimer
			}
			*dst = int(n)
			v = v[l:]
		}
		if len(v) > 0 {
			return t, errBadTimer
		}
		t.Step = st
	}
	return t, nil
}

// maxTimerReps bounds a stored rep target, so that a damaged record
// cannot ask for a button row beyond reason.
const maxTimerReps = 1 << 16
