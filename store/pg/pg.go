// Package pg keeps Spotter's lasting state in PostgreSQL: the same
// sessions, rest timers, sets, settings, import marks, gyms, outbox and
// recent message ids as the bbolt store (package store), in tables of one
// database, so that more than one process, or a managed database, can
// hold them. A DB is a bot.Store and passes store/storetest.
//
// # Schema
//
// Open creates the tables of a new database and brings an older one up to
// date, in one transaction under an advisory lock (so that processes
// opening one database together do not race); schema_version holds the
// version, and a database of a newer version is refused (ErrNewerSchema).
// Version 1:
//
//	seen          (platform, id) primary key, seq bigserial: the window
//	              of recent message ids, trimmed by seq
//	sessions      (platform, chat_id, user_id) primary key, record bytea:
//	              the JSON of record.Session the bbolt store keeps
//	timers        (due_ns, id) primary key, the lifter, user_name, grp,
//	              text, created_ns, step_kind/reps_lo/reps_hi (NULL: no step)
//	sets          (platform, user_id, at_ns, seq) primary key: a history in
//	              order, seq (bigserial) keeping sets of one time in write
//	              order; every field of record.Set a column; exercise_key
//	              (the name trimmed and lower-cased) indexed with the time
//	import_marks  (platform, user_id, row_id) primary key
//	settings      (platform, user_id) primary key, settings jsonb
//	gyms          (platform, space) primary key, racks jsonb
//	outbox        id primary key (byte order), platform, chat_id, at_ns, data
//
// Version 2 adds leases, for processes sharing the database (see Shared):
// timers and outbox get owner (text, NULL: no process holds the row) and
// lease_until (bigint, Unix nanoseconds; 0 when owner is NULL), indexed
// by lease_until for Claim, and timers an index on id (timers are removed
// by ID alone). Rows of version 1 have no owner: the first Claim takes them.
//
// Version 3 adds links between one lifter's accounts on two platforms
// and the codes that make them (links.go).
//
// Version 4 adds boards: (platform, chat_id) primary key, board jsonb, a
// chat's weekly board post (boards.go).
//
// Version 5 adds rounds: (platform, chat_id) primary key, record bytea,
// the JSON of a class round open or running (rounds.go).
//
// Times are Unix nanoseconds (bigint): PostgreSQL's timestamps keep
// microseconds, the stores keep what the hub wrote. Identifiers
// (platforms, users, chats, timer and reply ids) are text in the "C"
// collation, so that they sort byte-wise as in bbolt; what lifters and
// import files write (exercise names, notes, entries, names, a session's
// JSON) is bytea, kept byte for byte whatever it holds (text refuses NUL
// bytes and invalid UTF-8).
//
// # Secrets
//
// The connection URL's password never appears in an error: errors name
// the database by Redact(url), and any text of the driver's that holds the
// password has it replaced.
//
// A DB is safe for concurrent use: it holds a pool of connections
// (pgxpool), and every Apply is one transaction. LockLifter holds
// connections of a second pool, so that lifters' locks never starve the
// pool Apply and the reads use; Wake's listener has a connection of its
// own.
package pg

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// SchemaVersion is the version of the tables this code writes.
const SchemaVersion = 5

// ErrNewerSchema means the database was written by a newer Spotter.
var ErrNewerSchema = errors.New("the database was written by a newer Spotter")

// DB is an open Spotter database.
type DB struct {
	pool   *pgxpool.Pool
	where  string // the redacted URL, to name the database in errors
	secret string // the password, scrubbed from errors

	owner string           // this handle's name in leases
	now   func() time.Time // the clock leases are reckoned by (tests set it)
	locks *pgxpool.Pool    // connections holding lifters' advisory locks
	held  keyedMutex       // lifters locked by this handle's goroutines
	lcfg  *pgx.ConnConfig  // the listener's connection
	wake  chan struct{}    // Wake's channel
	lis   listener
}

// Option changes how Open connects.
type Option func(*pgxpool.Config)

// MaxConns bounds the pool's connections (pgxpool's default is the
// larger of 4 and the number of CPUs; a URL's pool_max_conns also sets it).
func MaxConns(n int32) Option { return func(c *pgxpool.Config) { c.MaxConns = n } }

// PoolConfig lets the caller change anything of the pool's configuration.
func PoolConfig(f func(*pgxpool.Config)) Option { return Option(f) }

