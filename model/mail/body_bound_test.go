package mail

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// patternSource is a message of any size made as it is read: a header
// block, then one body line repeated.
type patternSource struct {
	header, line []byte
	size         int64
}

func (p *patternSource) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	for n < len(b) && off < p.size {
		var k int
		if off < int64(len(p.header)) {
			k = copy(b[n:], p.header[off:])
		} else {
			i := (off - int64(len(p.header))) % int64(len(p.line))
			k = copy(b[n:], p.line[i:])
		}
		k = int(min(int64(k), p.size-off))
		n += k
		off += int64(k)
	}
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// hugeMessage is a loaded message of size bytes that is nowhere in memory.
func hugeMessage(header, line string, size int64, quoted bool) *Message {
	ps := &patternSource{header: []byte(header), line: []byte(line), size: size}
	src := &Source{Name: "huge.mbox", Kind: KindMbox, ra: ps, Size: size, quoted: quoted}
	return &Message{Source: src, Offset: 0, Length: size}
}

// smallCaps lowers what is kept of a body, so that a message of a few
// tens of megabytes is already far larger than it.
func smallCaps(t *testing.T) {
	lower(t, &maxPartBytes, 256<<10)
	lower(t, &maxTextBytes, 512<<10)
}

// allocated is the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const hugeHeader = "From: A <a@example.org>\nSubject: big\nMessage-ID: <big@example.org>\n\n"

// A message far larger than what is shown of it is read with bounded
// memory: the text is cut with a note, the rest is streamed past.
func TestHugeBodyBoundedMemory(t *testing.T) {
	smallCaps(t)
	const size = 16 << 20
	for _, tt := range []struct {
		name, header, line string
		quoted             bool
	}{
		{"plain", hugeHeader, "a line of a very long message\n", false},
		{"mboxrd", hugeHeader, ">From here on, a quoted line\n", true},
		{"quoted-printable", "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n" + hugeHeader, "caf=E9 au lait, a soft=\nline\n", false},
		{"html", "Content-Type: text/html\n" + hugeHeader, "<p>a paragraph of <b>html</b></p>\n", false},
		{"one line", hugeHeader, "abcdefghijklmnopqrstuvwxyz0123456789", false},
		{"header never ends", "Subject: s\nX-Long: ", "abcdefghijklmnopqrstuvwxyz0123456789", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := hugeMessage(tt.header, tt.line, size, tt.quoted)
			var b *Body
			var err error
			n := allocated(func() { b, err = m.Body() })
			if err != nil {
				t.Fatal(err)
			}
			if n > 8<<20 {
				t.Errorf("reading the body of a %d MiB message allocated %d MiB", size>>20, n>>20)
			}
			if int64(len(b.Text)) > maxPartBytes+100 {
				t.Errorf("kept %d bytes of text", len(b.Text))
			}
			tail := b.Text[max(0, len(b.Text)-200):]
			if !strings.Contains(tail, " MiB more not shown") {
				t.Errorf("no note of what was cut; text ends %q", tail)
			}
			if tt.quoted && strings.Contains(b.Text[:1000], ">From here") {
				t.Errorf("mboxrd quoting not undone: %q", b.Text[:100])
			}
			t.Logf("%d KiB allocated, %d bytes of text ending %q", n>>10, len(b.Text), b.Text[max(0, len(b.Text)-40):])
		})
	}
}

// Many text parts, each under the cap, are bounded together.
func TestManyPartsBoundedMemory(t *testing.T) {
	smallCaps(t)
	part := "--b\nContent-Type: text/plain\n\n" + strings.Repeat("text of a part\n", 1<<12) // 60 KiB
	header := "Content-Type: multipart/mixed; boundary=b\n" + hugeHeader
	m := hugeMessage(header, part, 24<<20, false)
	var b *Body
	n := allocated(func() { b, _ = m.Body() })
	if n > 8<<20 {
		t.Errorf("allocated %d MiB", n>>20)
	}
	if int64(len(b.Text)) > maxTextBytes+64<<10 {
		t.Errorf("kept %d KiB of text", len(b.Text)>>10)
	}
	if !strings.Contains(b.Text, "more not shown") {
		t.Errorf("no note of the parts not shown")
	}
}

