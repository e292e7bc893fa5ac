package config

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// [store] url takes a PostgreSQL URL (the environment's wins) and keeps
// its password out of the logs; anything else is refused by line.
func TestStoreURL(t *testing.T) {
	cfg, err := load(t, "[store]\nurl = \"postgres://spotter:s3cret-pass@db:5432/spotter\"\n")
	if err != nil || cfg.StoreURL != "postgres://spotter:s3cret-pass@db:5432/spotter" {
		t.Fatalf("store url: %q, %v", cfg.StoreURL, err)
	}
	if !slices.Contains(cfg.Secrets(), "s3cret-pass") {
		t.Errorf("the store's password is not among the secrets the logs hide: %q", cfg.Secrets())
	}
	cfg.ApplyEnv(func(k string) string {
		if k == storeURLEnv {
			return "postgres://other@db/spotter"
		}
		return ""
	})
	if cfg.StoreURL != "postgres://other@db/spotter" {
		t.Errorf("SPOTTER_STORE_URL did not win: %q", cfg.StoreURL)
	}
	_, err = load(t, "[store]\nurl = \"mysql://root:hunter2@db/spotter\"\n")
	var ce *Error
	if !errors.As(err, &ce) || ce.Key != "store.url" || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("a URL that is not PostgreSQL: %v", err)
	}
}

// shard_ids name shards of the configured count, each once.
func TestShardIDs(t *testing.T) {
	cfg, err := load(t, "[discord]\nshards = 4\nshard_ids = [2, 3]\n")
	if err != nil || !slices.Equal(cfg.Discord.ShardIDs, []int{2, 3}) || cfg.Discord.Shards != 4 {
		t.Fatalf("shard_ids: %v of %d, %v", cfg.Discord.ShardIDs, cfg.Discord.Shards, err)
	}
	for _, bad := range []string{"shard_ids = [0]", "shards = 2\nshard_ids = [2]", "shards = 2\nshard_ids = [1, 1]", "shards = \"auto\"\nshard_ids = [0]"} {
		_, err := load(t, "[discord]\n"+bad+"\n")
		var ce *Error
		if !errors.As(err, &ce) || ce.Key != "discord.shard_ids" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
