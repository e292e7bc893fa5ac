package config

import (
	"log/slog"
	"net"
	"os"
	"strings"
)

// Ops is the [ops] table: the operator's HTTP endpoint.
type Ops struct {
	// Listen is the address of the ops server ("127.0.0.1:9090"); off when empty.
	Listen string `toml:"listen"`
	// BackupToken is the bearer token /backup asks for; SPOTTER_OPS_TOKEN
	// in the environment wins over it (ApplyEnv). It is one of Secrets.
	BackupToken string `toml:"backup_token"`
}

// minOpsToken is the shortest backup token taken: /backup may face a
// network, so the token must not be guessable.
const minOpsToken = 16

// opsTokenEnv names the environment variable that holds the backup token.
const opsTokenEnv = "SPOTTER_OPS_TOKEN"

// check refuses a backup token too weak to guard every lifter's data, and
// a listen address beyond loopback while /backup has no token. The
// environment's token counts, since ApplyEnv puts it in place before the
// endpoint starts.
func (o Ops) check(fail failFunc) error {
	token := o.BackupToken
	if env := os.Getenv(opsTokenEnv); env != "" {
		if !goodToken(env) {
			return fail("ops.backup_token", "%s is not a token: at least %d characters, no spaces (try: openssl rand -hex 16)", opsTokenEnv, minOpsToken)
		}
		token = env
	} else if token != "" && !goodToken(token) {
		// The token itself stays out of the message, which may be logged.
		return fail("ops.backup_token", "not a token: at least %d characters, no spaces (try: openssl rand -hex 16)", minOpsToken)
	}
	if o.Listen != "" && token == "" && !loopback(o.Listen) {
		return fail("ops.listen", "%q is not a loopback address: /backup would hand every lifter's data to anyone who reaches it; "+
			"set ops.backup_token (or %s), or listen on 127.0.0.1", o.Listen, opsTokenEnv)
	}
	return nil
}

// goodToken reports whether s is long enough and fits an Authorization
// header as it is: printable ASCII without spaces.
func goodToken(s string) bool {
	if len(s) < minOpsToken {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// Log is the [log] table.
type Log struct {
	Format string `toml:"format"` // "text" (default) or "json"
	Level  string `toml:"level"`  // "debug", "info" (default), "warn", "error"
}

// check refuses a level or a format the logger does not know, naming the
// key, so that a bad [log] table stops the bot before it chats.
func (l Log) check(fail failFunc) error {
	if l.Level != "" {
		var level slog.Level
		if err := level.UnmarshalText([]byte(l.Level)); err != nil {
			return fail("log.level", "%q is not debug, info, warn or error", l.Level)
		}
	}
	switch l.Format {
	case "", "text", "json":
	default:
		return fail("log.format", "%q is not text or json", l.Format)
	}
	return nil
}

// loopback reports whether addr ("host:port") is reachable from this
// machine only: a loopback IP or "localhost". An empty host (":9090")
// listens on every interface, and another host name may resolve anywhere.
// The ops server holds its address to the same rule (ops.LoopbackAddr);
// the check here names the file's line before anything starts.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