// A part whose header never ends is not read whole into memory.
func TestHugePartHeaderBoundedMemory(t *testing.T) {
	smallCaps(t)
	header := "Content-Type: multipart/mixed; boundary=b\n" + hugeHeader + "--b\nX-Long: "
	m := hugeMessage(header, "abcdefgh", 24<<20, false)
	var err error
	n := allocated(func() { _, err = m.Body() })
	if err != nil {
		t.Fatal(err)
	}
	if n > 8<<20 {
		t.Errorf("allocated %d MiB", n>>20)
	}
}

// RawPrefix reads the start of a message, whatever its size.
func TestRawPrefixBounded(t *testing.T) {
	m := hugeMessage(hugeHeader, ">From a quoted line\n", 1<<40, true)
	var raw []byte
	var err error
	n := allocated(func() { raw, err = m.RawPrefix(1 << 20) })
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 1<<20 || len(raw) < 1<<19 || n > 8<<20 {
		t.Errorf("RawPrefix(1 MiB): %d bytes, %d MiB allocated", len(raw), n>>20)
	}
	if !bytes.HasPrefix(raw, []byte(hugeHeader+"From a quoted")) {
		t.Errorf("quoting not undone: %.120q", raw)
	}
}

// The streamed mboxrd unquoting gives what unquoteMboxrd gives, however
// the reads are cut.
func TestUnquoteReaderMatchesUnquoteMboxrd(t *testing.T) {
	pieces := []string{"From ", ">From ", ">>From ", ">>>", "From", "\n", "\r\n", "x", "> From ", ">", "hello world "}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := b.String()
		want := string(unquoteMboxrd([]byte(in)))
		for _, wrap := range []func(io.Reader) io.Reader{
			func(r io.Reader) io.Reader { return r },
			iotest.OneByteReader,
			iotest.HalfReader,
		} {
			got, err := io.ReadAll(newUnquoteReader(wrap(strings.NewReader(in)), 16))
			if err != nil || string(got) != want {
				t.Fatalf("case %d: %q\nunquoted %q\nwant     %q (%v)", i, in, got, want, err)
			}
		}
	}
	// A run of '>' longer than the reader's buffer.
	in := strings.Repeat(">", 100) + "From x\n" + strings.Repeat(">", 100) + "Frog\n"
	got, _ := io.ReadAll(newUnquoteReader(iotest.HalfReader(strings.NewReader(in)), 16))
	if want := string(unquoteMboxrd([]byte(in))); string(got) != want {
		t.Errorf("long run:\n%q\nwant %q", got, want)
	}
}

// Streaming bodies changes nothing for the mail of the test corpus.
func TestStreamedBodiesMatchRaw(t *testing.T) {
	paths, _ := filepath.Glob("testdata/mail/*.mbox")
	paths = append(paths, "testdata/mail/single.eml")
	if len(paths) < 3 {
		t.Fatal("no test mail")
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		c := mustLoad(t, fileInput(p))
		for _, m := range c.Messages {
			raw, err := m.Raw()
			if err != nil {
				t.Fatal(err)
			}
			want := parseBody(raw)
			got, err := m.Body()
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s %s: streamed %+v\nwant %+v", p, m.ID, got, want)
			}
		}
	}
}

// The loader's header reading is bounded too: a header block that never
// ends (an mbox's message, a single message) costs what the parser keeps.
func TestHugeHeaderBlockLoadBounded(t *testing.T) {
	long := func(prefix string) io.Reader {
		return io.MultiReader(strings.NewReader(prefix),
			io.LimitReader(&repeatReader{line: []byte("abcdefghijklmnopqrstuvwxyz")}, 24<<20))
	}
	for _, tt := range []struct{ name, prefix string }{
		{"mbox", "From a@example.org Mon Jan  1 00:00:00 2024\nSubject: s\nX-Long: "},
		{"message", "Subject: s\nMessage-ID: <long@x>\nX-Long: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var c *Collection
			var err error
			n := allocated(func() { c, err = Read([]Input{{Name: tt.name, Reader: long(tt.prefix)}}, LoadOptions{}) })
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if len(c.Messages) != 1 || c.Messages[0].Subject != "s" {
				t.Fatalf("%d messages", len(c.Messages))
			}
			if n > 16<<20 {
				t.Errorf("loading a 24 MiB header block allocated %d MiB", n>>20)
			}
			t.Logf("%d KiB allocated", n>>10)
		})
	}
}
