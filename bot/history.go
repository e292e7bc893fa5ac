package bot

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/chart"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// prefs are a lifter's settings resolved for use.
type prefs struct {
	record.Settings
	loc *time.Location
}

// prefsOf reads the lifter's settings; defaults when none are stored.
func (h *Hub) prefsOf(m Message) prefs {
	s, ok, err := h.store.Settings(m.Platform, m.UserID)
	if err != nil {
		h.log.Error("reading settings", "platform", m.Platform, "err", err)
	}
	if !ok || !s.UnitSet {
		s.Unit = h.unit
	}
	p := prefs{Settings: s, loc: time.UTC}
	if s.TZ != "" {
		if loc, err := time.LoadLocation(s.TZ); err == nil {
			p.loc = loc
		}
	}
	return p
}

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

// exerciseHistory is the lifter's sets of one exercise as lifts; nil on
// error (logged).
func (h *Hub) exerciseHistory(m Message, exercise string) []coach.Lift {
	sets, err := h.store.SetsOf(m.Platform, m.UserID, exercise)
	if err != nil {
		h.log.Error("reading history", "platform", m.Platform, "err", err)
		return nil
	}
	return lifts(sets)
}

// fillFromHistory supplies a missing load from the lifter's history:
// back-off from the best recent estimated 1RM, a drop set from the start
// of the last drop set on the exercise. It returns the note saying where
// the number came from, or "".
func (h *Hub) fillFromHistory(m Message, p prefs, cmd *coach.Command) string {
	if cmd.LoadSet || cmd.Exercise == nil {
		return ""
	}
	name := cmd.Exercise.Name
	switch cmd.Technique {
	case coach.BackOff:
		f := h.coach.Defaults().Formula
		est, ok := coach.BestEstimate(h.exerciseHistory(m, name), name, p.Unit, f, h.now())
		if !ok {
			return ""
		}
		cmd.Load, cmd.LoadSet, cmd.Unit, cmd.Reps = round2(est.OneRM), true, p.Unit, 0
		if est.Weak {
			// The planner sees the set itself, so that an estimate from
			// more than 12 reps never sets heavy loads on its own.
			cmd.Load, cmd.Reps = round2(est.From.LoadIn(p.Unit)), est.From.Reps
		}
		return "1RM from your history: " + strings.TrimPrefix(est.Text(name, p.Unit, f), "Estimated 1RM, "+name+": ")
	case coach.DropSet:
		last, err := h.store.LastSets(m.Platform, m.UserID, 1, func(s *record.Set) bool {
			return s.SameExercise(name) && s.Technique == coach.DropSet.Key() && s.Kind == coach.KindFailure
		})
		if err != nil || len(last) == 0 {
			return ""
		}
		l := last[0]
		cmd.Load, cmd.LoadSet, cmd.Unit = l.Load, true, l.Unit
		return fmt.Sprintf("Start load from your last drop set on %s (%s): %s %s.", name, l.At.In(p.loc).Format("2 Jan"), coach.FormatLoad(l.Load), l.Unit)
	}
	return ""
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// logSets records a "log" line, announcing new records.
func (h *Hub) logSets(t *turn, base Reply, m Message, cmd coach.Command) {
	now := h.now()
	before := h.exerciseHistory(m, cmd.Exercise.Name)
	entry := "log-" + h.newID()
	added := make([]coach.Lift, len(cmd.Lifts))
	for i, l := range cmd.Lifts {
		l.At, l.Entry = now, entry
		added[i] = l
		t.change.Sets = append(t.change.Sets, record.Set{Lift: l, Platform: m.Platform, UserID: m.UserID, ChatID: m.ChatID})
	}
	r := base
	r.Text = "Logged " + describeSets(added) + "."
	if prs := coach.NewRecords(before, added, h.prefsOf(m).Unit, h.coach.Defaults().Formula); len(prs) > 0 {
		r.Text += "\n" + strings.Join(prs, "\n")
	}
	t.replies = append(t.replies, r)
}

// describeSets writes sets compactly: "bench press 100 kg 5×5" or
// "bench press 80×10, 67.5×8 kg (drop set)".
func describeSets(ls []coach.Lift) string {
	if len(ls) == 0 {
		return ""
	}
	same := true
	for _, l := range ls[1:] {
		same = same && l.Load == ls[0].Load && l.Reps == ls[0].Reps
	}
	var b strings.Builder
	b.WriteString(ls[0].Exercise + " ")
	if same {
		fmt.Fprintf(&b, "%s %s %d×%d", coach.FormatLoad(ls[0].Load), ls[0].Unit, len(ls), ls[0].Reps)
	} else {
		for i, l := range ls {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s×%d", coach.FormatLoad(l.Load), l.Reps)
		}
		b.WriteString(" " + ls[0].Unit.String())
	}
	if ls[0].RPE > 0 {
		fmt.Fprintf(&b, " @%s", strconv.FormatFloat(ls[0].RPE, 'f', -1, 64))
	}
	if t, ok := coach.ParseTechnique(ls[0].Technique); ok {
		b.WriteString(" (" + t.String() + ")")
	}
	return b.String()
}

// historyCommand answers undo, history, pr, 1rm, chart, week, settings,
// export, import, forget and privacy.
func (h *Hub) historyCommand(t *turn, base Reply, m Message, cmd coach.Command) {
	r := base
	r.Private = cmd.Verb != "undo"
	p := h.prefsOf(m)
	f := h.coach.Defaults().Formula
	fail := func(format string, args ...any) {
		r.Error = true
		r.Text = fmt.Sprintf(format, args...)
		t.replies = append(t.replies, r)
	}
	exercise := func(args []string) (string, []string, bool) {
		// The exercise is every word that is not a trailing count.
		words := args
		var rest []string
		if n := len(words); n > 0 {
			if _, err := strconv.Atoi(words[n-1]); err == nil {
				words, rest = words[:n-1], words[n-1:]
			}
		}
		if len(words) == 0 {
			return "", rest, true
		}
		name := strings.Join(words, " ")
		if e, ok := h.coach.Catalog().Lookup(name); ok {
			return e.Name, rest, true
		}
		msg := "I don't know the exercise " + strconv.Quote(name) + "."
		if s := h.coach.Catalog().Suggest(name, 3); len(s) > 0 {
			msg = "I don't know the exercise " + strconv.Quote(name) + "; did you mean " + strings.Join(s, ", ") + "?"
		}
		fail("%s Try: %s bench", msg, cmd.Verb)
		return "", nil, false
	}
	switch cmd.Verb {
	case "undo":
		last, err := h.store.LastEntry(m.Platform, m.UserID)
		if err != nil {
			h.log.Error("undo", "err", err)
			fail(genericError)
			return
		}
		if len(last) == 0 {
			fail("Nothing to undo: you have no sets logged.")
			return
		}
		// The change names the entry, so that it removes these sets only,
		// whatever was written since they were read.
		t.change.Undo = &record.EntryRef{Platform: m.Platform, UserID: m.UserID, Entry: last[0].Entry}
		ls := lifts(last)
		slices.Reverse(ls) // LastEntry returns them newest first
		r.Text = "Removed " + describeSets(ls) + "."
	case "history":
		name, rest, ok := exercise(cmd.Args)
		if !ok {
			return
		}
		n := 10
		if len(rest) == 1 {
			n, _ = strconv.Atoi(rest[0])
			n = min(max(n, 1), 50)
		}
		r.Text = h.historyText(m, p, name, n)
	case "pr":
		name, _, ok := exercise(cmd.Args)
		if !ok {
			return
		}
		if name != "" {
			r.Text = coach.BuildRecords(h.exerciseHistory(m, name), name, p.Unit, f).Text(f)
			break
		}
		recent, err := h.store.LastSets(m.Platform, m.UserID, 300, nil)
		if err != nil {
			h.log.Error("pr", "err", err)
		}
		names := recentExercises(lifts(recent), 5)
		if len(names) == 0 {
			r.Text = "No sets yet. Log one: log bench 100x5"
			break
		}
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = coach.BuildRecords(h.exerciseHistory(m, n), n, p.Unit, f).Text(f)
		}
		r.Text = strings.Join(parts, "\n\n")
	case "1rm":
		name, _, ok := exercise(cmd.Args)
		if !ok {
			return
		}
		if name == "" {
			fail("Which exercise? Try: 1rm bench")
			return
		}
		est, found := coach.BestEstimate(h.exerciseHistory(m, name), name, p.Unit, f, h.now())
		if !found {
			r.Text = "No sets of " + name + " to estimate from yet. Log one: log " + name + " 100x5"
			break
		}
		r.Text = est.Text(name, p.Unit, f)
	case "chart":
		name, _, ok := exercise(cmd.Args)
		if !ok {
			return
		}
		if name == "" {
			fail("Which exercise? Try: chart bench")
			return
		}
		png, err := chart.Progress(h.exerciseHistory(m, name), name, p.Unit, f, p.loc)
		if err != nil {
			r.Text = "No sets of " + name + " to chart yet. Log one: log " + name + " 100x5"
			break
		}
		r.Text = fmt.Sprintf("%s: estimated 1RM (%s) and top load per day, %s.", name, f, p.Unit)
		r.Image = &File{Name: "chart-" + strings.ReplaceAll(name, " ", "-") + ".png", MIME: "image/png", Data: png}
	case "week":
		sets, err := h.store.SetsSince(m.Platform, m.UserID, coach.WeekStart(h.now(), p.loc))
		if err != nil {
			h.log.Error("week", "err", err)
			fail(genericError)
			return
		}
		r.Text = h.coach.Week(lifts(sets), h.now(), p.loc).Text()
	case "settings":
		h.settings(t, &r, m, p, cmd.Args)
	case "export":
		all := h.historyOf(m)
		if len(all) == 0 {
			r.Text = "Nothing to export yet."
			break
		}
		var buf bytes.Buffer
		if err := h.coach.ExportCSV(&buf, all, p.loc, p.Unit); err != nil {
			h.log.Error("export", "err", err)
			fail(genericError)
			return
		}
		r.Text = fmt.Sprintf("%d sets, Strong CSV format, weights in %s.", len(all), p.Unit)
		r.File = &File{Name: "spotter-export.csv", MIME: "text/csv", Data: buf.Bytes()}
	case "import":
		h.importCSV(t, &r, m, p)
	case "forget":
		if strings.Join(cmd.Args, " ") != "me confirm" {
			if len(cmd.Args) == 0 || cmd.Args[0] != "me" {
				fail("To delete everything Spotter keeps of you, say: forget me")
				return
			}
			n, err := h.store.CountSets(m.Platform, m.UserID)
			if err != nil {
				h.log.Error("forget", "err", err)
			}
			r.Text = fmt.Sprintf("This deletes everything Spotter keeps of you on %s: %d sets, your settings and your sessions in every chat. It cannot be undone. To go ahead, say: forget me confirm", m.Platform, n)
			r.Buttons = [][]Button{{{Label: "Delete everything", Data: "forget me confirm"}}}
			break
		}
		n, err := h.store.CountSets(m.Platform, m.UserID)
		if err != nil {
			h.log.Error("forget", "err", err)
			fail(genericError)
			return
		}
		// The hub forgets the lifter's sessions and timers once the
		// change lasts (commit); the change itself deletes them stored.
		t.change.Forget = &record.User{Platform: m.Platform, UserID: m.UserID}
		t.change.Session, t.change.DeleteSession = nil, nil
		r.Text = fmt.Sprintf("Deleted: %d sets, your settings and your sessions. Spotter keeps nothing of you now.", n)
	case "privacy":
		r.Private = false
		r.Text = privacyText
	case "gym":
		r.Private = false
		h.gymCommand(t, &r, m, p, cmd.Args)
	}
	t.replies = append(t.replies, r)
}

