package config

import (
	"fmt"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// The file and a lifter's command are held to the same bounds: at each
// edge of each bound both accept or both refuse, so that no preset sets
// what a command could not.
func TestLimitsAreTheCoachs(t *testing.T) {
	c, err := coach.New(coach.Config{})
	if err != nil {
		t.Fatal(err)
	}
	type edge struct{ toml, command string }
	var edges []edge
	for _, n := range []int{coach.MinDrops - 1, coach.MinDrops, coach.MaxDrops, coach.MaxDrops + 1} {
		edges = append(edges, edge{fmt.Sprintf("[drop]\ndrops = %d\n", n), fmt.Sprintf("drop 80kg bench %d drops", n)})
	}
	for _, n := range []int{coach.MinMiniSets - 1, coach.MinMiniSets, coach.MaxMiniSets, coach.MaxMiniSets + 1} {
		edges = append(edges, edge{fmt.Sprintf("[rest_pause]\nmini_sets = %d\n", n), fmt.Sprintf("rp 100kg squat %d minis", n)})
	}
	for _, d := range []time.Duration{coach.MinRest - time.Second, coach.MinRest, coach.MaxRest, coach.MaxRest + time.Second} {
		s := int(d / time.Second)
		edges = append(edges, edge{fmt.Sprintf("[rest_pause]\nrest = \"%ds\"\n", s), fmt.Sprintf("rp 100kg squat rest %ds", s)})
	}
	for _, p := range []float64{0, 0.5, coach.MaxPercent - 0.5, coach.MaxPercent} {
		edges = append(edges, edge{fmt.Sprintf("[drop]\npercent = %v\n", p), fmt.Sprintf("drop 80kg bench -%v%%", p)})
	}
	// Which technique takes which option: drops, mini-sets and rests.
	commands := map[coach.Technique]string{
		coach.DropSet: "drop 80kg bench", coach.RestPause: "rp 100kg squat", coach.BackOff: "backoff bench 90kg x2",
		coach.Japanese: "japanese 100kg bench x5", coach.Ramp: "ramp 100kg squat",
	}
	for _, tech := range coach.AllTechniques() {
		cmd, ok := commands[tech]
		if !ok {
			t.Fatalf("no command for %v", tech)
		}
		edges = append(edges,
			edge{fmt.Sprintf("[%s]\ndrops = 3\n", tech.Key()), cmd + " 3 drops"},
			edge{fmt.Sprintf("[%s]\nmini_sets = 3\n", tech.Key()), cmd + " 3 minis"},
			edge{fmt.Sprintf("[%s]\nrest = \"20s\"\n", tech.Key()), cmd + " rest 20s"})
	}
	for _, e := range edges {
		_, fileErr := parse("edge.toml", []byte(e.toml))
		_, cmdErr := c.Parse(e.command, coach.KG)
		if (fileErr == nil) != (cmdErr == nil) {
			t.Errorf("the file and the command disagree:\n  %q: %v\n  %q: %v", e.toml, fileErr, e.command, cmdErr)
		}
	}
}
