package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
)

// headerParser turns a header block into the few fields summit keeps. It
// is a hand-written scanner rather than net/textproto because it runs once
// per message of a 100k-message archive: it looks only at the six fields
// it needs, allocates only for the values it keeps, and shares repeated
// Message-IDs (every reply repeats its thread's References) through an
// intern table. One parser per goroutine: it is not safe for concurrent use.
//
// The values a thread repeats are kept once: its Message-IDs, its subject
// ("Re: ..." in every reply), its authors' From values, and its
// References lists, which share arrays (see shareRefs). What is shared is
// never written after it is handed out, so sharing changes no value.
//
// These tables remember the recent values only (see recent): a thread's
// messages are near each other in an archive, and tables as large as a
// million-message archive would make every look-up slower (a cache miss
// each), the time per message growing with the archive.
type headerParser struct {
	ids      recent[string]  // Message-ID -> the shared copy
	subjects recent[string]  // unfolded Subject value -> Message.Subject
	froms    recent[Address] // unfolded From value -> Message.From
	refs     recent[refPrefix]
	zones    map[int]*time.Location
	decoder  mime.WordDecoder
	scratch  []byte
	raw      [][]byte // the ids of one field, before interning
}

// refRun is an array of Message-IDs that References lists are prefixes
// of: a reply's list is its parent's with the parent appended, so a chain
// of replies needs one array, grown as append grows it, not one list
// each.
type refRun struct {
	ids []string // the ids so far; cap is the room to grow in place
}

// refPrefix is where a References list already handed out lives: the
// first n ids of run.
type refPrefix struct {
	run *refRun
	n   int
}

func newHeaderParser() *headerParser {
	return &headerParser{
		zones:   make(map[int]*time.Location),
		decoder: mime.WordDecoder{CharsetReader: charset.Reader},
	}
}

// The header fields summit reads.
const (
	fieldMessageID = iota
	fieldInReplyTo
	fieldReferences
	fieldFrom
	fieldDate
	fieldSubject
	// Read only to tell automatic mail (bounces, auto-replies) apart.
	fieldAutoSubmitted
	fieldReturnPath
	fieldContentType
	// Read by the mbox scanner (mboxcl2).
	fieldContentLength
	numFields
)

// fieldIndex maps a field name to one of the fields above, or -1.
func fieldIndex(name []byte) int {
	switch len(name) {
	case 4:
		if bytes.EqualFold(name, []byte("from")) {
			return fieldFrom
		}
		if bytes.EqualFold(name, []byte("date")) {
			return fieldDate
		}
	case 7:
		if bytes.EqualFold(name, []byte("subject")) {
			return fieldSubject
		}
	case 10:
		if bytes.EqualFold(name, []byte("message-id")) {
			return fieldMessageID
		}
		if bytes.EqualFold(name, []byte("references")) {
			return fieldReferences
		}
	case 11:
		if bytes.EqualFold(name, []byte("in-reply-to")) {
			return fieldInReplyTo
		}
		if bytes.EqualFold(name, []byte("return-path")) {
			return fieldReturnPath
		}
	case 12:
		if bytes.EqualFold(name, []byte("content-type")) {
			return fieldContentType
		}
	case 14:
		if bytes.EqualFold(name, []byte("auto-submitted")) {
			return fieldAutoSubmitted
		}
		if bytes.EqualFold(name, []byte("content-length")) {
			return fieldContentLength
		}
	}
	return -1
}

// automatic reports whether the headers say a machine sent the mail: an
// Auto-Submitted other than "no" (RFC 3834), a null Return-Path (the
// envelope sender of bounces, RFC 5321), or a delivery report
// (multipart/report, RFC 6522).
func automatic(spans *[numFields][]byte) bool {
	if v := bytes.TrimSpace(spans[fieldAutoSubmitted]); len(v) > 0 && !bytes.EqualFold(v, []byte("no")) {
		return true
	}
	if v := bytes.TrimSpace(spans[fieldReturnPath]); bytes.Equal(v, []byte("<>")) {
		return true
	}
	v := bytes.TrimSpace(spans[fieldContentType])
	return len(v) >= 16 && bytes.EqualFold(v[:16], []byte("multipart/report"))
}

