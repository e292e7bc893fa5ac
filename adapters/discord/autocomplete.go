package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// Autocomplete: while a lifter types an option that names something
// Spotter knows, Discord asks (interaction type 4) and shows up to 25
// choices. The hub answers at once from any goroutine (bot.Hub.Suggest):
// for an exercise, the lifter's own exercise names first, then the
// catalog's; for a preset (/preset's name), the configured presets.

// suggestFields maps the argument kinds offered by autocomplete to the
// hub's Suggest field. A kind listed here is registered with
// autocomplete on (slashCommand) and answered by onAutocomplete: a new
// kind needs one line here and nothing else.
var suggestFields = map[bot.ArgKind]string{
	bot.ArgExercise: bot.SuggestExercise,
	bot.ArgPreset:   bot.SuggestPreset,
}

// onAutocomplete answers (type 8) with up to 25 choices for the focused
// option, when its kind is offered; with none otherwise (Discord then
// shows "no options", and the lifter types freely).
func (a *Adapter) onAutocomplete(ctx context.Context, in *discordgo.Interaction) {
	choices := a.choices(in)
	a.respond(ctx, in, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
}

// choices are the autocomplete choices for in's focused option, never nil
// (Discord wants a list).
func (a *Adapter) choices(in *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	out := []*discordgo.ApplicationCommandOptionChoice{}
	data := in.ApplicationCommandData()
	spec, ok := a.specs[data.Name]
	if !ok {
		return out
	}
	user := in.User
	if in.Member != nil && in.Member.User != nil {
		user = in.Member.User
	}
	if user == nil {
		return out
	}
	for _, o := range data.Options {
		if o == nil || !o.Focused {
			continue
		}
		for _, arg := range spec.Args {
			field, offered := suggestFields[arg.Kind]
			if arg.Name != o.Name || !offered {
				continue
			}
			typed, _ := o.Value.(string)
			for _, name := range a.h.Suggest(Platform, user.ID, field, typed, maxChoices) {
				// A choice's name and value take 1-100 characters.
				if name == "" || len(name) > maxDescription || len(out) == maxChoices {
					continue
				}
				out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: name})
			}
		}
	}
	return out
}
