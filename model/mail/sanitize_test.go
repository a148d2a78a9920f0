package mail

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		name, in string
		keep     bool
		want     string
	}{
		{"plain", "hello\tworld\n", true, "hello\tworld\n"},
		{"newlines become spaces", "a\nb\tc", false, "a b c"},
		{"clear screen", "a\x1b[2Jb", true, "ab"},
		{"cursor move with params", "a\x1b[12;40Hb", true, "ab"},
		{"window title BEL", "a\x1b]0;pwned\x07b", true, "ab"},
		{"window title ST", "a\x1b]2;pwned\x1b\\b", true, "ab"},
		{"clipboard write", "a\x1b]52;c;ZXZpbA==\x07b", true, "ab"},
		{"hyperlink", "a\x1b]8;;http://evil\x07link\x1b]8;;\x07b", true, "alinkb"},
		{"DCS", "a\x1bP+q544e\x1b\\b", true, "ab"},
		{"APC", "a\x1b_hidden\x1b\\b", true, "ab"},
		{"two-byte reset", "a\x1bcb", true, "ab"},
		{"C1 CSI", "a\u009b31mb", true, "ab"},
		{"C1 OSC to C1 ST", "a\u009d0;title\u009cb", true, "ab"},
		{"lone C1", "a\u0085b", true, "ab"},
		{"C0 controls", "a\x00\x07\x08\x0b\x0c\x0e\x1fb", true, "ab"},
		{"carriage return", "a\r\nb", true, "a\nb"},
		{"DEL", "a\x7fb", true, "ab"},
		{"bidi override", "a\u202eevil\u202cb", true, "aevilb"},
		{"bidi isolates and marks", "\u2066a\u2069\u200e\u200f\u061c", true, "a"},
		{"unterminated OSC stops at the line end", "a\x1b]0;title\nnext line", true, "a\nnext line"},
		{"invalid UTF-8", "a\xffb", true, "a\ufffdb"},
		{"unicode kept", "Mickaël Salaün 韩大鹏", true, "Mickaël Salaün 韩大鹏"},
		{"ESC at the end", "a\x1b", true, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanText(tt.in, tt.keep); got != tt.want {
				t.Errorf("CleanText(%q, %v) = %q, want %q", tt.in, tt.keep, got, tt.want)
			}
		})
	}
}

// FuzzCleanText checks that whatever comes in, nothing that a terminal
// would act on goes out, and cleaning twice changes nothing more.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"\x1b[2J", "\x1b]52;c;x\x07", "\u009b1m", "\u202e", "a\x1b", "\x1bP\x1b\\", "\xc2\x9b"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, keep bool) {
		out := CleanText(s, keep)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if (r < 0x20 && !(keep && (r == '\n' || r == '\t'))) || (r >= 0x7f && r < 0xa0) || isBidiControl(r) {
				t.Fatalf("CleanText(%q) left %U", s, r)
			}
		}
		if !keep && strings.ContainsAny(out, "\n\t") {
			t.Fatalf("newline or tab kept in %q", out)
		}
		if again := CleanText(out, keep); again != out {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
	})
}
