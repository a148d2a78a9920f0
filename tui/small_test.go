package tui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// boxEdges are the column of the help box's left edge and its width on
// each screen line it covers.
func boxEdges(s string) (left, width []int) {
	for _, l := range strings.Split(s, "\n") {
		i := strings.IndexAny(l, "│╭╰")
		j := strings.LastIndexAny(l, "│╮╯")
		if i < 0 || j <= i {
			continue
		}
		left = append(left, ansi.StringWidth(l[:i]))
		width = append(width, ansi.StringWidth(l[i:j]))
	}
	return left, width
}

// TestHelpBoxKeepsItsWidthWhileScrolling: at 80x24 the help scrolls, and
// its box stays where it is, as wide as it was: no column lost, nothing of
// the pane behind showing through.
func TestHelpBoxKeepsItsWidthWhileScrolling(t *testing.T) {
	m := newLoaded(t, loadSample(t), 80, 24, true)
	m = keys(t, m, "?")
	l0, w0 := boxEdges(screen(m))
	for i := range 30 {
		m = keys(t, m, "j")
		l, w := boxEdges(screen(m))
		if len(l) == 0 || l[0] != l0[0] || w[0] != w0[0] || l[len(l)-1] != l0[0] || w[len(w)-1] != w0[0] {
			t.Fatalf("after %d j the box moved or narrowed (%v %v, was %v %v):\n%s", i+1, l, w, l0[0], w0[0], screen(m))
		}
	}
}

// TestQuestionsKeysFit80Columns: the O list's keys are all shown whole at
// 80 columns, on two lines if they need them.
func TestQuestionsKeysFit80Columns(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	m = keys(t, m, "O")
	s := screen(m)
	for _, want := range []string{"a answered (by the selected message)", "e edit", "d delete", "enter go to its message", "u undo", "? close"} {
		if !strings.Contains(s, want) {
			t.Errorf("the O list lacks %q:\n%s", want, s)
		}
	}
}

// TestExportToAMissingFolderNamesTheFolder: the error is about the folder
// typed, not about a temporary file the user never heard of.
func TestExportToAMissingFolderNamesTheFolder(t *testing.T) {
	m, _ := triaging(t, 200, 24)
	dir := filepath.Join(t.TempDir(), "nowhere")
	m = send(t, m, m.export(filepath.Join(dir, "agenda.md"))())
	if !strings.Contains(m.flash, dir+": no such folder") || strings.Contains(m.flash, ".agenda.md") {
		t.Errorf("e into a missing folder says %q", m.flash)
	}
	if !m.flashE {
		t.Error("not shown as an error")
	}
}

// TestStatusBarShowsTheAnnotationsPathEnd: at 80 columns the demo's
// annotations path shows whole, written from ~.
func TestStatusBarShowsTheAnnotationsPathEnd(t *testing.T) {
	if home == "" {
		t.Skip("no home directory")
	}
	in := statusInfo{source: "embedded sample (2 threads)", messages: 204, topics: 3, annotations: filepath.Join(home, ".local", "state", "summit", "summit.json")}
	for _, state := range []bool{false, true} {
		in.saved = state
		line := ansi.Strip(statusView(stylesFor(true, true), in, DefaultKeyMap(), 80)[0])
		if !strings.Contains(line, "~/.local/state/summit/summit.json") || ansi.StringWidth(line) > 80 {
			t.Errorf("the path is cut: %q", line)
		}
	}
	if got := homeShort(filepath.Join(home, "x.json")); got != "~"+string(filepath.Separator)+"x.json" {
		t.Errorf("homeShort: %q", got)
	}
	if got := homeShort("/elsewhere/x.json"); got != "/elsewhere/x.json" {
		t.Errorf("homeShort: %q", got)
	}
}

// TestPreviewReadsAt80Columns: the overview is a list where a table would
// cut its cells; the export keeps its table.
func TestPreviewReadsAt80Columns(t *testing.T) {
	for _, w := range []int{80, 100} {
		m, _ := triaging(t, w, 30)
		m = keys(t, m, "a", "+", "+", "+", "p")
		s := strings.ReplaceAll(screen(m), "\u00a0", " ")
		if !strings.Contains(s, "Status: accepted") || !strings.Contains(s, "Length: 45") {
			t.Errorf("%d columns: the overview does not read:\n%s", w, s)
		}
		if md := string(m.agendaInput().markdown()); !strings.Contains(md, "| # | Topic |") {
			t.Error("the agenda itself lost its table")
		}
	}
	md := "| # | Topic | Proposed by | Status | + |\n|---|---|---|---|---|\n| 1 | A \\| B | Ann | accepted | 2 |\n\nafter\n"
	if got := strings.ReplaceAll(tablesAsLists(md, 76), "\u00a0", " "); got != "- #1 **A \\| B** · Proposed by: Ann · Status: accepted · +2\n\nafter\n" {
		t.Errorf("tablesAsLists:\n%s", got)
	}
	if got := tablesAsLists(md, 76); got == md {
		t.Error("unchanged")
	}
}
