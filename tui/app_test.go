package tui

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

func TestMain(m *testing.M) {
	// Dates are shown in local time; the goldens are in UTC.
	time.Local = time.UTC
	os.Exit(m.Run())
}

// The sample archive, most recent topic first: the 2024 thread (126
// messages), then the 2021 one (77).
const (
	passthrough = "Device Passthrough Considered Harmful?"
	accelerator = "User-space requirements for accelerator drivers"
)

func narrow(t *testing.T) *Model { return newLoaded(t, loadSample(t), 80, 24, true) }
func wide(t *testing.T) *Model   { return newLoaded(t, loadSample(t), 160, 48, true) }

// isQuit reports whether cmd ends the program.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if isQuit(c) {
				return true
			}
		}
		return false
	}
	_, ok := msg.(tea.QuitMsg)
	return ok
}

func TestStartsOnTopicsAndStatusSaysMessages(t *testing.T) {
	m := narrow(t)
	if m.focus != focusTopics {
		t.Fatalf("focus = %v, want topics", m.focus)
	}
	s := screen(m)
	for _, want := range []string{"203 messages", "2 topics", passthrough} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
}

func TestMoveKeys(t *testing.T) {
	for _, tc := range []struct {
		keys []string
		want int
	}{
		{[]string{"j"}, 1},
		{[]string{"down"}, 1},
		{[]string{"j", "k"}, 0},
		{[]string{"j", "up"}, 0},
		{[]string{"j", "j", "j"}, 1}, // stops at the last
		{[]string{"G"}, 1},
		{[]string{"end"}, 1},
		{[]string{"G", "g"}, 0},
		{[]string{"G", "home"}, 0},
		{[]string{"space"}, 1},
		{[]string{"space", "b"}, 0},
	} {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			m := keys(t, narrow(t), tc.keys...)
			if m.topics.cursor != tc.want {
				t.Errorf("topic cursor = %d, want %d", m.topics.cursor, tc.want)
			}
		})
	}
}

func TestThreadMoveKeys(t *testing.T) {
	m := keys(t, narrow(t), "enter")
	if m.focus != focusThread || m.thread.topic.Title != passthrough {
		t.Fatalf("enter: focus %v on %q", m.focus, m.thread.topic.Title)
	}
	n := len(m.thread.visible)
	for _, tc := range []struct {
		keys []string
		want int
	}{
		{[]string{"j", "j"}, 2},
		{[]string{"j", "j", "k"}, 1},
		{[]string{"G"}, n - 1},
		{[]string{"G", "g"}, 0},
		{[]string{"space"}, m.thread.height - 1},
	} {
		t.Run(strings.Join(tc.keys, ","), func(t *testing.T) {
			// A model of its own: keys change a model in place.
			m := keys(t, narrow(t), append([]string{"enter"}, tc.keys...)...)
			if m.thread.cursor != tc.want {
				t.Errorf("thread cursor = %d, want %d", m.thread.cursor, tc.want)
			}
			if got := m.SelectedMessage(); got != m.thread.rows[m.thread.visible[tc.want]].node.Msg {
				t.Errorf("SelectedMessage is not the message under the cursor")
			}
		})
	}
}

func TestEnterOpensAndBackReturns(t *testing.T) {
	m := narrow(t)
	m = keys(t, m, "j", "enter")
	if m.focus != focusThread || m.thread.topic.Title != accelerator {
		t.Fatalf("after j enter: focus %v, topic %q", m.focus, m.thread.topic.Title)
	}
	m = keys(t, m, "enter")
	if m.focus != focusReader {
		t.Fatalf("enter on a message: focus %v", m.focus)
	}
	if !m.reader.ready() || !strings.Contains(screen(m), "From:") {
		t.Fatalf("the reader does not show the message:\n%s", screen(m))
	}
	m = keys(t, m, "q")
	if m.focus != focusThread {
		t.Fatalf("q in the reader: focus %v, want thread", m.focus)
	}
	m = keys(t, m, "esc")
	if m.focus != focusTopics {
		t.Fatalf("esc in the thread: focus %v, want topics", m.focus)
	}
	m, cmd := sendNoRun(m, press("esc"))
	if isQuit(cmd) {
		t.Fatal("esc at the top quits")
	}
	_, cmd = sendNoRun(m, press("q"))
	if !isQuit(cmd) {
		t.Fatal("q at the top does not quit")
	}
}

