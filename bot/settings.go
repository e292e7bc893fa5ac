package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
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
		if loc, err := time.LoadLocation(s.TZ); err == nil {
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
		r.Text = fmt.Sprintf("%sUnits: %s · time zone: %s · fibre type: %s · equipment: %s\nChange with: settings units lb, settings tz Europe/Berlin, settings fiber fast, settings equipment dumbbell (or any)",
			prefix, s.Unit, tz, s.Fiber, eq)
	}
	if len(args) == 0 {
		show("")
		return
	}
	bad := func(msg string) {
		r.Error = true
		r.Text = msg
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
		name := args[1]
		// Zone names are case-sensitive: find the one meant.
		loc, err := time.LoadLocation(name)
		if err != nil {
			loc, err = time.LoadLocation(titleZone(name))
		}
		if err != nil {
			bad("I don't know the time zone " + strconv.Quote(name) + ". Try: settings tz Europe/Berlin")
			return
		}
		s.TZ = loc.String()
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
		if !ok {
			bad("Equipment is " + strings.Join(coach.EquipmentWords(), ", ") + " or any. Try: settings equipment dumbbell")
			return
		}
		s.Equipment, s.EquipSet = eq, true
	default:
		bad("Settings are units, tz, fiber and equipment. Try: settings units lb")
		return
	}
	t.change.Settings = &record.UserSettings{Platform: m.Platform, UserID: m.UserID, Settings: s}
	show("Saved. ")
}

// titleZone capitalises a zone typed in lower case: "europe/berlin" ->
// "Europe/Berlin", "america/new_york" -> "America/New_York".
func titleZone(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '/' || c == '_' || c == '-'
	}
	return string(b)
}
