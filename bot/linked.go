package bot

import (
	"context"
	"slices"
	"time"

	"github.com/spotter-coach/spotter/record"
)

// linkedStore is the store as the hub sees it: for a lifter who linked
// their accounts on two platforms (link.go), one history and one set of
// settings.
//
// Each account's sets stay stored under that account: a set belongs to
// where it was logged, so unlink is only the link's removal and each
// account keeps what was logged there, and a forget deletes both by the
// store's own rule. The reads of history answer for both accounts, merged
// in time order (this account's sets first among sets of one time):
// Sets, SetsSince, SetsOf, LastSets, ExerciseNames, CountSets and
// NotImported (a row imported on either side is imported). So history,
// records, week, charts, export, 1rm, plans from history and autocomplete
// see everything. LastEntry and Entry stay the account's own, so undo
// takes back what was typed here, never the other platform's last line.
//
// Settings are kept once, under the link's First (the account that made
// the code): reads and writes of either account's settings go there, so
// a change on one platform is what the other sees. Unlink copies them to
// the Second, so both keep the settings they had together.
//
// It adds one read of the link to each of those calls; a lifter's link
// is read fresh every time, never cached, so that processes sharing a
// store agree at once. Like the Store it wraps, it is safe for
// concurrent use.
type linkedStore struct {
	Store
}

// other is the account linked to the user's; ok is false when they are
// not linked.
func (s linkedStore) other(platform, userID string) (record.User, bool, error) {
	l, ok, err := s.Store.Linked(platform, userID)
	if err != nil || !ok {
		return record.User{}, false, err
	}
	return l.Other(record.User{Platform: platform, UserID: userID}), true, nil
}

// settingsOwner is the account whose settings are u's: the link's First
// for a linked account, else u.
func (s linkedStore) settingsOwner(platform, userID string) (record.User, error) {
	l, ok, err := s.Store.Linked(platform, userID)
	if err != nil {
		return record.User{}, err
	}
	if ok {
		return l.First, nil
	}
	return record.User{Platform: platform, UserID: userID}, nil
}

// Apply writes a linked account's settings under the link's First. A
// change that unlinks writes the settings where it names them: the split
// gives the Second its own copy.
func (s linkedStore) Apply(ch record.Change) error {
	if err := s.redirectSettings(&ch); err != nil {
		return err
	}
	return s.Store.Apply(ch)
}

// ApplyContext is Apply for a store that can give up a long write
// (ctxApplier); one that cannot applies it whole.
func (s linkedStore) ApplyContext(ctx context.Context, ch record.Change) error {
	if err := s.redirectSettings(&ch); err != nil {
		return err
	}
	if c, ok := s.Store.(ctxApplier); ok {
		return c.ApplyContext(ctx, ch)
	}
	return s.Store.Apply(ch)
}

func (s linkedStore) redirectSettings(ch *record.Change) error {
	if ch.Settings == nil || ch.Unlink != nil || ch.Link != nil {
		return nil
	}
	owner, err := s.settingsOwner(ch.Settings.Platform, ch.Settings.UserID)
	if err != nil {
		return err
	}
	us := *ch.Settings
	us.Platform, us.UserID = owner.Platform, owner.UserID
	ch.Settings = &us
	return nil
}

// Settings are the settings of the link's First for a linked account.
func (s linkedStore) Settings(platform, userID string) (record.Settings, bool, error) {
	owner, err := s.settingsOwner(platform, userID)
	if err != nil {
		return record.Settings{}, false, err
	}
	return s.Store.Settings(owner.Platform, owner.UserID)
}

// both reads a history of the account and, when linked, of the other
// account, merged oldest first.
func (s linkedStore) both(platform, userID string, read func(platform, userID string) ([]record.Set, error)) ([]record.Set, error) {
	own, err := read(platform, userID)
	if err != nil {
		return nil, err
	}
	o, ok, err := s.other(platform, userID)
	if err != nil || !ok {
		return own, err
	}
	theirs, err := read(o.Platform, o.UserID)
	if err != nil {
		return nil, err
	}
	return mergeSets(own, theirs, func(a, b *record.Set) bool { return b.At.Before(a.At) }), nil
}

// mergeSets merges two histories that are each in order: after says that
// b goes before a; among equals a's sets come first.
func mergeSets(a, b []record.Set, after func(a, b *record.Set) bool) []record.Set {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]record.Set, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if after(&a[i], &b[j]) {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func (s linkedStore) Sets(platform, userID string) ([]record.Set, error) {
	return s.both(platform, userID, s.Store.Sets)
}

func (s linkedStore) SetsSince(platform, userID string, since time.Time) ([]record.Set, error) {
	return s.both(platform, userID, func(p, u string) ([]record.Set, error) { return s.Store.SetsSince(p, u, since) })
}

func (s linkedStore) SetsOf(platform, userID, exercise string) ([]record.Set, error) {
	return s.both(platform, userID, func(p, u string) ([]record.Set, error) { return s.Store.SetsOf(p, u, exercise) })
}

// LastSets are up to n of both accounts' newest sets that keep accepts,
// newest first.
func (s linkedStore) LastSets(platform, userID string, n int, keep func(*record.Set) bool) ([]record.Set, error) {
	own, err := s.Store.LastSets(platform, userID, n, keep)
	if err != nil {
		return nil, err
	}
	o, ok, err := s.other(platform, userID)
	if err != nil || !ok {
		return own, err
	}
	theirs, err := s.Store.LastSets(o.Platform, o.UserID, n, keep)
	if err != nil {
		return nil, err
	}
	out := mergeSets(own, theirs, func(a, b *record.Set) bool { return b.At.After(a.At) })
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// ExerciseNames are both accounts' names, each once.
func (s linkedStore) ExerciseNames(platform, userID string) ([]string, error) {
	own, err := s.Store.ExerciseNames(platform, userID)
	if err != nil {
		return nil, err
	}
	o, ok, err := s.other(platform, userID)
	if err != nil || !ok {
		return own, err
	}
	theirs, err := s.Store.ExerciseNames(o.Platform, o.UserID)
	if err != nil {
		return nil, err
	}
	for _, n := range theirs {
		if !slices.Contains(own, n) {
			own = append(own, n)
		}
	}
	return own, nil
}

// CountSets counts both accounts' sets.
func (s linkedStore) CountSets(platform, userID string) (int, error) {
	n, err := s.Store.CountSets(platform, userID)
	if err != nil {
		return 0, err
	}
	o, ok, err := s.other(platform, userID)
	if err != nil || !ok {
		return n, err
	}
	m, err := s.Store.CountSets(o.Platform, o.UserID)
	return n + m, err
}

// NotImported are the rows neither account imported. The rows a Change
// imports are marked under the account that imports them.
func (s linkedStore) NotImported(platform, userID string, rows []record.ImportedSet) ([]record.ImportedSet, error) {
	fresh, err := s.Store.NotImported(platform, userID, rows)
	if err != nil || len(fresh) == 0 {
		return fresh, err
	}
	o, ok, err := s.other(platform, userID)
	if err != nil || !ok {
		return fresh, err
	}
	return s.Store.NotImported(o.Platform, o.UserID, fresh)
}
