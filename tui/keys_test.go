package tui

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"summit/model"
	"summit/model/mail"
)

// TestEveryBindingIsInTheHelp keeps the help overlay complete: a binding
// added to KeyMap but to no help group fails here.
func TestEveryBindingIsInTheHelp(t *testing.T) {
	km := DefaultKeyMap()
	listed := map[string]bool{}
	for _, g := range km.HelpGroups() {
		for _, b := range g.Bindings {
			listed[strings.Join(b.Keys(), ",")] = true
		}
	}
	// Listed in pairs, as one line each: "ctrl+d/ctrl+u ...".
	pairs := map[string][2]key.Binding{
		"HalfDown": {km.HalfDown, km.HalfUp}, "HalfUp": {km.HalfDown, km.HalfUp},
		"LineDown": {km.LineDown, km.LineUp}, "LineUp": {km.LineDown, km.LineUp},
		"ListPageDown": {km.ListPageDown, km.ListPageUp}, "ListPageUp": {km.ListPageDown, km.ListPageUp},
		"SearchNext": {km.SearchNext, km.SearchPrev}, "SearchPrev": {km.SearchNext, km.SearchPrev},
	}
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		keysOf := strings.Join(b.Keys(), ",")
		switch f.Name {
		case "CloseOverlay", "OverlayScroll":
			continue // shown by the overlay itself
		case "FieldPrev", "FieldNext":
			// Listed together, as one line: "↑/↓ next candidate question".
			keysOf = strings.Join(slices.Concat(km.FieldPrev.Keys(), km.FieldNext.Keys()), ",")
		}
		if p, ok := pairs[f.Name]; ok {
			keysOf = strings.Join(slices.Concat(p[0].Keys(), p[1].Keys()), ",")
		}
		if !listed[keysOf] {
			t.Errorf("KeyMap.%s (%v) is in no help group", f.Name, b.Keys())
		}
		if b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("KeyMap.%s has no help text", f.Name)
		}
	}
}

// TestHelpFollowsTheLiveKeymap changes a binding: the help shows the new
// key, and the key works.
func TestHelpFollowsTheLiveKeymap(t *testing.T) {
	km := DefaultKeyMap()
	km.FoldQuotes = key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "fold quotes (custom)"))
	a := loadSample(t)
	m := New(Options{Keys: &km, Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m = send(t, m, loadedSizeMsg(80, 24))
	m = send(t, m, loadedMsg{archive: a})
	m = keys(t, m, "?")
	if s := screen(m); !strings.Contains(s, "fold quotes (custom)") {
		t.Fatalf("the help does not show the custom binding:\n%s", s)
	}
	m = keys(t, m, "?", "z")
	if !m.reader.fold {
		t.Fatal("the custom binding does not fold")
	}
	m = keys(t, m, "T")
	if !m.reader.fold {
		t.Fatal("the old binding still works")
	}
}

func TestShortHelpFits80Columns(t *testing.T) {
	st := NewStyles(true)
	h := hints(st, DefaultKeyMap(), 80)
	if w := textWidth(stripped(h)); w > 80 {
		t.Fatalf("hints are %d wide", w)
	}
	for _, want := range []string{"move", "open", "filter", "keys", "back"} {
		if !strings.Contains(stripped(h), want) {
			t.Errorf("the hints at 80 columns lack %q: %q", want, stripped(h))
		}
	}
}

// TestReboundBackGoesBackAndQuits rebinds Back to h: h goes back from the
// reader to the topics and quits there and on the loading screen; q, no
// longer bound, does nothing; esc still clears a filter and never quits.
func TestReboundBackGoesBackAndQuits(t *testing.T) {
	km := DefaultKeyMap()
	km.Back = key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "back; h at the top quits"))
	a := loadSample(t)
	m := New(Options{Keys: &km, Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	m = send(t, m, loadedSizeMsg(80, 24))
	m = send(t, m, loadedMsg{archive: a})
	m = keys(t, m, "enter", "enter")
	if m.focus != focusReader {
		t.Fatalf("enter enter: focus %v", m.focus)
	}
	m, cmd := sendNoRun(m, press("h"))
	if isQuit(cmd) || m.focus != focusThread {
		t.Fatalf("h in the reader: focus %v, quit %v", m.focus, isQuit(cmd))
	}
	m = keys(t, m, "/")
	m = typeText(t, m, "leon")
	m = keys(t, m, "enter")
	filtered := len(m.thread.visible)
	m = keys(t, m, "esc")
	if m.focus != focusThread || len(m.thread.visible) == filtered {
		t.Fatalf("esc in the thread does not clear its filter: focus %v, %d rows", m.focus, len(m.thread.visible))
	}
	m, cmd = sendNoRun(m, press("h"))
	if isQuit(cmd) || m.focus != focusTopics {
		t.Fatalf("h in the thread: focus %v, quit %v", m.focus, isQuit(cmd))
	}
	for _, k := range []string{"q", "esc"} {
		if m, cmd = sendNoRun(m, press(k)); isQuit(cmd) {
			t.Errorf("%s quits with Back bound to h", k)
		}
	}
	if m.focus != focusTopics {
		t.Fatalf("q or esc moved the focus to %v", m.focus)
	}
	if _, cmd := sendNoRun(m, press("h")); !isQuit(cmd) {
		t.Error("h does not quit from the topics")
	}

	release := make(chan struct{})
	defer close(release)
	l := New(Options{Keys: &km, Load: func(func(mail.Progress)) (*model.Archive, error) {
		<-release
		return nil, errors.New("never")
	}})
	l = send(t, l, loadedSizeMsg(80, 24))
	if _, cmd := sendNoRun(l, press("esc")); isQuit(cmd) {
		t.Error("esc quits while loading")
	}
	if _, cmd := sendNoRun(l, press("h")); !isQuit(cmd) {
		t.Error("h does not quit while loading")
	}
}
