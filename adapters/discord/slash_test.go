package discord

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/spotter-coach/spotter/bot"
)

func TestSlashCommandsFromSpecs(t *testing.T) {
	cmds, errs := slashCommands(bot.Commands())
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(cmds) != len(bot.Commands()) {
		t.Fatalf("%d commands for %d specs", len(cmds), len(bot.Commands()))
	}
	for _, c := range cmds {
		if c.Type != discordgo.ChatApplicationCommand || !commandName.MatchString(c.Name) {
			t.Errorf("%q: type %d", c.Name, c.Type)
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 100 {
			t.Errorf("%q: description of %d characters", c.Name, n)
		}
		optional := false
		for _, o := range c.Options {
			if o.Required && optional {
				t.Errorf("%q: required option %q after an optional one", c.Name, o.Name)
			}
			optional = optional || !o.Required
			if n := utf8.RuneCountInString(o.Description); n < 1 || n > 100 {
				t.Errorf("%q/%q: description of %d characters", c.Name, o.Name, n)
			}
		}
	}
	spec := bot.CommandSpec{Name: "japanese", Description: strings.Repeat("d", 150), Args: []bot.Arg{
		{Name: "form", Kind: bot.ArgChoice, Choices: []string{"ladder"}},
		{Name: "load", Kind: bot.ArgNumber, Required: true},
		{Name: "exercise", Kind: bot.ArgExercise, Required: true},
		{Name: "reps", Kind: bot.ArgInteger, Required: true, Prefix: "x"},
		{Name: "options", Kind: bot.ArgText},
		{Name: "file", Kind: bot.ArgFile},
	}}
	c, err := slashCommand(spec)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range c.Options {
		got = append(got, o.Name+":"+o.Type.String())
	}
	if want := "load:Number exercise:String reps:Integer form:String options:String file:Attachment"; strings.Join(got, " ") != want {
		t.Errorf("options %q, want %q", strings.Join(got, " "), want)
	}
	if !c.Options[1].Autocomplete || len(c.Options[3].Choices) != 1 || c.Options[3].Choices[0].Value != "ladder" {
		t.Errorf("autocomplete/choices: %+v %+v", c.Options[1], c.Options[3])
	}
	if n := utf8.RuneCountInString(c.Description); n != 100 {
		t.Errorf("description clipped to %d", n)
	}
	if c.Options[0].Description != "load" {
		t.Errorf("empty description should fall back to the name: %q", c.Options[0].Description)
	}
	for _, bad := range []bot.CommandSpec{{Name: "Drop"}, {Name: ""}, {Name: "x", Args: []bot.Arg{{Name: "a", Kind: bot.ArgChoice}}}} {
		if _, err := slashCommand(bad); err == nil {
			t.Errorf("%+v: want an error", bad)
		}
	}
}

func TestOptionValuesMakeChatText(t *testing.T) {
	spec := bot.CommandSpec{Name: "backoff", Args: []bot.Arg{
		{Name: "load", Kind: bot.ArgText, Required: true},
		{Name: "exercise", Kind: bot.ArgExercise, Required: true},
		{Name: "reps", Kind: bot.ArgInteger, Prefix: "x"},
		{Name: "top", Kind: bot.ArgNumber},
	}}
	opts := []*discordgo.ApplicationCommandInteractionDataOption{
		{Name: "exercise", Type: discordgo.ApplicationCommandOptionString, Value: "bench"},
		{Name: "load", Type: discordgo.ApplicationCommandOptionString, Value: "100kg"},
		{Name: "reps", Type: discordgo.ApplicationCommandOptionInteger, Value: float64(5)},
		{Name: "top", Type: discordgo.ApplicationCommandOptionNumber, Value: 67.5},
		{Name: "stray", Type: discordgo.ApplicationCommandOptionString, Value: "x"},
	}
	if got, want := spec.Text(optionValues(spec, opts)), "backoff 100kg bench x5 67.5"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}
