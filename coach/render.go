package coach

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text renders a plan for a chat: a short header, one line per step (load,
// reps, rest, plates for a barbell), the reason in one line, then the notes.
// The text is plain; adapters escape it for their markup.
func (p *Plan) Text() string {
	var b strings.Builder
	b.Grow(512)
	p.writeHeader(&b)
	b.WriteByte('\n')
	for i := range p.Steps {
		p.writeStep(&b, i)
		b.WriteByte('\n')
	}
	if p.Why != "" {
		b.WriteString(p.Why)
		b.WriteByte('\n')
	}
	for _, n := range p.Notes {
		b.WriteString("• ")
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// Title is the plan's header line: technique, exercise, equipment, unit.
func (p *Plan) Title() string {
	var b strings.Builder
	p.writeHeader(&b)
	return b.String()
}

func (p *Plan) writeHeader(b *strings.Builder) {
	b.WriteString(capitalize(p.Technique.String()))
	if p.Preset != "" {
		b.WriteString(" \"")
		b.WriteString(p.Preset)
		b.WriteByte('"')
	}
	if p.Exercise != nil {
		b.WriteString(": ")
		b.WriteString(p.Exercise.Name)
	}
	b.WriteString(" (")
	b.WriteString(p.Equipment.String())
	b.WriteString(", ")
	b.WriteString(p.Unit.String())
	if p.Equipment == Dumbbell {
		b.WriteString(" each")
	}
	b.WriteByte(')')
}

func (p *Plan) writeStep(b *strings.Builder, i int) {
	s := &p.Steps[i]
	var num [24]byte
	b.Write(strconv.AppendInt(num[:0], int64(i+1), 10))
	b.WriteString(". ")
	b.WriteString(s.Label)
	b.WriteString(": ")
	b.Write(AppendLoad(num[:0], s.Load))
	b.WriteByte(' ')
	b.WriteString(p.Unit.String())
	b.WriteString(" × ")
	b.WriteString(s.Reps)
	if s.Rest > 0 {
		b.WriteString(" · rest ")
		b.WriteString(FormatRest(s.Rest))
	}
	switch {
	case len(s.Off) > 0:
		b.WriteString(" · take off ")
		writePlates(b, s.Off)
		b.WriteString(" a side")
	case s.Plates != nil && (i == 0 || !samePlates(s.Plates, p.Steps[i-1].Plates)):
		b.WriteString(" · a side: ")
		if i+1 < len(p.Steps) && len(p.Steps[i+1].Off) > 0 {
			b.WriteString("(inside first) ")
		}
		if len(s.Plates) == 0 {
			b.WriteString("empty bar")
		} else {
			writePlates(b, s.Plates)
		}
	}
}

func writePlates(b *strings.Builder, plates []float64) {
	var num [24]byte
	for j, pl := range plates {
		if j > 0 {
			b.WriteString(" + ")
		}
		b.Write(AppendLoad(num[:0], pl))
	}
}

func samePlates(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
