package bot

import (
	"slices"
	"strings"

	"github.com/spotter-coach/spotter/coach"
)

// Suggestions for a platform's autocomplete (Discord's slash command
// options): what a lifter may mean while typing, answered at once from
// any goroutine, outside the hub's turn order, since the platform waits
// for the list (Discord gives an autocomplete 3 s).

// Fields Suggest offers.
const (
	SuggestExercise = "exercise" // the lifter's own exercise names, then the catalog's
	SuggestPreset   = "preset"   // the configured presets
)

// Suggest returns up to n choices for field that start with, or contain,
// prefix (any case), best first: for an exercise, the names of the
// lifter's own history before the catalog's; for a preset, the presets'
// names. An empty prefix offers the lifter's own exercises first. It
// reads the store and the configuration only, and is safe for concurrent
// use.
func (h *Hub) Suggest(platform, userID, field, prefix string, n int) []string {
	if n <= 0 {
		return nil
	}
	q := strings.ToLower(strings.Join(strings.Fields(prefix), " "))
	var pool []string
	var catalog []*coach.Exercise
	switch field {
	case SuggestExercise:
		own, err := h.store.ExerciseNames(platform, userID)
		if err != nil {
			h.log.Error("reading exercise names for autocomplete", "platform", platform, "err", err)
		}
		slices.Sort(own)
		pool = append(pool, own...)
		catalog = h.coach.Catalog().All()
		for _, e := range catalog {
			pool = append(pool, e.Name)
		}
	case SuggestPreset:
		for _, p := range h.coach.Presets() {
			pool = append(pool, p.Name)
		}
	default:
		return nil
	}
	// Names that start with what was typed come first, then names with a
	// word that starts with it, then names that contain it; each in the
	// pool's order, without repeats.
	seen := make(map[string]bool, len(pool))
	var starts, words, contains []string
	for _, name := range pool {
		k := strings.ToLower(name)
		if seen[k] {
			continue
		}
		seen[k] = true
		switch {
		case strings.HasPrefix(k, q):
			starts = append(starts, name)
		case strings.Contains(k, " "+q):
			words = append(words, name)
		case strings.Contains(k, q):
			contains = append(contains, name)
		}
	}
	// A catalog exercise is also found by its aliases ("rdl").
	for _, e := range catalog {
		if seen[e.Name+"\x00"] || !slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.HasPrefix(a, q) }) {
			continue
		}
		seen[e.Name+"\x00"] = true
		if !slices.Contains(starts, e.Name) && !slices.Contains(words, e.Name) {
			words = append(words, e.Name)
			contains = slices.DeleteFunc(contains, func(n string) bool { return n == e.Name })
		}
	}
	out := append(append(starts, words...), contains...)
	if len(out) == 0 && q != "" && field == SuggestExercise {
		// A typo: the catalog's nearest names.
		out = h.coach.Catalog().Suggest(q, n)
	}
	return out[:min(n, len(out))]
}
