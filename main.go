// Command spotter is a chat-bot workout coach. With no configuration it
// opens a console chat on a local data file; see README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spotter-coach/spotter/adapters/console"
	"github.com/spotter-coach/spotter/adapters/discord"
	"github.com/spotter-coach/spotter/adapters/telegram"
	"github.com/spotter-coach/spotter/bench"
	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/config"
	"github.com/spotter-coach/spotter/ops"
	"github.com/spotter-coach/spotter/store"
	"github.com/spotter-coach/spotter/store/pg"
)

var (
	_ bot.Store  = (*store.DB)(nil)
	_ bot.Store  = (*pg.DB)(nil)
	_ bot.Shared = (*pg.DB)(nil)
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if len(os.Args) > 1 {
		sub := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
			"backup":  ops.BackupCommand{DefaultData: DefaultDataPath(), Load: backupTarget}.Run,
			"bench":   bench.Run,
			"check":   ops.CheckCommand,
			"migrate": migrateCommand,
		}
		if run, ok := sub[os.Args[1]]; ok {
			err := run(ctx, os.Args[2:], os.Stdout, os.Stderr)
			stop()
			if err != nil {
				fmt.Fprintf(os.Stderr, "spotter %s: %v\n", os.Args[1], err)
				os.Exit(1)
			}
			return
		}
	}
	m := NewMain()
	err := m.ParseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err == nil {
		err = m.Run(ctx)
	}
	stop()
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "spotter:", err)
		os.Exit(1)
	}
}

// backupTarget is what `spotter backup -config FILE` needs from the
// bot's configuration: its data file and its ops endpoint.
func backupTarget(path string) (ops.BackupTarget, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return ops.BackupTarget{}, err
	}
	cfg.ApplyEnv(os.Getenv) // SPOTTER_OPS_TOKEN, as the running bot has it
	return ops.BackupTarget{Data: cfg.Data, Listen: cfg.Ops.Listen, Token: cfg.Ops.BackupToken}, nil
}

// Main is the program: flags, configuration and wiring. End-to-end tests
// run it over t.TempDir() with their own input and output.
type Main struct {
	ConfigPath string
	DataPath   string
	User       string
	JSON       bool

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer

	db     bot.Store
	closer io.Closer
}

// NewMain is a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
}

// usage heads spotter -h: the subcommands that main dispatches before
// any flag is read, which the flag package cannot list, then the chat's
// own flags (%s is the default data file).
const usage = `Usage:
  spotter [-config FILE] [-data FILE] [-user NAME] [-json]
        chat: on Telegram or Discord when a token is configured, else in
        the console (with no flags, on %s)
  spotter bench [-quick] [-json] [-check]
        measure what this machine carries (spotter bench -h)
  spotter backup [-config FILE] [-data FILE] OUT
        write a consistent copy of the data file, also while the bot runs
  spotter check FILE
        verify a data file without changing it
  spotter migrate -data FILE -to URL    (or -from URL -data FILE)
        copy a data file into a PostgreSQL database, or back, checked
        by counts; running it again adds nothing

Flags of the chat:
`

// ParseFlags reads the command line.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("spotter", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&m.ConfigPath, "config", "", "TOML `file` with presets and equipment (see config.example.toml)")
	fs.StringVar(&m.DataPath, "data", "", "bbolt data `file` (default "+DefaultDataPath()+")")
	fs.StringVar(&m.User, "user", defaultUser(), "the console lifter's `name`")
	fs.BoolVar(&m.JSON, "json", false, "console: print each reply as one JSON object per line")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), usage, DefaultDataPath())
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unknown argument %q (see spotter -h)", fs.Arg(0))
	}
	return nil
}

