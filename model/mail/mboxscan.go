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
// A separator is a line starting with "From " at the start of a line that
// is followed by a header line, and that either has the shape of an mbox
// separator, "From <address or word> <asctime date>", or is followed by a
// block of mail header lines (Netscape's "From - ", for one): so mutt and
// git mailsplit split, blank line before it or not. An unescaped "From "
// paragraph in an mboxo body ("From the start, ...", "From Russia with
// love") does not split its message, where go-mbox (which splits on every
// "From " line) would. A separator line at the very end of the data counts
// when it has the shape and a blank line comes before it.
//
// A message whose Content-Length (mboxcl2) is consistent, that is ends
// exactly at a separator line or at the end of the data, ends there: its
// body is not searched, so "From " lines in it do not split it.

// scanChunk is the size of one read. Large enough that a read costs little
// per byte, small enough to stay in cache-friendly territory and off the
// RSS budget (one per scanning goroutine).
const scanChunk = 4 << 20

// maxHeaderBlock bounds the header block handed to the parser: a message
// whose blank line after the headers never comes still gets parsed.
const maxHeaderBlock = 1 << 20

// maxFromLine bounds a separator line: a longer "From " line is text.
const maxFromLine = 1024

// maxSeparatorHeader bounds how much of the header block after a "From "
// line without a date is read to decide whether it is a separator.
const maxSeparatorHeader = 64 << 10

var sepPattern = []byte("\nFrom ")

// mboxScanner reads one segment [lo, end) of an mbox.
type mboxScanner struct {
	ra   io.ReaderAt
	lo   int64 // segment start
	end  int64 // segment end, exclusive: the data end or a separator
	buf  []byte
	base int64 // data offset of buf[0]
	n    int   // valid bytes in buf

	// scratch holds what peek reads outside buf.
	scratch []byte
	// lastSep is the last separator line of the right shape: most mbox
	// writers write the same one every time ("From mboxrd@z Thu Jan  1
	// 00:00:00 1970"), which spares the shape check.
	lastSep []byte

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
	s.report(off + int64(n))
	return nil
}

// report tells progress about the bytes up to top.
func (s *mboxScanner) report(top int64) {
	if top > s.seen {
		if s.progress != nil {
			s.progress(top - s.seen)
		}
		s.seen = top
	}
}

// window returns the buffered bytes from off on, at least min of them
// unless the segment ends first (or the buffer is smaller than min).
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

