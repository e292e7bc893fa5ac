package bot

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spotter-coach/spotter/coach"
	"github.com/spotter-coach/spotter/record"
	"github.com/spotter-coach/spotter/zone"
)

// The group's board: board shows the chat's week (coach.BuildBoard), a
// line for each lifter of the chat who said settings board on. A chat's
// lifters are those with a session record in it (every lifter who logged
// or ran a session there has one); each shows their whole week, wherever
// they logged it, since they opted in. Nothing of a lifter who has not
// opted in is read beyond their settings.
//
// The week is in the zone of the chat's weekly post when it has one (the
// [[board]] table's tz, or the zone of the admin who said board weekly),
// else in the asker's.
//
// The weekly post: the hub keeps each chat's schedule (the
// configuration's, or an admin's, stored as record.Board, which stands
// over it) and wakes at the next one's hour. A post is written like a
// message: in one change with the time of its slot (record.Board.Posted)
// and its reply kept in the outbox, under a message id made of the chat
// and the slot, so that of several processes sharing a store only the
// first posts (the others' writes fail as seen), and a restart neither
// posts twice nor loses the post: one missed while the bot was down goes
// out when it is back, if within boardLate of its hour.

// boardLate is how late a weekly post may go out after a restart; later
// than that the week's post is skipped.
const boardLate = 24 * time.Hour

// boardRefresh is how often a process that shares its store rereads the
// chats' schedules, which other processes may change.
const boardRefresh = time.Minute

// boardPosts are the chats' weekly posts as the hub knows them. Owned by
// the hub's goroutine.
type boardPosts struct {
	conf      []record.Board // from the configuration
	plans     []boardPlan    // in effect: the stored over the configured
	loaded    bool
	dirty     bool // a message changed a schedule: reread the store
	refreshed time.Time
}

// boardPlan is one chat's weekly post in effect.
type boardPlan struct {
	record.Board
	loc *time.Location
}

// boardAskText is the line that asks a lifter, once, in a group.
const boardAskText = "Show your training on this group's board? settings board on (or off)"

// askBoard adds to r, the answer to a lifter's first log or finished
// session in a group, the question whether to show them on the group's
// board, with Yes and No buttons, and records in the turn that they were
// asked. Nothing happens in a private chat, or once they were asked or
// said settings board on or off.
func (h *Hub) askBoard(t *turn, m Message, p prefs, r *Reply) {
	if !m.Group || p.BoardAsked || t.change.Settings != nil {
		return
	}
	s := p.Settings
	s.BoardAsked = true
	t.change.Settings = &record.UserSettings{Platform: m.Platform, UserID: m.UserID, Settings: s}
	r.Text += "\nShow your training on this group's board? " + r.say("settings board on") + " (or off)"
	r.Buttons = append(r.Buttons, []Button{{Label: "Yes", Data: "settings board on"}, {Label: "No", Data: "settings board off"}})
	r.React = "" // a question needs its words
}

