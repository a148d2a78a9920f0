//go:build unix

package tui

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// quitOnHangup ends the program, as SIGTERM does in Bubble Tea, when the
// terminal goes away (SIGHUP: the window closed, ssh dropped). Left to its
// default, SIGHUP kills the process before the caller's last save, and a
// change made just before would be lost. It returns a function that stops
// listening.
func quitOnHangup(p *tea.Program) (stop func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(hup)
		close(done)
	}
}
