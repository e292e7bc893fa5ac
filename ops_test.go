package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func scrape(t *testing.T, url string) (int, string) {
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

// TestMetricsMoveDuringASession runs the real binary with the ops endpoint
// on, drives a short rest-pause session and scrapes /metrics and /healthz.
func TestMetricsMoveDuringASession(t *testing.T) {
	bin := buildSpotter(t)
	dir := t.TempDir()
	addr := freeAddr(t)
	cfg := filepath.Join(dir, "spotter.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("data = %q\n[ops]\nlisten = %q\n[[preset]]\nname = \"shortrp\"\ntechnique = \"rest_pause\"\nrest = \"1s\"\n", filepath.Join(dir, "s.db"), addr)), 0o600)
	p := startConsole(t, bin, "-config", cfg, "-user", "ana")
	p.say(t, "shortrp 100kg squat")
	p.expect(t, "Say start")
	p.say(t, "start")
	p.expect(t, "Now: set")
	p.say(t, "done 8")
	p.expect(t, "Rest 1 s")
	p.expect(t, "@ana GO")

	code, body := scrape(t, "http://"+addr+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	if v := metric(t, body, `spotter_messages_in_total{platform="console"}`); v != 3 {
		t.Errorf("messages in: %v, want 3", v)
	}
	if v := metric(t, body, `spotter_replies_out_total{kind="reply",platform="console"}`); v != 3 {
		t.Errorf("replies out: %v, want 3", v)
	}
	if v := metric(t, body, `spotter_ping_lateness_seconds_count{platform="console"}`); v != 1 {
		t.Errorf("pings: %v, want 1", v)
	}
	if v := metric(t, body, `spotter_active_sessions`); v != 1 {
		t.Errorf("active sessions: %v, want 1", v)
	}
	if v := metric(t, body, `spotter_store_bytes`); v <= 0 {
		t.Errorf("store bytes: %v", v)
	}
	if code, body := scrape(t, "http://"+addr+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz: %d %q", code, body)
	}
	p.stdin.Close()
	p.cmd.Wait()
}

func TestLogsNeverShowSecrets(t *testing.T) {
	const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		log, err := newLogger(&buf, LogConfig{Format: format, Level: "debug"}, []string{token})
		if err != nil {
			t.Fatal(err)
		}
		err = fmt.Errorf("post https://api.telegram.org/bot%s/sendMessage: %w", token, errors.New("timeout"))
		log.Error("send failed: "+token, "err", err, "url", "https://api.telegram.org/bot"+token, slog.Group("req", "token", token))
		log.With("token", token).Info("with attrs")
		out := buf.String()
		if strings.Contains(out, token) || strings.Contains(out, "AAHdqTcvCH1") {
			t.Errorf("%s log shows the token:\n%s", format, out)
		}
		if !strings.Contains(out, "<redacted>") || !strings.Contains(out, "timeout") {
			t.Errorf("%s log lost the rest of the line:\n%s", format, out)
		}
	}
	if _, err := newLogger(io.Discard, LogConfig{Level: "loud"}, nil); err == nil {
		t.Error("a bad level was accepted")
	}
}
