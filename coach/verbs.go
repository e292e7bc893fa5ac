package coach

import (
	"slices"
	"strings"
)

// Verb is one command a lifter types: its words, what it parses to, its
// help and its entry in the platforms' command menus. The verbs table is
// the one list that the parser's command words, the names a preset may not
// take, "did you mean", the help topics and the menus (bot.Commands) are
// all read from, so adding a command is adding a row.
type Verb struct {
	// Words are the command words, the canonical one first, in lower
	// case with - and no _ (an _ reads as -: Telegram commands cannot
	// have a -). A word of several ("rest pause") matches the message's
	// first words.
	Words []string
	Kind  Kind
	// Technique is what a plan verb (Kind KindPlan) plans. A history
	// verb (KindHistory) is named by its canonical word in Command.Verb.
	Technique Technique
	// Preset marks the plan verb that has no technique of its own: it
	// plans the preset named by the word after it ("preset quickrp 100kg
	// squat" plans what "quickrp 100kg squat" does), for platforms whose
	// commands are fixed at registration (Discord's slash commands).
	Preset bool
	// Suggest is how many of the first Words "did you mean" offers; 0
	// offers the canonical word alone.
	Suggest int
	// Help answers "help WORD" for each of the words. The help verb has
	// none: its answer is the overview, which lists the topics.
	Help string
	// Line is the verb's own line in the help overview, if it has one:
	// its example and what it plans. The other verbs are listed by Group.
	Line string
	// Group names the overview line the verb's example is listed on,
	// with the examples of the other verbs of its group, in table order.
	Group string
	// Example is a command that parses to this verb and, for a plan
	// verb, plans. Errors show it as "Try: ...".
	Example string
	// Menu is the verb's entry in the command menus; nil for none.
	Menu *Menu
	// Admin marks a verb whose handler may need to know whether the
	// sender runs the chat (Message.Admin): platforms that must ask
	// (Telegram's getChatMember) ask only for these.
	Admin bool
}

// Menu is a verb's entry in the command menus the platforms show:
// Telegram's command list and Discord's slash commands.
type Menu struct {
	Description string // at most 100 characters (Discord's limit)
	// Private verbs answer with the lifter's own data: the answer is
	// shown to them alone where the platform can.
	Private  bool
	Telegram bool // in Telegram's command menu
	Discord  bool // a Discord slash command
	// Options are the slash command's option names, in order: their
	// values, written after the verb in that order, make the command's
	// text. The bot declares each option's type and description.
	Options []string
}

// heldWords are words a preset may not take although the parser does not
// read them: yes and no answer a load question before any parsing, the
// console reads "/as NAME" to switch lifters, and status is kept free for
// a command to come without breaking configurations.
var heldWords = []string{"yes", "no", "as", "status"}

var (
	planOptions    = []string{"load", "exercise", "options"}
	exerciseOption = []string{"exercise"}
)

// menuBoth is an entry in both platforms' menus.
func menuBoth(m Menu) *Menu {
	m.Telegram, m.Discord = true, true
	return &m
}

