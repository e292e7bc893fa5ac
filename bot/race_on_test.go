//go:build race

package bot

// raceSlowdown is how much slower the race detector makes the store's
// work, for the few tests that bound a real shutdown's wall-clock time.
const raceSlowdown = 5
