package discord

import (
	"net/http"
	"testing"
)

type recordRT struct{ got []string }

func (r *recordRT) RoundTrip(req *http.Request) (*http.Response, error) {
	r.got = append(r.got, req.Method+" "+req.URL.String())
	return &http.Response{StatusCode: 204, Body: http.NoBody, Request: req}, nil
}

func TestRewriterPointsRESTAtAPIURL(t *testing.T) {
	for _, tc := range []struct{ base, in, want string }{
		{"http://127.0.0.1:8080/api/v9/", "https://discord.com/api/v9/channels/1/messages", "http://127.0.0.1:8080/api/v9/channels/1/messages"},
		{"http://nirn:8080/api/v9", "https://discord.com/api/v9/webhooks/1/tok/messages/@original?wait=true", "http://nirn:8080/api/v9/webhooks/1/tok/messages/@original?wait=true"},
		{"https://proxy.example/discord/", "https://discord.com/api/v9/gateway/bot", "https://proxy.example/discord/gateway/bot"},
		{"http://127.0.0.1:1/api/v9/", "https://cdn.discordapp.com/avatars/1/2.png", "https://cdn.discordapp.com/avatars/1/2.png"},
	} {
		rec := &recordRT{}
		rt, err := newRewriter(tc.base, rec)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", tc.in, nil)
		if _, err := rt.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
		if rec.got[0] != "GET "+tc.want {
			t.Errorf("%s via %s: %s, want %s", tc.in, tc.base, rec.got[0], tc.want)
		}
		if req.URL.String() != tc.in {
			t.Errorf("the caller's request was changed")
		}
	}
	for _, bad := range []string{"127.0.0.1:8080", "ftp://x/", "http://", "http://u:p@h/", "http://h/?q=1"} {
		if _, err := newRewriter(bad, nil); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestNewValidates(t *testing.T) {
	ok := Config{Token: "Bot abc"}
	a, err := New(ok, nopHandler{}, nil)
	if err != nil || a.token != "Bot abc" || a.Pace() == nil {
		t.Fatalf("New: %v", err)
	}
	if a.intents()&(1<<15) != 0 {
		t.Error("MESSAGE_CONTENT requested without a prefix")
	}
	a, _ = New(Config{Token: "abc", Prefix: "!"}, nopHandler{}, nil)
	if a.token != "Bot abc" || a.intents()&(1<<15) == 0 {
		t.Error("a prefix needs MESSAGE_CONTENT")
	}
	for _, bad := range []Config{{}, {Token: "a b"}, {Token: "t", GuildIDs: []string{"guild"}}, {Token: "t", Shards: -1}, {Token: "t", Prefix: " "}, {Token: "t", APIURL: "nope"}} {
		if _, err := New(bad, nopHandler{}, nil); err == nil {
			t.Errorf("%+v: want an error", bad)
		}
	}
	if _, err := New(ok, nil, nil); err == nil {
		t.Error("nil handler accepted")
	}
}
