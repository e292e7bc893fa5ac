package ops

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// gauges stand in for the hub's counts.
type gauges struct{ sessions, timers, outbox int }

func (g gauges) ActiveSessions() int { return g.sessions }
func (g gauges) PendingTimers() int  { return g.timers }
func (g gauges) OutboxDepth() int    { return g.outbox }

// openStore is a real data file in t.TempDir holding one lifter's settings.
func openStore(t *testing.T) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spotter.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	err = db.Apply(record.Change{Settings: &record.UserSettings{Platform: "console", UserID: "ana", Settings: record.Settings{TZ: "Europe/Berlin"}}})
	if err != nil {
		t.Fatal(err)
	}
	return db, path
}

// checkCopy opens a backup and finds the lifter's settings in it.
func checkCopy(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, ok, err := db.Settings("console", "ana")
	if err != nil || !ok || s.TZ != "Europe/Berlin" {
		t.Errorf("%s: settings %+v ok=%v err=%v", path, s, ok, err)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// metric reads one sample's value from a Prometheus text exposition.
func metric(t *testing.T, body, series string) float64 {
	t.Helper()
	re := regexp.MustCompile("(?m)^" + regexp.QuoteMeta(series) + ` ([0-9.e+-]+)$`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in /metrics", series)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func TestMetricsCountWhatTheHubObserves(t *testing.T) {
	db, path := openStore(t)
	met := NewMetrics(gauges{sessions: 2, timers: 3, outbox: 4}, path)
	met.MessageIn("telegram")
	met.MessageIn("telegram")
	met.ReplyOut("telegram", 20*time.Millisecond)
	met.PingOut("discord", 2*time.Second)
	met.SendRetry("telegram", true)
	met.SendRetry("telegram", false)
	met.SendRetry("telegram", false)
	srv := httptest.NewServer((&Server{Metrics: met, Data: db, Healthy: db.Writable, Log: slog.New(slog.DiscardHandler)}).Handler())
	defer srv.Close()

	code, body := get(t, srv.URL+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for series, want := range map[string]float64{
		`spotter_messages_in_total{platform="telegram"}`:                        2,
		`spotter_replies_out_total{kind="reply",platform="telegram"}`:           1,
		`spotter_replies_out_total{kind="ping",platform="discord"}`:             1,
		`spotter_reply_latency_seconds_count{platform="telegram"}`:              1,
		`spotter_ping_lateness_seconds_count{platform="discord"}`:               1,
		`spotter_ping_lateness_seconds_sum{platform="discord"}`:                 2,
		`spotter_send_retries_total{platform="telegram",reason="rate_limited"}`: 1,
		`spotter_send_retries_total{platform="telegram",reason="error"}`:        2,
		`spotter_active_sessions`:                                               2,
		`spotter_pending_timers`:                                                3,
		`spotter_outbox_depth`:                                                  4,
	} {
		if v := metric(t, body, series); v != want {
			t.Errorf("%s = %v, want %v", series, v, want)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if v := metric(t, body, `spotter_store_bytes`); v != float64(fi.Size()) || v <= 0 {
		t.Errorf("store bytes %v, file %d", v, fi.Size())
	}
	if v := metric(t, body, `go_goroutines`); v <= 0 {
		t.Errorf("go_goroutines %v", v)
	}
}

func TestHealthz(t *testing.T) {
	db, path := openStore(t)
	var sick error
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Log: slog.New(slog.DiscardHandler),
		Healthy: func() error { return sick }}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	if code, body := get(t, srv.URL+"/healthz"); code != http.StatusOK || body != "ok\n" {
		t.Errorf("healthy: %d %q", code, body)
	}
	sick = errors.New("telegram not connected")
	if code, body := get(t, srv.URL+"/healthz"); code != http.StatusServiceUnavailable || body != "unhealthy: telegram not connected\n" {
		t.Errorf("unhealthy: %d %q", code, body)
	}
	if resp, err := http.Post(srv.URL+"/healthz", "text/plain", nil); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /healthz: %v %v", resp.Status, err)
	}
}

func TestBackupEndpointStreamsTheDataFile(t *testing.T) {
	db, path := openStore(t)
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Healthy: db.Writable, Log: slog.New(slog.DiscardHandler)}
	addr := freeAddr(t)
	stop, err := s.Start(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	resp, err := http.Get("http://" + addr + "/backup")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "application/octet-stream" {
		t.Fatalf("/backup: %s %s", resp.Status, ct)
	}
	var buf bytes.Buffer
	io.Copy(&buf, resp.Body)
	out := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	checkCopy(t, out)
}

func TestStartRefusesATakenAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db, path := openStore(t)
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Healthy: db.Writable, Log: slog.New(slog.DiscardHandler)}
	if stop, err := s.Start(context.Background(), ln.Addr().String()); err == nil {
		stop()
		t.Fatal("listened on a taken address")
	}
}

// With a token, /backup streams only to a request bearing it; /metrics and
// /healthz stay open, and a refused request is logged without what it
// presented.
func TestBackupNeedsTheBearerToken(t *testing.T) {
	db, path := openStore(t)
	const token = "4f3c9a0e2b7d6c5a1e8f"
	var logs bytes.Buffer
	log, err := NewLogger(&logs, LogConfig{}, []string{token})
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Healthy: db.Writable, Token: token, Log: log}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	backup := func(auth string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/backup", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	for _, auth := range []string{"", "Bearer", "Bearer ", "Bearer wrong-token-0000000000", "Bearer " + token[:len(token)-1],
		"Bearer " + token + "x", "Basic " + token, token} {
		resp, body := backup(auth)
		if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" || len(body) > 200 {
			t.Errorf("Authorization %q: %s, %d bytes", auth, resp.Status, len(body))
		}
	}
	for _, auth := range []string{"Bearer " + token, "bearer " + token} {
		resp, body := backup(auth)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/octet-stream" {
			t.Fatalf("Authorization %q: %s", auth, resp.Status)
		}
		out := filepath.Join(t.TempDir(), "copy.db")
		if err := os.WriteFile(out, body, 0o600); err != nil {
			t.Fatal(err)
		}
		checkCopy(t, out)
	}
	for _, p := range []string{"/metrics", "/healthz"} {
		if code, _ := get(t, srv.URL+p); code != http.StatusOK {
			t.Errorf("%s without a token: %d", p, code)
		}
	}
	if !bytes.Contains(logs.Bytes(), []byte("/backup refused")) || bytes.Contains(logs.Bytes(), []byte("wrong-token")) || bytes.Contains(logs.Bytes(), []byte(token[:8])) {
		t.Errorf("log:\n%s", logs.String())
	}
}

