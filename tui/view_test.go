package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"summit/model"
	"summit/model/mail"
)

// TestView goldens the screen, escape codes stripped, at 80x24 (one pane
// at a time) and 160x48 (three panes), on light and dark backgrounds, in
// the states a reader goes through.
func TestView(t *testing.T) {
	a := loadSample(t)
	states := []struct {
		name string
		keys []string
	}{
		{"Topics", nil},
		{"Thread", []string{"enter"}},
		{"Reader", []string{"enter", "j", "j", "enter"}},
		{"ReaderPaged", []string{"enter", "enter", "space"}},
		{"Folded", []string{"j", "enter", "j", "j", "enter", "T"}},
		{"TopicFilter", []string{"/", "a", "c", "c"}},
		{"ThreadFilter", []string{"enter", "/", "l", "e", "o", "n", "enter"}},
		{"Help", []string{"?"}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, theme := range []string{"Light", "Dark"} {
			for _, st := range states {
				t.Run(fmt.Sprintf("%dx%d/%s/%s", size[0], size[1], theme, st.name), func(t *testing.T) {
					m := newLoaded(t, a, size[0], size[1], theme == "Dark")
					m = keys(t, m, st.keys...)
					golden.RequireEqual(t, screen(m))
				})
			}
		}
	}
}

// TestViewLoading goldens the screen while a large archive loads.
func TestViewLoading(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := New(Options{SourceLabel: "gen-100000.mbox", Load: func(func(mail.Progress)) (*model.Archive, error) {
				select {}
			}})
			m = send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m.lp.set(mail.Progress{Bytes: 96 << 20, Total: 310 << 20, Messages: 30712})
			m, _ = sendNoRun(m, loadTickMsg{})
			golden.RequireEqual(t, screen(m))
		})
	}
}

// TestViewDeepThread checks the tree stays aligned when replies nest deeper
// than the pane can indent: every row's glyph columns are two cells each,
// and a row deeper than shown is marked.
func TestViewDeepThread(t *testing.T) {
	msgs := make([]*mail.Message, 40)
	for i := range msgs {
		msgs[i] = &mail.Message{ID: fmt.Sprintf("m%d@x", i), Subject: "Re: chain", From: mail.Address{Name: fmt.Sprintf("Author %d", i)}}
		if i > 0 {
			msgs[i].InReplyTo = msgs[i-1].ID
			msgs[i].References = []string{msgs[i-1].ID}
		}
	}
	msgs[0].Subject = "chain"
	a := model.NewArchive(msgs)
	m := newLoaded(t, a, 80, 24, true)
	if m.focus != focusThread {
		t.Fatalf("focus %v", m.focus)
	}
	m = keys(t, m, "G")
	s := screen(m)
	if !strings.Contains(s, "┄┄ Author 39") {
		t.Errorf("the deepest row is not marked:\n%s", s)
	}
	golden.RequireEqual(t, s)
}
