package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// picker chooses one entry of a list by typing: every word typed must be
// in the entry's title (or its detail), ↑/↓ move among those that match,
// enter takes the selected one and esc closes without a choice. The
// merge key (m) picks a session with it. It takes every key while open,
// so that typing a letter types it.
type picker struct {
	keepsKeys
	st      Styles
	title   string
	input   textinput.Model
	entries []pickerEntry
	visible []int // indexes of the entries that match what is typed
	cursor  int   // in visible
	offset  int
	chosen  func(id string) tea.Msg
	width   int
	height  int
}

// pickerEntry is one choice: what it stands for (id) and how it reads.
type pickerEntry struct {
	id, title, detail string
}

func newPicker(title string, entries []pickerEntry, chosen func(id string) tea.Msg) *picker {
	in := textinput.New()
	in.Prompt = "/" // as the lists' filters
	in.Placeholder = "type to filter"
	p := &picker{title: title, input: in, entries: entries, chosen: chosen}
	p.filter()
	return p
}

func (p *picker) focus() tea.Cmd { return p.input.Focus() }

func (p *picker) setSize(width, height int) tea.Cmd {
	p.width, p.height = width, height
	p.input.SetWidth(max(p.boxWidth()-4-3, 1))
	return nil
}

func (p *picker) setStyles(st Styles) tea.Cmd {
	p.st = st
	p.input.SetStyles(st.Input)
	return nil
}

func (p *picker) boxWidth() int { return max(min(p.width-2, fieldMaxWidth), 20) }

// filter keeps the entries holding every word typed, the cursor on the
// first of them.
func (p *picker) filter() {
	words := strings.Fields(strings.ToLower(p.input.Value()))
	p.visible = p.visible[:0]
	for i, e := range p.entries {
		hay := strings.ToLower(e.title + " " + e.detail)
		all := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				all = false
				break
			}
		}
		if all {
			p.visible = append(p.visible, i)
		}
	}
	p.cursor, p.offset = 0, 0
}

func (p *picker) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.FieldCancel):
			return false, nil
		case key.Matches(k, keys.PickerAccept):
			if len(p.visible) == 0 {
				return true, nil // nothing matches: keep typing
			}
			m := p.chosen(p.entries[p.visible[p.cursor]].id)
			return false, func() tea.Msg { return m }
		case key.Matches(k, keys.FieldPrev):
			p.cursor = max(p.cursor-1, 0)
			return true, nil
		case key.Matches(k, keys.FieldNext):
			p.cursor = min(p.cursor+1, max(len(p.visible)-1, 0))
			return true, nil
		}
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return true, cmd
}

func (p *picker) view() string {
	st := p.st
	inner := p.boxWidth() - st.HelpBox.GetHorizontalFrameSize()
	hint := "enter chooses · esc cancels · ↑/↓ move · " + itoa(len(p.visible)) + " of " + itoa(len(p.entries))
	// Title, field, blank line and hint around the list, inside the box.
	rows := max(p.height-st.HelpBox.GetVerticalFrameSize()-4, 1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+rows {
		p.offset = p.cursor - rows + 1
	}
	lines := []string{st.HelpTitle.Render(fit(p.title, inner)), fit(p.input.View(), inner)}
	if len(p.visible) == 0 {
		lines = append(lines, st.ink.placeholder.paint(fit("nothing matches", inner)))
	}
	for i := p.offset; i < len(p.visible) && i < p.offset+rows; i++ {
		e := p.entries[p.visible[i]]
		line := "  " + e.title
		if i == p.cursor {
			line = "› " + e.title
		}
		if e.detail != "" {
			line += "  " + st.ink.dim.paint(e.detail)
		}
		line = fit(line, inner)
		if i == p.cursor {
			line = st.ink.cursor.paint(line)
		}
		lines = append(lines, line)
	}
	lines = append(lines, "", st.HelpDesc.Render(fit(hint, inner)))
	return st.HelpBox.Render(strings.Join(lines, "\n"))
}
