package store

import (
	"github.com/spotter-coach/spotter/record"
	"strings"
)

// lifterKey is platform NUL chat NUL user.
func lifterKey(l record.Lifter) []byte {
	return []byte(l.Platform + "\x00" + l.ChatID + "\x00" + l.UserID)
}

// userKey is platform NUL user: a lifter's history spans chats.
func userKey(platform, userID string) []byte {
	return []byte(platform + "\x00" + userID)
}

func lifterFromKey(k []byte) record.Lifter {
	parts := strings.SplitN(string(k), "\x00", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return record.Lifter{Platform: parts[0], ChatID: parts[1], UserID: parts[2]}
}