// parse fills m from the header block. It never fails: what is missing or
// unreadable becomes a warning on the message. It returns the value of the
// Content-Length field, -1 when there is none or it is not a number.
func (p *headerParser) parse(block []byte, m *Message) int64 {
	var spans [numFields][]byte // raw values, still folded
	cur := -1
	for len(block) > 0 {
		i := bytes.IndexByte(block, '\n')
		var line []byte
		if i < 0 {
			line, block = block, nil
		} else {
			line, block = block[:i+1], block[i+1:]
		}
		if line[0] == ' ' || line[0] == '\t' {
			if cur >= 0 {
				// Continuation: the span grows to cover it. Spans are
				// slices of the block, so this is free.
				s := spans[cur]
				spans[cur] = s[:len(s)+len(line)]
			}
			continue
		}
		cur = -1
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 {
			continue
		}
		f := fieldIndex(bytes.TrimRight(line[:colon], " \t"))
		if f < 0 || spans[f] != nil {
			continue // not ours, or a repeated field: the first wins
		}
		spans[f] = line[colon+1:]
		cur = f
	}

	m.Automatic = automatic(&spans)
	if v := p.unfold(spans[fieldMessageID]); len(v) > 0 {
		if p.raw = rawIDs(p.raw[:0], v, true); len(p.raw) > 0 {
			m.ID = p.intern(p.raw[0])
		}
	}
	if v := p.unfold(spans[fieldReferences]); len(v) > 0 {
		if p.raw = rawIDs(p.raw[:0], v, false); len(p.raw) > 0 {
			m.References = p.shareRefs(p.raw)
		}
	}
	if v := p.unfold(spans[fieldInReplyTo]); len(v) > 0 {
		if p.raw = rawIDs(p.raw[:0], v, false); len(p.raw) > 0 {
			// Usually the last reference, already stored.
			if r := m.References; len(r) > 0 && r[len(r)-1] == string(p.raw[0]) {
				m.InReplyTo = r[len(r)-1]
			} else {
				m.InReplyTo = p.intern(p.raw[0])
			}
		}
	}
	clear(p.raw) // the scratch list keeps no header block alive
	if v := p.unfold(spans[fieldFrom]); len(v) > 0 {
		m.From = p.from(v, m)
	} else if spans[fieldFrom] != nil {
		m.AddWarning("empty From header")
	} else {
		m.AddWarning("no From header")
	}
	if spans[fieldSubject] != nil {
		m.Subject = p.subject(p.unfold(spans[fieldSubject]), m)
	}
	if v := p.unfold(spans[fieldDate]); len(v) > 0 {
		if t, ok := p.date(string(v)); ok {
			m.Date = t
		} else {
			m.DateUnknown = true
			m.AddWarning(fmt.Sprintf("date not understood: %q", CleanText(string(v), false)))
		}
	} else {
		m.DateUnknown = true
		if spans[fieldDate] != nil {
			m.AddWarning("empty Date header")
		} else {
			m.AddWarning("no Date header")
		}
	}
	cl := int64(-1)
	if v := p.unfold(spans[fieldContentLength]); isNumber(v, 1, 15) {
		cl = 0
		for _, c := range v {
			cl = cl*10 + int64(c-'0')
		}
	}
	return cl
}

// syntheticFields are the header fields a synthetic id is made of: those
// that say which mail it is. The ones mail clients add or rewrite when
// they save a mail again (Status, X-Status, Content-Length, Lines,
// X-Mozilla-Status...) and the ones each list adds (Received, List-Id)
// are left out.
var syntheticFields = map[string]bool{
	"from": true, "sender": true, "to": true, "cc": true, "date": true, "subject": true,
	"in-reply-to": true, "references": true,
}

// syntheticBodyBytes is how much of the body goes into a synthetic id.
const syntheticBodyBytes = 1024

