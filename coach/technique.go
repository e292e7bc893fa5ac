package coach

import (
	"strings"
	"time"
)

// Technique is one of the training techniques from the source articles.
type Technique uint8

const (
	DropSet Technique = iota + 1
	RestPause
	BackOff
	Japanese
	Ramp
)

var techniqueNames = [...]string{
	DropSet:   "drop set",
	RestPause: "rest-pause",
	BackOff:   "back-off",
	Japanese:  "japanese drop set",
	Ramp:      "RPE ramp",
}

var techniqueKeys = [...]string{
	DropSet: "drop", RestPause: "rest_pause", BackOff: "back_off", Japanese: "japanese", Ramp: "ramp",
}

// String is the technique's name as the lifter reads it.
func (t Technique) String() string {
	if int(t) < len(techniqueNames) && techniqueNames[t] != "" {
		return techniqueNames[t]
	}
	return "technique?"
}

// Key is the technique's short name, as in the TOML file and in JSON:
// drop, rest_pause, back_off, japanese, ramp.
func (t Technique) Key() string {
	if int(t) < len(techniqueKeys) {
		return techniqueKeys[t]
	}
	return ""
}

// ParseTechnique reads a technique key or a plan verb's command word of
// one word (the verbs table), in any case, with _ for -.
func ParseTechnique(s string) (Technique, bool) {
	t, ok := vocab.techniques[strings.ToLower(strings.ReplaceAll(s, "_", "-"))]
	return t, ok
}

// Fiber is the lifter's (or the muscle's) dominant fibre type, which sets
// the size of the drops in a Japanese ladder.
type Fiber uint8

const (
	FiberMixed Fiber = iota
	FiberSlow
	FiberFast
)

func (f Fiber) String() string {
	switch f {
	case FiberSlow:
		return "slow"
	case FiberFast:
		return "fast"
	}
	return "mixed"
}

// ParseFiber reads slow, mixed or fast.
func ParseFiber(s string) (Fiber, bool) {
	switch strings.ToLower(s) {
	case "slow", "slow-twitch":
		return FiberSlow, true
	case "mixed", "mid", "medium":
		return FiberMixed, true
	case "fast", "fast-twitch":
		return FiberFast, true
	}
	return FiberMixed, false
}

// LadderDrop is the nominal drop per step of a Japanese ladder for a fibre
// type: 5 % slow, 10 % mixed, 15 % fast (article 002).
func (f Fiber) LadderDrop() float64 {
	switch f {
	case FiberSlow:
		return 5
	case FiberFast:
		return 15
	}
	return 10
}

// LadderRange is the span of drops a guided ladder adapts within for a
// fibre type, in percent: slow 5-10, mixed 5-15, fast 10-15.
func (f Fiber) LadderRange() (lo, hi float64) {
	switch f {
	case FiberSlow:
		return 5, 10
	case FiberFast:
		return 10, 15
	}
	return 5, 15
}

// NextLadderDrop is the drop, in percent, after an AMRAP of reps in a
// guided Japanese ladder: under 6 reps the top of the fibre range, over 10
// the bottom, otherwise the middle (COACHING.md section 3).
func (f Fiber) NextLadderDrop(reps int) float64 {
	lo, hi := f.LadderRange()
	switch {
	case reps < 6:
		return hi
	case reps > 10:
		return lo
	}
	return (lo + hi) / 2
}

// Options are the knobs of a plan. A zero field means "not set": the
// preset, then the technique's defaults fill it.
type Options struct {
	Percent  float64       // drop set: % off per drop
	Drops    int           // drop set: number of drops
	MiniSets int           // rest-pause: mini-sets after the first set
	Rest     time.Duration // the technique's rest (rest-pause pause, back-off rest, ladder rest, ramp rest)
	Fiber    Fiber         // japanese ladder
	FiberSet bool
	Ladder   bool // japanese: the ladder variant
	// WorkRest is the back-off plan's rest after warm-ups and heavy sets,
	// which the articles leave open.
	WorkRest time.Duration
}

// Merge fills the unset fields of o from d.
func (o Options) Merge(d Options) Options {
	if o.Percent == 0 {
		o.Percent = d.Percent
	}
	if o.Drops == 0 {
		o.Drops = d.Drops
	}
	if o.MiniSets == 0 {
		o.MiniSets = d.MiniSets
	}
	if o.Rest == 0 {
		o.Rest = d.Rest
	}
	if !o.FiberSet && d.FiberSet {
		o.Fiber, o.FiberSet = d.Fiber, true
	}
	o.Ladder = o.Ladder || d.Ladder
	if o.WorkRest == 0 {
		o.WorkRest = d.WorkRest
	}
	return o
}

// Preset is a named set of options for one technique, from the TOML file:
// "strip 100kg curl" runs the preset "strip".
type Preset struct {
	Name      string
	Technique Technique
	Options   Options
}

// Defaults are the technique defaults (the TOML tables [drop],
// [rest_pause], [back_off], [japanese], [ramp]).
type Defaults struct {
	Drop      Options // Percent, Drops
	RestPause Options // Rest, MiniSets
	BackOff   Options // Rest (before the AMRAP set), WorkRest
	Japanese  Options // Rest (ladder), Fiber
	Ramp      Options // Rest, Percent (off per back-off set)
	Formula   Formula
}

// ArticleDefaults are Spotter's defaults, each inside its article's range.
func ArticleDefaults() Defaults {
	return Defaults{
		Drop:      Options{Percent: 15, Drops: 3},
		RestPause: Options{Rest: 15 * time.Second, MiniSets: 2},
		BackOff:   Options{Rest: 30 * time.Second, WorkRest: 2 * time.Minute},
		Japanese:  Options{Rest: 30 * time.Second, Fiber: FiberMixed, FiberSet: true},
		Ramp:      Options{Rest: 75 * time.Second, Percent: 10},
		Formula:   Epley,
	}
}

// For returns the defaults of technique t.
func (d *Defaults) For(t Technique) Options {
	switch t {
	case DropSet:
		return d.Drop
	case RestPause:
		return d.RestPause
	case BackOff:
		return d.BackOff
	case Japanese:
		return d.Japanese
	case Ramp:
		return d.Ramp
	}
	return Options{}
}