// boardCommand answers board, board weekly, board weekly DAY HOUR and
// board weekly off.
func (h *Hub) boardCommand(t *turn, base Reply, m Message, p prefs, cmd coach.Command) {
	args := cmd.Args
	if len(args) == 0 {
		h.showBoard(t, base, m, p)
		return
	}
	if args[0] != "weekly" || len(args) > 3 {
		t.fail(base, "Write board alone for this chat's week; admins add weekly and a day and hour. Try: "+base.say("board weekly sun 18"))
		return
	}
	stored, _ := h.storedBoard(m.Platform, m.ChatID)
	r := base
	if len(args) == 1 {
		plan, ok := h.boardPlan(m.Platform, m.ChatID)
		if !ok {
			r.Text = "No weekly board here. An admin sets one: " + r.say("board weekly sun 18")
		} else {
			r.Text = "The board goes out here every " + plan.when() + "."
		}
		t.replies = append(t.replies, r)
		return
	}
	if m.Group && !m.Admin {
		t.fail(base, "Only an admin of this chat sets the weekly board. Anyone may see it: "+base.say("board"))
		return
	}
	b := record.Board{Platform: m.Platform, ChatID: m.ChatID, Set: true, Posted: stored.Posted}
	if len(args) == 2 && args[1] == "off" {
		b.Off = true
		t.change.Board = &b
		h.boards.dirty = true
		r.Text = "The weekly board is off here; board still shows the week. Turn it on with: " + r.say("board weekly sun 18")
		t.replies = append(t.replies, r)
		return
	}
	day, ok := coach.ParseWeekday(args[1])
	if !ok {
		t.fail(base, "Which day? mon, tue, wed, thu, fri, sat or sun, then the hour. Try: "+base.say("board weekly sun 18"))
		return
	}
	hour := -1
	if len(args) == 3 {
		hour = parseHour(args[2])
	}
	if hour < 0 {
		t.fail(base, "Which hour? A whole hour from 0 to 23 after the day. Try: "+base.say("board weekly "+args[1]+" 18"))
		return
	}
	b.Day, b.Hour, b.TZ = day, hour, p.TZ
	t.change.Board = &b
	h.boards.dirty = true
	plan := boardPlan{Board: b, loc: p.loc}
	r.Text = "The board goes out here every " + plan.when() + " (your time zone; change it with " + r.say("settings tz") +
		" before this), first on " + plan.next(h.now()).Format("Mon 2 Jan") + ". Its week runs Monday to Sunday in that zone."
	t.replies = append(t.replies, r)
}

// parseHour reads an hour of the day: "18", "18:00", "6pm"; -1 for none.
func parseHour(s string) int {
	pm, am := strings.HasSuffix(s, "pm"), strings.HasSuffix(s, "am")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "pm"), "am")
	s = strings.TrimSuffix(s, ":00")
	n, err := strconv.Atoi(s)
	switch {
	case err != nil || n < 0 || n > 23:
		return -1
	case pm || am:
		if n < 1 || n > 12 {
			return -1
		}
		n %= 12
		if pm {
			n += 12
		}
	}
	return n
}

// showBoard answers board: the chat's week, built on a worker (it reads
// the history of every lifter on it).
func (h *Hub) showBoard(t *turn, base Reply, m Message, p prefs) {
	loc, name := p.loc, p.TZ
	if plan, ok := h.boardPlan(m.Platform, m.ChatID); ok {
		loc, name = plan.loc, plan.TZ
	}
	if name == "" {
		name = "UTC"
	}
	lifters := h.chatLifters(m.Platform, m.ChatID)
	now := h.now()
	t.slow = func(t *turn) {
		text, err := h.boardText(m.Platform, lifters, now, loc, name)
		if err != nil {
			h.log.Error("board", "err", err)
			t.fail(base, genericError)
			return
		}
		r := base
		r.Text = text
		t.replies = append(t.replies, r)
	}
}

// chatLifter is a lifter of a chat, as its session record names them.
type chatLifter struct {
	UserID, Name string
	Group        bool
}

