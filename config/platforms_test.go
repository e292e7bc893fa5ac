package config

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestPlatformConfigAndEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.toml")
	os.WriteFile(path, []byte(`[telegram]
token = "file-token"
group_messages_per_minute = 10
[discord]
token = "d-file"
shards = 3
guild_ids = ["1", "2"]
channel_messages_per_5s = 4
`), 0o600)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram.Token != "file-token" || cfg.Discord.Shards != 3 || len(cfg.Discord.GuildIDs) != 2 {
		t.Errorf("platform config: %+v %+v", cfg.Telegram, cfg.Discord)
	}
	if p := cfg.Telegram.Pace; len(p) != 2 || p[1].N != 1 || p[1].Per != 6*time.Second || !p[1].GroupOnly || p[0].Per != time.Second {
		t.Errorf("telegram pace %+v", p)
	}
	if p := cfg.Discord.Pace; len(p) != 1 || p[0].N != 4 || p[0].Per != 5*time.Second {
		t.Errorf("discord pace %+v", p)
	}
	env := map[string]string{"SPOTTER_TELEGRAM_TOKEN": "env-token"}
	cfg.ApplyEnv(func(k string) string { return env[k] })
	if cfg.Telegram.Token != "env-token" || cfg.Discord.Token != "d-file" {
		t.Errorf("the environment does not win: %q %q", cfg.Telegram.Token, cfg.Discord.Token)
	}
	for _, s := range []string{"env-token", "d-file"} {
		if !slices.Contains(cfg.Secrets(), s) {
			t.Errorf("%q is not kept out of the logs", s)
		}
	}
}
