//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

import (
	"errors"
	"os"
	"time"
)

// errLockTimeout means another process held the file for the whole wait.
var errLockTimeout = errors.New("lock timeout")

// lockShared does nothing where flock is not the lock bbolt takes; the
// read-only bbolt open after the walk still waits for a writer.
func lockShared(*os.File, time.Duration) error { return nil }
