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

// maxPartBytes bounds how much of one text part is decoded: a reader does
// not need more, and a hostile message cannot make summit allocate more.
const maxPartBytes = 16 << 20

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
func (m *Message) Body() (*Body, error) {
	raw, err := m.Raw()
	if err != nil {
		return nil, err
	}
	return parseBody(raw), nil
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
	plain    []string
	html     []string
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
	var b bodyBuilder
	e, err := message.Read(bytes.NewReader(raw))
	if e == nil {
		b.warn("unreadable header block (%v); showing the raw text", err)
		return b.finish(rawBodyText(raw))
	}
	b.entityErr(err, &e.Header)
	b.entity(e, 0)
	fallback := ""
	if b.broken && len(b.plain) == 0 && len(b.html) == 0 {
		fallback = rawBodyText(raw)
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
	case mediaType == "message/rfc822" && inline:
		// A forwarded message: show it as text, as mail clients do.
		b.plain = append(b.plain, b.readText(e.Body, mediaType, params))
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

// readText decodes one text part, keeping what was read before an error.
func (b *bodyBuilder) readText(r io.Reader, mediaType string, params map[string]string) string {
	data, err := io.ReadAll(io.LimitReader(r, maxPartBytes))
	if err != nil {
		b.warn("%s part: %v; showing what could be read", mediaType, err)
	}
	if len(data) == maxPartBytes {
		b.warn("%s part cut at %d MiB", mediaType, maxPartBytes>>20)
	}
	return validUTF8OrLatin1(string(data))
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
		var sub bodyBuilder
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
