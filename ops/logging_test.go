package ops

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
)

func TestLogsNeverShowSecrets(t *testing.T) {
	const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		log, err := NewLogger(&buf, LogConfig{Format: format, Level: "debug"}, []string{token})
		if err != nil {
			t.Fatal(err)
		}
		err = fmt.Errorf("post https://api.telegram.org/bot%s/sendMessage: %w", token, errors.New("timeout"))
		log.Error("send failed: "+token, "err", err, "url", "https://api.telegram.org/bot"+token, slog.Group("req", "token", token))
		log.With("token", token).Info("with attrs")
		out := buf.String()
		if strings.Contains(out, token) || strings.Contains(out, "AAHdqTcvCH1") {
			t.Errorf("%s log shows the token:\n%s", format, out)
		}
		if !strings.Contains(out, "<redacted>") || !strings.Contains(out, "timeout") {
			t.Errorf("%s log lost the rest of the line:\n%s", format, out)
		}
	}
	if _, err := NewLogger(io.Discard, LogConfig{Level: "loud"}, nil); err == nil {
		t.Error("a bad level was accepted")
	}
}

// TestShortSecretsAreKept: an empty or tiny "secret" (an unset token)
// must not blank out ordinary words.
func TestShortSecretsAreKept(t *testing.T) {
	var buf bytes.Buffer
	log, err := NewLogger(&buf, LogConfig{}, []string{"", "ab"})
	if err != nil {
		t.Fatal(err)
	}
	log.Info("about a cab", "who", "ab")
	if out := buf.String(); strings.Contains(out, "<redacted>") || !strings.Contains(out, "about a cab") {
		t.Errorf("short secrets changed the line:\n%s", out)
	}
}

func TestLogSettingsRefused(t *testing.T) {
	for _, c := range []struct {
		cfg      LogConfig
		key, msg string
	}{
		{LogConfig{Level: "loud"}, "log.level", `log.level: "loud" is not debug, info, warn or error`},
		{LogConfig{Format: "xml"}, "log.format", `log.format: "xml" is not text or json`},
	} {
		_, err := NewLogger(io.Discard, c.cfg, nil)
		var se *SettingError
		if !errors.As(err, &se) || se.Key != c.key || err.Error() != c.msg {
			t.Errorf("%+v: %v, want %s", c.cfg, err, c.msg)
		}
	}
	for _, ok := range []LogConfig{{}, {Format: "json", Level: "warn"}, {Format: "text", Level: "error"}} {
		if _, err := NewLogger(io.Discard, ok, nil); err != nil {
			t.Errorf("%+v: %v", ok, err)
		}
	}
	var buf bytes.Buffer
	log, _ := NewLogger(&buf, LogConfig{Level: "warn"}, nil)
	log.Info("quiet")
	log.Warn("loud")
	if out := buf.String(); strings.Contains(out, "quiet") || !strings.Contains(out, "loud") {
		t.Errorf("level warn wrote:\n%s", out)
	}
}
