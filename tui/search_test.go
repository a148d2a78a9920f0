package tui

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

const passthroughFile = "ksummit-2024-device-passthrough.mbox"

// readingPassthrough opens the 2024 thread's proposal in the reader, with
// an annotations file.
func readingPassthrough(t *testing.T, w, h int) (*Model, *annot.Store) {
	t.Helper()
	m, st := triaging(t, w, h, passthroughFile)
	m = keys(t, m, "enter")
	if m.focus != focusReader || !m.reader.ready() {
		t.Fatalf("not reading: focus %v", m.focus)
	}
	return m, st
}

// TestSearchInReaderNeverTriages types "/fwctl" and "/stance:neutral" in
// the reader: its letters are triage keys (f defers, a accepts, n opens a
// note), and none of them may act; the matches are highlighted, and n and
// N go from match to match.
func TestSearchInReaderNeverTriages(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		t.Run(sizeName(size), func(t *testing.T) {
			m, st := readingPassthrough(t, size[0], size[1])
			before := st.Snapshot()
			m = keys(t, m, "/")
			m = typeText(t, m, "stance:neutral")
			m = keys(t, m, "esc", "/")
			m = typeText(t, m, "fwctl")
			if !strings.Contains(screen(m), "/fwctl") {
				t.Fatalf("the word typed is not shown:\n%s", screen(m))
			}
			m = keys(t, m, "enter")
			if m.overlay != nil || m.focus != focusReader {
				t.Fatalf("the search opened something: overlay %T, focus %v", m.overlay, m.focus)
			}
			if got := st.Snapshot(); !reflect.DeepEqual(got, before) || st.Dirty() {
				t.Fatalf("typing a search changed the annotations: %+v", got)
			}
			s := &m.reader.search
			if len(s.matches) < 2 {
				t.Fatalf("%d matches of fwctl in the proposal", len(s.matches))
			}
			if !strings.Contains(m.View().Content, hlCurOn+"fwctl") {
				t.Fatalf("the current match is not highlighted:\n%q", m.View().Content)
			}
			title := strings.Split(screen(m), "\n")[0]
			if !strings.Contains(title, "/fwctl") || !strings.Contains(title, "1 of") {
				t.Errorf("the title does not say where the search is: %q", title)
			}
			first := s.cur
			m = keys(t, m, "n")
			if m.overlay != nil || s.cur != first+1 {
				t.Fatalf("n after a search: overlay %T, match %d (was %d)", m.overlay, s.cur, first)
			}
			cur, _ := s.current()
			if cur.line < m.reader.vp.y || cur.line >= m.reader.vp.y+m.reader.vp.height {
				t.Errorf("match %d (line %d) is not on screen (lines %d+%d)", s.cur, cur.line, m.reader.vp.y, m.reader.vp.height)
			}
			m = keys(t, m, "N", "N")
			if s.cur != len(s.matches)-1 || !strings.Contains(screen(m), "from the bottom") {
				t.Errorf("N past the first match: match %d of %d; %q", s.cur, len(s.matches), lastLines(screen(m), 1))
			}
			m = keys(t, m, "esc")
			if s.on() || m.focus != focusReader || strings.Contains(m.View().Content, hlOn) {
				t.Fatalf("esc does not clear the search first: on %v, focus %v", s.on(), m.focus)
			}
			if got := st.Snapshot(); !reflect.DeepEqual(got, before) {
				t.Fatalf("the search changed the annotations: %+v", got)
			}
			// With the search gone, n is the note key again.
			m = keys(t, m, "n")
			if _, ok := m.overlay.(*noteArea); !ok {
				t.Errorf("n after esc: overlay %T, want the note", m.overlay)
			}
		})
	}
}

// TestSearchWhileTyping follows the word as it is typed, and esc while
// typing goes back to where the search began; a search does not outlive
// the reader.
func TestSearchWhileTyping(t *testing.T) {
	m, _ := readingPassthrough(t, 80, 24)
	m = keys(t, m, "ctrl+d")
	start := m.reader.vp.y
	m = keys(t, m, "/")
	m = typeText(t, m, "qzxv")
	if len(m.reader.search.matches) != 0 || m.reader.vp.y != start {
		t.Fatalf("no match: %d matches, y %d (was %d)", len(m.reader.search.matches), m.reader.vp.y, start)
	}
	m = keys(t, m, "esc")
	m = keys(t, m, "/")
	m = typeText(t, m, "fwctl")
	if len(m.reader.search.matches) == 0 {
		t.Fatal("fwctl not found in the proposal")
	}
	m = keys(t, m, "esc")
	if m.reader.search.on() || m.reader.vp.y != start {
		t.Fatalf("esc while typing: on %v, y %d (was %d)", m.reader.search.on(), m.reader.vp.y, start)
	}
	m = keys(t, m, "/")
	m = typeText(t, m, "the")
	m = keys(t, m, "enter", "q")
	if m.focus != focusThread || m.reader.search.on() {
		t.Fatalf("q with a search: focus %v, search on %v", m.focus, m.reader.search.on())
	}
}

