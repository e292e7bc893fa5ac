package config

import (
	"fmt"
	"strings"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/zone"
)

// boardTable is one [[board]]: a chat's weekly post of its board, on
// day at hour in tz (a zone as lifters name one; UTC when left out),
// also the zone of the board's week. An admin's "board weekly" in the
// chat stands over it.
type boardTable struct {
	Platform string `toml:"platform"`
	Chat     string `toml:"chat"`
	Day      string `toml:"day"`
	Hour     *int   `toml:"hour"`
	TZ       string `toml:"tz"`
}

// boards checks the [[board]] tables and puts them in cfg.Boards.
func (f *file) boards(cfg *Config, fail failFunc) error {
	seen := map[[2]string]bool{}
	for i, t := range f.Board {
		key := fmt.Sprintf("board[%d]", i)
		switch t.Platform {
		case "telegram", "discord", "console":
		default:
			return fail(key+".platform", "%q is not telegram, discord or console", t.Platform)
		}
		if strings.TrimSpace(t.Chat) == "" {
			return fail(key+".chat", "the chat's id is missing (a Telegram group's is like \"-100123\", a Discord channel's a long number)")
		}
		k := [2]string{t.Platform, t.Chat}
		if seen[k] {
			return fail(key+".chat", "%s chat %q has a board already", t.Platform, t.Chat)
		}
		seen[k] = true
		day, ok := coach.ParseWeekday(t.Day)
		if !ok {
			return fail(key+".day", "%q is not a day of the week such as \"sun\"", t.Day)
		}
		if t.Hour == nil || *t.Hour < 0 || *t.Hour > 23 {
			return fail(key+".hour", "the hour is a whole number from 0 to 23, such as 18")
		}
		b := record.Board{Platform: t.Platform, ChatID: t.Chat, Day: day, Hour: *t.Hour}
		if t.TZ != "" {
			z, err := zone.Resolve(t.TZ)
			if err != nil {
				return fail(key+".tz", "%q is not a time zone such as \"Europe/Berlin\"", t.TZ)
			}
			b.TZ = z.Name
		}
		cfg.Boards = append(cfg.Boards, b)
	}
	return nil
}