// verbs is the table, in the order of the command menus.
//
// Each help text says what the command does, then gives its examples
// after "Examples:", separated by commas, each one a command that parses
// (and plans, for a plan verb) as it is written: a comment on one goes in
// parentheses after it. The tests run every example the bot prints.
var verbs = []Verb{
	{
		Words: []string{"drop", "dropset", "drop-set", "drops"}, Kind: KindPlan, Technique: DropSet,
		// The equipment options are every equipment but the barbell, the default.
		Help: `Drop set: start with a weight you fail with at 8-12 reps and go to failure, take about 15 % off (one article's example drops 20 %) and go again for about 8 reps, with no rest (0-10 s) between drops; 3 drops by default ("once, twice, or more").
Best on machines and isolation work; line dumbbells up in advance; a barbell needs small plates and a spotter, and Spotter plans it as a strip set that says which plates come off.
For intermediate to advanced lifters after size, not for athletes or strength gains: use it now and then, at the end of the workout, once or twice per muscle group a week.
Options: how many drops (2 drops), how much off (-20%), the equipment (` + strings.Join(EquipmentWords()[Barbell+1:], ", ") + `). Without a load, the start of your last drop set on that exercise is used. With 2 drops or more on it in the last 8 weeks, the percentage is fitted to them so each drop lands near 8 reps (within 10-25 %); a typed -20% wins, and settings drops fixed keeps the configured percentage.
Examples: drop 80kg bench, drop 30kg db curl 2 drops -20%, drop 60 leg extension (in your units)`,
		Line:    "drop 80kg bench: drop set, to failure then about 15 % off, 3 drops",
		Example: "drop 80kg bench",
		Menu:    menuBoth(Menu{Description: "Drop set: to failure, about 15 % off, again", Options: planOptions}),
	},
	{
		Words: []string{"rp", "rest-pause", "restpause", "rest pause"}, Kind: KindPlan, Technique: RestPause, Suggest: 2,
		Help: `Rest-pause: a set to failure, rest 10-20 s (15 s by default), then a mini-set to failure with the same weight; 2 mini-sets by default (2-3 rounds).
Best on compound lifts: bench press, squat, shoulder press. For intermediate to advanced lifters with solid form; once or twice per muscle group a week.
Options: how many mini-sets (3 minis), the rest (rest 20s).
Examples: rp 100kg squat, rp 225lb bench 3 minis rest 20s, rest-pause 60kg overhead press`,
		Line:    "rp 100kg squat: rest-pause, to failure and mini-sets after 15 s",
		Example: "rp 100kg squat",
		Menu:    menuBoth(Menu{Description: "Rest-pause: to failure, 10-20 s rest, mini-sets", Options: planOptions}),
	},
	{
		Words: []string{"backoff", "back-off", "goto"}, Kind: KindPlan, Technique: BackOff,
		Help: `Back-off sets (Goto et al. 2004): heavy singles, then one light set to exhaustion. The study: 5 x 1 at 90 % of 1RM, then one set at 50 % after 30 s. In practice: warm-up 2 x 4 @ 50-60 %, 5 x 1-2 @ 80-90 %, then 1 x AMRAP @ 50 % after 30-90 s rest, same tempo and range of motion. Isolation work (curls): warm-up 6-8 @ 40-50 %, 4 x 6 @ 60-70 %, back-off @ 50 %.
Give your 1RM, or a top set (load and reps) to estimate it from; without a load, your best recent estimate from your history is used. 2-3 back-off sets per session at most; good on bench, squat, row and overhead press, not on deadlifts.
Study results: leg press 1RM +15 % vs +9 %, isometric knee extension +19 % vs +15 %, muscular endurance +18 % vs -5 %, thigh size +2 %; the control group did one set fewer.
Examples: backoff 100kg bench (100 kg is your 1RM), backoff bench 90kg x2 (a top set of 2), backoff 60kg row`,
		Line:    "backoff bench 90kg x2: Goto back-off sets from a top set or your 1RM",
		Example: "backoff bench 90kg x2",
		Menu:    menuBoth(Menu{Description: "Goto back-off sets from your 1RM or a top set", Options: []string{"load", "exercise", "reps", "options"}}),
	},
	{
		// "japanese drop set", "japanese drop" and the like are how the
		// articles name it; "japanese dropset set" is kept as lifters
		// have typed it.
		Words: []string{"japanese", "jds", "japanese-drop-set", "japanese drop set", "japanese dropset set", "japanese drop", "japanese dropset"},
		Kind:  KindPlan, Technique: Japanese,
		Help: `Japanese drop set: after 4-5 working sets of 4-6 reps, one set of about 25 reps; give the working sets' load and reps. Working sets at 90-100 % of 1RM (1-4 RM): 60-70 %, at least 10-15 reps; at 80-90 % (5-8 RM): 50-60 %, at least 15-20 reps; at 40-50 % expect 20-25. Rule of thumb: drop 50-60 % and do 10-12 more reps. Working sets of more than 8 reps make it unnecessary.
Ladder: AMRAP at the working weight, drop 5-15 % (5 % slow-twitch, 10 % mixed, 15 % fast-twitch: say slow, mixed or fast), AMRAP again, until 25 total reps; rest as little as you can, up to 45 s to re-load.
Examples: japanese 100kg bench x5, japanese ladder 100kg bench x5 fast, japanese 140kg squat x4`,
		Line:    "japanese 100kg bench x5: Japanese drop set after working sets of 5",
		Example: "japanese 100kg bench x5",
		Menu:    menuBoth(Menu{Description: "Japanese drop set after your working sets", Options: []string{"form", "load", "exercise", "reps", "fiber", "options"}}),
	},
	{
		Words: []string{"ramp", "rpe", "rpe-ramp"}, Kind: KindPlan, Technique: Ramp,
		Help: `RPE ramp with back-off sets: triples at RPE 3-5, 5-7 and 6-8, a max-effort triple, then 5 reps at 10 % less and 8 reps at 10 % less again; 60-90 s rest between sets. Give today's max triple: the load you expect to lift 3 times at most.
Examples: ramp 100kg squat, ramp 140kg deadlift, ramp 60kg overhead press`,
		Line:    "ramp 100kg squat: RPE ramp to today's max triple, then back-off sets",
		Example: "ramp 100kg squat",
		Menu:    menuBoth(Menu{Description: "RPE ramp to today's max triple, then back-off sets", Options: planOptions}),
	},
	{
		// Its help and overview line name the coach's own presets
		// (Coach.Help); the table's text is what a coach whose first
		// preset is quickrp, a rest-pause, shows.
		Words: []string{"preset"}, Kind: KindPlan, Preset: true,
		Help: presetVerbHelp + `
Examples: preset quickrp 100kg squat`,
		Example: "preset quickrp 100kg squat",
		Menu:    &Menu{Description: "Plan one of this bot's presets by its name", Discord: true, Options: []string{"name", "load", "exercise", "options"}},
	},
	{
		Words: []string{"start", "begin", "go"}, Kind: KindStart, Group: "Run the plan",
		Help: `Start: run your last plan as a guided session. Spotter shows each set; report it with done 8 (the reps you did), done (you hit the target), skip or stop. After each set the plan's rest runs, and when it is over Spotter pings you with the next set.
In a chat with a class, the leader's go starts it and moves it on.
Examples: start (after a plan such as drop 80kg bench), go`,
		Example: "start",
		Menu:    menuBoth(Menu{Description: "Run your last plan with rest timers"}),
	},
	{
		Words: []string{"done", "did", "d"}, Kind: KindDone, Group: "Run the plan",
		Help: `Done: the current set of your session is done, with the reps you did; done alone means you hit the target, done 0 that you failed it (not one rep). The plan's rest begins, and Spotter pings you when it is over.
Examples: done 8, done, done 0`,
		Example: "done 8",
		Menu:    menuBoth(Menu{Description: "The current set is done", Options: []string{"reps"}}),
	},
	{
		Words: []string{"skip"}, Kind: KindSkip, Group: "Run the plan",
		Help: `Skip: skip the current set of your session and go on to the next; nothing is logged for it.
Examples: skip`,
		Example: "skip",
		Menu:    menuBoth(Menu{Description: "Skip the current set"}),
	},
	{
		Words: []string{"stop", "end", "finish", "cancel"}, Kind: KindStop, Group: "Run the plan",
		Help: `Stop: end your session now with a summary (loads, reps, total reps, volume); the sets you did are in your history.
In a class, the leader's end ends it for everyone; the others say leave.
Examples: stop, finish`,
		Example: "stop",
		Menu:    menuBoth(Menu{Description: "End your session with a summary"}),
	},
	{
		Words: []string{"log"}, Kind: KindLog, Group: "Log sets",
		Help:    logHelp,
		Example: "log bench 100x5x5",
		Menu:    menuBoth(Menu{Description: "Log sets: log bench 100x5x5", Options: []string{"exercise", "sets"}}),
	},
	{
		Words: []string{"undo"}, Kind: KindHistory, Group: "Log sets",
		Help: `Undo: takes back what you last recorded, in case of a typo: in a session, the set you last reported (the session goes back to it); otherwise the sets of your last log line.
Examples: undo`,
		Example: "undo",
		Menu:    menuBoth(Menu{Description: "Remove your last logged entry"}),
	},
	{
		Words: []string{"history"}, Kind: KindHistory, Group: "Look back",
		Help: `History: your recent training, one line per session or log. Name an exercise to see only it, and a number for how many entries (10 by default, up to 50).
Examples: history, history bench, history squat 20`,
		Example: "history bench 5",
		Menu:    menuBoth(Menu{Description: "Your recent training", Private: true, Options: []string{"exercise", "count"}}),
	},
	{
		Words: []string{"pr", "prs"}, Kind: KindHistory, Group: "Look back",
		Help: `PR: your personal records: heaviest load, best estimated 1RM and most reps at each load on one exercise; pr alone gives a line for each exercise you have done. Warm-ups, drop-set steps and back-off AMRAPs never count for 1RM.
Examples: pr bench, pr`,
		Example: "pr bench",
		Menu:    menuBoth(Menu{Description: "Your personal records", Private: true, Options: exerciseOption}),
	},
	{
		Words: []string{"1rm", "e1rm"}, Kind: KindHistory, Group: "Look back",
		Help: `1RM: your best recent estimated one-rep max on an exercise, with the formula and the set it came from. backoff without a load plans from it.
Examples: 1rm bench, 1rm deadlift`,
		Example: "1rm bench",
		Menu:    menuBoth(Menu{Description: "Your best recent estimated 1RM", Private: true, Options: exerciseOption}),
	},
	{
		Words: []string{"chart"}, Kind: KindHistory, Group: "Look back",
		Help: `Chart: a picture of your estimated 1RM and top load per day on an exercise, new bests marked. chart week draws your volume (load × reps) per muscle group in each of the last 8 weeks; add a number for more weeks (up to 52).
Examples: chart bench, chart week, chart week 12`,
		Example: "chart bench",
		Menu:    menuBoth(Menu{Description: "A chart of your estimated 1RM and top load", Private: true, Options: exerciseOption}),
	},
	{
		Words: []string{"week"}, Kind: KindHistory, Group: "Look back",
		Help: `Week: your drop sets and rest-pause per muscle group over the last 7 days in your time zone, against the articles' "once or twice a week"; plans warn before a third.
Examples: week`,
		Example: "week",
		Menu:    menuBoth(Menu{Description: "Drop sets and rest-pause per muscle group this week", Private: true}),
	},
	{
		Words: []string{"board", "leaderboard"}, Kind: KindHistory, Group: "Look back",
		Help: `Board: this chat's week, Monday to Sunday, a line for each lifter here who said settings board on: the days they trained, their sets (warm-ups left out), volume (load × reps) in their units, new records (warm-ups, drop-set steps and back-off AMRAPs never set one) and their streak of weeks in a row with a set. It shows their whole week, wherever they logged it; nothing of anyone who has not said settings board on. The week is in the zone of the chat's weekly post if it has one, else in yours. Admins set the weekly post: board weekly DAY HOUR, in their time zone; board weekly off stops it.
Examples: board, board weekly sun 18, board weekly off`,
		Example: "board",
		Admin:   true,
		Menu:    menuBoth(Menu{Description: "This chat's week: days, sets, volume, PRs and streaks", Options: []string{"schedule"}}),
	},
	{
		Words: []string{"settings"}, Kind: KindHistory, Group: "Set up",
		Help: `Settings: your preferences; settings alone shows them. units (kg or lb) is the unit of a load written without one; tz is your time zone, for days and weeks (a city, a zone, UTC or an offset); fiber (slow, mixed or fast) sets Japanese ladder drops; equipment is what plans use unless you name one (any for each exercise's own); board (on or off) shows you on your group's board; drops (fitted or fixed) fits a drop set's percentage to your own drop sets, or keeps the configured one.
Examples: settings units lb, settings tz Europe/Berlin, settings tz new york, settings fiber fast, settings equipment dumbbell, settings equipment any, settings board on, settings drops fixed`,
		Example: "settings units lb",
		Menu:    menuBoth(Menu{Description: "Your units, time zone, fibre type, equipment", Private: true, Options: []string{"setting", "value"}}),
	},
	{
		Words: []string{"export"}, Kind: KindHistory, Group: "Your data",
		Help: `Export: all your sets as a CSV file in Strong's format, which Strong, Hevy, a spreadsheet and Spotter's import read.
Examples: export`,
		Example: "export",
		Menu:    menuBoth(Menu{Description: "Your history as a CSV file (Strong format)", Private: true}),
	},
	{
		Words: []string{"import"}, Kind: KindHistory, Group: "Your data",
		Help: `Import: send a CSV exported from Strong, Hevy or FitNotes with the caption import (in the console: import PATH) to add its sets to your history; importing a file twice adds nothing.
Examples: import (with the file attached), import workouts.csv (in the console)`,
		Example: "import",
		Menu:    menuBoth(Menu{Description: "Import a CSV from Strong, Hevy or FitNotes", Private: true, Options: []string{"file"}}),
	},
	{
		Words: []string{"forget"}, Kind: KindHistory, Group: "Your data",
		Help: `Forget: forget me deletes everything Spotter keeps of you, after you confirm (forget me confirm, or the button). export gives you a copy first.
Examples: forget me, forget me confirm`,
		Example: "forget me",
		Menu:    menuBoth(Menu{Description: "Delete everything Spotter keeps of you", Private: true, Options: []string{"who"}}),
	},
	{
		Words: []string{"privacy"}, Kind: KindHistory, Group: "Your data",
		Help: `Privacy: what Spotter stores, where, who sees it, and how to delete it.
Examples: privacy`,
		Example: "privacy",
		Menu:    menuBoth(Menu{Description: "What Spotter stores and how to delete it"}),
	},
	{
		// The hub's side is bot/link.go and bot/linked.go.
		Words: []string{"link"}, Kind: KindHistory, Group: "Your data",
		Help: `Link: one lifter on two platforms. Say link on one (Telegram, Discord) for a code, good for 10 minutes and once; say link and the code on the other, and the two accounts share one history, one set of records and one set of settings (those of the account that made the code). unlink splits them again, each keeping what was logged on it.
Examples: link, link K7QX2M, unlink`,
		Example: "link",
		Menu:    menuBoth(Menu{Description: "One history on Telegram and Discord: a code, or the code from the other", Private: true, Options: []string{"code"}}),
	},
	{
		Words: []string{"unlink"}, Kind: KindHistory, Group: "Your data",
		Help: `Unlink: splits accounts joined by link; each keeps the sets logged on it, and both keep the settings they had.
Examples: unlink`,
		Example: "unlink",
		Menu:    menuBoth(Menu{Description: "Split your linked Telegram and Discord accounts again", Private: true}),
	},
	{
		Words: []string{"gym"}, Kind: KindHistory, Group: "Set up",
		Help: `Gym: the equipment plans are rounded to (bars, plates, dumbbells, machines, cables) in this server or chat; gym alone shows it. Admins change it, a change per message, and gym reset goes back to the bot's default.
Examples: gym, ` + RackChanges() + `, gym reset`,
		Example: "gym",
		Menu:    menuBoth(Menu{Description: "This server's equipment; admins change it", Options: []string{"unit", "item", "values"}}),
		Admin:   true,
	},
	{
		// share.go and sharecmd.go; the hub's side is bot/share.go.
		Words: []string{"share"}, Kind: KindHistory, Group: "Train together",
		Help: `Share: 2 to 4 lifters on one bar, each at their own load. Spotter gives the order to lift in and, at each change, the plates that come off and go on each side, choosing the order that moves the fewest plates, and says how many moves the worst order would take. Give the exercise, then each lifter's load, with their name just before it if you like (else they are lifter 1, 2, ...); loads are rounded to what this gym's bar and plates make.
Plates go on heaviest inside and come off from the outside, so a plate deep inside means taking the ones outside it off first. A plate move is one plate put on or taken off one side (the other side mirrors it); the bar starts empty, so loading it for the first lifter counts, and stripping it after the last lifter does not.
Examples: share bench 100kg 80kg 60kg, share squat ana 140kg bo 100kg cy 120kg, share deadlift 405lb 315lb 225lb 135lb`,
		Example: "share bench 100kg 80kg",
		Menu:    menuBoth(Menu{Description: "The order for 2-4 lifters on one bar that moves the fewest plates", Options: []string{"exercise", "loads"}}),
	},
	{
		// class.go; the hub's side is bot/class.go.
		Words: []string{"class"}, Kind: KindHistory, Group: "Train together",
		Help: `Class: one round for the whole chat, each lifter at their own load. class and a technique and an exercise (no load; a preset too) opens it, led by whoever opened it; each lifter joins with their load (join 100kg) and gets their own plan, on their equipment and in their units; the leader's go starts it.
Everyone reports each set with done N; the rest starts when the last one has, or when the leader says go again (whoever has not reported misses that set), and one GO pings everyone with their own next load. Whoever is silent for 3 minutes after a GO is dropped; leave leaves; the leader's end ends it. It closes with a line per lifter, and everyone's sets are in their own history.
Examples: class rp squat, class drop db curl 2 drops, class japanese bench x5`,
		Example: "class rp squat",
		Menu:    menuBoth(Menu{Description: "Open a round for the chat: everyone joins with their own load", Options: []string{"technique", "exercise", "options"}}),
	},
	{
		Words: []string{"join"}, Kind: KindHistory, Group: "Train together",
		Help: `Join: join this chat's class with your load; you get your own plan, on your equipment and in your units. Join again before it starts to change your load. Not while your own session runs: stop it first.
Examples: join 100kg, join 225lb, join 60 (in your units)`,
		Example: "join 100kg",
		Menu:    menuBoth(Menu{Description: "Join this chat's class with your load", Options: []string{"load"}}),
	},
	{
		Words: []string{"leave"}, Kind: KindHistory, Group: "Train together",
		Help: `Leave: leave this chat's class; the sets you did stay in your history.
Examples: leave`,
		Example: "leave",
		Menu:    menuBoth(Menu{Description: "Leave this chat's class"}),
	},
	{
		Words: []string{"help", "?", "commands"}, Kind: KindHelp,
		Example: "help drop",
		Menu:    menuBoth(Menu{Description: "What Spotter does, and each technique", Options: []string{"topic"}}),
	},
}

