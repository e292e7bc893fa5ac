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
	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

var _ bot.Store = (*store.DB)(nil)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if len(os.Args) > 1 {
		sub := map[string]func(context.Context, []string, io.Writer, io.Writer) error{"backup": runBackup, "bench": runBench}
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

	db *store.DB
}

// NewMain is a Main on the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
}

// ParseFlags reads the command line.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("spotter", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.StringVar(&m.ConfigPath, "config", "", "TOML `file` with presets and equipment (see config.example.toml)")
	fs.StringVar(&m.DataPath, "data", "", "bbolt data `file` (default "+DefaultDataPath()+")")
	fs.StringVar(&m.User, "user", defaultUser(), "the console lifter's `name`")
	fs.BoolVar(&m.JSON, "json", false, "console: print each reply as one JSON object per line")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: spotter [flags]\n\nWith no flags, a console chat on %s.\n\n", DefaultDataPath())
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
	cfg := defaultConfig()
	if m.ConfigPath != "" {
		var err error
		if cfg, err = LoadConfig(m.ConfigPath); err != nil {
			return err
		}
	}
	cfg.applyEnv(os.Getenv)
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
	logCfg := cfg.Log
	if logCfg.Level == "" && cfg.Telegram.Token == "" && cfg.Discord.Token == "" &&
		os.Getenv("SPOTTER_TELEGRAM_TOKEN") == "" && os.Getenv("SPOTTER_DISCORD_TOKEN") == "" {
		logCfg.Level = "warn" // the console chat stays quiet
	}
	log, err := newLogger(m.Stderr, logCfg, cfg.secrets())
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if m.db, err = store.Open(path); err != nil {
		return err
	}
	hub := bot.New(bot.Config{Coach: c, Store: m.db, Unit: cfg.Unit, Log: log, MissedAfter: cfg.MissedAfter})
	plats, err := m.platforms(cfg, hub, log)
	if err != nil {
		return err
	}
	if cfg.Ops.Listen != "" {
		met := newMetrics(hub, path)
		hub.SetObserver(met)
		ops := &opsServer{db: m.db, metrics: met, log: log, healthy: func() error { return healthy(plats, m.db) }}
		stopOps, err := ops.start(ctx, cfg.Ops.Listen)
		if err != nil {
			return err
		}
		defer stopOps()
	}

	var con *console.Console
	if len(plats) == 0 {
		con = m.newConsole(hub, path)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hubDone := make(chan error, 1)
	go func() { hubDone <- hub.Run(ctx) }()
	if con != nil {
		err = runConsole(ctx, con, hub)
	} else {
		err = runPlatforms(ctx, plats, log)
	}
	cancel()
	if herr := <-hubDone; err == nil {
		err = herr
	}
	if errors.Is(err, bot.ErrStopped) || errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// platform is a chat platform's adapter.
type platform interface {
	bot.Sender
	Run(ctx context.Context) error
}

// platforms builds an adapter for every platform that has a token and
// registers it with the hub.
func (m *Main) platforms(cfg Config, hub *bot.Hub, log *slog.Logger) ([]platform, error) {
	var out []platform
	if cfg.Telegram.Token != "" {
		a, err := telegram.New(cfg.Telegram, hub, log)
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		hub.Register(telegram.Platform, a, a.Pace())
		out = append(out, a)
	}
	if cfg.Discord.Token != "" {
		a, err := discord.New(cfg.Discord, hub, log.With("platform", discord.Platform))
		if err != nil {
			return nil, fmt.Errorf("discord: %w", err)
		}
		hub.Register(discord.Platform, a, a.Pace())
		out = append(out, a)
	}
	return out, nil
}

// runPlatforms runs every adapter until ctx is done or one fails.
func runPlatforms(ctx context.Context, plats []platform, log *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(plats))
	for _, p := range plats {
		go func() { errs <- p.Run(ctx) }()
	}
	var first error
	for range plats {
		if err := <-errs; err != nil && first == nil && ctx.Err() == nil {
			first = err
			log.Error("a platform stopped; shutting down", "err", err)
			cancel()
		}
	}
	return first
}

// healthy is nil while every platform that can tell is connected and the
// store takes writes.
func healthy(plats []platform, db *store.DB) error {
	for _, p := range plats {
		if c, ok := p.(interface{ Connected() bool }); ok && !c.Connected() {
			return fmt.Errorf("%T not connected", p)
		}
	}
	return db.Writable()
}

// newConsole is the console chat on the standard streams, registered with
// the hub (before it runs).
func (m *Main) newConsole(hub *bot.Hub, path string) *console.Console {
	con := &console.Console{In: m.Stdin, Out: m.Stdout, User: m.User, JSON: m.JSON,
		FileDir: filepath.Join(filepath.Dir(path), "files")}
	if isTerminal(m.Stdin) {
		con.Greeting = "Spotter: type help, or try: drop 80kg bench. Ctrl-D quits. Data: " + path
	}
	hub.Register(console.Platform, con, nil)
	hub.Unlimited(console.Platform)
	return con
}

// runConsole chats until the input ends or ctx is done.
func runConsole(ctx context.Context, con *console.Console, hub *bot.Hub) error {
	// The console ends at the end of its input; a signal ends it at once,
	// even while it waits for a line.
	conDone := make(chan error, 1)
	go func() { conDone <- con.Run(ctx, hub) }()
	select {
	case err := <-conDone:
		return err
	case <-ctx.Done():
		return nil
	}
}

// Close releases the data file.
func (m *Main) Close() error {
	if m.db == nil {
		return nil
	}
	err := m.db.Close()
	m.db = nil
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
