package bot

import (
	"context"
	"github.com/spotter-coach/spotter/record"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

const benchTimers = 100_000

// BenchmarkTimers schedules 100k persisted rest timers due within one
// second, lets the hub load and fire them through the outbox, and reports
// ping lateness and memory per timer next to plain time.AfterFunc timers
// with the same due times in the same run. Run with -benchtime=1x.
func BenchmarkTimers(b *testing.B) {
	c, _ := coach.New(coach.Config{})
	for b.Loop() {
		base := baselineTimers(benchTimers)
		spot, reload, err := hubTimers(context.Background(), c, filepath.Join(b.TempDir(), "timers.db"), benchTimers)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(ms(spot.p50), "p50_ms")
		b.ReportMetric(ms(spot.p99), "p99_ms")
		b.ReportMetric(spot.bytesPer, "bytes/timer")
		b.ReportMetric(ms(base.p50), "base_p50_ms")
		b.ReportMetric(ms(base.p99), "base_p99_ms")
		b.ReportMetric(base.bytesPer, "base_bytes/timer")
		b.ReportMetric(ms(reload), "reload_ms")
	}
}

// BenchmarkReloadTimers reads 100k persisted timers back into a schedule,
// as the hub does when it starts.
func BenchmarkReloadTimers(b *testing.B) {
	db, err := store.Open(filepath.Join(b.TempDir(), "timers.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Apply(record.Change{AddTimers: pendingTimers(benchTimers, time.Now().Add(time.Hour))}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ts, err := db.Timers()
		if err != nil {
			b.Fatal(err)
		}
		s := newScheduler()
		for _, t := range ts {
			s.add(t)
		}
		if s.len() != benchTimers {
			b.Fatalf("%d timers", s.len())
		}
	}
}

// BenchmarkGroupBurst: 50 lifters' pings due together in one Telegram group.
func BenchmarkGroupBurst(b *testing.B) {
	c, _ := coach.New(coach.Config{})
	for b.Loop() {
		g, err := benchGroupBurst(context.Background(), c, filepath.Join(b.TempDir(), "burst.db"), 50, TelegramPace)
		if err != nil {
			b.Fatal(err)
		}
		if g.Violations != 0 || g.Mentioned != 50 {
			b.Fatalf("%+v", g)
		}
		b.ReportMetric(float64(g.Messages), "messages")
	}
}
