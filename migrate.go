package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/spotter-coach/spotter/store/transfer"
)

// migrateCommand is `spotter migrate`: a bbolt data file copied into a
// PostgreSQL database (-data FILE -to URL), or a database into a data
// file (-from URL -data FILE), with the bot stopped. The copy is checked
// by counts, and running it again adds nothing (store/transfer).
func migrateCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "the bbolt data `file`")
	to := fs.String("to", "", "copy the data file into this PostgreSQL `URL` (postgres://user:pass@host/db)")
	from := fs.String("from", "", "copy this PostgreSQL `URL` into the data file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: spotter migrate -data FILE -to URL\n       spotter migrate -from URL -data FILE\n\n"+
			"Copies everything Spotter keeps between a data file and a PostgreSQL database,\n"+
			"with the bot stopped. Both sides are counted after the copy; running it again\n"+
			"adds nothing. SPOTTER_STORE_URL may stand for the URL.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unknown argument %q", fs.Arg(0))
	}
	if *data == "" || (*to == "") == (*from == "") {
		fs.Usage()
		return errors.New("give -data FILE and one of -to URL or -from URL")
	}
	src, dst := *data, *to
	if *from != "" {
		src, dst = *from, "bolt:"+*data
	} else {
		src = "bolt:" + *data
	}
	if code := transfer.Main(ctx, []string{src, dst}, stdout, stderr); code != 0 {
		return errors.New("the copy did not complete (see above)")
	}
	return nil
}
