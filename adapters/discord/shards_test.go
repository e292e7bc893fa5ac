package discord

import (
	"context"
	"log/slog"
	"slices"
	"testing"

	"github.com/spotter-coach/spotter/internal/dcfake"
)

// Two processes split four shards between them: each connects to its own
// shard ids only, and together they cover every shard once.
func TestShardIDsSplitTheShards(t *testing.T) {
	f, err := dcfake.Start(dcfake.Config{Token: testToken, AppID: testApp, BotID: testBot, Guilds: []string{testGuild}, Shards: 4, MaxConcurrency: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 2)
	for _, ids := range [][]int{{0, 2}, {3, 1}} {
		a, err := New(Config{Token: testToken, APIURL: f.APIURL(), GuildIDs: []string{testGuild}, Shards: 4, ShardIDs: ids},
			nopHandler{}, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		go func() { done <- a.Run(ctx) }()
	}
	wctx, wcancel := context.WithTimeout(context.Background(), wait)
	defer wcancel()
	err = f.Wait(wctx, "four shards connected", func() bool { return len(f.ShardsConnected()) == 4 })
	got := f.ShardsConnected()
	cancel()
	for range 2 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if err != nil || !slices.Equal(got, []int{0, 1, 2, 3}) {
		t.Fatalf("shards connected: %v (%v), want 0-3 once each", got, err)
	}
}

func TestShardIDsChecked(t *testing.T) {
	for _, c := range []struct {
		ids    []int
		shards int
		ok     bool
	}{
		{nil, 0, true},
		{[]int{0, 1}, 4, true},
		{[]int{0, 1}, 0, false},
		{[]int{4}, 4, false},
		{[]int{-1}, 4, false},
		{[]int{1, 1}, 4, false},
	} {
		_, err := New(Config{Token: testToken, Shards: c.shards, ShardIDs: c.ids}, nopHandler{}, slog.New(slog.DiscardHandler))
		if (err == nil) != c.ok {
			t.Errorf("shard_ids %v of %d: %v", c.ids, c.shards, err)
		}
	}
}
