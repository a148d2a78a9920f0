package mail

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
)

// Mail that was damaged on its way to us: the header lines (and the body)
// folded onto one line, and every <...> that looked like an HTML tag (an
// address, most Message-IDs) stripped, as when mail is pasted through a
// web form. What can be read is recovered and the message is rebuilt in
// memory, with a warning saying so. And saved public-inbox web pages,
// which are not mail but say where the mail is.

// publicInboxMarkers are lines every public-inbox message page carries.
var publicInboxMarkers = [][]byte{
	[]byte("help / color / mirror / Atom feed"),
	[]byte("This is a public inbox, see mirroring instructions"),
}

var pageMessageID = regexp.MustCompile(`(?m)^Message-ID: (?:<|&lt;)([^\s<>&]+)(?:>|&gt;)`)

// publicInboxPage says whether head is a public-inbox web page (saved as
// HTML or as text) and returns the Message-ID shown in it.
func publicInboxPage(head []byte) (id string, ok bool) {
	for _, m := range publicInboxMarkers {
		if bytes.Contains(head, m) {
			ok = true
		}
	}
	if !ok {
		return "", false
	}
	if sm := pageMessageID.FindSubmatch(head); sm != nil {
		return string(cleanID(sm[1])), true
	}
	return "", true
}

// loreThreadURL is where lore serves the whole thread of a message as a
// gzipped mbox.
func loreThreadURL(id string) string {
	return "https://lore.kernel.org/all/" + url.PathEscape(id) + "/t.mbox.gz"
}

// foldedHeaders is true when the first line holds several header fields:
// headers folded onto one line.
func foldedHeaders(head []byte) bool {
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	}
	if len(line) < 200 {
		return false
	}
	n := 0
	for _, f := range []string{" From: ", " Subject: ", " Date: ", " Message-ID: ", " To: "} {
		if bytes.Contains(line, []byte(f)) {
			n++
		}
	}
	return n >= 3
}

// maxDamaged bounds the size of a damaged message summit tries to recover.
const maxDamaged = 8 << 20

// foldedField is one "Name: value" found in a folded header line.
type foldedField struct {
	name       string // lower case
	start, val int    // offsets of the name and of the value
}

// knownHeader says whether a name found in folded text is a header field
// rather than a word followed by a colon.
func knownHeader(name string) bool {
	switch name {
	case "received", "dkim-signature", "dkim-filter", "authentication-results",
		"received-spf", "return-path", "delivered-to", "from", "to", "cc",
		"subject", "date", "message-id", "in-reply-to", "references",
		"precedence", "mime-version", "content-type", "content-transfer-encoding",
		"content-disposition", "user-agent", "organization", "reply-to", "sender",
		"mail-followup-to", "thread-topic", "thread-index", "importance":
		return true
	}
	return strings.HasPrefix(name, "x-") || strings.HasPrefix(name, "arc-") || strings.HasPrefix(name, "list-")
}

// repeatEnds are the fields that appear once in a header: seeing one again
// means the text has reached a quoted header in the body.
var repeatEnds = map[string]bool{"from": true, "to": true, "cc": true, "subject": true, "date": true, "message-id": true}

// foldedFields finds the header fields at the start of folded text.
func foldedFields(s string) []foldedField {
	var fields []foldedField
	seen := map[string]bool{}
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] != ' ' {
			continue
		}
		j := i
		for j < len(s) && (isAlnum(s[j]) || s[j] == '-') {
			j++
		}
		if j == i || j >= len(s) || s[j] != ':' || (j+1 < len(s) && s[j+1] != ' ') {
			continue
		}
		name := strings.ToLower(s[i:j])
		if !knownHeader(name) {
			continue
		}
		if len(fields) > 0 && i-fields[len(fields)-1].val > 4000 {
			break // too far from the previous field: this is the body
		}
		if repeatEnds[name] && seen[name] {
			break
		}
		seen[name] = true
		fields = append(fields, foldedField{name: name, start: i, val: min(j+2, len(s))})
		i = j
	}
	return fields
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// lastValueEnd is where the value of the last folded field ends and the
// body starts: Message-ID-like fields take their <...> tokens, others one
// token, continued after a ';' (parameters).
func lastValueEnd(s string, f foldedField) int {
	p := f.val
	ids := f.name == "in-reply-to" || f.name == "references" || f.name == "message-id"
	for p < len(s) {
		q := p
		for q < len(s) && s[q] == ' ' {
			q++
		}
		e := strings.IndexByte(s[q:], ' ')
		if e < 0 {
			e = len(s)
		} else {
			e += q
		}
		tok := s[q:e]
		if ids && !strings.HasPrefix(tok, "<") {
			return p
		}
		p = e
		if !ids && !strings.HasSuffix(tok, ";") {
			return p
		}
	}
	return p
}

var quoteRun = regexp.MustCompile(` ((?:> ?)+)`)

