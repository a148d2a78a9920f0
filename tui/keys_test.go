package tui

import (
	"reflect"
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
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		b, ok := v.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		switch f.Name {
		case "CloseOverlay", "OverlayScroll":
			continue // shown by the overlay itself
		}
		if !listed[strings.Join(b.Keys(), ",")] {
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
