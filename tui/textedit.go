package tui

import (
	"errors"
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Text entry: a one-line field (an open question, the export path) and a
// text area for notes, both overlays that take every key while open, so
// that typing q types a q. A note goes to $EDITOR instead when it is set.

// noteKind is what a note is on: a message, a topic, or a session (the
// note the agenda prints under a session: a committee session's, or the
// one of the topic that hosts it, edited from the day view).
type noteKind int

const (
	noteMessage noteKind = iota
	noteTopic
	noteSession
)

// fieldKind is what a one-line field is for.
type fieldKind int

const (
	fieldQuestion     fieldKind = iota // a new open question on a message
	fieldEditQuestion                  // the text of a recorded question
	fieldExport                        // the path the agenda is written to
	fieldScope                         // the scope: dates and label
	fieldAddSession                    // the title of a committee session
	fieldLeads                         // a session's leads (msgID holds its ID)
	fieldDayFixed                      // the day: a fixed item, "Lunch 12:00 90"
	fieldDayWhen                       // the day: its times, date and place
	fieldDayRename                     // the day: a session's title (msgID), or a fixed item's (index 1)
)

// textField is a one-line input in a box. For a new question it offers the
// message's candidate questions: ↑/↓ go through them and an empty field.
type textField struct {
	keepsKeys
	st      Styles
	kind    fieldKind
	title   string
	msgID   string
	index   int
	input   textinput.Model
	choices []string
	choice  int // len(choices) is the empty field
	width   int // of the box
	// back: the day view opened the field (A, L there) and comes back
	// when it closes, saved or not.
	back bool
}

// fieldMaxWidth keeps a field readable on a wide screen.
const fieldMaxWidth = 100

// newTextField builds an empty field; it is filled once open (setValue,
// setChoices), when it knows its width.
func newTextField(kind fieldKind, title string) *textField {
	in := textinput.New()
	in.Prompt = "› "
	return &textField{kind: kind, title: title, input: in}
}

// setSize fits the box to the screen's width.
func (f *textField) setSize(screenW, _ int) tea.Cmd {
	f.width = max(min(screenW-2, fieldMaxWidth), 10)
	f.input.SetWidth(max(f.width-4-3, 1)) // border, padding, prompt
	// The input fits its text to its width only when the text or the
	// cursor moves: fit what it holds to the new width.
	f.input.SetCursor(f.input.Position())
	return nil
}

func (f *textField) setStyles(st Styles) tea.Cmd {
	f.st = st
	f.input.SetStyles(st.Input)
	return nil
}

// setValue fills the field with the cursor at its end.
func (f *textField) setValue(s string) {
	f.input.SetValue(s)
	f.input.CursorEnd()
}

// setChoices offers candidates, the first one in the field.
func (f *textField) setChoices(cs []string) {
	f.choices, f.choice = cs, 0
	if len(cs) > 0 {
		f.setValue(cs[0])
	}
}

func (f *textField) focus() tea.Cmd { return f.input.Focus() }

func (f *textField) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.FieldCancel):
			if f.back {
				ret := dayReturnMsg{id: f.msgID}
				return false, func() tea.Msg { return ret }
			}
			return false, nil
		case key.Matches(k, keys.FieldSave):
			done := fieldDoneMsg{kind: f.kind, msgID: f.msgID, index: f.index, value: f.input.Value(), back: f.back}
			return false, func() tea.Msg { return done }
		case (key.Matches(k, keys.FieldPrev) || key.Matches(k, keys.FieldNext)) && len(f.choices) > 0:
			n := len(f.choices) + 1
			if key.Matches(k, keys.FieldPrev) {
				f.choice = (f.choice + n - 1) % n
			} else {
				f.choice = (f.choice + 1) % n
			}
			if f.choice < len(f.choices) {
				f.setValue(f.choices[f.choice])
			} else {
				f.setValue("")
			}
			return true, nil
		}
	}
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	return true, cmd
}

func (f *textField) view() string {
	st := f.st
	inner := f.width - st.HelpBox.GetHorizontalFrameSize()
	hint := "enter saves · esc cancels"
	if len(f.choices) > 0 {
		hint += " · ↑/↓ candidate " + itoa(min(f.choice+1, len(f.choices)+1)) + " of " + itoa(len(f.choices))
	}
	lines := []string{
		st.HelpTitle.Render(fit(f.title, inner)),
		fit(f.input.View(), inner),
	}
	// A question longer than the field is shown whole below it.
	if v := f.input.Value(); f.kind != fieldExport && ansi.StringWidth(v) > inner-3 {
		for _, l := range hang("  ", v, inner, st.ink.dim) {
			lines = append(lines, fit(l, inner))
		}
	}
	lines = append(lines, st.HelpDesc.Render(fit(hint, inner)))
	return st.HelpBox.Render(strings.Join(lines, "\n"))
}

