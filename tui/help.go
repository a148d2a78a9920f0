package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"summit/model/annot"
)

// helpOverlay lists every binding of the live keymap, by group.
type helpOverlay struct {
	keepsKeys
	groups        []HelpGroup
	st            Styles
	width, height int // of the screen above the status bar
	offset        int
	rows          int // lines that fit, from the last view
}

func newHelpOverlay(keys KeyMap) *helpOverlay {
	return &helpOverlay{groups: keys.HelpGroups()}
}

func (h *helpOverlay) setSize(width, height int) tea.Cmd {
	h.width, h.height = width, height
	return nil
}

func (h *helpOverlay) setStyles(st Styles) tea.Cmd {
	h.st = st
	return nil
}

func (h *helpOverlay) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return true, nil
	}
	switch {
	case key.Matches(k, keys.Down):
		h.offset++
	case key.Matches(k, keys.Up):
		h.offset = max(h.offset-1, 0)
	case key.Matches(k, keys.CloseOverlay), key.Matches(k, keys.Help):
		return false, nil
	}
	return true, nil
}

// lines lays the groups out: side by side when the screen is wide enough,
// one under the other otherwise.
func (h *helpOverlay) lines(st Styles, width int) []string {
	cols := make([][]string, len(h.groups))
	widths := make([]int, len(h.groups))
	for i, g := range h.groups {
		keyW := 0
		for _, b := range g.Bindings {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
		col := []string{st.HelpTitle.Render(g.Title)}
		for _, b := range g.Bindings {
			if !b.Enabled() {
				continue
			}
			hk := b.Help().Key
			line := st.HelpKey.Render(hk+strings.Repeat(" ", keyW-ansi.StringWidth(hk))) + "  " + st.HelpDesc.Render(b.Help().Desc)
			col = append(col, line)
		}
		cols[i] = col
		for _, l := range col {
			widths[i] = max(widths[i], ansi.StringWidth(l))
		}
	}
	// As many columns as fit: groups are dealt out in order, a column
	// taking groups until it holds its share of the lines.
	for n := len(cols); n >= 1; n-- {
		if out, ok := columns(cols, widths, n, width); ok {
			return out
		}
	}
	var out []string
	for i, c := range cols {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, c...)
	}
	return out
}

// columns lays the groups out in n columns, or reports that they do not
// fit width.
func columns(groups [][]string, widths []int, n, width int) ([]string, bool) {
	total := 0
	for _, g := range groups {
		total += len(g) + 1
	}
	share := (total + n - 1) / n
	var cols [][]string
	var colW []int
	cur, curW := []string(nil), 0
	for i, g := range groups {
		if len(cur) > 0 && len(cur)+len(g) > share && len(cols) < n-1 {
			cols, colW = append(cols, cur), append(colW, curW)
			cur, curW = nil, 0
		}
		if len(cur) > 0 {
			cur = append(cur, "")
		}
		cur = append(cur, g...)
		curW = max(curW, widths[i])
	}
	cols, colW = append(cols, cur), append(colW, curW)
	const gap = 4
	sum := 0
	for _, w := range colW {
		sum += w + gap
	}
	if sum-gap > width {
		return nil, false
	}
	height := 0
	for _, c := range cols {
		height = max(height, len(c))
	}
	out := make([]string, height)
	for r := range height {
		var b strings.Builder
		for i, c := range cols {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			if i < len(cols)-1 {
				cell = fit(cell, colW[i]+gap)
			}
			b.WriteString(cell)
		}
		out[r] = b.String()
	}
	return out, true
}

func (h *helpOverlay) view() string {
	st, width, height := h.st, h.width, h.height
	frameW := st.HelpBox.GetHorizontalFrameSize()
	frameH := st.HelpBox.GetVerticalFrameSize()
	inner := max(width-frameW-2, 10)
	lines := h.lines(st, inner)
	lines = append(lines, "")
	lines = append(lines, legend(st, inner)...)
	lines = append(lines, "", st.HelpDesc.Render("? q esc close"))
	rows := max(height-frameH, 1)
	h.rows = rows
	// The box is as wide as its widest line, scrolled into view or not:
	// sized on the lines shown, it narrowed as they scrolled, and the
	// pane behind showed through the column it lost.
	w := ansi.StringWidth("j/k scroll · ? q esc close")
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	if len(lines) > rows {
		h.offset = min(h.offset, len(lines)-rows)
		lines = lines[h.offset : h.offset+rows]
		lines[len(lines)-1] = st.HelpDesc.Render("j/k scroll · ? q esc close")
	} else {
		h.offset = 0
	}
	w = min(w, max(width-frameW, 1))
	for i, l := range lines {
		lines[i] = fit(l, w)
	}
	return st.HelpBox.Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// legend explains the marks the panes use, built from the same functions
// that draw them, and the words the thread filter understands.
func legend(st Styles, width int) []string {
	// A no-break space holds each mark to its meaning when the line wraps.
	const nb = "\u00a0"
	var marks []string
	for _, s := range annot.Stances {
		marks = append(marks, s.Glyph()+nb+string(s))
	}
	for _, s := range []annot.Status{annot.StatusAccepted, annot.StatusDeferred, annot.StatusDeclined, annot.StatusUndecided} {
		marks = append(marks, s.Glyph()+nb+string(s))
	}
	marks = append(marks, "?N"+nb+"open"+nb+"questions", "✎"+nb+"note", disagreeGlyph+nb+"reviewers"+nb+"disagree")
	text := []struct{ title, body string }{
		{"Marks", strings.Join(marks, "   ")},
		{"Thread filter", "an author, or stance:<word>, question, note, disagree"},
	}
	var out []string
	for _, t := range text {
		out = append(out, st.HelpTitle.Render(t.title))
		for _, l := range strings.Split(ansi.Wrap(t.body, width, ""), "\n") {
			out = append(out, st.HelpDesc.Render(l))
		}
	}
	return out
}
