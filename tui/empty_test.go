package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

// everyKey is a key a user may press in any pane, in any state: moving,
// opening, the triage keys, the overlays.
var everyKey = []string{"j", "k", "g", "G", "enter", "tab", "shift+tab", "space", "b", "up", "down", "pgdown",
	"T", "1", "2", "0", "s", "o", "esc", "O", "esc", "n", "esc", "N", "esc", "a", "d", "f", "+", "-", "[", "]",
	"p", "esc", "y", "x", "x", ">", "u", "ctrl+r", "?", "esc", "/", "esc", "q"}

// pressAll presses every key once from each pane, starting anew from
// state each time, and fails on a panic (the test itself panics).
func pressAll(t *testing.T, state func() *Model) {
	t.Helper()
	for _, pane := range []string{"topics", "thread", "reader"} {
		m := state()
		switch pane {
		case "thread":
			m = keys(t, m, "tab")
		case "reader":
			m = keys(t, m, "tab", "tab")
		}
		for _, k := range everyKey {
			m = keys(t, m, k)
			_ = screen(m)
		}
	}
}

// TestEmptyTopicFilter is "/qqqz" in the topic list: nothing matches, and
// no key may panic then (it did, in threadView.selectedNode).
func TestEmptyTopicFilter(t *testing.T) {
	a := loadSample(t)
	pressAll(t, func() *Model {
		m := newLoaded(t, a, 80, 24, true)
		m = keys(t, m, "/", "q", "q", "q", "z")
		if !strings.Contains(screen(m), "no topic matches") {
			t.Fatalf("the empty filter result is not said:\n%s", screen(m))
		}
		return keys(t, m, "enter")
	})
}

// TestEmptyScope is a scope that holds no topic.
func TestEmptyScope(t *testing.T) {
	m, _ := call2023(t, nil)
	m = keys(t, m, "w")
	m = keys(t, m, strings.Split("1990-01-01..1990-12-31", "")...)
	m = keys(t, m, "enter")
	if len(m.topics.visible) != 0 {
		t.Fatalf("%d topics in an empty scope", len(m.topics.visible))
	}
	for _, k := range everyKey {
		m = keys(t, m, k)
		_ = screen(m)
	}
}

// TestEmptyThreadFilter is a thread whose messages are all filtered out.
func TestEmptyThreadFilter(t *testing.T) {
	a := loadSample(t)
	pressAll(t, func() *Model {
		m := newLoaded(t, a, 120, 40, true)
		m = keys(t, m, "enter", "/", "z", "z", "z", "q", "enter")
		if len(m.thread.visible) != 0 {
			t.Fatalf("%d messages match zzzq", len(m.thread.visible))
		}
		return m
	})
}

// TestEmptyArchive: an archive without messages.
func TestEmptyArchive(t *testing.T) {
	pressAll(t, func() *Model {
		return newLoaded(t, model.NewArchive(nil), 80, 24, true)
	})
}

// fuzzKeys is the alphabet FuzzKeys draws from: every key of everyKey and
// some letters a user types in a filter or a field.
// (not e, whose enter would write an agenda file).
var fuzzKeys = append(append([]string(nil), everyKey...), "w", "A", "/", "z", "delete", "L", "D", "m", "X", ":", "ctrl+s",
	"F", "r", "t", "B", "backspace", "9", "ctrl+u")

// FuzzKeys sends random key sequences to the interface on the sample
// threads, at a random size, and fails on any panic.
func FuzzKeys(f *testing.F) {
	f.Add([]byte{0, 4, 4, 8, 1}, uint8(80), uint8(24))
	f.Add([]byte("/qqqz\x04\x05"), uint8(200), uint8(50))
	f.Add([]byte{40, 41, 42, 43, 44, 45, 46}, uint8(30), uint8(8))
	fuzzArchive := loadSample(f)
	f.Fuzz(func(t *testing.T, seq []byte, w, h uint8) {
		if len(seq) > 64 {
			seq = seq[:64]
		}
		m := newLoaded(t, fuzzArchive, int(w)%220+1, int(h)%60+1, w%2 == 0)
		if h%2 == 0 {
			// With an annotations file: the keys record, and the
			// sessions, the day and their fields have something to do.
			m = withStore(t, fuzzArchive, int(w)%220+1, int(h)%60+1)
		}
		for _, b := range seq {
			k := fuzzKeys[int(b)%len(fuzzKeys)]
			if k == "q" {
				continue // quitting ends the run; keep going
			}
			m = send(t, m, press(k))
			_ = m.View()
		}
		m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
	})
}

// withStore is newLoaded with an annotations file in a temporary folder.
func withStore(t *testing.T, a *model.Archive, w, h int) *Model {
	t.Helper()
	st, err := annot.OpenStore(filepath.Join(t.TempDir(), "summit.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, SourceLabel: "sample", Now: fixedNow,
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	m = send(t, m, tea.BackgroundColorMsg{Color: darkBG})
	return send(t, m, loadedMsg{archive: a})
}
