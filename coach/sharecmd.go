package coach

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// shareExample is the share command that errors show.
const shareExample = "share bench 100kg 80kg"

// Share reads a share command's words (the exercise, then 2 to 4 loads,
// each perhaps after the lifter's name: "bench ana 100kg bo 80kg") and
// plans the shared bar on the coach's gym. unit is the lifter's unit, for
// loads written without one. Errors are *Error values for the lifter,
// their examples in unit.
func (c *Coach) Share(args []string, unit Unit) (SharePlan, error) {
	p, err := c.share(args, unit)
	if e, ok := err.(*Error); ok && unit != KG {
		err = &Error{Msg: e.Msg, Example: exampleIn(e.Example, unit)}
	}
	return p, err
}

// shareLoad is one load as written, with the name before it.
type shareLoad struct {
	name  string
	value float64
}

func (c *Coach) share(args []string, unit Unit) (SharePlan, error) {
	ex := shareExample
	var loads []shareLoad
	var words, exercise []string // words since the last load; the words before the first
	u, unitSet := unit, false
	for i := 0; i < len(args); i++ {
		w := args[i]
		if !startsNumber(w) {
			if isNonNumber(w) {
				return SharePlan{}, userErr(ex, "%q is not a load I can use: write it as 100kg or 225lb.", clip(w, 24))
			}
			words = append(words, w)
			continue
		}
		v, tail, err := splitNumber(w, ex)
		if err != nil {
			return SharePlan{}, err
		}
		if tail == "" && i+1 < len(args) {
			if _, ok := ParseUnit(args[i+1]); ok { // "100 kg"
				tail = args[i+1]
				i++
			}
		}
		if tail != "" {
			wu, ok := ParseUnit(tail)
			if !ok {
				return SharePlan{}, userErr(ex, "%q: write each load as 100kg or 225lb.", clip(w, 24))
			}
			if unitSet && wu != u {
				return SharePlan{}, userErr(ex, "Mixed units: one bar takes kg plates or lb plates, so write every load in kg or every load in lb.")
			}
			u, unitSet = wu, true
		}
		name := ""
		switch {
		case len(loads) == 0:
			exercise = words
		case len(words) == 1:
			name = words[0]
		case len(words) > 1:
			return SharePlan{}, userErr("share bench ana 100kg bo 80kg", "%q: one name per lifter, just before their load.", clip(strings.Join(words, " "), 40))
		}
		words = nil
		loads = append(loads, shareLoad{name: name, value: v})
	}
	switch {
	case len(loads) == 0 && len(words) == 0:
		return SharePlan{}, userErr(ex, "Which exercise, and whose loads? Give the exercise, then each lifter's load.")
	case len(loads) == 0:
		return SharePlan{}, userErr(ex, "Give each lifter's load after the exercise.")
	case len(exercise) == 0 && len(words) > 0:
		return SharePlan{}, userErr(ex, "Put the exercise first, then the loads.")
	case len(exercise) == 0:
		return SharePlan{}, userErr(ex, "Which exercise? Give it before the loads.")
	case len(words) > 0:
		return SharePlan{}, userErr("share bench ana 100kg bo 80kg", "%q after the last load: put each name just before its load.", clip(strings.Join(words, " "), 40))
	case len(loads) < ShareMinLifters:
		return SharePlan{}, userErr(ex, "Only one load: a shared bar takes %d to %d lifters, a load for each.", ShareMinLifters, ShareMaxLifters)
	case len(loads) > ShareMaxLifters:
		return SharePlan{}, userErr("share bench 100kg 80kg 60kg 40kg", "%d loads: at most %d lifters share a bar.", len(loads), ShareMaxLifters)
	}
	for _, l := range loads {
		if err := checkLoad(l.value, u, ex); err != nil {
			return SharePlan{}, err
		}
	}

	// The first lifter's name is the last word before their load when
	// the words before it are not an exercise by themselves but are
	// without it, or when the other lifters are named.
	named := false
	for _, l := range loads[1:] {
		named = named || l.name != ""
	}
	var cmd Command
	if len(exercise) > 1 && (named || c.shareExercise(&Command{}, exercise, args) != nil) {
		if err := c.shareExercise(&cmd, exercise[:len(exercise)-1], args); err == nil || named {
			if err != nil {
				return SharePlan{}, err
			}
			loads[0].name = exercise[len(exercise)-1]
			exercise = exercise[:len(exercise)-1]
		}
	}
	if loads[0].name == "" {
		if err := c.shareExercise(&cmd, exercise, args); err != nil {
			return SharePlan{}, err
		}
	}
	seen := map[string]bool{}
	for _, l := range loads {
		if l.name == "" {
			continue
		}
		if seen[l.name] {
			return SharePlan{}, userErr("share bench ana 100kg bo 80kg", "%s is named twice: give each lifter one load, under their own name.", clip(l.name, 24))
		}
		seen[l.name] = true
	}

	e, name := cmd.Equipment, capitalize(cmd.Exercise.Name)
	switch {
	case e == Dumbbell:
		return SharePlan{}, userErr(ex, "%s is done with dumbbells: there is no shared bar to load, each lifter takes a pair.", name)
	case e == BodyWeight:
		return SharePlan{}, userErr(ex, "%s is a body-weight exercise: there is no shared bar to load.", name)
	case !e.Plated():
		return SharePlan{}, userErr(ex, "%s is done on a %s stack: there are no plates to share, each lifter moves the pin.", name, e)
	}
	values := make([]float64, len(loads))
	for i, l := range loads {
		values[i] = l.value
	}
	p, ok := c.gym.PlanShare(e, u, values)
	if !ok {
		return SharePlan{}, userErr(ex, "This gym has no %s loads in %s.", e, u)
	}
	p.Exercise = cmd.Exercise
	for i, l := range loads {
		p.Lifters[i].Name = l.name
	}
	return p, nil
}

