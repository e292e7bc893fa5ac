package pg

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/spotter-coach/spotter/record"
)

// seenTrimEvery is how often (in message ids) the oldest ids beyond
// record.SeenWindow are deleted: the window holds between SeenWindow and
// SeenWindow+seenTrimEvery ids.
const seenTrimEvery = 256

// copyAbove is how many sets a change writes with COPY rather than one
// INSERT each (in one round trip either way).
const copyAbove = 64

// Apply writes a change in one transaction: all of it, or, on an error,
// none of it. A change whose message id was applied before writes nothing
// and fails with an error wrapping record.ErrSeen.
func (db *DB) Apply(ch record.Change) error {
	return db.ApplyContext(context.Background(), ch)
}

// ApplyContext is Apply for a change that may take long to write (an
// import of many rows): when ctx is done before the change is written it
// writes nothing and fails with an error wrapping ctx's. Once the write
// is committing it lasts, whatever ctx does. As in the bbolt store, ctx
// stops the import's rows; the rest of a change is written whatever ctx
// says.
func (db *DB) ApplyContext(ctx context.Context, ch record.Change) error {
	if err := db.apply(ctx, &ch); err != nil {
		if cerr := ctx.Err(); cerr != nil && len(ch.Import) > 0 && !errors.Is(err, cerr) {
			err = fmt.Errorf("%w (%v)", cerr, err)
		}
		return db.wrap("apply", err)
	}
	return nil
}

func (db *DB) apply(ctx context.Context, ch *record.Change) error {
	for _, o := range ch.Outbox {
		if o.ID == "" {
			return errors.New("outgoing reply without an id")
		}
	}
	bg := context.WithoutCancel(ctx)
	tx, err := db.pool.Begin(bg)
	if err != nil {
		return err
	}
	defer tx.Rollback(bg)
	w := &writer{tx: tx}
	if ch.SeenID != "" {
		w.b.Queue(`WITH ins AS (INSERT INTO seen (platform, id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING seq),
			trim AS (DELETE FROM seen WHERE (SELECT seq FROM ins) % $4 = 0 AND seq <= (SELECT seq FROM ins) - $3)
			SELECT seq FROM ins`,
			ch.SeenPlatform, ch.SeenID, int64(record.SeenWindow), int64(seenTrimEvery)).QueryRow(func(row pgx.Row) error {
			var seq int64
			if err := row.Scan(&seq); errors.Is(err, pgx.ErrNoRows) {
				return record.ErrSeen
			} else {
				return err
			}
		})
	}
	if u := ch.Undo; u != nil {
		if u.At.IsZero() {
			w.b.Queue(`DELETE FROM sets WHERE platform = $1 AND user_id = $2 AND (at_ns, seq) IN (`+entryRunSQL("at_ns, seq")+`)`,
				u.Platform, u.UserID, []byte(u.Entry))
		} else {
			w.b.Queue(`DELETE FROM sets WHERE platform = $1 AND user_id = $2 AND at_ns = $3 AND entry = $4`,
				u.Platform, u.UserID, u.At.UnixNano(), []byte(u.Entry))
		}
	}
	if l := ch.DeleteSession; l != nil {
		w.b.Queue(`DELETE FROM sessions WHERE platform = $1 AND chat_id = $2 AND user_id = $3`, l.Platform, l.ChatID, l.UserID)
	}
	if s := ch.Session; s != nil {
		if err := queueSession(&w.b, s); err != nil {
			return err
		}
	}
	if err := queueRound(&w.b, ch.Round, ch.DeleteRound); err != nil {
		return err
	}
	if err := w.sets(bg, ch.Sets); err != nil {
		return err
	}
	if len(ch.Import) > 0 {
		if err := w.importRows(ctx, ch.Import); err != nil {
			return err
		}
	}
	queueRemoveTimers(&w.b, ch.RemoveTimers)
	now := db.now()
	for i := range ch.AddTimers {
		queueTimer(&w.b, &ch.AddTimers[i], db.owner, timerLease(ch.AddTimers[i].Due, now))
	}
	if s := ch.Settings; s != nil {
		if err := queueSettings(&w.b, s); err != nil {
			return err
		}
	}
	if g := ch.Gym; g != nil {
		if err := queueGym(&w.b, g); err != nil {
			return err
		}
	}
	if err := queueLinks(&w.b, ch); err != nil {
		return err
	}
	if r := ch.Board; r != nil {
		if err := queueBoard(&w.b, r); err != nil {
			return err
		}
	}
	for i := range ch.Outbox {
		queueOutgoing(&w.b, &ch.Outbox[i], db.owner, now.Add(record.ReplyLease).UnixNano())
	}
	if len(ch.Sent) > 0 {
		w.b.Queue(`DELETE FROM outbox WHERE id = ANY($1)`, ch.Sent)
	}
	if f := ch.Forget; f != nil {
		queueForgetLinked(&w.b, f.Platform, f.UserID)
		queueForget(&w.b, f.Platform, f.UserID)
	}
	if err := w.flush(bg); err != nil {
		return err
	}
	if len(ch.Import) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return tx.Commit(bg)
}