func TestTabCyclesPanes(t *testing.T) {
	m := narrow(t)
	want := []focus{focusThread, focusReader, focusTopics}
	for i, f := range want {
		m = keys(t, m, "tab")
		if m.focus != f {
			t.Fatalf("tab %d: focus %v, want %v", i+1, m.focus, f)
		}
	}
	m = keys(t, m, "shift+tab")
	if m.focus != focusReader {
		t.Fatalf("shift+tab: focus %v, want reader", m.focus)
	}
}

func TestReaderKeys(t *testing.T) {
	m := keys(t, narrow(t), "enter", "enter") // the long first message of the 2024 thread
	if !m.reader.ready() {
		t.Fatal("the reader has nothing on screen")
	}
	if m.reader.vp.total() <= m.reader.height {
		t.Fatal("the first message fits the screen; the paging test needs a long one")
	}
	m = keys(t, m, "space")
	if y := m.reader.vp.y; y != m.reader.height {
		t.Errorf("space: offset %d, want %d", y, m.reader.height)
	}
	m = keys(t, m, "b")
	if y := m.reader.vp.y; y != 0 {
		t.Errorf("b: offset %d, want 0", y)
	}
	m = keys(t, m, "G")
	if !m.reader.vp.atBottom() {
		t.Error("G: not at the bottom")
	}
	m = keys(t, m, "g")
	if m.reader.vp.y != 0 {
		t.Error("g: not at the top")
	}
	first := m.SelectedMessage()
	m = keys(t, m, "j")
	if m.SelectedMessage() == first || m.thread.cursor != 1 {
		t.Error("j in the reader does not go to the next message")
	}
	if !m.reader.ready() || m.reader.vp.y != 0 {
		t.Error("the next message is not shown from its top")
	}
	m = keys(t, m, "k")
	if m.SelectedMessage() != first {
		t.Error("k in the reader does not go back")
	}
	// Space at the end of a message goes on to the next, as in mutt.
	m = keys(t, m, "G", "space")
	if m.thread.cursor != 1 {
		t.Errorf("space at the bottom: cursor %d, want 1", m.thread.cursor)
	}
}

func TestFoldKey(t *testing.T) {
	m := narrow(t)
	// The 2024 thread quotes Leon Romanovsky at length somewhere; find a
	// message whose folded rendering says so.
	m = keys(t, m, "enter", "enter", "T")
	if !m.reader.fold {
		t.Fatal("T does not fold")
	}
	if !strings.Contains(m.readerTitle(), "quotes folded") {
		t.Errorf("the reader title does not say quotes are folded: %q", m.readerTitle())
	}
	re := regexp.MustCompile(`\d+ quoted lines from \S`)
	found := false
	for i := 0; i < len(m.thread.visible) && !found; i++ {
		found = re.MatchString(strings.Join(m.reader.vp.lines, "\n"))
		if !found {
			m = keys(t, m, "j")
		}
	}
	if !found {
		t.Fatal("no message of the thread shows a folded quote")
	}
	m = keys(t, m, "T")
	if m.reader.fold || re.MatchString(strings.Join(m.reader.vp.lines, "\n")) {
		t.Error("T again does not unfold")
	}
}

func TestTopicFilter(t *testing.T) {
	m := keys(t, narrow(t), "/")
	if !m.topics.filter.typing {
		t.Fatal("/ does not open the filter")
	}
	// Keys go to the filter: q types a q, j a j.
	m = keys(t, m, "q")
	if m.topics.filter.query != "q" {
		t.Fatalf("q did not go to the filter: %q", m.topics.filter.query)
	}
	m = keys(t, m, "esc")
	if m.topics.filter.typing || len(m.topics.visible) != 2 {
		t.Fatal("esc does not clear the filter")
	}
	m = keys(t, m, "/", "a", "c", "c", "e", "l")
	if len(m.topics.visible) != 1 || m.SelectedTopic().Title != accelerator {
		t.Fatalf("filter accel: %d topics", len(m.topics.visible))
	}
	m = keys(t, m, "enter")
	if m.topics.filter.typing || m.topics.filter.query != "accel" {
		t.Fatal("enter does not keep the filter")
	}
	if !strings.Contains(screen(m), "/accel") {
		t.Errorf("the title does not show the filter:\n%s", screen(m))
	}
	// A participant's name finds the topics they wrote in.
	m = keys(t, m, "esc", "/")
	for _, r := range "romanovsky" {
		m = keys(t, m, string(r))
	}
	if len(m.topics.visible) != 2 {
		t.Errorf("filter by participant: %d topics, want 2", len(m.topics.visible))
	}
	m = keys(t, m, "enter", "esc")
	if m.topics.filter.query != "" || len(m.topics.visible) != 2 {
		t.Error("esc after the filter was kept does not clear it")
	}
}

