package telegram

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseCommand reads the bot command that starts text: "/drop 80kg bench"
// gives ("drop", ""), "/drop@SpotterBot 80kg bench" gives ("drop",
// "SpotterBot"). ok is false when text does not start with a command
// (names are 1-32 of A-Z a-z 0-9 _).
func parseCommand(text string) (name, target string, ok bool) {
	word, found := strings.CutPrefix(text, "/")
	if !found {
		return "", "", false
	}
	if i := strings.IndexFunc(word, unicode.IsSpace); i >= 0 {
		word = word[:i]
	}
	name, target, _ = strings.Cut(word, "@")
	if !commandName(name) {
		return "", "", false
	}
	return name, target, true
}

func commandName(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// addressedTo reports whether a command's @target is this bot: no target,
// or the bot's username in any case. (The library's MatchTypeCommand does
// not match "/start@MyBot" at all: upstream bugs #174, #240.)
func addressedTo(target, username string) bool {
	return target == "" || username != "" && strings.EqualFold(target, username)
}

// cutMention removes a leading "@username" addressed to this bot, as in
// "@SpotterBot drop 80kg bench", and reports whether there was one.
func cutMention(text, username string) (string, bool) {
	if username == "" || len(text) < 1+len(username) || text[0] != '@' ||
		!strings.EqualFold(text[1:1+len(username)], username) {
		return text, false
	}
	rest := text[1+len(username):]
	if rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		if !unicode.IsSpace(r) && r != ',' && r != ':' {
			return text, false // "@SpotterBotFan": someone else
		}
	}
	return strings.TrimSpace(strings.TrimLeft(rest, ",:")), true
}
