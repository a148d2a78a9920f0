package tui

import (
	"os"

	tea "charm.land/bubbletea/v2"

	"summit/model/mail"
	"summit/model/thread"
)

// inTmux reports whether summit runs under tmux, whose default
// (set-clipboard external) drops the OSC 52 an application sends. Read
// from the environment once, at start; a test replaces it.
var inTmux = func() func() bool {
	v := os.Getenv("TMUX") != ""
	return func() bool { return v }
}()

// sendLink puts url on the clipboard with OSC 52. Whether it arrives is
// up to the terminal, which never answers: the status line says what was
// sent and where it may be lost, never that it was copied.
func (m *Model) sendLink(url string) tea.Cmd {
	// The link first: at 80 columns the words after it may be cut.
	if inTmux() {
		m.flash = "sent " + url + " by OSC 52: tmux drops it unless its set-clipboard is on"
	} else {
		m.flash = "sent " + url + " by OSC 52 (a terminal may ignore it)"
	}
	m.flashE = false
	return tea.SetClipboard(url)
}

// copyTopicLink sends the lore link of the topic's first message: y in
// the topic list.
func (m *Model) copyTopicLink(t *thread.Topic) tea.Cmd {
	switch {
	case t == nil:
		m.flash, m.flashE = "no topic selected", true
		return nil
	case t.Root != nil && t.Root.Msg != nil && t.Root.Msg.Synthetic:
		m.flash, m.flashE = "this topic's first message has no Message-ID, so no lore link", true
		return nil
	}
	id := t.ID
	if t.Root != nil && t.Root.Msg != nil {
		id = t.Root.Msg.ID
	}
	return m.sendLink(mail.LoreURL(id))
}
