// Package transfer copies everything Spotter keeps from one backend to
// another: the bbolt file to PostgreSQL when a deployment outgrows one
// process, or back. It copies session records, pending timers, the
// outbox, settings, gyms, every user's history of sets with their import
// marks, and the window of recent message ids (so that a platform's
// redelivery right after the switch is still dropped).
//
// Copy is meant for a stopped bot (the bbolt store is locked by the bot
// that runs it anyway). Running it again adds nothing: records keyed the
// same are replaced by themselves, marks and ids already there are
// skipped, and a user whose history already holds as many sets as the
// source is left alone. A destination history of another length is an
// error: Copy never merges two histories.
//
// Both backends implement Exporter and Importer: *store.DB
// (store/export.go) and *pg.DB (store/pg/export.go).
package transfer

import (
	"context"
	"fmt"
	"strings"

	"github.com/spotter-coach/spotter/record"
)

// Exporter reads everything a backend holds. Each method calls fn with
// every item, stopping at fn's first error.
type Exporter interface {
	ExportSessions(ctx context.Context, fn func(record.Session) error) error
	ExportTimers(ctx context.Context, fn func(record.Timer) error) error
	ExportOutbox(ctx context.Context, fn func(record.Outgoing) error) error
	ExportSettings(ctx context.Context, fn func(record.UserSettings) error) error
	ExportGyms(ctx context.Context, fn func(record.SpaceGym) error) error
	// ExportHistories calls fn with each user's whole history, oldest
	// first, sets of one time in the order they were written.
	ExportHistories(ctx context.Context, fn func(u record.User, sets []record.Set) error) error
	ExportImportMarks(ctx context.Context, fn func(u record.User, rows []record.RowID) error) error
	// ExportSeen calls fn with the remembered message ids, oldest first.
	ExportSeen(ctx context.Context, fn func(platform, id string) error) error
	// ExportLinks calls fn with each link of two accounts once.
	ExportLinks(ctx context.Context, fn func(record.Link) error) error
	// Boards are the chats' weekly board posts.
	Boards() ([]record.Board, error)
}

// Importer writes what an Exporter read. Every method but AppendHistory
// is idempotent: it replaces what has the same key, or skips it.
type Importer interface {
	PutSessions(ctx context.Context, recs []record.Session) error
	PutTimers(ctx context.Context, ts []record.Timer) error
	PutOutbox(ctx context.Context, out []record.Outgoing) error
	PutSettings(ctx context.Context, all []record.UserSettings) error
	PutGyms(ctx context.Context, all []record.SpaceGym) error
	// AppendHistory appends sets, all of them u's, in their order.
	AppendHistory(ctx context.Context, u record.User, sets []record.Set) error
	PutImportMarks(ctx context.Context, u record.User, rows []record.RowID) error
	// PutSeen remembers {platform, id} pairs, oldest first.
	PutSeen(ctx context.Context, ids [][2]string) error
	// PutLinks writes links; one stored already is skipped.
	PutLinks(ctx context.Context, all []record.Link) error
	CountSets(platform, userID string) (int, error)
	// Apply writes a change (a chat's weekly board post: it replaces
	// the chat's).
	Apply(record.Change) error
}

// Store is a backend Copy writes to: it imports, and is counted after.
type Store interface {
	Exporter
	Importer
}

// Counts are how many of each thing a backend holds.
type Counts struct {
	Sessions, Timers, Outbox, Settings, Gyms int
	Users, Sets                              int // users with a history, and their sets
	ImportMarks                              int
	Seen                                     int // remembered message ids
	Links                                    int // links of two accounts
	Boards                                   int // chats' weekly board posts
}

func (c Counts) String() string {
	return fmt.Sprintf("%d sessions, %d timers, %d replies, %d settings, %d gyms, %d sets of %d users, %d import marks, %d message ids, %d links, %d board posts",
		c.Sessions, c.Timers, c.Outbox, c.Settings, c.Gyms, c.Sets, c.Users, c.ImportMarks, c.Seen, c.Links, c.Boards)
}

// matches reports how c (the destination's) differs from the source's
// src: nil when they match. The window of message ids is kept to at least
// record.SeenWindow by either backend, so both holding that many match.
func (c Counts) matches(src Counts) error {
	var diff []string
	add := func(what string, s, d int) {
		if s != d {
			diff = append(diff, fmt.Sprintf("%s %d, destination %d", what, s, d))
		}
	}
	add("sessions", src.Sessions, c.Sessions)
	add("timers", src.Timers, c.Timers)
	add("replies", src.Outbox, c.Outbox)
	add("settings", src.Settings, c.Settings)
	add("gyms", src.Gyms, c.Gyms)
	add("users", src.Users, c.Users)
	add("sets", src.Sets, c.Sets)
	add("import marks", src.ImportMarks, c.ImportMarks)
	add("links", src.Links, c.Links)
	add("board posts", src.Boards, c.Boards)
	if !(src.Seen >= record.SeenWindow && c.Seen >= record.SeenWindow) {
		add("message ids", src.Seen, c.Seen)
	}
	if diff != nil {
		return fmt.Errorf("transfer: counts differ after the copy: source %s", strings.Join(diff, "; "))
	}
	return nil
}