func TestThreadFilter(t *testing.T) {
	m := keys(t, narrow(t), "enter", "/")
	for _, r := range "leon" {
		m = keys(t, m, string(r))
	}
	if n := len(m.thread.visible); n == 0 || n == len(m.thread.rows) {
		t.Fatalf("filter leon: %d of %d rows", n, len(m.thread.rows))
	}
	for _, ri := range m.thread.visible {
		if a := m.thread.rows[ri].node.Msg.From.Display(); !strings.Contains(strings.ToLower(a), "leon") {
			t.Errorf("row by %q matches leon", a)
		}
	}
	m = keys(t, m, "enter", "enter")
	if m.focus != focusReader || !strings.Contains(m.SelectedMessage().From.Display(), "Leon") {
		t.Fatal("enter on a filtered row does not open it")
	}
	m = keys(t, m, "q", "esc")
	if m.focus != focusThread || len(m.thread.visible) != len(m.thread.rows) {
		t.Fatal("esc in the thread does not clear its filter first")
	}
}

func TestHelpOverlay(t *testing.T) {
	m := keys(t, narrow(t), "?")
	if m.overlay == nil {
		t.Fatal("? does not open the help")
	}
	// At 80x24 the help scrolls: read it page by page.
	s := screen(m)
	for range 100 {
		m = keys(t, m, "j")
		s += screen(m)
	}
	m = keys(t, m, "?", "?")
	for _, want := range []string{"page the message down", "fold/unfold quoted text", "search the message", "next/previous match", "filter the list", "suspend",
		"stance: support (+)", "accept (again: undecided)", "agenda preview", "redo", "copy the lore link"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	m, cmd := sendNoRun(m, press("q"))
	if isQuit(cmd) || m.overlay != nil {
		t.Fatal("q in the help should close it, not quit")
	}
	m = keys(t, m, "?", "?")
	if m.overlay != nil {
		t.Fatal("? does not close the help")
	}
	m = keys(t, m, "?", "j")
	if m.overlay == nil || m.topics.cursor != 0 {
		t.Fatal("keys under the help reach the panes")
	}
}

func TestCtrlCQuitsAnywhere(t *testing.T) {
	for name, ks := range map[string][]string{
		"topics": nil, "reader": {"enter", "enter"}, "filter": {"/"}, "help": {"?"},
	} {
		t.Run(name, func(t *testing.T) {
			m := keys(t, narrow(t), ks...)
			if _, cmd := sendNoRun(m, press("ctrl+c")); !isQuit(cmd) {
				t.Error("ctrl+c does not quit")
			}
		})
	}
}

func TestCtrlZSuspends(t *testing.T) {
	_, cmd := sendNoRun(narrow(t), press("ctrl+z"))
	if cmd == nil {
		t.Fatal("no command")
	}
	if _, ok := cmd().(tea.SuspendMsg); !ok {
		t.Fatal("ctrl+z does not suspend")
	}
}

func TestLoadingAnswersKeys(t *testing.T) {
	release := make(chan struct{})
	m := New(Options{SourceLabel: "big.mbox", Load: func(p func(mail.Progress)) (*model.Archive, error) {
		<-release
		return nil, errors.New("never")
	}})
	defer close(release)
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m.lp.set(mail.Progress{Bytes: 50 << 20, Total: 200 << 20, Messages: 41234})
	m, _ = sendNoRun(m, loadTickMsg{})
	s := screen(m)
	if !strings.Contains(s, "25% · 50.0 MiB of 200.0 MiB · 41234 read") {
		t.Errorf("no progress line:\n%s", s)
	}
	if strings.Contains(s, "messages") {
		t.Errorf("the loading screen says messages before loading is done:\n%s", s)
	}
	if pb := m.View().ProgressBar; pb == nil || pb.Value != 25 {
		t.Errorf("terminal progress bar = %+v, want 25%%", pb)
	}
	m = keys(t, m, "j", "enter", "?")
	if m.overlay == nil {
		t.Error("? does not answer while loading")
	}
	m = keys(t, m, "?")
	if _, cmd := sendNoRun(m, press("q")); !isQuit(cmd) {
		t.Error("q does not quit while loading")
	}
}

func TestLoadError(t *testing.T) {
	m := New(Options{SourceLabel: "x.mbox", Load: func(func(mail.Progress)) (*model.Archive, error) {
		return nil, errors.New("x.mbox: not a mailbox")
	}})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmd := sendNoRun(m, loadCmd(m.opts.Load, nil, m.lp)())
	if m.Err() == nil || m.Err().Error() != "x.mbox: not a mailbox" {
		t.Fatalf("the load error is not kept for Run to return: %v", m.Err())
	}
	if !isQuit(cmd) {
		t.Error("a failed load does not leave the interface")
	}
	if !strings.Contains(screen(m), "x.mbox: not a mailbox") {
		t.Errorf("the error is not shown on the last screen:\n%s", screen(m))
	}
}

func TestSingleThreadOpensIt(t *testing.T) {
	a := loadSample(t)
	a.Topics = a.Topics[1:]
	m := newLoaded(t, a, 80, 24, true)
	if m.focus != focusThread || m.thread.topic != a.Topics[0] {
		t.Fatalf("one topic: focus %v", m.focus)
	}
}

func TestWideShowsThreePanesThatFollowTheCursor(t *testing.T) {
	m := wide(t)
	s := screen(m)
	if !strings.Contains(s, "Topics") || !strings.Contains(s, "[MAINTAINERS SUMMIT] "+passthrough) || !strings.Contains(s, "From:") {
		t.Fatalf("not three panes:\n%s", s)
	}
	m = keys(t, m, "j")
	if m.thread.topic.Title != accelerator || m.reader.msg != m.thread.topic.Messages[0] {
		t.Fatal("the thread and reader do not follow the topic cursor")
	}
	if !strings.Contains(m.View().WindowTitle, accelerator) {
		t.Errorf("window title %q", m.View().WindowTitle)
	}
	m = keys(t, m, "tab", "j")
	if m.reader.msg != m.thread.selected() || !m.reader.ready() {
		t.Fatal("the reader does not follow the thread cursor")
	}
}

func TestResizeSwitchesLayout(t *testing.T) {
	m := narrow(t)
	if m.wide {
		t.Fatal("80 columns is wide")
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 200, Height: 50})
	if !m.wide {
		t.Fatal("200 columns is narrow")
	}
	for i, line := range strings.Split(screen(m), "\n") {
		if w := textWidth(line); w != 200 {
			t.Fatalf("line %d is %d cells wide", i, w)
		}
	}
	if n := strings.Count(screen(m), "\n") + 1; n != 50 {
		t.Fatalf("%d lines", n)
	}
}

