package config

// file is the TOML file, key for key; config.example.toml documents
// every key. Decoding refuses any key not here.
type file struct {
	Unit      string          `toml:"unit"`
	Formula   string          `toml:"formula"`
	Data      string          `toml:"data"`
	Store     storeTable      `toml:"store"`
	Timers    timersTable     `toml:"timers"`
	Ops       Ops             `toml:"ops"`
	Log       Log             `toml:"log"`
	Telegram  telegramTable   `toml:"telegram"`
	Discord   discordTable    `toml:"discord"`
	Drop      techniqueTable  `toml:"drop"`
	RestPause techniqueTable  `toml:"rest_pause"`
	BackOff   techniqueTable  `toml:"back_off"`
	Japanese  techniqueTable  `toml:"japanese"`
	Ramp      techniqueTable  `toml:"ramp"`
	Preset    []presetTable   `toml:"preset"`
	Equipment equipmentTable  `toml:"equipment"`
	Exercise  []exerciseTable `toml:"exercise"`
	Import    importTable     `toml:"import"`
	Board     []boardTable    `toml:"board"`
}

// techniqueTable holds every technique key; which ones a table may use
// is the coach's rule (coach.Technique.OptionKeys). A nil field is a key
// the file leaves out.
type techniqueTable struct {
	Percent  *float64 `toml:"percent"`
	Drops    *int     `toml:"drops"`
	Rest     *string  `toml:"rest"`
	MiniSets *int     `toml:"mini_sets"`
	Fiber    *string  `toml:"fiber"`
	Ladder   *bool    `toml:"ladder"`
	WorkRest *string  `toml:"work_rest"`
}

// presetTable is one [[preset]]: a named technique with its own options.
type presetTable struct {
	Name      string `toml:"name"`
	Technique string `toml:"technique"`
	techniqueTable
}

// telegramTable is the [telegram] table.
type telegramTable struct {
	Token                  string   `toml:"token"`
	APIURL                 string   `toml:"api_url"`
	Mode                   string   `toml:"mode"`
	WebhookListen          string   `toml:"webhook_listen"`
	WebhookURL             string   `toml:"webhook_url"`
	WebhookSecret          string   `toml:"webhook_secret"`
	ChatMessagesPerSecond  *float64 `toml:"chat_messages_per_second"`
	GroupMessagesPerMinute *int     `toml:"group_messages_per_minute"`
	LogReactions           bool     `toml:"log_reactions"`
}

// discordTable is the [discord] table.
type discordTable struct {
	Token                string   `toml:"token"`
	APIURL               string   `toml:"api_url"`
	GuildIDs             []string `toml:"guild_ids"`
	Prefix               string   `toml:"prefix"`
	Shards               any      `toml:"shards"` // a number or "auto"
	ShardIDs             []int    `toml:"shard_ids"`
	ChannelMessagesPer5s *int     `toml:"channel_messages_per_5s"`
	LogReactions         bool     `toml:"log_reactions"`
}

// timersTable is the [timers] table.
type timersTable struct {
	MissedAfter string `toml:"missed_after"`
}

// equipmentTable is [equipment]: a rack for each unit.
type equipmentTable struct {
	KG rackTable `toml:"kg"`
	LB rackTable `toml:"lb"`
}

// rackTable is [equipment.kg] or [equipment.lb]. Each bar and sled
// weight is keyed by its Equipment's RackKey (see starts).
type rackTable struct {
	Bar             *float64  `toml:"bar"`
	SmithBar        *float64  `toml:"smith_bar"`
	EZBar           *float64  `toml:"ez_bar"`
	TrapBar         *float64  `toml:"trap_bar"`
	SafetySquatBar  *float64  `toml:"safety_squat_bar"`
	WomensBar       *float64  `toml:"womens_bar"`
	LegPressSled    *float64  `toml:"leg_press_sled"`
	HackSquatSled   *float64  `toml:"hack_squat_sled"`
	PlateLoadedSled *float64  `toml:"plate_loaded_sled"`
	Plates          []float64 `toml:"plates"`
	// PlatePairs is the plate inventory as pairs owned per plate weight:
	// { "25" = 4, "1.25" = 1 }. It replaces plates.
	PlatePairs map[string]int `toml:"plate_pairs"`
	Dumbbells  []float64      `toml:"dumbbells"`
	Machine    *stackTable    `toml:"machine"`
	Cable      *stackTable    `toml:"cable"`
}

// starts maps each bar's and sled's key to its value in the file (nil when
// the file leaves it out).
func (rt *rackTable) starts() map[string]*float64 {
	return map[string]*float64{
		"bar": rt.Bar, "smith_bar": rt.SmithBar, "ez_bar": rt.EZBar, "trap_bar": rt.TrapBar,
		"safety_squat_bar": rt.SafetySquatBar, "womens_bar": rt.WomensBar, "leg_press_sled": rt.LegPressSled,
		"hack_squat_sled": rt.HackSquatSled, "plate_loaded_sled": rt.PlateLoadedSled,
	}
}

// stackTable is a weight stack: machine = { min = 5, max = 100, step = 5 }.
type stackTable struct {
	Min  float64 `toml:"min"`
	Max  float64 `toml:"max"`
	Step float64 `toml:"step"`
}

// exerciseTable is one [[exercise]] added to the built-in catalog.
type exerciseTable struct {
	Name      string   `toml:"name"`
	Aliases   []string `toml:"aliases"`
	Muscles   []string `toml:"muscles"`
	Equipment string   `toml:"equipment"`
	Compound  bool     `toml:"compound"`
	Family    string   `toml:"family"`
}
