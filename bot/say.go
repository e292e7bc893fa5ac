package bot

import "strings"

// Say is cmd written so that it reaches the bot in a chat of this style:
// "done 8" as it is in a private chat; "/done 8" where commands need a
// slash (Discord); "/done@SpotterBot 8" in a Telegram group, where the
// privacy mode lets only commands addressed to the bot through.
func (s CommandStyle) Say(cmd string) string {
	if !s.Slash || cmd == "" {
		return cmd
	}
	verb, rest, _ := strings.Cut(cmd, " ")
	verb = "/" + strings.TrimPrefix(verb, "/")
	if s.Bot != "" {
		verb += "@" + s.Bot
	}
	if rest == "" {
		return verb
	}
	return verb + " " + rest
}

// say is cmd as the reply's chat needs it written (Say).
func (r *Reply) say(cmd string) string { return r.style.Say(cmd) }

// stepHint is the line under a guided session's step: how to report it.
func (r *Reply) stepHint() string {
	if r.style.Slash {
		return "Tap a button, or send " + r.say("done N") + " (reps), " + r.say("skip") + " or " + r.say("stop") + "."
	}
	return "Say done N (reps), skip or stop."
}
