package bench

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// The spotter binary must not link the test framework: bench measures
// with time and runtime alone. The go command knows what the binary links
// for this platform and these build tags.
func TestSpotterDoesNotLinkTesting(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to list what the binary links: %v", err)
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), goCmd, "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}",
		"github.com/spotter-coach/spotter", "github.com/spotter-coach/spotter/bench")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var linked bool
	var importers []string
	for line := range strings.Lines(string(out)) {
		pkg, imports, _ := strings.Cut(strings.TrimSpace(line), " ")
		if pkg == "testing" {
			linked = true
		}
		for imp := range strings.FieldsSeq(imports) {
			if imp == "testing" {
				importers = append(importers, pkg)
			}
		}
	}
	if !strings.Contains(string(out), "github.com/spotter-coach/spotter/bench") {
		t.Errorf("go list did not list the bench package; the test looks at the wrong thing:\n%s", out)
	}
	if linked {
		t.Errorf("the spotter binary links package testing, imported by %v", importers)
	}
}