// Beyond loopback the server starts only when /backup has a token.
func TestStartRefusesAnOpenAddressWithoutAToken(t *testing.T) {
	db, path := openStore(t)
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Healthy: db.Writable, Log: slog.New(slog.DiscardHandler)}
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		if stop, err := s.Start(context.Background(), addr); err == nil || !strings.Contains(err.Error(), "backup_token") {
			if stop != nil {
				stop()
			}
			t.Errorf("%s without a token: %v", addr, err)
		}
	}
	s.Token = "4f3c9a0e2b7d6c5a1e8f"
	stop, err := s.Start(context.Background(), "0.0.0.0:0")
	if err != nil {
		t.Fatalf("with a token: %v", err)
	}
	stop()
	for addr, want := range map[string]bool{"127.0.0.1:9090": true, "[::1]:9090": true, "localhost:9090": true, "LOCALHOST:1": true, "127.9.9.9:1": true,
		"0.0.0.0:9090": false, ":9090": false, "192.168.1.5:9090": false, "example.com:9090": false, "9090": false, "": false} {
		if got := LoopbackAddr(addr); got != want {
			t.Errorf("LoopbackAddr(%q) = %v", addr, got)
		}
	}
}

// `spotter backup` sends the token it is given, and says what to do when
// the running bot refuses it.
func TestBackupCommandSendsTheToken(t *testing.T) {
	db, path := openStore(t)
	const token = "4f3c9a0e2b7d6c5a1e8f"
	addr := freeAddr(t)
	s := &Server{Metrics: NewMetrics(gauges{}, path), Data: db, Healthy: db.Writable, Token: token, Log: slog.New(slog.DiscardHandler)}
	stop, err := s.Start(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	out := filepath.Join(t.TempDir(), "copy.db")
	for _, given := range []string{"", "wrong-token-0000000000"} {
		cmd := BackupCommand{Load: func(string) (BackupTarget, error) { return BackupTarget{Data: path, Listen: addr, Token: given}, nil }}
		var stdout, stderr bytes.Buffer
		err := cmd.Run(context.Background(), []string{"-config", "x.toml", out}, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), "backup_token") || strings.Contains(err.Error(), token) {
			t.Errorf("token %q: %v", given, err)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("token %q: a copy was written: %v", given, err)
		}
	}
	cmd := BackupCommand{Load: func(string) (BackupTarget, error) { return BackupTarget{Data: path, Listen: addr, Token: token}, nil }}
	var stdout, stderr bytes.Buffer
	if err := cmd.Run(context.Background(), []string{"-config", "x.toml", out}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	checkCopy(t, out)
}
