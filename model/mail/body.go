package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // charsets for bodies and encoded words
)

// maxPartBytes bounds how much of one text part is kept, and maxTextBytes
// the text of all the parts of a message together: a reader does not need
// more, and a message of any size (a hostile one, one 1.5 GB log) costs
// bounded memory. The rest is read past, counted, and named in a note
// ("… 1.4 GiB more not shown").
// Variables, so that tests can lower them.
var (
	maxPartBytes int64 = 4 << 20
	maxTextBytes int64 = 8 << 20
)

// Raw returns the message's bytes as they were sent: read from its source
// and, for mboxrd sources, with one level of ">From " quoting undone. For
// a message rebuilt from damaged headers, it is the rebuilt message.
func (m *Message) Raw() ([]byte, error) {
	if m.Source == nil {
		return nil, errors.New("message has no source")
	}
	b, err := m.Source.readAt(m.Offset, m.Length)
	if err != nil {
		return nil, err
	}
	if m.Source.quoted {
		b = unquoteMboxrd(b)
	}
	return b, nil
}

// Body reads the message from its source and decodes it: MIME structure,
// transfer encodings and charsets through go-message. It reads the disk on
// every call; callers cache what they need.
// The message is streamed from its source, never held whole.
func (m *Message) Body() (*Body, error) {
	raw, err := m.openRaw()
	if err != nil {
		return nil, err
	}
	defer raw.close()
	b := readBody(raw)
	if err := raw.fault(); err != nil {
		return nil, err
	}
	return b, nil
}

// unquoteMboxrd removes one '>' from every line that is ">From ", ">>From "
// and so on: mboxrd quotes at any depth, so depth n becomes n-1. It works
// in place.
func unquoteMboxrd(b []byte) []byte {
	out := b[:0]
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		line := b
		if i >= 0 {
			line = b[:i+1]
		}
		b = b[len(line):]
		j := 0
		for j < len(line) && line[j] == '>' {
			j++
		}
		if j > 0 && bytes.HasPrefix(line[j:], []byte("From ")) {
			line = line[1:]
		}
		out = append(out, line...)
	}
	return out
}

// bodyBuilder collects the readable text, the attachments and the faults
// of a MIME tree.
type bodyBuilder struct {
	budget   *int64 // bytes of text that may still be kept
	plain    []string
	html     []string
	enclosed []string // enclosed messages (message/rfc822), shown after the text
	atts     []Attachment
	warnings []string
	broken   bool // a multipart structure could not be read to its end
}

func (b *bodyBuilder) warn(format string, args ...any) {
	b.warnings = append(b.warnings, fmt.Sprintf(format, args...))
}

// parseBody decodes raw message bytes. It never fails: a fault becomes a
// warning and the best text that can be had.
func parseBody(raw []byte) *Body {
	return readBody(bytes.NewReader(raw))
}

// readBody decodes a message read from r, keeping bounded text of it.
func readBody(r io.Reader) *Body {
	budget := maxTextBytes
	b := bodyBuilder{budget: &budget}
	raw := &rawHead{r: &runGuard{r: r}}
	e, err := message.Read(raw)
	if e == nil {
		b.warn("unreadable header block (%v); showing the raw text", err)
		return b.finish(raw.text())
	}
	b.entityErr(err, &e.Header)
	b.entity(e, 0)
	fallback := ""
	if b.broken && len(b.plain) == 0 && len(b.html) == 0 {
		fallback = raw.text()
	}
	return b.finish(fallback)
}

// rawBodyText is the text after the header block, undecoded: the fallback
// when the MIME structure is broken.
func rawBodyText(raw []byte) string {
	if _, body := headerEnd(raw); body >= 0 {
		return string(raw[body:])
	}
	return string(raw)
}

// entityErr records the faults go-message reports but reads through.
func (b *bodyBuilder) entityErr(err error, h *message.Header) {
	switch {
	case err == nil:
	case message.IsUnknownCharset(err):
		_, params, _ := h.ContentType()
		b.warn("unknown charset %q; text shown as UTF-8 (or Latin-1)", oneLine(params["charset"]))
	case message.IsUnknownEncoding(err):
		b.warn("unknown transfer encoding %q; text shown undecoded", oneLine(h.Get("Content-Transfer-Encoding")))
	default:
		b.warn("%v", err)
	}
}

// maxDepth bounds MIME nesting: a hostile message could nest thousands.
const maxDepth = 20

