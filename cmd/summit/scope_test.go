package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

const call2023 = "../../model/testdata/corpora/ksummit-2023-call.mbox"

// copyAnnotations puts a fixture annotations file in a fresh directory, so
// that nothing a test does touches the fixture.
func copyAnnotations(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "summit.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExport2023Call is the committee's document for the real 2023 call:
// the scope saved in the annotations, the ignored announcements out, the
// undecided proposals one line each; --status accepted keeps the agenda.
func TestExport2023Call(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	ann := copyAnnotations(t, "call2023.json")
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"TestExport2023Call/scoped.md", nil},
		{"TestExport2023Call/accepted.md", []string{"--status", "accepted"}},
	} {
		args := append([]string{"export", "--annotations", ann, call2023}, tt.args...)
		code, out, errOut := summit(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut)
		}
		golden.RequireEqual(namedTB{t, tt.golden}, []byte(out))
	}
}

// TestScopeFlags: flags replace the saved scope part by part, a label
// picks its kind, and a bad date is wrong usage.
func TestScopeFlags(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	ann := copyAnnotations(t, "call2023.json")
	count := func(args ...string) int {
		t.Helper()
		code, out, errOut := summit(t, "", append([]string{"export", "--format", "json", "--annotations", ann, call2023}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		_, rest, _ := strings.Cut(out, `"topics": `)
		n := 0
		for _, c := range rest {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	if got := count(); got != 20 {
		t.Errorf("saved scope: %d topics, want 20 (24 begun Aug-Dec 2023, less 4 ignored)", got)
	}
	if got := count("--label", "tech"); got != 4 {
		t.Errorf("--label tech: %d topics, want 4", got)
	}
	if got := count("--since", "", "--until", ""); got != 30 {
		t.Errorf("scope cleared: %d topics, want every topic but the ignored", got)
	}
	code, _, errOut := summit(t, "", "export", "--since", "2023-13-01", call2023)
	if code != 2 || !strings.Contains(errOut, `since "2023-13-01": not a date`) {
		t.Errorf("bad --since: exit %d, %q", code, errOut)
	}
	code, _, errOut = summit(t, "", "export", "--status", "maybe", call2023)
	if code != 2 || !strings.Contains(errOut, `"maybe" is not a status`) {
		t.Errorf("bad --status: exit %d, %q", code, errOut)
	}
}

// namedTB puts a golden file where the name says.
type namedTB struct {
	testing.TB
	name string
}

func (n namedTB) Name() string { return n.name }
