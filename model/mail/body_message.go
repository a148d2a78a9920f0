package mail

import (
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message"
)

// isEnclosedMessage says whether a part is a mail of its own: a forward
// as an attachment, the returned mail of a bounce (RFC 6532's
// message/global is the same with UTF-8 headers).
func isEnclosedMessage(mediaType string) bool {
	return mediaType == "message/rfc822" || mediaType == "message/global"
}

// subtyped reads a Content-Type without a subtype ("text", as old mailers
// wrote) as text/plain, as RFC 2045 reads a Content-Type it cannot
// understand, and applies its charset, which go-message applies only to
// text/* types.
func (b *bodyBuilder) subtyped(e *message.Entity, mediaType string, params map[string]string) string {
	if mediaType == "" || strings.Contains(mediaType, "/") {
		return mediaType
	}
	b.warn("Content-Type %q has no subtype; read as text/plain", oneLine(mediaType))
	if cs := params["charset"]; cs != "" && message.CharsetReader != nil {
		if r, err := message.CharsetReader(cs, e.Body); err == nil {
			e.Body = r
		} else {
			b.warn("unknown charset %q; text shown as UTF-8 (or Latin-1)", oneLine(cs))
		}
	}
	return "text/plain"
}

// enclosedMessage shows a message/rfc822 part as a message: a line that
// says so, its From, Date and Subject, its text decoded as any message's
// is, and its attachments listed with the others. Its raw bytes are never
// shown: a bounce's enclosed mail may be base64 and a JPEG.
func (b *bodyBuilder) enclosedMessage(r io.Reader, name string, depth int) {
	inner, err := message.Read(r)
	if inner == nil {
		n, _ := io.Copy(io.Discard, r)
		b.warn("enclosed message: unreadable header block (%v)", err)
		b.atts = append(b.atts, Attachment{Name: name, Type: "message/rfc822", Size: int(n)})
		return
	}
	sub := bodyBuilder{budget: b.budget}
	sub.entityErr(err, &inner.Header)
	sub.entity(inner, depth+1)
	body := sub.finish("")

	var hdr []byte
	for _, f := range []string{"From", "Date", "Subject"} {
		if v := inner.Header.Get(f); v != "" {
			hdr = fmt.Appendf(hdr, "%s: %s\n", f, v)
		}
	}
	var m Message
	newHeaderParser().parse(hdr, &m)
	var t strings.Builder
	t.WriteString("-------- Enclosed message --------\n")
	if m.From != (Address{}) {
		t.WriteString("From: ")
		if m.From.Name != "" && m.From.Email != "" {
			fmt.Fprintf(&t, "%s <%s>\n", m.From.Name, m.From.Email)
		} else {
			t.WriteString(m.From.Display() + "\n")
		}
	}
	if !m.Date.IsZero() {
		t.WriteString("Date: " + m.Date.Format("Mon, 2 Jan 2006 15:04:05 -0700") + "\n")
	} else if v := inner.Header.Get("Date"); v != "" {
		t.WriteString("Date: " + oneLine(v) + "\n")
	}
	if m.Subject != "" {
		t.WriteString("Subject: " + m.Subject + "\n")
	}
	t.WriteString("\n")
	t.WriteString(body.Text)
	t.WriteString("-------- End of the enclosed message --------\n")
	b.enclosed = append(b.enclosed, t.String())
	b.atts = append(b.atts, body.Attachments...)
	for _, w := range body.Warnings {
		b.warnings = append(b.warnings, "enclosed message: "+w)
	}
}
