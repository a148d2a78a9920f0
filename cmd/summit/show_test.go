package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"
)

const root2021 = "877dfop2lx.fsf@meer.lwn.net"

func TestShowColor(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	ann := filepath.Join(t.TempDir(), "summit.json")
	for _, c := range []struct {
		name   string
		args   []string
		colour bool
	}{
		{"a pipe is plain", nil, false},
		{"bare --color", []string{"--color"}, true},
		{"--color=always", []string{"--color=always"}, true},
		{"--color always", []string{"--color", "always"}, true},
		{"--color=never", []string{"--color=never"}, false},
		{"--color=auto in a pipe", []string{"--color=auto"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"show", "--width", "72", "--annotations", ann, "--topic", "accelerator"}, c.args...)
			code, out, errOut := summit(t, "", append(args, sample2021)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := strings.Contains(out, "\x1b["); got != c.colour {
				t.Errorf("colour %v, want %v", got, c.colour)
			}
			for i, l := range strings.Split(out, "\n") {
				if w := xansi.StringWidth(l); w > 72 {
					t.Fatalf("line %d is %d wide: %q", i+1, w, xansi.Strip(l))
				}
			}
			if c.colour && !strings.Contains(out, "\x1b]8;") {
				t.Error("no hyperlink in colour")
			}
		})
	}
	// NO_COLOR turns auto off, not an explicit --color.
	t.Setenv("NO_COLOR", "1")
	if _, out, _ := summit(t, "", "show", "--annotations", ann, "--color", sample2021); !strings.Contains(out, "\x1b[") {
		t.Error("--color gave no colour under NO_COLOR")
	}
	code, _, errOut := summit(t, "", "show", "--annotations", ann, "--color=purple", sample2021)
	if code != 2 || !strings.Contains(errOut, "want auto, always or never") {
		t.Errorf("--color=purple: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(ann); !os.IsNotExist(err) {
		t.Errorf("show created the annotations file (%v)", err)
	}
}

func TestShowPrintsTheAnnotations(t *testing.T) {
	ann := filepath.Join(t.TempDir(), "summit.json")
	data := `{"schema": 1,
 "messages": {"` + root2021 + `": {"stance": "support",
   "questions": [{"text": "Must every accelerator driver come with open user space that exercises all of its functions?"},
                 {"text": "Is a datasheet enough?", "answered": true}],
   "note": "The proposal.\nRead it first."}},
 "topics": {"` + root2021 + `": {"status": "accepted", "minutes": 45, "note": "Pair with the Rust session."}}}`
	if err := os.WriteFile(ann, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := summit(t, "", "show", "--width", "60", "--annotations", ann, "--topic", "ACCELERATOR", sample2021, sample2024)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "Passthrough") || strings.Count(out, "■ ") != 1 {
		t.Errorf("--topic accelerator shows other topics too")
	}
	want := strings.Join([]string{
		"■ 77 messages, 21 participants · [MAINTAINERS SUMMIT] User-…",
		"Decision ✓ accepted · 45 min",
		"Topic note",
		"  Pair with the Rust session.",
		"── 1/77 ────────────────────────────────────────────────────",
		"Stance + support",
		"Questions raised here",
		"? Must every accelerator driver come with open user space",
		"  that exercises all of its functions?",
		"✓ Is a datasheet enough? (answered)",
		"Note",
		"  The proposal.",
		"  Read it first.",
		"",
		"From:    Jonathan Corbet <corbet@lwn.net>",
	}, "\n")
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(strings.SplitN(out, "\n", 16)[:15], "\n"), want)
	}
	// A message without annotations has none printed.
	if n := strings.Count(out, "\nStance "); n != 1 {
		t.Errorf("%d stance lines, want 1", n)
	}
	for i, l := range strings.Split(out, "\n") {
		if w := xansi.StringWidth(l); w > 60 {
			t.Errorf("line %d is %d wide: %q", i+1, w, l)
		}
	}
}

func TestShowMergesReviewersFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	alice := write("alice.json", `{"schema": 1, "messages": {"`+root2021+`": {"note": "from alice"}}, "topics": {}}`)
	bob := write("bob.json", `{"schema": 1, "messages": {}, "topics": {"`+root2021+`": {"status": "deferred"}}}`)
	code, out, errOut := summit(t, "", "show", "--annotations", alice, "--annotations", bob, sample2021)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{"Decision » deferred\n", "Note\n  from alice\n"} {
		if !strings.Contains(out, w) {
			t.Errorf("merged show lacks %q", w)
		}
	}
}