// forgetSessions drops a lifter's sessions and timers from memory, once
// the change that deleted them stored lasts.
func (h *Hub) forgetSessions(platform, userID string) {
	for l := range h.sessions {
		if l.Platform == platform && l.UserID == userID {
			h.dropSession(l)
		}
	}
	h.sched.removeWhere(func(t *record.Timer) bool {
		return t.Lifter.Platform == platform && t.Lifter.UserID == userID
	})
}

const privacyText = `What Spotter stores, per lifter and platform: the sets you do or log (time, exercise, load, reps, technique), your settings (units, time zone, fibre type, equipment), your running session and its rest timer, and the ids of recent messages (to ignore repeats). Nothing else: no message text is kept.
Where: one bbolt file on the machine of whoever runs this bot, readable by them only (file mode 0600).
Who sees it: you. Your history, PRs, charts and exports answer only your own questions; in a group chat other members see what you ask for there.
Deleting: say forget me, confirm, and everything of yours is gone at once. export gives you a copy first.`

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

// settings shows or changes the lifter's settings; a change goes into the
// turn.
func (h *Hub) settings(t *turn, r *Reply, m Message, p prefs, args []string) {
	s := p.Settings
	show := func(prefix string) {
		tz := s.TZ
		if tz == "" {
			tz = "UTC"
		}
		eq := "each exercise's own"
		if s.EquipSet {
			eq = s.Equipment.String()
		}
		r.Text = fmt.Sprintf("%sUnits: %s · time zone: %s · fibre type: %s · equipment: %s\nChange with: settings units lb, settings tz Europe/Berlin, settings fiber fast, settings equipment dumbbell (or any)",
			prefix, s.Unit, tz, s.Fiber, eq)
	}
	if len(args) == 0 {
		show("")
		return
	}
	bad := func(msg string) {
		r.Error = true
		r.Text = msg
	}
	if len(args) != 2 {
		bad("Write one setting and its value. Try: settings units lb")
		return
	}
	switch args[0] {
	case "units", "unit":
		u, ok := coach.ParseUnit(args[1])
		if !ok {
			bad("Units are kg or lb. Try: settings units lb")
			return
		}
		s.Unit, s.UnitSet = u, true
	case "tz", "timezone", "zone":
		name := args[1]
		// Zone names are case-sensitive: find the one meant.
		loc, err := time.LoadLocation(name)
		if err != nil {
			loc, err = time.LoadLocation(titleZone(name))
		}
		if err != nil {
			bad("I don't know the time zone " + strconv.Quote(name) + ". Try: settings tz Europe/Berlin")
			return
		}
		s.TZ = loc.String()
	case "fiber", "fibre":
		fb, ok := coach.ParseFiber(args[1])
		if !ok {
			bad("Fibre types are slow, mixed or fast. Try: settings fiber fast")
			return
		}
		s.Fiber, s.FiberSet = fb, true
	case "equipment", "equip":
		if args[1] == "any" || args[1] == "default" {
			s.Equipment, s.EquipSet = 0, false
			break
		}
		eq, ok := coach.ParseEquipment(args[1])
		if !ok {
			bad("Equipment is " + strings.Join(coach.EquipmentWords(), ", ") + " or any. Try: settings equipment dumbbell")
			return
		}
		s.Equipment, s.EquipSet = eq, true
	default:
		bad("Settings are units, tz, fiber and equipment. Try: settings units lb")
		return
	}
	t.change.Settings = &record.UserSettings{Platform: m.Platform, UserID: m.UserID, Settings: s}
	show("Saved. ")
}

