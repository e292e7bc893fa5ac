package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/spotter-coach/spotter/store"
)

// opsServer is what the ops endpoint serves.
type opsServer struct {
	db      *store.DB
	metrics *metrics
	// healthy reports nil while the platforms are connected and the
	// store takes writes.
	healthy func() error
	log     *slog.Logger
}

// start serves /metrics, /healthz and /backup on addr until the returned
// stop is called.
func (o *opsServer) start(ctx context.Context, addr string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("ops: listen %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="spotter.db"`)
		if _, err := o.db.Backup(w); err != nil {
			o.log.Error("ops: backup", "err", err)
		}
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(o.metrics.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := o.healthy(); err != nil {
			http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}, nil
}

// runBackup is "spotter backup [-config FILE] [-data FILE] OUT": a
// consistent copy of the data file. It reads the file itself when no bot
// holds it, and asks the running bot's ops endpoint otherwise.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("spotter backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "the bot's TOML `file` (for data and [ops] listen)")
	dataPath := fs.String("data", "", "the bbolt data `file` (default "+DefaultDataPath()+")")
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
	cfg := defaultConfig()
	if *configPath != "" {
		var err error
		if cfg, err = LoadConfig(*configPath); err != nil {
			return err
		}
	}
	path := *dataPath
	if path == "" {
		path = cfg.Data
	}
	if path == "" {
		path = DefaultDataPath()
	}
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
	if cfg.Ops.Listen == "" {
		return fmt.Errorf("%s is in use by a running Spotter: give its -config with [ops] listen set, and it sends the copy", path)
	}
	return backupFromOps(ctx, cfg.Ops.Listen, out, stdout)
}

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