// TestSearchUnderNoColor: the matches show in reverse video, and no
// colour is added.
func TestSearchUnderNoColor(t *testing.T) {
	a := loadSample(t)
	m := New(Options{NoColor: true, Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = send(t, m, tea.BackgroundColorMsg{Color: darkBG})
	m = send(t, m, loadedMsg{archive: a})
	m = keys(t, m, "enter", "enter", "/")
	m = typeText(t, m, "the")
	m = keys(t, m, "enter")
	v := m.View().Content
	if !strings.Contains(v, hlOn) && !strings.Contains(v, hlCurOn) {
		t.Fatalf("no match highlighted under NO_COLOR:\n%s", screen(m))
	}
	if regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`).MatchString(v) {
		t.Fatal("colour codes under NO_COLOR")
	}
}

func TestFindMatches(t *testing.T) {
	lines := []string{"The fwctl proposal: FWCTL, fwctl.", "nothing", "Ärger über ÄRGER"}
	if got := len(findMatches(lines, "fwctl")); got != 3 {
		t.Errorf("fwctl, any case: %d matches", got)
	}
	if got := len(findMatches(lines, "FWCTL")); got != 1 {
		t.Errorf("FWCTL, smartcase: %d matches", got)
	}
	ms := findMatches(lines, "ärger")
	if len(ms) != 2 || lines[2][ms[1].start:ms[1].end] != "ÄRGER" {
		t.Errorf("ärger: %+v", ms)
	}
	if findMatches(lines, "") != nil {
		t.Error("an empty query matches")
	}
}

// TestHighlightKeepsTheLine: highlighting changes attributes only; the
// text and its width stay, and the styles around the match come back.
func TestHighlightKeepsTheLine(t *testing.T) {
	l := "\x1b[31mred fwctl text\x1b[0m and more"
	plain := ansi.Strip(l)
	ms := findMatches([]string{plain}, "fwctl")
	out := highlight(l, plain, ms, ms[0], 30)
	if ansi.Strip(out) != plain {
		t.Fatalf("text changed: %q", ansi.Strip(out))
	}
	if !strings.Contains(out, hlCurOn+"fwctl"+hlCurOff) {
		t.Fatalf("not highlighted: %q", out)
	}
	// A match cut by the pane's edge is highlighted up to it.
	out = highlight(l, plain, ms, searchMatch{}, 6)
	if ansi.StringWidth(out) != 6 || !strings.HasSuffix(out, hlOn+"fw"+hlOff) {
		t.Errorf("cut at the edge: %q", out)
	}
}

// TestSearchProgram types "/fwctl" in the reader of the real program: the
// annotations file is untouched, and the screen shows the search.
func TestSearchProgram(t *testing.T) {
	a, err := model.Load([]mail.Input{{Name: passthroughFile, Path: filepath.Join("..", "sample-data", passthroughFile)}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	path := filepath.Join(t.TempDir(), "summit.json")
	// A file with work in it, so that a change shows as a different file.
	seed, err := annot.OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	seed.SetTopicNote(a.Topics[0].ID, "seed")
	if _, err := seed.Save(); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := annot.OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, SourceLabel: passthroughFile, Now: fixedNow,
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(tea.BackgroundColorMsg{Color: darkBG})
	waitFor(t, tm, "126 messages")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // the proposal, in the reader
	waitFor(t, tm, "Message 1 of")
	tm.Type("/fwctl")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "n/N") // "1 of 2 · n/N next/previous", or "2 matches · n/N go to them" when the render came after the typing
	tm.Type("nnN")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("qqq")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.store.Dirty() || fm.overlay != nil {
		t.Errorf("after the search: dirty %v, overlay %T", fm.store.Dirty(), fm.overlay)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(after) != string(before) {
		t.Errorf("typing /fwctl in the reader changed the annotations file:\n%s", after)
	}
}