// Count counts what s holds.
func Count(ctx context.Context, s Exporter) (Counts, error) {
	var c Counts
	errs := []error{
		s.ExportSessions(ctx, func(record.Session) error { c.Sessions++; return nil }),
		s.ExportTimers(ctx, func(record.Timer) error { c.Timers++; return nil }),
		s.ExportOutbox(ctx, func(record.Outgoing) error { c.Outbox++; return nil }),
		s.ExportSettings(ctx, func(record.UserSettings) error { c.Settings++; return nil }),
		s.ExportGyms(ctx, func(record.SpaceGym) error { c.Gyms++; return nil }),
		s.ExportHistories(ctx, func(_ record.User, sets []record.Set) error { c.Users++; c.Sets += len(sets); return nil }),
		s.ExportImportMarks(ctx, func(_ record.User, rows []record.RowID) error { c.ImportMarks += len(rows); return nil }),
		s.ExportSeen(ctx, func(string, string) error { c.Seen++; return nil }),
		s.ExportLinks(ctx, func(record.Link) error { c.Links++; return nil }),
	}
	boards, err := s.Boards()
	c.Boards = len(boards)
	errs = append(errs, err)
	for _, err := range errs {
		if err != nil {
			return Counts{}, fmt.Errorf("transfer: count: %w", err)
		}
	}
	return c, nil
}

// chunk is how many records one Put writes.
const chunk = 5000

// Copy copies everything from holds into to, then counts both: src and
// dst are what each holds after the copy, and an error says where they
// differ. Run again, it adds nothing.
func Copy(ctx context.Context, from Exporter, to Store) (src, dst Counts, err error) {
	if err := copyAll(ctx, from, to); err != nil {
		return Counts{}, Counts{}, err
	}
	if src, err = Count(ctx, from); err != nil {
		return Counts{}, Counts{}, err
	}
	if dst, err = Count(ctx, to); err != nil {
		return src, Counts{}, err
	}
	return src, dst, dst.matches(src)
}

func copyAll(ctx context.Context, from Exporter, to Importer) error {
	// Settings and gyms first, histories with their marks, then what the
	// hub reloads at a start: sessions, timers, replies; the ids last.
	if err := batched(ctx, "settings", from.ExportSettings, to.PutSettings); err != nil {
		return err
	}
	if err := batched(ctx, "gyms", from.ExportGyms, to.PutGyms); err != nil {
		return err
	}
	err := from.ExportHistories(ctx, func(u record.User, sets []record.Set) error {
		n, err := to.CountSets(u.Platform, u.UserID)
		switch {
		case err != nil:
			return err
		case n == len(sets):
			return nil // copied before
		case n != 0:
			return fmt.Errorf("the destination holds %d sets of %s/%s, the source %d: not merging two histories", n, u.Platform, u.UserID, len(sets))
		}
		return to.AppendHistory(ctx, u, sets)
	})
	if err != nil {
		return fmt.Errorf("transfer: histories: %w", err)
	}
	err = from.ExportImportMarks(ctx, func(u record.User, rows []record.RowID) error {
		for len(rows) > 0 {
			n := min(len(rows), chunk*4)
			if err := to.PutImportMarks(ctx, u, rows[:n]); err != nil {
				return err
			}
			rows = rows[n:]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("transfer: import marks: %w", err)
	}
	if err := batched(ctx, "links", from.ExportLinks, to.PutLinks); err != nil {
		return err
	}
	boards, err := from.Boards()
	if err != nil {
		return fmt.Errorf("transfer: board posts: %w", err)
	}
	for i := range boards {
		if err := to.Apply(record.Change{Board: &boards[i]}); err != nil {
			return fmt.Errorf("transfer: board posts: %w", err)
		}
	}
	if err := batched(ctx, "sessions", from.ExportSessions, to.PutSessions); err != nil {
		return err
	}
	if err := batched(ctx, "timers", from.ExportTimers, to.PutTimers); err != nil {
		return err
	}
	if err := batched(ctx, "outbox", from.ExportOutbox, to.PutOutbox); err != nil {
		return err
	}
	export := func(ctx context.Context, fn func([2]string) error) error {
		return from.ExportSeen(ctx, func(p, id string) error { return fn([2]string{p, id}) })
	}
	return batched(ctx, "message ids", export, to.PutSeen)
}

// batched puts what export reads, chunk at a time.
func batched[T any](ctx context.Context, what string, export func(context.Context, func(T) error) error, put func(context.Context, []T) error) error {
	var buf []T
	err := export(ctx, func(v T) error {
		buf = append(buf, v)
		if len(buf) == chunk {
			err := put(ctx, buf)
			buf = nil
			return err
		}
		return nil
	})
	if err == nil && len(buf) > 0 {
		err = put(ctx, buf)
	}
	if err != nil {
		return fmt.Errorf("transfer: %s: %w", what, err)
	}
	return nil
}
