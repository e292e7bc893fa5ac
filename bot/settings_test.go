package bot

import (
	"strings"
	"testing"
	"time"
)

// Time zones as lifters name them reach the settings, and a lifter who
// changed zone can always go back.
func TestSettingsTimeZonesAsPeopleNameThem(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		for _, tc := range []struct {
			say, zone, note string // note: a part of the reply's last line
		}{
			{"settings tz Europe/Berlin", "Europe/Berlin", "It is 01:00 on Sat 1 Jan there now."},
			{"settings tz UTC", "UTC", "It is 00:00"},
			{"settings tz GMT", "UTC", "For UK time, with summer time, use Europe/London."},
			{"settings tz Etc/UTC", "UTC", ""},
			{"settings tz etc/gmt+5", "Etc/GMT+5", "Etc/GMT+5 is UTC-5"},
			{"settings tz CET", "Europe/Berlin", "CET read as Europe/Berlin"},
			{"settings tz ist", "Asia/Kolkata", "Europe/Dublin or Asia/Jerusalem"},
			{"settings tz new york", "America/New_York", "It is 19:00 on Fri 31 Dec there now."},
			{"settings tz New_York", "America/New_York", ""},
			{"settings tz São Paulo", "America/Sao_Paulo", ""},
			{"settings tz ho chi minh", "Asia/Ho_Chi_Minh", ""},
			{"settings timezone UTC+2", "UTC+02:00", "fixed offset"},
			{"settings tz utc + 5:30", "UTC+05:30", "It is 05:30"},
			{"settings tz +0530", "UTC+05:30", ""},
			{"settings tz gmt-5", "UTC-05:00", ""},
			{"settings tz utc", "UTC", ""},
		} {
			rep := r.say("ana", tc.say)
			if rep.Error || !strings.Contains(rep.Text, "time zone: "+tc.zone+" ·") || !strings.Contains(rep.Text, tc.note) {
				t.Errorf("%s:\n%s\nwant time zone %s and %q", tc.say, rep.Text, tc.zone, tc.note)
			}
			time.Sleep(2 * time.Second) // typed, not flooded
			if got := r.say("ana", "settings").Text; !strings.Contains(got, "time zone: "+tc.zone+" ·") {
				t.Errorf("after %s, settings say:\n%s", tc.say, got)
			}
			time.Sleep(2 * time.Second)
		}
	})
}

// A zone stored as an offset is read back as that offset: the lifter's
// day starts at their midnight.
func TestSettingsOffsetZoneIsUsed(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		// The rig's clock starts at midnight UTC on Sat 1 Jan 2000: 19:00
		// on Friday at UTC-05:00.
		r.say("ana", "settings tz UTC-5")
		r.say("ana", "log bench 100x5")
		if got := r.say("ana", "history").Text; !strings.Contains(got, "Fri 31 Dec · bench press 100 kg 1×5") {
			t.Errorf("history in UTC-5:\n%s", got)
		}
		p := r.hub.prefsOf(Message{Platform: "test", UserID: "ana"})
		if _, off := time.Date(2000, 7, 1, 0, 0, 0, 0, time.UTC).In(p.loc).Zone(); off != -5*3600 {
			t.Errorf("stored zone reads as offset %d s", off)
		}
	})
}

func TestSettingsUnknownZoneSaysWhatItMayBe(t *testing.T) {
	withRig(t, func(t *testing.T, r *rig) {
		for _, tc := range []struct{ say, want string }{
			{"settings tz berln", `I don't know the time zone "berln". Did you mean Europe/Berlin? Try: settings tz Europe/Berlin`},
			{"settings tz new", `I don't know the time zone "new". Did you mean America/New_York or America/North_Dakota/New_Salem? Try: settings tz America/New_York`},
			{"settings tz Mars/Olympus", `I don't know the time zone "mars/olympus". Name a city (Berlin, New York), a zone (Europe/Berlin), an abbreviation (CET) or an offset (UTC+2). Try: settings tz Europe/Berlin`},
			{"settings tz ../../etc/passwd", `I don't know the time zone "../../etc/passwd".`},
			{"settings tz UTC+15", "Offsets from UTC run from -12:00 to +14:00, in hours and minutes (UTC+5:30). Try: settings tz UTC+2"},
		} {
			rep := r.say("ana", tc.say)
			if !rep.Error || !strings.HasPrefix(rep.Text, tc.want) {
				t.Errorf("%s:\n%s\nwant:\n%s", tc.say, rep.Text, tc.want)
			}
		}
		if got := r.say("ana", "settings").Text; !strings.Contains(got, "time zone: UTC ·") {
			t.Errorf("a refused zone changed the settings:\n%s", got)
		}
	})
}
