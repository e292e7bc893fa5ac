package config

import (
	"net/url"
	"strings"
)

// storeTable is the [store] table: where lifters' data lasts.
type storeTable struct {
	// URL is a PostgreSQL database ("postgres://user:pass@host/db") that
	// several Spotter processes may share; empty is the bbolt data file.
	URL string `toml:"url"`
}

// storeURLEnv names the environment variable that wins over [store] url,
// so that a password need not be written in a file.
const storeURLEnv = "SPOTTER_STORE_URL"

func (st storeTable) check(fail failFunc) error {
	if st.URL == "" {
		return nil
	}
	if !isPostgresURL(st.URL) {
		return fail("store.url", "%q is not a postgres:// URL (leave it out to keep the data file)", redactURL(st.URL))
	}
	return nil
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// storePassword is the password in a store URL, for the secrets the logs
// never show; "" when it has none.
func storePassword(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return ""
	}
	p, _ := u.User.Password()
	return p
}

// redactURL is s without its password, for error messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(an unreadable URL)"
	}
	return u.Redacted()
}
