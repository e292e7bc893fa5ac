package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/zone"
)

// prefs are a lifter's settings resolved for use.
type prefs struct {
	record.Settings
	loc *time.Location
}

// prefsOf reads the lifter's settings; defaults when none are stored.
func (h *Hub) prefsOf(m Message) prefs {
	s, ok, err := h.store.Settings(m.Platform, m.UserID)
	if err != nil {
		h.log.Error("reading settings", "platform", m.Platform, "err", err)
	}
	if !ok || !s.UnitSet {
		s.Unit = h.unit
	}
	p := prefs{Settings: s, loc: time.UTC}
	if s.TZ != "" {
		if loc, ok := zone.Load(s.TZ); ok {
			p.loc = loc
		}
	}
	return p
}

// settingsCommand shows the lifter's settings, or changes one.
func (h *Hub) settingsCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	r := base
	h.settings(t, &r, m, p, cmd.Args)
	t.replies = append(t.replies, r)
}

// settings shows or changes the lifter's settings; a change goes into the
// turn.
func (h *Hub) settings(t *turn, r *Reply, m Message, p prefs, args []string) {
	s := p.Settings
	show := func(prefix string) {
		tz := s.TZ
		if tz == "" {
			tz = "UTC"
		}
		eq := "each exercise's own"
		if s.EquipSet {
			eq = s.Equipment.String()
		}
		board, drops := "off", "fitted to your drop sets"
		if s.Board {
			board = "on"
		}
		if s.DropsFixed {
			drops = "fixed"
		}
		r.Text = fmt.Sprintf("%sUnits: %s · time zone: %s · fibre type: %s · equipment: %s · board: %s · drops: %s\nChange with: settings units lb, settings tz Europe/Berlin, settings fiber fast, settings equipment dumbbell (or any), settings board on (or off), settings drops fixed (or fitted)",
			prefix, s.Unit, tz, s.Fiber, eq, board, drops)
	}
	if len(args) == 0 {
		show("")
		return
	}
	bad := func(msg string) {
		r.Error = true
		r.Text = msg
	}
	var after string // a line after the settings: how a zone was read
	if len(args) > 2 && isZoneWord(args[0]) {
		// Zones have spaces: "settings tz new york", "settings tz utc + 2".
		args = []string{args[0], strings.Join(args[1:], " ")}
	}
	if len(args) != 2 {
		bad("Write one setting and its value. Try: settings units lb")
		return
	}
	switch args[0] {
	case "units", "unit":
		u, ok := coach.ParseUnit(args[1])
		if !ok {
			bad("Units are kg or lb. Try: settings units lb")
			return
		}
		s.Unit, s.UnitSet = u, true
	case "tz", "timezone", "zone":
		z, err := zone.Resolve(args[1])
		if err != nil {
			bad(zoneProblem(args[1], err))
			return
		}
		s.TZ = z.Name
		after = strings.TrimSpace(z.Note + " It is " + h.now().In(z.Loc).Format("15:04 on Mon 2 Jan") + " there now.")
	case "fiber", "fibre":
		fb, ok := coach.ParseFiber(args[1])
		if !ok {
			bad("Fibre types are slow, mixed or fast. Try: settings fiber fast")
			return
		}
		s.Fiber, s.FiberSet = fb, true
	case "equipment", "equip":
		if args[1] == "any" || args[1] == "default" {
			s.Equipment, s.EquipSet = 0, false
			break
		}
		eq, ok := coach.ParseEquipment(args[1])
		if !ok || eq == coach.BodyWeight {
			bad("Equipment is " + strings.Join(coach.EquipmentWords(), ", ") + " or any. Try: settings equipment dumbbell")
			return
		}
		s.Equipment, s.EquipSet = eq, true
	case "board":
		switch args[1] {
		case "on", "yes":
			s.Board = true
		case "off", "no":
			s.Board = false
		default:
			bad("The board is on or off. Try: settings board on")
			return
		}
		s.BoardAsked = true
	case "drops":
		switch args[1] {
		case "fixed":
			s.DropsFixed = true
		case "fitted", "fit", "learn":
			s.DropsFixed = false
		default:
			bad("Drops are fixed (the configured percentage) or fitted (to your own drop sets). Try: settings drops fixed")
			return
		}
	default:
		bad("Settings are units, tz, fiber, equipment, board and drops. Try: settings units lb")
		return
	}
	t.change.Settings = &record.UserSettings{Platform: m.Platform, UserID: m.UserID, Settings: s}
	if args[0] == "board" {
		// Often a press on the question a group asks: a line, not the
		// whole list.
		if s.Board {
			r.Text = "Saved: you are on the boards of your groups (your week's sessions, sets, volume, records and streak). " + r.say("settings board off") + " takes you off."
		} else {
			r.Text = "Saved: you are on no group's board. " + r.say("settings board on") + " puts you on."
		}
		return
	}
	show("Saved. ")
	if after != "" {
		r.Text += "\n" + after
	}
}

// isZoneWord reports whether a settings word names the time zone.
func isZoneWord(w string) bool { return w == "tz" || w == "timezone" || w == "zone" }

// zoneProblem is the answer to a time zone that does not resolve: what
// it may have meant, or what a zone looks like, and an example that
// parses.
func zoneProblem(typed string, err error) string {
	var ze *zone.Error
	if !errors.As(err, &ze) {
		return genericError
	}
	if ze.Reason != "" {
		return upperFirst(ze.Reason) + " Try: settings tz " + ze.Example
	}
	msg := "I don't know the time zone " + strconv.Quote(typed) + "."
	if len(ze.Suggest) > 0 {
		return msg + " Did you mean " + orList(ze.Suggest) + "? Try: settings tz " + ze.Suggest[0]
	}
	return msg + " Name a city (Berlin, New York), a zone (Europe/Berlin), an abbreviation (CET) or an offset (UTC+2). Try: settings tz " + ze.Example
}

// orList joins words as "a", "a or b", "a, b or c".
func orList(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " or " + ws[len(ws)-1]
}

// upperFirst upper-cases the first letter of an ASCII sentence.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
