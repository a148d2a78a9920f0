package mboxgen

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func generate(t testing.TB, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, opt); err != nil {
		t.Fatalf("Write(%+v): %v", opt, err)
	}
	return b.Bytes()
}

// split cuts an mboxrd archive into messages and undoes the >From quoting,
// independently of the generator's own code.
func split(t testing.TB, archive []byte) [][]byte {
	t.Helper()
	var msgs [][]byte
	var cur *bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(archive))
	sc.Buffer(nil, 1<<20)
	quoted := regexp.MustCompile(`^>+From `)
	for sc.Scan() {
		line := sc.Bytes()
		if bytes.HasPrefix(line, []byte("From ")) {
			if string(line)+"\n" != separator {
				t.Fatalf("unexpected separator line %q", line)
			}
			if cur != nil {
				msgs = append(msgs, cur.Bytes())
			}
			cur = &bytes.Buffer{}
			continue
		}
		if cur == nil {
			t.Fatalf("archive does not start with a separator: %q", line)
		}
		if quoted.Match(line) {
			line = line[1:]
		}
		cur.Write(line)
		cur.WriteByte('\n')
	}
	if cur != nil {
		msgs = append(msgs, cur.Bytes())
	}
	return msgs
}

func TestWriteIsDeterministic(t *testing.T) {
	sum := func(opt Options) string {
		return fmt.Sprintf("%x", sha256.Sum256(generate(t, opt)))
	}
	a := sum(Options{Messages: 800, Seed: 1})
	if b := sum(Options{Messages: 800, Seed: 1}); a != b {
		t.Errorf("same seed, different archives: %s != %s", a, b)
	}
	if c := sum(Options{Messages: 800, Seed: 2}); a == c {
		t.Errorf("seeds 1 and 2 give the same archive %s", a)
	}
}

// A shorter archive is a prefix of a longer one with the same seed, so an
// archive of n messages is the first n messages of any larger one.
func TestWriteIsPrefixStable(t *testing.T) {
	short := generate(t, Options{Messages: 300, Seed: 7})
	long := generate(t, Options{Messages: 600, Seed: 7})
	if !bytes.HasPrefix(long, short) {
		t.Error("the 300-message archive is not a prefix of the 600-message one")
	}
}

func TestWriteCountsMessages(t *testing.T) {
	for _, n := range []int{0, 1, 2, 17, 1500} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			archive := generate(t, Options{Messages: n, Seed: 3})
			// What `grep -c '^From '` counts.
			got := 0
			for line := range bytes.Lines(archive) {
				if bytes.HasPrefix(line, []byte("From ")) {
					got++
				}
			}
			if got != n {
				t.Errorf("%d lines start with \"From \", want %d", got, n)
			}
			if msgs := split(t, archive); len(msgs) != n {
				t.Errorf("split into %d messages, want %d", len(msgs), n)
			}
		})
	}
}

func TestWriteRejectsNegativeCount(t *testing.T) {
	if err := Write(io.Discard, Options{Messages: -1}); err == nil {
		t.Error("Write accepted -1 messages")
	}
}

// Every message must be a well-formed mail: headers net/mail reads, an
// address it parses, and MIME parts that decode.
func TestEveryMessageParses(t *testing.T) {
	msgs := split(t, generate(t, Options{Messages: 2000, Seed: 11}))
	dec := &mime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
		return r, nil // only the syntax matters here
	}}
	parser := mail.AddressParser{WordDecoder: dec}
	for i, raw := range msgs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			m, err := mail.ReadMessage(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("net/mail: %v", err)
			}
			if _, err := parser.Parse(m.Header.Get("From")); err != nil {
				t.Errorf("From %q: %v", m.Header.Get("From"), err)
			}
			if m.Header.Get("Subject") == "" {
				t.Error("no Subject")
			}
			if _, err := dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
				t.Errorf("Subject %q: %v", m.Header.Get("Subject"), err)
			}
			if err := walkMIME(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body); err != nil {
				t.Error(err)
			}
		})
	}
}

// walkMIME reads a part to the end, descending into multiparts and
// decoding transfer encodings.
func walkMIME(contentType, encoding string, body io.Reader) error {
	if contentType == "" {
		contentType = "text/plain"
	}
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("Content-Type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		parts := 0
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("%s: %w", mt, err)
			}
			parts++
			if err := walkMIME(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
		if parts < 2 {
			return fmt.Errorf("%s with %d parts", mt, parts)
		}
		return nil
	}
	switch strings.ToLower(encoding) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	if _, err := io.Copy(io.Discard, body); err != nil {
		return fmt.Errorf("%s body (%s): %w", mt, encoding, err)
	}
	return nil
}

