package mail

import (
	"bytes"
)

// sniffSize is how much of a source is looked at to decide what it is.
const sniffSize = 64 << 10

// sniffed is what a source turned out to be.
type sniffed struct {
	kind  SourceKind // KindMbox, KindMessage or KindRebuilt (damaged headers)
	start int64      // where the mail starts: an mbox's first separator line, a message's first header
}

// sniff recognises the data from its first bytes, or says in one line why
// it is not mail.
func sniff(name string, head []byte, size int64) (sniffed, error) {
	problem := func(p string) (sniffed, error) { return sniffed{}, &SourceError{name, p} }
	if size == 0 {
		if name == StdinName {
			return problem("empty input")
		}
		return problem("empty file")
	}
	if p := otherCompression(head); p != "" {
		return problem(p)
	}
	start := mailStart(head)
	rest := head[start:]
	switch {
	case bytes.HasPrefix(rest, []byte("From ")):
		// An mbox: its first line says so, whatever bytes its mail holds
		// (a NUL in a patch, as in git's t5100 nul-plain).
	case looksLikeHeaderLine(rest):
		if mostlyControl(head) {
			return problem("binary data, not mail")
		}
	case looksBinary(head):
		return problem("binary data, not mail")
	}
	if id, ok := publicInboxPage(head); ok {
		if id == "" {
			return problem("a saved public-inbox web page, not mail (no Message-ID found in it)")
		}
		return problem("a saved public-inbox web page, not mail; its thread is at " + loreThreadURL(id))
	}
	if looksHTML(head) {
		return problem("an HTML page, not mail")
	}
	if foldedHeaders(head) {
		return sniffed{kind: KindRebuilt}, nil
	}
	if bytes.HasPrefix(rest, []byte("From ")) {
		return sniffed{kind: KindMbox, start: int64(start)}, nil
	}
	if looksLikeHeaderLine(rest) {
		return sniffed{kind: KindMessage, start: int64(start)}, nil
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return problem("only blank lines, no mail")
	}
	return problem(`not mail: no mbox "From " line or mail headers at the start`)
}

// otherCompression names compressed data summit does not read.
func otherCompression(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xfd, '7', 'z', 'X', 'Z', 0}):
		return "xz-compressed data; only gzip is read (unxz it first)"
	case bytes.HasPrefix(b, []byte("BZh")) && len(b) > 3 && b[3] >= '1' && b[3] <= '9':
		return "bzip2-compressed data; only gzip is read (bunzip2 it first)"
	case bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		return "zstd-compressed data; only gzip is read (unzstd it first)"
	}
	return ""
}

// looksBinary is true for data with NUL bytes or mostly control bytes in
// its first kilobytes. 8-bit text (any charset) is not binary.
func looksBinary(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), 8<<10)], 0) >= 0 || mostlyControl(b)
}

// mostlyControl is true when more than a tenth of the first kilobytes of
// b are control bytes (NUL among them) other than line breaks, tabs, form
// feeds and escapes.
func mostlyControl(b []byte) bool {
	b = b[:min(len(b), 8<<10)]
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*10 > len(b)
}

// mailStart is where the mail in head begins: after a UTF-8 byte order
// mark and blank or white-space-only lines, and after white space before
// the first header of a single message (" From: ...").
func mailStart(head []byte) int {
	i := 0
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		i = 3
	}
	for {
		j := i
		for j < len(head) && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r') {
			j++
		}
		switch {
		case j < len(head) && head[j] == '\n':
			i = j + 1 // a blank or white-space-only line
		case j > i && looksLikeHeaderLine(head[j:]):
			return j
		default:
			return i
		}
	}
}

// looksHTML is true for an HTML document.
func looksHTML(b []byte) bool {
	b = bytes.TrimLeft(b, "\xef\xbb\xbf \t\r\n")
	lower := bytes.ToLower(b[:min(len(b), 1024)])
	return bytes.HasPrefix(lower, []byte("<!doctype html")) ||
		bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<head")) ||
		bytes.HasPrefix(lower, []byte("<!--")) && bytes.Contains(lower, []byte("<html"))
}
