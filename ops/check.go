package ops

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/spotter-coach/spotter/store"
)

// CheckCommand is "spotter check FILE": it verifies a data file (a backup
// before it is restored, or the data file of a stopped bot) without
// writing to it, and says what it holds or what is wrong with it.
func CheckCommand(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("spotter check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: spotter check FILE\n\nVerifies a Spotter data file, such as a copy made with spotter backup, without changing it.")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("name one data file")
	}
	path := fs.Arg(0)
	s, err := store.Check(path, 500*time.Millisecond)
	var damaged *store.DamagedError
	switch {
	case errors.As(err, &damaged):
		return fmt.Errorf("%s is damaged: %s", path, damaged.Reason)
	case errors.Is(err, store.ErrInUse):
		return fmt.Errorf("%s is in use by a running Spotter: check a copy made with spotter backup", path)
	case err != nil:
		return err
	}
	fmt.Fprintf(stdout, "ok: %s, %s, %s, schema v%d\n",
		count(s.Sets, "set"), count(s.Lifters, "lifter"), count(s.Timers, "timer"), s.Schema)
	return nil
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
