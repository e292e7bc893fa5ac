package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DamagedError means a data file is not a sound bbolt file: it was cut
// short, or a page of it holds something bbolt never wrote. Open returns it
// before anything is written to the file, so the file stays as it was for
// an operator to inspect or replace.
type DamagedError struct {
	// Path is the data file.
	Path string
	// Reason says what is wrong, for example "file truncated at 12288 of
	// 16384 bytes" or "page 7: header names page 0".
	Reason string
}

func (e *DamagedError) Error() string {
	return e.Path + " is damaged (" + e.Reason + "); nothing was changed. " +
		"Restore a backup made with `spotter backup` (check it first with `spotter check FILE`), " +
		"or move the file away to start empty."
}

// Summary is what a sound data file holds.
type Summary struct {
	Sets    int // logged and imported sets, over every lifter
	Lifters int // lifters with sets, settings or a session
	Timers  int // pending rest timers
	Schema  int // the layout version (SchemaVersion once opened by this build)
}

// Check verifies the data file at path without writing to it: its header
// pages, that it is as long as they say, every page reachable from them
// (types, bounds, key order, no page used twice) and then bbolt's own
// consistency check. It returns a *DamagedError for a damaged file and
// ErrInUse when a running Spotter holds the file. Check waits at most wait
// for another process to let go.
func Check(path string, wait time.Duration) (Summary, error) {
	s, err := check(path, wait, true)
	if errors.Is(err, errEmptyFile) {
		return Summary{}, &DamagedError{Path: path, Reason: "the file is empty"}
	}
	return s, err
}

// errEmptyFile is a file of no bytes: bbolt makes a new file of it, so
// Open treats it as new and Check as damaged.
var errEmptyFile = errors.New("empty file")

// check is Check, with errEmptyFile for a file of no bytes, counting what
// the file holds only when count is set.
func check(path string, wait time.Duration, count bool) (Summary, error) {
	f, err := os.Open(path)
	if err != nil {
		return Summary{}, fmt.Errorf("store: %w", err)
	}
	defer f.Close()
	// A shared lock, as bbolt's read-only open takes: a running Spotter
	// holds the file exclusively, and reading pages while it writes them
	// could see damage that is not there.
	if err := lockShared(f, wait); err != nil {
		if errors.Is(err, errLockTimeout) {
			return Summary{}, fmt.Errorf("store: %s: %w", path, ErrInUse)
		}
		return Summary{}, fmt.Errorf("store: lock %s: %w", path, err)
	}
	fi, err := f.Stat()
	if err != nil {
		return Summary{}, fmt.Errorf("store: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return Summary{}, fmt.Errorf("store: %s is not a regular file", path)
	}
	if fi.Size() == 0 {
		return Summary{}, errEmptyFile
	}
	// Pages are read with ReadAt rather than through bbolt's memory map
	// first: a page number pointing past the end of the file, or a cycle
	// of pages, faults or recurses without end inside bbolt, and neither
	// can be recovered. Only a file whose structure holds is handed to
	// bbolt.
	if reason := walkFile(f, fi.Size()); reason != "" {
		return Summary{}, &DamagedError{Path: path, Reason: reason}
	}
	return boltCheck(path, wait, count)
}

// boltCheck opens a file whose structure walkFile accepted read-only, runs
// bbolt's consistency check and, if count is set, counts what the file
// holds. bbolt reports some damage by panicking; that is a damaged file
// too.
func boltCheck(path string, wait time.Duration, count bool) (s Summary, err error) {
	// A read through the memory map that faults (the file cut short under
	// it) panics in this goroutine instead of ending the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			s, err = Summary{}, &DamagedError{Path: path, Reason: firstLine(fmt.Sprint(r))}
		}
	}()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: wait, FreelistType: bolt.FreelistMapType})
	if err != nil {
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return Summary{}, fmt.Errorf("store: %s: %w", path, ErrInUse)
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
			return Summary{}, &DamagedError{Path: path, Reason: err.Error()}
		}
		return Summary{}, fmt.Errorf("store: open %s: %w", path, err)
	}
	defer b.Close()
	// Not View: a panic inside View leaves its transaction open, and
	// Close would wait for it for ever.
	tx, err := b.Begin(false)
	if err != nil {
		return Summary{}, fmt.Errorf("store: read %s: %w", path, err)
	}
	defer tx.Rollback()
	var first error
	for e := range tx.Check() {
		if first == nil {
			first = e
		}
	}
	if first != nil {
		return Summary{}, &DamagedError{Path: path, Reason: firstLine(first.Error())}
	}
	if !count {
		return Summary{}, nil
	}
	return summarize(tx), nil
}

