package thread

import "bytes"

// mentionScanner finds the candidate Message-IDs of MentionedIDs in one
// pass over the bytes, allocating nothing once its buffer has grown: the
// related-topics pass runs it over every body of the archive.
//
// Every candidate holds an "@" (or, in a link, a "%40" that decodes to
// one), so the scanner jumps from "@" to "@" and looks around each one for
// the token it sits in, instead of searching the whole text for "<" and
// for each archive host in turn. The bytes around consecutive "@"s are
// looked at once: what a backward or forward search found is kept for the
// next "@" of the same token.
type mentionScanner struct {
	text []byte
	emit func(id []byte)
	dec  []byte // a link segment with its %-escapes decoded

	// Angle brackets: the end of the token around the last "@" (the first
	// of "<> \t\r\n" after it, or len(text)); an "@" before it belongs to
	// the same candidate.
	angleEnd int

	// Links: the token around the last trigger (bounded by " \t\r\n<>\"'"),
	// from tokStart to tokEnd; the last "/" and the last "#" or "?" in it
	// before the trigger at scanned; segEnd, the end of the link segment
	// the trigger was in. hosts counts the archive hosts that end in
	// [hostFrom, hostTo).
	tokStart, tokEnd int
	slash, cut       int
	scanned          int
	segEnd           int
	hostFrom, hostTo int
	hosts            int
}

// Byte classes for the scanner.
const (
	clsAngle = 1 << iota // ends an angle-bracket candidate: "<> \t\r\n"
	clsLink              // ends a link: " \t\r\n<>\"'"
	clsSlash             // "/"
	clsCut               // "#" or "?": the rest of a link is not a path
)

var mentionClass = func() (c [256]uint8) {
	for _, b := range []byte("<> \t\r\n") {
		c[b] |= clsAngle
	}
	for _, b := range []byte(" \t\r\n<>\"'") {
		c[b] |= clsLink
	}
	c['/'] |= clsSlash
	c['#'] |= clsCut
	c['?'] |= clsCut
	return c
}()

// maxHostLen is the length of the longest of messageLinkHosts.
var maxHostLen = func() int {
	n := 0
	for _, h := range messageLinkHosts {
		n = max(n, len(h))
	}
	return n
}()

// scan calls emit for every candidate MentionedIDs(text) lists, as often
// as it lists it, though not in the same order: the angle-bracket
// candidates and the link segments interleave in the order of their "@".
// The slice emit gets is valid only during the call.
func (s *mentionScanner) scan(text []byte, emit func(id []byte)) {
	s.text, s.emit = text, emit
	s.angleEnd, s.tokEnd, s.segEnd = -1, -1, -1
	at := bytes.IndexByte(text, '@')
	pct := indexPct40(text, 0)
	for at >= 0 || pct >= 0 {
		var a int
		if pct < 0 || (at >= 0 && at < pct) {
			a = at
			s.angle(a)
			if at = bytes.IndexByte(text[a+1:], '@'); at >= 0 {
				at += a + 1
			}
		} else {
			a = pct
			pct = indexPct40(text, a+1)
		}
		s.link(a)
	}
	s.text, s.emit = nil, nil
}

// indexPct40 is the index of the first "%40" in text at or after from, or
// -1.
func indexPct40(text []byte, from int) int {
	i := bytes.Index(text[from:], []byte("%40"))
	if i < 0 {
		return -1
	}
	return from + i
}

// angle handles the "@" at a: the candidate <local@domain> around it.
func (s *mentionScanner) angle(a int) {
	if a < s.angleEnd {
		return // in the candidate of an earlier "@"
	}
	text := s.text
	// An angle-token byte lies at s.angleEnd (when it is in text), so the
	// backward search stops there at the latest.
	start := a - 1
	for start >= 0 && mentionClass[text[start]]&clsAngle == 0 {
		start--
	}
	end := a + 1
	for end < len(text) && mentionClass[text[end]]&clsAngle == 0 {
		end++
	}
	s.angleEnd = end
	if start >= 0 && text[start] == '<' && end < len(text) && text[end] == '>' {
		s.add(text[start+1 : end])
	}
}

