package ops

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// On a PostgreSQL store there is no file to stream: /backup says what to
// use instead, and /metrics and /healthz work as ever.
func TestBackupWithoutAFile(t *testing.T) {
	s := &Server{Metrics: NewMetrics(gauges{}, ""), Healthy: func() error { return nil }, Log: slog.New(slog.DiscardHandler)}
	for path, want := range map[string]int{"/backup": http.StatusNotFound, "/healthz": http.StatusOK, "/metrics": http.StatusOK} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != want {
			t.Errorf("%s: %d %s, want %d", path, rec.Code, body, want)
		}
		if path == "/backup" && !strings.Contains(string(body), "pg_dump") {
			t.Errorf("/backup: %q", body)
		}
	}
}
