package tui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

// call2023 opens the real 2023 call for topics (with the archive's spam,
// bounces and other years' Rust threads) with a fresh annotations file.
func call2023(t *testing.T, scope *annot.Scope) (*Model, *annot.Store) {
	t.Helper()
	p := filepath.Join("..", "model", "testdata", "corpora", "ksummit-2023-call.mbox")
	a, err := model.Load([]mail.Input{{Name: "ksummit-2023-call.mbox", Path: p}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	st, err := annot.OpenStore(filepath.Join(t.TempDir(), "summit.json"))
	if err != nil {
		t.Fatal(err)
	}
	var over func(annot.Scope) annot.Scope
	if scope != nil {
		over = func(annot.Scope) annot.Scope { return *scope }
	}
	m := New(Options{Store: st, Scope: over, SourceLabel: "ksummit-2023-call.mbox", Now: fixedNow,
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m.saveRetry = time.Millisecond
	m = send(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = send(t, m, tea.BackgroundColorMsg{Color: darkBG})
	m = send(t, m, loadedMsg{archive: a})
	return m, st
}

func listedTitles(m *Model) []string {
	var out []string
	for _, i := range m.topics.visible {
		out = append(out, m.topics.topics[i].Title)
	}
	return out
}

// TestScopeOnTheCommandLine: --since 2023-08-01 shows the 2023 call, says
// so in the status bar, and suggests the bounces for ignoring, dimmed.
func TestScopeOnTheCommandLine(t *testing.T) {
	sc, _ := annot.ParseScope("2023-08-01", "2023-12-31", "")
	m, st := call2023(t, &sc)
	if got := len(m.topics.visible); got != 24 {
		t.Errorf("%d topics listed, want the 24 begun Aug-Dec 2023", got)
	}
	s := screen(m)
	if !strings.Contains(s, "2023-08-01..2023-12-31 · 24 of 34 topics") {
		t.Errorf("status bar lacks the scope and count:\n%s", s)
	}
	if !st.Scope().IsZero() {
		t.Error("a scope from the command line was saved")
	}

	all, _ := call2023(t, nil)
	hinted := 0
	for _, line := range strings.Split(screen(all), "\n") {
		if strings.Contains(line, "ignore? Undeliver") || strings.Contains(line, "ignore? Mail deliv") {
			hinted++
		}
	}
	if hinted != 3 || strings.Count(screen(all), "ignore?") != 4 {
		t.Errorf("%d bounces suggested for ignoring on screen, want 3 and a fake report:\n%s", hinted, screen(all))
	}
}

// TestIgnoreKey: x hides the topic from the list and the agenda, /ignored
// shows it, x there brings it back; all saved.
func TestIgnoreKey(t *testing.T) {
	m, st := call2023(t, nil)
	first := m.topics.selected()
	n := len(m.topics.visible)
	m = keys(t, m, "x")
	if len(m.topics.visible) != n-1 || m.topics.selected() == first {
		t.Fatalf("x left the topic in the list (%d of %d)", len(m.topics.visible), n)
	}
	if !onDisk(t, st).Topics[first.ID].Ignored {
		t.Error("the ignored topic is not saved")
	}
	if !strings.Contains(screen(m), "ignored “") {
		t.Errorf("the status bar does not say what x did:\n%s", screen(m))
	}
	m = keys(t, m, "/", "i", "g", "n", "o", "r", "e", "d", "enter")
	if got := listedTitles(m); len(got) != 1 || got[0] != first.Title {
		t.Fatalf("/ignored lists %q, want %q", got, first.Title)
	}
	m = keys(t, m, "x", "esc")
	if len(m.topics.visible) != n || onDisk(t, st).Topics[first.ID].Ignored {
		t.Error("x in the ignored view does not bring the topic back")
	}
}

// TestScopeKey: w takes "SINCE..UNTIL LABEL", saves it, and the list,
// the status bar and undo follow.
func TestScopeKey(t *testing.T) {
	m, st := call2023(t, nil)
	all := len(m.topics.visible)
	m = keys(t, m, "w")
	m = keys(t, m, strings.Split("2023-08-01..2023-12-31 tech", "")...)
	m = keys(t, m, "enter")
	if got := len(m.topics.visible); got != 4 {
		t.Errorf("%d topics in 2023 tech scope, want 4: %q", got, listedTitles(m))
	}
	if sc := onDisk(t, st).Scope; sc.Since != "2023-08-01" || sc.Until != "2023-12-31" || sc.Label != "tech" {
		t.Errorf("saved scope %+v", sc)
	}
	if s := screen(m); !strings.Contains(s, "4 of 34 topics") {
		t.Errorf("status bar lacks the count:\n%s", s)
	}
	m = keys(t, m, "u")
	if got := len(m.topics.visible); got != all {
		t.Errorf("after undo %d topics, want %d", got, all)
	}
	m = keys(t, m, "w", "x", "y", "z", "enter")
	if s := screen(m); !strings.Contains(s, "scope not changed") {
		t.Errorf("a bad scope is not refused:\n%s", s)
	}
}

// TestSortKey: > goes through the orders, named in the pane title.
func TestSortKey(t *testing.T) {
	m, _ := call2023(t, nil)
	m = keys(t, m, ">")
	if !strings.Contains(m.topics.title(), "by first date") {
		t.Errorf("title %q", m.topics.title())
	}
	ts := m.topics.topics
	for i := 1; i < len(ts); i++ {
		if ts[i].First.After(ts[i-1].First) {
			t.Fatalf("not by first date at %d", i)
		}
	}
	m = keys(t, m, ">")
	ts = m.topics.topics
	for i := 1; i < len(ts); i++ {
		if len(ts[i].Messages) > len(ts[i-1].Messages) {
			t.Fatalf("not by size at %d", i)
		}
	}
	m = keys(t, m, ">")
	if strings.Contains(m.topics.title(), "by") {
		t.Errorf("back to last activity, the title still says %q", m.topics.title())
	}
}

// TestWatchWithNothingToDoSaysNoChanges: the look at the file every two
// seconds, with nothing on either side, does not claim a save.
func TestWatchWithNothingToDoSaysNoChanges(t *testing.T) {
	m, _ := call2023(t, nil)
	m = send(t, m, watchMsg{})
	if s := screen(m); !strings.Contains(s, "no changes") || strings.Contains(s, "· saved") {
		t.Errorf("after an idle watch the status bar says:\n%s", lastLines(s, 2))
	}
}
