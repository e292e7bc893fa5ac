package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// sayInGym sends text as user in chat "gym", a group, as an admin or not.
func (r *rig) sayInGym(user, text string, admin bool) []Reply {
	r.t.Helper()
	msgSeq++
	m := Message{Platform: "test", ChatID: "gym", UserID: user, UserName: user, Text: text, Group: true, Admin: admin, ID: fmt.Sprint("s", msgSeq)}
	if err := r.hub.Handle(context.Background(), m); err != nil {
		r.t.Fatal(err)
	}
	time.Sleep(10 * time.Second)
	synctest.Wait()
	rs, _ := answers(r.sink, m)
	return rs
}

// A shared bar is planned on the plates of the chat's own gym, in the
// asker's unit unless the loads name one: a group whose gym has one pair
// of 20s needs more moves for the same lifters than the configured gym,
// and a mistake is one line with an example.
func TestShareUsesTheChatsGym(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := startRig(t, filepath.Join(t.TempDir(), "s.db"), &sink{}, nil, Config{})
		defer r.stop()

		one := func(rs []Reply) Reply {
			t.Helper()
			if len(rs) != 1 {
				t.Fatalf("%d replies", len(rs))
			}
			return rs[0]
		}
		home := one(r.chat("ana", "share bench ana 100kg bo 60kg")).Text
		if !strings.Contains(home, "2 plate moves a side") || !strings.Contains(home, "a side: 20 + 20") {
			t.Errorf("on the configured gym:\n%s", home)
		}
		if rep := one(r.sayInGym("ana", "gym kg plates 20x1 10x2 5x2", true)); rep.Error {
			t.Fatalf("gym change: %s", rep.Text)
		}
		group := one(r.sayInGym("bo", "share bench ana 100kg bo 60kg", false)).Text
		if !strings.Contains(group, "3 plate moves a side") || !strings.Contains(group, "a side: 20 + 10 + 10") {
			t.Errorf("on the group's gym (one pair of 20s):\n%s", group)
		}

		r.chat("cy", "settings units lb")
		lb := one(r.sayInGym("cy", "share squat 225 135", false)).Text
		if !strings.HasPrefix(lb, "Shared bar: back squat, barbell of 45 lb.") {
			t.Errorf("an lb lifter's loads without a unit:\n%s", lb)
		}

		rep := one(r.sayInGym("cy", "share db curl 20kg 15kg", false))
		if !rep.Error || strings.Count(rep.Text, "\n") > 0 || !strings.Contains(rep.Text, "no shared bar") || !strings.Contains(rep.Text, "Try: share bench 225lb 175lb") {
			t.Errorf("dumbbells, for an lb lifter: %+v", rep)
		}
	})
}
