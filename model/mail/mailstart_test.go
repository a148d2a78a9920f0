package mail

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadData(t *testing.T, name, data string) (*Collection, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Read([]Input{fileInput(p)}, LoadOptions{})
	if err == nil {
		t.Cleanup(func() { a.Close() })
	}
	return a, err
}

// What comes before the mail does not make a file "not mail": a byte
// order mark, blank or white-space-only lines, a space before the first
// header; and a NUL in a mail does not make an mbox binary.
func TestWhatComesBeforeTheMail(t *testing.T) {
	mbox := "From a@b Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: one\nMessage-ID: <1@x>\n\nFirst.\n\n" +
		"From a@b Mon Sep 17 00:00:00 2001\nFrom: B <b@example.org>\nSubject: two\nMessage-ID: <2@x>\n\nSecond.\n"
	single := "From: A <a@example.org>\nSubject: one\nMessage-ID: <1@x>\n\nFirst.\n"
	nul := strings.Replace(mbox, "First.", "A patch with a NUL: \x00\x00 in it.", 1)
	tests := []struct {
		name, data string
		ids        []string
		first      string // the first message's text
	}{
		{"BOM, mbox", "\xef\xbb\xbf" + mbox, []string{"1@x", "2@x"}, "First.\n"},
		{"white-space lines, mbox", "    \n\t\n  \r\n" + mbox, []string{"1@x", "2@x"}, "First.\n"},
		{"BOM and blank lines, mbox", "\xef\xbb\xbf\n\n" + mbox, []string{"1@x", "2@x"}, "First.\n"},
		{"BOM, message", "\xef\xbb\xbf" + single, []string{"1@x"}, "First.\n"},
		{"blank lines, message", "\n \n" + single, []string{"1@x"}, "First.\n"},
		{"a space before the first header", " " + single, []string{"1@x"}, "First.\n"},
		{"NUL in the first message of an mbox", nul, []string{"1@x", "2@x"}, "A patch with a NUL:  in it.\n"},
		{"NUL in a message", strings.Replace(single, "First.", "A NUL \x00 here.", 1), []string{"1@x"}, "A NUL  here.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := loadData(t, "input", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(a); strings.Join(got, " ") != strings.Join(tt.ids, " ") {
				t.Fatalf("ids %q, want %q", got, tt.ids)
			}
			if got := bodyText(t, a.Messages[0]); got != tt.first {
				t.Errorf("text %q, want %q", got, tt.first)
			}
			if m := a.Messages[0]; m.From.Email != "a@example.org" || m.Subject != "one" {
				t.Errorf("from %q, subject %q", m.From.Email, m.Subject)
			}
		})
	}
}

func TestBinaryIsStillRefused(t *testing.T) {
	for name, data := range map[string]string{
		"NULs":                       "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
		"a header line, then binary": "Key: value\n" + strings.Repeat("\x00\x01\x02\x03", 200),
	} {
		_, err := loadData(t, "input", data)
		if err == nil || !strings.HasSuffix(err.Error(), ": binary data, not mail") {
			t.Errorf("%s: err %v", name, err)
		}
	}
}
