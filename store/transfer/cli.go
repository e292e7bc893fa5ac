package transfer

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/spotter-coach/spotter/store"
	"github.com/spotter-coach/spotter/store/pg"
)

// Open opens the backend spec names: a postgres:// (or postgresql://) URL,
// or the path of a bbolt data file, which a "bolt:" prefix may mark. It
// returns the store, its name without a password, and how to close it.
func Open(ctx context.Context, spec string) (s Store, name string, close func() error, err error) {
	if strings.HasPrefix(spec, "postgres://") || strings.HasPrefix(spec, "postgresql://") {
		db, err := pg.Open(ctx, spec)
		if err != nil {
			return nil, pg.Redact(spec), nil, err
		}
		return db, db.String(), db.Close, nil
	}
	path := strings.TrimPrefix(spec, "bolt:")
	if path == "" {
		return nil, spec, nil, errors.New("transfer: no data file named")
	}
	db, err := store.Open(path)
	if err != nil {
		return nil, path, nil, err
	}
	return db, path, db.Close, nil
}

// Main runs the copy command: `copy FROM TO`, each a bbolt data file or
// a postgres:// URL (see Open). It prints what both hold after the copy
// and returns the exit code: 0 when they match, 1 on an error, 2 on a
// usage error. main.go may run it as `spotter copy`.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: spotter copy FROM TO\n\n"+
			"Copies everything Spotter keeps from one store to another, the bot stopped:\n"+
			"each of FROM and TO is a bbolt data file (spotter.db, or bolt:PATH) or a\n"+
			"postgres://user:password@host:port/db URL. Running it again adds nothing;\n"+
			"it stops rather than merge two different histories of one lifter.")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	if fs.Arg(0) == fs.Arg(1) {
		fmt.Fprintln(stderr, "copy: FROM and TO are the same store")
		return 2
	}
	from, fromName, closeFrom, err := Open(ctx, fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "copy: from %s: %v\n", fromName, err)
		return 1
	}
	defer closeFrom()
	to, toName, closeTo, err := Open(ctx, fs.Arg(1))
	if err != nil {
		fmt.Fprintf(stderr, "copy: to %s: %v\n", toName, err)
		return 1
	}
	defer closeTo()
	src, dst, err := Copy(ctx, from, to)
	fmt.Fprintf(stdout, "from %s: %s\nto   %s: %s\n", fromName, src, toName, dst)
	if err != nil {
		fmt.Fprintf(stderr, "copy: %v\n", err)
		return 1
	}
	return 0
}

// Both backends are stores Copy reads and writes.
var (
	_ Store = (*store.DB)(nil)
	_ Store = (*pg.DB)(nil)
)
