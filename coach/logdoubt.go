package coach

import (
	"fmt"
	"strconv"
	"strings"
)

// A logged set that looks like a typo is not stored silently: the hub
// asks first (LogDoubt), as it does for a plan's load (Implausible). A
// set looks like a typo when:
//   - it has more than maxPlausibleReps reps on an exercise with a load
//     (60 push-ups is a set; 60 bench presses at 5 kg is "5x60" typed for
//     "60x5");
//   - its load is more than anyone has lifted on the exercise (HumanLimit),
//     or more than PlausibleMargin times the lifter's best estimated 1RM;
//   - its load was written without a unit and is lighter than the empty
//     bar it is lifted on ("log bench 3x5": three sets of five with the
//     load forgotten, or 3 kg?);
//   - on a body-weight exercise, more is added than anyone has added
//     (maxAddedLoad), or more help taken than a body weighs (maxHelp).
//
// When the line read the other way round (LogLine.Swap: "5x100" as
// "100x5") looks right, the question offers it.

// maxPlausibleReps is the most reps in one set of an exercise with a load
// that Spotter logs without asking.
const maxPlausibleReps = 50

// maxAddedLoad and maxHelp bound, in kg, what a lifter adds to a
// body-weight exercise (the heaviest weighted pull-ups and dips on record
// stay under it) and the help a machine or a band gives (more than most
// lifters weigh).
const (
	maxAddedLoad = 200
	maxHelp      = 150
)

// LogQuestion is what Spotter asks before it logs a line that looks like
// a typo.
type LogQuestion struct {
	// Text is one line: the set in doubt, what looks wrong, and the other
	// reading when there is one: "Bench press 5 kg × 100? 100 reps is
	// more than one set usually holds, and 5 kg is lighter than the
	// empty bar (20 kg). Did you mean 100 kg × 5?"
	Text string
	// As is the set in doubt as read: "5 kg × 100".
	As string
	// Other is the line read the other way round, when that reading looks
	// right ("log bench 100x5"), and OtherAs the set in doubt so read
	// ("100 kg × 5"); both "" when there is none.
	Other, OtherAs string
}

// LogDoubt reports whether a log line has a set that looks like a typo
// (see above), and what to ask. unit is the lifter's unit, best their
// best estimated 1RM on the exercise in cmd.Unit (0 for none). It is a
// pure function; the hub asks before it stores.
func (c *Coach) LogDoubt(cmd Command, unit Unit, best float64) (LogQuestion, bool) {
	i, why := c.logDoubt(cmd, best)
	if i < 0 {
		return LogQuestion{}, false
	}
	bw := cmd.Exercise.Equipment == BodyWeight
	q := LogQuestion{As: setText(cmd.Lifts[i], bw)}
	q.Text = capitalize(cmd.Exercise.Name) + " " + q.As + "? " + capitalize(strings.Join(why, ", and ")) + "."
	if cmd.Log.Swap != "" {
		other, err := c.parse(cmd.Log.Swap, unit)
		if err == nil && other.Kind == KindLog && other.Exercise.Name == cmd.Exercise.Name && len(other.Lifts) == len(cmd.Lifts) {
			if j, _ := c.logDoubt(other, best); j < 0 {
				q.Other, q.OtherAs = cmd.Log.Swap, setText(other.Lifts[i], bw)
				q.Text += " Did you mean " + q.OtherAs + "?"
			}
		}
	}
	return q, true
}

// logDoubt is the index of the first set of cmd that looks like a typo,
// and why; -1 when none does.
func (c *Coach) logDoubt(cmd Command, best float64) (int, []string) {
	if cmd.Kind != KindLog || cmd.Exercise == nil {
		return -1, nil
	}
	bw := cmd.Exercise.Equipment == BodyWeight
	eq := cmd.Equipment
	for i, l := range cmd.Lifts {
		if i > 0 && l.Load == cmd.Lifts[i-1].Load && l.Reps == cmd.Lifts[i-1].Reps && l.Unit == cmd.Lifts[i-1].Unit {
			continue
		}
		var why []string
		load := FormatLoad(l.Load) + " " + l.Unit.String()
		kg := l.LoadIn(KG)
		switch {
		case bw && kg > maxAddedLoad:
			why = append(why, fmt.Sprintf("%s is more than anyone has added to %s", FormatAdded(l.Load, l.Unit), WithArticle(cmd.Exercise.Name)))
		case bw && -kg > maxHelp:
			why = append(why, fmt.Sprintf("%s of help is more than a body weighs", FormatLoad(-l.Load)+" "+l.Unit.String()))
		case bw:
		default:
			if l.Reps > maxPlausibleReps {
				why = append(why, strconv.Itoa(l.Reps)+" reps is more than one set usually holds")
			}
			if kg > HumanLimit(cmd.Exercise, eq) {
				verb := humanLimit[cmd.Exercise.Family].verb
				if verb == "" {
					verb = "lifted"
				}
				why = append(why, fmt.Sprintf("%s is more than anyone has ever %s", load, verb))
			} else if best > 0 && l.LoadIn(cmd.Unit) > PlausibleMargin*best {
				why = append(why, fmt.Sprintf("%s is far beyond your best estimated 1RM (%s)", load, FormatE1RM(best, cmd.Unit)))
			}
			if bar := c.gym.Min(eq, l.Unit); !cmd.UnitSet && eq.Plated() && !eq.Sled() && l.Load < bar {
				why = append(why, fmt.Sprintf("%s is lighter than the empty %s (%s %s)", load, barName(eq), FormatLoad(bar), l.Unit))
			}
		}
		if len(why) > 0 {
			return i, why
		}
	}
	return -1, nil
}

// barName is what a lifter calls the bar of e: "bar", "EZ bar".
func barName(e Equipment) string {
	if e == Barbell || e == WomensBar || e == Smith {
		return "bar"
	}
	return e.String()
}

// setText writes one set for a question: "5 kg × 100", "+20 kg × 8",
// "BW × 10" (bw: of a body-weight exercise).
func setText(l Lift, bw bool) string {
	if bw {
		return FormatAdded(l.Load, l.Unit) + " × " + strconv.Itoa(l.Reps)
	}
	return FormatLoad(l.Load) + " " + l.Unit.String() + " × " + strconv.Itoa(l.Reps)
}
