package bot

import (
	"bytes"
	"fmt"
	"strings"

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
		r.Text = fmt.Sprintf("%d sets, Strong CSV format, weights in %s.", len(all), p.Unit)
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
// into the change; it returns the answer. It runs on a worker, and stops
// when shutdown asks (slowWork.ctx): then the turn says so itself, and ok
// is false.
func (h *Hub) importCSV(t *turn, r Reply, m Message, p prefs) (_ Reply, ok bool) {
	ctx := h.work.ctx
	if ctx.Err() != nil {
		interruptImport(t, r)
		return r, false
	}
	data := m.File.Data
	rows := make([]record.ImportedSet, 0, min(bytes.Count(data, []byte("\n"))+1, h.coach.ImportLimits().Rows))
	im, err := h.coach.ScanCSV(data, p.loc, p.Unit, func(l coach.Lift, key [16]byte) error {
		if len(rows)%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rows = append(rows, record.ImportedSet{
			Set: record.Set{Lift: l, Platform: m.Platform, UserID: m.UserID, ChatID: m.ChatID},
			Row: record.RowID(key),
		})
		return nil
	})
	switch {
	case err != nil && ctx.Err() != nil:
		interruptImport(t, r)
		return r, false
	case err != nil:
		return h.errorReply(r, err), true
	}
	fresh, err := h.store.NotImported(m.Platform, m.UserID, rows)
	if err != nil {
		h.log.Error("import", "err", err)
		r.Error = true
		r.Text = genericError
		return r, true
	}
	t.change.Import = fresh
	added := len(fresh)
	var b strings.Builder
	fmt.Fprintf(&b, "%s export: %d rows read, %d sets imported", im.Format, im.Read, added)
	if dup := im.Sets - added; dup > 0 {
		fmt.Fprintf(&b, ", %d already imported before", dup)
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
	r.Text = b.String()
	return r, true
}
