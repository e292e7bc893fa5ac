package config

import (
	"time"

	"github.com/spotter-coach/spotter/adapters/discord"
	"github.com/spotter-coach/spotter/adapters/telegram"
	"github.com/spotter-coach/spotter/bot"
)

// apply checks the [telegram] table and sets c from it. A rate left out
// keeps the platform's own pace for it.
func (tt telegramTable) apply(c *telegram.Config, fail failFunc) error {
	*c = telegram.Config{Token: tt.Token, APIURL: tt.APIURL, Mode: tt.Mode,
		WebhookListen: tt.WebhookListen, WebhookURL: tt.WebhookURL, WebhookSecret: tt.WebhookSecret}
	switch tt.Mode {
	case "", "poll", "webhook":
	default:
		return fail("telegram.mode", "%q is not poll or webhook", tt.Mode)
	}
	if tt.Mode == "webhook" && tt.WebhookURL == "" {
		return fail("telegram.webhook_url", "webhook mode needs the public https URL Telegram posts to")
	}
	if tt.ChatMessagesPerSecond < 0 || tt.GroupMessagesPerMinute < 0 {
		return fail("telegram", "message rates are positive numbers")
	}
	if tt.ChatMessagesPerSecond > 0 || tt.GroupMessagesPerMinute > 0 {
		pace := bot.Pace{}
		if r := tt.ChatMessagesPerSecond; r > 0 {
			// n per second, as one message every 1/n s.
			pace = append(pace, bot.Window{N: 1, Per: time.Duration(float64(time.Second) / r)})
		} else {
			pace = append(pace, telegram.Pace[0])
		}
		if n := tt.GroupMessagesPerMinute; n > 0 {
			// n a minute, spread evenly: one every 60/n s.
			pace = append(pace, bot.Window{N: 1, Per: time.Minute / time.Duration(n), GroupOnly: true})
		} else {
			pace = append(pace, telegram.Pace[1])
		}
		c.Pace = pace
	}
	return nil
}

// apply checks the [discord] table and sets c from it.
func (dt discordTable) apply(c *discord.Config, fail failFunc) error {
	*c = discord.Config{Token: dt.Token, APIURL: dt.APIURL, GuildIDs: dt.GuildIDs, Prefix: dt.Prefix}
	switch v := dt.Shards.(type) {
	case nil:
	case string:
		if v != "auto" {
			return fail("discord.shards", "%q is not a number or \"auto\"", v)
		}
	case int64:
		if v < 1 || v > 10000 {
			return fail("discord.shards", "%d: shards are 1 or more", v)
		}
		c.Shards = int(v)
	default:
		return fail("discord.shards", "%v is not a number or \"auto\"", v)
	}
	if dt.ChannelMessagesPer5s < 0 {
		return fail("discord.channel_messages_per_5s", "a rate is a positive number")
	}
	if n := dt.ChannelMessagesPer5s; n > 0 {
		c.Pace = bot.Pace{{N: n, Per: 5 * time.Second}}
	}
	return nil
}
