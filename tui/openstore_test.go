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

// TestStoreOpensWhileTheScreenShowsProgress: a large annotations file
// takes seconds to read; it is read with the mail, while the interface
// draws its loading screen, and comes in with the archive.
func TestStoreOpensWhileTheScreenShowsProgress(t *testing.T) {
	a := loadSample(t)
	p := filepath.Join(t.TempDir(), "summit.json")
	seed, err := annot.OpenStore(p)
	if err != nil {
		t.Fatal(err)
	}
	seed.SetScope(annot.Scope{Label: "maintainers"})
	if _, err := seed.Flush(); err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	m := New(Options{
		SourceLabel: "sample",
		Load:        func(func(mail.Progress)) (*model.Archive, error) { return a, nil },
		OpenStore: func() (*annot.Store, error) {
			close(started)
			<-release
			return annot.OpenStore(p)
		},
	})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	done := make(chan tea.Msg)
	go func() { done <- loadCmd(m.opts.Load, m.opts.OpenStore, m.lp)() }()
	<-started
	if s := screen(m); !strings.Contains(s, "loading") {
		t.Fatalf("while the annotations open, the screen is not the loading screen:\n%s", s)
	}
	close(release)
	m = send(t, m, <-done)
	if m.store == nil || m.store.Path() != p {
		t.Fatal("the store opened in the background is not used")
	}
	if m.scope.Label != "maintainers" {
		t.Errorf("the saved scope is not applied: %+v", m.scope)
	}
	if s := screen(m); !strings.Contains(s, "summit.json") {
		t.Errorf("the status bar does not name the annotations file:\n%s", s)
	}
}

// TestStoreThatCannotOpenEndsTheInterface: its error is the one line the
// interface leaves with, as a failed load's.
func TestStoreThatCannotOpenEndsTheInterface(t *testing.T) {
	a := loadSample(t)
	m := New(Options{
		Load:      func(func(mail.Progress)) (*model.Archive, error) { return a, nil },
		OpenStore: func() (*annot.Store, error) { return nil, errBadFile },
	})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmd := sendNoRun(m, loadCmd(m.opts.Load, m.opts.OpenStore, m.lp)())
	if m.Err() != errBadFile || cmd == nil {
		t.Fatalf("err %v, cmd %v: want the store's error and a quit", m.Err(), cmd)
	}
}

var errBadFile = &annotError{"summit.json: not a summit annotations file"}

type annotError struct{ s string }

func (e *annotError) Error() string { return e.s }
