package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"summit/model/annot"
)

const (
	sample2021 = "../../sample-data/ksummit-2021-accelerator-userspace.mbox"
	sample2024 = "../../sample-data/ksummit-2024-device-passthrough.mbox"
)

// summit runs the command line in-process and returns its exit status and
// outputs.
func summit(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestBadInputIsOneLine(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	dir := t.TempDir()
	cases := []struct {
		name, file, want string
	}{
		{"missing", filepath.Join(dir, "nope.mbox"), "nope.mbox: "},
		{"empty", "../../model/mail/testdata/bad/empty.mbox", "empty"},
		{"binary", "../../model/mail/testdata/bad/binary.bin", "binary"},
		{"html", "../../model/mail/testdata/bad/page.html", "HTML"},
		{"truncated gzip", "../../model/mail/testdata/bad/truncated.mbox.gz", "truncated"},
		{"web page seed", "../../model/testdata/seeds/004_830be26541a4a6dd.txt", "https://lore.kernel.org/all/YT4QCHwnqZL%2Frl0z@kroah.com/t.mbox.gz"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := summit(t, "", "export", "--annotations", filepath.Join(dir, "a.json"), c.file)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr %q", code, errOut)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "summit: ") {
				t.Fatalf("want one line starting with 'summit: ', got %q", errOut)
			}
			if !strings.Contains(lines[0], c.want) || !strings.Contains(lines[0], filepath.Base(c.file)) {
				t.Errorf("error %q does not name the file and %q", lines[0], c.want)
			}
		})
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"--no-such-flag"},
		{"export", "--format", "yaml", sample2021},
		{"show", "--width", "3", sample2021},
	} {
		code, _, errOut := summit(t, "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, errOut)
		}
		if !strings.HasPrefix(errOut, "summit: ") {
			t.Errorf("%v: stderr %q", args, errOut)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"export", "--help"}, {"show", "-h"}} {
		code, out, _ := summit(t, "", args...)
		if code != 0 || !strings.Contains(out, "Usage: summit") {
			t.Errorf("%v: exit %d, output %q", args, code, out)
		}
	}
	code, out, _ := summit(t, "", "--version")
	if code != 0 || !strings.HasPrefix(out, "summit ") {
		t.Errorf("--version: exit %d, output %q", code, out)
	}
}

func TestExportIsDeterministicAndNamesTopics(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	ann := filepath.Join(t.TempDir(), "summit.json")
	code1, first, errOut := summit(t, "", "export", "--annotations", ann, sample2021, sample2024)
	if code1 != 0 {
		t.Fatalf("exit %d: %s", code1, errOut)
	}
	_, second, _ := summit(t, "", "export", sample2024, "--annotations", ann, sample2021)
	if first != second {
		t.Error("export differs between runs (or with source order)")
	}
	for _, want := range []string{
		"# Maintainers Summit: agenda draft",
		"Generated 2026-11-18 from 2 topics, 203 messages",
		"User-space requirements for accelerator drivers",
		"Device Passthrough Considered Harmful?",
		"https://lore.kernel.org/r/877dfop2lx.fsf@meer.lwn.net",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("agenda lacks %q", want)
		}
	}
	if _, err := os.Stat(ann); !os.IsNotExist(err) {
		t.Errorf("export created the annotations file (%v); it only reads it", err)
	}
}

