package ops

import (
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/spotter-coach/spotter/bot"
)

// Metrics are Spotter's Prometheus metrics, served by the Server's
// /metrics. They are the hub's bot.Observer and are safe for concurrent use.
type Metrics struct {
	reg          *prometheus.Registry
	messagesIn   *prometheus.CounterVec
	repliesOut   *prometheus.CounterVec
	replyLatency *prometheus.HistogramVec
	pingLateness *prometheus.HistogramVec
	retries      *prometheus.CounterVec
	givenUp      *prometheus.CounterVec
}

var _ bot.Observer = (*Metrics)(nil)

// HubGauges is what the metrics read from the hub at scrape time; each
// method must be safe to call from any goroutine.
type HubGauges interface {
	ActiveSessions() int
	PendingTimers() int
	OutboxDepth() int
}

// NewMetrics registers the metrics; dataPath is the data file whose size
// they report.
func NewMetrics(hub HubGauges, dataPath string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		messagesIn: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "spotter_messages_in_total",
			Help: "Messages taken from the platforms."}, []string{"platform"}),
		repliesOut: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "spotter_replies_out_total",
			Help: "Replies and pings the platforms accepted."}, []string{"platform", "kind"}),
		replyLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "spotter_reply_latency_seconds",
			Help: "From a message's arrival to its reply being accepted.", Buckets: prometheus.ExponentialBuckets(0.005, 2, 12)}, []string{"platform"}),
		pingLateness: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "spotter_ping_lateness_seconds",
			Help: "From a rest's end to its ping being accepted.", Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)}, []string{"platform"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "spotter_send_retries_total",
			Help: "Sends tried again, by reason: rate_limited (429) or error."}, []string{"platform", "reason"}),
		givenUp: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "spotter_replies_given_up_total",
			Help: "Replies and pings given up, by reason: refused (for good), failing (after the bounded retries), rate_limited, no_sender."}, []string{"platform", "reason"}),
	}
	m.reg.MustRegister(m.messagesIn, m.repliesOut, m.replyLatency, m.pingLateness, m.retries, m.givenUp,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "spotter_active_sessions", Help: "Guided sessions running."},
			func() float64 { return float64(hub.ActiveSessions()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "spotter_pending_timers", Help: "Rest timers waiting to fire."},
			func() float64 { return float64(hub.PendingTimers()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "spotter_outbox_depth", Help: "Replies waiting to be sent."},
			func() float64 { return float64(hub.OutboxDepth()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "spotter_store_bytes", Help: "Size of the bbolt data file."},
			func() float64 {
				fi, err := os.Stat(dataPath)
				if err != nil {
					return 0
				}
				return float64(fi.Size())
			}),
	)
	return m
}

// MessageIn counts a message taken from a platform.
func (m *Metrics) MessageIn(platform string) { m.messagesIn.WithLabelValues(platform).Inc() }

// ReplyOut counts a reply the platform accepted and observes its latency.
func (m *Metrics) ReplyOut(platform string, latency time.Duration) {
	m.repliesOut.WithLabelValues(platform, "reply").Inc()
	m.replyLatency.WithLabelValues(platform).Observe(latency.Seconds())
}

// PingOut counts a ping the platform accepted and observes how late it was.
func (m *Metrics) PingOut(platform string, lateness time.Duration) {
	m.repliesOut.WithLabelValues(platform, "ping").Inc()
	m.pingLateness.WithLabelValues(platform).Observe(lateness.Seconds())
}

// SendRetry counts a send that will be tried again, by reason.
func (m *Metrics) SendRetry(platform string, rateLimited bool) {
	reason := "error"
	if rateLimited {
		reason = "rate_limited"
	}
	m.retries.WithLabelValues(platform, reason).Inc()
}

// GivenUp counts a reply or ping the outbox gave up on, by reason.
func (m *Metrics) GivenUp(platform, reason string) { m.givenUp.WithLabelValues(platform, reason).Inc() }
