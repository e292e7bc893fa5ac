// Package pgtest gives tests a PostgreSQL database of their own: a
// throwaway cluster, started once per test binary, with one fresh
// database per test.
//
// A package whose tests use it runs them through Main:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// and each test asks for its database with Start, which returns its URL
// (postgres://user:password@127.0.0.1:port/db?sslmode=disable).
//
// Where the server comes from, first match wins:
//
//   - SPOTTER_PG_DISABLE=1: none; tests that need one are skipped (to see
//     what a machine without PostgreSQL does).
//   - SPOTTER_PG_URL=postgres://user:password@host:port/db: that server;
//     its role must be allowed to CREATE DATABASE. Each test gets a new
//     database there, dropped when the test ends.
//   - initdb, pg_ctl and postgres on PATH, or else in the newest
//     /usr/lib/postgresql/*/bin (where Debian's postgresql package puts
//     them): a cluster initdb'ed in a temporary directory, listening on a
//     Unix socket in that directory and on a free port of 127.0.0.1, with
//     fsync off, stopped (pg_ctl stop -m immediate) and deleted when the
//     tests end. Local connections are trusted; TCP ones need the
//     cluster's random password, which the URL carries, so that tests can
//     see a wrong password refused.
//   - nothing: tests that need a server are skipped with a message saying
//     how to get one.
//
// PostgreSQL refuses to run as root. As root (CI containers), pgtest runs
// initdb, postgres and pg_ctl as the postgres user (made by Debian's
// package) or else as nobody, owning the cluster's directory. The server
// is started with a parent-death signal, so a test binary killed before
// Main's end takes its cluster with it.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// SkipMessage is why a test needing PostgreSQL was skipped.
const SkipMessage = "PostgreSQL tests skipped: no initdb/pg_ctl found; install postgresql (apt-get install postgresql) or set SPOTTER_PG_URL=postgres://... to run them"

// Environment variables pgtest reads.
const (
	EnvURL     = "SPOTTER_PG_URL"
	EnvDisable = "SPOTTER_PG_DISABLE"
)

var (
	mu      sync.Mutex
	inMain  bool
	srv     *server
	srvErr  error
	skipMsg string
	dbSeq   atomic.Int64
)

// server is where the tests' databases are made.
type server struct {
	admin string // URL of a database to run CREATE DATABASE in
	base  string // URL the tests' URLs are made from
	local *cluster
}

// Main runs the tests of a package, then stops the cluster they used.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run is Main for a TestMain with work of its own after the tests: it
// returns the tests' exit code.
func Run(m *testing.M) int {
	mu.Lock()
	inMain = true
	mu.Unlock()
	code := m.Run()
	mu.Lock()
	if srv != nil && srv.local != nil {
		if err := srv.local.stop(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
		}
	}
	srv = nil
	mu.Unlock()
	return code
}

// Start returns the URL of a new, empty database for t, dropped when t
// ends. It skips t when no PostgreSQL is to be had (see the package
// comment), and fails it when one is but does not work.
func Start(t testing.TB) string {
	t.Helper()
	s, err := shared()
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if s == nil {
		t.Skip(skipMsg)
	}
	name := fmt.Sprintf("spotter_test_%d_%d", os.Getpid(), dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := s.exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(s.base)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// shared is the package's server, started on first use; nil when there
// is none (skipMsg says why).
func shared() (*server, error) {
	mu.Lock()
	defer mu.Unlock()
	if srv != nil || srvErr != nil || skipMsg != "" {
		return srv, srvErr
	}
	if os.Getenv(EnvDisable) == "1" {
		skipMsg = SkipMessage + " (" + EnvDisable + "=1 hides them)"
		return nil, nil
	}
	if raw := os.Getenv(EnvURL); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			srvErr = fmt.Errorf("%s must be a postgres:// URL", EnvURL)
			return nil, srvErr
		}
		srv = &server{admin: raw, base: raw}
		return srv, nil
	}
	bins, ok := findBinaries()
	if !ok {
		skipMsg = SkipMessage
		return nil, nil
	}
	if !inMain {
		srvErr = errors.New("the test package must run its tests through pgtest.Main (func TestMain(m *testing.M) { pgtest.Main(m) })")
		return nil, srvErr
	}
	c, err := startCluster(bins)
	if err != nil {
		srvErr = err
		return nil, err
	}
	srv = &server{
		admin: fmt.Sprintf("host=%s port=%d user=%s dbname=postgres sslmode=disable", c.dir, c.port, c.user),
		base:  (&url.URL{Scheme: "postgres", User: url.UserPassword(c.user, c.password), Host: fmt.Sprintf("127.0.0.1:%d", c.port), Path: "/postgres", RawQuery: "sslmode=disable"}).String(),
		local: c,
	}
	return srv, nil
}

