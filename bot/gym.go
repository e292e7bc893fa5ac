package bot

import (
	"errors"
	"strings"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
)

// space is where a message's chat belongs, for its gym.
func space(m Message) string {
	if m.Space != "" {
		return m.Space
	}
	return m.ChatID
}

// gymKey names a space's entry in the hub's gyms.
func gymKey(platform, space string) string { return platform + "\x00" + space }

// coachFor is the coach planning with the gym of the message's space: the
// space's own equipment where an admin set it, the configured gym
// otherwise. Built gyms are kept in memory; only Run's goroutine calls it.
func (h *Hub) coachFor(m Message) *coach.Coach {
	key := gymKey(m.Platform, space(m))
	if c, ok := h.gyms[key]; ok {
		return c
	}
	c := h.coach
	racks, ok, err := h.store.Gym(m.Platform, space(m))
	if err != nil {
		h.log.Error("reading a gym", "platform", m.Platform, "err", err)
	}
	if ok {
		if g, err := coach.NewGym(racks.KG, racks.LB); err == nil {
			c = h.coach.WithGym(g)
		} else {
			h.log.Error("a stored gym is invalid; using the configured one", "platform", m.Platform, "space", space(m), "err", err)
		}
	}
	h.gyms[key] = c
	return c
}

// gymCommand shows the space's equipment, or lets an admin change it:
// "gym", "gym kg plates 25x4 20x2", "gym lb bar 45", "gym reset". A
// change goes into the turn; the hub plans on it once it is stored.
func (h *Hub) gymCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	r := base
	h.gym(t, &r, m, p, cmd.Args)
	t.replies = append(t.replies, r)
}

// gym answers the gym command in r.
func (h *Hub) gym(t *turn, r *Reply, m Message, p prefs, args []string) {
	c := h.coachFor(m)
	g := c.Gym()
	show := func(prefix string) {
		r.Text = prefix + coach.RackText(coach.KG, g.Rack(coach.KG)) + "\n" + coach.RackText(coach.LB, g.Rack(coach.LB)) +
			"\nAdmins change it with: " + coach.RackChanges() + ", gym reset"
	}
	if len(args) == 0 {
		show("This gym's equipment.\n")
		return
	}
	if m.Group && !m.Admin {
		r.Error = true
		r.Text = "Only admins change this gym (a group's admins; on Discord, members who can manage the server). Try: " + r.say("gym") + " (to see it)"
		return
	}
	if len(args) == 1 && args[0] == "reset" {
		t.change.Gym = &record.SpaceGym{Platform: m.Platform, Space: space(m)}
		t.gym = nil
		g = h.coach.Gym()
		show("Back to the configured equipment.\n")
		return
	}
	u := p.Unit
	if pu, ok := coach.ParseUnit(args[0]); ok {
		u, args = pu, args[1:]
	}
	racks := record.GymRacks{KG: g.Rack(coach.KG), LB: g.Rack(coach.LB)}
	rack := &racks.KG
	if u == coach.LB {
		rack = &racks.LB
	}
	changed, err := coach.ChangeRack(*rack, args)
	if err != nil {
		var ue *coach.Error
		r.Error = true
		if errors.As(err, &ue) {
			r.Text = ue.Error()
		} else {
			r.Text = genericError
		}
		return
	}
	*rack = changed
	ng, err := coach.NewGym(racks.KG, racks.LB)
	if err != nil {
		r.Error = true
		_, msg, _ := strings.Cut(err.Error(), ": ")
		r.Text = "That equipment does not work: " + msg + ". Try: gym kg plates 25x4 20x2 10x2 5x2 2.5x2 1.25x2"
		return
	}
	t.change.Gym = &record.SpaceGym{Platform: m.Platform, Space: space(m), Racks: &racks}
	t.gym = h.coach.WithGym(ng)
	g = ng
	show("Saved.\n")
}
