package coach

import (
	"encoding/json"
	"time"
)

// StepKind says what a step of a plan is for.
type StepKind uint8

const (
	StepWork    StepKind = iota // a working set with a rep target
	StepWarmup                  // a warm-up set
	StepFailure                 // a set taken to failure (drop set start, rest-pause first set)
	StepDrop                    // a drop after no rest
	StepMini                    // a rest-pause mini-set
	StepAMRAP                   // as many reps as possible (back-off set, ladder step)
)

// Step is one set of a plan.
type Step struct {
	Kind   StepKind
	Label  string  // "Drop 2", "Mini-set 1", "Warm-up 1", "Set 4 · max effort"
	Load   float64 // total load in the plan's unit (one dumbbell's load for dumbbells)
	Reps   string  // the target as the lifter reads it: "8-12", "~8", "AMRAP", "1-2", "4"
	RepsLo int     // target range; 0 means as many as possible
	RepsHi int
	// Rest is the rest after this step; zero for the last step and between drops.
	Rest time.Duration
	// Plates are the plates on each side, in loading order (barbell and Smith only).
	Plates []float64
	// Off are the plates taken off each side before this step (strip sets).
	Off []float64
}

// Plan is a planned use of one technique on one exercise. It is a value:
// the coach never changes a plan it returned.
type Plan struct {
	Technique Technique
	Preset    string // the preset it came from, if any
	Exercise  *Exercise
	Equipment Equipment
	Unit      Unit
	Steps     []Step
	// Why is the reason for the numbers, in one line.
	Why string
	// Notes carry the articles' advice that applies, and anything the
	// lifter should know about rounding or ranges.
	Notes []string
	// OneRM is the estimated one-rep max the plan used, if any, and how it
	// was found.
	OneRM     float64
	OneRMFrom string
	// Ladder is set for a Japanese ladder: a guided session adapts its
	// drops to the reps done.
	Ladder *LadderSpec
}

// LadderSpec is what a guided Japanese ladder needs to plan its next drop.
type LadderSpec struct {
	Fiber     Fiber
	TotalReps int // the target: 25
}

// MarshalJSON writes the plan in the form documented in the README:
// {"technique","exercise","equipment","unit","steps":[{"load","reps","rest_s","plates"}],"notes"}.
func (p *Plan) MarshalJSON() ([]byte, error) {
	type jsonStep struct {
		Label  string     `json:"label"`
		Load   float64    `json:"load"`
		Reps   string     `json:"reps"`
		RestS  int        `json:"rest_s"`
		Plates *[]float64 `json:"plates,omitempty"`
		Off    []float64  `json:"off,omitempty"`
	}
	type jsonPlan struct {
		Technique string     `json:"technique"`
		Preset    string     `json:"preset,omitempty"`
		Exercise  string     `json:"exercise"`
		Equipment string     `json:"equipment"`
		Unit      string     `json:"unit"`
		OneRM     float64    `json:"one_rm,omitempty"`
		Steps     []jsonStep `json:"steps"`
		Why       string     `json:"why,omitempty"`
		Notes     []string   `json:"notes"`
	}
	jp := jsonPlan{
		Technique: p.Technique.Key(),
		Preset:    p.Preset,
		Equipment: p.Equipment.String(),
		Unit:      p.Unit.String(),
		OneRM:     round2(p.OneRM),
		Steps:     make([]jsonStep, len(p.Steps)),
		Why:       p.Why,
		Notes:     p.Notes,
	}
	if p.Exercise != nil {
		jp.Exercise = p.Exercise.Name
	}
	if jp.Notes == nil {
		jp.Notes = []string{}
	}
	for i, s := range p.Steps {
		jp.Steps[i] = jsonStep{Label: s.Label, Load: round2(s.Load), Reps: s.Reps,
			RestS: int(s.Rest / time.Second), Off: s.Off}
		if p.Equipment.Plated() {
			plates := s.Plates
			if plates == nil {
				plates = []float64{}
			}
			jp.Steps[i].Plates = &plates
		}
	}
	return json.Marshal(jp)
}
