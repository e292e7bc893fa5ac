package bot

import (
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// Records: a lifter's personal records and best estimated 1RM, from their
// history. Warm-ups, drop-set steps and back-off AMRAPs never count for
// 1RM, and failed sets for nothing (coach decides which sets count).

// prCommand answers pr [exercise]: the records of one exercise, every
// load included, or of every exercise the lifter has, a line each. "pr
// [exercise] page N" is page N of a long answer (pages.go).
func (h *Hub) prCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	args, page, _ := pageOf(strings.Join(cmd.Args, " "))
	cmd.Args = strings.Fields(args)
	name, _, ok := h.exerciseArg(t, base, cmd)
	if !ok {
		return
	}
	f := h.coach.Defaults().Formula
	command := "pr"
	if name != "" {
		command += " " + strings.ToLower(name)
		text := coach.BuildRecords(named(h.exerciseHistory(m, name), name), name, p.Unit, f).Text(f)
		t.replies = append(t.replies, h.recordsReply(base, m, text, command, page))
		return
	}
	// Every exercise means every set decoded (tens of milliseconds with a
	// big history): slow work, off the hub (slowwork.go). What the reply
	// needs of the hub is read here, on the hub.
	paging := h.pagingFor(m)
	t.slow = func(t *turn) {
		text := coach.ListText(coach.RecordsOfEach(h.exerciseHistories(m), p.Unit, f), f)
		t.replies = append(t.replies, paging(base, text, command, page))
	}
}

// named is an exercise's history with every set under name, so that the
// records count the sets an import kept under an app's name the catalog
// places as the exercise.
func named(ls []coach.Lift, name string) []coach.Lift {
	for i := range ls {
		ls[i].Exercise = name
	}
	return ls
}

// exerciseHistories are the lifter's sets, one history per exercise:
// the sets of every name the catalog places as one of its exercises
// together, under its name (as pr EXERCISE counts them), and those of a
// name it cannot place under that name. Each name is read from the
// store's index of the lifter's exercises; errors are logged and the
// name left out.
func (h *Hub) exerciseHistories(m Message) [][]coach.Lift {
	names, err := h.store.ExerciseNames(m.Platform, m.UserID)
	if err != nil {
		h.log.Error("pr: reading exercise names", "platform", m.Platform, "err", err)
		return nil
	}
	cat := h.coach.Catalog()
	byName := map[string]int{} // canonical name -> its index in out
	var out [][]coach.Lift
	for _, n := range names {
		sets, err := h.store.SetsOf(m.Platform, m.UserID, n)
		if err != nil {
			h.log.Error("pr: reading history", "platform", m.Platform, "err", err)
			continue
		}
		ls := lifts(sets)
		canonical, ok := cat.Place(n)
		if !ok {
			out = append(out, ls)
			continue
		}
		ls = named(ls, canonical)
		if i, seen := byName[canonical]; seen {
			out[i] = append(out[i], ls...)
			continue
		}
		byName[canonical] = len(out)
		out = append(out, ls)
	}
	return out
}

// privateWholeBudget is the longest list of records a private chat gets
// whole, in the units of textCost: a few messages, which the adapter
// splits. A longer one (hundreds of imported exercises) comes a page at a
// time there too, rather than as a wall of messages.
const privateWholeBudget = 4 * messageBudget

// recordsReply is base with text, the answer to command: whole in the
// console, which has no pace, and in a private chat when it is short
// enough; else page n of it (pages.go), whose footer says how many pages
// there are and whose buttons ask for the others. In a group every
// message counts against the pace the chat's lifters share, so there a
// text longer than a message is always paged.
func (h *Hub) recordsReply(base Reply, m Message, text, command string, n int) Reply {
	return h.pagingFor(m)(base, text, command, n)
}

// pagingFor is recordsReply for m's chat with what it needs of the hub
// (the platform's pace and measurer) read now, so that slow work can use
// it off the hub.
func (h *Hub) pagingFor(m Message) func(base Reply, text, command string, n int) Reply {
	paced, measure := h.paces[m.Platform] != nil, h.out.measurer(m.Platform)
	return func(base Reply, text, command string, n int) Reply {
		r := base
		r.Text = text
		if !paced || !m.Group && textCost(text) <= privateWholeBudget {
			return r
		}
		return paged(r, text, command, n, measure)
	}
}

// oneRMCommand answers 1rm EXERCISE: the best recent estimated 1RM, with
// the formula and the set it came from.
func (h *Hub) oneRMCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	name, _, ok := h.exerciseArg(t, base, cmd)
	if !ok {
		return
	}
	if name == "" {
		t.fail(base, "Which exercise? Try: 1rm bench")
		return
	}
	f := h.coach.Defaults().Formula
	r := base
	if est, found := coach.BestEstimate(h.exerciseHistory(m, name), name, p.Unit, f, h.now()); found {
		r.Text = est.Text(name, p.Unit, f)
	} else {
		r.Text = "No sets of " + name + " to estimate from yet. Log one: log " + name + " 100x5"
	}
	t.replies = append(t.replies, r)
}
