package coach

import (
	"fmt"
	"strings"
)

// Help is the help text for a topic: "" (or the help verb) for the
// overview, any command word of the verbs table, "exercises", "presets"
// or a preset's name. An unknown topic gets the overview with a line
// saying so.
func (c *Coach) Help(topic string) string {
	topic = strings.ToLower(strings.TrimSpace(topic))
	if topic == "" {
		return c.overview()
	}
	if strings.HasPrefix(topic, "exercise") {
		return c.exerciseHelp()
	}
	if strings.HasPrefix(topic, "preset") {
		return c.presetHelp()
	}
	if v := topicVerb(commandWord(topic)); v != nil {
		if v.Kind == KindHelp {
			return c.overview()
		}
		return v.Help
	}
	if p, isPreset := c.presets[topic]; isPreset {
		return fmt.Sprintf("\"%s\" is a preset for a %s.\n%s", p.Name, p.Technique, techniqueVerb(p.Technique).Help)
	}
	return fmt.Sprintf("No help on %q.\n%s", clip(topic, 24), c.overview())
}

// overview is the answer to help: a line for each verb that has one, and
// the topics to ask about.
func (c *Coach) overview() string {
	var b strings.Builder
	b.WriteString("Spotter plans intensity techniques on the equipment you have.\n")
	var topics []string
	for _, v := range verbs {
		if v.Line != "" {
			b.WriteString(v.Line)
			b.WriteByte('\n')
			topics = append(topics, "help "+v.Words[0])
		}
	}
	b.WriteString("A load without a unit is in your default unit. " + strings.Join(topics, ", ") + " explain each; help exercises lists the exercises.")
	if len(c.presets) > 0 {
		b.WriteString("\nPresets: ")
		for i, p := range c.Presets() {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s (%s)", p.Name, p.Technique)
		}
	}
	return b.String()
}

func (c *Coach) exerciseHelp() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d exercises (name: what you can also type):\n", c.catalog.Len())
	for _, e := range c.catalog.All() {
		b.WriteString(e.Name)
		if len(e.Aliases) > 0 {
			b.WriteString(": ")
			b.WriteString(strings.Join(e.Aliases, ", "))
		}
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

func (c *Coach) presetHelp() string {
	if len(c.presets) == 0 {
		return "No presets: whoever runs the bot can add them as [[preset]] in the TOML file."
	}
	var b strings.Builder
	for _, p := range c.Presets() {
		ex := exampleFor(p.Technique)
		ex = p.Name + ex[strings.IndexByte(ex, ' '):]
		fmt.Fprintf(&b, "%s: a %s, e.g. %s\n", p.Name, p.Technique, ex)
	}
	return strings.TrimRight(b.String(), "\n")
}
