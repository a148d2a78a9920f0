package mailview

import (
	"regexp"
	"strings"
	"testing"
	"time"

	xansi "github.com/charmbracelet/x/ansi"

	"summit/model/mail"
)

// allowedEscapes are the sequences the renderer itself may emit: colours
// (SGR) and OSC 8 hyperlinks.
var allowedEscapes = regexp.MustCompile(`\x1b\[[0-9;:]*m|\x1b\]8;[^\x07\x1b]*(\x07|\x1b\\)`)

// FuzzRenderMessage feeds arbitrary mail text (and a subject) to the
// parser and the renderer: no panic, no line wider than asked, ParseMail
// keeps every non-blank line in order, and nothing but colours and
// hyperlinks reaches the terminal.
func FuzzRenderMessage(f *testing.F) {
	f.Add("On Mon, X wrote:\n> quoted\n>> deeper\nreply\n-- \nsig", "Re: topic", uint8(60))
	f.Add("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n", "[PATCH] x", uint8(80))
	f.Add("# not a heading\n* not a list\n<greg@kroah.com>\n\tcode\n", "x", uint8(40))
	f.Add("evil \x1b]52;c;aGk=\x07 \x1b[2J \u009b31m \u202e", "\x1b]0;title\x07", uint8(120))
	f.Add("Acked-by: A <a@b>\nhttps://lore.kernel.org/r/"+strings.Repeat("x", 90)+"@y/", "s", uint8(30))
	f.Fuzz(func(t *testing.T, text, subject string, w uint8) {
		width := 20 + int(w)%140
		var want, got []string
		for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			if _, rest := splitQuote(l); !isBlank(rest) {
				want = append(want, rest)
			}
		}
		for _, bl := range ParseMail(text) {
			for _, l := range bl.Lines {
				if !isBlank(l) {
					got = append(got, l)
				}
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("ParseMail lost or moved lines:\nwant %q\ngot  %q", want, got)
		}

		msg := &mail.Message{ID: "fuzz@example.org", Subject: subject, From: mail.Address{Name: subject}, Date: time.Unix(0, 0)}
		body := &mail.Body{Text: text}
		for _, plain := range []bool{false, true} {
			out, err := RenderMessage(msg, body, RenderOptions{Width: width, Plain: plain, Dark: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range allowedEscapes.ReplaceAllString(out, "") {
				if r == 0x1b || r == 0x07 || (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) || isBidiOverride(r) {
					t.Fatalf("plain=%v: control character %U reaches the terminal", plain, r)
				}
			}
			for n, l := range strings.Split(xansi.Strip(out), "\n") {
				if lw := xansi.StringWidth(l); lw > width {
					t.Fatalf("plain=%v width %d: line %d is %d wide: %q", plain, width, n+1, lw, l)
				}
			}
		}
	})
}

func isBidiOverride(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