// unfoldBody puts back the line breaks that can be seen: before each run
// of quote markers (every quoted line had one) and before a signature.
func unfoldBody(s string) string {
	s = quoteRun.ReplaceAllStringFunc(s, func(m string) string {
		return "\n" + m[1:]
	})
	s = strings.ReplaceAll(s, " -- ", "\n-- \n")
	return strings.TrimSpace(s) + "\n"
}

// loadDamaged recovers the one message of a source whose headers were
// folded onto one line, rebuilding it in memory.
func loadDamaged(src *Source) ([]*Message, error) {
	if src.Size > maxDamaged {
		return nil, &SourceError{src.Name, "headers damaged: folded onto one line, and too large to recover"}
	}
	data := make([]byte, src.Size)
	if _, err := src.ra.ReadAt(data, 0); err != nil && err != io.EOF {
		return nil, &SourceError{src.Name, fmt.Sprintf("cannot read: %v", err)}
	}
	s := strings.Join(strings.Fields(string(data)), " ")
	fields := foldedFields(s)
	if len(fields) == 0 {
		return nil, &SourceError{src.Name, "headers damaged: folded onto one line, and nothing could be recovered"}
	}
	values := map[string]string{}
	for i, f := range fields {
		var end int
		if i+1 < len(fields) {
			end = fields[i+1].start
		} else {
			end = lastValueEnd(s, f)
		}
		if _, dup := values[f.name]; !dup {
			values[f.name] = strings.TrimSpace(s[f.val:max(f.val, end)])
		}
	}
	bodyStart := lastValueEnd(s, fields[len(fields)-1])
	body := unfoldBody(s[bodyStart:])

	p := newHeaderParser()
	m := &Message{Source: src}
	var recovered []string
	if v := values["from"]; v != "" {
		if strings.ContainsAny(v, "<@") {
			m.From = p.address(v, m)
		} else {
			m.From = Address{Name: oneLine(v)}
		}
		recovered = append(recovered, "author")
	} else {
		m.AddWarning("no From header")
	}
	if v := values["subject"]; v != "" {
		m.Subject = p.text([]byte(v), "Subject", m)
		recovered = append(recovered, "subject")
	}
	if v := values["date"]; v != "" {
		if t, ok := p.date(v); ok {
			m.Date = t
			recovered = append(recovered, "date")
		}
	}
	if m.Date.IsZero() {
		m.DateUnknown = true
		m.AddWarning("date lost")
	}
	if ids := p.msgIDs([]byte(values["message-id"]), false); len(ids) > 0 {
		m.ID = ids[0]
		recovered = append(recovered, "Message-ID")
	}
	if ids := p.msgIDs([]byte(values["in-reply-to"]), false); len(ids) > 0 {
		m.InReplyTo = ids[0]
		recovered = append(recovered, "In-Reply-To")
	}
	if ids := p.msgIDs([]byte(values["references"]), false); len(ids) > 0 {
		m.References = ids
		recovered = append(recovered, "References")
	}
	if strings.TrimSpace(body) != "" {
		recovered = append(recovered, "body")
	}

	rebuilt := rebuildMessage(m, values["content-type"], body)
	if m.ID == "" {
		setSyntheticID(m, rebuilt)
	}
	warnings := append([]string{fmt.Sprintf(
		"headers damaged: folded onto one line; recovered %s; line breaks and <addresses> were lost",
		strings.Join(recovered, ", "))}, m.Warnings()...)
	m.warnings = &warnings

	if src.closer != nil {
		src.closer.Close()
	}
	src.Kind = KindRebuilt
	src.ra, src.closer = bytes.NewReader(rebuilt), nil
	m.Offset, m.Length = 0, int64(len(rebuilt))
	return []*Message{m}, nil
}

// rebuildMessage writes the recovered message as RFC 5322, so that Body
// and Raw work on it as on any other.
func rebuildMessage(m *Message, contentType, body string) []byte {
	var b bytes.Buffer
	if m.From.Email != "" {
		fmt.Fprintf(&b, "From: %q <%s>\n", m.From.Name, m.From.Email)
	} else if m.From.Name != "" {
		fmt.Fprintf(&b, "From: %q <>\n", m.From.Name)
	}
	if m.Subject != "" {
		fmt.Fprintf(&b, "Subject: %s\n", m.Subject)
	}
	if !m.Date.IsZero() {
		fmt.Fprintf(&b, "Date: %s\n", m.Date.Format("Mon, 2 Jan 2006 15:04:05 -0700"))
	}
	if m.ID != "" {
		fmt.Fprintf(&b, "Message-ID: <%s>\n", m.ID)
	}
	if m.InReplyTo != "" {
		fmt.Fprintf(&b, "In-Reply-To: <%s>\n", m.InReplyTo)
	}
	if len(m.References) > 0 {
		fmt.Fprintf(&b, "References: <%s>\n", strings.Join(m.References, "> <"))
	}
	cs := "utf-8"
	if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
		cs = strings.Trim(strings.Fields(contentType[i+len("charset="):] + " ")[0], `";`)
	}
	fmt.Fprintf(&b, "MIME-Version: 1.0\nContent-Type: text/plain; charset=%s\n\n", cs)
	b.WriteString(body)
	return b.Bytes()
}
