package pg

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/spotter-coach/spotter/record"
)

// linksMigration makes the tables of links (record.Link) and link codes
// (record.LinkCode).
//
//	links       (platform, user_id) primary key: a row for each account
//	            of a link, naming the other account (other_platform,
//	            other_user), whether this one is the link's First, and
//	            when they were linked (at_ns). The primary key is what
//	            keeps an account in one link at most, also when two
//	            processes link at once.
//	link_codes  code primary key, the account that made it, expires_ns
const linksMigration = `
CREATE TABLE links (
	platform text COLLATE "C" NOT NULL,
	user_id text COLLATE "C" NOT NULL,
	other_platform text COLLATE "C" NOT NULL,
	other_user text COLLATE "C" NOT NULL,
	first boolean NOT NULL,
	at_ns bigint NOT NULL,
	PRIMARY KEY (platform, user_id)
);

CREATE TABLE link_codes (
	code text COLLATE "C" PRIMARY KEY,
	platform text COLLATE "C" NOT NULL,
	user_id text COLLATE "C" NOT NULL,
	expires_ns bigint NOT NULL
);
CREATE INDEX link_codes_user ON link_codes (platform, user_id);
CREATE INDEX link_codes_expires ON link_codes (expires_ns);
`

// Linked reads the link that holds a user; ok is false when there is none.
func (db *DB) Linked(platform, userID string) (l record.Link, ok bool, err error) {
	var other record.User
	var first bool
	var at int64
	err = db.pool.QueryRow(context.Background(), `SELECT other_platform, other_user, first, at_ns FROM links WHERE platform = $1 AND user_id = $2`,
		platform, userID).Scan(&other.Platform, &other.UserID, &first, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return record.Link{}, false, nil
	}
	if err != nil {
		return record.Link{}, false, db.wrap("linked", err)
	}
	me := record.User{Platform: platform, UserID: userID}
	l = record.Link{First: other, Second: me, At: time.Unix(0, at)}
	if first {
		l.First, l.Second = me, other
	}
	return l, true, nil
}

// LinkCode reads a stored link code, expired or not.
func (db *DB) LinkCode(code string) (c record.LinkCode, ok bool, err error) {
	var exp int64
	err = db.pool.QueryRow(context.Background(), `SELECT platform, user_id, expires_ns FROM link_codes WHERE code = $1`, code).
		Scan(&c.User.Platform, &c.User.UserID, &exp)
	if errors.Is(err, pgx.ErrNoRows) {
		return record.LinkCode{}, false, nil
	}
	if err != nil {
		return record.LinkCode{}, false, db.wrap("link code", err)
	}
	c.Code, c.Expires = code, time.Unix(0, exp)
	return c, true, nil
}

// queueLinks writes a change's link code, link and unlink, in that order.
func queueLinks(b *pgx.Batch, ch *record.Change) error {
	if c := ch.LinkCode; c != nil {
		made := c.Expires.Add(-record.LinkCodeTTL)
		b.Queue(`DELETE FROM link_codes WHERE (platform = $1 AND user_id = $2) OR expires_ns < $3`,
			c.User.Platform, c.User.UserID, made.UnixNano())
		b.Queue(`INSERT INTO link_codes (code, platform, user_id, expires_ns) VALUES ($1, $2, $3, $4)
			ON CONFLICT (code) DO UPDATE SET platform = excluded.platform, user_id = excluded.user_id, expires_ns = excluded.expires_ns`,
			c.Code, c.User.Platform, c.User.UserID, c.Expires.UnixNano())
	}
	if l := ch.Link; l != nil {
		if l.First == l.Second || l.First.Platform == l.Second.Platform {
			return fmt.Errorf("link: %s and %s are not accounts of two platforms", l.First.Platform, l.Second.Platform)
		}
		// A row of either account already there fails the insert, and
		// with it the change: an account is in one link at most.
		b.Queue(`INSERT INTO links (platform, user_id, other_platform, other_user, first, at_ns)
			VALUES ($1, $2, $3, $4, true, $5), ($3, $4, $1, $2, false, $5)`,
			l.First.Platform, l.First.UserID, l.Second.Platform, l.Second.UserID, l.At.UnixNano())
		b.Queue(`DELETE FROM link_codes WHERE (platform = $1 AND user_id = $2) OR (platform = $3 AND user_id = $4)`,
			l.First.Platform, l.First.UserID, l.Second.Platform, l.Second.UserID)
	}
	if u := ch.Unlink; u != nil {
		b.Queue(`DELETE FROM links WHERE (platform = $1 AND user_id = $2) OR (other_platform = $1 AND other_user = $2)`, u.Platform, u.UserID)
	}
	return nil
}

// queueForgetLinked deletes, for a user being forgotten, everything of the
// account linked to them, the link, and both accounts' link codes; the
// user's own data is queueForget's. It is queued before queueForget.
func queueForgetLinked(b *pgx.Batch, platform, userID string) {
	const other = `(SELECT other_platform, other_user FROM links WHERE platform = $1 AND user_id = $2)`
	for _, table := range []string{"sets", "import_marks", "settings", "sessions", "timers", "link_codes"} {
		b.Queue(`DELETE FROM `+table+` WHERE (platform, user_id) IN `+other, platform, userID)
	}
	b.Queue(`DELETE FROM link_codes WHERE platform = $1 AND user_id = $2`, platform, userID)
	b.Queue(`DELETE FROM links WHERE (platform = $1 AND user_id = $2) OR (other_platform = $1 AND other_user = $2)`, platform, userID)
}

// ExportLinks calls fn with each link once (store/transfer).
func (db *DB) ExportLinks(ctx context.Context, fn func(record.Link) error) error {
	rows, err := db.pool.Query(ctx, `SELECT platform, user_id, other_platform, other_user, at_ns FROM links WHERE first ORDER BY platform, user_id`)
	var all []record.Link
	if err == nil {
		var l record.Link
		var at int64
		_, err = pgx.ForEachRow(rows, []any{&l.First.Platform, &l.First.UserID, &l.Second.Platform, &l.Second.UserID, &at}, func() error {
			l.At = time.Unix(0, at)
			all = append(all, l)
			return nil
		})
	}
	if err != nil {
		return db.wrap("export links", err)
	}
	return each(ctx, all, fn)
}

// PutLinks writes links; one stored already (copied before) is skipped.
func (db *DB) PutLinks(ctx context.Context, all []record.Link) error {
	return db.put(ctx, "links", func(w *writer) error {
		for _, l := range all {
			w.b.Queue(`INSERT INTO links (platform, user_id, other_platform, other_user, first, at_ns)
				VALUES ($1, $2, $3, $4, true, $5), ($3, $4, $1, $2, false, $5) ON CONFLICT DO NOTHING`,
				l.First.Platform, l.First.UserID, l.Second.Platform, l.Second.UserID, l.At.UnixNano())
		}
		return nil
	})
}
