package mail

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"strings"
)

// A Message-ID seen twice is usually one mail read twice: cross-posted to
// two lists, or a file loaded with a copy of itself. But mailers do reuse
// ids (a reply sent with the id of the mail it answers, two patches sent
// under one id), and dropping the second copy would lose a mail without a
// word. So the copy is dropped only when it is the same mail: same author
// and same body (the headers differ between the copies two lists deliver).

// maxFooter is how much longer one copy's body may be than the other's
// and still be the same mail: the footer a mailing list appends.
const maxFooter = 4 << 10

// keep decides whether m, just read from src, joins the collection. A
// message with a new Message-ID does. One whose Message-ID an earlier
// message has is dropped when it is the same mail; a different mail is
// kept under a derived id, "<id>#<hash of its author and body>", stable
// across loads, with a warning. Replies name the plain id, so they thread
// to the first mail that has it.
func (c *Collection) keep(src *Source, m *Message) bool {
	first := c.byID.get(m.ID)
	if first == nil {
		return true
	}
	if m.Synthetic || c.sameMail(first, m) {
		// A synthetic id is a hash of what identifies the mail.
		return false
	}
	id := m.ID
	d := c.digest(m)
	derived := id + "#" + d.sum[:8]
	if other := c.byID.get(derived); other != nil {
		if c.sameMail(other, m) {
			return false // a copy of a mail kept under a derived id
		}
		derived = id + "#" + d.sum
	}
	m.ID = derived
	m.AddWarning(fmt.Sprintf(
		"Message-ID <%s> is also that of an earlier, different mail (from %s); this one is kept as <%s>",
		id, first.From.Display(), derived))
	src.Reused++
	return true
}

// sameMail says whether two messages with one Message-ID are the same mail:
// the same author and body, or one body the other's with a list footer
// appended when their Date and Subject agree as well. A message rebuilt
// from damaged headers (whose line breaks and addresses were lost) or one
// that cannot be read counts as the same, as every copy did before.
func (c *Collection) sameMail(a, b *Message) bool {
	if a.Source != nil && a.Source.Kind == KindRebuilt || b.Source != nil && b.Source.Kind == KindRebuilt {
		return true
	}
	if !strings.EqualFold(a.From.Email, b.From.Email) {
		return false
	}
	da, db := c.digest(a), c.digest(b)
	if da.err != nil || db.err != nil || da.sum == db.sum {
		return true
	}
	if a.Date.IsZero() || !a.Date.Equal(b.Date) || a.Subject != b.Subject {
		return false
	}
	if da.n > db.n {
		a, da, db = b, db, da
	}
	if db.n-da.n > maxFooter {
		return false
	}
	// Is a's body the start of b's?
	cut := bodyDigest(b, a.From.Email, da.n, &c.scratch)
	return cut.err == nil && cut.sum == da.sum
}

// mailSum is the digest of a message's author and normalised body, and
// the length of that body.
type mailSum struct {
	sum string
	n   int64
	err error
}

// digest is bodyDigest, computed once per message.
func (c *Collection) digest(m *Message) mailSum {
	if d, ok := c.digests[m]; ok {
		return d
	}
	if c.digests == nil {
		c.digests = make(map[*Message]mailSum)
	}
	d := bodyDigest(m, m.From.Email, -1, &c.scratch)
	c.digests[m] = d
	return d
}

// inMemoryDigest is the size up to which a message is read whole, into a
// buffer used again for the next, rather than streamed.
const inMemoryDigest = 1 << 20

// bodyDigest hashes the author's address and the body of m, with carriage
// returns dropped and trailing white space ignored (copies differ there);
// limit, when not negative, cuts the normalised body. A small message is
// read into scratch, a large one streamed from its source.
func bodyDigest(m *Message, author string, limit int64, scratch *[]byte) mailSum {
	h := &normHash{h: sha256.New(), limit: limit}
	io.WriteString(h.h, strings.ToLower(author))
	h.h.Write([]byte{0})
	if m.Length <= inMemoryDigest {
		raw, err := m.AppendRawPrefix((*scratch)[:0], m.Length)
		if err != nil {
			return mailSum{err: err}
		}
		*scratch = raw
		if _, b := headerEnd(raw); b >= 0 {
			h.Write(raw[b:])
		}
		return mailSum{sum: hex.EncodeToString(h.h.Sum(nil)[:16]), n: h.n}
	}
	r, err := m.openRaw()
	if err != nil {
		return mailSum{err: err}
	}
	defer r.close()
	br := bufio.NewReader(r)
	for read := 0; read <= maxHeaderBlock; {
		line, err := br.ReadSlice('\n')
		read += len(line)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil || len(line) == 1 || len(line) == 2 && line[0] == '\r' {
			break // the end of the data, or the blank line after the header
		}
	}
	if _, err := io.Copy(h, br); err != nil && err != errLimit {
		return mailSum{err: err}
	}
	if err := r.fault(); err != nil {
		return mailSum{err: err}
	}
	return mailSum{sum: hex.EncodeToString(h.h.Sum(nil)[:16]), n: h.n}
}

var errLimit = fmt.Errorf("limit reached")

// normHash writes to h what is written to it without carriage returns and
// without the white space at its end, up to limit bytes when limit is not
// negative.
type normHash struct {
	h       hash.Hash
	limit   int64
	n       int64  // bytes written to h
	pending []byte // white space held back until something follows it
	buf     []byte
}

func (w *normHash) Write(p []byte) (int, error) {
	q := p
	if bytes.IndexByte(p, '\r') >= 0 {
		w.buf = w.buf[:0]
		for _, c := range p {
			if c != '\r' {
				w.buf = append(w.buf, c)
			}
		}
		q = w.buf
	}
	k := len(bytes.TrimRight(q, " \t\n"))
	if k > 0 {
		if len(w.pending) > 0 {
			if err := w.put(w.pending); err != nil {
				return 0, err
			}
			w.pending = w.pending[:0]
		}
		if err := w.put(q[:k]); err != nil {
			return 0, err
		}
	}
	w.pending = append(w.pending, q[k:]...)
	return len(p), nil
}

func (w *normHash) put(b []byte) error {
	if w.limit >= 0 && w.n+int64(len(b)) >= w.limit {
		w.h.Write(b[:w.limit-w.n])
		w.n = w.limit
		return errLimit
	}
	w.h.Write(b)
	w.n += int64(len(b))
	return nil
}

// setSyntheticIDFromSource gives a message without Message-ID its
// synthetic id, from the start of its bytes.
func setSyntheticIDFromSource(m *Message) {
	raw, err := m.RawPrefix(64 << 10)
	if err != nil {
		raw = nil
	}
	setSyntheticID(m, raw)
}
