package pg

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// bstr is a string read from bytea.
type bstr string

func (s *bstr) ScanBytes(v []byte) error {
	*s = bstr(v)
	return nil
}

// Seen reports whether a platform message id was applied before.
func (db *DB) Seen(platform, id string) (bool, error) {
	var ok bool
	err := db.pool.QueryRow(context.Background(), `SELECT EXISTS (SELECT 1 FROM seen WHERE platform = $1 AND id = $2)`, platform, id).Scan(&ok)
	if err != nil {
		return false, db.wrap("seen", err)
	}
	return ok, nil
}

// Sessions loads every lifter's session record.
func (db *DB) Sessions() ([]record.Session, error) {
	out, err := db.sessions(context.Background())
	if err != nil {
		return nil, db.wrap("sessions", err)
	}
	return out, nil
}

func (db *DB) sessions(ctx context.Context) ([]record.Session, error) {
	rows, err := db.pool.Query(ctx, `SELECT platform, chat_id, user_id, record FROM sessions ORDER BY platform, chat_id, user_id`)
	if err != nil {
		return nil, err
	}
	var out []record.Session
	var l record.Lifter
	var raw pgtype.DriverBytes
	_, err = pgx.ForEachRow(rows, []any{&l.Platform, &l.ChatID, &l.UserID, &raw}, func() error {
		var r record.Session
		if err := json.Unmarshal(raw, &r); err != nil {
			return fmt.Errorf("session %s/%s/%s: %w", l.Platform, l.ChatID, l.UserID, err)
		}
		r.Lifter = l
		out = append(out, r)
		return nil
	})
	return out, err
}

// Timers loads every pending timer, in due order (then by ID).
func (db *DB) Timers() ([]record.Timer, error) {
	out, err := db.timers(context.Background())
	if err != nil {
		return nil, db.wrap("timers", err)
	}
	return out, nil
}

func (db *DB) timers(ctx context.Context) ([]record.Timer, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+timerColumns+` FROM timers ORDER BY due_ns, id`)
	if err != nil {
		return nil, err
	}
	return scanTimers(rows)
}

// timerColumns are the columns scanTimers reads.
const timerColumns = `due_ns, id, platform, chat_id, user_id, user_name, grp, text, created_ns, step_kind, reps_lo, reps_hi`

