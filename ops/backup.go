package ops

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
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
	// Token is the bearer token the endpoint's /backup asks for
	// ([ops] backup_token or SPOTTER_OPS_TOKEN); empty when it asks none.
	Token string
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
	return backup(ctx, path, target, out, stdout)
}

// backup copies the data file at path to out, through the target's ops
// endpoint when a running bot holds the file.
func backup(ctx context.Context, path string, target BackupTarget, out string, stdout io.Writer) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("no data file: %w", err)
	}
	db, err := store.OpenWait(path, 500*time.Millisecond)
	if err == nil {
		defer db.Close()
		n, err := writeCopy(out, db.Backup, verifyCopy)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes).\n", path, out, n)
		return nil
	}
	if !errors.Is(err, store.ErrInUse) {
		return err
	}
	if target.Listen == "" {
		return fmt.Errorf("%s is in use by a running Spotter: give its -config with [ops] listen set, and it sends the copy", path)
	}
	return backupFromOps(ctx, target.Listen, target.Token, out, stdout)
}

// backupFromOps fetches the running bot's /backup into out, with token
// as its bearer token when there is one, replacing out only once the copy
// is whole and sound.
func backupFromOps(ctx context.Context, addr, token, out string, stdout io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/backup", nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("asking the running bot at %s: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return fmt.Errorf("the running bot at %s refused the backup: give the backup token it has ([ops] backup_token in its -config, or SPOTTER_OPS_TOKEN)", addr)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the running bot at %s answered %s", addr, resp.Status)
	}
	n, err := writeCopy(out, func(w io.Writer) (int64, error) { return io.Copy(w, resp.Body) }, verifyCopy)
	if err != nil {
		return fmt.Errorf("backup from the running bot: %w", err)
	}
	fmt.Fprintf(stdout, "Backed up the running bot's data to %s (%d bytes).\n", out, n)
	return nil
}

// verifyCopy runs the check every start runs on a copy before it replaces
// anything: a hot backup of a file damaged while the bot ran copies the
// damage, and a backup is only worth keeping if Spotter can start from it.
func verifyCopy(tmp string) error {
	_, err := store.Check(tmp, time.Second)
	var damaged *store.DamagedError
	if errors.As(err, &damaged) {
		return fmt.Errorf("the copy is damaged (%s), so it replaced nothing: stop the bot and run spotter check on its data file", damaged.Reason)
	}
	return err
}

// writeCopy writes a backup to out through write, and replaces out only
// once the copy is whole (and check, if any, passed on it). The copy is
// written to a fresh temporary file next to out, created exclusively with
// mode 0600, so a file or a symbolic link planted under a predictable name
// is never written through; a symbolic link at out itself is refused
// rather than followed, so a backup never lands somewhere it was not sent.
func writeCopy(out string, write func(io.Writer) (int64, error), check func(tmp string) error) (int64, error) {
	if fi, err := os.Lstat(out); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return 0, fmt.Errorf("%s is a symbolic link: name the backup file itself", out)
	}
	dir, base := filepath.Split(out)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	tmp := f.Name()
	n, err := write(f) // mode 0600 from CreateTemp: the copy holds every lifter's data
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && check != nil {
		err = check(tmp)
	}
	if err == nil {
		err = os.Rename(tmp, out)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, fmt.Errorf("backup: %w", err)
	}
	// The rename lasts once the directory is synced; a failure here leaves
	// a whole copy in place, so it is not an error.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return n, nil
}
