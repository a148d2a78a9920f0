package mail

import "testing"

// cleanSeeds need no change (names and subjects in other scripts, kept
// newlines) or a change only past their first character.
var cleanSeeds = []string{
	"", "plain ASCII", "Jörg Müller", "Paweł Dąbrowski", "李明 <li@example.cn>", "Ünïcödé — “quotes” …",
	"tab\tand\nnewline", "\ufffd valid replacement", "\u00a0no-break", "emoji 🐧", "a\u202eb", "x\u009by",
	"ok \xff", "ok \xc2", "ok\r\n", "ok\x7f", "ok\x1b[1m", "\u061c", "\u2066isolate\u2069",
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
