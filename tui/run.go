package tui

import (
	"fmt"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Run shows the interface until the user quits. It saves nothing itself:
// the caller owns the store and saves it afterwards, so a failed autosave
// never loses work. Input comes from the terminal: when stdin carries the
// mail (it is not a terminal), Bubble Tea opens the TTY itself, which is
// why no input option is passed here.
func Run(opts Options) error {
	if os.Getenv("NO_COLOR") != "" {
		opts.NoColor = true
	}
	if opts.Editor == "" {
		opts.Editor = strings.TrimSpace(os.Getenv("EDITOR"))
	}
	p := tea.NewProgram(New(opts))
	stop := quitOnHangup(p)
	defer stop()
	final, err := p.Run()
	if err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	if m, ok := final.(*Model); ok {
		if m.Err() != nil {
			return m.Err()
		}
		// What was opened last may still be on its way to the file; a
		// failure here loses only new-message marks, not annotations.
		_ = m.FlushRead()
	}
	return nil
}

// FirstFrame starts the interface without a terminal, as Run would at
// width x height, and returns the first screen drawn once loading is done
// (or the error screen). Loading runs in the background while the
// interface draws its progress, as it does on a terminal; this is what
// `summit --bench-launch` and the launch benchmark measure.
func FirstFrame(opts Options, width, height int) (string, error) {
	m := New(opts)
	m.Update(tea.WindowSizeMsg{Width: width, Height: height})
	if opts.Load == nil {
		return m.View().Content, nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- loadCmd(opts.Load, opts.OpenStore, m.lp)() }()
	tick := time.NewTicker(progressInterval)
	defer tick.Stop()
	for m.loading {
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-tick.C:
			msg = loadTickMsg{}
		}
		m.Update(msg)
		_ = m.View()
	}
	return m.View().Content, m.Err()
}
