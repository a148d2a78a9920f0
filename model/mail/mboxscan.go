package mail

import (
	"bytes"
	"io"
)

// The mbox indexer. It reads an mbox with ReadAt in large chunks, finds
// the "From " separator lines and hands each message's header block to a
// callback, keeping only (offset, length) of the message. Bodies are never
// copied to the heap: a 100k-message archive is read once, at the speed of
// bytes.Index, and costs memory in proportion to its headers.
//
// A separator is a line starting with "From " that is at the start of the
// data or follows a blank line (LF or CRLF), and is itself followed by a
// header line or the end of the data. The last rule keeps an unescaped
// "From " paragraph in an mboxo body from splitting its message, where
// go-mbox (which splits on every "From " line) would.

// scanChunk is the size of one read. Large enough that a read costs little
// per byte, small enough to stay in cache-friendly territory and off the
// RSS budget (one per scanning goroutine).
const scanChunk = 4 << 20

// maxHeaderBlock bounds the header block handed to the parser: a message
// whose blank line after the headers never comes still gets parsed.
const maxHeaderBlock = 1 << 20

var sepPattern = []byte("\nFrom ")

// mboxScanner reads one segment [lo, end) of an mbox.
type mboxScanner struct {
	ra   io.ReaderAt
	lo   int64 // segment start
	end  int64 // segment end, exclusive: the data end or a separator
	buf  []byte
	base int64 // data offset of buf[0]
	n    int   // valid bytes in buf

	// progress is told about bytes read for the first time.
	progress func(int64)
	seen     int64
}

func newMboxScanner(ra io.ReaderAt, lo, end int64, progress func(int64)) *mboxScanner {
	size := int64(scanChunk)
	if end-lo+16 < size {
		size = end - lo + 16
	}
	return &mboxScanner{ra: ra, lo: lo, end: end, buf: make([]byte, size), base: lo, seen: lo, progress: progress}
}

