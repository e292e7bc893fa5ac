package discord

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// identifyGap is how long Discord wants between IDENTIFYs of one
// max_concurrency bucket.
const identifyGap = 5 * time.Second

// Run opens one gateway session per shard, registers the slash commands
// with a bulk overwrite, and handles events until ctx is done; then it
// closes the sessions (discordgo's Close takes about a second; the shards
// close together) and returns nil. A dropped gateway connection is
// resumed by discordgo. Run may be called once.
func (a *Adapter) Run(ctx context.Context) error {
	if !a.running.CompareAndSwap(false, true) {
		return errors.New("discord: Run called twice")
	}
	shards, concurrency, err := a.shardPlan(ctx)
	if err != nil {
		return err
	}
	var sessions []*discordgo.Session
	defer func() { closeAll(sessions) }()
	for n, id := range a.shardIDs(shards) {
		if n > 0 && n%concurrency == 0 {
			t := time.NewTimer(identifyGap)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			}
		}
		s, err := a.newSession()
		if err != nil {
			return err
		}
		s.ShardID, s.ShardCount = id, shards
		a.addHandlers(ctx, s)
		if err := s.Open(); err != nil {
			return fmt.Errorf("discord: connecting shard %d of %d: %s", id, shards, a.redact(err.Error()))
		}
		sessions = append(sessions, s)
		a.log.Info("discord: gateway connected", "shard", id, "shards", shards)
	}
	if ctx.Err() == nil {
		a.registerCommands(ctx, appID(sessions[0]))
	}
	<-ctx.Done()
	return nil
}

// shardPlan is the number of shards to run and how many may identify at
// once, from GET /gateway/bot (Discord's recommendation when Shards is 0).
func (a *Adapter) shardPlan(ctx context.Context) (shards, concurrency int, err error) {
	gb, err := a.rest.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		err = a.fail("asking for the gateway", err)
		if a.cfg.Shards == 0 {
			return 0, 0, err
		}
		a.log.Warn("discord: GET /gateway/bot failed; identifying one shard at a time", "err", err)
		return a.cfg.Shards, 1, nil
	}
	shards = a.cfg.Shards
	if shards == 0 {
		shards = max(gb.Shards, 1)
	}
	return shards, max(gb.SessionStartLimit.MaxConcurrency, 1), nil
}

// addHandlers routes a shard's events to the adapter. discordgo runs each
// handler call on its own goroutine.
func (a *Adapter) addHandlers(ctx context.Context, s *discordgo.Session) {
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		a.onInteraction(ctx, ic.Interaction)
	})
	s.AddHandler(func(s *discordgo.Session, mc *discordgo.MessageCreate) {
		a.onMessage(ctx, s, mc.Message)
	})
	s.AddHandler(func(s *discordgo.Session, _ *discordgo.Disconnect) {
		if ctx.Err() == nil {
			a.log.Warn("discord: gateway disconnected; reconnecting", "shard", s.ShardID)
		}
	})
	s.AddHandler(func(s *discordgo.Session, _ *discordgo.Resumed) {
		a.log.Info("discord: gateway session resumed", "shard", s.ShardID)
	})
}

// registerCommands bulk-overwrites the slash commands, per guild when
// GuildIDs are set (they update at once), else globally. A failure is
// logged: mention commands still work.
func (a *Adapter) registerCommands(ctx context.Context, app string) {
	if app == "" {
		a.log.Error("discord: READY carried no application id; slash commands not registered")
		return
	}
	cmds, errs := slashCommands(a.specList())
	for _, err := range errs {
		a.log.Error("discord: a command cannot be a slash command", "err", err)
	}
	guilds := a.cfg.GuildIDs
	if len(guilds) == 0 {
		guilds = []string{""}
	}
	for _, g := range guilds {
		_, err := a.rest.ApplicationCommandBulkOverwrite(app, g, cmds, discordgo.WithContext(ctx))
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return
			}
			a.log.Error("discord: registering slash commands failed", "guild", g, "err", a.fail("bulk overwrite", err))
			continue
		}
		a.log.Info("discord: slash commands registered", "guild", g, "count", len(cmds))
	}
}

// appID is the application id from a session's READY, else the bot's
// user id (the same for bots made in the developer portal).
func appID(s *discordgo.Session) string {
	s.State.RLock()
	defer s.State.RUnlock()
	if s.State.Application != nil && s.State.Application.ID != "" {
		return s.State.Application.ID
	}
	if s.State.User != nil {
		return s.State.User.ID
	}
	return ""
}

// closeAll closes the sessions together.
func closeAll(sessions []*discordgo.Session) {
	var wg sync.WaitGroup
	for _, s := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = s.Close()
		}()
	}
	wg.Wait()
}