// link handles the trigger ("@" or "%40") at a: the path segment around
// it, when it is in a link to a mail archive, once for every archive host
// whose link holds it.
func (s *mentionScanner) link(a int) {
	if a < s.segEnd {
		return // in the segment of an earlier trigger
	}
	text := s.text
	from := s.scanned
	if a >= s.tokEnd {
		// A new token. A link-token byte lies at the old s.tokEnd, so the
		// backward search stops there at the latest.
		start := a - 1
		for start >= 0 && mentionClass[text[start]]&clsLink == 0 {
			start--
		}
		end := a + 1
		for end < len(text) && mentionClass[text[end]]&clsLink == 0 {
			end++
		}
		s.tokStart, s.tokEnd = start+1, end
		s.slash, s.cut = -1, -1
		s.hostFrom, s.hostTo, s.hosts = s.tokStart, s.tokStart, 0
		from = s.tokStart
	}
	for i := from; i < a; i++ {
		switch c := mentionClass[text[i]]; {
		case c&clsSlash != 0:
			s.slash = i
		case c&clsCut != 0:
			s.cut = i
		}
	}
	s.scanned = a
	end := a + 1
	for end < s.tokEnd && mentionClass[text[end]]&(clsSlash|clsCut) == 0 {
		end++
	}
	s.segEnd = end
	if s.slash < 0 || s.slash < s.cut {
		return // no "/" after the last "#" or "?": no host ends before a
	}
	// The hosts whose links hold the segment lie wholly in
	// [max(tokStart, cut+1), slash+1): a host has no "#", "?" or link-end
	// byte, and ends with the "/" that starts the link.
	lo, hi := max(s.tokStart, s.cut+1), s.slash+1
	if lo != s.hostFrom {
		s.hostFrom, s.hostTo, s.hosts = lo, lo, 0
	}
	if hi > s.hostTo {
		s.hosts += countHosts(text, max(lo, s.hostTo-maxHostLen+1), hi, s.hostTo)
		s.hostTo = hi
	}
	if s.hosts == 0 {
		return
	}
	seg := s.unescape(text[s.slash+1 : end])
	for range s.hosts {
		s.add(seg)
	}
}

// countHosts counts the occurrences of messageLinkHosts in text[lo:hi]
// that end after minEnd.
func countHosts(text []byte, lo, hi, minEnd int) int {
	n := 0
	for _, h := range messageLinkHosts {
		for i := lo; ; {
			j := bytes.Index(text[i:hi], []byte(h))
			if j < 0 {
				break
			}
			i += j + len(h)
			if i > minEnd {
				n++
			}
		}
	}
	return n
}

// unescape decodes seg's %-escapes as url.PathUnescape does, into s.dec;
// seg itself when it has none or one is malformed.
func (s *mentionScanner) unescape(seg []byte) []byte {
	n := bytes.IndexByte(seg, '%')
	if n < 0 {
		return seg
	}
	for i := n; i < len(seg); i++ {
		if seg[i] == '%' {
			if i+2 >= len(seg) || !isHex(seg[i+1]) || !isHex(seg[i+2]) {
				return seg
			}
			i += 2
		}
	}
	d := append(s.dec[:0], seg[:n]...)
	for i := n; i < len(seg); i++ {
		if seg[i] == '%' {
			d = append(d, unhex(seg[i+1])<<4|unhex(seg[i+2]))
			i += 2
		} else {
			d = append(d, seg[i])
		}
	}
	s.dec = d
	return d
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// add is MentionedIDs' add: a candidate with an "@", and again without the
// sentence punctuation it ends in.
func (s *mentionScanner) add(id []byte) {
	if bytes.IndexByte(id, '@') < 0 {
		return
	}
	s.emit(id)
	if t := bytes.TrimRight(id, ".,;:!?)"); len(t) != len(id) && len(t) > 0 {
		s.emit(t)
	}
}