// scanTimers reads timers of timerColumns, in the rows' order.
func scanTimers(rows pgx.Rows) ([]record.Timer, error) {
	var out []record.Timer
	var (
		due, created int64
		t            record.Timer
		name, text   bstr
		kind         pgtype.Int2
		lo, hi       pgtype.Int4
	)
	_, err := pgx.ForEachRow(rows, []any{&due, &t.ID, &t.Lifter.Platform, &t.Lifter.ChatID, &t.Lifter.UserID, &name, &t.Group, &text, &created, &kind, &lo, &hi}, func() error {
		r := t
		r.Due, r.UserName, r.Text = time.Unix(0, due), string(name), string(text)
		if created != 0 {
			r.Created = time.Unix(0, created)
		}
		if kind.Valid {
			r.Step = &record.TimerStep{Kind: coach.StepKind(uint8(kind.Int16)), RepsLo: int(lo.Int32), RepsHi: int(hi.Int32)}
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// Outbox loads the replies not yet sent, in ID order (byte-wise).
func (db *DB) Outbox() ([]record.Outgoing, error) {
	out, err := db.outbox(context.Background())
	if err != nil {
		return nil, db.wrap("outbox", err)
	}
	return out, nil
}

func (db *DB) outbox(ctx context.Context) ([]record.Outgoing, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+outboxColumns+` FROM outbox ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return scanOutbox(rows)
}

// outboxColumns are the columns scanOutbox reads.
const outboxColumns = `id, platform, chat_id, at_ns, data`

// scanOutbox reads stored replies of outboxColumns, in the rows' order.
func scanOutbox(rows pgx.Rows) ([]record.Outgoing, error) {
	var out []record.Outgoing
	var o record.Outgoing
	var at int64
	var data []byte
	_, err := pgx.ForEachRow(rows, []any{&o.ID, &o.Platform, &o.ChatID, &at, &data}, func() error {
		r := o
		r.At, r.Data = time.Unix(0, at).UTC(), data
		data = nil
		out = append(out, r)
		return nil
	})
	return out, err
}

// Settings reads a lifter's settings; ok is false when they never set any.
func (db *DB) Settings(platform, userID string) (s record.Settings, ok bool, err error) {
	var raw []byte
	err = db.pool.QueryRow(context.Background(), `SELECT settings FROM settings WHERE platform = $1 AND user_id = $2`, platform, userID).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return record.Settings{}, false, nil
	}
	if err == nil {
		err = json.Unmarshal(raw, &s)
	}
	if err != nil {
		return record.Settings{}, false, db.wrap("settings", err)
	}
	return s, true, nil
}

// Gym reads the equipment set for a space; ok is false when none was set.
func (db *DB) Gym(platform, space string) (g record.GymRacks, ok bool, err error) {
	var raw []byte
	err = db.pool.QueryRow(context.Background(), `SELECT racks FROM gyms WHERE platform = $1 AND space = $2`, platform, space).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return record.GymRacks{}, false, nil
	}
	if err == nil {
		err = json.Unmarshal(raw, &g)
	}
	if err != nil {
		return record.GymRacks{}, false, db.wrap("gym", err)
	}
	return g, true, nil
}

// setCols are the columns scanSets reads.
const setCols = `at_ns, exercise, load, unit, reps, rpe, technique, session, entry, kind, note, platform, user_id, chat_id`

// scanSets reads the rows of a query of setCols.
func scanSets(rows pgx.Rows, out []record.Set) ([]record.Set, error) {
	var (
		at, reps                          int64
		load, rpe                         float64
		unit                              int16
		ex, tech, sess, entry, kind, note bstr
		platform, userID, chatID          string
	)
	_, err := pgx.ForEachRow(rows, []any{&at, &ex, &load, &unit, &reps, &rpe, &tech, &sess, &entry, &kind, &note, &platform, &userID, &chatID}, func() error {
		out = append(out, record.Set{
			Lift: coach.Lift{At: time.Unix(0, at), Exercise: string(ex), Load: load, Unit: coach.Unit(uint8(unit)), Reps: int(reps), RPE: rpe,
				Technique: string(tech), Session: string(sess), Entry: string(entry), Kind: string(kind), Note: string(note)},
			Platform: platform, UserID: userID, ChatID: chatID,
		})
		return nil
	})
	return out, err
}

// querySets runs a query of setCols.
func (db *DB) querySets(ctx context.Context, op, sql string, args ...any) ([]record.Set, error) {
	rows, err := db.pool.Query(ctx, sql, args...)
	if err == nil {
		var out []record.Set
		out, err = scanSets(rows, out)
		if err == nil {
			return out, nil
		}
	}
	return nil, db.wrap(op, err)
}

// Sets returns a lifter's whole history, oldest first.
func (db *DB) Sets(platform, userID string) ([]record.Set, error) {
	return db.SetsSince(platform, userID, time.Time{})
}

// SetsSince returns a lifter's sets at or after since, oldest first.
func (db *DB) SetsSince(platform, userID string, since time.Time) ([]record.Set, error) {
	from := int64(math.MinInt64)
	if !since.IsZero() {
		from = since.UnixNano()
	}
	return db.querySets(context.Background(), "sets", `SELECT `+setCols+` FROM sets WHERE platform = $1 AND user_id = $2 AND at_ns >= $3 ORDER BY at_ns, seq`,
		platform, userID, from)
}

// SetsOf returns a lifter's sets of one exercise, oldest first; the name
// matches whatever its case and surrounding space.
func (db *DB) SetsOf(platform, userID, exercise string) ([]record.Set, error) {
	return db.querySets(context.Background(), "sets", `SELECT `+setCols+` FROM sets WHERE platform = $1 AND user_id = $2 AND exercise_key = $3 ORDER BY at_ns, seq`,
		platform, userID, exerciseKey(exercise))
}

// ExerciseNames returns the distinct exercise names of a lifter's sets,
// in lower case, in byte order. It walks the exercise index a name at a
// time (a loose index scan), reading no set.
func (db *DB) ExerciseNames(platform, userID string) ([]string, error) {
	rows, err := db.pool.Query(context.Background(), `WITH RECURSIVE n AS (
			(SELECT exercise_key AS k FROM sets WHERE platform = $1 AND user_id = $2 ORDER BY exercise_key LIMIT 1)
			UNION ALL
			SELECT (SELECT s.exercise_key FROM sets s WHERE s.platform = $1 AND s.user_id = $2 AND s.exercise_key > n.k ORDER BY s.exercise_key LIMIT 1)
			FROM n WHERE n.k IS NOT NULL)
		SELECT k FROM n WHERE k IS NOT NULL AND k <> ''::bytea`, platform, userID)
	var out []string
	if err == nil {
		var k bstr
		_, err = pgx.ForEachRow(rows, []any{&k}, func() error {
			out = append(out, string(k))
			return nil
		})
	}
	if err != nil {
		return nil, db.wrap("exercise names", err)
	}
	return out, nil
}

// LastSets returns up to n of a lifter's most recent sets, newest first,
// keeping only those keep accepts (nil keeps all). It reads the history
// backwards a page at a time, pages growing while keep refuses.
func (db *DB) LastSets(platform, userID string, n int, keep func(*record.Set) bool) ([]record.Set, error) {
	if n <= 0 {
		return nil, nil
	}
	page := n
	if keep != nil {
		page = max(n, 64)
	}
	var out []record.Set
	at, seq := int64(math.MaxInt64), int64(math.MaxInt64)
	for {
		rows, err := db.pool.Query(context.Background(), `SELECT seq, `+setCols+` FROM sets WHERE platform = $1 AND user_id = $2 AND (at_ns, seq) < ($3, $4)
			ORDER BY at_ns DESC, seq DESC LIMIT $5`, platform, userID, at, seq, page)
		if err != nil {
			return nil, db.wrap("sets", err)
		}
		var got []record.Set
		var seqs []int64
		got, seqs, err = scanSeqSets(rows)
		if err != nil {
			return nil, db.wrap("sets", err)
		}
		for i := range got {
			if keep == nil || keep(&got[i]) {
				out = append(out, got[i])
				if len(out) == n {
					return out, nil
				}
			}
		}
		if len(got) < page {
			return out, nil
		}
		at, seq = got[len(got)-1].At.UnixNano(), seqs[len(seqs)-1]
		page = min(page*2, 4096)
	}
}

// scanSeqSets reads the rows of a query of seq and setCols.
func scanSeqSets(rows pgx.Rows) ([]record.Set, []int64, error) {
	var (
		out                               []record.Set
		seqs                              []int64
		seq, at, reps                     int64
		load, rpe                         float64
		unit                              int16
		ex, tech, sess, entry, kind, note bstr
		platform, userID, chatID          string
	)
	_, err := pgx.ForEachRow(rows, []any{&seq, &at, &ex, &load, &unit, &reps, &rpe, &tech, &sess, &entry, &kind, &note, &platform, &userID, &chatID}, func() error {
		seqs = append(seqs, seq)
		out = append(out, record.Set{
			Lift: coach.Lift{At: time.Unix(0, at), Exercise: string(ex), Load: load, Unit: coach.Unit(uint8(unit)), Reps: int(reps), RPE: rpe,
				Technique: string(tech), Session: string(sess), Entry: string(entry), Kind: string(kind), Note: string(note)},
			Platform: platform, UserID: userID, ChatID: chatID,
		})
		return nil
	})
	return out, seqs, err
}

// LastEntry returns the sets of the user's last entry, newest first: the
// newest set and the sets before it written with the same Entry (a set
// without an entry stands alone). It is what undo removes.
func (db *DB) LastEntry(platform, userID string) ([]record.Set, error) {
	return db.querySets(context.Background(), "last entry", entryRunSQL(setCols), platform, userID, nil)
}

// Entry are the sets of the entry ref names, stamped at ref.At, newest
// first; none when it is gone.
func (db *DB) Entry(ref record.EntryRef) ([]record.Set, error) {
	return db.querySets(context.Background(), "entry", `SELECT `+setCols+` FROM sets WHERE platform = $1 AND user_id = $2 AND at_ns = $3 AND entry = $4
		ORDER BY seq DESC`, ref.Platform, ref.UserID, ref.At.UnixNano(), []byte(ref.Entry))
}

// CountSets is how many sets the user's history holds.
func (db *DB) CountSets(platform, userID string) (int, error) {
	var n int
	err := db.pool.QueryRow(context.Background(), `SELECT count(*) FROM sets WHERE platform = $1 AND user_id = $2`, platform, userID).Scan(&n)
	if err != nil {
		return 0, db.wrap("count sets", err)
	}
	return n, nil
}

// NotImported returns the rows the user has not imported before, in
// their order. When every row is new it returns rows itself.
func (db *DB) NotImported(platform, userID string, rows []record.ImportedSet) ([]record.ImportedSet, error) {
	if len(rows) == 0 {
		return rows, nil
	}
	ids := make([][]byte, len(rows))
	for i := range rows {
		ids[i] = rows[i].Row[:]
	}
	res, err := db.pool.Query(context.Background(), `SELECT row_id FROM import_marks WHERE platform = $1 AND user_id = $2 AND row_id = ANY($3::bytea[])`,
		platform, userID, ids)
	marked := map[record.RowID]bool{}
	if err == nil {
		var id pgtype.DriverBytes
		_, err = pgx.ForEachRow(res, []any{&id}, func() error {
			r, err := record.RowIDOf(id)
			if err != nil {
				return err
			}
			marked[r] = true
			return nil
		})
	}
	if err != nil {
		return nil, db.wrap("imported rows", err)
	}
	if len(marked) == 0 {
		return rows, nil
	}
	out := make([]record.ImportedSet, 0, len(rows)-len(marked))
	for _, r := range rows {
		if !marked[r.Row] {
			out = append(out, r)
		}
	}
	return out, nil
}
