package tui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"summit/model"
	"summit/model/mail"
)

// TestProgram runs the real program loop on the sample: start, wait for
// the archive, open a topic and a message, fold the quotes, quit. The
// final model's screen is the golden (the raw terminal stream depends on
// the terminal, the screen does not).
func TestProgram(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		t.Run(sizeName(size), func(t *testing.T) {
			a := loadSample(t)
			m := New(Options{SourceLabel: "sample", Load: func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
			tm := teatest.NewTestModel(t, m,
				teatest.WithInitialTermSize(size[0], size[1]),
				teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
			// No terminal answers the background query: answer it.
			tm.Send(tea.BackgroundColorMsg{Color: darkBG})
			waitFor(t, tm, "203 messages")
			tm.Type("j")
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			tm.Type("jj")
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
			tm.Type("T")
			waitFor(t, tm, "quoted lines from")
			tm.Type("q") // back to the thread
			tm.Type("q") // back to the topics
			tm.Type("q") // quit
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
			if fm.focus != focusTopics || !fm.reader.fold || fm.SelectedTopic().Title != accelerator {
				t.Errorf("final state: focus %v, fold %v", fm.focus, fm.reader.fold)
			}
			golden.RequireEqual(t, screen(fm))
		})
	}
}

func sizeName(s [2]int) string { return fmt.Sprintf("%dx%d", s[0], s[1]) }

// waitFor waits until the program's output shows text.
func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}
