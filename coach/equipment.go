package coach

import "strings"

// Equipment is how a load is made: a bar or sled and plates, a dumbbell
// rack, or a weight stack. Values are stored as numbers (in sessions and
// settings): new ones go at the end and none is ever renumbered.
type Equipment uint8

const (
	Barbell  Equipment = iota // the standard bar
	Dumbbell                  // a dumbbell rack; loads are one dumbbell's
	Machine                   // a pin-loaded weight stack
	Cable                     // a cable stack
	Smith                     // the Smith machine's bar and plates
	EZBar                     // the EZ curl bar and plates
	TrapBar                   // the trap (hex) bar and plates
	// SafetySquatBar is the safety squat bar (yoke bar) and plates.
	SafetySquatBar
	// WomensBar is the women's bar (15 kg, thinner grip): a lifter's or
	// a gym's choice, never an exercise's default.
	WomensBar
	LegPressSled  // the leg press: plates on a sled
	HackSquatSled // the hack squat: plates on a sled
	PlateLoaded   // a plate-loaded press or row machine: plates on its arms
	// BodyWeight is the lifter's own body: pull-ups, dips, push-ups. A
	// set's load is what is added to the body (a dip belt, a vest, a
	// dumbbell between the feet), negative when a machine or a band
	// assists, and 0 for none. Spotter does not know a lifter's body
	// weight, so the gym has no loads for it and nothing is planned on it:
	// such sets are logged.
	BodyWeight
	// equipmentCount is the number of Equipment values; tables indexed
	// by Equipment size themselves from it.
	equipmentCount = iota
)

// equipmentInfo is what the coach knows of one Equipment.
type equipmentInfo struct {
	name  string   // as a lifter reads it: "trap bar"
	label string   // the equipment in an exported name, as Strong writes it: "Barbell", "Machine"
	key   string   // the Rack's TOML key for its bar or sled weight; "" when it takes no plates
	words []string // what a lifter types for it, lower case; the first is the one help shows
}

// equipmentNames is every Equipment, indexed by its value: the one list
// that String, Plated, ParseEquipment, the help, the gym command and the
// configuration's messages read.
var equipmentNames = [equipmentCount]equipmentInfo{
	Barbell:        {"barbell", "Barbell", "bar", []string{"barbell", "bb", "bar"}},
	Dumbbell:       {"dumbbell", "Dumbbell", "", []string{"dumbbell", "dumbbells", "db", "dbs"}},
	Machine:        {"machine", "Machine", "", []string{"machine", "stack", "pin"}},
	Cable:          {"cable", "Cable", "", []string{"cable", "cables", "pulley"}},
	Smith:          {"smith", "Smith", "smith_bar", []string{"smith"}},
	EZBar:          {"EZ bar", "EZ Bar", "ez_bar", []string{"ez", "ezbar", "ez-bar", "curlbar"}},
	TrapBar:        {"trap bar", "Trap Bar", "trap_bar", []string{"trap", "trapbar", "trap-bar", "hex", "hexbar", "hex-bar"}},
	SafetySquatBar: {"safety squat bar", "Safety Squat Bar", "safety_squat_bar", []string{"ssb", "safetybar", "safety-bar", "yoke"}},
	WomensBar:      {"women's bar", "Barbell", "womens_bar", []string{"womens", "women's", "women’s", "womensbar", "womens-bar"}},
	// Strong and Hevy file a leg press, a hack squat and a plate-loaded
	// press under "(Machine)".
	LegPressSled:  {"leg press sled", "Machine", "leg_press_sled", []string{"sled", "legpress", "leg-press"}},
	HackSquatSled: {"hack squat sled", "Machine", "hack_squat_sled", []string{"hack", "hacksquat", "hack-squat"}},
	PlateLoaded:   {"plate-loaded machine", "Machine", "plate_loaded_sled", []string{"plate-loaded", "plateloaded", "lever"}},
	// Hevy writes "(Bodyweight)" after a body-weight version ("Lunge
	// (Bodyweight)"); Strong writes nothing after a pull-up.
	BodyWeight: {"body weight", "Bodyweight", "", []string{"bodyweight", "bw", "body-weight"}},
}

func (e Equipment) valid() bool { return e < equipmentCount }

// Sled reports whether e is a plate-loaded machine (a leg press or hack
// squat sled, a plate-loaded press or row) rather than a bar.
func (e Equipment) Sled() bool { return e == LegPressSled || e == HackSquatSled || e == PlateLoaded }

// String is the equipment as a lifter reads it: "barbell", "EZ bar",
// "leg press sled".
func (e Equipment) String() string {
	if e.valid() {
		return equipmentNames[e].name
	}
	return "equipment?"
}

// label is e in an exported exercise name, as Strong writes it:
// "Barbell", "EZ Bar", "Machine".
func (e Equipment) label() string {
	if e.valid() {
		return equipmentNames[e].label
	}
	return ""
}

// Word is the one word a lifter types for e ("dumbbell", "ez", "trap"),
// which ParseEquipment reads back.
func (e Equipment) Word() string {
	if e.valid() {
		return equipmentNames[e].words[0]
	}
	return ""
}

// RackKey is the configuration key of e's bar or sled weight in a rack
// ("bar", "ez_bar", "leg_press_sled"), "" for equipment without plates.
// NewGym's errors name it.
func (e Equipment) RackKey() string {
	if e.valid() {
		return equipmentNames[e].key
	}
	return ""
}

// Plated reports whether loads are made from a bar or a sled and plates
// on both sides (every equipment but dumbbells, stacks and body weight).
func (e Equipment) Plated() bool { return e.RackKey() != "" }

// AllEquipment is every Equipment, in order.
func AllEquipment() []Equipment {
	all := make([]Equipment, equipmentCount)
	for i := range all {
		all[i] = Equipment(i)
	}
	return all
}

// EquipmentWords is the word of every Equipment a load can be planned on
// (see Word), in order, for help and error messages: every one but
// BodyWeight, which a lifter does not choose for a plan.
func EquipmentWords() []string {
	w := make([]string, 0, equipmentCount)
	for i := range equipmentNames {
		if Equipment(i) != BodyWeight {
			w = append(w, equipmentNames[i].words[0])
		}
	}
	return w
}

// ParseEquipment reads an equipment word as a lifter types it ("db",
// "ez", "hex", "ssb", "sled") or its name ("trap bar"), in any case.
// Words that name an exercise in the catalog ("hammer", "trap bar") are
// left to the catalog: the parser looks a name up before it reads
// equipment words out of it.
func ParseEquipment(s string) (Equipment, bool) {
	for i := range equipmentNames {
		in := &equipmentNames[i]
		if strings.EqualFold(s, in.name) {
			return Equipment(i), true
		}
		for _, w := range in.words {
			if strings.EqualFold(s, w) {
				return Equipment(i), true
			}
		}
	}
	return Barbell, false
}