// setSyntheticID gives a message without Message-ID a stable one, from
// raw, the start of the message (its header block and what follows): a
// hash of the fields in syntheticFields (unfolded, as refolding does not
// change them) and of the body's first bytes (line endings and trailing
// space normalised), so that annotations stick to it across loads and
// when a mail client saves the mail again.
func setSyntheticID(m *Message, raw []byte) {
	hdr, body := raw, []byte(nil)
	if n, b := headerEnd(raw); n >= 0 {
		hdr, body = raw[:n], raw[b:]
	}
	h := sha256.New()
	var value []byte // the unfolded value of a field kept
	keep := false
	end := func() {
		if keep {
			h.Write(bytes.TrimSpace(value))
			h.Write([]byte("\n"))
		}
	}
	for len(hdr) > 0 {
		i := bytes.IndexByte(hdr, '\n')
		line := hdr
		if i >= 0 {
			line, hdr = hdr[:i], hdr[i+1:]
		} else {
			hdr = nil
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			value = append(value, line...) // unfolding keeps the white space
			continue
		}
		end()
		colon := bytes.IndexByte(line, ':')
		keep = colon > 0 && syntheticFields[string(bytes.ToLower(bytes.TrimSpace(line[:colon])))]
		if keep {
			h.Write(bytes.ToLower(bytes.TrimSpace(line[:colon])))
			h.Write([]byte(":"))
			value = append(value[:0], line[colon+1:]...)
		}
	}
	end()
	h.Write([]byte("\n"))
	cut := len(body) > syntheticBodyBytes
	body = bytes.ReplaceAll(body[:min(len(body), syntheticBodyBytes)], []byte("\r"), nil)
	if i := bytes.LastIndexByte(body, '\n'); cut && i >= 0 {
		body = body[:i] // a whole number of lines
	}
	h.Write(bytes.TrimRight(body, " \t\n"))
	m.ID = hex.EncodeToString(h.Sum(nil)[:16]) + "@summit.invalid"
	m.Synthetic = true
	m.AddWarning("no Message-ID; using a synthetic id")
}

// unfold returns the value with folding line breaks removed and outer
// space trimmed. It reuses a scratch buffer: the result is valid until the
// next call.
func (p *headerParser) unfold(v []byte) []byte {
	if v == nil {
		return nil
	}
	v = bytes.TrimSpace(v)
	if bytes.IndexByte(v, '\n') < 0 && bytes.IndexByte(v, '\r') < 0 {
		return v
	}
	p.scratch = p.scratch[:0]
	for _, c := range v {
		if c != '\n' && c != '\r' {
			p.scratch = append(p.scratch, c)
		}
	}
	return p.scratch
}

// intern returns the shared copy of a Message-ID.
func (p *headerParser) intern(b []byte) string {
	if s, ok, old := p.ids.get(b); ok {
		if old {
			p.ids.put(s, s) // still in use: kept another round
		}
		return s
	}
	s := string(b)
	p.ids.put(s, s)
	return s
}

// recent is a table of the values seen lately: it forgets those not
// looked up since recentSize others were put, so that it stays small
// whatever the size of the archive. Forgetting a value only means it is
// stored again the next time, not shared.
type recent[V any] struct {
	cur, old map[string]V
}

// recentSize is how many values a generation of a recent table holds.
const recentSize = 1 << 16

// get looks k up; old says it was found in the older generation, which
// the next put may drop.
func (r *recent[V]) get(k []byte) (v V, ok, old bool) {
	if v, ok = r.cur[string(k)]; ok {
		return v, true, false
	}
	v, ok = r.old[string(k)]
	return v, ok, ok
}

func (r *recent[V]) put(k string, v V) {
	if r.cur == nil {
		r.cur = make(map[string]V)
	}
	if len(r.cur) >= recentSize {
		// A new map rather than the old one cleared: a cleared map
		// takes a new hash seed and splits its tables again as it
		// fills.
		r.old, r.cur = r.cur, make(map[string]V, recentSize)
	}
	r.cur[k] = v
}

// from is address for a From value, shared with the earlier messages that
// had the same value. A value whose decoding warned is not shared, so
// that every message with it gets the warning.
func (p *headerParser) from(v []byte, m *Message) Address {
	if a, ok, _ := p.froms.get(v); ok {
		return a
	}
	warned := m.numWarnings()
	s := string(v)
	a := p.address(s, m)
	if m.numWarnings() == warned {
		p.froms.put(s, a)
	}
	return a
}

// subject is text for a Subject value, shared as from is.
func (p *headerParser) subject(v []byte, m *Message) string {
	if s, ok, _ := p.subjects.get(v); ok {
		return s
	}
	warned := m.numWarnings()
	s := p.text(v, "Subject", m)
	if m.numWarnings() == warned {
		key := s
		if s != string(v) {
			key = string(v)
		}
		p.subjects.put(key, s)
	}
	return s
}

