package pg_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/internal/pgtest"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store/pg"
	"github.com/spotter-coach/spotter/store/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// open opens the database at url, failing t on an error, and closes it
// when t ends.
func open(t testing.TB, url string) *pg.DB {
	t.Helper()
	db, err := pg.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// The PostgreSQL store passes the conformance suite over a real server,
// a database of its own per test.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (bot.Store, func() bot.Store) {
		url := pgtest.Start(t)
		db := open(t, url)
		return db, func() bot.Store {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			db = open(t, url)
			return db
		}
	})
}

// Opening a database again finds its schema and data; a database of a
// newer schema is refused, and left as it is.
func TestSchemaVersion(t *testing.T) {
	url := pgtest.Start(t)
	ctx := context.Background()
	db := open(t, url)
	if err := db.Apply(record.Change{SeenPlatform: "telegram", SeenID: "1"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = open(t, url)
	if v, err := db.Schema(ctx); err != nil || v != pg.SchemaVersion {
		t.Fatalf("schema %d, %v; want %d", v, err, pg.SchemaVersion)
	}
	if ok, err := db.Seen("telegram", "1"); err != nil || !ok {
		t.Fatalf("reopened: seen %v, %v", ok, err)
	}
	if err := db.Writable(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `UPDATE schema_version SET version = $1`, pg.SchemaVersion+1); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	_, err = pg.Open(ctx, url)
	if !errors.Is(err, pg.ErrNewerSchema) {
		t.Fatalf("opening a newer schema: %v, want ErrNewerSchema", err)
	}
	if !strings.Contains(err.Error(), "newer Spotter") || !strings.Contains(err.Error(), fmt.Sprintf("schema %d,", pg.SchemaVersion+1)) {
		t.Errorf("unclear error: %v", err)
	}
}

// Two processes opening a new database at once both see it made once.
func TestConcurrentOpen(t *testing.T) {
	url := pgtest.Start(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := pg.Open(context.Background(), url)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// A refused password never shows in the error.
func TestAuthFailureHidesThePassword(t *testing.T) {
	u, err := url.Parse(pgtest.Start(t))
	if err != nil {
		t.Fatal(err)
	}
	const wrong = "Wr0ng-S3cret-pw"
	u.User = url.UserPassword(u.User.Username(), wrong)
	db, err := pg.Open(context.Background(), u.String())
	if err == nil {
		db.Close()
		t.Skip("the server accepted a wrong password (trust authentication): nothing to hide")
	}
	msg := err.Error()
	t.Log(msg)
	if strings.Contains(msg, wrong) {
		t.Fatalf("the error shows the password: %s", msg)
	}
	if !strings.Contains(msg, "xxxxx") || !strings.Contains(msg, u.Host) {
		t.Errorf("the error does not name the database (redacted): %s", msg)
	}
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		if strings.Contains(e.Error(), wrong) {
			t.Errorf("a wrapped error shows the password: %s", e)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"postgres://spotter:s3cret@db.example:5432/spotter?sslmode=require", "postgres://spotter:xxxxx@db.example:5432/spotter?sslmode=require"},
		{"postgresql://spotter@db/spotter", "postgresql://spotter@db/spotter"},
		{"postgres://db/spotter?user=a&password=s3cret", "postgres://db/spotter?password=xxxxx&user=a"},
		{"postgres://u:p%40ss@db/x", "postgres://u:xxxxx@db/x"},
		{"host=db user=spotter password=s3cret dbname=spotter", "host=db user=spotter password=xxxxx dbname=spotter"},
		{"host=db password='s3 cret' dbname=spotter", "host=db password=xxxxx dbname=spotter"},
		{"postgres://u:s3cret@db:bad port/x", "postgres://u:xxxxx@db:bad port/x"},
	} {
		if got := pg.Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A connection string pgx cannot read is named without its password.
func TestBadURLHidesThePassword(t *testing.T) {
	for _, raw := range []string{"postgres://u:s3cret@db:99999999/x", "host=db password=s3cret port=notaport"} {
		_, err := pg.Open(context.Background(), raw)
		if err == nil {
			t.Fatalf("%s opened", pg.Redact(raw))
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}
