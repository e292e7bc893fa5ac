package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spotter-coach/spotter/ops"
)

// hostileNumbers are spellings TOML (or strconv.ParseFloat) takes as
// numbers, or nearly, but no admin means: each is refused wherever the
// file holds a number, with an Error naming the line and the key.
var hostileNumbers = []string{"nan", "NaN", "inf", "+Inf", "-inf", "+nan", "1e309", "0x10", "0o17", "0b101", "1_000", "1e-10", "2E1"}

// load writes toml to a file and loads it.
func load(t *testing.T, toml string) (Config, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spotter.toml")
	if err := os.WriteFile(path, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	return Load(path)
}

// refused checks that err is one *Error on line for key.
func refused(t *testing.T, toml string, err error, line int, key string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%q: %v; want an *Error", toml, err)
		return
	}
	if e.Line != line || !strings.HasPrefix(e.Key, key) || !strings.HasPrefix(e.Error(), filepath.Base(e.File)) && !strings.Contains(e.Error(), e.File) {
		t.Errorf("%q: %v (line %d, key %q); want line %d, key %s", toml, err, e.Line, e.Key, line, key)
	}
}

func TestHostileNumbersInTheFile(t *testing.T) {
	t.Setenv(opsTokenEnv, "")
	places := []struct {
		toml string // %s is the number
		line int    // the key's line (the value's, for TOML's own errors)
		key  string // the key, as far as TOML's own errors name it
	}{
		{"unit = \"kg\"\n[drop]\npercent = %s\n", 3, "drop.percent"},
		{"[drop]\ndrops = %s\n", 2, "drop.drops"},
		{"[rest_pause]\nmini_sets = %s\n", 2, "rest_pause.mini_sets"},
		{"[[preset]]\nname = \"x\"\ntechnique = \"drop\"\npercent = %s\n", 4, "preset"},
		{"[telegram]\nchat_messages_per_second = %s\n", 2, "telegram.chat_messages_per_second"},
		{"[telegram]\ngroup_messages_per_minute = %s\n", 2, "telegram.group_messages_per_minute"},
		{"[discord]\nchannel_messages_per_5s = %s\n", 2, "discord.channel_messages_per_5s"},
		{"[discord]\nshards = %s\n", 2, "discord.shards"},
		{"[equipment.kg]\nbar = %s\n", 2, "equipment.kg.bar"},
		{"[equipment.lb]\n\nleg_press_sled = %s\n", 3, "equipment.lb.leg_press_sled"},
		{"[equipment.kg]\nplates = [20, %s]\n", 2, "equipment.kg.plates"},
		{"[equipment.kg]\ndumbbells = [ 10,\n  %s,\n]\n", 2, "equipment.kg.dumbbells"},
		{"[equipment.kg]\nmachine = { min = 5, max = %s, step = 5 }\n", 2, "equipment.kg.machine"},
		{"[equipment.kg]\ncable = { min = 5,\n max = 100, step = %s }\n", 3, "equipment.kg.cable"},
		{"[equipment.kg.plate_pairs]\n\"20\" = 2\n\"%s\" = 2\n", 3, "equipment.kg.plate_pairs"},
		{"[equipment.kg.plate_pairs]\n\"20\" = %s\n", 2, "equipment.kg.plate_pairs"},
	}
	for _, p := range places {
		for _, n := range hostileNumbers {
			toml := strings.ReplaceAll(p.toml, "%s", n)
			cfg, err := load(t, toml)
			if err == nil {
				t.Errorf("%q loaded: %+v", toml, cfg)
				continue
			}
			// TOML's own syntax errors (NaN, +Inf) place themselves at
			// the value; the rest are placed at their key.
			line := p.line
			if strings.Contains(toml, "[ 10,") && !strings.Contains(err.Error(), "plain decimal") {
				line++ // TOML's own errors are placed at the value
			}
			refused(t, toml, err, line, "")
			if n != "NaN" && n != "+Inf" && !strings.Contains(err.Error(), p.key) {
				t.Errorf("%q: %v; want the key %s", toml, err, p.key)
			}
		}
	}
}