// exec runs one statement in the admin database.
func (s *server) exec(ctx context.Context, sql string) error {
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, sql)
	return err
}

// binaries are the programs of one PostgreSQL installation.
type binaries struct{ initdb, pgCtl, postgres string }

// findBinaries looks on PATH, then in the newest /usr/lib/postgresql/*/bin.
func findBinaries() (binaries, bool) {
	if initdb, err := exec.LookPath("initdb"); err == nil {
		dir := filepath.Dir(initdb)
		if real, err := filepath.EvalSymlinks(initdb); err == nil {
			dir = filepath.Dir(real)
		}
		if b, ok := binariesIn(dir); ok {
			return b, true
		}
		pgCtl, err1 := exec.LookPath("pg_ctl")
		postgres, err2 := exec.LookPath("postgres")
		if err1 == nil && err2 == nil {
			return binaries{initdb, pgCtl, postgres}, true
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return versionOf(b) - versionOf(a) })
	for _, dir := range dirs {
		if b, ok := binariesIn(dir); ok {
			return b, true
		}
	}
	return binaries{}, false
}

func versionOf(bin string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(bin)))
	return v
}

func binariesIn(dir string) (binaries, bool) {
	b := binaries{filepath.Join(dir, "initdb"), filepath.Join(dir, "pg_ctl"), filepath.Join(dir, "postgres")}
	for _, p := range []string{b.initdb, b.pgCtl, b.postgres} {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return binaries{}, false
		}
	}
	return b, true
}

// cluster is a running throwaway PostgreSQL.
type cluster struct {
	bins     binaries
	dir      string // holds data/, the socket and the log
	port     int
	user     string // the superuser
	password string
	cred     *syscall.Credential // whom the programs run as; nil: us
	cmd      *exec.Cmd
	exited   chan struct{}
}

