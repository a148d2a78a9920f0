package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeeds are the fixtures, the seeds and the edge mailboxes of other
// projects (those small enough for a fuzzer to mutate).
func fuzzSeeds() [][]byte {
	var seeds [][]byte
	for _, glob := range []string{"testdata/mail/*", "testdata/bad/*", "../testdata/seeds/*", "testdata/edge/*"} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil && len(data) <= 64<<10 {
				seeds = append(seeds, data)
			}
		}
	}
	return append(seeds,
		[]byte("From x\n\nFrom y\nA: b\n\n\n"),
		[]byte("From a\r\nSubject: x\r\n\r\n>From b\r\n\r\nFrom c\r\nB: d\r\n"),
		[]byte("\xef\xbb\xbf\n \nFrom - \nFrom: a@b\nContent-Length: 2\n\nx\nFrom - \nFrom: c@d\n\ny\n"))
}

// seedFuzz adds fuzzSeeds to a corpus.
func seedFuzz(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
}

// FuzzLoad loads arbitrary bytes as a file: it may refuse them with a
// one-line SourceError, it must never panic, and every message it keeps
// must give a body.
func FuzzLoad(f *testing.F) {
	seedFuzz(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "input")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		a, err := Read([]Input{{Name: "input", Path: p}}, LoadOptions{})
		if err != nil {
			if _, ok := err.(*SourceError); !ok || strings.Contains(err.Error(), "\n") {
				t.Fatalf("bad error %q", err)
			}
			return
		}
		defer a.Close()
		for _, m := range a.Messages {
			if m.ID == "" {
				t.Fatal("message without id")
			}
			if m.Offset < 0 || m.Offset+m.Length > int64(len(data)) && a.Sources[0].Kind == KindMbox && !a.Sources[0].Compressed {
				t.Fatalf("range %d+%d outside %d bytes", m.Offset, m.Length, len(data))
			}
			b, err := m.Body()
			if err != nil {
				t.Fatalf("Body: %v", err)
			}
			if CleanText(b.Text, true) != b.Text {
				t.Fatal("body text not clean")
			}
		}
	})
}

// FuzzBody decodes arbitrary bytes as a message: never a panic, always
// clean text.
func FuzzBody(f *testing.F) {
	seedFuzz(f)
	f.Add([]byte("Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/html\n\n<p>x\n--b--\n--a--\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := parseBody(data)
		if CleanText(b.Text, true) != b.Text || strings.Contains(b.Text, "\r") {
			t.Fatal("body text not clean")
		}
	})
}
