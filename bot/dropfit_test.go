package bot

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// A drop-set plan fits its percentage to the lifter's own drops and says
// so; a typed percentage, a preset's own percentage and settings drops
// fixed keep theirs, and a lifter with no drops gets the configured one.
func TestDropPlansFitTheLiftersDrops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, err := coach.New(coach.Config{Presets: []coach.Preset{
			{Name: "deepdrop", Technique: coach.DropSet, Options: coach.Options{Percent: 22}},
			{Name: "twodrops", Technique: coach.DropSet, Options: coach.Options{Drops: 2}},
		}})
		if err != nil {
			t.Fatal(err)
		}
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{Coach: c})
		defer r.stop()
		say := func(user, text string) Reply {
			t.Helper()
			rep := r.say(user, text)
			time.Sleep(2 * time.Second) // typed, not flooded
			return rep
		}
		// 15 % drops that gave 5 and 4 reps: short of the article's 8.
		say("ana", "log leg extension 60x10 51x5 43.35x4 drop")
		time.Sleep(48 * time.Hour)
		say("ana", "log leg extension 60x10 51x5 43.35x5 drop")
		time.Sleep(48 * time.Hour)

		sets, err := r.db.Sets("test", "ana")
		if err != nil {
			t.Fatal(err)
		}
		fit, ok := coach.FitDrops(lifts(sets), "leg extension", coach.Epley, time.Now())
		if !ok || fit.Percent <= 15 || fit.Percent > 25 {
			t.Fatalf("ana's drops fit %+v, want more than 15 %% and at most 25 %%", fit)
		}
		about := func(pct float64) string {
			return "about " + strings.TrimSuffix(coach.FormatLoad(pct), ".0") + " % off"
		}
		plan := func(user, text string, pct float64, fitted bool) {
			t.Helper()
			rep := say(user, text)
			if rep.Plan == nil {
				t.Fatalf("%s: no plan:\n%s", text, rep.Text)
			}
			if !strings.Contains(rep.Plan.Why, about(pct)) {
				t.Errorf("%s: %q, want %s", text, rep.Plan.Why, about(pct))
			}
			note := "fitted to your last 4 drops on leg extension (2 drop sets, averaging 4.8 reps at 15 % off)"
			if got := strings.Contains(rep.Text, note); got != fitted {
				t.Errorf("%s: says it was fitted: %v, want %v:\n%s", text, got, fitted, rep.Text)
			}
			if fitted && !strings.Contains(rep.Text, "Say settings drops fixed to keep 15 %.") {
				t.Errorf("%s: does not say how to keep the configured percentage:\n%s", text, rep.Text)
			}
		}
		plan("ana", "drop 60kg leg extension", fit.Percent, true)
		plan("ana", "drop leg extension", fit.Percent, true)          // the load from history too
		plan("ana", "twodrops 60kg leg extension", fit.Percent, true) // a preset without a percentage
		plan("ana", "drop 60kg leg extension -18%", 18, false)
		plan("ana", "deepdrop 60kg leg extension", 22, false)
		plan("bo", "drop 60kg leg extension", 15, false)
		plan("ana", "drop 60kg bench", 15, false) // no drops on bench
		say("ana", "settings drops fixed")
		plan("ana", "drop 60kg leg extension", 15, false)
		say("ana", "settings drops fitted")
		plan("ana", "drop 60kg leg extension", fit.Percent, true)
		// Eight weeks on, the drops are too old to fit.
		time.Sleep(coach.DropFitWindow)
		plan("ana", "drop 60kg leg extension", 15, false)
	})
}
