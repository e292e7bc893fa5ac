package bot

import (
	"time"

	"github.com/spotter-coach/spotter/coach"
)

// Message is one thing a lifter said or pressed, as an adapter hands it to
// the hub. A button press is a Message too, with the button's Data as Text.
type Message struct {
	Platform string // "console", "telegram", "discord"
	ChatID   string
	UserID   string
	UserName string
	Text     string
	Group    bool   // a group chat or channel, not a private chat
	ID       string // the platform's id of the message or update, for deduplication
	// Space is where the chat belongs: a Discord server's id; empty means
	// the chat itself. A server's gym equipment applies to all its channels.
	Space string
	// Admin is set by the adapter when the sender may change the chat's
	// settings (a Discord member with Manage Server, a Telegram group admin).
	Admin bool
	// File is a document the lifter attached (a CSV to import), already
	// downloaded by the adapter.
	File *File
	// Slash is set when the message came from a slash command or a button,
	// where the platform can answer privately (Discord's ephemeral replies).
	Slash bool
	// Ref is the platform's id of the lifter's own message (Telegram's
	// message_id, a Discord message's id), which the replies answer
	// (Reply.ReplyTo); empty for a button press or a slash command.
	Ref string
	// Pressed is, for a button press, the platform's id of the message the
	// button sits on: the answer to a press on a running session's step
	// edits that message in place (Reply.Edit).
	Pressed string
	// Commands is how a command must be written in this chat to reach the
	// bot: the hub's hints ("say done N") follow it.
	Commands CommandStyle
}

// CommandStyle is how commands reach the bot in a chat. The zero value is
// plain words ("done 8"), as in the console and a private chat.
type CommandStyle struct {
	// Slash: commands start with a slash ("/done 8").
	Slash bool
	// Bot, with Slash, follows the command's first word so that it reaches
	// this bot under Telegram's privacy mode in groups ("/done@SpotterBot 8").
	Bot string
}

// File is a file in a message or a reply.
type File struct {
	Name string // "chart.png", "spotter-export.csv"
	MIME string // "image/png", "text/csv"
	Data []byte
	// Path is where the console wrote it; empty elsewhere.
	Path string
}

// Reply is the hub's platform-neutral answer. Adapters render it in their
// own markup and escape the text.
type Reply struct {
	Platform string
	ChatID   string
	// To is the lifter the reply answers or pings.
	To User
	// Text is plain text: adapters escape it.
	Text string
	// Plan is the plan the text shows, when there is one.
	Plan *coach.Plan
	// Error marks a reply that says what was wrong with the message.
	Error bool
	// Private marks personal data: adapters show it to the lifter alone
	// where the platform can.
	Private bool
	// Buttons are rows of buttons under the text.
	Buttons [][]Button
	// Anyone marks Buttons that act for whoever presses them (a class
	// round's Join and its steps' reps, class.go), not for To alone.
	Anyone bool `json:",omitempty"`
	// Group is true for a group chat or channel (it is paced as one).
	Group bool
	// Pings are rest-over calls, one per lifter, each mentioning its
	// lifter; several that fall due together share one Reply. Text then
	// holds the same lines in plain form ("ana: GO: ...").
	Pings []Ping
	// Interaction is set when the reply answers a slash command or a
	// button press (Message.Slash): Discord sends it as the interaction's
	// response, which its channel message pace does not count.
	Interaction bool
	// InReplyTo is the ID of the Message this reply answers; empty for
	// pings, which answer no message.
	InReplyTo string
	// ReplyTo is the platform's id of the message this reply answers
	// (Message.Ref, or the message whose button was pressed): Telegram
	// sends it as a reply to that message, Discord with a reference to it,
	// so that in a busy group everyone sees whose answer it is. A reply
	// to a message that is gone is sent all the same.
	ReplyTo string
	// Edit is the platform's id of a message this reply replaces in place:
	// the message whose button was pressed, when the reply is the press's
	// answer about the same session. Only button presses edit: a typed
	// command is always answered with a new message, which notifies and
	// stands below the lifter's own. Where the message can no longer be
	// edited, the reply is a new message.
	Edit string
	// React is an emoji that may stand for the whole reply in a group: a
	// platform that can react (Telegram, Discord) puts it on ReplyTo's
	// message and sends no Text; Text is the answer everywhere else, and
	// when the reaction is refused.
	React string
	// Session marks a reply about a running session (its step, buttons).
	Session string
	// Replace names a message that this reply brings up to date, such as
	// the progress of a long import: the first reply with a name, in a
	// chat, is sent as a new message, and each later one with the same
	// name edits that message in place where the platform can (Telegram,
	// Discord). Where it cannot (the console), or no longer can (the
	// message is too old or gone, or the adapter restarted), the reply is
	// a new message. The hub picks names no other message uses.
	Replace string
	// Image is a picture to show with the text (a chart, PNG).
	Image *File
	// File is a document to send with the text (an export, CSV).
	File *File
	// style is how commands are written in the chat the reply goes to
	// (Message.Commands), for the hints it gives (say.go).
	style CommandStyle
	// Until marks the end of a rest that Text shows as a clock time in
	// the lifter's zone ("until 18:04:30"), which reads right as it is;
	// a platform whose clients can count down to a time on their own
	// (Discord) shows that instead. Nothing edits the message as the
	// rest runs.
	Until *Until
}

// Until is a moment Text names, and the words in Text that name it.
type Until struct {
	At   time.Time
	Text string // "until 18:04:30", as it stands in Reply.Text
}

// Keyboard is the rows of buttons to show under the reply: Buttons, or,
// on a message that carries one ping and nothing else, that ping's own.
// Merged pings of several lifters show none of theirs: a ping's buttons
// act for its lifter (they offer that lifter's rep counts), and one
// message's buttons can act for one lifter only, or for anyone.
func (r *Reply) Keyboard() [][]Button {
	if len(r.Buttons) == 0 && len(r.Pings) == 1 && r.Pings[0].To == r.To {
		return r.Pings[0].Buttons
	}
	return r.Buttons
}

// Ping tells one lifter that a rest is over.
type Ping struct {
	To   User
	Text string // "GO: mini-set 2, 100 kg, as many as you can"
	// Buttons are the announced step's buttons, for To alone (Keyboard).
	Buttons [][]Button
	// Shared marks Buttons that act for whoever presses them (a class
	// round's step): a merged message of such pings keeps them.
	Shared bool `json:",omitempty"`
}

// ButtonOwner is the user whose presses the reply's buttons act for: To,
// or "" for anyone (Anyone, or a message of several lifters' lines).
func (r *Reply) ButtonOwner() string {
	if r.Anyone {
		return ""
	}
	return r.To.ID
}

// User is a lifter on one platform.
type User struct {
	ID   string
	Name string
}

// Button is a button whose press comes back as a Message with Data as its Text.
type Button struct {
	Label string
	Data  string
}
