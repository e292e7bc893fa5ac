package coach

import (
	"fmt"
	"strings"
)

// Help is the help text for a topic: "" for the overview, a technique
// word, "exercises" or "presets". An unknown topic gets the overview with
// a line saying so.
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
	t, ok := ParseTechnique(strings.ReplaceAll(commandWord(topic), " ", "-"))
	if !ok {
		if p, isPreset := c.presets[topic]; isPreset {
			return fmt.Sprintf("\"%s\" is a preset for a %s.\n%s", p.Name, p.Technique, techniqueHelp[p.Technique])
		}
		return fmt.Sprintf("No help on %q.\n%s", clip(topic, 24), c.overview())
	}
	return techniqueHelp[t]
}

func (c *Coach) overview() string {
	var b strings.Builder
	// The equipment options are every equipment but the barbell, the default.
	b.WriteString("Spotter plans intensity techniques on the equipment you have.\ndrop 80kg bench: drop set (options: 3 drops, -20%, " +
		strings.Join(EquipmentWords()[Barbell+1:], "/") + ")\n")
	b.WriteString(`rp 100kg squat: rest-pause (options: 3 minis, rest 20s)
backoff 100kg bench: Goto back-off sets from your 1RM, or backoff bench 90kg x2 from a top set
japanese 100kg bench x5: Japanese drop set after working sets of 5; japanese ladder 100kg bench x5 fast
ramp 100kg squat: RPE ramp to today's max triple, then back-off sets
A load without a unit is in your default unit. help drop, help rp, help backoff, help japanese, help ramp explain each; help exercises lists the exercises.`)
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

var techniqueHelp = map[Technique]string{
	DropSet: `Drop set: start with the weight you fail with at 8-12 reps, go to failure, take about 15 % off (one article's example drops 20 %) and go again for about 8 reps, with no rest (0-10 s) between drops; 3 drops by default ("once, twice, or more").
Best on machines and isolation work; line dumbbells up in advance; a barbell needs small plates and a spotter, and Spotter plans it as a strip set.
For intermediate to advanced lifters after size, not for athletes or strength gains: use it occasionally, at the end of the workout, once or twice per muscle group a week.
Example: drop 80kg bench, drop 30kg curl db 2 drops -20%`,
	RestPause: `Rest-pause: a set to failure, rest 10-20 s (15 s by default), a mini-set with the same weight; 2-3 rounds (2 mini-sets by default).
Best on compound lifts: bench press, squat, shoulder press. For intermediate to advanced lifters with solid form; once or twice per muscle group a week.
Example: rp 100kg squat, rp 225lb bench 3 minis rest 20s`,
	BackOff: `Back-off set (Goto et al. 2004): 5 x 1 at 90 % of 1RM, then one set at 50 % to exhaustion after 30 s. In practice: warm-up 2 x 4 @ 50-60 %, 5 x 1-2 @ 80-90 %, then 1 x AMRAP @ 50 % after 30-90 s rest, same tempo and range of motion. Isolation work (curls): warm-up 6-8 @ 40-50 %, 4 x 6 @ 60-70 %, back-off @ 50 %.
No 1RM test needed: half of your estimated 1RM. 2-3 back-off sets per session at most; good on bench, squat, row and overhead press, not on deadlifts.
Study results: leg press 1RM +15 % vs +9 %, isometric knee extension +19 % vs +15 %, muscular endurance +18 % vs -5 %, thigh size +2 %; the control group did one set fewer.
Example: backoff 100kg bench (100 kg is your 1RM), backoff bench 90kg x2 (a top set)`,
	Japanese: `Japanese drop set: after 4-5 working sets of 4-6 reps, one set of about 25 reps. Working sets at 90-100 % of 1RM (1-4 RM): 60-70 %, at least 10-15 reps; at 80-90 % (5-8 RM): 50-60 %, at least 15-20 reps; at 40-50 % expect 20-25. Rule of thumb: drop 50-60 % and do 10-12 more reps. Working sets of more than 8 reps make it unnecessary.
Ladder: AMRAP at the working weight, drop 5-15 % (5 % slow-twitch, 10 % mixed, 15 % fast-twitch), AMRAP again, until 25 total reps; rest as little as you can, up to 45 s to re-load.
Example: japanese 100kg bench x5, japanese ladder 100kg bench x5 fast`,
	Ramp: `RPE ramp with back-off sets: triples at RPE 3-5, 5-7 and 6-8, a max-effort triple, then 5 reps at 10 % less and 8 reps at 10 % less again; 60-90 s rest between sets. Give today's max triple.
Example: ramp 100kg squat`,
}
