package mail

import (
	"strings"
	"testing"
)

// cleanSeeds need no change (names and subjects in other scripts, kept
// newlines) or a change only past their first character.
var cleanSeeds = []string{
	"", "plain ASCII", "Jörg Müller", "Paweł Dąbrowski", "李明 <li@example.cn>", "Ünïcödé — “quotes” …",
	"tab\tand\nnewline", "\ufffd valid replacement", "\u00a0no-break", "emoji 🐧", "a\u202eb", "x\u009by",
	"ok \xff", "ok \xc2", "ok\r\n", "ok\x7f", "ok\x1b[1m", "\u061c", "\u2066isolate\u2069",
	// Long enough for the eight-byte steps, a fault at each place in a word.
	" !~~~~~~~~~~~~~}|{ 0123456789", "0123456\x7f89abcdef", "0123456789abcde\x1f", "abcdefgh\x80ijklmnop",
	"abcdefg\nhijklmnop\tqrstuvwxyz", "\x00bcdefghijklmnop", "abcdefghijklm\x1b[0mnop", "Jörg Müller sent a long line",
	"0123456\xff89abcdef", "\xff\xffabcdefghijklmn", "01234567\xc2\x9b1mabcdefgh",
}

// TestCleanTextFastPath checks that the no-copy path is taken exactly when
// cleaning would give the string back unchanged.
func TestCleanTextFastPath(t *testing.T) {
	for _, s := range cleanSeeds {
		for _, keep := range []bool{false, true} {
			if fast, slow := unchanged(s, keep), clean(s, keep) == s; fast != slow {
				t.Errorf("%q, keep %v: unchanged says %v, cleaning changes nothing: %v", s, keep, fast, slow)
			}
		}
	}
}

func FuzzCleanTextFastPath(f *testing.F) {
	for _, s := range cleanSeeds {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, keep bool) {
		if fast, slow := unchanged(s, keep), clean(s, keep) == s; fast != slow {
			t.Errorf("%q, keep %v: unchanged says %v, cleaning changes nothing: %v", s, keep, fast, slow)
		}
	})
}

// BenchmarkCleanTextPatch is CleanText on a 2 MB patch that needs no
// change, as the reader cleans every body: tabs, newlines and code.
func BenchmarkCleanTextPatch(b *testing.B) {
	code := "+\tif (unlikely(!page_count(page)))\t/* see below */\n" +
		"+\t\treturn -EINVAL;\n" + " \tspin_unlock(&zone->lock);\n"
	text := strings.Repeat(strings.Repeat(code, 16)+"Reviewed-by: Jörg Rödel <joro@8bytes.org>\n", 2<<20/(16*len(code)))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if CleanText(text, true) != text {
			b.Fatal("the patch was changed")
		}
	}
}