// Open connects to the database at url (postgres://user:password@host:port/db
// or a keyword/value string; see pgx) and brings its schema up to date.
func Open(ctx context.Context, url string, opts ...Option) (*DB, error) {
	where := Redact(url)
	secret := passwordOf(url)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// The parse error holds the whole string: keep only its redacted
		// message, never the error itself.
		return nil, fmt.Errorf("pg: open %s: %s", where, scrub(err.Error(), secret))
	}
	if cfg.ConnConfig.Password != "" {
		secret = cfg.ConnConfig.Password
	}
	for _, o := range opts {
		o(cfg)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, wrapErr(where, secret, "open", err)
	}
	db := &DB{pool: pool, where: where, secret: secret, owner: newOwner(), now: time.Now,
		lcfg: cfg.ConnConfig.Copy(), wake: make(chan struct{}, 1)}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, db.wrap("connect", err)
	}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	locks, err := pgxpool.NewWithConfig(ctx, lockPoolConfig(cfg))
	if err != nil {
		pool.Close()
		return nil, db.wrap("open", err)
	}
	db.locks = locks
	return db, nil
}

// Close stops Wake's listener and closes the pools' connections, waiting
// for those in use: a lifter's lock still held keeps Close waiting until
// it is unlocked. It does not release the handle's leases: Release does.
func (db *DB) Close() error {
	db.lis.stop()
	db.locks.Close()
	db.pool.Close()
	return nil
}

// String names the database without its password.
func (db *DB) String() string { return db.where }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		return db.wrap("ping", err)
	}
	return nil
}

// Writable reports nil when the database takes a write.
func (db *DB) Writable() error {
	_, err := db.pool.Exec(context.Background(), `UPDATE schema_version SET checked_at = now()`)
	if err != nil {
		return db.wrap("writable", err)
	}
	return nil
}

// Schema reports the database's schema version.
func (db *DB) Schema(ctx context.Context) (int, error) {
	var v int
	if err := db.pool.QueryRow(ctx, `SELECT version FROM schema_version`).Scan(&v); err != nil {
		return 0, db.wrap("schema", err)
	}
	return v, nil
}

// migrationLock is the advisory lock Open takes while it migrates.
const migrationLock = 0x53706f74746572 // "Spotter"

func (db *DB) migrate(ctx context.Context) error {
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
			one boolean PRIMARY KEY DEFAULT true CHECK (one),
			version integer NOT NULL,
			created_at timestamptz NOT NULL DEFAULT now(),
			checked_at timestamptz)`); err != nil {
			return err
		}
		v := 0
		err := tx.QueryRow(ctx, `SELECT version FROM schema_version`).Scan(&v)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		if v > SchemaVersion {
			return fmt.Errorf("%w (schema %d, this build reads up to %d)", ErrNewerSchema, v, SchemaVersion)
		}
		for _, step := range migrations[v:] {
			if _, err := tx.Exec(ctx, step); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE schema_version SET version = $1`, SchemaVersion)
		return err
	})
	if err != nil {
		return db.wrap("migrate", err)
	}
	return nil
}

// migrations[i] upgrades a database from schema i to schema i+1.
var migrations = []string{
	// 0 -> 1: everything.
	`
CREATE TABLE seen (
	platform text COLLATE "C" NOT NULL,
	id text COLLATE "C" NOT NULL,
	seq bigserial NOT NULL,
	PRIMARY KEY (platform, id)
);
CREATE INDEX seen_seq ON seen (seq);

CREATE TABLE sessions (
	platform text COLLATE "C" NOT NULL,
	chat_id text COLLATE "C" NOT NULL,
	user_id text COLLATE "C" NOT NULL,
	record bytea NOT NULL,
	PRIMARY KEY (platform, chat_id, user_id)
);
CREATE INDEX sessions_user ON sessions (platform, user_id);

CREATE TABLE timers (
	due_ns bigint NOT NULL,
	id text COLLATE "C" NOT NULL,
	platform text COLLATE "C" NOT NULL,
	chat_id text COLLATE "C" NOT NULL,
	user_id text COLLATE "C" NOT NULL,
	user_name bytea NOT NULL,
	grp boolean NOT NULL,
	text bytea NOT NULL,
	created_ns bigint NOT NULL,
	step_kind smallint,
	reps_lo integer,
	reps_hi integer,
	PRIMARY KEY (due_ns, id)
);
CREATE INDEX timers_user ON timers (platform, user_id);

CREATE TABLE sets (
	platform text COLLATE "C" NOT NULL,
	user_id text COLLATE "C" NOT NULL,
	at_ns bigint NOT NULL,
	seq bigserial NOT NULL,
	exercise bytea NOT NULL,
	exercise_key bytea NOT NULL,
	load double precision NOT NULL,
	unit smallint NOT NULL,
	reps bigint NOT NULL,
	rpe double precision NOT NULL,
	technique bytea NOT NULL,
	session bytea NOT NULL,
	entry bytea NOT NULL,
	kind bytea NOT NULL,
	note bytea NOT NULL,
	chat_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (platform, user_id, at_ns, seq)
);
CREATE INDEX sets_exercise ON sets (platform, user_id, exercise_key, at_ns, seq);

CREATE TABLE import_marks (
	platform text COLLATE "C" NOT NULL,
	user_id text COLLATE "C" NOT NULL,
	row_id bytea NOT NULL,
	PRIMARY KEY (platform, user_id, row_id)
);

CREATE TABLE settings (
	platform text COLLATE "C" NOT NULL,
	user_id text COLLATE "C" NOT NULL,
	settings jsonb NOT NULL,
	PRIMARY KEY (platform, user_id)
);

CREATE TABLE gyms (
	platform text COLLATE "C" NOT NULL,
	space text COLLATE "C" NOT NULL,
	racks jsonb NOT NULL,
	PRIMARY KEY (platform, space)
);

CREATE TABLE outbox (
	id text COLLATE "C" PRIMARY KEY,
	platform text COLLATE "C" NOT NULL,
	chat_id text COLLATE "C" NOT NULL,
	at_ns bigint NOT NULL,
	data bytea
);
`,
	// 1 -> 2: leases of timers and stored replies.
	`
ALTER TABLE timers ADD COLUMN owner text COLLATE "C",
	ADD COLUMN lease_until bigint NOT NULL DEFAULT 0,
	ADD CONSTRAINT timers_unowned_free CHECK (owner IS NOT NULL OR lease_until = 0);
CREATE INDEX timers_lease ON timers (lease_until, due_ns);
CREATE INDEX timers_id ON timers (id);

ALTER TABLE outbox ADD COLUMN owner text COLLATE "C",
	ADD COLUMN lease_until bigint NOT NULL DEFAULT 0,
	ADD CONSTRAINT outbox_unowned_free CHECK (owner IS NOT NULL OR lease_until = 0);
CREATE INDEX outbox_lease ON outbox (lease_until);
`,
	// 2 -> 3: one lifter on two platforms (links.go).
	linksMigration,
	// 3 -> 4: chats' weekly board posts (boards.go).
	boardsMigration,
	// 4 -> 5: class rounds open or running (rounds.go).
	roundsMigration,
}