// logHelp answers help log. Its examples are the notations the log
// parser reads, and the tests hold them to it.
const logHelp = `Log: sets you did without a session: the exercise, then the sets as you write them. New records are announced; undo takes the entry back.
Sets: load x reps x sets (100x5x3), a load then sets x reps (180kg 3x5, 3x5 @ 100), or one set after another (100x5 90x8); a unit where you like (kg, lb); 0 reps is a failed set.
Body weight: reps alone (pull up 10), with added or assisted load (+20kg x8, -30kg x8).
Also: the RPE (@8) or reps in reserve (rir 2), the day (yesterday, mon, nov 28), a note in quotes ("felt heavy"), and drop, backoff or rp to mark a technique set.
Examples: log bench 100x5x3, log deadlift 180kg 3x5, log squat 140kg 5 @8, log pull up 10, log dips +20kg x8, log bench 100x5 yesterday, log bench 80x10 67.5x8 57.5x6 drop`

// presetVerbHelp is help preset before its examples, which Coach.Help
// writes for the coach's presets.
const presetVerbHelp = `Preset: plan one of this bot's presets by its name; it plans what typing the name as a command does. A preset is a technique with its own options, which whoever runs the bot sets up in its TOML file; help presets lists them. After the name come the load, the exercise and any options, as for the technique. On Discord, /preset offers the names as you type.`