// load fills the buffer starting at off (a few bytes before, when there
// are some, so that a match at the start of the buffer can look back at
// the line before it).
func (s *mboxScanner) load(off int64) error {
	if off-8 >= s.lo {
		off -= 8
	} else {
		off = s.lo
	}
	want := int64(len(s.buf))
	if off+want > s.end {
		want = s.end - off
	}
	n, err := s.ra.ReadAt(s.buf[:want], off)
	s.base, s.n = off, n
	if int64(n) < want {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	if top := off + int64(n); top > s.seen {
		if s.progress != nil {
			s.progress(top - s.seen)
		}
		s.seen = top
	}
	return nil
}

// window returns the buffered bytes from off on, at least min of them
// unless the segment ends first.
func (s *mboxScanner) window(off int64, min int) ([]byte, error) {
	top := s.base + int64(s.n)
	if off < s.base || off+int64(min) > top && top < s.end {
		if err := s.load(off); err != nil {
			return nil, err
		}
	}
	if off > s.base+int64(s.n) {
		return nil, nil
	}
	return s.buf[off-s.base : s.n], nil
}

// byteAt is the byte at off if it is buffered, -1 otherwise.
func (s *mboxScanner) byteAt(off int64) int {
	if off < s.base || off >= s.base+int64(s.n) {
		return -1
	}
	return int(s.buf[off-s.base])
}

// lineEnd finds the newline ending the line at off, or the segment end.
func (s *mboxScanner) lineEnd(off int64) (int64, error) {
	for {
		w, err := s.window(off, 256)
		if err != nil {
			return 0, err
		}
		if i := bytes.IndexByte(w, '\n'); i >= 0 {
			return off + int64(i), nil
		}
		off += int64(len(w))
		if off >= s.end {
			return s.end, nil
		}
	}
}

// findSeparator returns the offset of the next separator line at or after
// from (counting a "From " at exactly from only when from follows a blank
// line), or the segment end.
func (s *mboxScanner) findSeparator(from int64) (int64, error) {
	p := from - 1 // the newline before a "From " at from
	if p < s.lo {
		p = s.lo
	}
	for p < s.end {
		w, err := s.window(p, len(sepPattern)+256)
		if err != nil {
			return 0, err
		}
		i := bytes.Index(w, sepPattern)
		if i < 0 {
			if s.base+int64(s.n) >= s.end {
				return s.end, nil
			}
			// Continue where the pattern could still start.
			p = s.base + int64(s.n) - int64(len(sepPattern)) + 1
			continue
		}
		c := p + int64(i) + 1 // the 'F'
		ok, err := s.isSeparator(c)
		if err != nil {
			return 0, err
		}
		if ok {
			return c, nil
		}
		p = c
	}
	return s.end, nil
}

// isSeparator checks the line at c, which starts with "From " and follows
// a newline: it must follow a blank line and be followed by a header line.
func (s *mboxScanner) isSeparator(c int64) (bool, error) {
	if _, err := s.window(c-3, 512); err != nil {
		return false, err
	}
	switch {
	case c-1 == s.lo && c-1 == 0:
		// "\nFrom " at the very start of the data.
	case s.byteAt(c-2) == '\n':
	case s.byteAt(c-2) == '\r' && s.byteAt(c-3) == '\n':
	default:
		return false, nil
	}
	le, err := s.lineEnd(c)
	if err != nil {
		return false, err
	}
	if le+1 >= s.end {
		return true, nil
	}
	w, err := s.window(le+1, 256)
	if err != nil {
		return false, err
	}
	return looksLikeHeaderLine(w), nil
}

// looksLikeHeaderLine says whether w starts with "Field-Name:".
func looksLikeHeaderLine(w []byte) bool {
	for i, c := range w {
		if i > 76 {
			return false
		}
		if c == ':' {
			return i > 0
		}
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return false
}

// headerEnd finds the blank line ending the header block at the start of
// w. It returns the length of the header block (through the newline of
// its last line) and where the body starts, or -1 when w does not hold
// the whole block.
func headerEnd(w []byte) (hdr, body int) {
	switch {
	case len(w) > 0 && w[0] == '\n':
		return 0, 1
	case len(w) > 1 && w[0] == '\r' && w[1] == '\n':
		return 0, 2
	}
	i := 0
	for {
		j := bytes.IndexByte(w[i:], '\n')
		if j < 0 {
			return -1, -1
		}
		k := i + j + 1
		if k < len(w) && w[k] == '\n' {
			return k, k + 1
		}
		if k+1 < len(w) && w[k] == '\r' && w[k+1] == '\n' {
			return k, k + 2
		}
		if k+1 >= len(w) {
			return -1, -1
		}
		i = k
	}
}

// scan walks the segment, which starts with a separator line, and calls
// emit for each message with its offset and length (separator line and
// the blank line before the next separator excluded) and its header block,
// valid only during the call.
func (s *mboxScanner) scan(emit func(off, length int64, header []byte)) error {
	pos := s.lo
	for pos < s.end {
		le, err := s.lineEnd(pos)
		if err != nil {
			return err
		}
		start := le + 1
		if start >= s.end {
			emit(s.end, 0, nil)
			return nil
		}
		w, err := s.window(start, 64<<10)
		if err != nil {
			return err
		}
		hdrLen, _ := headerEnd(w)
		if hdrLen < 0 && start != s.base && s.base+int64(s.n) < s.end {
			// The header block runs past the buffer: refill from its start.
			if err := s.load(start); err != nil {
				return err
			}
			w = s.buf[start-s.base : s.n]
			hdrLen, _ = headerEnd(w)
		}
		if hdrLen < 0 {
			// No blank line in reach: the whole message, or as much of it
			// as is buffered, is its header.
			hdrLen = min(len(w), maxHeaderBlock)
		}
		next, err := s.findSeparator(start + int64(max(hdrLen, 1)))
		if err != nil {
			return err
		}
		if next < start+int64(hdrLen) {
			// The separator came inside what looked like the header
			// block: the block ends there.
			hdrLen = int(next - start)
		}
		// findSeparator may have moved the window; take the header again.
		if w, err = s.window(start, hdrLen); err != nil {
			return err
		}
		hdr := w[:min(hdrLen, len(w))]
		emit(start, s.trimTrailingBlank(start, next)-start, hdr)
		pos = next
	}
	return nil
}

// trimTrailingBlank drops the blank line that mbox writers put before the
// next separator (it is not part of the message).
func (s *mboxScanner) trimTrailingBlank(start, e int64) int64 {
	if e-start >= 2 && s.at(e-1) == '\n' && s.at(e-2) == '\n' {
		return e - 1
	}
	if e-start >= 3 && s.at(e-1) == '\n' && s.at(e-2) == '\r' && s.at(e-3) == '\n' {
		return e - 2
	}
	return e
}

// at is byteAt that loads what it needs.
func (s *mboxScanner) at(off int64) int {
	if b := s.byteAt(off); b >= 0 {
		return b
	}
	if _, err := s.window(off, 1); err != nil {
		return -1
	}
	return s.byteAt(off)
}

// segmentBounds splits [0, size) into up to n segments that each start at
// a separator, so that several goroutines can index one large mbox.
func segmentBounds(ra io.ReaderAt, size int64, n int) ([]int64, error) {
	bounds := []int64{0}
	for k := 1; k < n; k++ {
		from := size * int64(k) / int64(n)
		if from <= bounds[len(bounds)-1] {
			continue
		}
		s := newMboxScanner(ra, 0, size, nil)
		s.buf = make([]byte, 256<<10)
		c, err := s.findSeparator(from)
		if err != nil {
			return nil, err
		}
		if c >= size {
			break
		}
		if c > bounds[len(bounds)-1] {
			bounds = append(bounds, c)
		}
	}
	return append(bounds, size), nil
}
