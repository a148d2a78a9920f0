package mail

import (
	"bytes"
)

// sniffSize is how much of a source is looked at to decide what it is.
const sniffSize = 64 << 10

// sniffed is what a source turned out to be.
type sniffed struct {
	kind  SourceKind // KindMbox, KindMessage or KindRebuilt (damaged headers)
	start int64      // offset of the first separator line of an mbox
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
	if looksBinary(head) {
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
	trimmed := bytes.TrimLeft(head, "\r\n")
	if bytes.HasPrefix(trimmed, []byte("From ")) {
		return sniffed{kind: KindMbox, start: int64(len(head) - len(trimmed))}, nil
	}
	if looksLikeHeaderLine(head) {
		return sniffed{kind: KindMessage}, nil
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
	b = b[:min(len(b), 8<<10)]
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*10 > len(b)
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
