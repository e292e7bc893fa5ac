package discord

import (
	"fmt"
	"slices"
)

// Shards across processes: Discord routes each server's events to one
// gateway shard (shard = (guild_id >> 22) % shards), and a shard runs in
// one process. Processes that share one store (PostgreSQL) each run
// their own ShardIDs of the same Shards count; direct messages come on
// shard 0. What a process sends needs no gateway, so pings and replies
// of a shard whose process is down are sent by the others (bot.Shared).

// checkShardIDs refuses shard ids that are out of range, repeated, or
// given without the shard count they belong to.
func checkShardIDs(ids []int, shards int) error {
	if len(ids) == 0 {
		return nil
	}
	if shards == 0 {
		return fmt.Errorf("discord: shard_ids %v need shards, the count they are of (shards = %d)", ids, max(len(ids), slices.Max(ids)+1))
	}
	seen := map[int]bool{}
	for _, id := range ids {
		if id < 0 || id >= shards {
			return fmt.Errorf("discord: shard id %d is not one of the %d shards (0 to %d)", id, shards, shards-1)
		}
		if seen[id] {
			return fmt.Errorf("discord: shard id %d is given twice", id)
		}
		seen[id] = true
	}
	return nil
}

// shardIDs are the shards this process runs, of shards in all: those
// configured, else every one.
func (a *Adapter) shardIDs(shards int) []int {
	if len(a.cfg.ShardIDs) > 0 {
		return slices.Sorted(slices.Values(a.cfg.ShardIDs))
	}
	ids := make([]int, shards)
	for i := range ids {
		ids[i] = i
	}
	return ids
}