// Every rate is bounded: none can overflow the pace it becomes (1e-10
// messages a second once made the pace negative, which removed it), and
// none can go faster than the platform lets the whole bot.
func TestRatesAreBounded(t *testing.T) {
	t.Setenv(opsTokenEnv, "")
	for _, tc := range []struct {
		toml string
		ok   bool
	}{
		{"[telegram]\nchat_messages_per_second = 0.0000000001\n", false},
		{"[telegram]\nchat_messages_per_second = 0\n", false},
		{"[telegram]\nchat_messages_per_second = -1\n", false},
		{"[telegram]\nchat_messages_per_second = 0.09\n", false},
		{"[telegram]\nchat_messages_per_second = 0.1\n", true},
		{"[telegram]\nchat_messages_per_second = 30\n", true},
		{"[telegram]\nchat_messages_per_second = 30.5\n", false},
		{"[telegram]\nchat_messages_per_second = 99999999999999999999999\n", false},
		{"[telegram]\ngroup_messages_per_minute = 0\n", false},
		{"[telegram]\ngroup_messages_per_minute = 1\n", true},
		{"[telegram]\ngroup_messages_per_minute = 1800\n", true},
		{"[telegram]\ngroup_messages_per_minute = 1801\n", false},
		{"[telegram]\ngroup_messages_per_minute = -5\n", false},
		{"[discord]\nchannel_messages_per_5s = 0\n", false},
		{"[discord]\nchannel_messages_per_5s = 1\n", true},
		{"[discord]\nchannel_messages_per_5s = 250\n", true},
		{"[discord]\nchannel_messages_per_5s = 251\n", false},
		{"[discord]\nchannel_messages_per_5s = 9223372036854775807\n", false},
	} {
		cfg, err := load(t, tc.toml)
		if !tc.ok {
			key := strings.TrimPrefix(strings.SplitN(tc.toml, "\n", 2)[0], "[")
			key = strings.TrimSuffix(key, "]") + "." + strings.Fields(strings.SplitN(tc.toml, "\n", 3)[1])[0]
			refused(t, tc.toml, err, 2, key)
			if err != nil && !strings.Contains(err.Error(), key) {
				t.Errorf("%q: %v; want the key %s", tc.toml, err, key)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tc.toml, err)
			continue
		}
		for _, w := range append(slices.Clone(cfg.Telegram.Pace), cfg.Discord.Pace...) {
			if w.N < 1 || w.Per <= 0 || w.Per > time.Minute {
				t.Errorf("%q: pace window %+v", tc.toml, w)
			}
		}
	}
}

func TestOpsListenBeyondLoopbackNeedsAToken(t *testing.T) {
	t.Setenv(opsTokenEnv, "")
	const token = "4f3c9a0e2b7d6c5a1e8f"
	for _, addr := range []string{"127.0.0.1:9090", "[::1]:9090", "localhost:9090", "127.0.0.2:9090"} {
		if _, err := load(t, "[ops]\nlisten = \""+addr+"\"\n"); err != nil {
			t.Errorf("loopback %s: %v", addr, err)
		}
	}
	for _, addr := range []string{"0.0.0.0:9090", ":9090", "[::]:9090", "192.168.1.5:9090", "ops.example.com:9090", "9090"} {
		toml := "# ops\n[ops]\nlisten = \"" + addr + "\"\n"
		_, err := load(t, toml)
		refused(t, toml, err, 3, "ops.listen")
		if err != nil && !strings.Contains(err.Error(), "backup_token") {
			t.Errorf("%s: %v; want it to name the way out", addr, err)
		}
		cfg, err := load(t, toml+"backup_token = \""+token+"\"\n")
		if !strings.HasPrefix(addr, "9090") && (err != nil || cfg.Ops.BackupToken != token) {
			t.Errorf("%s with a token: %v", addr, err)
		}
	}
	// A token too short to guard every lifter's data, or with a space, is
	// refused, and the message does not show it.
	for _, weak := range []string{"secret", "correct horse battery staple"} {
		toml := "[ops]\nlisten = \"0.0.0.0:9090\"\nbackup_token = \"" + weak + "\"\n"
		_, err := load(t, toml)
		refused(t, toml, err, 3, "ops.backup_token")
		if err != nil && strings.Contains(err.Error(), weak) {
			t.Errorf("the error shows the token: %v", err)
		}
	}

	// The environment's token counts, and wins.
	t.Setenv(opsTokenEnv, token)
	cfg, err := load(t, "[ops]\nlisten = \"0.0.0.0:9090\"\n")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ApplyEnv(os.Getenv)
	if cfg.Ops.BackupToken != token || !slices.Contains(cfg.Secrets(), token) {
		t.Errorf("ops %+v; secrets %q", cfg.Ops, cfg.Secrets())
	}
	t.Setenv(opsTokenEnv, "short")
	_, err = load(t, "[ops]\nlisten = \"0.0.0.0:9090\"\n")
	refused(t, "SPOTTER_OPS_TOKEN=short", err, 1, "ops.backup_token")
}

// The backup token is a secret: the logger built from the configuration
// never writes it.
func TestBackupTokenNeverReachesTheLog(t *testing.T) {
	t.Setenv(opsTokenEnv, "")
	const token = "4f3c9a0e2b7d6c5a1e8f"
	cfg, err := load(t, "[ops]\nlisten = \"0.0.0.0:9090\"\nbackup_token = \""+token+"\"\n")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	log, err := ops.NewLogger(&buf, ops.LogConfig{Format: "json"}, cfg.Secrets())
	if err != nil {
		t.Fatal(err)
	}
	log.Info("starting with "+token, "auth", "Bearer "+token, "err", errors.New("refused "+token))
	if strings.Contains(buf.String(), token) || strings.Count(buf.String(), "<redacted>") != 3 {
		t.Errorf("log: %s", buf.String())
	}
}
