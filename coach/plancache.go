package coach

import "sync"

// planCacheSize bounds the plans kept; when full the cache starts over.
const planCacheSize = 4096

// planKey is everything a plan depends on. It is comparable, so a lookup
// allocates nothing.
type planKey struct {
	gym       *Gym
	technique Technique
	preset    string
	load      float64
	unit      Unit
	reps      int
	exercise  *Exercise
	equipment Equipment
	opts      Options
}

// planCache keeps plans already made: in a gym chat the same commands come
// again and again. Plans are immutable, so one can be shared. Safe for
// concurrent use.
type planCache struct {
	mu sync.Mutex
	m  map[planKey]*Plan
}

func (pc *planCache) get(k planKey) (*Plan, bool) {
	pc.mu.Lock()
	p, ok := pc.m[k]
	pc.mu.Unlock()
	return p, ok
}

func (pc *planCache) put(k planKey, p *Plan) {
	pc.mu.Lock()
	if pc.m == nil || len(pc.m) >= planCacheSize {
		pc.m = make(map[planKey]*Plan, 64)
	}
	pc.m[k] = p
	pc.mu.Unlock()
}