// Run loads the configuration, opens the data file and chats until the
// input ends or ctx is done.
func (m *Main) Run(ctx context.Context) error {
	cfg := config.Default()
	if m.ConfigPath != "" {
		var err error
		if cfg, err = config.Load(m.ConfigPath); err != nil {
			return err
		}
	}
	cfg.ApplyEnv(os.Getenv)
	c, err := coach.New(cfg.Coach)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	path := m.DataPath
	if path == "" {
		path = cfg.Data
	}
	if path == "" {
		path = DefaultDataPath()
	}
	logCfg := ops.LogConfig{Format: cfg.Log.Format, Level: cfg.Log.Level}
	if logCfg.Level == "" && cfg.Telegram.Token == "" && cfg.Discord.Token == "" &&
		os.Getenv("SPOTTER_TELEGRAM_TOKEN") == "" && os.Getenv("SPOTTER_DISCORD_TOKEN") == "" {
		logCfg.Level = "warn" // the console chat stays quiet
	}
	log, err := ops.NewLogger(m.Stderr, logCfg, cfg.Secrets())
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	var backup ops.Backuper
	var writable func() error
	if cfg.StoreURL != "" {
		db, err := pg.Open(ctx, cfg.StoreURL)
		if err != nil {
			return err
		}
		m.db, m.closer, writable = db, db, db.Writable
		log.Info("store: PostgreSQL", "database", db.String())
		path = "" // no data file: its size is no metric
	} else {
		db, err := store.Open(path)
		if err != nil {
			return err
		}
		m.db, m.closer, writable, backup = db, db, db.Writable, db
	}
	hub := bot.New(bot.Config{Coach: c, Store: m.db, Unit: cfg.Unit, Log: log, MissedAfter: cfg.MissedAfter, Boards: cfg.Boards})
	plats, err := m.platforms(cfg, hub, log)
	if err != nil {
		return err
	}
	if cfg.Ops.Listen != "" {
		met := ops.NewMetrics(hub, path)
		hub.SetObserver(met)
		srv := &ops.Server{Metrics: met, Data: backup, Log: log, Token: cfg.Ops.BackupToken, Healthy: func() error { return healthy(plats, writable) }}
		stopOps, err := srv.Start(ctx, cfg.Ops.Listen)
		if err != nil {
			return err
		}
		defer stopOps()
	}

	adapters := plats
	if len(adapters) == 0 {
		adapters = []bot.Adapter{m.newConsole(hub, path)}
	}
	return hub.Serve(ctx, adapters...)
}

// platforms builds an adapter for every platform that has a token.
func (m *Main) platforms(cfg config.Config, hub *bot.Hub, log *slog.Logger) ([]bot.Adapter, error) {
	var out []bot.Adapter
	if cfg.Telegram.Token != "" {
		a, err := telegram.New(cfg.Telegram, hub, log)
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		out = append(out, a)
	}
	if cfg.Discord.Token != "" {
		a, err := discord.New(cfg.Discord, hub, log.With("platform", discord.Platform))
		if err != nil {
			return nil, fmt.Errorf("discord: %w", err)
		}
		out = append(out, a)
	}
	return out, nil
}

// healthy is nil while every platform that can tell is connected and the
// store takes writes.
func healthy(plats []bot.Adapter, writable func() error) error {
	for _, p := range plats {
		if c, ok := p.(interface{ Connected() bool }); ok && !c.Connected() {
			return fmt.Errorf("%T not connected", p)
		}
	}
	return writable()
}

// newConsole is the console chat on the standard streams, exempt from
// the hub's flood limit (call it before the hub runs).
func (m *Main) newConsole(hub *bot.Hub, path string) *console.Console {
	con := &console.Console{In: m.Stdin, Out: m.Stdout, User: m.User, JSON: m.JSON,
		FileDir: filepath.Join(filepath.Dir(path), "files"), Handler: hub}
	if isTerminal(m.Stdin) {
		con.Greeting = "Spotter: type help, or try: drop 80kg bench. Ctrl-D quits. Data: " + path
	}
	hub.Unlimited(console.Platform)
	return con
}

// Close releases the data file or the database.
func (m *Main) Close() error {
	if m.closer == nil {
		return nil
	}
	err := m.closer.Close()
	m.db, m.closer = nil, nil
	return err
}

// DefaultDataPath is where the console keeps its data with no -data flag:
// $XDG_DATA_HOME/spotter/spotter.db, else ~/.local/share/spotter/spotter.db,
// else spotter.db in the working directory.
func DefaultDataPath() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "spotter", "spotter.db")
	}
	if h, err := os.UserHomeDir(); err == nil && h != "" {
		return filepath.Join(h, ".local", "share", "spotter", "spotter.db")
	}
	return "spotter.db"
}

func defaultUser() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "lifter"
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
