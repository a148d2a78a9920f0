package tui

import (
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"summit/model/thread"
)

// runAll runs cmd and every command it batches, as the program would, and
// returns their messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// TestCommandsReadSnapshots runs the agenda preview's and the export's
// commands on their own goroutines while Update takes in the related
// topics (and writes Topic.Related): under -race, a command that reads
// what Update writes is reported. The commands must work on copies made
// in Update.
func TestCommandsReadSnapshots(t *testing.T) {
	a := loadSample(t)
	related := thread.RelatedTopics(a.Topics, thread.RawBodyText)
	m := newLoaded(t, a, 120, 40, true)

	m, preview := sendNoRun(m, press("p"))
	m = keys(t, m, "q", "e")
	f, ok := m.overlay.(*textField)
	if !ok {
		t.Fatalf("e opened %T", m.overlay)
	}
	f.setValue(filepath.Join(t.TempDir(), "agenda.md"))
	m, enter := sendNoRun(m, press("enter"))
	var export tea.Cmd
	for _, msg := range runAll(enter) {
		if done, ok := msg.(fieldDoneMsg); ok {
			m, export = sendNoRun(m, done)
		}
	}
	if export == nil {
		t.Fatal("enter in the export field starts no export")
	}

	results := make(chan []tea.Msg, 2)
	for _, cmd := range []tea.Cmd{preview, export} {
		go func() { results <- runAll(cmd) }()
	}
	send(t, m, relatedMsg{related: related})
	var rendered, exported bool
	for range 2 {
		for _, msg := range <-results {
			switch msg := msg.(type) {
			case previewMsg:
				rendered = msg.err == nil && msg.out != ""
			case exportedMsg:
				exported = msg.err == nil
			}
		}
	}
	if !rendered || !exported {
		t.Errorf("preview rendered %v, agenda exported %v", rendered, exported)
	}
}
