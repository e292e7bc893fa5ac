package discord

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Discord's limits for chat-input commands.
const (
	maxCommands    = 100 // global commands per application
	maxOptions     = 25  // options per command
	maxChoices     = 25  // choices per option, and autocomplete answers
	maxDescription = 100 // command and option descriptions, choice names
)

var commandName = regexp.MustCompile(`^[a-z0-9_-]{1,32}$`)

// Where each command may be used. Spotter can be added to a server
// (guild install) and added by a lifter to their own account (user
// install): then its commands work in any server, in a DM with the bot
// and in the lifter's DMs and group DMs, where the answers come as the
// interaction's response (the bot may be no member there). Discord
// documents both lists for global commands; a guild command is offered
// in its guild only, whatever they say.
var (
	integrationTypes = []discordgo.ApplicationIntegrationType{
		discordgo.ApplicationIntegrationGuildInstall,
		discordgo.ApplicationIntegrationUserInstall,
	}
	interactionContexts = []discordgo.InteractionContextType{
		discordgo.InteractionContextGuild,
		discordgo.InteractionContextBotDM,
		discordgo.InteractionContextPrivateChannel,
	}
)

// slashCommand is the chat-input command for a hub command: typed
// options in the spec's order, required ones first as Discord demands.
func slashCommand(spec bot.CommandSpec) (*discordgo.ApplicationCommand, error) {
	if !commandName.MatchString(spec.Name) {
		return nil, fmt.Errorf("command %q: not a valid slash command name", spec.Name)
	}
	if len(spec.Args) > maxOptions {
		return nil, fmt.Errorf("command %q: %d options, Discord allows %d", spec.Name, len(spec.Args), maxOptions)
	}
	types, contexts := slices.Clone(integrationTypes), slices.Clone(interactionContexts)
	cmd := &discordgo.ApplicationCommand{
		Type:             discordgo.ChatApplicationCommand,
		Name:             spec.Name,
		Description:      clip(spec.Description, spec.Name, maxDescription),
		Options:          []*discordgo.ApplicationCommandOption{},
		IntegrationTypes: &types,
		Contexts:         &contexts,
	}
	seen := map[string]bool{}
	for _, a := range spec.Args {
		if !commandName.MatchString(a.Name) || seen[a.Name] {
			return nil, fmt.Errorf("command %q: option %q: invalid or repeated name", spec.Name, a.Name)
		}
		seen[a.Name] = true
		o := &discordgo.ApplicationCommandOption{
			Name:        a.Name,
			Description: clip(a.Description, a.Name, maxDescription),
			Required:    a.Required,
			Type:        discordgo.ApplicationCommandOptionString,
		}
		_, o.Autocomplete = suggestFields[a.Kind]
		switch a.Kind {
		case bot.ArgNumber:
			o.Type = discordgo.ApplicationCommandOptionNumber
		case bot.ArgInteger:
			o.Type = discordgo.ApplicationCommandOptionInteger
		case bot.ArgFile:
			o.Type = discordgo.ApplicationCommandOptionAttachment
		case bot.ArgChoice:
			if len(a.Choices) == 0 || len(a.Choices) > maxChoices {
				return nil, fmt.Errorf("command %q: option %q: %d choices, Discord allows 1-%d", spec.Name, a.Name, len(a.Choices), maxChoices)
			}
			for _, c := range a.Choices {
				o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(c, c, maxDescription), Value: c})
			}
		}
		cmd.Options = append(cmd.Options, o)
	}
	sort.SliceStable(cmd.Options, func(i, j int) bool { return cmd.Options[i].Required && !cmd.Options[j].Required })
	return cmd, nil
}

// slashCommands converts every spec listed on Discord that Discord can
// take; the others are returned as errors to log.
func slashCommands(specs []bot.CommandSpec) ([]*discordgo.ApplicationCommand, []error) {
	var cmds []*discordgo.ApplicationCommand
	var errs []error
	for _, s := range specs {
		if !s.Listed(Platform) {
			continue
		}
		if len(cmds) == maxCommands {
			errs = append(errs, fmt.Errorf("command %q and later: Discord allows %d commands", s.Name, maxCommands))
			break
		}
		c, err := slashCommand(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cmds = append(cmds, c)
	}
	return cmds, errs
}

// optionValues reads an interaction's option values as chat text, by
// name, for spec.Text. Options the spec does not have are ignored; an
// attachment's value is its id in the interaction's resolved data.
func optionValues(spec bot.CommandSpec, opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]string {
	known := map[string]bool{}
	for _, a := range spec.Args {
		known[a.Name] = true
	}
	vals := map[string]string{}
	for _, o := range opts {
		if o == nil || !known[o.Name] {
			continue
		}
		if v, ok := optionText(o.Value); ok {
			vals[o.Name] = v
		}
	}
	return vals
}

// optionText formats one option value: numbers without exponent or
// trailing zeros ("67.5", "8"), strings as they are.
func optionText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	}
	return "", false
}

// clip shortens s to at most n characters, using fallback when s is empty.
func clip(s, fallback string, n int) string {
	if s == "" {
		s = fallback
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
