package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/store"
)

// loadSize sizes pingsUnderLoad.
type loadSize struct {
	pings  int           // rest timers, each lifter in a chat of its own
	window time.Duration // they fall due evenly over this
	days   int           // the busy lifter's history: this many days of sets
	rows   int           // the CSV the busy lifter imports, in rows
}

// pingsUnderLoad measures how late rest pings reach the platform while one
// lifter keeps the hub busy: it asks for a chart of a year of bench sets,
// then imports a large Strong CSV of sets it did not have, and again, each
// as soon as the answer to the last one arrived, until every ping has gone
// out. Everything goes through a real hub over a real bbolt file and each
// ping is timed where the platform would get it, so the figure follows
// wherever the hub does that work.
func pingsUnderLoad(ctx context.Context, c *coach.Coach, path string, sz loadSize) (time.Duration, UnderLoad, error) {
	u := UnderLoad{Pings: sz.pings, HistoryDays: sz.days, ImportRows: sz.rows}
	db, err := store.Open(path)
	if err != nil {
		return 0, u, err
	}
	defer db.Close()
	// Three sets a day of each of ten exercises, bench press among them.
	if err := fillHistory(db, "busy", sz.days*3*len(historyExercises), time.Duration(sz.days)*24*time.Hour); err != nil {
		return 0, u, err
	}

	lead := 300*time.Millisecond + time.Duration(sz.pings)*20*time.Microsecond // to load the timers before the first is due
	timers := pendingTimers(sz.pings, time.Now().Add(lead), sz.window)
	if err := db.Apply(record.Change{AddTimers: timers}); err != nil {
		return 0, u, err
	}
	sink := newLatencySink(sz.pings)
	for i, t := range timers {
		sink.due[i] = t.Due
	}
	answers := make(chan bot.Reply)
	loadDone := make(chan struct{})
	sink.other = func(r bot.Reply) {
		select {
		case answers <- r:
		case <-loadDone:
		}
	}
	// The busy lifter imports as often as the pings take, beyond the
	// imports a day a lifter is allowed: the load is the point here.
	c = c.WithImportLimits(coach.ImportLimits{PerDay: coach.MaxImportsPerDay})
	h := bot.New(bot.Config{Coach: c, Store: db, Log: slog.New(slog.DiscardHandler)})
	h.Register("bench", sink, nil)
	h.Unlimited("bench") // the busy lifter waits for each answer: heavy work, not a flood
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	stop := runHub(ctx, h)

	pingsDone := sink.all
	loadErr := make(chan error, 1)
	go func() {
		defer close(loadDone)
		loadErr <- busyLifter(ctx, h, answers, sz.rows, pingsDone, &u)
	}()
	select {
	case <-pingsDone:
		err = <-loadErr
	case err = <-loadErr: // the load failed before the pings were out
	case <-ctx.Done():
		err = <-loadErr
	}
	if serr := stop(); err == nil {
		err = serr
	}
	sink.mu.Lock()
	arrived := len(sink.late)
	sink.mu.Unlock()
	if arrived < sz.pings {
		err = errors.Join(fmt.Errorf("bench: %d of %d pings under load arrived", arrived, sz.pings), err)
	}
	return sink.stats().p99, u, err
}

// busyLifter alternates "chart bench" and "import" with a CSV of rows
// attached, each once the answer to the last arrived, until enough is
// closed and it has done each at least once. It counts what was answered
// in u. Each CSV is new to the lifter (its times are a second later than
// the last one's), so that every import writes all its rows.
func busyLifter(ctx context.Context, h *bot.Hub, answers <-chan bot.Reply, rows int, enough <-chan struct{}, u *UnderLoad) error {
	end := time.Now()
	for i := 0; ; i++ {
		m := bot.Message{Platform: "bench", ChatID: "busy", UserID: "busy", UserName: "busy", Text: "chart bench", ID: "load" + strconv.Itoa(i)}
		if i%2 == 1 {
			end = end.Add(time.Second)
			m.Text, m.File = "import", &bot.File{Name: "strong.csv", MIME: "text/csv", Data: strongCSV(rows, end)}
		}
		r, err := ask(ctx, h, answers, m)
		if err != nil {
			return err
		}
		switch {
		case r.Error:
			return fmt.Errorf("bench: %q was answered with an error: %s", m.Text, r.Text)
		case m.File != nil && !strings.Contains(r.Text, strconv.Itoa(rows)+" sets imported"):
			return fmt.Errorf("bench: an import of %d new rows was answered: %s", rows, r.Text)
		case m.File != nil:
			u.Imports++
		case r.Image == nil:
			return fmt.Errorf("bench: %q was answered without a chart: %s", m.Text, r.Text)
		default:
			u.Charts++
		}
		select {
		case <-enough:
			if u.Charts > 0 && u.Imports > 0 {
				return nil
			}
		default:
		}
	}
}

// strongCSV is an export in Strong's comma format with rows sets of five
// exercises (no bench press, so the charts stay the same size) over the
// year up to end, every set at end's time of day.
func strongCSV(rows int, end time.Time) []byte {
	exercises := []string{"Squat (Barbell)", "Deadlift (Barbell)", "Overhead Press (Barbell)", "Bent Over Row (Barbell)", "Leg Press (Machine)"}
	var b bytes.Buffer
	b.WriteString("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n")
	perDay := max((rows+364)/365, 1)
	start := end.Add(-365 * 24 * time.Hour)
	for i := range rows {
		day := start.Add(time.Duration(i/perDay) * 24 * time.Hour)
		inDay := i % perDay
		ex := exercises[inDay*len(exercises)/perDay]
		fmt.Fprintf(&b, "%s,Heavy day,1h 10m,%s,%d,%g,%d,0,0,,,\n",
			day.Format("2006-01-02 15:04:05"), ex, inDay+1, 60+float64(i%40)*2.5, 3+i%8)
	}
	return b.Bytes()
}
