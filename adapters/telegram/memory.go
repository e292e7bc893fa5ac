package telegram

import (
	"container/list"
	"sync"
)

// memoryCap bounds each of the adapter's in-memory tables; the oldest
// entries go first. Losing one only means a new message instead of an
// edit, a reply sent again whole, or one more getChatMember. (Whose
// buttons a message carries is not here: the buttons say it themselves,
// see encodeCallback. Which message a button press edits is not here
// either: the hub says it, Reply.Edit.)
const memoryCap = 4096

// replaceKey names the message a Replace name went to in one chat.
type replaceKey struct{ chat, name string }

// progress is how far a reply that failed part-way got: the outbox sends
// the same reply again, and the parts already delivered are skipped.
type progress struct {
	key  uint64 // fingerprint of the reply
	done int    // parts delivered
}

// memory is what the adapter remembers of its own messages: the messages
// replies name to bring up to date (bot.Reply.Replace), and the progress
// of a reply that failed part-way. Both only save messages: after a
// restart the adapter posts anew. It is safe for concurrent use.
type memory struct {
	mu       sync.Mutex
	replaced *lru[replaceKey, int]
	partial  *lru[string, progress]
}

func newMemory() *memory {
	return &memory{
		replaced: newLRU[replaceKey, int](memoryCap),
		partial:  newLRU[string, progress](memoryCap),
	}
}

// replacedMessage is the message a reply's Replace name last went to.
func (m *memory) replacedMessage(chat, name string) (int, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.replaced.get(replaceKey{chat, name})
}

// setReplacedMessage records the message a reply's Replace name went to.
func (m *memory) setReplacedMessage(chat, name string, msg int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.replaced.put(replaceKey{chat, name}, msg)
}

// resume is how many parts of the reply with fingerprint key were already
// delivered to chat.
func (m *memory) resume(chat string, key uint64) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if p, ok := m.partial.get(chat); ok && p.key == key {
		return p.done
	}
	return 0
}

// setProgress records that done parts of a reply were delivered; done 0
// forgets it.
func (m *memory) setProgress(chat string, key uint64, done int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if done == 0 {
		m.partial.remove(chat)
	} else {
		m.partial.put(chat, progress{key, done})
	}
}

// lru is a map that keeps at most its capacity of entries, forgetting the
// least recently used. It is not safe for concurrent use.
type lru[K comparable, V any] struct {
	cap   int
	order *list.List // of *entry[K, V], most recent first
	items map[K]*list.Element
}

type entry[K comparable, V any] struct {
	k K
	v V
}

func newLRU[K comparable, V any](n int) *lru[K, V] {
	return &lru[K, V]{cap: n, order: list.New(), items: map[K]*list.Element{}}
}

func (l *lru[K, V]) get(k K) (V, bool) {
	e, ok := l.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	l.order.MoveToFront(e)
	return e.Value.(*entry[K, V]).v, true
}

func (l *lru[K, V]) put(k K, v V) {
	if e, ok := l.items[k]; ok {
		e.Value.(*entry[K, V]).v = v
		l.order.MoveToFront(e)
		return
	}
	l.items[k] = l.order.PushFront(&entry[K, V]{k, v})
	if l.order.Len() > l.cap {
		last := l.order.Back()
		l.order.Remove(last)
		delete(l.items, last.Value.(*entry[K, V]).k)
	}
}

func (l *lru[K, V]) remove(k K) {
	if e, ok := l.items[k]; ok {
		l.order.Remove(e)
		delete(l.items, k)
	}
}
