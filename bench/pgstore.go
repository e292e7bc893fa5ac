package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/store/pg"
)

// pgServer is the PostgreSQL server "spotter bench -store URL" names.
// The bench never writes to the URL's own database: for each stage it
// creates a throwaway database spotter_bench_<random>_<stage> on that
// server (so its role needs CREATEDB), lets pg.Open create the tables
// there, and drops it when the stage ends, or on the way out if the
// stage failed or the bench was interrupted.
type pgServer struct {
	url    *url.URL        // the URL given
	admin  *pgx.ConnConfig // the URL's own database: CREATE and DROP DATABASE run there
	secret string          // the password, kept out of errors
	prefix string          // spotter_bench_<random>
	about  string          // version and durability settings, for the output

	mu   sync.Mutex
	made map[string]bool // databases created and not yet dropped
}

// dropTimeout bounds dropping a throwaway database, even after an
// interrupt.
const dropTimeout = time.Minute

// parseStoreURL reads the -store flag: a postgres:// (or postgresql://)
// URL that pgx can use. It does not connect. Errors never show the
// password.
func parseStoreURL(raw string) (*url.URL, *pgx.ConnConfig, error) {
	if raw == "" {
		return nil, nil, errors.New("bench: -store wants a URL, postgres://user:password@host:port/database")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, nil, fmt.Errorf("bench: -store %s: want a postgres:// URL (postgres://user:password@host:port/database)", pg.Redact(raw))
	}
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		// pgx's error holds the whole string, password included.
		return nil, nil, fmt.Errorf("bench: -store %s: not a URL PostgreSQL's driver reads", pg.Redact(raw))
	}
	return u, cfg, nil
}

// openPGServer connects to the server raw names and checks that the bench
// may create databases there.
func openPGServer(ctx context.Context, raw string) (*pgServer, error) {
	u, cfg, err := parseStoreURL(raw)
	if err != nil {
		return nil, err
	}
	var rnd [4]byte
	rand.Read(rnd[:])
	s := &pgServer{url: u, admin: cfg, secret: cfg.Password, prefix: "spotter_bench_" + hex.EncodeToString(rnd[:]), made: map[string]bool{}}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg.Copy())
	if err != nil {
		return nil, s.errorf("connect", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var (
		version, fsync, syncCommit string
		role                       string
		mayCreate                  bool
	)
	err = conn.QueryRow(ctx, `SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'),
		current_user, (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user)`).Scan(&version, &fsync, &syncCommit, &role, &mayCreate)
	if err != nil {
		return nil, s.errorf("read the server's settings", err)
	}
	if !mayCreate {
		return nil, fmt.Errorf("bench: -store %s: role %q may not create databases; the bench measures PostgreSQL in throwaway databases (%s_*) it creates and drops, never in the URL's own: grant it CREATEDB (ALTER ROLE %s CREATEDB) or name a server where it has it",
			pg.Redact(raw), role, s.prefix, pgx.Identifier{role}.Sanitize())
	}
	s.about = fmt.Sprintf("PostgreSQL %s, fsync %s, synchronous_commit %s", version, fsync, syncCommit)
	if _, shared := any((*pg.DB)(nil)).(bot.Shared); shared {
		s.about += ", the hub taking each lifter's lock as replicas do"
	}
	return s, nil
}

// errorf wraps err, with the password scrubbed from its text.
func (s *pgServer) errorf(op string, err error) error {
	msg := err.Error()
	if s.secret != "" {
		msg = strings.ReplaceAll(msg, s.secret, "xxxxx")
		msg = strings.ReplaceAll(msg, url.QueryEscape(s.secret), "xxxxx")
	}
	return fmt.Errorf("bench: -store %s: %s: %s", pg.Redact(s.url.String()), op, msg)
}

// exec runs one statement in the URL's own database.
func (s *pgServer) exec(ctx context.Context, sql string) error {
	conn, err := pgx.ConnectConfig(ctx, s.admin.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	_, err = conn.Exec(ctx, sql)
	return err
}

// backend opens each stage's store in a database of its own.
func (s *pgServer) backend() backend {
	return backend{name: "PostgreSQL", open: s.open}
}

func (s *pgServer) open(ctx context.Context, stage string) (bot.Store, func() error, error) {
	name := s.prefix + "_" + stage
	s.mu.Lock()
	s.made[name] = true // before CREATE: a create cut short may still have made it
	s.mu.Unlock()
	if err := s.exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		s.drop(ctx, name)
		return nil, nil, s.errorf("create database "+name, err)
	}
	u := *s.url
	u.Path = "/" + name
	u.RawPath = ""
	db, err := pg.Open(ctx, u.String())
	if err != nil {
		s.drop(ctx, name)
		return nil, nil, err
	}
	return db, func() error {
		db.Close()
		return s.drop(ctx, name)
	}, nil
}

// drop drops a throwaway database, even when ctx is done.
func (s *pgServer) drop(ctx context.Context, name string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), dropTimeout)
	defer cancel()
	ident := pgx.Identifier{name}.Sanitize()
	err := s.exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)")
	if err != nil && strings.Contains(err.Error(), "syntax error") { // before PostgreSQL 13
		err = s.exec(ctx, "DROP DATABASE IF EXISTS "+ident)
	}
	if err != nil {
		return s.errorf("drop database "+name+" (drop it by hand)", err)
	}
	s.mu.Lock()
	delete(s.made, name)
	s.mu.Unlock()
	return nil
}

// close drops what is left of the throwaway databases.
func (s *pgServer) close(ctx context.Context) error {
	s.mu.Lock()
	var left []string
	for name := range s.made {
		left = append(left, name)
	}
	s.mu.Unlock()
	var errs []error
	for _, name := range left {
		errs = append(errs, s.drop(ctx, name))
	}
	return errors.Join(errs...)
}
