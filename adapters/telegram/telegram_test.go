package telegram

import (
	"slices"
	"strings"
	"testing"
)

func TestNewChecksConfig(t *testing.T) {
	h := newRecorder()
	for _, tc := range []struct {
		name string
		cfg  Config
		want string // in the error; "" for none
	}{
		{"poll", Config{Token: fakeToken}, ""},
		{"no token", Config{}, "no token"},
		{"bad token", Config{Token: "secret-but-typo'd"}, "does not look like"},
		{"bad mode", Config{Token: fakeToken, Mode: "push"}, "mode"},
		{"bad api url", Config{Token: fakeToken, APIURL: "api.telegram.org"}, "api_url"},
		{"webhook without url", Config{Token: fakeToken, Mode: "webhook", WebhookSecret: "abc"}, "webhook_url"},
		{"webhook without secret", Config{Token: fakeToken, Mode: "webhook", WebhookURL: "https://x.example/hook"}, "webhook_secret"},
		{"webhook bad secret", Config{Token: fakeToken, Mode: "webhook", WebhookURL: "https://x.example/hook", WebhookSecret: "no spaces"}, "webhook_secret"},
		{"webhook", Config{Token: fakeToken, Mode: "webhook", WebhookURL: "https://x.example/hook", WebhookSecret: "ok_1-2"}, ""},
	} {
		a, err := New(tc.cfg, h, nil)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want one about %q", tc.name, err, tc.want)
		case err != nil && tc.cfg.Token != "" && strings.Contains(err.Error(), tc.cfg.Token):
			t.Errorf("%s: the error shows the token", tc.name)
		case err == nil && a.Pace() == nil:
			t.Errorf("%s: no pace", tc.name)
		}
	}
	if _, err := New(Config{Token: fakeToken}, nil, nil); err == nil {
		t.Error("no handler accepted")
	}
	a, _ := New(Config{Token: fakeToken}, h, nil)
	if !slices.Equal(a.Pace(), Pace) || a.apiURL != DefaultAPIURL {
		t.Errorf("defaults: pace %v, url %q", a.Pace(), a.apiURL)
	}
}
