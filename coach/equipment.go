package coach

import "strings"

// Equipment is how a load is made: bar and plates, a dumbbell rack, or a
// weight stack.
type Equipment uint8

const (
	Barbell Equipment = iota
	Dumbbell
	Machine
	Cable
	Smith
)

var equipmentNames = [...]string{"barbell", "dumbbell", "machine", "cable", "smith"}

func (e Equipment) String() string {
	if int(e) < len(equipmentNames) {
		return equipmentNames[e]
	}
	return "equipment?"
}

// Plated reports whether loads are made from a bar and plates on both sides
// (a barbell or a Smith machine).
func (e Equipment) Plated() bool { return e == Barbell || e == Smith }

// ParseEquipment reads an equipment word as a lifter types it.
func ParseEquipment(s string) (Equipment, bool) {
	switch strings.ToLower(s) {
	case "barbell", "bb", "bar":
		return Barbell, true
	case "dumbbell", "dumbbells", "db", "dbs":
		return Dumbbell, true
	case "machine", "stack", "pin":
		return Machine, true
	case "cable", "cables", "pulley":
		return Cable, true
	case "smith":
		return Smith, true
	}
	return Barbell, false
}
