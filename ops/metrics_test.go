package ops

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/spotter-coach/spotter/bot"
)

// A reply or ping the outbox gives up on is counted by platform and
// reason, through the hub's Observer.
func TestMetricsCountGivenUpReplies(t *testing.T) {
	db, path := openStore(t)
	met := NewMetrics(gauges{}, path)
	var obs bot.Observer = met
	obs.GivenUp("telegram", "refused")
	obs.GivenUp("telegram", "failing")
	obs.GivenUp("telegram", "failing")
	obs.GivenUp("discord", "rate_limited")
	srv := httptest.NewServer((&Server{Metrics: met, Data: db, Healthy: db.Writable, Log: slog.New(slog.DiscardHandler)}).Handler())
	defer srv.Close()

	code, body := get(t, srv.URL+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for series, want := range map[string]float64{
		`spotter_replies_given_up_total{platform="telegram",reason="refused"}`:     1,
		`spotter_replies_given_up_total{platform="telegram",reason="failing"}`:     2,
		`spotter_replies_given_up_total{platform="discord",reason="rate_limited"}`: 1,
	} {
		if v := metric(t, body, series); v != want {
			t.Errorf("%s = %v, want %v", series, v, want)
		}
	}
}