// startCluster initdb's a cluster in a new temporary directory and starts
// it.
func startCluster(bins binaries) (*cluster, error) {
	c := &cluster{bins: bins, user: "spotter", password: randomHex(16)}
	if os.Geteuid() == 0 {
		cred, err := unprivileged()
		if err != nil {
			return nil, err
		}
		c.cred = cred
	}
	parent := tempParent(c.cred != nil)
	removeStale(parent)
	dir, err := os.MkdirTemp(parent, fmt.Sprintf("spotter-pg-%d-", os.Getpid()))
	if err != nil {
		return nil, fmt.Errorf("cluster directory: %w", err)
	}
	c.dir = dir
	if err := c.chown(dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	pwfile := filepath.Join(dir, "pwfile")
	if err := os.WriteFile(pwfile, []byte(c.password+"\n"), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.chown(pwfile); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	out, err := c.command(bins.initdb, "-D", c.data(), "-U", c.user, "--pwfile", pwfile,
		"--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync").CombinedOutput()
	os.Remove(pwfile)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	// The port is free when picked; another process may take it before
	// the server binds it, so a failed bind tries another.
	for try := 0; ; try++ {
		c.port, err = freePort()
		if err == nil {
			err = c.start()
		}
		if err == nil {
			return c, nil
		}
		if try == 4 || !strings.Contains(err.Error(), "could not") {
			c.cleanup()
			return nil, err
		}
	}
}

func (c *cluster) data() string { return filepath.Join(c.dir, "data") }
func (c *cluster) log() string  { return filepath.Join(c.dir, "postgres.log") }

// start runs postgres and waits until it takes connections.
func (c *cluster) start() error {
	logf, err := os.OpenFile(c.log(), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := c.command(c.bins.postgres, "-D", c.data(), "-k", c.dir, "-h", "127.0.0.1", "-p", strconv.Itoa(c.port),
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=500", "-c", "max_wal_size=1GB", "-c", "max_parallel_workers_per_gather=0",
		"-c", "log_min_messages=warning", "-c", "logging_collector=off")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT // immediate shutdown if we die
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	c.cmd, c.exited = cmd, make(chan struct{})
	go func() { cmd.Wait(); close(c.exited) }()
	conninfo := fmt.Sprintf("host=%s port=%d user=%s dbname=postgres sslmode=disable connect_timeout=2", c.dir, c.port, c.user)
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case <-c.exited:
			raw, _ := os.ReadFile(c.log())
			return fmt.Errorf("postgres exited at start (could not start):\n%s", raw)
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		conn, err := pgx.Connect(ctx, conninfo)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
		if time.Now().After(deadline) {
			c.kill()
			raw, _ := os.ReadFile(c.log())
			return fmt.Errorf("postgres did not take connections within a minute: %v\n%s", err, raw)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop shuts the server down at once and deletes its directory.
func (c *cluster) stop() error {
	var err error
	if c.cmd != nil {
		out, e := c.command(c.bins.pgCtl, "stop", "-D", c.data(), "-m", "immediate", "-w", "-t", "30").CombinedOutput()
		if e != nil {
			err = fmt.Errorf("pg_ctl stop: %v: %s", e, out)
			c.kill()
		}
		select {
		case <-c.exited:
		case <-time.After(30 * time.Second):
			c.kill()
		}
	}
	c.cleanup()
	return err
}

func (c *cluster) kill() {
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-c.exited:
		case <-time.After(10 * time.Second):
			c.cmd.Process.Kill()
			<-c.exited
		}
	}
}

func (c *cluster) cleanup() { os.RemoveAll(c.dir) }

// command runs a PostgreSQL program as the cluster's owner, in its
// directory (the owner may not enter ours).
func (c *cluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred, Pdeathsig: syscall.SIGKILL}
	return cmd
}

// removeStale deletes the cluster directories of test binaries that died
// before Main's end (their servers died with them).
func removeStale(parent string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, "spotter-pg-*-*"))
	for _, dir := range dirs {
		var pid int
		if _, err := fmt.Sscanf(filepath.Base(dir), "spotter-pg-%d-", &pid); err != nil || pid <= 0 || pid == os.Getpid() {
			continue
		}
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			os.RemoveAll(dir)
		}
	}
}

func (c *cluster) chown(path string) error {
	if c.cred == nil {
		return nil
	}
	if err := os.Chown(path, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
		return fmt.Errorf("give %s to the cluster's user: %w", path, err)
	}
	return nil
}

// unprivileged is whom root runs PostgreSQL as: the postgres user, or
// else nobody.
func unprivileged() (*syscall.Credential, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 != nil || err2 != nil || uid == 0 {
			continue
		}
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
	}
	return nil, errors.New("running as root, and neither a postgres nor a nobody user to run PostgreSQL as (initdb refuses root)")
}

// tempParent is where the cluster's directory goes: the temporary
// directory, unless its path is too long for a Unix socket or (as root,
// for another user) not open to everyone.
func tempParent(forOther bool) string {
	dir := os.TempDir()
	if len(dir) > 60 || forOther && !everyoneEnters(dir) {
		return "/tmp"
	}
	return dir
}

// everyoneEnters reports whether any user may reach dir.
func everyoneEnters(dir string) bool {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
