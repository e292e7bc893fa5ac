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
	// Kind says what the set was: warmup, work, failure, drop, mini, amrap.
	Kind string `json:",omitempty"`
}

// Set kinds.
const (
	KindWarmup  = "warmup"
	KindWork    = "work"
	KindFailure = "failure"
	KindDrop    = "drop"
	KindMini    = "mini"
	KindAMRAP   = "amrap"
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

// CountsFor1RM reports whether a set may set a 1RM record: drop-set steps,
// back-off AMRAPs and warm-ups do not.
func (l *Lift) CountsFor1RM() bool {
	if l.Load <= 0 || l.Reps <= 0 {
		return false
	}
	switch l.Kind {
	case KindDrop, KindWarmup:
		return false
	case KindAMRAP:
		return l.Technique != BackOff.Key() && l.Technique != Japanese.Key()
	}
	return true
}

// LoadIn is the set's load converted to unit u.
func (l *Lift) LoadIn(u Unit) float64 { return Convert(l.Load, l.Unit, u) }

// SameExercise reports whether the set is of the exercise named name
// (case and spacing ignored).
func (l *Lift) SameExercise(name string) bool {
	return strings.EqualFold(strings.TrimSpace(l.Exercise), strings.TrimSpace(name))
}
