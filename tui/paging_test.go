package tui

import (
	"strings"
	"testing"
)

// TestLayoutKeepsTheReaderAMailLineWide: beside other panes the reader is
// never narrower than a mail line and its margins; below that width one
// pane shows at a time.
func TestLayoutKeepsTheReaderAMailLineWide(t *testing.T) {
	a := loadSample(t)
	for _, tc := range []struct {
		w     int
		panes int
	}{{80, 1}, {100, 1}, {108, 1}, {109, 2}, {120, 2}, {133, 2}, {134, 3}, {150, 3}, {160, 3}, {200, 3}, {260, 3}} {
		m := newLoaded(t, a, tc.w, 40, true)
		m = keys(t, m, "enter") // the thread: the reader beside it where there is room
		panes := 1
		switch {
		case m.wide:
			panes = 3
		case m.split:
			panes = 2
		}
		if panes != tc.panes {
			t.Errorf("%d columns: %d panes, want %d", tc.w, panes, tc.panes)
		}
		if panes > 1 && m.reader.textWidth() < 76 {
			t.Errorf("%d columns, %d panes: the reader renders at %d", tc.w, panes, m.reader.textWidth())
		}
		s := screen(m)
		if panes > 1 && (!strings.Contains(s, "From:") || !strings.Contains(s, "├─ Christoph Hellwig")) {
			t.Errorf("%d columns: the thread and the message are not side by side:\n%s", tc.w, s)
		}
		for i, l := range strings.Split(s, "\n") {
			if w := textWidth(l); w != tc.w {
				t.Fatalf("%d columns: line %d is %d wide", tc.w, i, w)
			}
		}
		if panes == 2 {
			// The topic list has the screen to itself.
			m = keys(t, m, "q")
			if s := screen(m); strings.Contains(s, "From:") || m.focus != focusTopics {
				t.Errorf("%d columns, the topics: %v\n%s", tc.w, m.focus, s)
			}
		}
	}
}

// TestSpacePagesTheMessageInEveryLayout: space and b page the message
// wherever it is on screen, not the thread list beside it.
func TestSpacePagesTheMessageInEveryLayout(t *testing.T) {
	a := loadSample(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}, {160, 48}, {200, 50}} {
		m := newLoaded(t, a, size[0], size[1], true)
		m = keys(t, m, "enter")
		if m.readerVisible() != (size[0] >= twoMinWidth) {
			t.Fatalf("%v: the reader visible: %v", size, m.readerVisible())
		}
		if !m.readerVisible() {
			m = keys(t, m, "enter")
		}
		if m.reader.vp.total() <= m.reader.height {
			t.Fatalf("%v: the proposal fits the pane", size)
		}
		cursor, focus := m.thread.cursor, m.focus
		m = keys(t, m, "space")
		if m.thread.cursor != cursor || m.reader.vp.y != min(m.reader.vp.height, m.reader.vp.maxY()) || m.focus != focus {
			t.Errorf("%v, %v: space moved the thread to %d, the message to line %d", size, focus, m.thread.cursor, m.reader.vp.y)
		}
		m = keys(t, m, "b")
		if m.thread.cursor != cursor || m.reader.vp.y != 0 {
			t.Errorf("%v: b: thread %d, line %d", size, m.thread.cursor, m.reader.vp.y)
		}
		// pgdown pages the pane in focus.
		if focus == focusThread {
			m = keys(t, m, "pgdown")
			if m.thread.cursor == cursor || m.reader.vp.y != 0 {
				t.Errorf("%v: pgdown in the thread: thread %d, line %d", size, m.thread.cursor, m.reader.vp.y)
			}
		}
	}
}

// TestReaderScrollsAsLessAndVim: ctrl+e/ctrl+y and the arrows by a line,
// ctrl+d/ctrl+u by half a page; j and k still go to the next and previous
// message; beside the thread the arrows move the thread.
func TestReaderScrollsAsLessAndVim(t *testing.T) {
	m := keys(t, narrow(t), "enter", "enter")
	r := &m.reader
	half := r.vp.height / 2
	for _, step := range []struct {
		key string
		y   int
	}{{"ctrl+e", 1}, {"down", 2}, {"ctrl+d", 2 + half}, {"ctrl+y", 1 + half}, {"up", half}, {"ctrl+u", 0}, {"up", 0}} {
		m = keys(t, m, step.key)
		if r.vp.y != step.y {
			t.Fatalf("%s: line %d, want %d", step.key, r.vp.y, step.y)
		}
	}
	before := m.thread.cursor
	m = keys(t, m, "j")
	if m.thread.cursor != before+1 {
		t.Fatalf("j in the reader: thread %d", m.thread.cursor)
	}

	w := keys(t, wide(t), "enter")
	if w.focus != focusThread {
		t.Fatalf("enter: focus %v", w.focus)
	}
	w = keys(t, w, "ctrl+d", "ctrl+e")
	if want := min(w.reader.vp.height/2+1, w.reader.vp.maxY()); w.thread.cursor != 0 || w.reader.vp.y != want || want == 0 || w.focus != focusThread {
		t.Fatalf("ctrl+d ctrl+e in the thread: thread %d, line %d", w.thread.cursor, w.reader.vp.y)
	}
	w = keys(t, w, "down")
	if w.thread.cursor != 1 || w.reader.vp.y != 0 {
		t.Fatalf("↓ in the thread: thread %d, line %d", w.thread.cursor, w.reader.vp.y)
	}
}

// TestAChangeStaysNamedUntilTheNextChange: what a key changed stays in
// the status bar through other keys and messages of the moment, until the
// next change replaces it.
func TestAChangeStaysNamedUntilTheNextChange(t *testing.T) {
	m, _ := triaging(t, 80, 24)
	m = keys(t, m, "f")
	if !strings.Contains(lastLines(screen(m), 1), "deferred") {
		t.Fatalf("f: %q", lastLines(screen(m), 1))
	}
	m = keys(t, m, "j", "j", "?", "?", "/", "x", "esc", "enter", "space")
	if !strings.Contains(lastLines(screen(m), 1), "deferred") {
		t.Fatalf("the change is gone from the status bar: %q", lastLines(screen(m), 1))
	}
	m = keys(t, m, "0") // no stance to clear: a message of the moment
	if s := lastLines(screen(m), 1); strings.Contains(s, "deferred") {
		t.Fatalf("0: %q", s)
	}
	m = keys(t, m, "j")
	if s := lastLines(screen(m), 1); !strings.Contains(s, "deferred") {
		t.Fatalf("after a message of the moment the change is not named again: %q", s)
	}
	m = keys(t, m, "1")
	if s := lastLines(screen(m), 1); strings.Contains(s, "deferred") || !strings.Contains(s, "support") {
		t.Fatalf("the next change does not replace it: %q", s)
	}
}
