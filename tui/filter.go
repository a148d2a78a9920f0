package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// listFilter is the "/" filter of a list pane: a text input while the user
// types, then the applied query. Both lists use it, so they behave alike.
type listFilter struct {
	input  textinput.Model
	typing bool
	query  string // applied, lower case; "" when the list is not filtered
}

func newListFilter(st Styles) listFilter {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter"
	in.SetStyles(st.Input)
	return listFilter{input: in}
}

// setStyles follows a change of background.
func (f *listFilter) setStyles(st Styles) { f.input.SetStyles(st.Input) }

// start opens the input on the current query so it can be refined.
func (f *listFilter) start(width int) tea.Cmd {
	f.typing = true
	f.input.SetWidth(max(width-3, 1))
	f.input.CursorEnd()
	return f.input.Focus()
}

// clear drops the query and closes the input; it reports whether the query
// changed.
func (f *listFilter) clear() bool {
	changed := f.query != ""
	f.typing = false
	f.query = ""
	f.input.Reset()
	f.input.Blur()
	return changed
}

// update takes a message while the user types. It reports whether the
// query changed, so the list is filtered again only then.
func (f *listFilter) update(msg tea.Msg, keys KeyMap) (changed bool, cmd tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.FilterAccept):
			f.typing = false
			f.input.Blur()
			return false, nil
		case key.Matches(k, keys.FilterClear):
			return f.clear(), nil
		}
	}
	f.input, cmd = f.input.Update(msg)
	q := strings.ToLower(strings.TrimSpace(f.input.Value()))
	if q != f.query {
		f.query = q
		changed = true
	}
	return changed, cmd
}

// view is the input line, shown in place of the pane title while typing.
func (f listFilter) view() string { return f.input.View() }