// writer queues a transaction's statements and sends them together.
type writer struct {
	tx pgx.Tx
	b  pgx.Batch
}

// flush sends the queued statements in one round trip.
func (w *writer) flush(ctx context.Context) error {
	if w.b.Len() == 0 {
		return nil
	}
	err := w.tx.SendBatch(ctx, &w.b).Close()
	w.b = pgx.Batch{}
	return err
}

// entryRunSQL selects cols of the run of sets that ends a user's history
// ($1, $2) and belongs to entry $3 (bytea; NULL: the newest set's), newest
// first: nothing when the newest set belongs to another entry, and only
// the newest set when the entry is empty (a set without an entry stands
// alone).
func entryRunSQL(cols string) string {
	return `WITH w AS (SELECT coalesce($3::bytea, (SELECT entry FROM sets WHERE platform = $1 AND user_id = $2 ORDER BY at_ns DESC, seq DESC LIMIT 1)) AS entry)
		SELECT ` + cols + ` FROM sets s
		WHERE s.platform = $1 AND s.user_id = $2
		AND (s.at_ns, s.seq) > (SELECT coalesce(max(b.at_ns), -9223372036854775808), coalesce(max(b.seq), -1) FROM (
			SELECT at_ns, seq FROM sets WHERE platform = $1 AND user_id = $2 AND entry <> (SELECT entry FROM w)
			ORDER BY at_ns DESC, seq DESC LIMIT 1) b)
		ORDER BY s.at_ns DESC, s.seq DESC
		LIMIT CASE WHEN (SELECT entry FROM w) = ''::bytea THEN 1 END`
}