// Verbs is the verbs table in menu order. The table never changes after
// the package is loaded, so Verbs is safe for concurrent use; the copy it
// returns is the caller's.
func Verbs() []Verb {
	out := slices.Clone(verbs)
	for i := range out {
		out[i].Words = slices.Clone(out[i].Words)
		if m := out[i].Menu; m != nil {
			mm := *m
			mm.Options = slices.Clone(m.Options)
			out[i].Menu = &mm
		}
	}
	return out
}

// phrase is a command word of several words: the words after the first.
type phrase struct {
	tail []string
	verb *Verb
}

// verbIndex holds the lookups derived from the verbs table.
type verbIndex struct {
	byWord     map[string]*Verb     // every word of one word
	phrases    map[string][]phrase  // longer words by their first word, longest first
	techniques map[string]Technique // plan verbs' words of one word, for ParseTechnique
	reserved   map[string]bool      // what a preset may not be named
	suggest    []string             // what "did you mean" offers, best first
}

// vocab is built once, before anything in the package reads it.
var vocab = indexVerbs()

func indexVerbs() verbIndex {
	x := verbIndex{byWord: map[string]*Verb{}, phrases: map[string][]phrase{}, techniques: map[string]Technique{}, reserved: map[string]bool{}}
	for i := range verbs {
		v := &verbs[i]
		for _, w := range v.Words {
			first, rest, several := strings.Cut(w, " ")
			x.reserved[first] = true
			if several {
				x.phrases[first] = append(x.phrases[first], phrase{tail: strings.Fields(rest), verb: v})
				continue
			}
			x.byWord[w] = v
			if v.Kind == KindPlan && !v.Preset {
				x.techniques[w] = v.Technique
			}
		}
	}
	for _, ps := range x.phrases {
		slices.SortStableFunc(ps, func(a, b phrase) int { return len(b.tail) - len(a.tail) })
	}
	for _, w := range heldWords {
		x.reserved[w] = true
	}
	// Between equally close words, offer what a newcomer most likely
	// meant: a technique, then help, then the other commands.
	rank := func(k Kind) int {
		switch k {
		case KindPlan:
			return 0
		case KindHelp:
			return 1
		}
		return 2
	}
	for r := range 3 {
		for _, v := range verbs {
			if rank(v.Kind) == r {
				x.suggest = append(x.suggest, v.Words[:max(v.Suggest, 1)]...)
			}
		}
	}
	return x
}