// titleZone capitalises a zone typed in lower case: "europe/berlin" ->
// "Europe/Berlin", "america/new_york" -> "America/New_York".
func titleZone(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '/' || c == '_' || c == '-'
	}
	return string(b)
}

// importCSV imports an attached CSV export: the rows the lifter has not
// imported before go into the turn.
func (h *Hub) importCSV(t *turn, r *Reply, m Message, p prefs) {
	if m.File == nil {
		r.Error = true
		r.Text = "Attach a CSV exported from Strong, Hevy or FitNotes and write import with it."
		return
	}
	im, err := h.coach.ImportCSV(m.File.Data, p.loc, p.Unit)
	if err != nil {
		r.Error = true
		r.Text = h.errorReply(*r, err).Text
		return
	}
	rows := make([]record.ImportedSet, len(im.Lifts))
	for i, l := range im.Lifts {
		rows[i] = record.ImportedSet{
			Set: record.Set{Lift: l, Platform: m.Platform, UserID: m.UserID, ChatID: m.ChatID},
			Row: record.RowID(im.Keys[i]),
		}
	}
	fresh, err := h.store.NotImported(m.Platform, m.UserID, rows)
	if err != nil {
		h.log.Error("import", "err", err)
		r.Error = true
		r.Text = genericError
		return
	}
	t.change.Import = fresh
	added := len(fresh)
	var b strings.Builder
	fmt.Fprintf(&b, "%s export: %d rows read, %d sets imported", im.Format, im.Read, added)
	if dup := len(im.Lifts) - added; dup > 0 {
		fmt.Fprintf(&b, ", %d already imported before", dup)
	}
	b.WriteString(".")
	if len(im.Skipped) > 0 {
		b.WriteString(" Skipped: " + im.SkippedText() + ".")
	}
	if im.AssumedUnit {
		fmt.Fprintf(&b, " The file has no weight unit: read as %s (change with settings units).", p.Unit)
	}
	r.Text = b.String()
}
