package annot

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// controlIn finds a character that must not reach a terminal: C0 but tab
// and newline, DEL, C1 (ESC and CSI among them), bidi controls. ok is
// false when there is none.
func controlIn(s string) (r rune, ok bool) {
	for _, r := range s {
		switch {
		case r < 0x20 && r != '\t' && r != '\n', r == 0x7f, r >= 0x80 && r < 0xa0:
			return r, true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return r, true
		}
	}
	return 0, false
}

// decodedStrings is every string decoding gave: the annotations, and the
// unknown members kept to be written back.
func decodedStrings(f annFile) []string {
	var out []string
	for id, n := range f.ann.Messages {
		out = append(out, id, string(n.Stance), n.Note)
		for _, q := range n.Questions {
			out = append(out, q.Text, q.AnsweredBy)
		}
	}
	for id, n := range f.ann.Topics {
		out = append(out, id, string(n.Status), n.Note)
	}
	sc := f.ann.Scope
	out = append(out, sc.Since, sc.Until, sc.Label)
	raw := func(m map[string]json.RawMessage) {
		for k, v := range m {
			out = append(out, k, string(v))
		}
	}
	raw(f.extras.top)
	for _, es := range []map[string]map[string]json.RawMessage{f.extras.messages, f.extras.topics} {
		for id, m := range es {
			out = append(out, id)
			raw(m)
		}
	}
	return out
}

func decodeErr(t *testing.T, data string) string {
	t.Helper()
	_, err := decodeAnnotations([]byte(data))
	if err == nil {
		t.Fatalf("accepted %s", data)
	}
	if !errors.Is(err, ErrNotAnnotations) {
		t.Errorf("error %q is not ErrNotAnnotations", err)
	}
	msg := err.Error()
	if r, bad := controlIn(msg); bad || strings.Contains(msg, "\n") {
		t.Errorf("error is not one clean line (%U): %q", r, msg)
	}
	return msg
}

// A stance or status outside the vocabulary is refused, in one line that
// names the entry and carries none of the value's escapes.
func TestDecodeRefusesUnknownStanceOrStatus(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{`{"schema":1,"messages":{"a@b":{"stance":"\u009b31mmaybe\u202e"}}}`, `message "a@b": stance "maybe" is not one of support, oppose, concern, alternative, neutral`},
		{`{"schema":1,"messages":{"a@b":{"stance":"Support"}}}`, `message "a@b": stance "Support" is not one of`},
		{`{"schema":1,"topics":{"t@b":{"status":"maybe"}}}`, `topic "t@b": status "maybe" is not one of accepted, declined, deferred, undecided`},
	} {
		if got := decodeErr(t, tt.data); !strings.Contains(got, tt.want) {
			t.Errorf("error %q\nwant it to say %q", got, tt.want)
		}
	}
	for _, s := range Stances {
		if _, err := decodeAnnotations([]byte(`{"schema":1,"messages":{"a@b":{"stance":"` + string(s) + `"}}}`)); err != nil {
			t.Errorf("stance %s: %v", s, err)
		}
	}
}