// lookupVerb finds the verb of a message from its command word w and the
// words after it, and returns the words after the verb's own; nil if w is
// no command word. An _ in w reads as a -; only then does it allocate.
func lookupVerb(w string, rest []string) (*Verb, []string) {
	for _, p := range vocab.phrases[w] {
		if len(rest) >= len(p.tail) && slices.Equal(rest[:len(p.tail)], p.tail) {
			return p.verb, rest[len(p.tail):]
		}
	}
	if v, ok := vocab.byWord[w]; ok {
		return v, rest
	}
	if strings.IndexByte(w, '_') >= 0 {
		if v, ok := vocab.byWord[strings.ReplaceAll(w, "_", "-")]; ok {
			return v, rest
		}
	}
	return nil, rest
}

// topicVerb is the verb a help topic names: any of its words, with
// spaces or _ for - ("rest pause", "back_off"); nil for none.
func topicVerb(topic string) *Verb {
	if v, ok := vocab.byWord[topic]; ok {
		return v
	}
	first, rest, _ := strings.Cut(topic, " ")
	if v, tail := lookupVerb(first, strings.Fields(rest)); v != nil && len(tail) == 0 {
		return v
	}
	v, _ := lookupVerb(strings.NewReplacer(" ", "-", "_", "-").Replace(topic), nil)
	return v
}

// reservedWord reports whether a preset may not be named w: a command
// word, the first word of a longer one, or a held word, with _ read as -.
func reservedWord(w string) bool {
	return vocab.reserved[w] || vocab.reserved[strings.ReplaceAll(w, "_", "-")]
}

// techniqueVerb is the plan verb of technique t; nil for none.
func techniqueVerb(t Technique) *Verb {
	for i := range verbs {
		if verbs[i].Kind == KindPlan && !verbs[i].Preset && verbs[i].Technique == t {
			return &verbs[i]
		}
	}
	return nil
}
