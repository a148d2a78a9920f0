package mail

import (
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"
)

func TestContentTypeWithoutSubtype(t *testing.T) {
	for _, tt := range []struct{ name, msg, text string }{
		{"text", "Subject: s\nContent-Type: text\n\nHello.\n", "Hello.\n"},
		{"text with a charset", "Subject: s\nContent-Type: text; charset=iso-8859-1\n\nCaf\xe9.\n", "Café.\n"},
		{"inside a multipart", "Subject: s\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text\n\nPart.\n--b--\n", "Part.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := parseBody([]byte(tt.msg))
			if b.Text != tt.text || len(b.Attachments) != 0 {
				t.Errorf("text %q, attachments %v; want %q and none", b.Text, b.Attachments, tt.text)
			}
			if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0], `Content-Type "text" has no subtype`) {
				t.Errorf("warnings %q", b.Warnings)
			}
		})
	}
}

// The Mail::Box test folder has 8 messages with "Content-Type: text":
// each shows its text, none an attachment.
func TestContentTypeTextOfMailBox(t *testing.T) {
	a := mustLoad(t, fileInput("testdata/edge/mailbox-mbox.src"))
	n := 0
	for _, m := range a.Messages {
		b, err := m.Body()
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range b.Warnings {
			if strings.Contains(w, "has no subtype") {
				n++
				if strings.TrimSpace(b.Text) == "" || len(b.Attachments) != 0 {
					t.Errorf("%s: text %q, attachments %v", m.ID, b.Text, b.Attachments)
				}
			}
		}
	}
	if n != 8 {
		t.Errorf("%d messages with Content-Type: text, want 8", n)
	}
}

func TestEnclosedMessage(t *testing.T) {
	jpeg := strings.Repeat("\xff\xd8\xff\xe0 JFIF image bytes ", 400)
	inner := "From: Inner Person <inner@example.org>\nDate: Tue, 9 Jul 2024 11:00:00 +0200\nSubject: =?utf-8?q?Inner_subj=C3=A9ct?=\n" +
		"Message-ID: <inner@example.org>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=in\n\n" +
		"--in\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" +
		base64.StdEncoding.EncodeToString([]byte("The inner text, decoded.\n")) + "\n" +
		"--in\nContent-Type: image/jpeg; name=photo.jpg\nContent-Transfer-Encoding: base64\n\n" +
		base64.StdEncoding.EncodeToString([]byte(jpeg)) + "\n--in--\n"
	for _, disp := range []string{"", "Content-Disposition: attachment\n"} {
		msg := "From: Outer <outer@example.org>\nSubject: Fwd: inner\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=out\n\n" +
			"--out\nContent-Type: text/plain\n\nSee the mail below.\n" +
			"--out\nContent-Type: message/rfc822\n" + disp + "\n" + inner + "--out--\n"
		b := parseBody([]byte(msg))
		for _, want := range []string{
			"See the mail below.\n",
			"-------- Enclosed message --------\nFrom: Inner Person <inner@example.org>\nDate: Tue, 9 Jul 2024 11:00:00 +0200\nSubject: Inner subjéct\n\nThe inner text, decoded.\n",
			"-------- End of the enclosed message --------\n",
		} {
			if !strings.Contains(b.Text, want) {
				t.Errorf("%q: text %q lacks %q", disp, b.Text, want)
			}
		}
		for _, not := range []string{"Content-Type", "--in", "JFIF", "/9j/"} {
			if strings.Contains(b.Text, not) {
				t.Errorf("%q: the raw enclosed mail shows (%q) in %q", disp, not, b.Text)
			}
		}
		if len(b.Attachments) != 1 || b.Attachments[0] != (Attachment{Name: "photo.jpg", Type: "image/jpeg", Size: len(jpeg)}) {
			t.Errorf("%q: attachments %v", disp, b.Attachments)
		}
	}
}

// Real enclosed messages: a bounce (multipart/report) and jwz's nested
// forwards, from MimeKit's test mailbox.
func TestEnclosedMessagesOfMimeKit(t *testing.T) {
	a := mustLoad(t, fileInput(filepath.Join("testdata/edge", "mimekit-content-length.mbox.gz")))
	bounce, err := a.Messages[27].Body()
	if err != nil {
		t.Fatal(err)
	}
	if want := "From: Jamie Zawinski <jwz@netscape.com>\nDate: Mon, 29 Jul 1996 02:04:52 -0700\nSubject: unsubscribe\n\nunsubscribe\n"; !strings.Contains(bounce.Text, want) || strings.Contains(bounce.Text, "Received:") {
		t.Errorf("bounce text %q", bounce.Text)
	}
	nested, err := a.Messages[1].Body()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(nested.Text, "-------- Enclosed message --------"); n != 5 || strings.Contains(nested.Text, "Content-Type:") {
		t.Errorf("%d enclosed messages in %q", n, nested.Text)
	}
}