// Every string of a file is cleaned as mail is, and what is written back
// carries no control character either, even in members summit does not
// know.
func TestDecodeCleansEveryString(t *testing.T) {
	data := `{"schema":1,
	"messages":{"id\u009b31m@x\u202e":{"stance":"support","note":"red \u001b[31mtext\u001b[0m\nline two\u2066",
		"questions":[{"text":"why\u0007?","answered_by":"by\u009d0;title\u0007@x"}],
		"other\u009b":"x\u0085y\u202d"}},
	"topics":{"t\u001b]8;;http://evil\u0007@x":{"status":"accepted","note":"\u200fnote","extra":["\u009b"]}},
	"reviewer\u061c":"jc\u0090"}`
	f, err := decodeAnnotations([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range decodedStrings(f) {
		if r, bad := controlIn(s); bad {
			t.Errorf("decoded %q carries %U", s, r)
		}
	}
	n, ok := f.ann.Messages["id@x"]
	if !ok {
		t.Fatalf("message key not cleaned as mail Message-IDs are: %v", f.ann.Messages)
	}
	if n.Note != "red text\nline two" || n.Questions[0].Text != "why?" || n.Questions[0].AnsweredBy != "by@x" {
		t.Errorf("note %q, question %+v", n.Note, n.Questions[0])
	}
	if _, ok := f.ann.Topics["t@x"]; !ok {
		t.Errorf("topic key not cleaned: %v", f.ann.Topics)
	}
	out, err := encodeAnnotations(f.ann, f.extras)
	if err != nil {
		t.Fatal(err)
	}
	if r, bad := controlIn(string(out)); bad {
		t.Errorf("the file written carries %U:\n%s", r, out)
	}
	again, err := decodeAnnotations(out)
	if err != nil {
		t.Fatal(err)
	}
	// The unknown members keep their values: escaped, not removed.
	var v string
	json.Unmarshal(again.extras.messages["id@x"]["other"], &v)
	if v != "x\u0085y\u202d" {
		t.Errorf("unknown member's value %q changed", v)
	}
}

// A key given twice is refused wherever it is, rather than one of the two
// values dropped without a word.
func TestDecodeRefusesDuplicateKeys(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{`{"schema":1,"schema":1}`, `"schema" twice`},
		{`{"schema":1,"messages":{"a@b":{"stance":"oppose"},"a@b":{"stance":"support"}}}`, `message "a@b" twice`},
		{`{"schema":1,"messages":{"a@b":{"stance":"oppose","stance":"support"}}}`, `message "a@b": "stance" twice`},
		{`{"schema":1,"messages":{"a@b":{"questions":[{"text":"a","text":"b"}]}}}`, `message "a@b": questions[0]: "text" twice`},
		{`{"schema":1,"topics":{"t@b":{"note":"a","n\u006fte":"b"}}}`, `topic "t@b": "note" twice`},
		{`{"schema":1,"messages":{"a@b":{"x":{"y":1,"y":2}}}}`, `message "a@b": x: "y" twice`},
		// Two keys that are one once cleaned.
		{`{"schema":1,"messages":{"a@b":{"stance":"oppose"},"a\u202e@b":{"stance":"support"}}}`, `message "a@b" twice`},
	} {
		if got := decodeErr(t, tt.data); !strings.Contains(got, tt.want) {
			t.Errorf("%s:\nerror %q\nwant it to say %q", tt.data, got, tt.want)
		}
	}
}

func TestDecodeAcceptsBOM(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "store", "valid-v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := decodeAnnotations(data)
	if err != nil {
		t.Fatal(err)
	}
	withBOM, err := decodeAnnotations(append([]byte("\ufeff"), data...))
	if err != nil {
		t.Fatalf("a file starting with a UTF-8 BOM: %v", err)
	}
	if len(withBOM.ann.Messages) != len(plain.ann.Messages) || len(withBOM.ann.Topics) != len(plain.ann.Topics) {
		t.Error("the BOM changed what was read")
	}
}

// FuzzDecodeAnnotations: nothing the decoder returns carries a control
// character, whatever the file.
func FuzzDecodeAnnotations(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "store", "*.json"))
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"schema":1,"messages":{"id\u009b31m@x":{"note":"\u001b[2J\u202e","questions":[{"text":"\u0085","answered_by":"\u009b"}],"z\u0090":"\u009b"}},"topics":{"t":{"note":"\u0007","status":"accepted"}},"\u061c":1}`))
	f.Add([]byte("\ufeff{\"schema\":1,\"messages\":{\"a\xc2\x9b@b\":{\"note\":\"\xe2\x80\xae\xc2\x9b\"}}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeAnnotations(data)
		if err != nil {
			if r, bad := controlIn(err.Error()); bad || strings.Contains(err.Error(), "\n") || !utf8.ValidString(err.Error()) {
				t.Fatalf("error is not one clean line (%U): %q", r, err)
			}
			return
		}
		for _, s := range decodedStrings(got) {
			if r, bad := controlIn(s); bad {
				t.Fatalf("decoded %q carries %U", s, r)
			}
		}
		out, err := encodeAnnotations(got.ann, got.extras)
		if err != nil {
			t.Fatal(err)
		}
		if r, bad := controlIn(string(out)); bad {
			t.Fatalf("the file written carries %U:\n%s", r, out)
		}
	})
}
