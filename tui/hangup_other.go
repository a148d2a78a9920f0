//go:build !unix

package tui

import tea "charm.land/bubbletea/v2"

// quitOnHangup does nothing where there is no SIGHUP.
func quitOnHangup(*tea.Program) (stop func()) { return func() {} }