func TestMouse(t *testing.T) {
	m := wide(t)
	tw, hw, _ := m.paneWidths()
	// A click on the second topic selects it and focuses the topic pane.
	m = send(t, m, tea.MouseClickMsg{X: 3, Y: 2, Button: tea.MouseLeft})
	if m.topics.cursor != 1 || m.focus != focusTopics {
		t.Fatalf("click on topic 2: cursor %d focus %v", m.topics.cursor, m.focus)
	}
	// Again: opens it.
	m = send(t, m, tea.MouseClickMsg{X: 3, Y: 2, Button: tea.MouseLeft})
	if m.focus != focusThread {
		t.Fatalf("second click: focus %v", m.focus)
	}
	m = send(t, m, tea.MouseClickMsg{X: tw + 3, Y: 4, Button: tea.MouseLeft})
	if m.thread.cursor != 3 {
		t.Fatalf("click on row 4 of the thread: cursor %d", m.thread.cursor)
	}
	m = send(t, m, tea.MouseWheelMsg{X: tw + 3, Y: 10, Button: tea.MouseWheelDown})
	if m.thread.cursor != 3+wheelStep {
		t.Fatalf("wheel over the thread: cursor %d", m.thread.cursor)
	}
	m = send(t, m, tea.MouseWheelMsg{X: tw + hw + 5, Y: 10, Button: tea.MouseWheelDown})
	if m.reader.vp.y == 0 && m.reader.vp.total() > m.reader.height {
		t.Fatal("wheel over the reader does not scroll it")
	}
	m = send(t, m, tea.MouseWheelMsg{X: 2, Y: 10, Button: tea.MouseWheelUp})
	if m.topics.cursor != 0 {
		t.Fatalf("wheel up over the topics: cursor %d", m.topics.cursor)
	}
	m = send(t, m, tea.MouseClickMsg{X: tw + hw + 5, Y: 10, Button: tea.MouseLeft})
	if m.focus != focusReader {
		t.Fatalf("click in the reader: focus %v", m.focus)
	}
}