func queueSession(b *pgx.Batch, s *record.Session) error {
	v, err := json.Marshal(s)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO sessions (platform, chat_id, user_id, record) VALUES ($1, $2, $3, $4)
		ON CONFLICT (platform, chat_id, user_id) DO UPDATE SET record = excluded.record`,
		s.Lifter.Platform, s.Lifter.ChatID, s.Lifter.UserID, v)
	return nil
}

// queueTimer writes a timer leased to owner until leaseUntil (Unix
// nanoseconds); owner "" writes it held by no process (lease 0).
func queueTimer(b *pgx.Batch, t *record.Timer, owner string, leaseUntil int64) {
	var created int64
	if !t.Created.IsZero() {
		created = t.Created.UnixNano()
	}
	var kind pgtype.Int2
	var lo, hi pgtype.Int4
	if st := t.Step; st != nil {
		kind = pgtype.Int2{Int16: int16(uint8(st.Kind)), Valid: true}
		lo = pgtype.Int4{Int32: int32(min(max(st.RepsLo, 0), 1<<30)), Valid: true}
		hi = pgtype.Int4{Int32: int32(min(max(st.RepsHi, 0), 1<<30)), Valid: true}
	}
	own := pgtype.Text{String: owner, Valid: owner != ""}
	if !own.Valid {
		leaseUntil = 0
	}
	b.Queue(`INSERT INTO timers (due_ns, id, platform, chat_id, user_id, user_name, grp, text, created_ns, step_kind, reps_lo, reps_hi, owner, lease_until)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (due_ns, id) DO UPDATE SET platform = excluded.platform, chat_id = excluded.chat_id, user_id = excluded.user_id,
			user_name = excluded.user_name, grp = excluded.grp, text = excluded.text, created_ns = excluded.created_ns,
			step_kind = excluded.step_kind, reps_lo = excluded.reps_lo, reps_hi = excluded.reps_hi,
			owner = excluded.owner, lease_until = excluded.lease_until`,
		t.Due.UnixNano(), t.ID, t.Lifter.Platform, t.Lifter.ChatID, t.Lifter.UserID, []byte(t.UserName), t.Group, []byte(t.Text),
		created, kind, lo, hi, own, leaseUntil)
}

// timerLease is when the lease of a timer due at due, taken at now, runs
// out (Unix nanoseconds): record.TimerLease past its due time, or past
// now for a timer already due, so that the holder always has TimerLease
// to fire it.
func timerLease(due, now time.Time) int64 {
	return max(due.UnixNano(), now.UnixNano()) + int64(record.TimerLease)
}

// queueRemoveTimers removes timers by ID alone, whatever due time the
// refs name: a process sharing the database may cancel a timer it does
// not hold, whose exact due time it need not know (timer IDs are unique).
func queueRemoveTimers(b *pgx.Batch, refs []record.TimerRef) {
	if len(refs) == 0 {
		return
	}
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	b.Queue(`DELETE FROM timers WHERE id = ANY($1::text[])`, ids)
}

func queueSettings(b *pgx.Batch, s *record.UserSettings) error {
	v, err := json.Marshal(s.Settings)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO settings (platform, user_id, settings) VALUES ($1, $2, $3)
		ON CONFLICT (platform, user_id) DO UPDATE SET settings = excluded.settings`, s.Platform, s.UserID, string(v))
	return nil
}