// noteArea edits a note in a text area: enter starts a new line, ctrl+s
// saves, esc cancels.
type noteArea struct {
	keepsKeys
	st    Styles
	kind  noteKind
	id    string
	title string
	ta    textarea.Model
	width int

	back     bool   // the day view opened it (N there), and comes back after it
	original string // the note as it was when the area opened
	// discarding is set by an esc on a changed note: typed text is the
	// user's work, so a second esc is needed to throw it away.
	discarding bool
}

// newNoteArea builds an empty area; the note is put in once it is open
// (setText), when it knows its size.
func newNoteArea(kind noteKind, id, title string) *noteArea {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.Placeholder = "the note, in as many lines as it takes"
	return &noteArea{kind: kind, id: id, title: title, ta: ta}
}

// setText puts the note in the area, as it is when the area opens.
func (n *noteArea) setText(text string) {
	n.ta.SetValue(text)
	n.original = text
}

// setSize fits the area to the screen: at most 12 lines, leaving room for
// the box's border, title and hint line and a line above and below.
func (n *noteArea) setSize(screenW, bodyH int) tea.Cmd {
	n.width = max(min(screenW-2, 84), 12)
	n.ta.SetWidth(max(n.width-4, 4))
	n.ta.SetHeight(max(min(bodyH-6, 12), 2))
	return nil
}

func (n *noteArea) setStyles(st Styles) tea.Cmd {
	n.st = st
	n.ta.SetStyles(st.Note)
	return nil
}

func (n *noteArea) focus() tea.Cmd { return n.ta.Focus() }

func (n *noteArea) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.FieldCancel):
			if n.ta.Value() == n.original || n.discarding {
				if n.back {
					ret := dayReturnMsg{id: n.id}
					return false, func() tea.Msg { return ret }
				}
				return false, nil
			}
			n.discarding = true
			return true, nil
		case key.Matches(k, keys.NoteSave):
			done := noteDoneMsg{kind: n.kind, id: n.id, text: n.ta.Value(), back: n.back}
			return false, func() tea.Msg { return done }
		}
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		n.discarding = false
	}
	var cmd tea.Cmd
	n.ta, cmd = n.ta.Update(msg)
	return true, cmd
}

// hint is the key line under the area; after an esc on a changed note it
// asks before the text is thrown away.
func (n *noteArea) hint() string {
	if n.discarding {
		return "esc again discards your changes · ctrl+s saves"
	}
	return "ctrl+s saves · esc cancels · enter: new line"
}

func (n *noteArea) view() string {
	st := n.st
	inner := n.width - st.HelpBox.GetHorizontalFrameSize()
	lines := []string{st.HelpTitle.Render(fit(n.title, inner))}
	for _, l := range strings.Split(n.ta.View(), "\n") {
		lines = append(lines, fit(l, inner))
	}
	lines = append(lines, st.HelpDesc.Render(fit(n.hint(), inner)))
	return st.HelpBox.Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// editNote edits a note in $EDITOR when one is set, in the text area
// otherwise; back: the day view asked, and the text area goes back to it.
func (m *Model) editNote(kind noteKind, id, title, text string, back bool) tea.Cmd {
	if m.opts.Editor != "" {
		return writeNoteCmd(kind, id, text)
	}
	n := newNoteArea(kind, id, title)
	n.back = back
	open := m.openOverlay(n)
	n.setText(text)
	return tea.Batch(open, n.focus())
}

// writeNoteCmd puts the note in a temporary file for the editor.
func writeNoteCmd(kind noteKind, id, text string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "summit-note-*.txt")
		if err != nil {
			return editorReadyMsg{err: err}
		}
		_, err = f.WriteString(text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return editorReadyMsg{err: err}
		}
		return editorReadyMsg{kind: kind, id: id, path: f.Name()}
	}
}

// editorCommand is $EDITOR on the note's file; EDITOR may hold arguments
// ("code --wait").
func editorCommand(editor, path string) *exec.Cmd {
	args := strings.Fields(editor)
	return exec.Command(args[0], append(args[1:], path)...)
}

// editorDone reads the note back once the editor has exited, and removes
// the temporary file. An editor that fails leaves the note as it was.
func editorDone(msg editorReadyMsg) func(error) tea.Msg {
	return func(err error) tea.Msg {
		defer os.Remove(msg.path)
		if err != nil {
			return noteDoneMsg{err: errors.New("the editor failed: " + ansi.Strip(err.Error()))}
		}
		data, err := os.ReadFile(msg.path)
		if err != nil {
			return noteDoneMsg{err: err}
		}
		return noteDoneMsg{kind: msg.kind, id: msg.id, text: string(data)}
	}
}

// editorReady hands the terminal to the editor.
func (m *Model) editorReady(msg editorReadyMsg) tea.Cmd {
	if msg.err != nil {
		m.flash, m.flashE = "cannot edit the note: "+msg.err.Error(), true
		return nil
	}
	return tea.ExecProcess(editorCommand(m.opts.Editor, msg.path), editorDone(msg))
}
