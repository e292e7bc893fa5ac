// Package ops is what the operator of a Spotter bot sees besides the chat:
// the ops HTTP endpoint (/metrics, /healthz, /backup), the Prometheus
// metrics, `spotter backup`, and a log that never shows a secret.
package ops

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Backuper writes a consistent copy of the whole data file while the bot
// runs; the bbolt store is one.
type Backuper interface {
	Backup(w io.Writer) (int64, error)
}

// Server is the ops endpoint: /metrics, /healthz and /backup. /backup
// hands out every lifter's data, so it listens on loopback only unless
// /backup asks for a token; /metrics and /healthz are always open, for
// scrapers and probes. Its fields are set before Start and not changed
// after.
type Server struct {
	Metrics *Metrics
	// Healthy reports nil while the platforms are connected and the store
	// takes writes.
	Healthy func() error
	// Data is what /backup streams; nil when the store has no file to
	// stream (PostgreSQL), and /backup then says to use pg_dump.
	Data Backuper
	// Token, when set, is the bearer token /backup asks for
	// ("Authorization: Bearer TOKEN"); a request without it, or with
	// another, gets 401 and nothing else.
	Token string
	Log   *slog.Logger
}

// Handler serves the endpoint's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /backup", func(w http.ResponseWriter, r *http.Request) {
		if !s.authorized(r) {
			// The presented token is never logged: it may be a near miss.
			s.Log.Warn("ops: /backup refused: no or wrong bearer token", "remote", r.RemoteAddr)
			w.Header().Set("WWW-Authenticate", `Bearer realm="spotter backup"`)
			http.Error(w, "unauthorized: /backup needs the bearer token of [ops] backup_token", http.StatusUnauthorized)
			return
		}
		if s.Data == nil {
			http.Error(w, "not found: the store is a PostgreSQL database; back it up with pg_dump (docs/deployment.md)", http.StatusNotFound)
			return
		}
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

// authorized reports whether r may have a backup: always when the server
// has no token, else when r carries it as its bearer token. The tokens are
// compared as hashes of equal length in constant time, so neither the
// time taken nor an early mismatch tells how much of a guess was right.
func (s *Server) authorized(r *http.Request) bool {
	if s.Token == "" {
		return true
	}
	scheme, given, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	want, got := sha256.Sum256([]byte(s.Token)), sha256.Sum256([]byte(strings.TrimSpace(given)))
	return subtle.ConstantTimeCompare(want[:], got[:]) == 1
}

// Start serves the endpoint on addr until the returned stop is called;
// stop waits up to 5 s for requests under way, such as a backup. It
// refuses an address beyond loopback while /backup has no token.
func (s *Server) Start(ctx context.Context, addr string) (stop func(), err error) {
	if s.Token == "" && !LoopbackAddr(addr) {
		return nil, fmt.Errorf("ops: listen %s: not a loopback address, and /backup would hand every lifter's data to anyone who reaches it: set [ops] backup_token (or SPOTTER_OPS_TOKEN), or listen on 127.0.0.1", addr)
	}
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

// LoopbackAddr reports whether addr ("host:port") can be reached from
// this machine only: a loopback IP, or "localhost". An empty host (":9090")
// listens on every interface, and a host name other than localhost may
// resolve anywhere, so neither is loopback.
func LoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
