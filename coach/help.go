package coach

import (
	"fmt"
	"strings"
)

// Help is the help text for a topic: "" (or the help verb) for the
// overview, any command word of the verbs table, "exercises" with or
// without a filter (see exerciseHelp), "presets" or a preset's name. An
// unknown topic gets the overview with a line saying so.
func (c *Coach) Help(topic string) string {
	topic = strings.ToLower(strings.TrimSpace(topic))
	if topic == "" {
		return c.overview()
	}
	first, rest, _ := strings.Cut(topic, " ")
	if strings.HasPrefix(first, "exercise") {
		return c.exerciseHelp(strings.Join(strings.Fields(rest), " "))
	}
	if strings.HasPrefix(topic, "presets") {
		return c.presetHelp()
	}
	if name, ok := strings.CutPrefix(topic, "preset "); ok {
		if _, isPreset := c.presets[strings.TrimSpace(name)]; isPreset {
			topic = strings.TrimSpace(name) // help preset quickrp
		}
	}
	if v := topicVerb(commandWord(topic)); v != nil {
		switch {
		case v.Kind == KindHelp:
			return c.overview()
		case v.Preset:
			return c.presetVerbHelp()
		}
		return v.Help
	}
	if p, isPreset := c.presets[topic]; isPreset {
		return fmt.Sprintf("\"%s\" is a preset for a %s.\n%s", p.Name, p.Technique, techniqueVerb(p.Technique).Help)
	}
	return fmt.Sprintf("No help on %q.\n%s", clip(topic, 24), c.overview())
}

// overview is the answer to help: what Spotter does, a line for each
// technique, a line of examples for each group of the other commands,
// and the topics to ask about. It is short enough to read in a chat: the
// details are in each command's help.
func (c *Coach) overview() string {
	var b strings.Builder
	b.WriteString("Spotter plans intensity techniques on your gym's equipment, times your rests and keeps your training log.\n")
	b.WriteString("Plan a set (a load without a unit is in your units setting):\n")
	var groups []string
	examples := map[string][]string{}
	topics := []string{}
	for _, v := range verbs {
		switch {
		case v.Preset:
			if len(c.presets) > 0 {
				ex := presetExample(c.Presets()[0])
				b.WriteString(ex + ": plan a preset (below) by its name\n")
				topics = append(topics, "help "+v.Words[0])
			}
		case v.Line != "":
			b.WriteString(v.Line)
			b.WriteByte('\n')
			topics = append(topics, "help "+v.Words[0])
		case v.Group != "":
			if _, seen := examples[v.Group]; !seen {
				groups = append(groups, v.Group)
				topics = append(topics, "help "+v.Words[0])
			}
			examples[v.Group] = append(examples[v.Group], v.Example)
		}
	}
	for _, g := range groups {
		b.WriteString(g + ": " + strings.Join(examples[g], ", ") + "\n")
	}
	b.WriteString("Say help and a command for what it does, with examples: " + strings.Join(topics, ", ") + "\n")
	b.WriteString("Exercises: help exercises, help exercises chest, help exercises curl")
	if len(c.presets) > 0 {
		b.WriteString("\nPresets (help presets): ")
		for i, p := range c.Presets() {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s (%s)", p.Name, p.Technique)
		}
	}
	return b.String()
}

// exerciseHelp answers help exercises FILTER. Without a filter it counts
// the exercises by muscle group and by equipment, and says how to filter
// them: a whole catalog does not fit a chat message. "all" lists every
// exercise; any other filter lists the exercises it matches (matchExercises).
func (c *Coach) exerciseHelp(filter string) string {
	switch filter {
	case "":
		return c.exerciseGroups()
	case "all", "every", "list":
		return exerciseList(fmt.Sprintf("All %s", Plural(c.catalog.Len(), "exercise")), c.catalog.All())
	}
	found, kind := c.matchExercises(filter)
	if len(found) == 0 {
		msg := fmt.Sprintf("No exercise matches %q.", clip(filter, 40))
		if s := c.catalog.Suggest(filter, 3); len(s) > 0 {
			msg += " Did you mean " + orList(s) + "?"
		}
		return msg + "\n" + c.exerciseGroups()
	}
	heading := fmt.Sprintf("%s for %q", Plural(len(found), "exercise"), clip(filter, 40))
	if kind != "" {
		heading = Plural(len(found), kind+" exercise")
	}
	return exerciseList(heading, found)
}

// exerciseList is a heading and a line per exercise: its name and what a
// lifter can also type for it.
func exerciseList(heading string, list []*Exercise) string {
	var b strings.Builder
	b.WriteString(heading + " (name: what you can also type):")
	for _, e := range list {
		b.WriteByte('\n')
		b.WriteString(e.Name)
		if len(e.Aliases) > 0 {
			b.WriteString(": ")
			b.WriteString(strings.Join(e.Aliases, ", "))
		}
	}
	return b.String()
}

