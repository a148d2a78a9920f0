package mail

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// scannedMail is what the scanner gives for one message.
type scannedMail struct {
	off, length int64
	hdr         string
}

// scanBytes runs the mbox scanner over data with a buffer of bufSize bytes
// (the default when 0), as indexSegment does.
func scanBytes(t testing.TB, data []byte, bufSize int) []scannedMail {
	t.Helper()
	s := newMboxScanner(bytes.NewReader(data), 0, int64(len(data)), nil)
	if bufSize > 0 {
		s.buf = make([]byte, bufSize)
	}
	p := newHeaderParser()
	var out []scannedMail
	err := s.scan(func(off int64, hdr []byte) int64 {
		out = append(out, scannedMail{off: off, hdr: string(hdr)})
		return p.parse(hdr, &Message{})
	}, func(n int64) { out[len(out)-1].length = n })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// indexBytes indexes data as an mbox file, without dedupe.
func indexBytes(t testing.TB, data []byte) []*Message {
	t.Helper()
	src := &Source{Name: "test.mbox", ra: bytes.NewReader(data), Size: int64(len(data)), Kind: KindMbox, quoted: true}
	msgs, err := indexMbox(src, 0, true, &reporter{})
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func smallMail(name string) string {
	return fmt.Sprintf("From %s@example.org Mon Sep 17 00:00:00 2001\nFrom: %s <%s@example.org>\nSubject: from %s\nDate: Mon, 8 Jul 2024 10:00:00 +0000\nMessage-ID: <%s@example.org>\n\nHello from %s.\n\n",
		name, strings.ToUpper(name[:1])+name[1:], name, name, name, name)
}

// bigBody is size bytes of text lines.
func bigBody(size int) []byte {
	line := []byte("a line of a large message, an attachment or a long log pasted in full\n")
	b := bytes.Repeat(line, size/len(line)+1)[:size]
	b[size-1] = '\n'
	return b
}

// A message larger than the scanner's buffer used to take the headers of
// the next message (and lose its own Message-ID when it was the last).
func TestBigMessageKeepsItsHeaders(t *testing.T) {
	const mib = 1 << 20
	for _, size := range []int{39 * mib / 10, 4 * mib, 41 * mib / 10, 8 * mib, 20 * mib} {
		body := bigBody(size)
		for _, where := range []string{"start", "middle", "end"} {
			t.Run(fmt.Sprintf("%.1fMiB-%s", float64(size)/mib, where), func(t *testing.T) {
				names := map[string][]string{
					"start":  {"bob", "alice", "carol"},
					"middle": {"alice", "bob", "carol"},
					"end":    {"alice", "carol", "bob"},
				}[where]
				var b bytes.Buffer
				b.Grow(size + 1024)
				for _, n := range names {
					m := smallMail(n)
					if n == "bob" {
						b.WriteString(strings.TrimSuffix(m, "Hello from bob.\n\n"))
						b.Write(body)
						b.WriteString("\n")
					} else {
						b.WriteString(m)
					}
				}
				msgs := indexBytes(t, b.Bytes())
				if len(msgs) != 3 {
					t.Fatalf("%d messages, want 3", len(msgs))
				}
				for i, m := range msgs {
					n := names[i]
					if m.ID != n+"@example.org" || m.From.Email != n+"@example.org" || m.Subject != "from "+n {
						t.Errorf("message %d: id %q, from %q, subject %q; want %s's", i, m.ID, m.From.Email, m.Subject, n)
					}
					if n == "bob" && (m.Length < int64(size) || m.Length > int64(size)+400) {
						t.Errorf("bob's message is %d bytes, want its %d-byte body and headers", m.Length, size)
					}
				}
			})
		}
	}
}

func TestSeparators(t *testing.T) {
	msg := func(from, id string) string {
		return from + "\nFrom: X <x@example.org>\nSubject: s\nMessage-ID: <" + id + ">\n\nText of " + id + ".\n"
	}
	tests := []struct {
		name string
		data string
		ids  []string
	}{
		{"blank line before", msg("From a Mon Sep 17 00:00:00 2001", "1") + "\n" + msg("From b Mon Sep 17 00:00:00 2001", "2"), []string{"1", "2"}},
		{"no blank line before, asctime shape", msg("From a Mon Sep 17 00:00:00 2001", "1") + msg("From b Mon Sep 17 00:00:00 2001", "2"), []string{"1", "2"}},
		{"no blank line, a zone and no seconds", msg("From a Wed Feb  9 22:02 MET 2000", "1") + msg("From b Wed Feb  9 23:15 MET 2000", "2"), []string{"1", "2"}},
		{"no blank line, RFC 5322 date", msg("From a Mon Sep 17 00:00:00 2001", "1") + msg("From b Mon, 17 Sep 2001 00:00:00 +0000", "2"), []string{"1", "2"}},
		{"no blank line, Netscape's From - and mail headers", msg("From - ", "1") + msg("From - ", "2"), []string{"1", "2"}},
		{"CRLF, no blank line", strings.ReplaceAll(msg("From a Mon Sep 17 00:00:00 2001", "1")+msg("From b Mon Sep 17 00:00:00 2001", "2"), "\n", "\r\n"), []string{"1", "2"}},
		{"From paragraph in an mboxo body", "From a Mon Sep 17 00:00:00 2001\nSubject: s\nMessage-ID: <1>\n\nIt says:\n\nFrom the start, this was text.\n", []string{"1"}},
		{"From line then a header-looking line that is no mail header", "From a Mon Sep 17 00:00:00 2001\nSubject: s\nMessage-ID: <1>\n\nMy favourite film:\n\nFrom Russia with love\nYear: 1963\n", []string{"1"}},
		{"From line without a date, no blank line, a header line but no mail field", "From a Mon Sep 17 00:00:00 2001\nSubject: s\nMessage-ID: <1>\n\ntext\nFrom Russia with love\nYear: 1963\n", []string{"1"}},
		{"a separator inside the header block ends it", "From a Mon Sep 17 00:00:00 2001\nSubject: s\nMessage-ID: <1>\n" + msg("From b Mon Sep 17 00:00:00 2001", "2"), []string{"1", "2"}},
		{"a separator where the header block never ends", "From a Mon Sep 17 00:00:00 2001\nSubject: s\nMessage-ID: <1>\nFrom b Mon Sep 17 00:00:00 2001\nSubject: t\nMessage-ID: <2>\n", []string{"1", "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range indexBytes(t, []byte(tt.data)) {
				got = append(got, m.ID)
			}
			if strings.Join(got, " ") != strings.Join(tt.ids, " ") {
				t.Errorf("ids %q, want %q", got, tt.ids)
			}
		})
	}
}

func TestContentLength(t *testing.T) {
	body := "An unescaped mbox in its body:\n\nFrom x Mon Sep 17 00:00:00 2001\nFrom: Y <y@example.org>\nSubject: inner\n\ninner text\n"
	msg := func(id string, cl int) string {
		return fmt.Sprintf("From a Mon Sep 17 00:00:00 2001\nFrom: X <x@example.org>\nMessage-ID: <%s>\nContent-Length: %d\n\n%s", id, cl, body)
	}
	tests := []struct {
		name string
		data string
		ids  []string
	}{
		{"consistent, blank line between", msg("1", len(body)) + "\n" + msg("2", len(body)), []string{"1", "2"}},
		{"consistent, no blank line", msg("1", len(body)) + msg("2", len(body)), []string{"1", "2"}},
		{"consistent, then the end", msg("1", len(body)) + "\n" + msg("2", len(body)) + "\n", []string{"1", "2"}},
		{"too short: the body is searched", msg("1", len(body)-5) + "\n" + msg("2", len(body)), []string{"1", "", "2"}},
		{"too long: the body is searched", msg("1", len(body)+100) + "\n" + msg("2", len(body)+100), []string{"1", "", "2", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range indexBytes(t, []byte(tt.data)) {
				id := m.ID
				if m.Synthetic {
					id = ""
				}
				got = append(got, id)
			}
			if strings.Join(got, ",") != strings.Join(tt.ids, ",") {
				t.Errorf("ids %q, want %q", got, tt.ids)
			}
		})
	}
	// A consistent Content-Length gives the message exactly its body.
	data := msg("1", len(body)) + "\n" + msg("2", len(body))
	m := indexBytes(t, []byte(data))[0]
	raw, err := m.Raw()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(raw), "\n\n"+body) {
		t.Errorf("raw = %q", raw)
	}
}

