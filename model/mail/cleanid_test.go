package mail

import "testing"

// A Message-ID is cleaned as every string shown or written is: it is
// shown, it keys the annotations file and the JSON export.
func TestMessageIDsAreCleaned(t *testing.T) {
	hdr := "Message-ID: <a\u009b31mb@x\u202e>\n" +
		"In-Reply-To: <p\x1b[2Jarent@x>\n" +
		"References: <r\u2066oot@x> <p\x1b[2Jarent@x>\n" +
		"Subject: s\n\n"
	var m Message
	newHeaderParser().parse([]byte(hdr), &m)
	if m.ID != "ab@x" || m.InReplyTo != "parent@x" || len(m.References) != 2 || m.References[0] != "root@x" || m.References[1] != "parent@x" {
		t.Errorf("ID %q, In-Reply-To %q, References %q", m.ID, m.InReplyTo, m.References)
	}
	for in, want := range map[string]string{
		"plain@example.org":  "plain@example.org",
		"a b\tc@x":           "abc@x",
		"caf\xe9@x":          "café@x",
		"x\u009d0;title\a@y": "x@y",
		"\u200fid@x":         "id@x",
	} {
		if got := CleanID(in); got != want {
			t.Errorf("CleanID(%q) = %q, want %q", in, got, want)
		}
	}
}