func TestBackgroundChangeRerenders(t *testing.T) {
	m := keys(t, narrow(t), "enter", "enter")
	darkOut := strings.Join(m.reader.vp.lines, "\n")
	m = send(t, m, tea.BackgroundColorMsg{Color: lightBG})
	if m.styles.Dark || m.reader.key.dark {
		t.Fatal("light background not taken")
	}
	if !m.reader.ready() || strings.Join(m.reader.vp.lines, "\n") == darkOut {
		t.Fatal("the message was not rendered again for the light background")
	}
	for k := range m.reader.cache.entries {
		if k.dark {
			t.Fatal("dark renderings left in the cache")
		}
	}
}

func TestNoColor(t *testing.T) {
	a := loadSample(t)
	m := New(Options{NoColor: true, Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = send(t, m, tea.BackgroundColorMsg{Color: darkBG})
	m = send(t, m, loadedMsg{archive: a})
	v := m.View().Content
	if regexp.MustCompile(`\x1b\[[0-9;]*[34]8;`).MatchString(v) {
		t.Fatal("colour codes under NO_COLOR")
	}
	if !strings.Contains(v, "From:") {
		t.Fatal("the reader is empty under NO_COLOR")
	}
}

func TestStatusBarShowsAnnotations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summit.json")
	st, err := annot.OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	a := loadSample(t)
	m := New(Options{Store: st, SourceLabel: "embedded sample (2 threads)",
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m.saveRetry = time.Millisecond
	m = send(t, m, tea.WindowSizeMsg{Width: 160, Height: 48})
	m = send(t, m, loadedMsg{archive: a})
	s := screen(m)
	for _, want := range []string{"embedded sample (2 threads)", "203 messages", path, "no changes"} {
		if !strings.Contains(s, want) {
			t.Errorf("status lacks %q:\n%s", want, lastLines(s, 2))
		}
	}
	m = send(t, m, savedMsg{err: errors.New("disk full")})
	if s := screen(m); !strings.Contains(s, "not saved, retrying (kept in memory): disk full") {
		t.Errorf("a failed save is not shown:\n%s", lastLines(s, 2))
	}
	m = send(t, m, savedMsg{})
	if s := screen(m); !strings.Contains(s, "saved") || strings.Contains(s, "failed") {
		t.Errorf("a good save is not shown:\n%s", lastLines(s, 2))
	}
	m = send(t, m, statusMsg{text: "exported agenda.md"})
	if s := screen(m); !strings.Contains(s, "exported agenda.md") {
		t.Errorf("the message line is not shown:\n%s", lastLines(s, 2))
	}
	m = keys(t, m, "j")
	if s := screen(m); strings.Contains(s, "exported agenda.md") {
		t.Error("the message line outlives the next key")
	}
}

func lastLines(s string, n int) string {
	l := strings.Split(s, "\n")
	return strings.Join(l[max(len(l)-n, 0):], "\n")
}

func TestEveryScreenFillsTheWindow(t *testing.T) {
	a := loadSample(t)
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {119, 40}, {120, 40}, {160, 48}, {200, 50}, {40, 10}} {
		m := newLoaded(t, a, sz[0], sz[1], true)
		for _, k := range []string{"", "enter", "enter", "T", "?", "?", "q", "/", "l"} {
			if k != "" {
				m = keys(t, m, k)
			}
			lines := strings.Split(screen(m), "\n")
			if len(lines) != sz[1] {
				t.Fatalf("%dx%d after %q: %d lines", sz[0], sz[1], k, len(lines))
			}
			for i, l := range lines {
				if w := textWidth(l); w != sz[0] {
					t.Fatalf("%dx%d after %q: line %d is %d wide: %q", sz[0], sz[1], k, i, w, l)
				}
			}
		}
	}
}
