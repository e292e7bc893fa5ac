package pg

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/spotter-coach/spotter/record"
)

// This file reads everything a database holds and writes it whole: what
// store/transfer copies between backends with, as the bbolt store's
// export.go does. The Export methods call fn after their query has been
// read (fn may take its time, or write to another store), stopping at
// fn's first error; the Put methods write each call in one transaction
// and are idempotent, except AppendHistory, which appends.

// ExportSessions calls fn with every session record.
func (db *DB) ExportSessions(ctx context.Context, fn func(record.Session) error) error {
	recs, err := db.sessions(ctx)
	if err != nil {
		return db.wrap("export sessions", err)
	}
	return each(ctx, recs, fn)
}

// ExportTimers calls fn with every pending timer, in due order.
func (db *DB) ExportTimers(ctx context.Context, fn func(record.Timer) error) error {
	ts, err := db.timers(ctx)
	if err != nil {
		return db.wrap("export timers", err)
	}
	return each(ctx, ts, fn)
}

// ExportOutbox calls fn with every reply not yet sent, in ID order.
func (db *DB) ExportOutbox(ctx context.Context, fn func(record.Outgoing) error) error {
	out, err := db.outbox(ctx)
	if err != nil {
		return db.wrap("export outbox", err)
	}
	return each(ctx, out, fn)
}

// ExportSettings calls fn with every user's settings.
func (db *DB) ExportSettings(ctx context.Context, fn func(record.UserSettings) error) error {
	rows, err := db.pool.Query(ctx, `SELECT platform, user_id, settings FROM settings ORDER BY platform, user_id`)
	var all []record.UserSettings
	if err == nil {
		var s record.UserSettings
		var raw []byte
		_, err = pgx.ForEachRow(rows, []any{&s.Platform, &s.UserID, &raw}, func() error {
			r := record.UserSettings{Platform: s.Platform, UserID: s.UserID}
			if err := json.Unmarshal(raw, &r.Settings); err != nil {
				return fmt.Errorf("settings of %s/%s: %w", s.Platform, s.UserID, err)
			}
			all = append(all, r)
			return nil
		})
	}
	if err != nil {
		return db.wrap("export settings", err)
	}
	return each(ctx, all, fn)
}

// ExportGyms calls fn with every space's equipment.
func (db *DB) ExportGyms(ctx context.Context, fn func(record.SpaceGym) error) error {
	rows, err := db.pool.Query(ctx, `SELECT platform, space, racks FROM gyms ORDER BY platform, space`)
	var all []record.SpaceGym
	if err == nil {
		var g record.SpaceGym
		var raw []byte
		_, err = pgx.ForEachRow(rows, []any{&g.Platform, &g.Space, &raw}, func() error {
			r := record.SpaceGym{Platform: g.Platform, Space: g.Space, Racks: &record.GymRacks{}}
			if err := json.Unmarshal(raw, r.Racks); err != nil {
				return fmt.Errorf("gym of %s/%s: %w", g.Platform, g.Space, err)
			}
			all = append(all, r)
			return nil
		})
	}
	if err != nil {
		return db.wrap("export gyms", err)
	}
	return each(ctx, all, fn)
}

// users are the distinct users of a table with platform and user_id
// columns (the first of its primary key), walked a user at a time.
func (db *DB) users(ctx context.Context, table string) ([]record.User, error) {
	rows, err := db.pool.Query(ctx, `WITH RECURSIVE u AS (
			(SELECT platform, user_id FROM `+table+` ORDER BY platform, user_id LIMIT 1)
			UNION ALL
			SELECT n.platform, n.user_id FROM u, LATERAL (
				SELECT platform, user_id FROM `+table+` t WHERE (t.platform, t.user_id) > (u.platform, u.user_id)
				ORDER BY platform, user_id LIMIT 1) n)
		SELECT platform, user_id FROM u`)
	if err != nil {
		return nil, err
	}
	var out []record.User
	var u record.User
	_, err = pgx.ForEachRow(rows, []any{&u.Platform, &u.UserID}, func() error {
		out = append(out, u)
		return nil
	})
	return out, err
}

// ExportHistories calls fn with each user's whole history, oldest first
// (sets of one time in the order they were written).
func (db *DB) ExportHistories(ctx context.Context, fn func(u record.User, sets []record.Set) error) error {
	users, err := db.users(ctx, "sets")
	if err != nil {
		return db.wrap("export histories", err)
	}
	for _, u := range users {
		sets, err := db.querySets(ctx, "export histories", `SELECT `+setCols+` FROM sets WHERE platform = $1 AND user_id = $2 ORDER BY at_ns, seq`,
			u.Platform, u.UserID)
		if err != nil {
			return err
		}
		if len(sets) == 0 {
			continue
		}
		if err := fn(u, sets); err != nil {
			return err
		}
	}
	return nil
}

