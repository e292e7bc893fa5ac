package telegram

import (
	"context"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/spotter-coach/spotter/bot"
)

// Bot command menu limits.
const (
	maxCommands    = 100
	maxDescription = 256
)

// menuCommands is the command menu for the hub's commands listed on
// Telegram, within Telegram's limits: at most 100, names of 1-32
// [a-z0-9_], descriptions of 1-256 characters. Commands that do not fit
// are left out.
func menuCommands(specs []bot.CommandSpec) []models.BotCommand {
	var out []models.BotCommand
	seen := map[string]bool{}
	for _, s := range specs {
		name := strings.ToLower(s.Name)
		if !s.Listed(Platform) || !commandName(name) || seen[name] || len(out) == maxCommands {
			continue
		}
		seen[name] = true
		desc := strings.Join(strings.Fields(strings.ToValidUTF8(s.Description, "")), " ")
		if desc == "" {
			desc = name
		}
		out = append(out, models.BotCommand{Command: name, Description: clip(desc, maxDescription)})
	}
	return out
}

// setCommands sets the command menu of private chats and of groups. A
// failure is logged: the bot works without a menu.
func (a *Adapter) setCommands(ctx context.Context) {
	cmds := menuCommands(bot.Commands())
	for _, scope := range []models.BotCommandScope{&models.BotCommandScopeAllPrivateChats{}, &models.BotCommandScopeAllGroupChats{}} {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		_, err := a.api.SetMyCommands(cctx, &tgbot.SetMyCommandsParams{Commands: cmds, Scope: scope})
		cancel()
		if err != nil && ctx.Err() == nil {
			a.log.Warn("setMyCommands failed; the command menu may be out of date", "err", a.redactErr("setMyCommands", err))
		}
	}
}