// summarize counts what a sound file holds.
func summarize(tx *bolt.Tx) Summary {
	var s Summary
	lifters := map[string]bool{}
	if m := tx.Bucket(bucketMeta); m != nil {
		if raw := m.Get(keySchema); len(raw) == 8 {
			s.Schema = int(binary.BigEndian.Uint64(raw))
		}
	}
	if b := tx.Bucket(bucketSets); b != nil {
		b.ForEachBucket(func(k []byte) error {
			lifters[string(k)] = true
			s.Sets += b.Bucket(k).Stats().KeyN
			return nil
		})
	}
	if b := tx.Bucket(bucketUsers); b != nil {
		b.ForEach(func(k, _ []byte) error {
			lifters[string(k)] = true
			return nil
		})
	}
	if b := tx.Bucket(bucketSessions); b != nil {
		b.ForEach(func(k, _ []byte) error {
			l := lifterFromKey(k)
			lifters[string(userKey(l.Platform, l.UserID))] = true
			return nil
		})
	}
	if b := tx.Bucket(bucketTimers); b != nil {
		s.Timers = b.Stats().KeyN
	}
	s.Lifters = len(lifters)
	return s
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// The bbolt file format (version 2): every page starts with a 16-byte
// header (id uint64, flags uint16, count uint16, overflow uint32) in the
// machine's byte order; pages 0 and 1 are the header pages (meta), and the
// newer valid one names the root bucket, the freelist and the number of
// pages in use.
const (
	pageHeaderSize   = 16
	elementSize      = 16 // both branch and leaf elements
	bucketHeaderSize = 16 // a bucket value: root page, sequence

	branchPage   = 0x01
	leafPage     = 0x02
	freelistPage = 0x10
	bucketLeaf   = 0x01

	boltMagic   = 0xED0CDAED
	boltVersion = 2
	noFreelist  = ^uint64(0)
	// metaSize is the meta record after a header page's page header, up
	// to its checksum (fnv-64a of the bytes before it).
	metaSize = 56
)

// nativeEndian is the byte order bbolt writes in: its structures are laid
// over the memory map as they are in memory.
var nativeEndian = binary.NativeEndian

// boltMeta is the meta record of a header page.
type boltMeta struct {
	pageSize            uint32
	root, freelist, hwm uint64
	txid                uint64
}

// walkFile checks the structure of the bbolt file f of size bytes, reading
// only the pages its header pages reach. It returns what is wrong, or "".
func walkFile(f *os.File, size int64) (reason string) {
	defer func() {
		if r := recover(); r != nil {
			reason = fmt.Sprintf("unreadable structure (%v)", r)
		}
	}()
	first := make([]byte, 4096)
	n, err := f.ReadAt(first, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Sprintf("header page 0: %v", err)
	}
	first = first[:n]
	m0, err0 := parseMeta(first)
	ps := int64(os.Getpagesize())
	if err0 == nil {
		ps = int64(m0.pageSize)
	}
	if size < 2*ps {
		return fmt.Sprintf("file truncated at %d bytes, shorter than its two header pages (%d bytes)", size, 2*ps)
	}
	if err0 != nil {
		return "header page 0: " + err0.Error()
	}
	second := make([]byte, pageHeaderSize+metaSize+8)
	if _, err := f.ReadAt(second, ps); err != nil {
		return fmt.Sprintf("header page 1: %v", err)
	}
	m1, err1 := parseMeta(second)
	if err1 != nil {
		return "header page 1: " + err1.Error()
	}
	if m1.pageSize != m0.pageSize {
		return fmt.Sprintf("header pages disagree on the page size (%d and %d)", m0.pageSize, m1.pageSize)
	}
	m := m0
	if m1.txid > m0.txid {
		m = m1
	}
	if m.hwm < 3 || m.hwm > 1<<48 {
		return fmt.Sprintf("header names %d pages", m.hwm)
	}
	if want := m.hwm * uint64(ps); uint64(size) < want {
		return fmt.Sprintf("file truncated at %d of %d bytes", size, want)
	}
	w := &walker{f: f, ps: ps, hwm: m.hwm, used: make([]bool, m.hwm)}
	w.used[0], w.used[1] = true, true
	if r := w.bucket(m.root, nil, nil); r != "" {
		return r
	}
	if m.freelist == noFreelist {
		// Free pages are the ones nothing reaches; bbolt finds them by the
		// same walk when it opens the file.
		return ""
	}
	return w.freelist(m.freelist)
}

// parseMeta reads the header page at the start of buf.
func parseMeta(buf []byte) (boltMeta, error) {
	if len(buf) < pageHeaderSize+metaSize+8 {
		return boltMeta{}, errors.New("cut short")
	}
	h := buf[pageHeaderSize:]
	ne := nativeEndian
	switch {
	case ne.Uint32(h[0:]) != boltMagic:
		if allZero(buf[:pageHeaderSize+metaSize+8]) {
			return boltMeta{}, errors.New("zeroed")
		}
		return boltMeta{}, errors.New("not a bbolt header")
	case ne.Uint32(h[4:]) != boltVersion:
		return boltMeta{}, fmt.Errorf("format version %d", ne.Uint32(h[4:]))
	case ne.Uint64(h[metaSize:]) != fnv64a(h[:metaSize]):
		return boltMeta{}, errors.New("checksum mismatch")
	}
	m := boltMeta{
		pageSize: ne.Uint32(h[8:]),
		root:     ne.Uint64(h[16:]),
		freelist: ne.Uint64(h[32:]),
		hwm:      ne.Uint64(h[40:]),
		txid:     ne.Uint64(h[48:]),
	}
	if ps := m.pageSize; ps < 1024 || ps > 1<<24 || ps&(ps-1) != 0 {
		return boltMeta{}, fmt.Errorf("page size %d", ps)
	}
	return m, nil
}

// walker reads the pages of a bbolt file reached from its root bucket,
// each at most once.
type walker struct {
	f     *os.File
	ps    int64
	hwm   uint64   // pages in use: every page id is below it
	used  []bool   // pages reached so far (with their overflow pages)
	spare [][]byte // page buffers done with, for the next pages
}

// origin is what points to a page: a branch page, or a bucket (by its
// key; the root bucket has none) whose root it is. It is spelled out only
// in a reason.
type origin struct {
	page     uint64
	bucket   []byte
	inline   bool
	freelist bool
}

func (o origin) String() string {
	switch {
	case o.freelist:
		return "the header page"
	case o.page != 0:
		return fmt.Sprintf("page %d", o.page)
	case o.bucket == nil:
		return "the root bucket"
	case o.inline:
		return fmt.Sprintf("bucket %q (inline)", o.bucket)
	}
	return fmt.Sprintf("bucket %q", o.bucket)
}

// page reads page id (with its overflow pages), which from points to,
// checking its header.
func (w *walker) page(id uint64, from origin) ([]byte, string) {
	if id < 2 || id >= w.hwm {
		return nil, fmt.Sprintf("%v points to page %d, outside the file's %d pages", from, id, w.hwm)
	}
	if w.used[id] {
		return nil, fmt.Sprintf("page %d: reached twice (from %v)", id, from)
	}
	var buf []byte
	if n := len(w.spare); n > 0 {
		buf, w.spare = w.spare[n-1], w.spare[:n-1]
	} else {
		buf = make([]byte, w.ps)
	}
	if _, err := w.f.ReadAt(buf, int64(id)*w.ps); err != nil {
		return nil, fmt.Sprintf("page %d: %v", id, err)
	}
	ne := nativeEndian
	if got := ne.Uint64(buf); got != id {
		if allZero(buf[:pageHeaderSize]) {
			return nil, fmt.Sprintf("page %d: zeroed (from %v)", id, from)
		}
		return nil, fmt.Sprintf("page %d: header names page %d (from %v)", id, got, from)
	}
	overflow := uint64(ne.Uint32(buf[12:]))
	if id+overflow >= w.hwm {
		return nil, fmt.Sprintf("page %d: %d overflow pages run past the file's %d pages", id, overflow, w.hwm)
	}
	for i := id; i <= id+overflow; i++ {
		if w.used[i] {
			return nil, fmt.Sprintf("page %d: reached twice (from %v)", i, from)
		}
		w.used[i] = true
	}
	if overflow > 0 {
		buf = append(buf, make([]byte, int64(overflow)*w.ps)...)
		if _, err := w.f.ReadAt(buf[w.ps:], int64(id+1)*w.ps); err != nil {
			return nil, fmt.Sprintf("page %d: %v", id, err)
		}
	}
	return buf, ""
}

// bucket walks a bucket: its root page, or the page inline in its value
// when root is 0.
func (w *walker) bucket(root uint64, inline []byte, name []byte) string {
	if root != 0 {
		_, r := w.tree(root, nil, nil, origin{bucket: name})
		return r
	}
	in := origin{bucket: name, inline: true}
	if len(inline) < bucketHeaderSize+pageHeaderSize {
		return fmt.Sprintf("%v: cut short", in)
	}
	p := inline[bucketHeaderSize:]
	if flags := nativeEndian.Uint16(p[8:]); flags != leafPage {
		return fmt.Sprintf("%v: page of type %#x", in, flags)
	}
	_, r := w.leaf(p, nil, nil, in)
	return r
}

// tree walks the branch or leaf page id, whose keys must be at least lo
// (when not nil) and below hi (when not nil), and returns a copy of its
// greatest key. The key rules are those of bbolt's own check.
func (w *walker) tree(id uint64, lo, hi []byte, from origin) (max []byte, reason string) {
	p, r := w.page(id, from)
	if r != "" {
		return nil, r
	}
	defer func() {
		max = bytes.Clone(max)
		if int64(len(p)) == w.ps {
			w.spare = append(w.spare, p)
		}
	}()
	at := origin{page: id}
	switch flags := nativeEndian.Uint16(p[8:]); flags {
	case leafPage:
		return w.leaf(p, lo, hi, at)
	case branchPage:
	default:
		return nil, fmt.Sprintf("page %d: not a branch or leaf page (type %#x, from %v)", id, flags, from)
	}
	count := int(nativeEndian.Uint16(p[10:]))
	if count == 0 {
		return nil, fmt.Sprintf("%v: branch page with no elements", at)
	}
	if pageHeaderSize+count*elementSize > len(p) {
		return nil, fmt.Sprintf("%v: %d elements do not fit", at, count)
	}
	key := func(i int) ([]byte, bool) {
		e := p[pageHeaderSize+i*elementSize:]
		return slice(p, pageHeaderSize+i*elementSize, nativeEndian.Uint32(e[0:]), uint64(nativeEndian.Uint32(e[4:])))
	}
	running := lo
	k, ok := key(0)
	for i := range count {
		if !ok {
			return nil, fmt.Sprintf("%v: key %d lies outside the page", at, i)
		}
		if r := keyOrder(at, i, k, running, hi); r != "" {
			return nil, r
		}
		next, nextOK := hi, true
		if i+1 < count {
			next, nextOK = key(i + 1)
			if !nextOK {
				return nil, fmt.Sprintf("%v: key %d lies outside the page", at, i+1)
			}
		}
		child := nativeEndian.Uint64(p[pageHeaderSize+i*elementSize+8:])
		if max, r = w.tree(child, k, next, at); r != "" {
			return nil, r
		}
		running, k, ok = max, next, nextOK
	}
	return max, ""
}

// leaf walks the elements of a leaf page p and the buckets they hold.
func (w *walker) leaf(p []byte, lo, hi []byte, at origin) ([]byte, string) {
	count := int(nativeEndian.Uint16(p[10:]))
	if pageHeaderSize+count*elementSize > len(p) {
		return nil, fmt.Sprintf("%v: %d elements do not fit", at, count)
	}
	var prev []byte
	for i := range count {
		off := pageHeaderSize + i*elementSize
		e := p[off:]
		flags, pos := nativeEndian.Uint32(e[0:]), nativeEndian.Uint32(e[4:])
		ksize, vsize := nativeEndian.Uint32(e[8:]), nativeEndian.Uint32(e[12:])
		if flags&^bucketLeaf != 0 {
			return nil, fmt.Sprintf("%v: element %d has flags %#x", at, i, flags)
		}
		kv, ok := slice(p, off, pos, uint64(ksize)+uint64(vsize))
		if !ok {
			return nil, fmt.Sprintf("%v: element %d lies outside the page", at, i)
		}
		k, v := kv[:ksize], kv[ksize:]
		running := lo
		if i > 0 {
			running = prev
		}
		if r := keyOrder(at, i, k, running, hi); r != "" {
			return nil, r
		}
		prev = k
		if flags&bucketLeaf != 0 {
			if len(v) < bucketHeaderSize {
				return nil, fmt.Sprintf("%v: bucket %q: value cut short", at, k)
			}
			if r := w.bucket(nativeEndian.Uint64(v), v, k); r != "" {
				return nil, r
			}
		}
	}
	return prev, ""
}

// keyOrder checks key i of a page against the key before it (or the
// lower bound of the page) and the page's upper bound.
func keyOrder(at origin, i int, k, prev, hi []byte) string {
	if prev != nil && (bytes.Compare(prev, k) > 0 || i > 0 && bytes.Equal(prev, k)) {
		return fmt.Sprintf("%v: key %d out of order", at, i)
	}
	if hi != nil && bytes.Compare(k, hi) >= 0 {
		return fmt.Sprintf("%v: key %d above its parent's range", at, i)
	}
	return ""
}

// freelist checks the freelist page id: every page is either reached or
// free, never both.
func (w *walker) freelist(id uint64) string {
	p, r := w.page(id, origin{freelist: true})
	if r != "" {
		return r
	}
	if flags := nativeEndian.Uint16(p[8:]); flags != freelistPage {
		return fmt.Sprintf("page %d: freelist page of type %#x", id, flags)
	}
	start, count := 0, uint64(nativeEndian.Uint16(p[10:]))
	if count == 0xFFFF {
		start, count = 1, nativeEndian.Uint64(p[pageHeaderSize:])
	}
	if count > w.hwm || pageHeaderSize+(uint64(start)+count)*8 > uint64(len(p)) {
		return fmt.Sprintf("page %d: freelist of %d pages does not fit", id, count)
	}
	free := make([]bool, w.hwm)
	for i := range int(count) {
		fid := nativeEndian.Uint64(p[pageHeaderSize+(start+i)*8:])
		switch {
		case fid < 2 || fid >= w.hwm:
			return fmt.Sprintf("page %d: freelist names page %d, outside the file's %d pages", id, fid, w.hwm)
		case free[fid]:
			return fmt.Sprintf("page %d: already freed", fid)
		case w.used[fid]:
			return fmt.Sprintf("page %d: reachable freed", fid)
		}
		free[fid] = true
	}
	for i := uint64(2); i < w.hwm; i++ {
		if !w.used[i] && !free[i] {
			return fmt.Sprintf("page %d: unreachable unfreed", i)
		}
	}
	return ""
}

// slice is n bytes of p at pos from the element at off, if they lie in p.
func slice(p []byte, off int, pos uint32, n uint64) ([]byte, bool) {
	start := uint64(off) + uint64(pos)
	end := start + n
	if end > uint64(len(p)) {
		return nil, false
	}
	return p[start:end:end], true
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// fnv64a is the checksum of a header page's meta record.
func fnv64a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
