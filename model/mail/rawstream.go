package mail

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Reading a message without holding it: a message can be far larger than
// memory (a 3 MB .gz inflating to one 1.5 GB message), so its body is
// streamed from its source, and what is kept of it is bounded.

// streamBuffer is the read-ahead of a streamed message.
const streamBuffer = 256 << 10

// rawStream is a message's bytes as Raw gives them, read as they are
// needed. Faults of the source (a read error, a file that shrank) are kept
// in err rather than taken for the end of the message.
type rawStream struct {
	r      io.Reader // the section of the source, read ahead
	closer io.Closer
	name   string
	want   int64 // bytes the section should give
	got    int64
	err    error
}

// openRaw opens the message's bytes for reading; close releases them.
func (m *Message) openRaw() (*rawStream, error) {
	if m.Source == nil {
		return nil, errors.New("message has no source")
	}
	sec, closer, err := m.Source.section(m.Offset, m.Length)
	if err != nil {
		return nil, err
	}
	s := &rawStream{closer: closer, name: m.Source.Name, want: m.Length}
	counted := &faultReader{s: s, r: sec}
	size := int(min(streamBuffer, m.Length+16)) // small for a small message
	if m.Source.quoted {
		s.r = newUnquoteReader(counted, size)
	} else {
		s.r = bufio.NewReaderSize(counted, size)
	}
	return s, nil
}

func (s *rawStream) Read(p []byte) (int, error) { return s.r.Read(p) }

func (s *rawStream) close() {
	if s.closer != nil {
		s.closer.Close()
	}
}

// fault is the source's fault met while reading, nil when there was none.
func (s *rawStream) fault() error {
	if s.err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", s.name, s.err)
}

// faultReader records in s what was read and the source's faults.
type faultReader struct {
	s *rawStream
	r io.Reader
}

func (f *faultReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	f.s.got += int64(n)
	switch {
	case err == io.EOF && f.s.got < f.s.want:
		f.s.err = io.ErrUnexpectedEOF // the file is shorter than when it was loaded
	case err != nil && err != io.EOF:
		f.s.err = err
	}
	return n, err
}

// RawPrefix is Raw cut at limit bytes (before mboxrd unquoting): for a
// pass that scans many messages and need not read a huge one whole.
func (m *Message) RawPrefix(limit int64) ([]byte, error) {
	return m.AppendRawPrefix(nil, limit)
}

// AppendRawPrefix appends RawPrefix(limit) to dst and returns the
// extended slice; on error dst is returned unchanged.
func (m *Message) AppendRawPrefix(dst []byte, limit int64) ([]byte, error) {
	if m.Source == nil {
		return dst, errors.New("message has no source")
	}
	length := max(min(m.Length, limit), 0)
	ra, closer, err := m.Source.readerAt()
	if err != nil {
		return dst, err
	}
	if closer != nil {
		defer closer.Close()
	}
	n := len(dst)
	out := slices.Grow(dst, int(length))[:n+int(length)]
	// Straight into out: a ReaderAt fills all of it or says why not.
	if k, err := ra.ReadAt(out[n:], m.Offset); k < int(length) {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return dst, fmt.Errorf("%s: %w", m.Source.Name, err)
	}
	if m.Source.quoted {
		out = out[:n+len(unquoteMboxrd(out[n:]))] // in place
	}
	return out, nil
}

// unquoteReader is unquoteMboxrd as a stream: one '>' is removed from
// every line that is ">From ", ">>From " and so on. It holds back at most
// one '>' of a line start, so a run of any length costs no memory.
type unquoteReader struct {
	br        *bufio.Reader
	lineStart bool // the next byte starts a line
	held      bool // a '>' starting the line was read and not given out
}

func newUnquoteReader(r io.Reader, size int) *unquoteReader {
	return &unquoteReader{br: bufio.NewReaderSize(r, size), lineStart: true}
}

var fromSpace = []byte("From ")

// lineStartingWith is where in b the first line that starts with c
// starts, after a newline; len(b) when there is none. It looks for c,
// rarer than newlines.
func lineStartingWith(b []byte, c byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], c)
		if j < 0 {
			return len(b)
		}
		if i+j > 0 && b[i+j-1] == '\n' {
			return i + j
		}
		i += j + 1
	}
}

func (u *unquoteReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if u.lineStart {
			c, err := u.br.ReadByte()
			if err != nil {
				if u.held {
					p[n] = '>'
					n++
					u.held = false
				}
				if n > 0 {
					return n, nil
				}
				return 0, err
			}
			if c == '>' {
				if u.held {
					p[n] = '>'
					n++
				}
				u.held = true
				continue
			}
			u.br.UnreadByte() //nolint:errcheck // it follows a ReadByte
			u.lineStart = false
			if u.held {
				u.held = false
				// The run of '>' ends here: one goes when "From " follows.
				if next, _ := u.br.Peek(len(fromSpace)); !bytes.Equal(next, fromSpace) {
					p[n] = '>'
					n++
				}
			}
			continue
		}
		// Inside a line: give out the buffered bytes up to the next line
		// that starts with '>'; other line starts need no look.
		if _, err := u.br.Peek(1); err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		b, _ := u.br.Peek(u.br.Buffered())
		b = b[:lineStartingWith(b, '>')]
		k := copy(p[n:], b)
		u.br.Discard(k) //nolint:errcheck // k bytes are buffered
		n += k
		u.lineStart = p[n-1] == '\n'
	}
	return n, nil
}

