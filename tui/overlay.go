package tui

import (
	tea "charm.land/bubbletea/v2"

	"summit/model"
)

// overlay is a box drawn over the panes that takes the keys while it is
// open: the help, the one-line fields, the note area, the open questions,
// the agenda preview, the session picker and the day. The root knows them
// only through this contract; it singles none out by its type.
//
// The root opens an overlay with openOverlay, which gives it its styles
// and size before anything is put in it, and then tells it of everything
// that concerns it: keys and its inputs' own messages, resizes, a new
// background, and new annotations (triageMsg). Each does what it needs
// with them (the preview renders the agenda again) and ignores the rest.
type overlay interface {
	// update takes a message; it returns false when the overlay closes.
	update(msg tea.Msg, keys KeyMap) (open bool, cmd tea.Cmd)
	// view draws the box, in the styles and at the size last set.
	view() string
	// setSize fits the box to the screen above the status bar.
	setSize(width, height int) tea.Cmd
	// setStyles follows the terminal's background.
	setStyles(st Styles) tea.Cmd
	// passes reports whether a key goes to the root instead, while the
	// overlay stays open (the preview lets the decision keys through).
	passes(k tea.KeyPressMsg, keys KeyMap) bool
}

// Every overlay keeps the contract.
var (
	_ overlay = (*helpOverlay)(nil)
	_ overlay = (*textField)(nil)
	_ overlay = (*noteArea)(nil)
	_ overlay = (*questionsOverlay)(nil)
	_ overlay = (*previewOverlay)(nil)
	_ overlay = (*picker)(nil)
	_ overlay = (*dayOverlay)(nil)
)

// triageMsg tells the open overlay that the annotations changed: the
// panes' new snapshot, and the agenda as it now stands.
type triageMsg struct {
	tv      *triageView
	archive *model.Archive
	agenda  agendaInput
}

// keepsKeys is for the overlays that let no key through to the root.
type keepsKeys struct{}

func (keepsKeys) passes(tea.KeyPressMsg, KeyMap) bool { return false }

// openOverlay shows o over the panes, styled and sized for the screen.
func (m *Model) openOverlay(o overlay) tea.Cmd {
	m.overlay = o
	return tea.Batch(o.setStyles(m.styles), o.setSize(m.width, m.overlayHeight()))
}

// overlayHeight is the screen above the status bar, which stays in view
// under an overlay saying whether the last change was saved.
func (m *Model) overlayHeight() int { return max(m.height-statusHeight, 1) }

// toOverlay hands msg to the open overlay, and forgets it if it closes.
func (m *Model) toOverlay(msg tea.Msg) tea.Cmd {
	if m.overlay == nil {
		return nil
	}
	open, cmd := m.overlay.update(msg, m.keys)
	if !open {
		m.overlay = nil
		if u := m.under; u != nil {
			m.under = nil
			cmd = tea.Batch(cmd, m.openOverlay(u), m.triageChanged())
		}
	}
	return cmd
}

// triageChanged tells the open overlay about new annotations.
func (m *Model) triageChanged() tea.Cmd {
	if m.overlay == nil || m.archive == nil {
		return nil
	}
	return m.toOverlay(triageMsg{tv: m.tv, archive: m.archive, agenda: m.agendaInput()})
}