// shareRefs returns the References list of the ids raw (not empty),
// sharing its array with the lists handed out before: the same list
// (siblings name the same ancestors), or one more id on the end of one (a
// reply to a reply), written in place when the array has room and nothing
// was written there yet. Only the ids not found that way are interned. The
// list returned has no spare capacity, so that an append to it copies.
func (p *headerParser) shareRefs(raw [][]byte) []string {
	k := len(raw)
	if e, ok, old := p.refs.get(raw[k-1]); ok && e.n == k && sameIDs(e.run.ids[:k], raw) {
		if old {
			p.refs.put(e.run.ids[k-1], e)
		}
		return e.run.ids[:k:k]
	}
	if k >= 2 {
		if e, ok, _ := p.refs.get(raw[k-2]); ok && e.n == k-1 && len(e.run.ids) == k-1 && sameIDs(e.run.ids, raw[:k-1]) {
			last := p.intern(raw[k-1])
			e.run.ids = append(e.run.ids, last)
			p.refs.put(last, refPrefix{e.run, k})
			return e.run.ids[:k:k]
		}
	}
	// Room for one more: the first reply to this message extends it.
	run := &refRun{ids: make([]string, k, k+1)}
	for i, id := range raw {
		run.ids[i] = p.intern(id)
	}
	p.refs.put(run.ids[k-1], refPrefix{run, k})
	return run.ids[:k:k]
}

// sameIDs says whether ids and raw hold the same Message-IDs.
func sameIDs(ids []string, raw [][]byte) bool {
	if len(ids) != len(raw) {
		return false
	}
	for i, id := range ids {
		if id != string(raw[i]) {
			return false
		}
	}
	return true
}

// msgIDs extracts the Message-IDs of a Message-ID, In-Reply-To or
// References value: the <...> tokens, or the bare words when there are no
// brackets (some mailers drop them). For a Message-ID, a value without
// brackets is one id.
func (p *headerParser) msgIDs(v []byte, single bool) []string {
	var ids []string
	for _, id := range rawIDs(nil, v, single) {
		ids = append(ids, p.intern(id))
	}
	return ids
}

// rawIDs appends to raw the Message-IDs of v as msgIDs finds them,
// cleaned but not interned: slices of v, valid as long as v is.
func rawIDs(raw [][]byte, v []byte, single bool) [][]byte {
	start := len(raw)
	rest := v
	for {
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := bytes.IndexByte(rest[i+1:], '>')
		if j < 0 {
			break
		}
		if id := cleanID(rest[i+1 : i+1+j]); len(id) > 0 {
			raw = append(raw, id)
		}
		rest = rest[i+1+j+1:]
	}
	if len(raw) > start {
		return raw
	}
	if single {
		if id := cleanID(v); len(id) > 0 {
			return append(raw, id)
		}
		return raw
	}
	for _, w := range bytes.Fields(v) {
		if id := cleanID(w); bytes.IndexByte(id, '@') > 0 {
			raw = append(raw, id)
		}
	}
	return raw
}

// cleanID trims what cannot be part of an id: spaces, stray brackets and
// what CleanID removes (an id is shown and written to JSON).
func cleanID(b []byte) []byte {
	b = bytes.Trim(b, " \t<>\"")
	for _, c := range b {
		if c < 0x21 || c >= 0x7f {
			return []byte(CleanID(string(b)))
		}
	}
	return b
}

// text decodes an unstructured value (RFC 2047 encoded words through
// go-message's charsets) and makes it safe and single-line.
func (p *headerParser) text(v []byte, field string, m *Message) string {
	s := string(v)
	if bytes.Contains(v, []byte("=?")) {
		d, err := p.decoder.DecodeHeader(s)
		if err != nil {
			if m != nil {
				m.AddWarning(fmt.Sprintf("%s: undecodable encoded words (%v)", field, err))
			}
		} else {
			s = d
		}
	}
	return oneLine(s)
}

