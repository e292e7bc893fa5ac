package coach

import (
	"strings"
	"time"
)

// Lift is one set a lifter did: the unit of training history.
type Lift struct {
	At       time.Time
	Exercise string // the catalog's canonical name, or the name as imported
	Load     float64
	Unit     Unit
	Reps     int
	RPE      float64 `json:",omitempty"`
	// Technique is the technique's key ("drop", "rest_pause", ...); empty
	// for a plain set.
	Technique string `json:",omitempty"`
	// Session is the guided session the set belongs to, if any.
	Session string `json:",omitempty"`
	// Entry groups the sets written together (one "log" line, one "done",
	// one import); undo removes the last entry.
	Entry string `json:",omitempty"`
	// Kind says what the set was: warmup, work, failure, drop, mini,
	// amrap, failed.
	Kind string `json:",omitempty"`
	// Note is what the lifter wrote about the set ("felt heavy"), as
	// written; every set of one log line carries the line's note.
	Note string `json:",omitempty"`
}

// Set kinds.
const (
	KindWarmup  = "warmup"
	KindWork    = "work"
	KindFailure = "failure"
	KindDrop    = "drop"
	KindMini    = "mini"
	KindAMRAP   = "amrap"
	// KindFailed is a set attempted and not completed: 0 reps. It is
	// kept, because a failed attempt is part of the training, and never
	// counts for a record.
	KindFailed = "failed"
)

// StepKindName is the Lift.Kind of a step kind.
func StepKindName(k StepKind) string {
	switch k {
	case StepWarmup:
		return KindWarmup
	case StepFailure:
		return KindFailure
	case StepDrop:
		return KindDrop
	case StepMini:
		return KindMini
	case StepAMRAP:
		return KindAMRAP
	}
	return KindWork
}

// SetsRecords reports whether a set may set a record (heaviest, most reps
// at a load, estimated 1RM): drop-set steps, back-off and Japanese
// AMRAPs, warm-ups and failed sets do not. The records (pr), the records
// a log line announces and the group's board all follow it.
func (l *Lift) SetsRecords() bool {
	if l.Reps <= 0 {
		return false
	}
	switch l.Kind {
	case KindDrop, KindWarmup, KindFailed:
		return false
	case KindAMRAP:
		return l.Technique != BackOff.Key() && l.Technique != Japanese.Key()
	}
	return true
}

// CountsFor1RM reports whether a set may set a 1RM record: one that sets
// records (SetsRecords), with a load, and not of a body-weight exercise.
// A body-weight set's load is only what was added to the body, so an
// estimate from it would be an estimate of the belt, not of the lift.
func (l *Lift) CountsFor1RM() bool {
	return l.Load > 0 && !l.BodyWeight() && l.SetsRecords()
}

// LoadIn is the set's load converted to unit u.
func (l *Lift) LoadIn(u Unit) float64 { return Convert(l.Load, l.Unit, u) }

// SameExercise reports whether the set is of the exercise named name:
// the same name (case and spacing ignored), or two names the catalog
// places as one exercise.
func (l *Lift) SameExercise(name string) bool {
	if strings.EqualFold(strings.TrimSpace(l.Exercise), strings.TrimSpace(name)) {
		return true
	}
	// An import before the catalog knew an app's name kept the name as
	// the app wrote it ("flat barbell bench press"): its sets are of the
	// exercise the catalog places it as now.
	cat := DefaultCatalog()
	stored, ok := cat.Place(l.Exercise)
	if !ok {
		return false
	}
	named, ok := cat.Place(name)
	return ok && stored == named
}

// BodyWeight reports whether the set is of a body-weight exercise of the
// catalog (pull-ups, dips, push-ups: BodyWeight equipment), whose Load is
// what was added to the body: positive for a belt or a vest, negative for
// a machine's or a band's help, 0 for the body alone. It goes by the
// exercise's name, the one thing every set keeps however it was written
// (logged, done in a session, imported).
func (l *Lift) BodyWeight() bool { return IsBodyWeight(l.Exercise) }

// IsBodyWeight reports whether the default catalog's exercise of that
// name is done on the body's weight.
func IsBodyWeight(exercise string) bool {
	e, ok := DefaultCatalog().Lookup(exercise)
	return ok && e.Equipment == BodyWeight
}

// FormatAdded writes the load of a body-weight set as a lifter reads it:
// "BW" for the body alone, "+20 kg" added, "−30 kg (assisted)" for help
// taken off (with a true minus sign).
func FormatAdded(load float64, u Unit) string {
	switch {
	case load > 0:
		return "+" + FormatLoad(load) + " " + u.String()
	case load < 0:
		return "\u2212" + FormatLoad(-load) + " " + u.String() + " (assisted)"
	}
	return "BW"
}
