package tui

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"summit/model"
	"summit/model/mail"
)

// TestPipedMail is `cat t.mbox | summit`: the mail comes through a pipe
// that the loader reads in the background while the keys come from the
// terminal (here, teatest's input). The thread opens by itself, q walks
// back and quits, and nothing is reported as an error.
func TestPipedMail(t *testing.T) {
	mbox, err := os.Open(filepath.Join("..", "sample-data", "ksummit-2021-accelerator-userspace.mbox"))
	if err != nil {
		t.Fatal(err)
	}
	defer mbox.Close()
	pr, pw := io.Pipe()
	go func() {
		// Trickle the mail in, as curl would, so loading overlaps the
		// first frames.
		buf := make([]byte, 64<<10)
		for {
			n, err := mbox.Read(buf)
			if n > 0 {
				if _, werr := pw.Write(buf[:n]); werr != nil {
					return
				}
				time.Sleep(2 * time.Millisecond)
			}
			if err != nil {
				pw.Close()
				return
			}
		}
	}()
	var loaded *model.Archive
	m := New(Options{SourceLabel: "stdin", Load: func(progress func(mail.Progress)) (*model.Archive, error) {
		a, err := model.Load(mail.InputsFromArgs([]string{"-"}, pr), mail.LoadOptions{Progress: progress})
		loaded = a
		return a, err
	}})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(tea.BackgroundColorMsg{Color: darkBG})
	waitFor(t, tm, "77 messages")
	tm.Type("jj")
	tm.Type("q") // the single thread opened by itself: back to the topics
	tm.Type("q") // quit
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if fm.Err() != nil {
		t.Fatalf("error after a piped load: %v", fm.Err())
	}
	if fm.focus != focusTopics || fm.SelectedTopic() == nil || fm.SelectedTopic().Title != accelerator {
		t.Errorf("final state: focus %v", fm.focus)
	}
	if loaded == nil || len(loaded.Messages) != 77 || loaded.Sources[0].Name != "stdin" {
		t.Errorf("the pipe was not loaded whole as stdin")
	}
	loaded.Close()
}
