package bot

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// Export and import of a lifter's history as CSV. Both read or write the
// whole history, thousands of sets, so a worker does them (slowwork.go);
// the hub only checks what it can answer at once.

// exportCommand answers export with all the lifter's sets as a CSV in
// Strong's format.
func (h *Hub) exportCommand(t *turn, base Reply, m Message, p prefs, _ coach.Command) {
	t.slow = func(t *turn) {
		r := base
		all := h.historyOf(m)
		if len(all) == 0 {
			r.Text = "Nothing to export yet."
			t.replies = append(t.replies, r)
			return
		}
		var buf bytes.Buffer
		if err := h.coach.ExportCSV(&buf, all, p.loc, p.Unit); err != nil {
			h.log.Error("export", "err", err)
			t.fail(r, genericError)
			return
		}
		r.Text = fmt.Sprintf("%s, Strong CSV format, weights in %s.", coach.Plural(len(all), "set"), p.Unit)
		r.File = &File{Name: "spotter-export.csv", MIME: "text/csv", Data: buf.Bytes()}
		t.replies = append(t.replies, r)
	}
}

// importCommand imports an attached CSV export of Strong, Hevy or
// FitNotes: the rows the lifter has not imported before go into the
// change, so a file imported twice adds nothing. What can be refused at
// once (no file, too big, not an export, too many imports today) is
// refused here; reading the rows is slow work.
func (h *Hub) importCommand(t *turn, base Reply, m Message, p prefs, _ coach.Command) {
	if m.File == nil {
		t.fail(base, "Attach a CSV exported from Strong, Hevy or FitNotes and write import with it.")
		return
	}
	if _, err := h.coach.CSVFormat(m.File.Data); err != nil {
		t.replies = append(t.replies, h.errorReply(base, err))
		return
	}
	limit := h.coach.ImportLimits().PerDay
	if next, ok := h.work.allowImport(laneKey(m), h.now(), limit); !ok {
		t.fail(base, fmt.Sprintf("You have sent %d imports in the last 24 hours, the most Spotter takes in a day. Try: send the file again after %s.",
			limit, next.In(p.loc).Format("Mon 15:04")))
		return
	}
	t.slow = func(t *turn) {
		if r, ok := h.importCSV(t, base, m, p); ok {
			t.replies = append(t.replies, r)
		}
	}
}

// importInterrupted is the answer to an import that shutdown stopped
// before it was written.
const importInterrupted = "Your import was interrupted by a restart of Spotter; nothing was imported: send the file again in a minute."

// interruptImport makes t the turn of an import that shutdown stopped:
// nothing to write (not even the message id, so that a redelivery imports
// the file), and the lifter told so.
func interruptImport(t *turn, base Reply) {
	base.Error = true
	base.Text = importInterrupted
	t.change = record.Change{}
	t.replies = []Reply{base}
}

// importCSV reads the attached file, row by row, and puts its new rows
// into the change; it returns the answer. A row is new when its key was
// never imported (a file sent twice adds nothing) and no set of the
// lifter's history is that row (coach.SetMatcher: Spotter's own export
// sent back adds nothing either). It runs on a worker, and stops when
// shutdown asks (slowWork.ctx): then the turn says so itself, and ok is
// false. An import that takes a while shows its progress in one message
// edited as it goes (importProgress), which the answer then replaces.
func (h *Hub) importCSV(t *turn, r Reply, m Message, p prefs) (_ Reply, ok bool) {
	ctx := h.work.ctx
	if ctx.Err() != nil {
		interruptImport(t, r)
		return r, false
	}
	data := m.File.Data
	scan, err := h.coach.NewCSVScan(data, p.loc, p.Unit, h.now())
	if err != nil {
		return h.errorReply(r, err), true
	}
	im := scan.Import()
	// About the rows of the file, for the progress: a note may hold a
	// line break.
	lines := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		lines++
	}
	prog := h.newImportProgress(r, m.ID, max(lines-1, 0))
	rows := make([]record.ImportedSet, 0, min(lines, h.coach.ImportLimits().Rows))
	err = scan.Scan(func(l coach.Lift, key [16]byte) error {
		if len(rows)%1024 == 0 {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			prog.reading(im.Read)
		}
		rows = append(rows, record.ImportedSet{
			Set: record.Set{Lift: l, Platform: m.Platform, UserID: m.UserID, ChatID: m.ChatID},
			Row: record.RowID(key),
		})
		return nil
	})
	switch {
	case err != nil && ctx.Err() != nil:
		interruptImport(t, prog.answer(r))
		return r, false
	case err != nil:
		return prog.answer(h.errorReply(r, err)), true
	}
	prog.show(fmt.Sprintf("Importing… %s rows read; checking them against your history.", countText(im.Read)))
	fresh, err := h.store.NotImported(m.Platform, m.UserID, rows)
	if err != nil {
		h.log.Error("import", "err", err)
		r.Error = true
		r.Text = genericError
		return prog.answer(r), true
	}
	before := len(fresh)
	if fresh, err = h.notInHistory(m, rows, fresh); err != nil {
		h.log.Error("import", "err", err)
		r.Error = true
		r.Text = genericError
		return prog.answer(r), true
	}
	if len(fresh) > 0 {
		noun := "sets"
		if len(fresh) == 1 {
			noun = "set"
		}
		prog.show(fmt.Sprintf("Importing… writing %s %s.", countText(len(fresh)), noun))
	}
	t.change.Import = fresh
	added := len(fresh)
	var b strings.Builder
	fmt.Fprintf(&b, "%s export: %s read, %s imported", im.Format, coach.Plural(im.Read, "row"), coach.Plural(added, "set"))
	if dup := im.Sets - before; dup > 0 {
		fmt.Fprintf(&b, ", %d already imported before", dup)
	}
	if there := before - added; there > 0 {
		fmt.Fprintf(&b, ", %d already in your history", there)
	}
	b.WriteString(".")
	if len(im.Skipped) > 0 {
		b.WriteString(" Skipped: " + im.SkippedText() + ".")
	}
	if im.LongNames > 0 {
		b.WriteString(" Shorten those exercise names in the file and send it again: rows imported before are not added twice.")
	}
	if im.AssumedUnit {
		fmt.Fprintf(&b, " The file has no weight unit: read as %s (change with settings units).", p.Unit)
	}
	if im.Dates != "" {
		b.WriteString(" " + im.Dates)
	}
	if own := ownNamesIn(im.OwnNames, fresh); len(own) > 0 {
		b.WriteString(" " + ownNamesText(own))
	}
	r.Text = b.String()
	return prog.answer(r), true
}

