package bot

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// A week of training as a new lifter types it, first in kg, then in lb
// with the kg history still there: every reply, ping and summary must read
// as people write numbers.
var readableDay = []string{
	"log bench 100x5x5",
	"log bench 102.5x5",
	"log bench 100x7",
	"log bench 80x10 67.5x8 57.5x6 drop",
	"log squat 140kg 5 @8",
	"log squat 142.5x1",
	"log squat 145x1",
	"log dumbbell curl 15x12",
	"log dumbbell curl 15x13",
	"pr bench",
	"pr",
	"1rm bench",
	"1rm squat",
	"history",
	"history bench 3",
	"week",
	"drop 80kg bench",
	"start",
	"done 10",
	"done 1",
	"skip",
	"done 8",
	"rp 100kg squat",
	"start",
	"done 5",
	"wait",
	"done 1",
	"wait",
	"done 1",
	"backoff 100kg bench x5",
	"backoff bench",
	"start",
	"stop",
	"japanese 100kg bench x5",
	"japanese ladder 100kg bench x5 fast",
	"start",
	"done 1",
	"wait",
	"done 12",
	"wait",
	"stop",
	"ramp 100kg squat",
	"ramp 61kg squat",
	"ramp squat",
	"drop 31kg ez curl",
	"japanese 100kg bench x5",
	"start",
	"done 20",
	"log deadlift 180x5",
	"pr deadlift",
	"drop 60 leg extension",
	"start",
	"done 1",
	"stop",
	"settings units lb",
	"pr bench",
	"pr squat",
	"1rm bench",
	"1rm squat",
	"backoff bench",
	"drop bench",
	"log bench 225x5",
	"log bench 102.5kg x 3",
	"log bench 235x1",
	"log bench 100kg x 8",
	"pr bench",
	"history",
	"history bench 5",
	"rp 225 bench",
	"start",
	"done 1",
	"wait",
	"done 3",
	"stop",
	"drop 135 bench",
	"ramp 225 squat",
	"japanese 225 bench x5",
	"backoff 225 bench x5",
	"rp 390lb bench",
	"week",
	"undo",
	"settings tz cet",
	"settings tz utc",
}

var (
	// Plates are shown as the gym has them: 1.25 kg is a plate.
	plateList   = regexp.MustCompile(`a side: (\(inside first\) )?[\d.+ ]+|(take off|put on) [\d.+ ]+ a side|one [\d.]+ (kg|lb) plate`)
	twoDecimals = regexp.MustCompile(`\d+\.\d\d`)
	// "1 sets", not "1 is" or "1 plus".
	oneThings    = regexp.MustCompile(`(^|[^\d.,])1 ([a-z-]+s)\b`)
	notPlurals   = map[string]bool{"is": true, "was": true, "plus": true, "as": true, "this": true, "has": true, "kgs": true, "lbs": true}
	wrongArticle = regexp.MustCompile(`\b[Aa] (RPE|EZ|AMRAP|8|11|18|[aeio][a-z])`)
)

func TestRepliesReadAsPeopleWriteNumbers(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		for _, text := range readableDay {
			if text == "wait" {
				time.Sleep(5 * time.Minute) // the rest ends and its ping goes out
				continue
			}
			r.say("ana", text)
			time.Sleep(2 * time.Second) // typed, not flooded
		}
		all := r.sink.all()
		if len(all) < len(readableDay) {
			t.Fatalf("%d replies to %d messages", len(all), len(readableDay))
		}
		for _, s := range all {
			text := s.r.Text
			bare := plateList.ReplaceAllString(text, "")
			if m := twoDecimals.FindString(bare); m != "" {
				t.Errorf("%s: two decimals in:\n%s", m, text)
			}
			for _, m := range oneThings.FindAllStringSubmatch(text, -1) {
				if !notPlurals[m[2]] {
					t.Errorf("%q in:\n%s", strings.TrimSpace(m[0]), text)
				}
			}
			if m := wrongArticle.FindString(text); m != "" {
				t.Errorf("%q in:\n%s", m, text)
			}
		}
		if testing.Verbose() {
			for _, s := range all {
				t.Log(s.r.Text)
			}
		}
	})
}