// oneLine cleans s of control characters and collapses runs of white
// space, keeping the common case (clean ASCII, single spaces) free.
func oneLine(s string) string {
	s = CleanText(validUTF8OrLatin1(s), false)
	// CleanText's fast path keeps tabs and newlines even when asked not
	// to, so they are checked here too.
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\n") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// address parses the first mailbox of a From value: "Name <addr>",
// "addr (Name)", a bare address, or the first of several. Quoted strings
// and comments are unescaped (RFC 5322 quoted-pairs: "Huang\, Ying" is
// Huang, Ying), a comment is the name only when there is no other, and
// encoded words are decoded wherever they are (inside quotes too: against
// the RFC, and common). It is deliberately lenient: a broken From still
// gives a name to show.
func (p *headerParser) address(v string, m *Message) Address {
	phrase, angle, comment, hasAngle := splitMailbox(v)
	var a Address
	if hasAngle {
		a.Email = angle
	} else {
		// An addr-spec: the word with an @; other words are a name.
		words := strings.Fields(phrase)
		a.Email, phrase = phrase, ""
		for i, w := range words {
			if strings.IndexByte(w, '@') >= 0 {
				a.Email = w
				phrase = strings.Join(append(words[:i:i], words[i+1:]...), " ")
				break
			}
		}
	}
	a.Email = oneLine(strings.Trim(strings.TrimSpace(a.Email), "<>\""))
	name := strings.TrimSpace(phrase)
	if name == "" {
		name = strings.TrimSpace(comment)
	}
	if strings.Contains(name, "=?") {
		name = p.text([]byte(name), "From", m)
	} else {
		name = oneLine(name)
	}
	a.Name = strings.Trim(name, `"' `)
	if a.Name == a.Email {
		a.Name = ""
	}
	return a
}

// splitMailbox splits the first mailbox of an address list into its
// display name (quoted strings unescaped, comments left out, words
// separated by single spaces), its <address> and its comments (unescaped,
// nested parentheses kept). A comma ends the mailbox when an address came
// before it and another follows; otherwise it is part of the name (an
// unquoted "Last, First <addr>").
func splitMailbox(v string) (phrase, angle, comment string, hasAngle bool) {
	plain := true
	for i := 0; i < len(v) && plain; i++ {
		switch v[i] {
		case '"', '(', '\\', ',':
			plain = false
		}
	}
	if plain {
		// The common case, "Name <addr>" or "addr": nothing to unescape.
		if i := strings.IndexByte(v, '<'); i >= 0 {
			rest := v[i+1:]
			if j := strings.IndexByte(rest, '>'); j >= 0 {
				rest = rest[:j]
			}
			return v[:i], rest, "", true
		}
		return v, "", "", false
	}
	var ph, cm []byte
	space := func(b []byte) []byte {
		if len(b) > 0 && b[len(b)-1] != ' ' {
			b = append(b, ' ')
		}
		return b
	}
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case c == '"':
			for i++; i < len(v) && v[i] != '"'; i++ {
				if v[i] == '\\' && i+1 < len(v) {
					i++
				}
				ph = append(ph, v[i])
			}
			i++
		case c == '(':
			cm = space(cm)
			for depth := 0; i < len(v); i++ {
				ch := v[i]
				if ch == '\\' && i+1 < len(v) {
					i++
					cm = append(cm, v[i])
					continue
				}
				if ch == '(' {
					depth++
					if depth == 1 {
						continue
					}
				}
				if ch == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
				cm = append(cm, ch)
			}
		case c == '<' && !hasAngle:
			hasAngle = true
			j := strings.IndexByte(v[i:], '>')
			if j < 0 {
				angle, i = v[i+1:], len(v)
			} else {
				angle, i = v[i+1:i+j], i+j+1
			}
		case c == ',':
			if (hasAngle || bytes.IndexByte(ph, '@') >= 0) && strings.IndexByte(v[i+1:], '@') >= 0 {
				i = len(v) // the next mailbox
				break
			}
			ph = append(ph, c)
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			ph = space(ph)
			i++
		default:
			if !hasAngle {
				ph = append(ph, c)
			}
			i++
		}
	}
	return strings.TrimSpace(string(ph)), angle, strings.TrimSpace(string(cm)), hasAngle
}

// dateLayouts are the shapes of Date headers net/mail does not accept but
// real archives contain.
var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"Mon Jan 2 15:04:05 2006",
	"Mon Jan 2 15:04:05 MST 2006",
	"Mon Jan 2 15:04:05 -0700 2006",
	"Mon, Jan 2 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"Monday, January 2, 2006 15:04:05 -0700",
}