func TestFromLineShape(t *testing.T) {
	for line, want := range map[string]bool{
		"From nobody Mon Sep 17 00:00:00 2001":                    true,
		"From mboxrd@z Thu Jan  1 00:00:00 1970":                  true,
		"From a@b Wed Feb  9 22:02 MET 2000":                      true,
		"From x Mon Jan 2 15:04:05 -0700 2006":                    true,
		"From x Mon, 17 Sep 2001 00:00:00 +0000":                  true,
		"From Mon Sep 17 00:00:00 2001":                           true,
		"From - Mon Jun  3 12:50:27 1996\r":                       true,
		"From - ":                                                 false,
		"From Russia with love":                                   false,
		"From the start, this line was never escaped.":            false,
		"From 1844347792267117879@xxx":                            false,
		"From here on Mon Sep 17 the meeting is at 10:00 in 2001": false,
	} {
		if got := fromLineShape([]byte(line)); got != want {
			t.Errorf("fromLineShape(%q) = %v, want %v", line, got, want)
		}
	}
}

// FuzzScanBuffer scans the same bytes with the default buffer and with a
// tiny one: the messages, their ranges and their headers must be the
// same, however the reads fall.
func FuzzScanBuffer(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s, uint8(0))
	}
	f.Add([]byte(smallMail("alice")+strings.TrimSuffix(smallMail("bob"), "Hello from bob.\n\n")+string(bigBody(3000))+"\n"+smallMail("carol")), uint8(0))
	f.Add([]byte("From a Mon Sep 17 00:00:00 2001\nSubject: x\nContent-Length: 3\n\nab\nFrom b\nX: y\n"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, n uint8) {
		if len(data) == 0 || !bytes.HasPrefix(data, []byte("From ")) {
			data = append([]byte("From x Mon Sep 17 00:00:00 2001\n"), data...)
		}
		want := scanBytes(t, data, 0)
		got := scanBytes(t, data, 64+int(n))
		if len(got) != len(want) {
			t.Fatalf("%d messages with a small buffer, %d with the default", len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("message %d: %+v with a small buffer, %+v with the default", i, got[i], want[i])
			}
			if w := want[i]; w.off < 0 || w.length < 0 || w.off+w.length > int64(len(data)) {
				t.Fatalf("message %d: range %d+%d outside %d bytes", i, w.off, w.length, len(data))
			}
		}
	})
}