// Error is an error of the database, its text free of the password.
type Error struct {
	msg string
	err error
}

func (e *Error) Error() string { return e.msg }

// Unwrap is the driver's error (errors.Is and As see through it: a
// *pgconn.PgError, record.ErrSeen, context.Canceled, ErrNewerSchema).
func (e *Error) Unwrap() error { return e.err }

func (db *DB) wrap(op string, err error) error { return wrapErr(db.where, db.secret, op, err) }

func wrapErr(where, secret, op string, err error) error {
	var pce *pgconn.ParseConfigError
	if errors.As(err, &pce) {
		// It carries the whole connection string.
		return fmt.Errorf("pg %s: %s: %s", where, op, scrub(err.Error(), secret))
	}
	return &Error{msg: scrub(fmt.Sprintf("pg %s: %s: %v", where, op, err), secret), err: err}
}

// scrub replaces every occurrence of secret in s.
func scrub(s, secret string) string {
	if secret == "" {
		return s
	}
	s = strings.ReplaceAll(s, secret, "xxxxx")
	if esc := url.QueryEscape(secret); esc != secret {
		s = strings.ReplaceAll(s, esc, "xxxxx")
	}
	if esc := url.PathEscape(secret); esc != secret {
		s = strings.ReplaceAll(s, esc, "xxxxx")
	}
	return s
}

var (
	kvPassword     = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)`)
	brokenPassword = regexp.MustCompile(`(://[^:/@]*:)[^@]*@`)
)

// Redact is url with its password replaced by xxxxx, fit for logs and
// errors: a postgres:// URL (password in its user part or its query) or a
// keyword/value string (password=...). A string it cannot read has
// whatever looks like a password replaced.
func Redact(raw string) string {
	if strings.Contains(raw, "://") {
		u, err := url.Parse(raw)
		if err != nil {
			return kvPassword.ReplaceAllString(brokenPassword.ReplaceAllString(raw, "${1}xxxxx@"), "${1}xxxxx")
		}
		if u.User != nil {
			if _, ok := u.User.Password(); ok {
				u.User = url.UserPassword(u.User.Username(), "xxxxx")
			}
		}
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	return kvPassword.ReplaceAllString(raw, "${1}xxxxx")
}

// passwordOf is the password url names, best effort (for a string pgx
// cannot parse).
func passwordOf(raw string) string {
	if strings.Contains(raw, "://") {
		if u, err := url.Parse(raw); err == nil {
			if p, ok := u.User.Password(); ok && p != "" {
				return p
			}
			return u.Query().Get("password")
		}
		if m := brokenPassword.FindStringSubmatch(raw); m != nil {
			s := strings.TrimPrefix(raw[strings.Index(raw, m[0]):], m[1])
			return strings.TrimSuffix(s[:strings.Index(s, "@")+1], "@")
		}
		return ""
	}
	if m := kvPassword.FindStringSubmatch(raw); m != nil {
		return strings.Trim(m[2], "'")
	}
	return ""
}
