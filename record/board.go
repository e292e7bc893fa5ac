package record

import "time"

// Board is a chat's weekly post of its board (coach.BuildBoard), as an
// admin set it with "board weekly", and when it last went out.
type Board struct {
	Platform, ChatID string
	// Set: an admin set the schedule here (board weekly); it then
	// stands over the configuration's, and Off stops the post.
	Set bool `json:",omitempty"`
	Off bool `json:",omitempty"`
	// Day and Hour are when the post goes out, in TZ ("" = UTC): also
	// the zone of the board's week.
	Day  time.Weekday
	Hour int
	TZ   string `json:",omitempty"`
	// Posted is the time of the last post's slot (Day at Hour of its
	// week); zero before the first.
	Posted time.Time `json:",omitzero"`
}