func queueGym(b *pgx.Batch, g *record.SpaceGym) error {
	if g.Racks == nil {
		b.Queue(`DELETE FROM gyms WHERE platform = $1 AND space = $2`, g.Platform, g.Space)
		return nil
	}
	v, err := json.Marshal(g.Racks)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO gyms (platform, space, racks) VALUES ($1, $2, $3)
		ON CONFLICT (platform, space) DO UPDATE SET racks = excluded.racks`, g.Platform, g.Space, string(v))
	return nil
}

// queueOutgoing writes a stored reply leased to owner until leaseUntil
// (Unix nanoseconds); owner "" writes it held by no process (lease 0).
func queueOutgoing(b *pgx.Batch, o *record.Outgoing, owner string, leaseUntil int64) {
	own := pgtype.Text{String: owner, Valid: owner != ""}
	if !own.Valid {
		leaseUntil = 0
	}
	b.Queue(`INSERT INTO outbox (id, platform, chat_id, at_ns, data, owner, lease_until) VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (id) DO UPDATE SET platform = excluded.platform, chat_id = excluded.chat_id, at_ns = excluded.at_ns, data = excluded.data,
			owner = excluded.owner, lease_until = excluded.lease_until`,
		o.ID, o.Platform, o.ChatID, o.At.UnixNano(), o.Data, own, leaseUntil)
}

// queueForget deletes everything stored of a user on one platform: sets,
// import marks, settings, sessions and pending timers in every chat.
func queueForget(b *pgx.Batch, platform, userID string) {
	for _, table := range []string{"sets", "import_marks", "settings", "sessions", "timers"} {
		b.Queue(`DELETE FROM `+table+` WHERE platform = $1 AND user_id = $2`, platform, userID)
	}
}

// setColumns are the columns a set is written to, in setRow's order.
var setColumns = []string{"platform", "user_id", "at_ns", "exercise", "exercise_key", "load", "unit", "reps", "rpe",
	"technique", "session", "entry", "kind", "note", "chat_id"}

// exerciseKey is how a set's exercise is indexed: trimmed, in lower case,
// as the bbolt store does.
func exerciseKey(name string) []byte { return []byte(strings.ToLower(strings.TrimSpace(name))) }

func setRow(s *record.Set) []any {
	return []any{s.Platform, s.UserID, s.At.UnixNano(), []byte(s.Exercise), exerciseKey(s.Exercise), s.Load, int16(uint8(s.Unit)),
		int64(max(s.Reps, 0)), s.RPE, []byte(s.Technique), []byte(s.Session), []byte(s.Entry), []byte(s.Kind), []byte(s.Note), s.ChatID}
}

const insertSetSQL = `INSERT INTO sets (platform, user_id, at_ns, exercise, exercise_key, load, unit, reps, rpe, technique, session, entry, kind, note, chat_id)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`

// sets appends sets to their users' histories, in order: seq numbers
// follow the order they are given in.
func (w *writer) sets(ctx context.Context, sets []record.Set) error {
	if len(sets) <= copyAbove {
		for i := range sets {
			w.b.Queue(insertSetSQL, setRow(&sets[i])...)
		}
		return nil
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	return copySets(ctx, w.tx, sets)
}

// copySets appends many sets with COPY, in order.
func copySets(ctx context.Context, tx pgx.Tx, sets []record.Set) error {
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"sets"}, setColumns, pgx.CopyFromSlice(len(sets), func(i int) ([]any, error) {
		return setRow(&sets[i]), nil
	}))
	return err
}

// importRows appends the sets of the rows their users have not imported
// before and marks the rows: as in the bbolt store, the first of a row
// repeated in the change counts, and the fresh sets are appended in time
// order (rows of one time in the change's order).
func (w *writer) importRows(ctx context.Context, rows []record.ImportedSet) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	type user struct{ platform, id string }
	var users []user
	byUser := map[user][]int{} // the first row of each id, per user
	firsts := map[user]map[record.RowID]int{}
	for i := range rows {
		u := user{rows[i].Set.Platform, rows[i].Set.UserID}
		f := firsts[u]
		if f == nil {
			f = map[record.RowID]int{}
			firsts[u] = f
			users = append(users, u)
		}
		if _, dup := f[rows[i].Row]; dup {
			continue
		}
		f[rows[i].Row] = i
		byUser[u] = append(byUser[u], i)
	}
	fresh := make([]bool, len(rows))
	for _, u := range users {
		idx := byUser[u]
		ids := make([][]byte, len(idx))
		for j, i := range idx {
			ids[j] = rows[i].Row[:]
		}
		marked, err := w.tx.Query(ctx, `INSERT INTO import_marks (platform, user_id, row_id) SELECT $1, $2, unnest($3::bytea[])
			ON CONFLICT DO NOTHING RETURNING row_id`, u.platform, u.id, ids)
		if err != nil {
			return err
		}
		var id pgtype.DriverBytes
		_, err = pgx.ForEachRow(marked, []any{&id}, func() error {
			r, err := record.RowIDOf(id)
			if err != nil {
				return err
			}
			fresh[firsts[u][r]] = true
			return nil
		})
		if err != nil {
			return err
		}
	}
	var order []int
	for i, ok := range fresh {
		if ok {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(rows[a].Set.At.UnixNano(), rows[b].Set.At.UnixNano())
	})
	sets := make([]record.Set, len(order))
	for j, i := range order {
		sets[j] = rows[i].Set
	}
	return w.sets(ctx, sets)
}
