package mail

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func mustLoad(t *testing.T, inputs ...Input) *Collection {
	t.Helper()
	a, err := Read(inputs, LoadOptions{})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func fileInput(path string) Input { return Input{Name: path, Path: path} }

func ids(a *Collection) []string {
	var out []string
	for _, m := range a.Messages {
		out = append(out, m.ID)
	}
	return out
}

func bodyText(t *testing.T, m *Message) string {
	t.Helper()
	b, err := m.Body()
	if err != nil {
		t.Fatalf("Body of %s: %v", m.ID, err)
	}
	return b.Text
}

func TestLoadSources(t *testing.T) {
	tests := []struct {
		path string
		kind SourceKind
		ids  []string
	}{
		{"testdata/mail/single.eml", KindMessage, []string{"single-1@example.org"}},
		{"testdata/mail/crlf.mbox", KindMbox, []string{"crlf1@example.org", "crlf2@example.org"}},
		{"testdata/mail/mboxrd-depth.mbox", KindMbox, []string{"depth@example.org", "second@example.org"}},
		{"testdata/mail/mboxo-unescaped.mbox", KindMbox, []string{"mboxo@example.org", "next@example.org"}},
		{"testdata/mail/maildir", KindMaildir, []string{"maildir1@example.org", "maildir2@example.org"}},
		{"testdata/mail/thread.mbox.gz", KindMbox, []string{"crlf1@example.org", "crlf2@example.org", "depth@example.org", "second@example.org"}},
		// gzip is recognised by its magic bytes, not its name.
		{"testdata/mail/lore-download", KindMbox, []string{"crlf1@example.org", "crlf2@example.org", "depth@example.org", "second@example.org"}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			a := mustLoad(t, fileInput(tt.path))
			if got := ids(a); !reflect.DeepEqual(got, tt.ids) {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			if a.Sources[0].Kind != tt.kind {
				t.Errorf("kind = %v, want %v", a.Sources[0].Kind, tt.kind)
			}
			for i, m := range a.Messages {
				if int(m.Seq) != i {
					t.Errorf("%s: Seq = %d, want %d", m.ID, m.Seq, i)
				}
				if a.Lookup(m.ID) != m {
					t.Errorf("Lookup(%s) does not find it", m.ID)
				}
				bodyText(t, m)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	tests := []struct {
		path, problem string
	}{
		{"testdata/bad/missing.mbox", "no such file or directory"},
		{"testdata/bad/empty.mbox", "empty file"},
		{"testdata/bad/binary.bin", "binary data, not mail"},
		{"testdata/bad/page.html", "an HTML page, not mail"},
		{"testdata/bad/notmail.txt", `not mail: no mbox "From " line or mail headers at the start`},
		{"testdata/bad/truncated.mbox.gz", "truncated gzip data"},
		{"testdata/bad/not-a-maildir", "a directory, not a maildir (no cur/ or new/ inside)"},
		{"../testdata/seeds/004_830be26541a4a6dd.txt", "a saved public-inbox web page, not mail; its thread is at https://lore.kernel.org/all/YT4QCHwnqZL%2Frl0z@kroah.com/t.mbox.gz"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			_, err := Read([]Input{fileInput(tt.path)}, LoadOptions{})
			var se *SourceError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *SourceError", err)
			}
			if want := tt.path + ": " + tt.problem; err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err.Error(), want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err.Error())
			}
		})
	}
}

func TestBadInputStops(t *testing.T) {
	// A good source followed by a bad one: the load fails on the bad one.
	_, err := Read([]Input{fileInput("testdata/mail/single.eml"), fileInput("testdata/bad/empty.mbox")}, LoadOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "testdata/bad/empty.mbox: ") {
		t.Fatalf("err = %v, want the empty file named", err)
	}
}

func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads unreadable files")
	}
	p := filepath.Join(t.TempDir(), "secret.mbox")
	if err := os.WriteFile(p, []byte("From a\nSubject: x\n\nx\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := Read([]Input{fileInput(p)}, LoadOptions{})
	if err == nil || err.Error() != p+": permission denied" {
		t.Fatalf("err = %v", err)
	}
}

func TestOtherCompression(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.mbox.xz")
	os.WriteFile(p, []byte{0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3}, 0o644)
	_, err := Read([]Input{fileInput(p)}, LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "xz-compressed data") {
		t.Fatalf("err = %v", err)
	}
}

func TestMboxrdDepth(t *testing.T) {
	a := mustLoad(t, fileInput("testdata/mail/mboxrd-depth.mbox"))
	text := bodyText(t, a.Messages[0])
	want := "Line one.\n\nFrom depth one\n>From depth two\n>>From depth three\n> >From not a quote of From\n"
	if text != want {
		t.Errorf("body = %q\nwant   %q", text, want)
	}
	raw, err := a.Messages[0].Raw()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(raw, []byte("> >From not a quote of From\n")) {
		t.Errorf("raw message should end at its last line, without the blank line before the next separator: %q", raw)
	}
}

func TestCRLF(t *testing.T) {
	a := mustLoad(t, fileInput("testdata/mail/crlf.mbox"))
	if got := bodyText(t, a.Messages[0]); got != "First line.\nSecond line.\n" {
		t.Errorf("body = %q", got)
	}
	m := a.Messages[1]
	if m.Subject != "crlf two folded é" {
		t.Errorf("folded encoded subject = %q", m.Subject)
	}
	if m.InReplyTo != "crlf1@example.org" {
		t.Errorf("InReplyTo = %q", m.InReplyTo)
	}
}

func TestMboxoUnescapedFromStaysInBody(t *testing.T) {
	a := mustLoad(t, fileInput("testdata/mail/mboxo-unescaped.mbox"))
	if n := len(a.Messages); n != 2 {
		t.Fatalf("%d messages, want 2", n)
	}
	if got := bodyText(t, a.Messages[0]); !strings.Contains(got, "From the start, this line was never escaped.\nIt is still") {
		t.Errorf("body = %q", got)
	}
}

func TestMaildir(t *testing.T) {
	a := mustLoad(t, fileInput("testdata/mail/maildir"))
	if a.Sources[0].Messages != 2 {
		t.Errorf("maildir source counts %d messages", a.Sources[0].Messages)
	}
	if got := bodyText(t, a.Messages[1]); got != "Second maildir message.\n" {
		t.Errorf("body = %q", got)
	}
	if got := a.Messages[1].Source.Name; got != filepath.Join("testdata/mail/maildir", "new", "1720000001.2.host") {
		t.Errorf("message source = %q", got)
	}
}

func TestEmptyMaildir(t *testing.T) {
	d := t.TempDir()
	os.Mkdir(filepath.Join(d, "cur"), 0o755)
	_, err := Read([]Input{fileInput(d)}, LoadOptions{})
	if err == nil || err.Error() != d+": an empty maildir (no messages in cur/ or new/)" {
		t.Fatalf("err = %v", err)
	}
}

func TestStdin(t *testing.T) {
	data, _ := os.ReadFile("testdata/mail/crlf.mbox")
	gz, _ := os.ReadFile("testdata/mail/thread.mbox.gz")
	for _, tt := range []struct {
		name string
		data []byte
		n    int
	}{{"plain", data, 2}, {"gzip", gz, 4}} {
		t.Run(tt.name, func(t *testing.T) {
			in := InputsFromArgs(nil, bytes.NewReader(tt.data))
			a := mustLoad(t, in...)
			if len(a.Messages) != tt.n {
				t.Fatalf("%d messages, want %d", len(a.Messages), tt.n)
			}
			if a.Sources[0].Name != StdinName {
				t.Errorf("source name %q", a.Sources[0].Name)
			}
			if got := bodyText(t, a.Messages[0]); got != "First line.\nSecond line.\n" {
				t.Errorf("body = %q", got)
			}
		})
	}
	_, err := Read(InputsFromArgs([]string{"-"}, strings.NewReader("")), LoadOptions{})
	if err == nil || err.Error() != "stdin: empty input" {
		t.Errorf("empty stdin: %v", err)
	}
	_, err = Read(InputsFromArgs(nil, bytes.NewReader(gz[:100])), LoadOptions{})
	if err == nil || err.Error() != "stdin: truncated gzip data" {
		t.Errorf("truncated gzip on stdin: %v", err)
	}
}

func TestInputsFromArgs(t *testing.T) {
	stdin := strings.NewReader("")
	if got := InputsFromArgs(nil, nil); got != nil {
		t.Errorf("no args, terminal: %v", got)
	}
	got := InputsFromArgs([]string{"a.mbox", "-"}, stdin)
	want := []Input{{Name: "a.mbox", Path: "a.mbox"}, {Name: StdinName, Reader: stdin}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
}

func TestDedupe(t *testing.T) {
	a := mustLoad(t, fileInput("testdata/mail/crlf.mbox"), fileInput("testdata/mail/thread.mbox.gz"))
	want := []string{"crlf1@example.org", "crlf2@example.org", "depth@example.org", "second@example.org"}
	if got := ids(a); !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %q", got)
	}
	if d := a.Sources[1].Duplicates; d != 2 {
		t.Errorf("second source has %d duplicates, want 2", d)
	}
	if a.Messages[0].Source != a.Sources[0] {
		t.Error("the first copy should be kept")
	}
}

func TestSyntheticID(t *testing.T) {
	a := mustLoad(t, fileInput("testdata/mail/no-message-id.eml"))
	b := mustLoad(t, fileInput("testdata/mail/no-message-id.eml"))
	m := a.Messages[0]
	if !m.Synthetic || !strings.HasSuffix(m.ID, "@summit.invalid") {
		t.Fatalf("id = %q synthetic=%v", m.ID, m.Synthetic)
	}
	if b.Messages[0].ID != m.ID {
		t.Errorf("synthetic id not stable: %q then %q", m.ID, b.Messages[0].ID)
	}
	data, _ := os.ReadFile("testdata/mail/no-message-id.eml")
	other := bytes.Replace(data, []byte("no id here"), []byte("another"), 1)
	c := mustLoad(t, Input{Name: "-", Reader: bytes.NewReader(other)})
	if c.Messages[0].ID == m.ID {
		t.Error("different headers gave the same synthetic id")
	}
}

func TestBadDateFlagged(t *testing.T) {
	m := mustLoad(t, fileInput("testdata/mail/bad-date.eml")).Messages[0]
	if !m.DateUnknown || !m.Date.IsZero() {
		t.Errorf("date %v unknown=%v", m.Date, m.DateUnknown)
	}
	if !reflect.DeepEqual(m.Warnings(), []string{`date not understood: "sometime around lunch"`}) {
		t.Errorf("warnings = %q", m.Warnings())
	}
}

func TestProgress(t *testing.T) {
	var last Progress
	calls := 0
	_, err := Read([]Input{fileInput("testdata/mail/crlf.mbox"), fileInput("testdata/mail/single.eml")}, LoadOptions{
		Progress: func(p Progress) { last = p; calls++ },
	})
	if err != nil {
		t.Fatal(err)
	}
	st1, _ := os.Stat("testdata/mail/crlf.mbox")
	st2, _ := os.Stat("testdata/mail/single.eml")
	total := st1.Size() + st2.Size()
	if calls == 0 || last != (Progress{Bytes: total, Total: total, Messages: 3}) {
		t.Errorf("calls=%d last=%+v, want all %d bytes and 3 messages", calls, last, total)
	}
}

func TestClosedArchive(t *testing.T) {
	a, err := Read([]Input{fileInput("testdata/mail/crlf.mbox")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Messages[0].Body(); err == nil {
		t.Error("Body after Close should fail")
	}
}

func TestGzipOfSpooledStdinMatchesFile(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	data, _ := os.ReadFile("testdata/mail/mboxrd-depth.mbox")
	zw.Write(data)
	zw.Close()
	a := mustLoad(t, Input{Name: "-", Reader: &buf})
	b := mustLoad(t, fileInput("testdata/mail/mboxrd-depth.mbox"))
	if !a.Sources[0].Compressed {
		t.Error("source not marked compressed")
	}
	if bodyText(t, a.Messages[0]) != bodyText(t, b.Messages[0]) {
		t.Error("gzip and plain copies differ")
	}
}

func TestTruncatedMboxWarnsOnTheLastMessage(t *testing.T) {
	data, err := os.ReadFile("testdata/mail/mboxrd-depth.mbox")
	if err != nil {
		t.Fatal(err)
	}
	whole := mustLoad(t, Input{Name: "whole.mbox", Reader: bytes.NewReader(data)})
	for _, m := range whole.Messages {
		if len(m.Warnings()) > 0 {
			t.Fatalf("a whole file gets warnings: %v", m.Warnings())
		}
	}
	cut := mustLoad(t, Input{Name: "cut.mbox", Reader: bytes.NewReader(data[:len(data)-3])})
	last := cut.Messages[len(cut.Messages)-1]
	if len(last.Warnings()) != 1 || !strings.Contains(last.Warnings()[0], "cut short") {
		t.Errorf("the last message of a cut file: warnings %v", last.Warnings())
	}
}
