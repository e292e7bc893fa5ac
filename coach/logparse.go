package coach

import (
	"slices"
	"strconv"
	"strings"
)

// maxLogSets bounds one log line.
const maxLogSets = 50

// parseLog reads "log bench 100x5x5", "log bench 80x10 67.5x8 57.5x6 drop",
// "log squat 140kg 5 @8", "log bench 60x12 backoff", "log bench 100x8 100x3
// 100x2 rp". A technique word marks every set of the line: drop (a drop
// set: the first to failure, then drops), backoff, back-off or goto (Goto
// back-off sets: AMRAPs at about 50 % of 1RM, which never count for 1RM
// records), rp or rest-pause (the first set to failure, then mini-sets).
// The sets have no time yet.
func (c *Coach) parseLog(cmd *Command, args []string, unit Unit) error {
	const ex = "log bench 100x5x5"
	var name [maxTokens]string
	nn := 0
	var lifts []Lift
	group := 0 // index in lifts where the last written group starts
	pendingLoad, pendingSet := 0.0, false
	var tech Technique // the line's technique word, if any
	setTech := func(t Technique) error {
		if tech != 0 && tech != t {
			return userErr("log bench 60x12 backoff", "One technique per log line: %s or %s.", tech, t)
		}
		tech = t
		return nil
	}
	add := func(load float64, reps, sets int) error {
		if reps < 1 || reps > maxReps {
			return userErr(ex, "Reps are a whole number from 1 to %d.", maxReps)
		}
		if sets < 1 || len(lifts)+sets > maxLogSets {
			return userErr(ex, "At most %d sets in one log line.", maxLogSets)
		}
		group = len(lifts)
		for range sets {
			lifts = append(lifts, Lift{Load: load, Unit: cmd.Unit, Reps: reps, Kind: KindWork})
		}
		return nil
	}
	cmd.Unit = unit
	for i := 0; i < len(args); i++ {
		w := args[i]
		switch {
		case logTechnique(w) != 0:
			if err := setTech(logTechnique(w)); err != nil {
				return err
			}
		case w == "rest" && i+1 < len(args) && args[i+1] == "pause":
			i++
			if err := setTech(RestPause); err != nil {
				return err
			}
		case strings.HasPrefix(w, "@") || w == "rpe" && i+1 < len(args):
			v := strings.TrimPrefix(w, "@")
			if w == "rpe" {
				i++
				v = args[i]
			}
			rpe, ok := ParseDecimal(strings.Replace(v, ",", ".", 1))
			if !ok || rpe < 1 || rpe > 10 || len(lifts) == 0 {
				return userErr("log squat 140kg 5 @8", "RPE is written @8 after a set, from 1 to 10.")
			}
			for j := group; j < len(lifts); j++ {
				lifts[j].RPE = rpe
			}
		case pendingSet && (isRepsToken(w) || w == "x" && i+1 < len(args)):
			// "100 kg x5", "100kg x 5": the reps of the pending load.
			v := strings.TrimPrefix(strings.TrimPrefix(w, "x"), "×")
			if w == "x" {
				i++
				v = args[i]
			}
			reps, err := strconv.Atoi(v)
			if err != nil {
				return userErr(ex, "Reps are a whole number.")
			}
			if err := add(pendingLoad, reps, 1); err != nil {
				return err
			}
			pendingSet = false
		case startsNumber(w):
			num, tail, err := splitNumber(w, ex)
			if err != nil {
				return err
			}
			if pendingSet && tail == "" { // "140kg 5": the reps of the pending load
				if num != float64(int(num)) {
					return userErr(ex, "Reps are a whole number.")
				}
				if err := add(pendingLoad, int(num), 1); err != nil {
					return err
				}
				pendingSet = false
				continue
			}
			if pendingSet {
				return userErr("log squat 140kg 5 @8", "%s %s: how many reps? Write 140kg 5 or 140x5.", FormatLoad(pendingLoad), cmd.Unit)
			}
			unitPart, rest := tail, ""
			if i := strings.IndexAny(tail, "x×*"); i >= 0 {
				unitPart, rest = tail[:i], tail[i:]
			}
			if unitPart == "" && rest == "" && i+1 < len(args) && isUnitWord(args[i+1]) {
				unitPart = args[i+1]
				i++
			}
			if unitPart != "" {
				u, ok := ParseUnit(unitPart)
				if !ok {
					return userErr(ex, "%q: write a set as 100x5, 100kgx5 or 140kg 5.", clip(w, 24))
				}
				cmd.Unit, cmd.UnitSet = u, true
			}
			if num < 0 || Convert(num, cmd.Unit, KG) > MaxLoad {
				return userErr(ex, "%s %s is not a load I can log.", FormatLoad(num), cmd.Unit)
			}
			if rest == "" {
				pendingLoad, pendingSet = num, true
				continue
			}
			parts := strings.Split(strings.NewReplacer("×", "x", "*", "x").Replace(rest), "x")[1:]
			if len(parts) < 1 || len(parts) > 2 || slices.Contains(parts, "") {
				return userErr(ex, "%q: write sets as load x reps x sets, such as 100x5x5.", clip(w, 24))
			}
			reps, err1 := strconv.Atoi(parts[0])
			sets := 1
			var err2 error
			if len(parts) == 2 {
				sets, err2 = strconv.Atoi(parts[1])
			}
			if err1 != nil || err2 != nil {
				return userErr(ex, "%q: write sets as load x reps x sets, such as 100x5x5.", clip(w, 24))
			}
			if err := add(num, reps, sets); err != nil {
				return err
			}
		default:
			name[nn] = w
			nn++
		}
	}
	if pendingSet {
		return userErr("log squat 140kg 5 @8", "%s %s: how many reps? Write 140kg 5 or 140x5.", FormatLoad(pendingLoad), cmd.Unit)
	}
	if err := c.resolveExercise(cmd, name[:nn], nil, ex); err != nil {
		return err
	}
	if len(lifts) == 0 {
		return userErr(ex, "What did you lift? Write load x reps, such as 100x5.")
	}
	for i := range lifts {
		lifts[i].Exercise = cmd.Exercise.Name
		lifts[i].Unit = cmd.Unit
		if tech != 0 {
			lifts[i].Technique = tech.Key()
			lifts[i].Kind = logKind(tech, i)
		}
	}
	if tech == DropSet {
		for i := 1; i < len(lifts); i++ {
			if lifts[i].Load >= lifts[i-1].Load {
				return userErr("log bench 80x10 67.5x8 57.5x6 drop", "In a drop set every load is lighter than the one before.")
			}
		}
	}
	cmd.Lifts = lifts
	return nil
}

// logTechnique is the technique a word marks a log line with: a command
// word of drop sets, rest-pause or back-off sets (ParseTechnique: drop,
// rp, rest-pause, backoff, back-off, goto, ...); 0 for any other word.
func logTechnique(w string) Technique {
	switch t, _ := ParseTechnique(w); t {
	case DropSet, RestPause, BackOff:
		return t
	}
	return 0
}

// logKind is the kind of the i-th set of a log line marked with technique
// t: a drop set and a rest-pause set start to failure and go on with drops
// or mini-sets; every back-off set is an AMRAP at about 50 % of 1RM (so
// CountsFor1RM leaves it out and Week counts it).
func logKind(t Technique, i int) string {
	switch {
	case t == BackOff:
		return KindAMRAP
	case i == 0:
		return KindFailure
	case t == DropSet:
		return KindDrop
	case t == RestPause:
		return KindMini
	}
	return KindWork
}
