package pg

import "time"

// SetClock makes db reckon leases by now (the tests of package pg_test
// play processes whose clocks run ahead).
func SetClock(db *DB, now func() time.Time) { db.now = now }

// Migrations are the schema's upgrade steps, for tests that make a
// database of an older schema.
var Migrations = migrations
