package discord

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

// suggester records what the adapter asks Suggest for.
type suggester struct {
	nopHandler
	asked []string // field + ":" + prefix
}

func (s *suggester) Suggest(platform, user, field, prefix string, n int) []string {
	s.asked = append(s.asked, field+":"+prefix)
	if n != maxChoices || platform != Platform || user != "500000000000000001" {
		return nil
	}
	return []string{"seal row", "", string(make([]byte, maxDescription+1)), "bench press"}
}

func (s *suggester) Submit(context.Context, bot.Message) error { return nil }

func autocomplete(command string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete,
		Member: &discordgo.Member{User: &discordgo.User{ID: "500000000000000001"}},
		Data:   discordgo.ApplicationCommandInteractionData{Name: command, Options: opts}}
}

// TestAutocompleteFields: the focused option's kind picks what Suggest
// offers; names Discord cannot take are left out. A kind added to
// suggestFields (a preset, say) is registered with autocomplete and
// answered with no other change.
func TestAutocompleteFields(t *testing.T) {
	h := &suggester{}
	a, err := New(Config{Token: "t"}, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := a.choices(autocomplete("log", &discordgo.ApplicationCommandInteractionDataOption{Name: "exercise", Type: discordgo.ApplicationCommandOptionString, Value: "se", Focused: true}))
	if len(got) != 2 || got[0].Name != "seal row" || got[0].Value != "seal row" || got[1].Name != "bench press" {
		t.Errorf("choices %v", got)
	}
	if len(h.asked) != 1 || h.asked[0] != bot.SuggestExercise+":se" {
		t.Errorf("asked %v", h.asked)
	}
	// An option that is not focused, or of a kind not offered, asks nothing.
	h.asked = nil
	a.choices(autocomplete("log", &discordgo.ApplicationCommandInteractionDataOption{Name: "exercise", Value: "se"},
		&discordgo.ApplicationCommandInteractionDataOption{Name: "sets", Value: "1", Focused: true}))
	if len(h.asked) != 0 {
		t.Errorf("asked %v", h.asked)
	}
	// One line makes a kind autocomplete: here free text.
	spec := bot.CommandSpec{Name: "help", Args: []bot.Arg{{Name: "topic", Kind: bot.ArgText}}}
	if cmd, _ := slashCommand(spec); cmd.Options[0].Autocomplete {
		t.Fatal("free text autocompletes")
	}
	suggestFields[bot.ArgText] = bot.SuggestPreset
	defer delete(suggestFields, bot.ArgText)
	if cmd, _ := slashCommand(spec); !cmd.Options[0].Autocomplete {
		t.Error("a kind in suggestFields is registered without autocomplete")
	}
	h.asked = nil
	a.choices(autocomplete("help", &discordgo.ApplicationCommandInteractionDataOption{Name: "topic", Value: "q", Focused: true}))
	if len(h.asked) != 1 || h.asked[0] != bot.SuggestPreset+":q" {
		t.Errorf("asked %v", h.asked)
	}
}
