// Package ops is what the operator of a Spotter bot sees besides the chat:
// the ops HTTP endpoint (/metrics, /healthz, /backup), the Prometheus
// metrics, `spotter backup`, and a log that never shows a secret.
package ops

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Backuper writes a consistent copy of the whole data file while the bot
// runs; the bbolt store is one.
type Backuper interface {
	Backup(w io.Writer) (int64, error)
}

// Server is the ops endpoint: /metrics, /healthz and /backup. It should
// listen on loopback only, as /backup hands out every lifter's data.
// Its fields are set before Start and not changed after.
type Server struct {
	Metrics *Metrics
	// Healthy reports nil while the platforms are connected and the store
	// takes writes.
	Healthy func() error
	// Data is what /backup streams.
	Data Backuper
	Log  *slog.Logger
}

// Handler serves the endpoint's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="spotter.db"`)
		if _, err := s.Data.Backup(w); err != nil {
			s.Log.Error("ops: backup", "err", err)
		}
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.Metrics.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := s.Healthy(); err != nil {
			http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok\n")
	})
	return mux
}

// Start serves the endpoint on addr until the returned stop is called;
// stop waits up to 5 s for requests under way, such as a backup.
func (s *Server) Start(ctx context.Context, addr string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("ops: listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}, nil
}