// rawHead keeps the first maxPartBytes read through it, for the raw-text
// fallback of a message whose MIME structure cannot be read, and counts
// the rest.
type rawHead struct {
	r     io.Reader
	head  []byte
	total int64
}

func (h *rawHead) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.total += int64(n)
	if keep := min(int64(n), maxPartBytes-int64(len(h.head))); keep > 0 {
		if need := len(h.head) + int(keep); need > cap(h.head) {
			// Doubling, to the cap at most: append's smaller steps would
			// allocate several times what is kept.
			grown := make([]byte, len(h.head), min(max(need, 2*cap(h.head)), int(maxPartBytes)))
			copy(grown, h.head)
			h.head = grown
		}
		h.head = append(h.head, p[:keep]...)
	}
	return n, err
}

// text is the raw text after the header block, as far as it was kept, and
// a note of the rest, which it reads past.
func (h *rawHead) text() string {
	io.Copy(io.Discard, h) //nolint:errcheck // a fault of the source is the stream's
	rest := h.total - int64(len(h.head))
	text := rawBodyText(cutAtRune(h.head, rest > 0))
	if rest <= 0 {
		return text
	}
	return cutNote(validUTF8OrLatin1(text), rest, false)
}

// cutAtRune drops the incomplete character a cut may leave at the end of
// b, so that cut UTF-8 is not taken for Latin-1.
func cutAtRune(b []byte, cut bool) []byte {
	if !cut {
		return b
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// cutNote ends the text kept of a part with the note of what was not
// shown. HTML loses a tag cut in the middle, and gets the note as a
// paragraph.
func cutNote(text string, rest int64, html bool) string {
	note := "… " + sizeText(rest) + " more not shown"
	if html {
		if i := strings.LastIndexByte(text, '<'); i > strings.LastIndexByte(text, '>') {
			text = text[:i]
		}
		return text + "\n<p>" + note + "</p>\n"
	}
	var b strings.Builder
	b.Grow(len(text) + len(note) + 2)
	b.WriteString(text)
	if text != "" && !strings.HasSuffix(text, "\n") {
		b.WriteByte('\n')
	}
	b.WriteString(note)
	b.WriteByte('\n')
	return b.String()
}

// maxRun is the most bytes go-message is given without an empty line, a
// little more than is kept of a part. Beyond the top-level header (which
// go-message bounds), it reads the header block of each MIME part whole,
// however long: a part header that never ends would be held in memory to
// its end. A longer run gets an empty line, which ends such a header; in
// a body the empty line comes after more text than is kept of a part, and
// base64 decoding ignores it.
func maxRun() int64 { return maxPartBytes + 64<<10 }

// runGuard gives r through, with an empty line put in any run of more
// than maxRun bytes that has none.
type runGuard struct {
	r       io.Reader
	run     int64   // bytes since the last empty line
	last    [2]byte // the last two bytes given, to see an empty line across reads
	pending []byte
}

func (g *runGuard) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if len(g.pending) > 0 {
		n := copy(p, g.pending)
		g.pending = g.pending[n:]
		return n, nil
	}
	if g.run >= maxRun() {
		g.run = 0
		g.pending = []byte("\n\n")
		if g.last[1] == '\n' {
			g.pending = g.pending[1:]
		}
		g.last = [2]byte{'\n', '\n'}
		return g.Read(p)
	}
	p = p[:min(int64(len(p)), maxRun()-g.run)]
	n, err := g.r.Read(p)
	if n > 0 {
		g.note(p[:n])
	}
	return n, err
}

// note counts b in the run, which an empty line ends.
func (g *runGuard) note(b []byte) {
	end := max(lastEnd(b, "\n\n"), lastEnd(b, "\n\r\n")) // where the last empty line in b ends
	if end < 0 {
		// An empty line across the previous read and this one.
		switch {
		case g.last[1] == '\n' && b[0] == '\n':
			end = 1
		case g.last[1] == '\n' && len(b) > 1 && b[0] == '\r' && b[1] == '\n':
			end = 2
		case g.last == [2]byte{'\n', '\r'} && b[0] == '\n':
			end = 1
		}
	}
	if end >= 0 {
		g.run = int64(len(b) - end)
	} else {
		g.run += int64(len(b))
	}
	if len(b) >= 2 {
		g.last = [2]byte{b[len(b)-2], b[len(b)-1]}
	} else {
		g.last = [2]byte{g.last[1], b[0]}
	}
}

// lastEnd is where the last sep in b ends, -1 when there is none; a
// forward search, which bytes.Index makes fast.
func lastEnd(b []byte, sep string) int {
	end := -1
	for pos := 0; ; {
		i := bytes.Index(b[pos:], []byte(sep))
		if i < 0 {
			return end
		}
		end = pos + i + len(sep)
		pos = end - 1 // "\n\n\n" holds two
	}
}
