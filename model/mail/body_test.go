package mail

import (
	"os"
	"reflect"
	"testing"
)

func loadBody(t *testing.T, path string) *Body {
	t.Helper()
	a := mustLoad(t, fileInput(path))
	b, err := a.Messages[0].Body()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBodies(t *testing.T) {
	tests := []struct {
		file, text string
		atts       []Attachment
		warnings   []string
	}{
		{file: "alternative.eml", text: "The plain version, café.\n"},
		{file: "html-only.eml", text: "First & foremost paragraph.\n\nSee the archive <https://lore.kernel.org/>.\nNext line.\n\n- one\n- two\n"},
		{file: "attachments.eml", text: "The text part.\n", atts: []Attachment{
			{Name: "slides.pdf", Type: "application/pdf", Size: 15},
			{Name: "signature.asc", Type: "application/pgp-signature", Size: 57},
		}},
		{file: "unknown-charset.eml", text: "Text in an unknown charset.\n",
			warnings: []string{`unknown charset "y"; text shown as UTF-8 (or Latin-1)`}},
		{file: "malformed-multipart.eml", text: "This text has no boundary at all, so the multipart is malformed.\n",
			warnings: []string{"malformed multipart (multipart: NextPart: EOF); the rest is skipped"}},
		{file: "charsets.eml", text: "Привет\n"},
		{file: "single.eml", text: "A message file with no \"From \" separator line.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b := loadBody(t, "testdata/mail/"+tt.file)
			if b.Text != tt.text {
				t.Errorf("text = %q\nwant   %q", b.Text, tt.text)
			}
			if !reflect.DeepEqual(b.Attachments, tt.atts) {
				t.Errorf("attachments = %+v", b.Attachments)
			}
			if !reflect.DeepEqual(b.Warnings, tt.warnings) {
				t.Errorf("warnings = %q", b.Warnings)
			}
		})
	}
}

func TestBodyCleansControlCharacters(t *testing.T) {
	raw := "Subject: x\nContent-Type: text/plain\n\nred \x1b[31malert\x1b]0;title\x07 done\r\nnext\x00line\n"
	b := parseBody([]byte(raw))
	if b.Text != "red alert done\nnextline\n" {
		t.Errorf("text = %q", b.Text)
	}
}

func TestEncodedHeadersOfCharsetsFixture(t *testing.T) {
	m := mustLoad(t, fileInput("testdata/mail/charsets.eml")).Messages[0]
	if m.From.Name != "Ярослав" || m.Subject != "Příliš žluoučký" {
		t.Errorf("from %q subject %q", m.From.Name, m.Subject)
	}
}

func TestUnquoteMboxrd(t *testing.T) {
	in := "a\n>From x\n>>From y\n> From z\nFrom w\n>>>From v"
	want := "a\nFrom x\n>From y\n> From z\nFrom w\n>>From v"
	if got := string(unquoteMboxrd([]byte(in))); got != want {
		t.Errorf("got %q", got)
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, html, text string }{
		{"entities", "<p>a &lt;b&gt; &amp; &quot;c&quot;</p>", "a <b> & \"c\"\n"},
		{"pre keeps lines", "<pre>line 1\n  line 2</pre>", "line 1\n  line 2\n"},
		{"blockquote", "<p>reply</p><blockquote><p>quoted</p></blockquote>", "reply\n\n> quoted\n"},
		{"mailto same as text", `<a href="mailto:a@b.c">a@b.c</a>`, "a@b.c\n"},
		{"style dropped", "<style>x{}</style>text", "text\n"},
		{"whitespace collapsed", "a\n\n   b\t c", "a b c\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := htmlToText(tt.html); got != tt.text {
				t.Errorf("got %q, want %q", got, tt.text)
			}
		})
	}
}

func TestRawOfSingleMessageIsTheFile(t *testing.T) {
	data, _ := os.ReadFile("testdata/mail/single.eml")
	raw, err := mustLoad(t, fileInput("testdata/mail/single.eml")).Messages[0].Raw()
	if err != nil || string(raw) != string(data) {
		t.Errorf("raw differs: %v", err)
	}
}