// chatLifters are the lifters with a session record in the chat, by
// name. The hub's memory holds every record of a store it alone uses;
// a shared store is read, since other processes add records.
func (h *Hub) chatLifters(platform, chat string) []chatLifter {
	var out []chatLifter
	add := func(r *record.Session) {
		if r.Lifter.Platform == platform && r.Lifter.ChatID == chat {
			name := r.UserName
			if name == "" {
				name = r.Lifter.UserID
			}
			out = append(out, chatLifter{UserID: r.Lifter.UserID, Name: name, Group: r.Group})
		}
	}
	if h.shared == nil {
		for _, r := range h.sessions {
			add(r)
		}
	} else {
		recs, err := h.store.Sessions()
		if err != nil {
			h.log.Error("board: reading the chat's lifters", "err", err)
		}
		for i := range recs {
			add(&recs[i])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out
}

// boardText is the board of the week that holds now, in loc (named
// zoneName), of the lifters who opted in. It reads the store and is safe
// on a worker.
func (h *Hub) boardText(platform string, lifters []chatLifter, now time.Time, loc *time.Location, zoneName string) (string, error) {
	var on []coach.BoardLifter
	for _, l := range lifters {
		s, ok, err := h.store.Settings(platform, l.UserID)
		if err != nil {
			return "", err
		}
		if !ok || !s.Board {
			continue // not even their name
		}
		if !s.UnitSet {
			s.Unit = h.unit
		}
		sets, err := h.store.Sets(platform, l.UserID)
		if err != nil {
			return "", err
		}
		on = append(on, coach.BoardLifter{Name: l.Name, Unit: s.Unit, Lifts: lifts(sets)})
	}
	return coach.BuildBoard(on, now, loc, zoneName, h.coach.Defaults().Formula).Text(), nil
}

// when says when the post goes out: "Sunday at 18:00 (Europe/Berlin)".
func (p boardPlan) when() string {
	tz := p.TZ
	if tz == "" {
		tz = "UTC"
	}
	return fmt.Sprintf("%s at %02d:00 (%s)", p.Day, p.Hour, tz)
}

// last is the latest slot of the post at or before now.
func (p boardPlan) last(now time.Time) time.Time {
	n := now.In(p.loc)
	back := (int(n.Weekday()) - int(p.Day) + 7) % 7
	s := time.Date(n.Year(), n.Month(), n.Day()-back, p.Hour, 0, 0, 0, p.loc)
	if s.After(now) {
		s = time.Date(n.Year(), n.Month(), n.Day()-back-7, p.Hour, 0, 0, 0, p.loc)
	}
	return s
}

// next is the first slot of the post after now.
func (p boardPlan) next(now time.Time) time.Time {
	l := p.last(now).In(p.loc)
	return time.Date(l.Year(), l.Month(), l.Day()+7, p.Hour, 0, 0, 0, p.loc)
}

// week is the moment whose week a post at slot shows: the week so far
// on a Saturday or a Sunday, else the last whole week.
func (p boardPlan) week(slot time.Time) time.Time {
	switch slot.In(p.loc).Weekday() {
	case time.Saturday, time.Sunday:
		return slot
	}
	return slot.AddDate(0, 0, -7)
}

// storedBoard is the chat's stored schedule; ok is false for none.
func (h *Hub) storedBoard(platform, chat string) (record.Board, bool) {
	bs, err := h.store.Boards()
	if err != nil {
		h.log.Error("reading the boards", "err", err)
	}
	for _, b := range bs {
		if b.Platform == platform && b.ChatID == chat {
			return b, true
		}
	}
	return record.Board{}, false
}

// boardPlan is the chat's weekly post in effect; ok is false for none.
func (h *Hub) boardPlan(platform, chat string) (boardPlan, bool) {
	h.loadBoards(h.now())
	for _, p := range h.boards.plans {
		if p.Platform == platform && p.ChatID == chat {
			return p, true
		}
	}
	return boardPlan{}, false
}

// loadBoards rereads the schedules when they may have changed: at first,
// after a message changed one, and on a shared store every boardRefresh.
func (h *Hub) loadBoards(now time.Time) {
	bp := &h.boards
	if bp.loaded && !bp.dirty && (h.shared == nil || now.Sub(bp.refreshed) < boardRefresh) {
		return
	}
	stored, err := h.store.Boards()
	if err != nil {
		h.log.Error("reading the weekly boards", "err", err)
		return
	}
	bp.loaded, bp.dirty, bp.refreshed = true, false, now
	byChat := map[[2]string]record.Board{}
	for _, b := range stored {
		byChat[[2]string{b.Platform, b.ChatID}] = b
	}
	bp.plans = bp.plans[:0]
	add := func(b record.Board) {
		if b.Off {
			return
		}
		loc := time.UTC
		if b.TZ != "" {
			if l, ok := zone.Load(b.TZ); ok {
				loc = l
			}
		}
		bp.plans = append(bp.plans, boardPlan{Board: b, loc: loc})
	}
	for _, c := range bp.conf {
		k := [2]string{c.Platform, c.ChatID}
		s, ok := byChat[k]
		if ok && s.Set {
			continue // an admin's stands over it
		}
		c.Posted = s.Posted
		add(c)
		delete(byChat, k)
	}
	for _, s := range byChat {
		if s.Set {
			add(s)
		}
	}
	sort.Slice(bp.plans, func(i, j int) bool {
		a, b := bp.plans[i], bp.plans[j]
		return a.Platform+"\x00"+a.ChatID < b.Platform+"\x00"+b.ChatID
	})
}

// postBoards posts every weekly board whose hour has come and that has
// not gone out for it.
func (h *Hub) postBoards() {
	now := h.now()
	h.loadBoards(now)
	for i := range h.boards.plans {
		p := &h.boards.plans[i]
		slot := p.last(now)
		if !slot.After(p.Posted) || now.Sub(slot) > boardLate {
			continue
		}
		h.postBoard(p, slot, now)
		p.Posted = slot
	}
}

// postBoard posts one chat's board for its slot, once: its write carries
// an id made of the chat and the slot, which a second write refuses.
func (h *Hub) postBoard(p *boardPlan, slot, now time.Time) {
	lifters := h.chatLifters(p.Platform, p.ChatID)
	zoneName := p.TZ
	if zoneName == "" {
		zoneName = "UTC"
	}
	text, err := h.boardText(p.Platform, lifters, p.week(slot), p.loc, zoneName)
	if err != nil {
		h.log.Error("the weekly board was not posted", "platform", p.Platform, "chat", p.ChatID, "err", err)
		return
	}
	group := false
	for _, l := range lifters {
		group = group || l.Group
	}
	// The configured schedule is stored only for when it last went out:
	// it stands as long as the configuration says it. An admin's is kept
	// as they left it.
	posted := record.Board{Platform: p.Platform, ChatID: p.ChatID, Day: p.Day, Hour: p.Hour, TZ: p.TZ}
	if stored, ok := h.storedBoard(p.Platform, p.ChatID); ok && stored.Set {
		posted = stored
	}
	posted.Posted = slot
	t := turn{change: record.Change{SeenPlatform: p.Platform, SeenID: boardSeenID(p.ChatID, slot), Board: &posted}}
	t.replies = []Reply{{Platform: p.Platform, ChatID: p.ChatID, Group: group, Text: weeklyTitle(text)}}
	h.keep(&t, now)
	err = h.store.Apply(t.change)
	switch {
	case errors.Is(err, record.ErrSeen):
		return // another process posted it
	case err != nil:
		h.log.Error("the weekly board was not posted", "platform", p.Platform, "chat", p.ChatID, "err", err)
		return
	}
	it := outItem{reply: t.replies[0], at: now}
	if len(t.stored) > 0 {
		it.stored = t.stored[0]
	}
	h.out.enqueue(it)
}

// boardSeenID is the message id of a chat's post for its slot.
func boardSeenID(chat string, slot time.Time) string {
	return "board/" + chat + "/" + slot.UTC().Format(time.RFC3339)
}

// weeklyTitle is a board's text as the weekly post: "Weekly board, ...".
func weeklyTitle(text string) string {
	if rest, ok := strings.CutPrefix(text, "Board, "); ok {
		return "Weekly board, " + rest
	}
	return text
}

// nextWake is when the hub must wake next: the next rest ping or the
// next weekly board, whichever comes first; ok is false for neither.
func (h *Hub) nextWake() (time.Time, bool) {
	due, ok := h.sched.next()
	now := h.now()
	for i := range h.boards.plans {
		n := h.boards.plans[i].next(now)
		if !ok || n.Before(due) {
			due, ok = n, true
		}
	}
	if h.shared != nil && h.boards.loaded {
		if n := h.boards.refreshed.Add(boardRefresh); !ok || n.Before(due) {
			due, ok = n, true
		}
	}
	return due, ok
}
