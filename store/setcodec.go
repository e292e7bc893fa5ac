package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// setCodecV1 starts a set encoded in the compact binary form; a value
// starting with '{' is the JSON form of schema 2.
const setCodecV1 = 0x01

var errBadSet = errors.New("store: malformed set record")

// encodeSet writes a set compactly: a version byte, the time, load, RPE,
// unit, reps, then the strings, each with its length, and last the set's
// note when it has one (a record without it reads as no note, and a
// reader that knows no notes stops before it).
func encodeSet(s *record.Set) []byte {
	return appendSet(make([]byte, 0, encodedSetLen(s)), s)
}

// encodedSetLen is the most bytes encodeSet writes for s: the fixed
// fields, the reps and each string's length as varints, the strings.
func encodedSetLen(s *record.Set) int {
	return 26 + 9*binary.MaxVarintLen64 +
		len(s.Exercise) + len(s.Technique) + len(s.Session) + len(s.Entry) + len(s.Kind) + len(s.Platform) + len(s.UserID) + len(s.ChatID) +
		binary.MaxVarintLen64 + len(s.Note)
}

// appendSet is encodeSet appending to b.
func appendSet(b []byte, s *record.Set) []byte {
	b = append(b, setCodecV1)
	b = binary.BigEndian.AppendUint64(b, uint64(s.At.UnixNano()))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(s.Load))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(s.RPE))
	b = append(b, byte(s.Unit))
	b = binary.AppendUvarint(b, uint64(max(s.Reps, 0)))
	for _, str := range [...]string{s.Exercise, s.Technique, s.Session, s.Entry, s.Kind, s.Platform, s.UserID, s.ChatID} {
		b = binary.AppendUvarint(b, uint64(len(str)))
		b = append(b, str...)
	}
	if s.Note != "" {
		b = binary.AppendUvarint(b, uint64(len(s.Note)))
		b = append(b, s.Note...)
	}
	return b
}

// decodeSet reads either form.
func decodeSet(v []byte) (record.Set, error) {
	var s record.Set
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &s)
		return s, err
	}
	if len(v) < 26 || v[0] != setCodecV1 {
		return s, errBadSet
	}
	s.At = time.Unix(0, int64(binary.BigEndian.Uint64(v[1:9])))
	s.Load = math.Float64frombits(binary.BigEndian.Uint64(v[9:17]))
	s.RPE = math.Float64frombits(binary.BigEndian.Uint64(v[17:25]))
	s.Unit = coach.Unit(v[25])
	v = v[26:]
	reps, n := binary.Uvarint(v)
	if n <= 0 {
		return s, errBadSet
	}
	s.Reps = int(reps)
	v = v[n:]
	for _, dst := range [...]*string{&s.Exercise, &s.Technique, &s.Session, &s.Entry, &s.Kind, &s.Platform, &s.UserID, &s.ChatID} {
		l, n := binary.Uvarint(v)
		if n <= 0 || uint64(len(v)-n) < l {
			return s, errBadSet
		}
		*dst = string(v[n : n+int(l)])
		v = v[n+int(l):]
	}
	if len(v) > 0 {
		l, n := binary.Uvarint(v)
		if n <= 0 || uint64(len(v)-n) != l {
			return s, errBadSet
		}
		s.Note = string(v[n:])
	}
	return s, nil
}
