package store_test

import (
	"path/filepath"
	"testing"

	"github.com/spotter-coach/spotter/bot"
	"github.com/spotter-coach/spotter/store"
	"github.com/spotter-coach/spotter/store/storetest"
)

// The bbolt store passes the conformance suite over real files.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (bot.Store, func() bot.Store) {
		path := filepath.Join(t.TempDir(), "spotter.db")
		open := func() *store.DB {
			db, err := store.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
		db := open()
		t.Cleanup(func() { db.Close() })
		return db, func() bot.Store {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			db = open()
			return db
		}
	})
}