func (b *bodyBuilder) entity(e *message.Entity, depth int) {
	if depth > maxDepth {
		b.warn("MIME nesting deeper than %d parts; the rest is skipped", maxDepth)
		return
	}
	mediaType, params, err := e.Header.ContentType()
	if err != nil || mediaType == "" {
		mediaType = "text/plain"
	}
	mediaType = b.subtyped(e, mediaType, params)
	if mr := e.MultipartReader(); mr != nil {
		if mediaType == "multipart/alternative" {
			b.alternative(mr, depth)
		} else {
			b.parts(mr, depth)
		}
		return
	}
	disp, dparams, _ := e.Header.ContentDisposition()
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	name = oneLine(name)
	inline := disp != "attachment"
	switch {
	case inline && isReadableText(mediaType):
		b.plain = append(b.plain, b.readText(e.Body, mediaType, params))
	case inline && mediaType == "text/html":
		b.html = append(b.html, b.readText(e.Body, mediaType, params))
	case isEnclosedMessage(mediaType):
		// A forwarded or returned mail, inline or attached: shown as a
		// message, as mail clients do.
		b.enclosedMessage(e.Body, name, depth)
	default:
		n, err := io.Copy(io.Discard, e.Body)
		if err != nil {
			b.warn("attachment %q: %v", name, err)
		}
		b.atts = append(b.atts, Attachment{Name: name, Type: oneLine(mediaType), Size: int(n)})
	}
}

// isReadableText says whether an inline part is shown as the message
// text: plain text and the patches kernel mail attaches inline.
func isReadableText(t string) bool {
	switch t {
	case "text/plain", "text/x-patch", "text/x-diff", "text/x-log", "text/markdown":
		return true
	}
	return false
}

// readText decodes one text part, keeping what was read before an error,
// and up to maxPartBytes of it (less when the message's other parts used
// the budget); the rest is read past and named in a note.
func (b *bodyBuilder) readText(r io.Reader, mediaType string, params map[string]string) string {
	limit := min(maxPartBytes, *b.budget)
	data, err := io.ReadAll(io.LimitReader(r, limit))
	if err != nil {
		b.warn("%s part: %v; showing what could be read", mediaType, err)
	}
	*b.budget -= int64(len(data))
	if err != nil || int64(len(data)) < limit {
		return validUTF8OrLatin1(string(data))
	}
	rest, err := io.Copy(io.Discard, r)
	if err != nil {
		b.warn("%s part: %v", mediaType, err)
	}
	text := validUTF8OrLatin1(string(cutAtRune(data, rest > 0)))
	if rest == 0 {
		return text
	}
	return cutNote(text, rest, mediaType == "text/html")
}

// parts reads every part of a mixed, signed, related... multipart.
func (b *bodyBuilder) parts(mr message.MultipartReader, depth int) {
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return
		}
		if p == nil {
			b.warn("malformed multipart (%v); the rest is skipped", err)
			b.broken = true
			return
		}
		b.entityErr(err, &p.Header)
		b.entity(p, depth+1)
	}
}

// alternative reads every alternative and keeps the best one: plain text
// first, then HTML; the faults of all of them are kept.
func (b *bodyBuilder) alternative(mr message.MultipartReader, depth int) {
	var alts []*bodyBuilder
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if p == nil {
			b.warn("malformed multipart/alternative (%v); the rest is skipped", err)
			b.broken = true
			break
		}
		sub := bodyBuilder{budget: b.budget}
		sub.entityErr(err, &p.Header)
		sub.entity(p, depth+1)
		alts = append(alts, &sub)
	}
	var best *bodyBuilder
	for _, a := range alts {
		b.warnings = append(b.warnings, a.warnings...)
		if best == nil && len(a.plain) > 0 {
			best = a
		}
	}
	if best == nil {
		for _, a := range alts {
			if len(a.html) > 0 {
				best = a
				break
			}
		}
	}
	if best == nil && len(alts) > 0 {
		best = alts[0]
	}
	if best != nil {
		b.plain = append(b.plain, best.plain...)
		b.html = append(b.html, best.html...)
		b.enclosed = append(b.enclosed, best.enclosed...)
		b.atts = append(b.atts, best.atts...)
		b.broken = b.broken || best.broken
	}
}

// finish assembles the Body: plain parts, or HTML turned into text when
// there is no plain part, with "\n" line endings and control characters
// removed.
func (b *bodyBuilder) finish(fallback string) *Body {
	var text string
	switch {
	case len(b.plain) > 0:
		text = strings.Join(b.plain, "\n")
	case len(b.html) > 0:
		parts := make([]string, len(b.html))
		for i, h := range b.html {
			parts[i] = htmlToText(h)
		}
		text = strings.Join(parts, "\n")
	default:
		text = validUTF8OrLatin1(fallback)
	}
	for _, e := range b.enclosed {
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		if text != "" {
			text += "\n"
		}
		text += e
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n" // the last line of a part ends before its boundary
	}
	return &Body{
		Text:        CleanText(text, true),
		Attachments: b.atts,
		Warnings:    b.warnings,
	}
}
