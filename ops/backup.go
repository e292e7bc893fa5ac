package ops

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/spotter-coach/spotter/store"
)

// BackupCommand is "spotter backup [-config FILE] [-data FILE] OUT": a
// consistent copy of the data file. It reads the file itself when no bot
// holds it, and asks the running bot's ops endpoint otherwise.
type BackupCommand struct {
	// DefaultData is the data file when neither -data nor the
	// configuration names one.
	DefaultData string
	// Load reads the bot's configuration file (the -config flag).
	Load func(path string) (BackupTarget, error)
}

// BackupTarget is what a backup needs from the bot's configuration.
type BackupTarget struct {
	// Data is the data file the configuration names, if any.
	Data string
	// Listen is the running bot's ops endpoint; empty when it has none.
	Listen string
}

// Run parses args and writes the copy, reporting on stdout and printing
// usage on stderr.
func (c BackupCommand) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("spotter backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "the bot's TOML `file` (for data and [ops] listen)")
	dataPath := fs.String("data", "", "the bbolt data `file` (default "+c.DefaultData+")")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: spotter backup [-config FILE] [-data FILE] OUT")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("name one output file")
	}
	out := fs.Arg(0)
	var target BackupTarget
	if *configPath != "" {
		var err error
		if target, err = c.Load(*configPath); err != nil {
			return err
		}
	}
	path := *dataPath
	if path == "" {
		path = target.Data
	}
	if path == "" {
		path = c.DefaultData
	}
	return backup(ctx, path, target.Listen, out, stdout)
}

// backup copies the data file at path to out, through the ops endpoint at
// listen when a running bot holds the file.
func backup(ctx context.Context, path, listen, out string, stdout io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no data file: %w", err)
	}
	db, err := store.OpenWait(path, 500*time.Millisecond)
	if err == nil {
		defer db.Close()
		n, err := db.BackupFile(out)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes).\n", path, out, n)
		return nil
	}
	if !errors.Is(err, store.ErrInUse) {
		return err
	}
	if listen == "" {
		return fmt.Errorf("%s is in use by a running Spotter: give its -config with [ops] listen set, and it sends the copy", path)
	}
	return backupFromOps(ctx, listen, out, stdout)
}

// backupFromOps fetches the running bot's /backup into out, replacing out
// only once the copy is whole and opens.
func backupFromOps(ctx context.Context, addr, out string, stdout io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/backup", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("asking the running bot at %s: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the running bot at %s answered %s", addr, resp.Status)
	}
	tmp := out + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, resp.Body)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// Check the copy opens before it replaces anything.
		var db *store.DB
		if db, err = store.Open(tmp); err == nil {
			err = db.Close()
		}
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup from the running bot: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up the running bot's data to %s (%d bytes).\n", out, n)
	return nil
}
