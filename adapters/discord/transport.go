package discord

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// rewriter is an http.RoundTripper that sends every request for
// Discord's REST API (discordgo's EndpointAPI, "https://discord.com/api/v9/")
// to another base URL, such as a rate-limit proxy or a test fake, keeping
// the rest of the path and the query. Other requests (the CDN) pass
// through. It is safe for concurrent use.
type rewriter struct {
	from *url.URL // discordgo's API base
	to   *url.URL // the configured base, path ending in "/"
	next http.RoundTripper
}

// newRewriter checks base and builds the rewriter. discordgo's package
// endpoints are only read, never changed.
func newRewriter(base string, next http.RoundTripper) (*rewriter, error) {
	to, err := url.Parse(base)
	if err != nil || (to.Scheme != "http" && to.Scheme != "https") || to.Host == "" {
		return nil, fmt.Errorf("discord: api_url %q: want an http(s) URL such as http://localhost:8080/api/v9/", base)
	}
	if to.User != nil || to.RawQuery != "" || to.Fragment != "" {
		return nil, errors.New("discord: api_url: no user info, query or fragment, please")
	}
	if !strings.HasSuffix(to.Path, "/") {
		to.Path += "/"
		to.RawPath = ""
	}
	from, err := url.Parse(discordgo.EndpointAPI)
	if err != nil {
		return nil, fmt.Errorf("discord: discordgo's API endpoint: %w", err)
	}
	return &rewriter{from: from, to: to, next: next}, nil
}

// RoundTrip rewrites the request's scheme, host and path prefix.
func (t *rewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL
	rest, ok := strings.CutPrefix(u.EscapedPath(), t.from.EscapedPath())
	if !ok || u.Host != t.from.Host || u.Scheme != t.from.Scheme {
		return t.next.RoundTrip(req)
	}
	nu, err := url.Parse(t.to.Scheme + "://" + t.to.Host + t.to.EscapedPath() + rest)
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, errors.New("discord: rewriting a request URL failed")
	}
	nu.RawQuery = u.RawQuery
	r2 := req.Clone(req.Context())
	r2.URL = nu
	r2.Host = ""
	return t.next.RoundTrip(r2)
}
