// Package config is Spotter's TOML configuration: the file's schema, the
// defaults when a key is left out, and the checks that refuse a bad file
// with an Error naming its file, line and key. config.example.toml at the
// root of the repository documents every key.
//
// The bounds a technique table or a preset is held to (drops, mini-sets,
// rests, plates) are the coach's own, so that the file can never set what
// a lifter's command could not.
package config

import (
	"time"

	"github.com/spotter-coach/spotter/adapters/discord"
	"github.com/spotter-coach/spotter/adapters/telegram"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Config is the loaded, checked configuration.
type Config struct {
	Coach coach.Config
	Unit  coach.Unit
	Data  string // bbolt path from the file, if set
	// StoreURL is a PostgreSQL database to keep the data in instead
	// ([store] url, or SPOTTER_STORE_URL, which wins); "" is the bbolt file.
	StoreURL string
	// MissedAfter: pings overdue by more than this at start-up are sent as
	// missed while the bot was offline.
	MissedAfter time.Duration
	Ops         Ops
	Log         Log
	Telegram    telegram.Config
	Discord     discord.Config
	// Boards are the chats' weekly board posts ([[board]]).
	Boards []record.Board
}

// Default is the configuration with no file: the articles' defaults, the
// built-in gym and catalog, kilograms.
func Default() Config {
	return Config{Coach: coach.Config{Defaults: coach.ArticleDefaults()}, Unit: coach.KG, MissedAfter: 10 * time.Minute}
}

// Secrets are the values that must never reach a log line: the platforms'
// tokens, the webhook secret and the ops endpoint's backup token.
func (c Config) Secrets() []string {
	return []string{c.Telegram.Token, c.Telegram.WebhookSecret, c.Discord.Token, c.Ops.BackupToken, storePassword(c.StoreURL)}
}

// ApplyEnv lets the environment's tokens (SPOTTER_TELEGRAM_TOKEN,
// SPOTTER_DISCORD_TOKEN, SPOTTER_OPS_TOKEN) and store URL
// (SPOTTER_STORE_URL) win over the file's, so that a secret need not be
// written in a file.
func (c *Config) ApplyEnv(getenv func(string) string) {
	if u := getenv(storeURLEnv); u != "" {
		c.StoreURL = u
	}
	if t := getenv(opsTokenEnv); t != "" {
		c.Ops.BackupToken = t
	}
	if t := getenv("SPOTTER_TELEGRAM_TOKEN"); t != "" {
		c.Telegram.Token = t
	}
	if t := getenv("SPOTTER_DISCORD_TOKEN"); t != "" {
		c.Discord.Token = t
	}
}
