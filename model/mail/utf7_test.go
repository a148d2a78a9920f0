package mail

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/transform"
)

func TestUTF7(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		// RFC 2152's examples.
		{"A+ImIDkQ.", "A\u2262\u0391."},
		{"Hi Mom -+Jjo--!", "Hi Mom -\u263a-!"},
		{"+ZeVnLIqe-", "日本語"},
		{"Item 3 is +AKM-1.", "Item 3 is £1."},
		{"+-", "+"},
		{"1 +- 1 = 2", "1 + 1 = 2"},
		// What kernel mail sent as UTF-7 looks like.
		{"+AD4- +AD4- Is there a FAN+AF8-MODIFY watch?", "> > Is there a FAN_MODIFY watch?"},
		{"+AD4APgA+- quoted", ">>> quoted"},
		// The end of a base64 run without "-".
		{"+AGE.", "a."},
		{"+AGE", "a"},
		{"+AGE\n+AGI-", "a\nb"},
		// A surrogate pair, and the malformed: a lone surrogate, a cut
		// code unit, 8-bit bytes.
		{"+2D3eAA-", "😀"},
		{"+2D0-x", "\ufffdx"},
		{"+3gA-", "\ufffd"},
		{"+AG-x", "\ufffdx"},
		{"caf\xe9", "caf\ufffd"},
		{"", ""},
	} {
		got, _, err := transform.String(utf7Encoding{}.NewDecoder(), tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%q: %q (%v), want %q", tt.in, got, err, tt.want)
		}
		// Byte by byte, as a stream gives it.
		r := transform.NewReader(iotest.OneByteReader(strings.NewReader(tt.in)), utf7Encoding{}.NewDecoder())
		b, err := io.ReadAll(iotest.OneByteReader(r))
		if err != nil || string(b) != tt.want {
			t.Errorf("%q one byte at a time: %q (%v), want %q", tt.in, b, err, tt.want)
		}
	}
}

func TestUTF7Body(t *testing.T) {
	for _, cs := range []string{"utf-7", "UTF-7", "unicode-1-1-utf-7"} {
		b := parseBody([]byte("Subject: s\nContent-Type: text/plain; charset=" + cs + "\n\nOn Monday, Amir wrote:\n+AD4- Is there a FAN+AF8-MODIFY watch?\n"))
		if want := "On Monday, Amir wrote:\n> Is there a FAN_MODIFY watch?\n"; b.Text != want || len(b.Warnings) != 0 {
			t.Errorf("%s: text %q, warnings %q; want %q", cs, b.Text, b.Warnings, want)
		}
	}
	var m Message
	newHeaderParser().parse([]byte("Subject: =?utf-7?q?+AKM-1?=\n"), &m)
	if m.Subject != "£1" {
		t.Errorf("subject %q", m.Subject)
	}
}

// The UTF-7 mail of the kernel sample (linux-api) shows its quoting.
func TestUTF7OfTheKernelSample(t *testing.T) {
	a := mustLoad(t, fileInput("../testdata/corpora/kernel-edge-sample.mbox"))
	m := a.Lookup("SJ0PR08MB649422919BA3E86C48E83340AB12A@SJ0PR08MB6494.namprd08.prod.outlook.com")
	if m == nil {
		t.Fatal("the UTF-7 message is not in the sample")
	}
	text := bodyText(t, m)
	if strings.Contains(text, "+AD4-") || !strings.Contains(text, "\n> > Is there a FAN_MODIFY fsnotify watch set on /dev?") {
		t.Errorf("text %q", text)
	}
}
