package coach

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A class round: one technique and exercise for a whole chat, each lifter
// at their own load. The hub keeps the round (bot/class.go); the coach
// reads its commands and plans each lifter's part as a Session of their
// own.

// classExample is what a class command's errors show.
const classExample = "class rp squat"

// joinExample is what a join command's errors show.
const joinExample = "join 100kg"

// ParseClass reads the words after "class": a technique (or a preset) and
// an exercise, with any options of the technique, and no load, which each
// lifter gives when they join. The command it returns plans once its
// Load, LoadSet and Unit are filled in (WithLoad). Errors are *Error
// values for the lifter.
func (c *Coach) ParseClass(args []string, unit Unit) (Command, error) {
	if len(args) == 0 {
		return Command{}, userErr(classExample, "Name a technique and an exercise for the class; each lifter joins with their own load.")
	}
	cmd, err := c.Parse(strings.Join(args, " "), unit)
	if e, ok := err.(*Error); ok {
		// The plan's own example has a load, which a class refuses.
		return cmd, &Error{Msg: e.Msg, Example: classExample}
	}
	if err != nil {
		return cmd, err
	}
	if cmd.Kind != KindPlan {
		return cmd, userErr(classExample, "A class runs a technique: drop, rp, backoff, japanese, ramp or a preset, then the exercise.")
	}
	if cmd.LoadSet {
		return cmd, userErr(classExample, "A class has no load of its own: each lifter joins with theirs (join 100kg).")
	}
	if cmd.Exercise == nil {
		return cmd, userErr(classExample, "Which exercise?")
	}
	return cmd, nil
}

// WithLoad is the class command cmd planned for one lifter's load.
func (cmd Command) WithLoad(load float64, u Unit) Command {
	cmd.Load, cmd.LoadSet, cmd.Unit, cmd.UnitSet = load, true, u, true
	return cmd
}

// ParseJoinLoad reads the words after "join": one load, with its unit or
// in unit. Errors are *Error values for the lifter.
func ParseJoinLoad(args []string, unit Unit) (float64, Unit, error) {
	if len(args) == 0 {
		return 0, unit, userErr(joinExample, "Your load?")
	}
	text := strings.Join(args, "")
	if !startsNumber(text) {
		return 0, unit, userErr(joinExample, "Join with your load, a number with its unit.")
	}
	num, tail, err := splitNumber(text, joinExample)
	if err != nil {
		return 0, unit, err
	}
	u := unit
	if tail != "" {
		pu, ok := ParseUnit(tail)
		if !ok {
			return 0, unit, userErr(joinExample, "%q: write the load as 100kg or 225lb.", clip(tail, 24))
		}
		u = pu
	}
	if err := checkLoad(num, u, joinExample); err != nil {
		return 0, unit, err
	}
	return num, u, nil
}

// Loads is one line of the session's loads, as a class lists each lifter's
// part: "100, 100, 100 kg", "30, 25, 22.5, 20 kg each" on dumbbells.
func (s *Session) Loads() string {
	var b strings.Builder
	for i, st := range s.Steps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(FormatLoad(st.Load))
	}
	b.WriteByte(' ')
	b.WriteString(s.Unit.String())
	if s.Equipment == Dumbbell {
		b.WriteString(" each")
	}
	return b.String()
}

// Line is the session's results on one line, as a class's summary gives
// each lifter: "100 kg × 8, 4, 3; 15 reps, volume 1500 kg", a step not
// done as "missed"; "no sets" when none was done.
func (s *Session) Line() string {
	var b strings.Builder
	last := -1.0
	done := 0
	for i, r := range s.Results {
		if i > 0 {
			b.WriteString(", ")
		}
		if r.Skipped {
			b.WriteString("missed")
			last = -1
			continue
		}
		done++
		if r.Load != last {
			b.WriteString(FormatLoad(r.Load))
			b.WriteByte(' ')
			b.WriteString(s.Unit.String())
			b.WriteString(" × ")
			last = r.Load
		}
		b.WriteString(strconv.Itoa(r.Reps))
	}
	if done == 0 {
		return "no sets"
	}
	fmt.Fprintf(&b, "; %s, volume %s %s", Plural(s.TotalReps(), "rep"), FormatLoad(math.Round(s.Volume()*10)/10), s.Unit)
	return b.String()
}
