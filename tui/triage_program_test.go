package tui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
)

// TestTriageProgram triages the 2021 thread by keys alone in the real
// program loop: tag the proposal, record its first question, accept the
// topic for 45 minutes, export, quit. The exported agenda is the golden,
// and the annotations file holds the same work.
func TestTriageProgram(t *testing.T) {
	name := "ksummit-2021-accelerator-userspace.mbox"
	a, err := model.Load([]mail.Input{{Name: name, Path: filepath.Join("..", "sample-data", name)}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	dir := t.TempDir()
	st, err := annot.OpenStore(filepath.Join(dir, "summit.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, SourceLabel: name, Now: fixedNow,
		Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(tea.BackgroundColorMsg{Color: darkBG})
	waitFor(t, tm, "77 messages")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter}) // the proposal, in the reader
	waitFor(t, tm, "Candidate questions")
	// The output is drawn as changes to the screen, so only text that
	// appears whole is waited for; keys are taken in order anyway.
	tm.Type("1")
	tm.Type("o")
	waitFor(t, tm, "Open question raised by")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "Questions raised here")
	tm.Type("a+++")
	tm.Type("e")
	waitFor(t, tm, "Write the agenda")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, "agenda written")
	tm.Type("qqq")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.saving || st.Dirty() {
		t.Error("work left unsaved at the end")
	}
	data, err := os.ReadFile(filepath.Join(dir, "agenda.md"))
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, data)
	// The annotations file gives the same agenda to `summit export`.
	saved, err := annot.OpenStore(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	if exp := agenda.Build(a, saved.Snapshot(), agenda.Options{Generated: fixedNow()}).Markdown(); string(exp) != string(data) {
		t.Error("the annotations file does not give the exported agenda")
	}
}