// notInHistory are the fresh rows (those whose keys were never imported)
// that no set of the lifter's history already is. The rows whose keys
// were imported are matched first, each to the set it made, so that no
// other row is taken for that set.
func (h *Hub) notInHistory(m Message, rows, fresh []record.ImportedSet) ([]record.ImportedSet, error) {
	if len(fresh) == 0 {
		return fresh, nil
	}
	since := rows[0].Set.At
	for i := range rows {
		if rows[i].Set.At.Before(since) {
			since = rows[i].Set.At
		}
	}
	history, err := h.store.SetsSince(m.Platform, m.UserID, since.Truncate(time.Second))
	if err != nil || len(history) == 0 {
		return fresh, err
	}
	match := h.coach.NewSetMatcher(lifts(history))
	isFresh := make(map[record.RowID]bool, len(fresh))
	for i := range fresh {
		isFresh[fresh[i].Row] = true
	}
	for i := range rows {
		if !isFresh[rows[i].Row] {
			match.Match(&rows[i].Set.Lift)
		}
	}
	kept := fresh[:0]
	for i := range fresh {
		if !match.Match(&fresh[i].Set.Lift) {
			kept = append(kept, fresh[i])
		}
	}
	return kept, nil
}

// ownNamesIn are the names of own (the file's names the catalog could
// not place) that rows imported now carry.
func ownNamesIn(own []string, rows []record.ImportedSet) []string {
	if len(own) == 0 {
		return nil
	}
	used := map[string]bool{}
	for i := range rows {
		used[rows[i].Set.Exercise] = true
	}
	var out []string
	for _, n := range own {
		if used[n] {
			out = append(out, n)
		}
	}
	return out
}

// ownNamesMax is the most own names an import's answer lists.
const ownNamesMax = 12

// ownNamesText tells the lifter which names the import kept as the file
// wrote them, and how to reach them: every command takes them as they
// are listed.
func ownNamesText(names []string) string {
	list := make([]string, 0, min(len(names), ownNamesMax))
	for _, n := range names[:min(len(names), ownNamesMax)] {
		list = append(list, sentenceCase(n))
	}
	text := strings.Join(list, ", ")
	if more := len(names) - len(list); more > 0 {
		text += fmt.Sprintf(" and %d more", more)
	}
	try := names[0]
	for _, n := range names {
		if !strings.ContainsAny(n, "()") {
			try = n
			break
		}
	}
	return fmt.Sprintf("Kept under their own names, which the exercise catalog does not have: %s. Try: history %s", text, try)
}

// sentenceCase is s with its first letter upper case.
func sentenceCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// progressEvery is how long an import runs before it shows its progress,
// and how long at least between two edits of the progress message: an
// import of 100,000 rows takes about half a second, and one that quick
// needs no progress, nor to spend the chat's pace on it.
var progressEvery = 2 * time.Second

// importProgress is the progress of one import, shown in one message
// (Reply.Replace) that the worker queues as it goes.
type importProgress struct {
	h     *Hub
	base  Reply
	key   string // the progress message's Replace name
	total int    // about the rows of the file
	start time.Time
	last  time.Time // when the progress was last shown
	shown bool
}

func (h *Hub) newImportProgress(base Reply, id string, total int) *importProgress {
	now := h.now()
	return &importProgress{h: h, base: base, key: "import:" + id, total: total, start: now, last: now}
}

// reading shows how many rows are read.
func (p *importProgress) reading(read int) {
	if p.due() {
		p.show(fmt.Sprintf("Importing… %s of %s rows read.", countText(read), countText(max(p.total, read))))
	}
}

// due reports whether progressEvery has passed since the import began or
// since its progress was last shown.
func (p *importProgress) due() bool {
	return p.h.now().Sub(p.last) >= progressEvery
}

// show queues text as the progress message when it is due.
func (p *importProgress) show(text string) {
	if !p.due() {
		return
	}
	p.last = p.h.now()
	p.shown = true
	r := p.base
	r.Text = text
	r.Replace = p.key
	p.h.out.enqueue(outItem{reply: r, at: p.start})
}

// answer is r replacing the progress message, once there is one, when r
// is one platform message: a longer answer is posted after it.
func (p *importProgress) answer(r Reply) Reply {
	if p.shown && p.h.out.measurer(r.Platform).Messages(r) <= 1 {
		r.Replace = p.key
	}
	return r
}

// countText writes a count with thousands separated: 40,000.
func countText(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
