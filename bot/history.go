package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// History: a lifter's sets as the other features read them, and the
// history command, one line per session or log entry. A lifter's history
// is theirs on a platform, whatever the chat.

// historyCommand answers history [exercise] [N].
func (h *Hub) historyCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	name, rest, ok := h.exerciseArg(t, base, cmd)
	if !ok {
		return
	}
	n := 10
	if len(rest) == 1 {
		n, _ = strconv.Atoi(rest[0])
		n = min(max(n, 1), 50)
	}
	r := base
	r.Text = h.historyText(m, p, name, n)
	t.replies = append(t.replies, r)
}

// exerciseArg reads the exercise a history verb names: every word of its
// arguments but a trailing count, which it returns in rest; name is ""
// when none is named. An exercise it does not know is answered, with
// what the lifter may have meant, and ok is false.
func (h *Hub) exerciseArg(t *turn, base Reply, cmd coach.Command) (name string, rest []string, ok bool) {
	words := cmd.Args
	if n := len(words); n > 0 {
		if _, err := strconv.Atoi(words[n-1]); err == nil {
			words, rest = words[:n-1], words[n-1:]
		}
	}
	if len(words) == 0 {
		return "", rest, true
	}
	name = strings.Join(words, " ")
	// The reply answers the lifter who asked: their own exercises (the
	// names an import kept because the catalog cannot place them) are
	// theirs to name too.
	c := h.coach.WithOwnNames(h.ownNamesOf(base.Platform, base.To.ID))
	if e, ok := c.FindExercise(name); ok {
		return e.Name, rest, true
	}
	msg, try := "I don't know the exercise "+strconv.Quote(name)+".", "bench"
	if s := c.SuggestExercises(name, 3); len(s) > 0 {
		msg = "I don't know the exercise " + strconv.Quote(name) + "; did you mean " + strings.Join(s, ", ") + "?"
		try = s[0]
	}
	t.fail(base, fmt.Sprintf("%s Try: %s %s", msg, cmd.Verb, try))
	return "", nil, false
}

// ownNames reads the lifter's exercise names from the store when a
// command names an exercise the catalog does not know (coach.OwnNames).
func (h *Hub) ownNames(m Message) coach.OwnNames { return h.ownNamesOf(m.Platform, m.UserID) }

func (h *Hub) ownNamesOf(platform, userID string) coach.OwnNames {
	return func() []string {
		names, err := h.store.ExerciseNames(platform, userID)
		if err != nil {
			h.log.Error("reading exercise names", "platform", platform, "err", err)
		}
		return names
	}
}

// lifts are the sets' lifts.
func lifts(sets []record.Set) []coach.Lift {
	out := make([]coach.Lift, len(sets))
	for i := range sets {
		out[i] = sets[i].Lift
	}
	return out
}

// historyOf is the lifter's whole history as lifts; nil on error (logged).
func (h *Hub) historyOf(m Message) []coach.Lift {
	sets, err := h.store.Sets(m.Platform, m.UserID)
	if err != nil {
		h.log.Error("reading history", "platform", m.Platform, "err", err)
		return nil
	}
	return lifts(sets)
}

// exerciseHistory is the lifter's sets of one exercise as lifts, oldest
// first: those kept under its name, and those an import kept under an
// app's name that the catalog now places as the exercise ("flat barbell
// bench press", imported before the catalog knew it, is bench press);
// nil on error (logged).
func (h *Hub) exerciseHistory(m Message, exercise string) []coach.Lift {
	sets, err := h.store.SetsOf(m.Platform, m.UserID, exercise)
	if err != nil {
		h.log.Error("reading history", "platform", m.Platform, "err", err)
		return nil
	}
	cat := h.coach.Catalog()
	if want, ok := cat.Place(exercise); ok {
		names, err := h.store.ExerciseNames(m.Platform, m.UserID)
		if err != nil {
			h.log.Error("reading exercise names", "platform", m.Platform, "err", err)
		}
		merged := false
		for _, n := range names {
			if placed, ok := cat.Place(n); !ok || placed != want || strings.EqualFold(n, strings.TrimSpace(exercise)) {
				continue
			}
			more, err := h.store.SetsOf(m.Platform, m.UserID, n)
			if err != nil {
				h.log.Error("reading history", "platform", m.Platform, "err", err)
				continue
			}
			sets, merged = append(sets, more...), true
		}
		if merged {
			slices.SortStableFunc(sets, func(a, b record.Set) int { return a.At.Compare(b.At) })
		}
	}
	return lifts(sets)
}

// historyText lists recent entries: one line per session or log line.
func (h *Hub) historyText(m Message, p prefs, exercise string, n int) string {
	keep := func(s *record.Set) bool { return exercise == "" || s.SameExercise(exercise) }
	sets, err := h.store.LastSets(m.Platform, m.UserID, 500, keep)
	if err != nil {
		h.log.Error("history", "err", err)
		return genericError
	}
	if len(sets) == 0 {
		if exercise != "" {
			return "No sets of " + exercise + " yet."
		}
		return "No sets yet. Log one: log bench 100x5, or plan and start a session."
	}
	type group struct {
		key  string
		sets []coach.Lift
	}
	var groups []*group
	idx := map[string]*group{}
	for i := range sets {
		s := sets[i].Lift
		key := s.Entry
		if s.Session != "" {
			key = s.Session
		}
		key += "\x00" + s.Exercise
		g := idx[key]
		if g == nil {
			if len(groups) == n {
				break
			}
			g = &group{key: key}
			idx[key] = g
			groups = append(groups, g)
		}
		g.sets = append(g.sets, s)
	}
	var b strings.Builder
	title := "Recent training"
	if exercise != "" {
		title = "Recent " + exercise
	}
	b.WriteString(title + "\n")
	for _, g := range groups {
		ls := g.sets
		slices.Reverse(ls) // they came newest first
		fmt.Fprintf(&b, "%s · %s\n", ls[0].At.In(p.loc).Format("Mon 2 Jan"), describeSets(ls))
	}
	return strings.TrimRight(b.String(), "\n")
}

// recentExercises are the first n distinct exercises of ls (newest first).
func recentExercises(ls []coach.Lift, n int) []string {
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(ls) && len(out) < n; i++ {
		if e := ls[i].Exercise; !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}
