package e2e

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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
// on, drives a short rest-pause session and scrapes /metrics and /healthz:
// the wiring of package ops into the hub, end to end.
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
