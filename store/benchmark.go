package store

import "github.com/spotter-coach/spotter/record"

// EncodedSetSize is the size in bytes of a set's stored record: spotter
// bench writes raw bbolt records of this size to compare logging with.
func EncodedSetSize(s *record.Set) int { return len(encodeSet(s)) }
