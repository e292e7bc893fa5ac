package bench

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/adapters/telegram"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/store"
)

// BenchmarkTimers schedules 100k persisted rest timers due within one
// second, lets the hub load and fire them through the outbox, and reports
// ping lateness and memory per timer next to plain time.AfterFunc timers
// with the same due times in the same run. Run with -benchtime=1x.
func BenchmarkTimers(b *testing.B) {
	c, _ := coach.New(coach.Config{})
	const n = 100_000
	for b.Loop() {
		base := baselineTimers(n)
		db, err := store.Open(filepath.Join(b.TempDir(), "timers.db"))
		if err != nil {
			b.Fatal(err)
		}
		spot, reload, err := hubTimers(context.Background(), c, db, n)
		db.Close()
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

// BenchmarkGroupBurst: 50 lifters' pings due together in one Telegram group.
func BenchmarkGroupBurst(b *testing.B) {
	c, _ := coach.New(coach.Config{})
	for b.Loop() {
		g, err := groupBurst(context.Background(), c, filepath.Join(b.TempDir(), "burst.db"), 50, telegram.Pace)
		if err != nil {
			b.Fatal(err)
		}
		if g.Violations != 0 || g.Mentioned != 50 {
			b.Fatalf("%+v", g)
		}
		b.ReportMetric(float64(g.Messages), "messages")
	}
}

// BenchmarkPingsUnderLoad is the figure ping_lateness_under_load_p99_ms
// at the size of spotter bench -quick. Run with -benchtime=1x.
func BenchmarkPingsUnderLoad(b *testing.B) {
	c, _ := coach.New(coach.Config{})
	for b.Loop() {
		p99, u, err := pingsUnderLoad(context.Background(), c, filepath.Join(b.TempDir(), "load.db"),
			loadSize{pings: 1000, window: 4 * time.Second, days: 300, rows: 20_000})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(ms(p99), "p99_ms")
		b.ReportMetric(float64(u.Charts), "charts")
		b.ReportMetric(float64(u.Imports), "imports")
	}
}

// Pings under load, small: every ping arrives, the busy lifter really got
// charts and imports answered, and the lateness is a finite figure.
func TestPingsUnderLoad(t *testing.T) {
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	sz := loadSize{pings: 200, window: 500 * time.Millisecond, days: 30, rows: 500}
	p99, u, err := pingsUnderLoad(t.Context(), c, filepath.Join(t.TempDir(), "load.db"), sz)
	if err != nil {
		t.Fatal(err)
	}
	if u.Pings != sz.pings || u.Charts == 0 || u.Imports == 0 || u.HistoryDays != sz.days || u.ImportRows != sz.rows {
		t.Errorf("load %+v, want %d pings, %d days, %d rows, and charts and imports done", u, sz.pings, sz.days, sz.rows)
	}
	if v := ms(p99); !(v > 0) || math.IsInf(v, 0) {
		t.Errorf("p99 lateness under load = %v ms, want a positive number", v)
	}
}

// The CSV the busy lifter imports is read whole, as Strong's format.
func TestStrongCSVImportsEveryRow(t *testing.T) {
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	im, err := c.ImportCSV(strongCSV(20_000, time.Now()), time.UTC, coach.KG)
	if err != nil {
		t.Fatal(err)
	}
	if im.Format != "Strong" || im.Read != 20_000 || len(im.Lifts) != 20_000 || len(im.Skipped) != 0 {
		t.Errorf("%s: %d read, %d sets, skipped %v; want every one of 20000 rows as a set", im.Format, im.Read, len(im.Lifts), im.Skipped)
	}
	for _, l := range im.Lifts {
		if l.SameExercise("bench press") {
			t.Fatalf("the CSV has bench press (%+v): the charts would grow with each import", l)
		}
	}
}