// date parses a Date value: net/mail first, then the odd shapes above,
// after dropping comments, a trailing zone name and doubled spaces. The
// time keeps the writer's offset, through a shared Location per offset.
func (p *headerParser) date(v string) (time.Time, bool) {
	t, ok := p.fastDate(v)
	if ok {
		return t, true
	}
	t, err := mail.ParseDate(v)
	if err != nil {
		s := v
		if i := strings.IndexByte(s, '('); i > 0 {
			s = s[:i]
		}
		s = strings.Join(strings.Fields(strings.ReplaceAll(s, ",", ", ")), " ")
		s = strings.ReplaceAll(s, " ,", ",")
		ok := false
		for _, cand := range []string{s, dropZoneName(s)} {
			for _, layout := range dateLayouts {
				if t, err = time.Parse(layout, cand); err == nil {
					ok = true
					break
				}
			}
			if ok {
				break
			}
		}
		if !ok {
			return time.Time{}, false
		}
	}
	if t.Year() < 1970 || t.Year() > 2200 {
		return time.Time{}, false
	}
	_, off := t.Zone()
	loc, ok := p.zones[off]
	if !ok {
		if off == 0 {
			loc = time.UTC
		} else {
			loc = time.FixedZone("", off)
		}
		p.zones[off] = loc
	}
	return t.In(loc), true
}

// dropZoneName removes a trailing alphabetic zone name after a numeric
// offset ("-0700 PDT").
func dropZoneName(s string) string {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s
	}
	last := s[i+1:]
	for _, r := range last {
		if r < 'A' || r > 'Z' {
			return s
		}
	}
	return s[:i]
}

// readHeaderBlock reads the header block at the start of r (up to
// maxHeaderBlock bytes): for single messages and maildir files.
func readHeaderBlock(r io.Reader) ([]byte, error) {
	buf := make([]byte, 0, 16<<10)
	chunk := make([]byte, 16<<10)
	for len(buf) < maxHeaderBlock {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if h, _ := headerEnd(buf); h >= 0 {
			return buf[:h], nil
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return buf[:maxHeaderBlock], nil
}

// validUTF8OrLatin1 turns raw 8-bit header text (not RFC 2047 encoded,
// as some mailers send) into UTF-8, reading invalid UTF-8 as Latin-1.
func validUTF8OrLatin1(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

var monthNames = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// fastDate parses the one shape nearly every Date header has,
// "[Mon, ]2 Jan 2006 15:04:05 -0700[ (comment)]", without the error values
// net/mail allocates for each layout it tries: this runs once per message.
func (p *headerParser) fastDate(v string) (time.Time, bool) {
	s := v
	if i := strings.IndexByte(s, ','); i >= 0 && i <= 9 {
		s = s[i+1:]
	}
	s = strings.TrimLeft(s, " ")
	num := func(n int) (int, bool) {
		if len(s) < n {
			return 0, false
		}
		x := 0
		for i := 0; i < n; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			x = x*10 + int(c-'0')
		}
		s = s[n:]
		return x, true
	}
	lit := func(c byte) bool {
		if len(s) == 0 || s[0] != c {
			return false
		}
		s = s[1:]
		return true
	}
	n := 2
	if len(s) > 1 && s[1] == ' ' {
		n = 1
	}
	day, ok := num(n)
	if !ok || !lit(' ') || len(s) < 4 {
		return time.Time{}, false
	}
	month := 0
	for i, m := range monthNames {
		if s[:3] == m {
			month = i + 1
		}
	}
	s = s[3:]
	if month == 0 || !lit(' ') {
		return time.Time{}, false
	}
	year, ok := num(4)
	if !ok || !lit(' ') {
		return time.Time{}, false
	}
	hh, ok1 := num(2)
	ok2 := lit(':')
	mm, ok3 := num(2)
	ok4 := lit(':')
	ss, ok5 := num(2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || !lit(' ') || len(s) < 5 {
		return time.Time{}, false
	}
	sign := 1
	switch s[0] {
	case '+':
	case '-':
		sign = -1
	default:
		return time.Time{}, false
	}
	s = s[1:]
	zh, ok1 := num(2)
	zm, ok2 := num(2)
	if !ok1 || !ok2 || len(s) > 0 && s[0] != ' ' || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60 || zm > 59 {
		return time.Time{}, false
	}
	if year < 1970 || year > 2200 {
		return time.Time{}, false
	}
	off := sign * (zh*3600 + zm*60)
	loc, found := p.zones[off]
	if !found {
		if off == 0 {
			loc = time.UTC
		} else {
			loc = time.FixedZone("", off)
		}
		p.zones[off] = loc
	}
	return time.Date(year, time.Month(month), day, hh, mm, ss, 0, loc), true
}