// ExportImportMarks calls fn with the rows each user imported, in byte
// order.
func (db *DB) ExportImportMarks(ctx context.Context, fn func(u record.User, rows []record.RowID) error) error {
	users, err := db.users(ctx, "import_marks")
	if err != nil {
		return db.wrap("export import marks", err)
	}
	for _, u := range users {
		res, err := db.pool.Query(ctx, `SELECT row_id FROM import_marks WHERE platform = $1 AND user_id = $2 ORDER BY row_id`, u.Platform, u.UserID)
		var rows []record.RowID
		if err == nil {
			var id pgtype.DriverBytes
			_, err = pgx.ForEachRow(res, []any{&id}, func() error {
				r, err := record.RowIDOf(id)
				if err != nil {
					return fmt.Errorf("import mark %x of %s/%s: %w", []byte(id), u.Platform, u.UserID, err)
				}
				rows = append(rows, r)
				return nil
			})
		}
		if err != nil {
			return db.wrap("export import marks", err)
		}
		if len(rows) == 0 {
			continue
		}
		if err := fn(u, rows); err != nil {
			return err
		}
	}
	return nil
}

// ExportSeen calls fn with the remembered message ids, oldest first.
func (db *DB) ExportSeen(ctx context.Context, fn func(platform, id string) error) error {
	rows, err := db.pool.Query(ctx, `SELECT platform, id FROM seen ORDER BY seq`)
	var all [][2]string
	if err == nil {
		var p, id string
		_, err = pgx.ForEachRow(rows, []any{&p, &id}, func() error {
			all = append(all, [2]string{p, id})
			return nil
		})
	}
	if err != nil {
		return db.wrap("export seen ids", err)
	}
	return each(ctx, all, func(s [2]string) error { return fn(s[0], s[1]) })
}

// PutSessions writes session records, replacing a lifter's.
func (db *DB) PutSessions(ctx context.Context, recs []record.Session) error {
	return db.put(ctx, "sessions", func(w *writer) error {
		for i := range recs {
			if err := queueSession(&w.b, &recs[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutTimers writes pending timers, replacing one of the same due time
// and ID, held by no process (the first Claim takes them).
func (db *DB) PutTimers(ctx context.Context, ts []record.Timer) error {
	return db.put(ctx, "timers", func(w *writer) error {
		for i := range ts {
			queueTimer(&w.b, &ts[i], "", 0)
		}
		return nil
	})
}

// PutOutbox writes replies waiting to be sent, replacing one of the same
// ID, held by no process (the first Claim takes them).
func (db *DB) PutOutbox(ctx context.Context, out []record.Outgoing) error {
	return db.put(ctx, "outbox", func(w *writer) error {
		for i := range out {
			if out[i].ID == "" {
				return fmt.Errorf("outgoing reply without an id")
			}
			queueOutgoing(&w.b, &out[i], "", 0)
		}
		return nil
	})
}

// PutSettings writes users' settings, replacing theirs.
func (db *DB) PutSettings(ctx context.Context, all []record.UserSettings) error {
	return db.put(ctx, "settings", func(w *writer) error {
		for i := range all {
			if err := queueSettings(&w.b, &all[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutGyms writes spaces' equipment (nil racks clear a space's).
func (db *DB) PutGyms(ctx context.Context, all []record.SpaceGym) error {
	return db.put(ctx, "gyms", func(w *writer) error {
		for i := range all {
			if err := queueGym(&w.b, &all[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// AppendHistory appends sets, all of them u's, to u's history in their
// order.
func (db *DB) AppendHistory(ctx context.Context, u record.User, sets []record.Set) error {
	for i := range sets {
		if sets[i].Platform != u.Platform || sets[i].UserID != u.UserID {
			return fmt.Errorf("pg: append history of %s/%s: a set of %s/%s", u.Platform, u.UserID, sets[i].Platform, sets[i].UserID)
		}
	}
	return db.put(ctx, "history", func(w *writer) error { return copySets(ctx, w.tx, sets) })
}

// PutImportMarks marks rows imported by u; a row marked already stays so.
func (db *DB) PutImportMarks(ctx context.Context, u record.User, rows []record.RowID) error {
	ids := make([][]byte, len(rows))
	for i := range rows {
		ids[i] = rows[i][:]
	}
	return db.put(ctx, "import marks", func(w *writer) error {
		w.b.Queue(`INSERT INTO import_marks (platform, user_id, row_id) SELECT $1, $2, unnest($3::bytea[]) ON CONFLICT DO NOTHING`,
			u.Platform, u.UserID, ids)
		return nil
	})
}

// PutSeen remembers message ids ({platform, id}, oldest first), as many
// changes carrying them would; an id remembered already is skipped. The
// window keeps at least the latest record.SeenWindow.
func (db *DB) PutSeen(ctx context.Context, ids [][2]string) error {
	platforms, list := make([]string, len(ids)), make([]string, len(ids))
	for i, id := range ids {
		platforms[i], list[i] = id[0], id[1]
	}
	return db.put(ctx, "seen ids", func(w *writer) error {
		w.b.Queue(`INSERT INTO seen (platform, id) SELECT p, i FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(p, i, n)
			ORDER BY n ON CONFLICT DO NOTHING`, platforms, list)
		w.b.Queue(`DELETE FROM seen WHERE seq <= (SELECT max(seq) FROM seen) - $1`, int64(record.SeenWindow))
		return nil
	})
}

// put runs one transaction of what fn queues (or writes itself).
func (db *DB) put(ctx context.Context, what string, fn func(*writer) error) error {
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		w := &writer{tx: tx}
		if err := fn(w); err != nil {
			return err
		}
		return w.flush(ctx)
	})
	if err != nil {
		return db.wrap("put "+what, err)
	}
	return nil
}

// each calls fn with every item, stopping at its first error or when ctx
// is done.
func each[T any](ctx context.Context, items []T, fn func(T) error) error {
	for i, it := range items {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	return nil
}
