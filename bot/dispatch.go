package bot

import "github.com/spotter-coach/spotter/coach"

// A parsed command reaches its handler through one table, keyed by what
// coach's verb table (coach.Verbs) parses it to: the verb's kind and, for
// the history commands, which share one kind, the verb's canonical word.
// Each feature's handlers live in a file of their own:
//
//   - sessions.go: plans, start, done, skip, stop;
//   - log.go: log, undo;
//   - history.go: history;
//   - records.go: pr, 1rm;
//   - chart.go: chart (drawn on a worker, slowwork.go);
//   - week.go: week;
//   - board.go: board (and the weekly post);
//   - settings.go: settings;
//   - importexport.go: import, export (on a worker);
//   - forget.go: forget, privacy;
//   - link.go: link, unlink (one lifter on two platforms; linked.go);
//   - gym.go: gym;
//   - share.go: share (a bar shared by 2-4 lifters);
//   - class.go: class, join, leave (and start, done, skip, stop in a class);
//   - help.go: help.
//
// Adding a command is a row in coach's verb table, a handler and a row
// here; TestEveryVerbHasAHandler walks coach's table and names what is
// missing.

// route names the handler of a parsed command.
type route struct {
	kind coach.Kind
	verb string // the canonical word of a history verb; "" for other kinds
}

// routeOf is the route of a parsed command.
func routeOf(cmd coach.Command) route { return route{kind: cmd.Kind, verb: cmd.Verb} }

// verbRoute is the route that coach parses a verb of its table to: a
// history verb is named by its canonical word (coach.Command.Verb).
func verbRoute(v coach.Verb) route {
	if v.Kind == coach.KindHistory {
		return route{kind: v.Kind, verb: v.Words[0]}
	}
	return route{kind: v.Kind}
}

// handler answers one parsed command. It runs on the hub's goroutine and
// writes nothing itself: what the command changes and its replies go into
// the turn (process.go), or, for slow work, a job for a worker does
// (slowwork.go). base is the reply's envelope, private where the verb's
// answer is the lifter's own data.
type handler func(h *Hub, t *turn, base Reply, m Message, p prefs, cmd coach.Command)

var handlers = map[route]handler{
	{kind: coach.KindPlan}:  (*Hub).planCommand,
	{kind: coach.KindStart}: (*Hub).startCommand,
	{kind: coach.KindDone}:  (*Hub).reportCommand,
	{kind: coach.KindSkip}:  (*Hub).reportCommand,
	{kind: coach.KindStop}:  (*Hub).stopCommand,
	{kind: coach.KindLog}:   (*Hub).logCommand,
	{kind: coach.KindHelp}:  (*Hub).helpCommand,

	{kind: coach.KindHistory, verb: "undo"}:     (*Hub).undoCommand,
	{kind: coach.KindHistory, verb: "history"}:  (*Hub).historyCommand,
	{kind: coach.KindHistory, verb: "pr"}:       (*Hub).prCommand,
	{kind: coach.KindHistory, verb: "1rm"}:      (*Hub).oneRMCommand,
	{kind: coach.KindHistory, verb: "chart"}:    (*Hub).chartCommand,
	{kind: coach.KindHistory, verb: "week"}:     (*Hub).weekCommand,
	{kind: coach.KindHistory, verb: "board"}:    (*Hub).boardCommand,
	{kind: coach.KindHistory, verb: "settings"}: (*Hub).settingsCommand,
	{kind: coach.KindHistory, verb: "export"}:   (*Hub).exportCommand,
	{kind: coach.KindHistory, verb: "import"}:   (*Hub).importCommand,
	{kind: coach.KindHistory, verb: "forget"}:   (*Hub).forgetCommand,
	{kind: coach.KindHistory, verb: "privacy"}:  (*Hub).privacyCommand,
	{kind: coach.KindHistory, verb: "link"}:     (*Hub).linkCommand,
	{kind: coach.KindHistory, verb: "unlink"}:   (*Hub).unlinkCommand,
	{kind: coach.KindHistory, verb: "gym"}:      (*Hub).gymCommand,
	{kind: coach.KindHistory, verb: "class"}:    (*Hub).classCommand,
	{kind: coach.KindHistory, verb: "join"}:     (*Hub).joinCommand,
	{kind: coach.KindHistory, verb: "leave"}:    (*Hub).leaveCommand,
	{kind: coach.KindHistory, verb: "share"}:    (*Hub).shareCommand,
}

// private are the routes whose answers are the lifter's own data, shown
// to them alone where the platform can: the verbs whose menu entry says
// so in coach's table.
var private = privateRoutes()

func privateRoutes() map[route]bool {
	out := map[route]bool{}
	for _, v := range coach.Verbs() {
		if v.Menu != nil && v.Menu.Private {
			out[verbRoute(v)] = true
		}
	}
	return out
}

// handle answers one parsed message through its handler.
func (h *Hub) handle(t *turn, base Reply, m Message, p prefs, cmd coach.Command, err error) {
	if err != nil {
		t.replies = append(t.replies, h.errorReply(base, err))
		return
	}
	rt := routeOf(cmd)
	f, ok := handlers[rt]
	if !ok {
		// coach parsed a verb that has no row here; the test of the
		// table catches it before a lifter can.
		h.log.Error("no handler for a command", "kind", cmd.Kind, "verb", cmd.Verb)
		t.fail(base, genericError)
		return
	}
	base.Private = private[rt]
	f(h, t, base, m, p, cmd)
}