// TestArchiveHasTheFeaturesOfARealList checks that the awkward cases the
// archive promises actually occur, and that threads have the promised
// shapes.
func TestArchiveHasTheFeaturesOfARealList(t *testing.T) {
	archive := generate(t, Options{Messages: 5000, Seed: 1})
	msgs := split(t, archive)
	counts := map[string]int{}
	parent := map[string]string{}
	var ids []string
	prevDate, backwards := int64(0), 0
	for _, raw := range msgs {
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		h := m.Header
		body, _ := io.ReadAll(m.Body)
		text := string(raw)
		id := strings.Trim(h.Get("Message-ID"), "<>")
		irt := strings.Trim(h.Get("In-Reply-To"), "<>")
		if id == "" {
			counts["no Message-ID"]++
		} else {
			ids = append(ids, id)
			parent[id] = irt
		}
		if d, err := h.Date(); err != nil {
			counts["bad or missing Date"]++
		} else {
			if d.Unix() < prevDate {
				backwards++
			}
			prevDate = d.Unix()
		}
		subject := h.Get("Subject")
		refs := h.Get("References")
		checks := map[string]bool{
			"only In-Reply-To":          irt != "" && refs == "",
			"Re: without reply headers": strings.HasPrefix(subject, "Re: ") && irt == "" && refs == "",
			"[MAINTAINERS SUMMIT]":      strings.Contains(subject, "[MAINTAINERS SUMMIT]"),
			"[TECH TOPIC]":              strings.Contains(subject, "[TECH TOPIC]"),
			"[PATCH vN k/n]":            regexp.MustCompile(`\[PATCH v\d+ \d+/\d+\]`).MatchString(subject),
			"UTF-8 encoded word":        strings.Contains(strings.ToUpper(h.Get("From")), "=?UTF-8?"),
			"ISO-8859-1 encoded word":   strings.Contains(h.Get("From"), "=?ISO-8859-1?Q?"),
			"ISO-8859-1 body":           strings.Contains(strings.ToLower(text), "charset=iso-8859-1"),
			"KOI8-R body":               strings.Contains(text, "charset=KOI8-R"),
			"base64":                    strings.Contains(text, "Content-Transfer-Encoding: base64"),
			"quoted-printable":          strings.Contains(text, "Content-Transfer-Encoding: quoted-printable"),
			"multipart/alternative":     strings.Contains(text, "multipart/alternative"),
			"attachment":                strings.Contains(text, "Content-Disposition: attachment"),
			"From line in body":         regexp.MustCompile(`(?m)^>*From `).Match(body),
			"nested quote > >":          regexp.MustCompile(`(?m)^> > \S`).Match(body),
			"nested quote >>":           regexp.MustCompile(`(?m)^>> ?\S`).Match(body),
			"attribution line":          regexp.MustCompile(`(?m)wrote:$`).Match(body),
			"diff":                      bytes.Contains(body, []byte("\ndiff --git a/")),
			"Reviewed-by":               bytes.Contains(body, []byte("\nReviewed-by: ")),
			"Acked-by":                  bytes.Contains(body, []byte("\nAcked-by: ")),
			"NAKed-by":                  bytes.Contains(body, []byte("\nNAKed-by: ")),
			"question":                  regexp.MustCompile(`(?m)\?$`).Match(body),
			"signature":                 bytes.Contains(body, []byte("\n-- \n")),
		}
		for name, ok := range checks {
			if ok {
				counts[name]++
			}
		}
	}
	for _, name := range []string{
		"no Message-ID", "bad or missing Date", "only In-Reply-To", "Re: without reply headers",
		"[MAINTAINERS SUMMIT]", "[TECH TOPIC]", "[PATCH vN k/n]", "UTF-8 encoded word",
		"ISO-8859-1 encoded word", "ISO-8859-1 body", "KOI8-R body", "base64", "quoted-printable",
		"multipart/alternative", "attachment", "From line in body", "nested quote > >",
		"nested quote >>", "attribution line", "diff", "Reviewed-by", "Acked-by", "NAKed-by",
		"question", "signature",
	} {
		if counts[name] == 0 {
			t.Errorf("no message with %s", name)
		}
	}
	t.Logf("feature counts in %d messages: %v; dates going backwards: %d", len(msgs), counts, backwards)
	if backwards > len(msgs)/10 {
		t.Errorf("%d of %d dates go backwards; dates should mostly increase", backwards, len(msgs))
	}

	// Thread shapes, following In-Reply-To.
	depthOf := func(id string) (int, string, bool) {
		d := 0
		for {
			p, ok := parent[id]
			if !ok {
				return d, id, false // the parent is not in the archive
			}
			if p == "" {
				return d, id, true
			}
			id = p
			d++
		}
	}
	maxDepth, missingParent := 0, 0
	topicSize := map[string]int{}
	for _, id := range ids {
		d, root, found := depthOf(id)
		maxDepth = max(maxDepth, d)
		if !found {
			missingParent++
		}
		topicSize[root]++
	}
	largest, singles := 0, 0
	for _, n := range topicSize {
		largest = max(largest, n)
		if n == 1 {
			singles++
		}
	}
	if maxDepth < 15 || maxDepth > 31 {
		t.Errorf("deepest reply chain is %d, want between 15 and 31", maxDepth)
	}
	if missingParent == 0 {
		t.Error("no reply to a message missing from the archive")
	}
	if largest < 80 || largest > 300 {
		t.Errorf("largest topic has %d messages, want between 80 and 300", largest)
	}
	t.Logf("deepest chain %d, largest topic %d, %d topics, %d single, %d replies to absent parents",
		maxDepth, largest, len(topicSize), singles, missingParent)
	if singles < len(topicSize)/5 {
		t.Errorf("%d of %d topics have a single message, want many", singles, len(topicSize))
	}
}

func TestAverageMessageSize(t *testing.T) {
	const n = 3000
	size := len(generate(t, Options{Messages: n, Seed: 1})) / n
	if size < 4000 || size > 6500 {
		t.Errorf("messages average %d bytes, want about 5 KB", size)
	}
}

func BenchmarkWrite(b *testing.B) {
	var size int64
	for b.Loop() {
		cw := &countingWriter{}
		if err := Write(cw, Options{Messages: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.SetBytes(size)
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

func TestWriteFileMatchesWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.mbox")
	opt := Options{Messages: 50, Seed: 5}
	if err := WriteFile(path, opt); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, generate(t, opt)) {
		t.Error("WriteFile wrote different bytes from Write")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("want only a.mbox in the directory, found %v", entries)
	}
}
