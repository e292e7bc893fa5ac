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
	// Suggest is how many of the first Words "did you mean" offers; 0
	// offers the canonical word alone.
	Suggest int
	// Help answers "help WORD" for each of the words. The help verb has
	// none: its answer is the overview, which lists the topics.
	Help string
	// Line is the verb's line in the help overview, if it has one.
	Line string
	// Example is a command that parses to this verb and, for a plan
	// verb, plans. Errors show it as "Try: ...".
	Example string
	// Menu is the verb's entry in the command menus; nil for none.
	Menu *Menu
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
var verbs = []Verb{
	{
		Words: []string{"drop", "dropset", "drop-set", "drops"}, Kind: KindPlan, Technique: DropSet,
		Help: `Drop set: start with the weight you fail with at 8-12 reps, go to failure, take about 15 % off (one article's example drops 20 %) and go again for about 8 reps, with no rest (0-10 s) between drops; 3 drops by default ("once, twice, or more").
Best on machines and isolation work; line dumbbells up in advance; a barbell needs small plates and a spotter, and Spotter plans it as a strip set.
For intermediate to advanced lifters after size, not for athletes or strength gains: use it occasionally, at the end of the workout, once or twice per muscle group a week.
Example: drop 80kg bench, drop 30kg curl db 2 drops -20%`,
		// The equipment options are every equipment but the barbell, the default.
		Line:    "drop 80kg bench: drop set (options: 3 drops, -20%, " + strings.Join(EquipmentWords()[Barbell+1:], "/") + ")",
		Example: "drop 80kg bench",
		Menu:    menuBoth(Menu{Description: "Drop set: to failure, about 15 % off, again", Options: planOptions}),
	},
	{
		Words: []string{"rp", "rest-pause", "restpause", "rest pause"}, Kind: KindPlan, Technique: RestPause, Suggest: 2,
		Help: `Rest-pause: a set to failure, rest 10-20 s (15 s by default), a mini-set with the same weight; 2-3 rounds (2 mini-sets by default).
Best on compound lifts: bench press, squat, shoulder press. For intermediate to advanced lifters with solid form; once or twice per muscle group a week.
Example: rp 100kg squat, rp 225lb bench 3 minis rest 20s`,
		Line:    "rp 100kg squat: rest-pause (options: 3 minis, rest 20s)",
		Example: "rp 100kg squat",
		Menu:    menuBoth(Menu{Description: "Rest-pause: to failure, 10-20 s rest, mini-sets", Options: planOptions}),
	},
	{
		Words: []string{"backoff", "back-off", "goto"}, Kind: KindPlan, Technique: BackOff,
		Help: `Back-off set (Goto et al. 2004): 5 x 1 at 90 % of 1RM, then one set at 50 % to exhaustion after 30 s. In practice: warm-up 2 x 4 @ 50-60 %, 5 x 1-2 @ 80-90 %, then 1 x AMRAP @ 50 % after 30-90 s rest, same tempo and range of motion. Isolation work (curls): warm-up 6-8 @ 40-50 %, 4 x 6 @ 60-70 %, back-off @ 50 %.
No 1RM test needed: half of your estimated 1RM. 2-3 back-off sets per session at most; good on bench, squat, row and overhead press, not on deadlifts.
Study results: leg press 1RM +15 % vs +9 %, isometric knee extension +19 % vs +15 %, muscular endurance +18 % vs -5 %, thigh size +2 %; the control group did one set fewer.
Example: backoff 100kg bench (100 kg is your 1RM), backoff bench 90kg x2 (a top set)`,
		Line:    "backoff 100kg bench: Goto back-off sets from your 1RM, or backoff bench 90kg x2 from a top set",
		Example: "backoff bench 90kg x2",
		Menu:    menuBoth(Menu{Description: "Goto back-off sets from your 1RM or a top set", Options: []string{"load", "exercise", "reps", "options"}}),
	},
	{
		// "japanese drop set", "japanese drop" and the like are how the
		// articles name it; "japanese dropset set" is kept as lifters
		// have typed it.
		Words: []string{"japanese", "jds", "japanese-drop-set", "japanese drop set", "japanese dropset set", "japanese drop", "japanese dropset"},
		Kind:  KindPlan, Technique: Japanese,
		Help: `Japanese drop set: after 4-5 working sets of 4-6 reps, one set of about 25 reps. Working sets at 90-100 % of 1RM (1-4 RM): 60-70 %, at least 10-15 reps; at 80-90 % (5-8 RM): 50-60 %, at least 15-20 reps; at 40-50 % expect 20-25. Rule of thumb: drop 50-60 % and do 10-12 more reps. Working sets of more than 8 reps make it unnecessary.
Ladder: AMRAP at the working weight, drop 5-15 % (5 % slow-twitch, 10 % mixed, 15 % fast-twitch), AMRAP again, until 25 total reps; rest as little as you can, up to 45 s to re-load.
Example: japanese 100kg bench x5, japanese ladder 100kg bench x5 fast`,
		Line:    "japanese 100kg bench x5: Japanese drop set after working sets of 5; japanese ladder 100kg bench x5 fast",
		Example: "japanese 100kg bench x5",
		Menu:    menuBoth(Menu{Description: "Japanese drop set after your working sets", Options: []string{"form", "load", "exercise", "reps", "fiber", "options"}}),
	},
	{
		Words: []string{"ramp", "rpe", "rpe-ramp"}, Kind: KindPlan, Technique: Ramp,
		Help: `RPE ramp with back-off sets: triples at RPE 3-5, 5-7 and 6-8, a max-effort triple, then 5 reps at 10 % less and 8 reps at 10 % less again; 60-90 s rest between sets. Give today's max triple.
Example: ramp 100kg squat`,
		Line:    "ramp 100kg squat: RPE ramp to today's max triple, then back-off sets",
		Example: "ramp 100kg squat",
		Menu:    menuBoth(Menu{Description: "RPE ramp to today's max triple, then back-off sets", Options: planOptions}),
	},
	{
		Words: []string{"start", "begin", "go"}, Kind: KindStart,
		Help: `Start: run your last plan as a guided session. Report each set with done 8 (done alone when you hit the target), skip or stop; after each set the plan's rest begins, and when it is over Spotter pings you with the next set.
Example: start`,
		Example: "start",
		Menu:    menuBoth(Menu{Description: "Run your last plan with rest timers"}),
	},
	{
		Words: []string{"done", "did", "d"}, Kind: KindDone,
		Help: `Done: the current set of your session is done, with the reps you did (done alone when you hit the target); the plan's rest begins.
Example: done 8`,
		Example: "done 8",
		Menu:    menuBoth(Menu{Description: "The current set is done", Options: []string{"reps"}}),
	},
	{
		Words: []string{"skip"}, Kind: KindSkip,
		Help: `Skip: skip the current set of your session and go on to the next.
Example: skip`,
		Example: "skip",
		Menu:    menuBoth(Menu{Description: "Skip the current set"}),
	},
	{
		Words: []string{"stop", "end", "finish", "cancel"}, Kind: KindStop,
		Help: `Stop: end your session with a summary (loads, reps, total reps, volume); the sets you did are in your history.
Example: stop`,
		Example: "stop",
		Menu:    menuBoth(Menu{Description: "End your session with a summary"}),
	},
	{
		Words: []string{"log"}, Kind: KindLog,
		Help: `Log: sets done without a session, as load x reps x sets (log bench 100x5x5) or one set after another (log bench 80x10 67.5x8 57.5x6 drop); drop, backoff or rp marks a technique set, @8 is RPE (log squat 140kg 5 @8). New records are announced; undo removes the entry.
Example: log bench 100x5x5`,
		Example: "log bench 100x5x5",
		Menu:    menuBoth(Menu{Description: "Log sets: log bench 100x5x5", Options: []string{"exercise", "sets"}}),
	},
	{
		Words: []string{"undo"}, Kind: KindHistory,
		Help: `Undo: removes your last logged entry.
Example: undo`,
		Example: "undo",
		Menu:    menuBoth(Menu{Description: "Remove your last logged entry"}),
	},
	{
		Words: []string{"history"}, Kind: KindHistory,
		Help: `History: your recent training, one line per session or log; name an exercise to see only it, and a number for how many entries (10 by default, up to 50).
Example: history bench 5`,
		Example: "history bench 5",
		Menu:    menuBoth(Menu{Description: "Your recent training", Private: true, Options: []string{"exercise", "count"}}),
	},
	{
		Words: []string{"pr", "prs"}, Kind: KindHistory,
		Help: `PR: your personal records: heaviest load, best estimated 1RM and most reps at each load, for one exercise or your recent ones. Drop-set steps and back-off AMRAPs never count for 1RM.
Example: pr bench`,
		Example: "pr bench",
		Menu:    menuBoth(Menu{Description: "Your personal records", Private: true, Options: exerciseOption}),
	},
	{
		Words: []string{"1rm", "e1rm"}, Kind: KindHistory,
		Help: `1RM: your best recent estimated 1RM on an exercise, with the formula and the set it came from.
Example: 1rm bench`,
		Example: "1rm bench",
		Menu:    menuBoth(Menu{Description: "Your best recent estimated 1RM", Private: true, Options: exerciseOption}),
	},
	{
		Words: []string{"chart"}, Kind: KindHistory,
		Help: `Chart: a picture of your estimated 1RM and top load per day on an exercise, new bests starred. chart week draws your volume (load × reps) per muscle group for each of the last 8 weeks; chart week 12 for the last 12 (up to 52).
Example: chart bench, chart week, chart week 12`,
		Example: "chart bench",
		Menu:    menuBoth(Menu{Description: "A chart of your estimated 1RM and top load", Private: true, Options: exerciseOption}),
	},
	{
		Words: []string{"week"}, Kind: KindHistory,
		Help: `Week: drop sets and rest-pause per muscle group over the last 7 days in your time zone, against "once or twice a week"; plans warn before a third.
Example: week`,
		Example: "week",
		Menu:    menuBoth(Menu{Description: "Drop sets and rest-pause per muscle group this week", Private: true}),
	},
	{
		Words: []string{"settings"}, Kind: KindHistory,
		Help: `Settings: your preferences, shown by settings alone: settings units lb, settings tz Europe/Berlin, settings fiber fast, settings equipment dumbbell (or any).
Example: settings units lb`,
		Example: "settings units lb",
		Menu:    menuBoth(Menu{Description: "Your units, time zone, fibre type, equipment", Private: true, Options: []string{"setting", "value"}}),
	},
	{
		Words: []string{"export"}, Kind: KindHistory,
		Help: `Export: all your sets as a CSV file in Strong's format.
Example: export`,
		Example: "export",
		Menu:    menuBoth(Menu{Description: "Your history as a CSV file (Strong format)", Private: true}),
	},
	{
		Words: []string{"import"}, Kind: KindHistory,
		Help: `Import: write import with a CSV attached (in the console: import PATH) to add the sets of a Strong, Hevy or FitNotes export; importing a file twice adds nothing.
Example: import`,
		Example: "import",
		Menu:    menuBoth(Menu{Description: "Import a CSV from Strong, Hevy or FitNotes", Private: true, Options: []string{"file"}}),
	},
	{
		Words: []string{"forget"}, Kind: KindHistory,
		Help: `Forget: forget me deletes everything Spotter keeps of you, after you confirm with forget me confirm. export gives you a copy first.
Example: forget me`,
		Example: "forget me",
		Menu:    menuBoth(Menu{Description: "Delete everything Spotter keeps of you", Private: true, Options: []string{"who"}}),
	},
	{
		Words: []string{"privacy"}, Kind: KindHistory,
		Help: `Privacy: what Spotter stores, where, and how to delete it.
Example: privacy`,
		Example: "privacy",
		Menu:    menuBoth(Menu{Description: "What Spotter stores and how to delete it"}),
	},
	{
		Words: []string{"gym"}, Kind: KindHistory,
		Help: `Gym: the equipment plans are rounded to (bars, plates, dumbbells, machines, cables), per server or chat; admins change it: ` + RackChanges() + `, gym reset.
Example: gym`,
		Example: "gym",
		Menu:    menuBoth(Menu{Description: "This server's equipment; admins change it", Options: []string{"unit", "item", "values"}}),
	},
	{
		Words: []string{"help", "?", "commands"}, Kind: KindHelp,
		Example: "help drop",
		Menu:    menuBoth(Menu{Description: "What Spotter does, and each technique", Options: []string{"topic"}}),
	},
}

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
			if v.Kind == KindPlan {
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
		if verbs[i].Kind == KindPlan && verbs[i].Technique == t {
			return &verbs[i]
		}
	}
	return nil
}