func TestExportFromStdinToFileAsJSON(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	mbox, err := os.ReadFile(sample2021)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	out := filepath.Join(dir, "agenda.json")
	code, stdout, errOut := summit(t, string(mbox), "export", "--format", "json", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if stdout != "" {
		t.Errorf("stdout should be empty with -o, got %d bytes", len(stdout))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !bytes.Contains(data, []byte("User-space requirements for accelerator drivers")) {
		t.Error("JSON agenda lacks the topic")
	}
}

func TestShowPrintsPlainTextInAPipe(t *testing.T) {
	code, out, errOut := summit(t, "", "show", "--width", "72", sample2021)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "\x1b") {
		t.Error("show wrote escape sequences into a pipe")
	}
	for _, want := range []string{"Jonathan Corbet", "accelerator", "escreveu"} {
		if !strings.Contains(out, want) {
			t.Errorf("show output lacks %q", want)
		}
	}
	if !strings.HasPrefix(out, "■ 77 messages, 21 participants · [MAINTAINERS SUMMIT] User-space") {
		t.Errorf("show does not open with the topic's heading: %q", strings.SplitN(out, "\n", 2)[0])
	}
	if strings.Count(out, "\n── ") != 77 || !strings.Contains(out, "\n── 77/77 ─") {
		t.Error("show does not number the 77 messages with a rule each")
	}
	for i, l := range strings.Split(out, "\n") {
		if w := xansi.StringWidth(l); w > 72 {
			t.Errorf("line %d is %d columns wide, more than --width 72: %q", i+1, w, l)
		}
	}
}

func TestExportMergesReviewersAndListsDisagreements(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	dir := t.TempDir()
	const root = "877dfop2lx.fsf@meer.lwn.net"
	write := func(name, stance, status string) string {
		p := filepath.Join(dir, name)
		data := `{"schema": 1, "messages": {"` + root + `": {"stance": "` + stance + `"}}, "topics": {"` + root + `": {"status": "` + status + `"}}}`
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	alice := write("alice.json", "support", "accepted")
	bob := write("bob.json", "oppose", "accepted")
	code, out, errOut := summit(t, "", "export", "--annotations", alice, "--annotations", bob, sample2021)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "reviewers disagree on the stance of Jonathan Corbet's message") ||
		!strings.Contains(lines[0], "support in "+alice) || !strings.Contains(lines[0], "oppose in "+bob) {
		t.Fatalf("disagreements on stderr: %q", errOut)
	}
	if !strings.Contains(out, "## Accepted\n\n### 1. User-space requirements") {
		t.Errorf("the merged agenda lacks the accepted topic:\n%s", out)
	}
	for _, p := range []string{alice, bob} {
		if data, _ := os.ReadFile(p); !strings.Contains(string(data), `"schema": 1, "messages"`) {
			t.Errorf("export rewrote %s", p)
		}
	}
}

func TestInterfaceRefusesABadReviewerFile(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "me.json")
	corrupt := filepath.Join(dir, "bob.json")
	if err := os.WriteFile(corrupt, []byte(`{"schema": 1, "messages": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "carol.json")
	if err := os.WriteFile(newer, []byte(`{"schema": 99, "messages": {}, "topics": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, file string }{
		{"corrupt", corrupt},
		{"newer", newer},
		{"missing", filepath.Join(dir, "dave.json")},
		{"own file again", mine},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(c.file)
			code, out, errOut := summit(t, "", "--bench-launch", "--annotations", mine, "--annotations", c.file, sample2021)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr %q", code, errOut)
			}
			if out != "" {
				t.Errorf("the interface started: %q", out)
			}
			lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "summit: "+c.file+": ") {
				t.Errorf("want one line naming %s, got %q", c.file, errOut)
			}
			if after, _ := os.ReadFile(c.file); !bytes.Equal(before, after) {
				t.Errorf("%s was written", c.file)
			}
			if _, err := os.Stat(mine); !os.IsNotExist(err) {
				t.Errorf("your own file was created (%v)", err)
			}
		})
	}
}

func TestInterfaceShowsOtherReviewers(t *testing.T) {
	dir := t.TempDir()
	const root = "877dfop2lx.fsf@meer.lwn.net"
	var files []string
	for _, r := range []struct{ dir, stance string }{{"bob", "oppose"}, {"carol", "support"}} {
		if err := os.Mkdir(filepath.Join(dir, r.dir), 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, r.dir, "summit.json")
		data := `{"schema": 1, "messages": {"` + root + `": {"stance": "` + r.stance + `"}}, "topics": {}}`
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	code, out, errOut := summit(t, "", "--bench-launch", "--annotations", filepath.Join(dir, "me.json"),
		"--annotations", files[0], "--annotations", files[1], sample2021)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The thread opens on the proposal, where bob and carol disagree.
	if !strings.Contains(out, "≠ Jonathan Corbet") {
		t.Errorf("the first screen does not mark the disagreement:\n%s", out)
	}
	// Both files are named summit.json: their folders tell them apart.
	others, err := loadOthers(filepath.Join(dir, "me.json"), files)
	if err != nil {
		t.Fatal(err)
	}
	if others[0].Name != filepath.Join("bob", "summit.json") || others[1].Name != filepath.Join("carol", "summit.json") {
		t.Errorf("names %q and %q do not tell the files apart", others[0].Name, others[1].Name)
	}
	if got := reviewerNames([]string{"a/bob.json", "carol.json"}); got[0] != "bob.json" || got[1] != "carol.json" {
		t.Errorf("distinct files are not named by their base names: %q", got)
	}
}

func TestUnsavableChangesAreRescuedAtExit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	path := filepath.Join(dir, "gone", "summit.json")
	if err := os.Mkdir(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	store, err := annot.OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	store.SetStance("x@example.org", annot.StanceConcern)
	if err := os.RemoveAll(filepath.Dir(path)); err != nil {
		t.Fatal(err)
	}
	_, saveErr := store.Flush()
	if saveErr == nil {
		t.Fatal("saving into a removed folder worked")
	}
	msg := rescue(store, saveErr).Error()
	i := strings.Index(msg, "they are kept in ")
	if i < 0 || strings.Contains(msg, "\n") {
		t.Fatalf("error line %q", msg)
	}
	back, err := annot.LoadAnnotationsFile(msg[i+len("they are kept in "):])
	if err != nil || back.Messages["x@example.org"].Stance != annot.StanceConcern {
		t.Fatalf("rescued file: %+v, %v", back, err)
	}
}
