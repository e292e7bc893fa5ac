package coach

import (
	"strings"
	"testing"
)

// A class names a technique (or a preset) and an exercise, never a load;
// each joiner's load plans it in their unit, and the summary line says
// what they did.
func TestClassPlansEachLoad(t *testing.T) {
	c := testCoach(t)
	for _, bad := range []struct{ args, want string }{
		{"", "Name a technique"},
		{"rp 100kg squat", "no load of its own"},
		{"history", "A class runs a technique"},
		{"rp", "Which exercise"},
	} {
		_, err := c.ParseClass(strings.Fields(bad.args), KG)
		if err == nil || !strings.Contains(err.Error(), bad.want) || !strings.Contains(err.Error(), "Try: class rp squat") {
			t.Errorf("class %s: %v; want %q and an example", bad.args, err, bad.want)
		}
	}
	cmd, err := c.ParseClass([]string{"quickrp", "squat"}, KG)
	if err != nil {
		t.Fatal(err)
	}
	load, u, err := ParseJoinLoad([]string{"225lb"}, KG)
	if err != nil || load != 225 || u != LB {
		t.Fatalf("join 225lb: %v %v %v", load, u, err)
	}
	p, err := c.Plan(cmd.WithLoad(load, u))
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession("s", p)
	if got := s.Loads(); got != "225, 225, 225, 225 lb" {
		t.Errorf("the quickrp preset (3 minis) at 225 lb: %q", got)
	}
	for _, r := range []Report{{Reps: 8}, {Skip: true}, {Reps: 3}} {
		if _, err := c.Advance(s, r); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Line(); got != "225 lb × 8, missed, 225 lb × 3; 11 reps, volume 2475 lb" {
		t.Errorf("line: %q", got)
	}
	for _, bad := range []string{"", "heavy", "100stone", "0kg"} {
		if _, _, err := ParseJoinLoad(strings.Fields(bad), KG); err == nil || !strings.Contains(err.Error(), "Try: join 100kg") {
			t.Errorf("join %s: %v", bad, err)
		}
	}
}
