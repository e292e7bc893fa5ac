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
// change, so a file imported twice adds nothing.
func (h *Hub) importCommand(t *turn, base Reply, m Message, p prefs, _ coach.Command) {
	if m.File == nil {
		t.fail(base, "Attach a CSV exported from Strong, Hevy or FitNotes and write import with it.")
		return
	}
	t.slow = func(t *turn) {
		r := base
		h.importCSV(t, &r, m, p)
		t.replies = append(t.replies, r)
	}
}

// importCSV reads the attached file and puts its new rows into the
// change. It runs on a worker.
func (h *Hub) importCSV(t *turn, r *Reply, m Message, p prefs) {
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