// exerciseGroups counts the catalog's exercises by muscle group and by
// equipment, and says how to list some of them.
func (c *Coach) exerciseGroups() string {
	var muscles [len(catMuscles)]int
	var equipment [equipmentCount]int
	for _, e := range c.catalog.list {
		for _, m := range e.Muscles {
			for i, cm := range catMuscles {
				if m == cm {
					muscles[i]++
				}
			}
		}
		equipment[e.Equipment]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s. By muscle group: ", Plural(c.catalog.Len(), "exercise"))
	for i, m := range catMuscles {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", m, muscles[i])
	}
	b.WriteString(".\nBy equipment: ")
	n := 0
	for i, count := range equipment {
		if count == 0 {
			continue
		}
		if n > 0 {
			b.WriteString(", ")
		}
		n++
		fmt.Fprintf(&b, "%s %d", Equipment(i), count)
	}
	b.WriteString(".\n")
	if common := c.commonExercises(); common != "" {
		b.WriteString("The big ones, and a short name for each: " + common + ".\n")
	}
	b.WriteString("To list some, add a muscle group, an equipment or a word of the name, e.g. help exercises chest, help exercises db, help exercises curl; help exercises all lists them all.")
	return b.String()
}

// bigLifts are the exercises most lifters log first, shown with help
// exercises so that a newcomer sees the names and short names of what
// they train without listing the catalog.
var bigLifts = []string{"bench press", "back squat", "deadlift", "overhead press", "barbell row", "pull up"}

// commonExercises is the catalog's big lifts with their first alias:
// "bench press (bench), back squat (squat), ...".
func (c *Coach) commonExercises() string {
	var out []string
	for _, name := range bigLifts {
		e, ok := c.catalog.byKey[name]
		if !ok || e.Name != name {
			continue
		}
		if len(e.Aliases) > 0 {
			name += " (" + e.Aliases[0] + ")"
		}
		out = append(out, name)
	}
	return strings.Join(out, ", ")
}

// matchExercises is the exercises a help filter names, in catalog order.
// A filter that is a muscle group ("chest", "pecs", "upper back") or an
// equipment ("db", "trap bar") as a whole lists that group's or that
// equipment's exercises, and kind names it ("chest", "dumbbell").
// Otherwise every word of the filter must match: a word matches an
// exercise that it names a muscle group or the equipment of, or that has
// a name or an alias with a word starting with it, in the singular or
// the plural ("curl" and "curls" find "leg curl"; "db curl" finds every
// dumbbell curl), and kind is "".
func (c *Coach) matchExercises(filter string) (out []*Exercise, kind string) {
	if m, ok := ParseMuscle(filter); ok {
		for _, e := range c.catalog.list {
			if hasMuscle(e, m) {
				out = append(out, e)
			}
		}
		return out, string(m)
	}
	if eq, ok := ParseEquipment(filter); ok {
		for _, e := range c.catalog.list {
			if e.Equipment == eq {
				out = append(out, e)
			}
		}
		return out, eq.String()
	}
	words := strings.Fields(filter)
next:
	for _, e := range c.catalog.list {
		for _, w := range words {
			if !wordMatches(e, w) {
				continue next
			}
		}
		out = append(out, e)
	}
	return out, ""
}

// wordMatches reports whether one word of a help filter matches e: it
// names one of e's muscle groups or e's equipment, or a word of e's name
// or aliases starts with it or with its singular.
func wordMatches(e *Exercise, w string) bool {
	if m, ok := ParseMuscle(w); ok && hasMuscle(e, m) {
		return true
	}
	if eq, ok := ParseEquipment(w); ok && e.Equipment == eq {
		return true
	}
	stems := []string{w}
	switch n := len(w); {
	case n > 4 && strings.HasSuffix(w, "ies"):
		stems = append(stems, w[:n-3]+"y") // "flies"
	case n > 4 && strings.HasSuffix(w, "sses"):
		stems = append(stems, w[:n-2]) // "presses"
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		stems = append(stems, w[:n-1]) // "curls"
	}
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		for _, nw := range strings.Fields(name) {
			for _, s := range stems {
				if strings.HasPrefix(nw, s) {
					return true
				}
			}
		}
	}
	return false
}

func hasMuscle(e *Exercise, m Muscle) bool {
	for _, em := range e.Muscles {
		if em == m {
			return true
		}
	}
	return false
}

// presetVerbHelp answers help preset: what the verb does, and an example
// of the coach's first preset; without presets, how they are added.
func (c *Coach) presetVerbHelp() string {
	ps := c.Presets()
	if len(ps) == 0 {
		return presetVerbHelp + "\nThis bot has no presets yet: whoever runs it adds them to its TOML file, as a [[preset]] table with a name and a technique (name = \"quickrp\", technique = \"rest_pause\")."
	}
	return presetVerbHelp + "\nExamples: " + presetExample(ps[0])
}

func (c *Coach) presetHelp() string {
	if len(c.presets) == 0 {
		return "No presets: whoever runs the bot can add them as [[preset]] in the TOML file."
	}
	var b strings.Builder
	for _, p := range c.Presets() {
		ex := strings.TrimPrefix(presetExample(p), "preset ")
		fmt.Fprintf(&b, "%s: a %s, e.g. %s\n", p.Name, p.Technique, ex)
	}
	return strings.TrimRight(b.String(), "\n")
}