// peek returns the n bytes at off (fewer where the segment ends) without
// moving the buffer: from it when it holds them, read into scratch
// otherwise. The result is valid until the next peek.
func (s *mboxScanner) peek(off int64, n int) ([]byte, error) {
	off = max(off, 0)
	top := min(off+int64(n), s.end)
	if off >= top {
		return nil, nil
	}
	if off >= s.base && top <= s.base+int64(s.n) {
		return s.buf[off-s.base : top-s.base], nil
	}
	need := int(top - off)
	if cap(s.scratch) < need {
		s.scratch = make([]byte, need)
	}
	b := s.scratch[:need]
	k, err := s.ra.ReadAt(b, off)
	if k < need {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return b, nil
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
// from (a "From " at exactly from counts when a newline comes before it),
// or the segment end.
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
// a newline. It reads with peek only, so the buffer does not move.
func (s *mboxScanner) isSeparator(c int64) (bool, error) {
	line, err := s.peek(c, maxFromLine)
	if err != nil {
		return false, err
	}
	le := bytes.IndexByte(line, '\n')
	if le < 0 {
		if c+int64(len(line)) < s.end {
			return false, nil // too long for a separator line
		}
		le = len(line)
	}
	next := c + int64(le) + 1
	shaped := bytes.Equal(line[:le], s.lastSep)
	if !shaped && fromLineShape(line[:le]) {
		shaped = true
		s.lastSep = append(s.lastSep[:0], line[:le]...)
	}
	if next >= s.end {
		// The last line of the data: a separator when it has the shape
		// and a blank line comes before it.
		if !shaped {
			return false, nil
		}
		lo := max(c-3, 0)
		pre, err := s.peek(lo, int(c-lo))
		if err != nil {
			return false, err
		}
		return c == 1 || bytes.HasSuffix(pre, []byte("\n\n")) || bytes.HasSuffix(pre, []byte("\n\r\n")), nil
	}
	w, err := s.peek(next, 80)
	if err != nil {
		return false, err
	}
	if !looksLikeHeaderLine(w) {
		return false, nil
	}
	if shaped {
		return true, nil
	}
	w, err = s.peek(next, maxSeparatorHeader)
	if err != nil {
		return false, err
	}
	return mailHeaderBlock(w), nil
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

// mailHeaderBlock says whether w starts with a block of header lines (to
// a blank line, the end of w or the end of the data) among which is a
// field every mail has or mail transport adds: what follows a separator
// line that does not carry a date.
func mailHeaderBlock(w []byte) bool {
	known := false
	for first := true; len(w) > 0; first = false {
		i := bytes.IndexByte(w, '\n')
		line := w
		if i >= 0 {
			line, w = w[:i], w[i+1:]
		} else {
			w = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		switch {
		case len(line) == 0:
			return known
		case line[0] == ' ' || line[0] == '\t':
			if first {
				return false
			}
		case !looksLikeHeaderLine(line):
			return false
		case !known:
			name := line[:bytes.IndexByte(line, ':')]
			known = mailFields[string(bytes.ToLower(name))]
		}
	}
	return known
}

// mailFields are the header fields that show a block of header lines to
// be mail.
var mailFields = map[string]bool{
	"from": true, "sender": true, "to": true, "cc": true, "reply-to": true, "subject": true,
	"date": true, "message-id": true, "in-reply-to": true, "references": true,
	"received": true, "return-path": true, "delivered-to": true, "envelope-to": true,
	"x-original-to": true, "mime-version": true, "content-type": true,
	"x-mozilla-status": true, "dkim-signature": true, "arc-seal": true, "list-id": true,
}

// fromLineShape says whether a "From " line has the shape mbox writers
// give a separator: "From <address or word> <date>", the date asctime
// ("Mon Sep 17 00:00:00 2001", "Wed Feb  9 22:02 MET 2000") or RFC 5322
// ("Mon, 17 Sep 2001 00:00:00 +0000"), the weekday optional.
func fromLineShape(line []byte) bool {
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	if !bytes.HasPrefix(line, []byte("From ")) {
		return false
	}
	var tok [10][]byte
	n := 0
	for i := 5; n < len(tok); n++ {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i == len(line) {
			break
		}
		j := i
		for j < len(line) && line[j] != ' ' && line[j] != '\t' {
			j++
		}
		tok[n], i = line[i:j], j
	}
	if n < 5 {
		return false
	}
	i := 1 // after the sender
	if isWeekday(tok[0]) && (monthIndex(tok[1]) > 0 || isNumber(tok[1], 1, 2)) {
		i = 0 // no sender
	}
	if isWeekday(tok[i]) {
		i++
	}
	if i+3 > n {
		return false
	}
	var timeAt int
	switch {
	case monthIndex(tok[i]) > 0 && isNumber(tok[i+1], 1, 2): // asctime: Sep 17 00:00:00 [zone] 2001 [zone]
		timeAt = i + 2
	case isNumber(tok[i], 1, 2) && monthIndex(tok[i+1]) > 0 && i+3 < n && isNumber(tok[i+2], 2, 4): // RFC 5322: 17 Sep 2001 00:00:00
		return isClock(tok[i+3])
	default:
		return false
	}
	if timeAt >= n || !isClock(tok[timeAt]) {
		return false
	}
	for k := timeAt + 1; k < n && k <= timeAt+3; k++ {
		if isNumber(tok[k], 4, 4) || isNumber(tok[k], 2, 2) && k == timeAt+1 {
			return true
		}
	}
	return false
}

func isWeekday(t []byte) bool {
	t = bytes.TrimSuffix(t, []byte(","))
	if len(t) != 3 {
		return false
	}
	for _, d := range [...]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		if string(t) == d {
			return true
		}
	}
	return false
}

// monthIndex is 1 to 12 for a month name, 0 otherwise.
func monthIndex(t []byte) int {
	if len(t) != 3 {
		return 0
	}
	for i, m := range monthNames {
		if string(t) == m {
			return i + 1
		}
	}
	return 0
}

// isNumber says whether t is lo to hi decimal digits.
func isNumber(t []byte, lo, hi int) bool {
	if len(t) < lo || len(t) > hi {
		return false
	}
	for _, c := range t {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isClock says whether t is "h:mm", "hh:mm" or either with ":ss".
func isClock(t []byte) bool {
	parts := 0
	for len(t) > 0 {
		i := bytes.IndexByte(t, ':')
		p := t
		if i >= 0 {
			p, t = t[:i], t[i+1:]
		} else {
			t = nil
		}
		if !isNumber(p, 1, 2) {
			return false
		}
		parts++
		if i >= 0 && len(t) == 0 {
			return false
		}
	}
	return parts == 2 || parts == 3
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

// headerBlock finds the header block of the message at start: its length,
// the offset of the body and -1, or, when a separator line comes first,
// the length up to it, -1 and the separator's offset. With neither in
// maxHeaderBlock bytes or before the segment end, the block is as long as
// that. The block is in the buffer afterwards, growing it when it is
// smaller than the block.
func (s *mboxScanner) headerBlock(start int64) (hdrLen int, body, sep int64, err error) {
	limit := int(min(int64(maxHeaderBlock), s.end-start))
	w, err := s.window(start, 64<<10)
	if err != nil {
		return 0, -1, -1, err
	}
	for {
		w = w[:min(len(w), limit)]
		h, b, sep, err := s.blockEnd(w, start)
		switch {
		case err != nil:
			return 0, -1, -1, err
		case sep >= 0:
			return int(sep - start), -1, sep, nil
		case h >= 0:
			return h, start + int64(b), -1, nil
		case len(w) >= limit:
			return limit, -1, -1, nil
		}
		// The block runs past the buffered bytes: read from its start,
		// with a larger buffer when this one cannot hold it.
		if start == s.base || len(w) >= len(s.buf)-8 {
			s.buf = make([]byte, min(2*len(s.buf), limit+16))
		}
		if err := s.load(start); err != nil {
			return 0, -1, -1, err
		}
		w = s.buf[start-s.base : s.n]
	}
}

// blockEnd is headerEnd for the header block in w, which starts at start,
// that also stops at a separator line: it returns the separator's offset
// then, -1 otherwise.
func (s *mboxScanner) blockEnd(w []byte, start int64) (hdr, body int, sep int64, err error) {
	for i := 0; i < len(w); {
		switch {
		case w[i] == '\n':
			return i, i + 1, -1, nil
		case w[i] == '\r' && i+1 < len(w) && w[i+1] == '\n':
			return i, i + 2, -1, nil
		case w[i] == 'F' && bytes.HasPrefix(w[i:], sepPattern[1:]):
			ok, err := s.isSeparator(start + int64(i))
			if err != nil || ok {
				return -1, -1, start + int64(i), err
			}
		}
		j := bytes.IndexByte(w[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return -1, -1, -1, nil
}

// contentLengthEnd checks a Content-Length: the body at bodyStart of n
// bytes must end at the segment end or before a separator line (a blank
// line between them or not). It returns where the next message starts, or
// -1 when the length does not fit.
func (s *mboxScanner) contentLengthEnd(bodyStart, n int64) (int64, error) {
	e := bodyStart + n
	if n < 0 || e > s.end {
		return -1, nil
	}
	if e == s.end {
		return e, nil
	}
	w, err := s.peek(e-1, 8)
	if err != nil {
		return -1, err
	}
	var next int64
	switch {
	case bytes.HasPrefix(w, []byte("\nFrom ")):
		next = e
	case bytes.HasPrefix(w[1:], []byte("\nFrom ")):
		next = e + 1
	case bytes.HasPrefix(w[1:], []byte("\r\nFrom ")):
		next = e + 2
	case len(w) == 2 && w[1] == '\n', len(w) == 3 && w[1] == '\r' && w[2] == '\n':
		return s.end, nil // a blank line, then the end of the data
	default:
		return -1, nil
	}
	// The line after the separator must be a header line.
	line, err := s.peek(next, maxFromLine+80)
	if err != nil {
		return -1, err
	}
	le := bytes.IndexByte(line, '\n')
	if le < 0 || !looksLikeHeaderLine(line[le+1:]) && next+int64(le)+1 < s.end {
		return -1, nil
	}
	return next, nil
}

// scan walks the segment, which starts with a separator line. For each
// message it calls header with the message's offset and header block
// (separator line excluded; valid only during the call), which returns
// the message's Content-Length or -1, then length with the message's
// length (the blank line before the next separator excluded).
func (s *mboxScanner) scan(header func(off int64, hdr []byte) int64, length func(int64)) error {
	pos := s.lo
	for pos < s.end {
		le, err := s.lineEnd(pos)
		if err != nil {
			return err
		}
		start := le + 1
		if start >= s.end {
			header(s.end, nil)
			length(0)
			break
		}
		// A separator inside what looked like the header block ends it:
		// next is set then.
		hdrLen, bodyStart, next, err := s.headerBlock(start)
		if err != nil {
			return err
		}
		// Nothing has moved the buffer since headerBlock.
		cl := header(start, s.buf[start-s.base:start-s.base+int64(hdrLen)])
		end := int64(-1)
		if next < 0 && bodyStart >= 0 && cl >= 0 {
			if next, err = s.contentLengthEnd(bodyStart, cl); err != nil {
				return err
			}
			if next >= 0 {
				end = bodyStart + cl
			}
		}
		if next < 0 {
			if next, err = s.findSeparator(start + int64(max(hdrLen, 1))); err != nil {
				return err
			}
		}
		if end < 0 {
			end = s.trimTrailingBlank(start, next)
		}
		length(end - start)
		pos = next
	}
	s.report(s.end) // bytes a Content-Length skipped
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

// at is the byte at off, loading what it needs.
func (s *mboxScanner) at(off int64) int {
	if off >= s.base && off < s.base+int64(s.n) {
		return int(s.buf[off-s.base])
	}
	w, err := s.peek(off, 1)
	if err != nil || len(w) == 0 {
		return -1
	}
	return int(w[0])
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
