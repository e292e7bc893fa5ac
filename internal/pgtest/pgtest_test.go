package pgtest_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/spotter-coach/spotter/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// Each test gets a database of its own, empty, over TCP with a password.
func TestStartGivesEachTestItsDatabase(t *testing.T) {
	ctx := context.Background()
	var names []string
	for range 2 {
		url := pgtest.Start(t)
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var name string
		var tables int
		if err := conn.QueryRow(ctx, `SELECT current_database(), (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')`).Scan(&name, &tables); err != nil {
			t.Fatal(err)
		}
		if tables != 0 {
			t.Errorf("database %s holds %d tables", name, tables)
		}
		if _, err := conn.Exec(ctx, `CREATE TABLE t (x int)`); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if names[0] == names[1] {
		t.Errorf("two tests share database %s", names[0])
	}
}

// Tests run in parallel against the one cluster.
func TestParallel(t *testing.T) {
	for i := range 8 {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			conn, err := pgx.Connect(context.Background(), pgtest.Start(t))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(context.Background())
			var got int
			if err := conn.QueryRow(context.Background(), `SELECT $1::int`, i).Scan(&got); err != nil || got != i {
				t.Fatalf("%d, %v", got, err)
			}
		})
	}
}