// shareExercise resolves the exercise words of a share command into cmd,
// equipment words included ("bench db"), as plans read them. args are
// the command's words, which start with words: a misspelt exercise's
// example is the lifter's own command with the exercise they most likely
// meant.
func (c *Coach) shareExercise(cmd *Command, words, args []string) error {
	var equip []string
	for _, w := range words {
		if _, ok := ParseEquipment(w); ok {
			equip = append(equip, w)
		}
	}
	cmd.Kind = KindHistory
	err := c.resolveExercise(cmd, words, equip, shareExample)
	if e, ok := err.(*Error); ok {
		if s := c.SuggestExercises(joinWords(words), 1); len(s) > 0 {
			return &Error{Msg: e.Msg, Example: "share " + s[0] + " " + strings.Join(args[len(words):], " ")}
		}
	}
	return err
}

// Label is how the reply names lifter i: their name, or "lifter N" in the
// order they were given.
func (p *SharePlan) Label(i int) string {
	if p.Lifters[i].Name != "" {
		return p.Lifters[i].Name
	}
	return "lifter " + strconv.Itoa(i+1)
}

// Text renders the shared bar for a chat: a line per turn in lifting
// order with the plates that come off and go on each side, the count of
// plate moves against the worst order, and what was rounded.
func (p *SharePlan) Text() string {
	var b strings.Builder
	u := p.Unit.String()
	name := p.Equipment.String()
	if p.Exercise != nil {
		name = p.Exercise.Name + ", " + name
	}
	fmt.Fprintf(&b, "Shared bar: %s of %s %s. Lift in this order; plates for each side:\n", name, FormatLoad(p.Bar), u)
	for k, s := range p.Steps {
		fmt.Fprintf(&b, "%d. %s, %s %s: ", k+1, p.Label(s.Lifter), FormatLoad(p.Lifters[s.Lifter].Load), u)
		switch {
		case len(s.Off) > 0 && len(s.On) > 0:
			b.WriteString("take off ")
			writePlates(&b, s.Off)
			b.WriteString(", put on ")
			writePlates(&b, s.On)
		case len(s.Off) > 0:
			b.WriteString("take off ")
			writePlates(&b, s.Off)
		case len(s.On) > 0:
			b.WriteString("put on ")
			writePlates(&b, s.On)
		case len(s.Side) == 0:
			b.WriteString("the empty bar\n")
			continue
		default:
			b.WriteString("no change")
		}
		b.WriteString(" · a side: ")
		if len(s.Side) == 0 {
			b.WriteString("empty bar")
		} else {
			writePlates(&b, s.Side)
		}
		b.WriteByte('\n')
	}
	if p.Best == p.Orders {
		fmt.Fprintf(&b, "%s a side, in any order.\n", Plural(p.Moves, "plate move"))
	} else {
		fmt.Fprintf(&b, "%s a side (the worst order: %d).\n", Plural(p.Moves, "plate move"), p.Worst)
	}
	for i, l := range p.Lifters {
		if note := p.roundNote(i, l); note != "" {
			b.WriteString("• ")
			b.WriteString(note)
			b.WriteByte('\n')
		}
	}
	b.WriteString("• A plate move is one plate put on or taken off one side; the other side mirrors it. Loading the empty bar counts, stripping it after the last lifter does not.")
	return b.String()
}

// roundNote says when lifter i's load is not the one asked for, as plans
// say it: over the heaviest load, under the empty bar, or between loads.
func (p *SharePlan) roundNote(i int, l ShareLifter) string {
	if math.Abs(l.Asked-l.Load) < loadEps {
		return ""
	}
	u, e, who := p.Unit, p.Equipment, p.Label(i)
	switch {
	case l.Asked > p.Heaviest+loadEps:
		return fmt.Sprintf("%s: %s %s is more than the %s here makes; %s lifts %s %s, the heaviest.", who, FormatLoad(l.Asked), u, e, who, FormatLoad(l.Load), u)
	case l.Asked < p.Bar-loadEps:
		return fmt.Sprintf("%s: %s %s is lighter than the empty %s (%s %s); %s lifts the empty %s.", who, FormatLoad(l.Asked), u, e, FormatLoad(p.Bar), u, who, e)
	}
	return fmt.Sprintf("%s: %s %s is not %s load here; %s lifts %s %s.", who, FormatLoad(l.Asked), u, WithArticle(e.String()), who, FormatLoad(l.Load), u)
}
