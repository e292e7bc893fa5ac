package config

import (
	"time"

	"github.com/spotter-coach/spotter/adapters/discord"
	"github.com/spotter-coach/spotter/adapters/telegram"
	"github.com/spotter-coach/spotter/bot"
)

// The bounds of the sending rates a file may set. Below the lowest, a
// chat would wait longer for each answer than anyone waits; above the
// highest, one chat would go faster than the platform lets the whole bot
// send (Telegram: about 30 messages a second; Discord: 50 requests a
// second), which earns nothing but 429s. Within them, each pace is a
// positive duration of at most a minute, far from overflowing.
const (
	minChatPerSecond, maxChatPerSecond   = 0.1, 30.0
	minGroupPerMinute, maxGroupPerMinute = 1, 30 * 60
	minChannelPer5s, maxChannelPer5s     = 1, 50 * 5
)

// apply checks the [telegram] table and sets c from it. A rate left out
// keeps the platform's own pace for it.
func (tt telegramTable) apply(c *telegram.Config, fail failFunc) error {
	*c = telegram.Config{Token: tt.Token, APIURL: tt.APIURL, Mode: tt.Mode,
		WebhookListen: tt.WebhookListen, WebhookURL: tt.WebhookURL, WebhookSecret: tt.WebhookSecret,
		Reactions: tt.LogReactions}
	switch tt.Mode {
	case "", "poll", "webhook":
	default:
		return fail("telegram.mode", "%q is not poll or webhook", tt.Mode)
	}
	if tt.Mode == "webhook" && tt.WebhookURL == "" {
		return fail("telegram.webhook_url", "webhook mode needs the public https URL Telegram posts to")
	}
	if r := tt.ChatMessagesPerSecond; r != nil && !(*r >= minChatPerSecond && *r <= maxChatPerSecond) {
		return fail("telegram.chat_messages_per_second", "%v: a chat's rate is %v to %v messages a second", *r, minChatPerSecond, maxChatPerSecond)
	}
	if n := tt.GroupMessagesPerMinute; n != nil && (*n < minGroupPerMinute || *n > maxGroupPerMinute) {
		return fail("telegram.group_messages_per_minute", "%d: a group's rate is %d to %d messages a minute", *n, minGroupPerMinute, maxGroupPerMinute)
	}
	if tt.ChatMessagesPerSecond != nil || tt.GroupMessagesPerMinute != nil {
		pace := bot.Pace{}
		if r := tt.ChatMessagesPerSecond; r != nil {
			// n per second, as one message every 1/n s.
			pace = append(pace, bot.Window{N: 1, Per: time.Duration(float64(time.Second) / *r)})
		} else {
			pace = append(pace, telegram.Pace[0])
		}
		if n := tt.GroupMessagesPerMinute; n != nil {
			// n a minute, spread evenly: one every 60/n s.
			pace = append(pace, bot.Window{N: 1, Per: time.Minute / time.Duration(*n), GroupOnly: true})
		} else {
			pace = append(pace, telegram.Pace[1])
		}
		c.Pace = pace
	}
	return nil
}

// apply checks the [discord] table and sets c from it.
func (dt discordTable) apply(c *discord.Config, fail failFunc) error {
	*c = discord.Config{Token: dt.Token, APIURL: dt.APIURL, GuildIDs: dt.GuildIDs, Prefix: dt.Prefix, Reactions: dt.LogReactions}
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
	if len(dt.ShardIDs) > 0 {
		if c.Shards == 0 {
			return fail("discord.shard_ids", "shard_ids need shards, the number of shards they are of (shards = 4, shard_ids = [0, 1])")
		}
		seen := map[int]bool{}
		for _, id := range dt.ShardIDs {
			if id < 0 || id >= c.Shards || seen[id] {
				return fail("discord.shard_ids", "%v: each id once, from 0 to %d (shards - 1)", dt.ShardIDs, c.Shards-1)
			}
			seen[id] = true
		}
		c.ShardIDs = dt.ShardIDs
	}
	if n := dt.ChannelMessagesPer5s; n != nil {
		if *n < minChannelPer5s || *n > maxChannelPer5s {
			return fail("discord.channel_messages_per_5s", "%d: a channel's rate is %d to %d messages per 5 s", *n, minChannelPer5s, maxChannelPer5s)
		}
		c.Pace = bot.Pace{{N: *n, Per: 5 * time.Second}}
	}
	return nil
}
