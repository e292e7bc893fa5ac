package coach

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Session is a plan being run, step by step. It is plain data (it
// marshals to JSON for the store) and knows no clock: the hub stamps times.
// A Session is not safe for concurrent use; the hub owns it.
type Session struct {
	ID        string
	Technique Technique
	Preset    string `json:",omitempty"`
	Exercise  string
	Equipment Equipment
	Unit      Unit
	Steps     []Step
	Ladder    *LadderSpec `json:",omitempty"`
	// Current is the index of the step to do now; len(Steps) when finished.
	Current int
	Results []Result
	// Run and Ended mark a plan kept to be started (not a running
	// session): Run is the ID of the session last started from it, Ended
	// when that session ended (zero while it runs), Stopped whether it was
	// stopped before its last step. Starting a plan whose run ended runs
	// it again, sets and all, so the hub asks first.
	Run     string    `json:",omitempty"`
	Ended   time.Time `json:",omitzero"`
	Stopped bool      `json:",omitempty"`
}

// Result is what the lifter reported for one step.
type Result struct {
	Step    int
	Label   string
	Kind    StepKind
	Load    float64
	Reps    int
	Skipped bool `json:",omitempty"`
	// Failed is a step tried and not one rep done (done 0): a set of 0
	// reps, which never counts for records.
	Failed bool `json:",omitempty"`
	// Adapted is set when the report changed the steps after this one (a
	// Japanese ladder's next drop follows the reps done); Ahead are those
	// steps as they were before, which Undo puts back.
	Adapted bool   `json:",omitempty"`
	Ahead   []Step `json:",omitempty"`
}

// LiftKind is the Lift.Kind of the set the result records: KindFailed
// for a failed set, else its step's kind.
func (r Result) LiftKind() string {
	if r.Failed {
		return KindFailed
	}
	return StepKindName(r.Kind)
}

// NewSession starts a session of plan p. The steps are copied.
func NewSession(id string, p *Plan) *Session {
	s := &Session{ID: id, Technique: p.Technique, Preset: p.Preset, Equipment: p.Equipment, Unit: p.Unit, Ladder: p.Ladder}
	if p.Exercise != nil {
		s.Exercise = p.Exercise.Name
	}
	s.Steps = append([]Step(nil), p.Steps...)
	return s
}

// Clone is a deep copy of s; nil for nil.
func (s *Session) Clone() *Session {
	if s == nil {
		return nil
	}
	c := *s
	c.Steps = append([]Step(nil), s.Steps...)
	c.Results = append([]Result(nil), s.Results...)
	if s.Ladder != nil {
		l := *s.Ladder
		c.Ladder = &l
	}
	return &c
}

// Finished reports whether every step is done or skipped.
func (s *Session) Finished() bool { return s.Current >= len(s.Steps) }

// Step is the step to do now, or nil when finished.
func (s *Session) Step() *Step {
	if s.Finished() {
		return nil
	}
	return &s.Steps[s.Current]
}

// Report is what the lifter says about the current step.
type Report struct {
	Skip bool
	// Reps done; 0 with Skip and Failed false means "done, target met".
	Reps int
	// Failed says the step was tried and not one rep done ("done 0", as
	// against "done"): the session goes on as after a set of few reps.
	Failed bool
}

// Outcome is what follows a report.
type Outcome struct {
	Result Result
	// Rest before the next step: zero means the next step starts at once.
	Rest time.Duration
	// Finished is true when the report ended the session.
	Finished bool
	// Why says why the session ended early or changed, if it did.
	Why string
}

// Advance records a report on the current step and moves to the next.
// Errors are *Error values for the lifter (a report that needs a rep count).
// In a Japanese ladder the next drop follows the reps just done (a failed
// drop calls for the largest drop), and the session ends as soon as the
// ladder's total is reached.
func (c *Coach) Advance(s *Session, r Report) (Outcome, error) {
	st := s.Step()
	if st == nil {
		return Outcome{}, userErr("start", "That session is over.")
	}
	if r.Reps < 0 || r.Reps > maxReps {
		return Outcome{}, userErr("done 8", "Reps are a whole number from 0 to %d.", maxReps)
	}
	res := Result{Step: s.Current, Label: st.Label, Kind: st.Kind, Load: st.Load, Reps: r.Reps, Skipped: r.Skip}
	switch {
	case r.Skip:
		res.Reps = 0
	case r.Failed:
		res.Reps, res.Failed = 0, true
	case r.Reps == 0:
		if st.RepsLo == 0 {
			return Outcome{}, userErr("done 8", "How many reps was that?")
		}
		res.Reps = st.RepsLo
	}
	s.Results = append(s.Results, res)
	out := Outcome{Result: res}
	if !r.Skip {
		out.Rest = st.Rest
	}
	s.Current++
	adapt := func(last Result) string {
		// The steps ahead as they were, for Undo: adaptLadder rewrites
		// them in place.
		ahead := slices.Clone(s.Steps[s.Current:])
		why := c.adaptLadder(s, last)
		reported := &s.Results[len(s.Results)-1]
		reported.Adapted, reported.Ahead = true, ahead
		out.Result = *reported
		return why
	}
	switch {
	case s.Ladder != nil && !r.Skip:
		out.Why = adapt(res)
	case s.Ladder != nil && s.Finished():
		// A skipped ladder drop: the ladder goes on below it with the
		// middle of the lifter's range, until 25 reps.
		out.Why = adapt(Result{Load: st.Load, Reps: 8})
	}
	if s.Finished() {
		out.Finished, out.Rest = true, 0
	}
	return out, nil
}

// Undo takes back the last report: the session is back on the step it
// was about, with the steps after it as they were before the report (a
// ladder's next drop is worked out again from the next report). It
// returns the report taken back; ok is false when there is none.
func (s *Session) Undo() (last Result, ok bool) {
	n := len(s.Results)
	if n == 0 {
		return Result{}, false
	}
	last = s.Results[n-1]
	if last.Step < 0 || last.Step >= len(s.Steps) {
		return Result{}, false // not a report on this session's steps
	}
	if last.Adapted {
		s.Steps = append(s.Steps[:last.Step+1:last.Step+1], last.Ahead...)
	}
	s.Results = s.Results[:n-1]
	s.Current = last.Step
	return last, true
}

// adaptLadder sets the next ladder step from the reps just done, or ends
// the ladder at its total.
func (c *Coach) adaptLadder(s *Session, last Result) string {
	total := s.TotalReps()
	if total >= s.Ladder.TotalReps {
		s.Steps = s.Steps[:s.Current]
		return fmt.Sprintf("%d reps in all: the ladder is done.", total)
	}
	drop := s.Ladder.Fiber.NextLadderDrop(last.Reps)
	// The drop the reps call for, from the load just lifted, kept inside
	// the article's 5-15 % whenever the equipment makes such a load.
	next, _, ok := c.pickIn(s.Equipment, s.Unit, last.Load*(1-drop/100),
		last.Load*(1-japaneseDropHi/100.0), last.Load*(1-japaneseDropLo/100.0))
	if ok && next >= last.Load-loadEps {
		next, ok = c.gym.Below(s.Equipment, s.Unit, last.Load)
	}
	if !ok {
		s.Steps = s.Steps[:s.Current]
		return fmt.Sprintf("Nothing lighter than %s %s here: the ladder ends at %s.", FormatLoad(last.Load), s.Unit, Plural(total, "rep"))
	}
	prev := s.Steps[s.Current-1]
	step := Step{Kind: StepAMRAP, Label: "Drop " + strconv.Itoa(s.Current), Load: next, Reps: "AMRAP", Rest: prev.Rest}
	if step.Rest == 0 {
		step.Rest = c.defaults.Japanese.Rest
	}
	if s.Equipment.Plated() {
		step.Plates = c.platesFor(s.Equipment, s.Unit, next)
	}
	s.Steps = append(s.Steps[:s.Current], step)
	return fmt.Sprintf("%d of %d reps; %s, so -%s.", total, s.Ladder.TotalReps, Plural(last.Reps, "rep"), formatPercent(drop))
}

// TotalReps is the sum of reps reported so far.
func (s *Session) TotalReps() int {
	n := 0
	for _, r := range s.Results {
		n += r.Reps
	}
	return n
}

// Volume is the sum of load x reps reported so far, in the session's unit.
func (s *Session) Volume() float64 {
	v := 0.0
	for _, r := range s.Results {
		v += r.Load * float64(r.Reps)
	}
	return v
}

// Title names the session: "rest-pause: back squat".
func (s *Session) Title() string {
	t := s.Technique.String()
	if s.Preset != "" {
		t += " \"" + s.Preset + "\""
	}
	return t + ": " + s.Exercise
}

// BarNow is what is on each side of the bar now, in loading order
// (inside first): the plates of the last step done (not skipped), or,
// before any step was done, those of the first step, which the lifter
// loaded to start. ok is false when the equipment takes no plates or the
// session does not know that step's plates (an empty list is an empty
// bar). The slice is the step's own: do not modify it.
func (s *Session) BarNow() (plates []float64, ok bool) {
	if !s.Equipment.Plated() || len(s.Steps) == 0 {
		return nil, false
	}
	now := 0
	for j := len(s.Results) - 1; j >= 0; j-- {
		if r := s.Results[j]; !r.Skipped && r.Step >= 0 && r.Step < len(s.Steps) {
			now = r.Step
			break
		}
	}
	p := s.Steps[now].Plates
	return p, p != nil
}

// OffNow is what to change on each side of the bar to go from what is on
// it now (BarNow) to step i's plates: off, the outer plates to take off
// (listed as they sit on the bar, inside first), then on, the plates to
// put on in loading order. The inner plates both share stay. Both are nil
// when nothing changes, when the equipment takes no plates or when i is
// out of range; when the session does not know the plates on the bar or
// step i's, off is step i's planned Off (what to take off had the step
// before it been done) and on is nil.
func (s *Session) OffNow(i int) (off, on []float64) {
	if !s.Equipment.Plated() || i < 0 || i >= len(s.Steps) {
		return nil, nil
	}
	st := &s.Steps[i]
	bar, ok := s.BarNow()
	if !ok || st.Plates == nil {
		return slices.Clone(st.Off), nil
	}
	k := 0
	for k < len(bar) && k < len(st.Plates) && bar[k] == st.Plates[k] {
		k++
	}
	if k < len(bar) {
		off = slices.Clone(bar[k:])
	}
	if k < len(st.Plates) {
		on = slices.Clone(st.Plates[k:])
	}
	return off, on
}

// Prompt says what to do for step i, as in a GO ping: "mini-set 2, 100 kg,
// as many as you can". On a bar it says which plates to take off (and put
// on) a side, from what is on the bar now (OffNow): after a skipped step
// that is more than the plan's own order says.
func (s *Session) Prompt(i int) string {
	if i < 0 || i >= len(s.Steps) {
		return ""
	}
	st := &s.Steps[i]
	var b strings.Builder
	b.WriteString(strings.ToLower(st.Label[:1]))
	b.WriteString(st.Label[1:])
	b.WriteString(", ")
	b.WriteString(FormatLoad(st.Load))
	b.WriteByte(' ')
	b.WriteString(s.Unit.String())
	if off, on := s.OffNow(i); len(off) > 0 || len(on) > 0 {
		b.WriteString(" (")
		if len(off) > 0 {
			b.WriteString("take off ")
			writePlates(&b, off)
			b.WriteString(" a side")
		}
		if len(on) > 0 {
			if len(off) > 0 {
				b.WriteString(", then ")
			}
			b.WriteString("put on ")
			writePlates(&b, on)
			b.WriteString(" a side")
		}
		b.WriteByte(')')
	}
	b.WriteString(", ")
	switch {
	case st.RepsLo == 0 && st.Kind == StepFailure:
		b.WriteString("to failure")
	case st.RepsLo == 0:
		b.WriteString("as many as you can")
	default:
		b.WriteString(st.Reps)
		if strings.TrimPrefix(st.Reps, "~") == "1" {
			b.WriteString(" rep")
		} else {
			b.WriteString(" reps")
		}
	}
	return b.String()
}

// Summary is the session's closing report: each step's load and reps, the
// total reps and the volume.
func (s *Session) Summary() string {
	var b strings.Builder
	b.WriteString("Summary, ")
	b.WriteString(s.Title())
	b.WriteByte('\n')
	done := 0
	for _, r := range s.Results {
		fmt.Fprintf(&b, "%s: ", r.Label)
		if r.Skipped {
			b.WriteString("skipped\n")
			continue
		}
		done++
		fmt.Fprintf(&b, "%s %s × %d", FormatLoad(r.Load), s.Unit, r.Reps)
		if r.Failed {
			b.WriteString(", failed")
		}
		b.WriteByte('\n')
	}
	if done == 0 {
		b.WriteString("No sets done.")
		return b.String()
	}
	// Volume is a sum of products, not a load anyone lifts: to 0.5 kg or
	// 1 lb, as computed loads are shown.
	fmt.Fprintf(&b, "Total %s, volume %s %s.", Plural(s.TotalReps(), "rep"), FormatLoad(math.Round(s.Volume()*10)/10), s.Unit)
	return b.String()
}
