package tui

import (
	"fmt"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"summit/mailview"
	"summit/model/mail"
)

// previewOverlay shows the agenda (p) as the export writes it, rendered
// through glamour. The render runs in a command; while the preview is
// open, every change renders it again, and the decision keys (a d f + - [
// ] u ctrl+r) work on the selected topic from inside it, so the agenda
// can be arranged while looking at it.
type previewOverlay struct {
	vp        viewport.Model
	st        Styles
	in        agendaInput // the agenda as it last stood
	id        uint64      // this preview, told from one opened before
	gen       uint64      // the render wanted; older results are dropped
	shown     bool        // the viewport holds a render
	err       error
	screenW   int
	screenH   int // above the status bar; 0 until sized
	boxW      int
	boxH      int
	renderW   int
	rendering bool
}

// previewMaxWidth is the preview's widest box.
const previewMaxWidth = 110

func newPreviewOverlay(id uint64, in agendaInput) *previewOverlay {
	return &previewOverlay{vp: viewport.New(), id: id, in: in}
}

// setSize fits the preview to the screen and renders the agenda for it.
func (p *previewOverlay) setSize(screenW, bodyH int) tea.Cmd {
	p.screenW, p.screenH = screenW, bodyH
	return p.layout()
}

// setStyles follows the background: the agenda is rendered in its colours.
func (p *previewOverlay) setStyles(st Styles) tea.Cmd {
	p.st = st
	return p.layout()
}

// layout fits the box to the screen in the current styles and renders the
// agenda again, the old rendering hidden: it has the wrong width or
// colours. Nothing is rendered before the preview has its size.
func (p *previewOverlay) layout() tea.Cmd {
	if p.screenH == 0 {
		return nil
	}
	// Wide enough for the agenda's table, no wider: glamour stretches a
	// table's columns to the width it is given.
	p.boxW = max(min(p.screenW, previewMaxWidth), 20)
	p.boxH = max(p.screenH, 5)
	p.renderW = max(p.boxW-p.st.HelpBox.GetHorizontalFrameSize(), 10)
	p.vp.SetWidth(p.renderW)
	p.vp.SetHeight(max(p.boxH-p.st.HelpBox.GetVerticalFrameSize()-2, 1))
	p.shown = false
	return p.render()
}

// render starts a render of the agenda as it last stood.
func (p *previewOverlay) render() tea.Cmd {
	p.gen++
	p.rendering = true
	return previewCmd(p.id, p.gen, p.in, p.renderW, p.st.Dark, p.st.Plain)
}

// passes lets the triage keys of the topic through to the root.
func (p *previewOverlay) passes(k tea.KeyPressMsg, keys KeyMap) bool {
	for _, b := range []key.Binding{keys.Accept, keys.Decline, keys.Defer, keys.Longer, keys.Shorter,
		keys.MoveUp, keys.MoveDown, keys.Undo, keys.Redo, keys.AddSession} {
		if key.Matches(k, b) {
			return true
		}
	}
	return false
}

func (p *previewOverlay) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	var k tea.KeyPressMsg
	switch msg := msg.(type) {
	case previewMsg:
		p.rendered(msg)
		return true, nil
	case triageMsg:
		// Every change renders the agenda again; the old rendering stays
		// in view meanwhile.
		p.in = msg.agenda
		return true, p.render()
	case tea.KeyPressMsg:
		k = msg
	default:
		return true, nil
	}
	switch {
	case key.Matches(k, keys.CloseOverlay), key.Matches(k, keys.Preview):
		return false, nil
	case key.Matches(k, keys.Export):
		// e writes what is shown: the root opens the field for it.
		f := p.in.format
		return false, func() tea.Msg { return exportMsg{f} }
	case key.Matches(k, keys.NextFormat):
		// The root keeps the choice, for e and the next preview.
		p.in.format = (p.in.format + 1) % numFormats
		p.shown = false
		f := p.in.format
		return true, tea.Batch(p.render(), func() tea.Msg { return formatMsg{f} })
	case key.Matches(k, keys.Down):
		p.vp.ScrollDown(1)
	case key.Matches(k, keys.Up):
		p.vp.ScrollUp(1)
	case key.Matches(k, keys.PageDown):
		p.vp.PageDown()
	case key.Matches(k, keys.PageUp):
		p.vp.PageUp()
	case key.Matches(k, keys.Top):
		p.vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		p.vp.GotoBottom()
	}
	return true, nil
}

// rendered takes a finished render if it is the latest one asked for.
func (p *previewOverlay) rendered(msg previewMsg) {
	if msg.id != p.id || msg.gen != p.gen {
		return
	}
	p.rendering = false
	p.err = msg.err
	if msg.err != nil {
		return
	}
	y := p.vp.YOffset()
	p.vp.SetContent(msg.out)
	if p.shown {
		p.vp.SetYOffset(y)
	}
	p.shown = true
}

func (p *previewOverlay) view() string {
	st := p.st
	inner := p.renderW
	title := fmt.Sprintf("Agenda preview · %s · live · %d%%", p.in.format.label(), int(p.vp.ScrollPercent()*100+0.5))
	if p.rendering && p.shown {
		title += " · updating…"
	}
	lines := []string{st.HelpTitle.Render(fit(title, inner))}
	switch {
	case p.err != nil:
		for _, l := range hang("", "cannot show "+p.in.format.String()+": "+p.err.Error(), inner, ink{}) {
			lines = append(lines, st.StatusErr.Render(fit(l, inner)))
		}
	case !p.shown:
		lines = append(lines, st.ink.placeholder.paint(fit("rendering…", inner)))
	default:
		for _, l := range strings.Split(p.vp.View(), "\n") {
			lines = append(lines, fit(l, inner))
		}
	}
	for len(lines) < p.vp.Height()+1 {
		lines = append(lines, fit("", inner))
	}
	lines = append(lines, st.HelpDesc.Render(fit("tab markdown/mail/replies · j/k/space/b scroll · a d f + - [ ] decide · u undo · e writes this · q close", inner)))
	return st.HelpBox.Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// openPreview opens the agenda preview, which starts its render.
func (m *Model) openPreview() tea.Cmd {
	if m.archive == nil {
		return nil
	}
	m.previews++
	return m.openOverlay(newPreviewOverlay(m.previews, m.agendaInput()))
}

// previewCmd builds the agenda's markdown and renders it through glamour,
// off the UI loop, from what Update copied for it.
func previewCmd(id, gen uint64, in agendaInput, width int, dark, plain bool) tea.Cmd {
	return func() tea.Msg {
		if in.format != formatMarkdown {
			// The mail as it will be sent, in plain text: no markdown.
			data, err := in.bytes()
			if err != nil {
				return previewMsg{id: id, gen: gen, err: err}
			}
			return previewMsg{id: id, gen: gen, out: plainPreview(string(data), width)}
		}
		md := string(in.markdown())
		if width < previewTableWidth {
			md = tablesAsLists(md, width)
		}
		out, err := mailview.RenderMarkdown(md, width, dark, plain)
		return previewMsg{id: id, gen: gen, out: out, err: err}
	}
}

// previewTableWidth is the narrowest preview that shows the agenda's
// tables as tables: below it the overview's eight columns get a few
// cells each (a Length column one character wide, "accepted" cut in two).
const previewTableWidth = 100

// tablesAsLists is the agenda's markdown for a narrow preview: each
// table too wide for width becomes a list, one item per row, its first
// cells leading in bold and the others as "column: value". The exported
// file keeps its tables; only what the preview renders changes.
func tablesAsLists(md string, width int) string {
	lines := strings.Split(md, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		head := tableCells(lines[i])
		if head == nil || i+1 >= len(lines) || !isDelimiterRow(lines[i+1]) || !tooWide(head, width) {
			out = append(out, lines[i])
			continue
		}
		i += 2
		for ; i < len(lines); i++ {
			row := tableCells(lines[i])
			if row == nil {
				break
			}
			out = append(out, tableRowItem(head, row))
		}
		i-- // the line after the table is kept
	}
	return strings.Join(out, "\n")
}

// tooWide reports whether a table of these columns reads badly at width:
// about a dozen cells a column, more for a narrow screen.
func tooWide(head []string, width int) bool {
	return len(head) > 3 || width < 60
}

// tableRowItem is one row as a list item: "- #1 **Topic** · Proposed by:
// Ann · Status: accepted". A leading "#" column joins the next cell.
func tableRowItem(head, row []string) string {
	var lead string
	parts := []string{}
	for i, cell := range row {
		if i >= len(head) {
			break
		}
		switch {
		case i == 0 && head[0] == "#" && len(row) > 1:
			lead = "#" + cell + " " // "1." would start a list in the item
		case lead != "" && i == 1, lead == "" && i == 0:
			if cell != "" {
				lead += "**" + cell + "**"
			}
		case cell == "" || cell == "-" && head[i] != "-":
		case len(head[i]) == 1 && !unicode.IsLetter(rune(head[i][0])):
			parts = append(parts, head[i]+cell) // "+2", "-0"
		default:
			// A no-break space holds the value to its column's name.
			parts = append(parts, head[i]+":\u00a0"+cell)
		}
	}
	return "- " + strings.Join(append([]string{lead}, parts...), " · ")
}

// tableCells splits a markdown table row into its cells, nil when the
// line is not one; an escaped \| stays inside its cell.
func tableCells(line string) []string {
	t := strings.TrimSpace(line)
	if len(t) < 2 || t[0] != '|' || t[len(t)-1] != '|' || strings.HasSuffix(t, `\|`) {
		return nil
	}
	t = t[1 : len(t)-1]
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t):
			cur.WriteByte(t[i])
			cur.WriteByte(t[i+1])
			i++
		case t[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(t[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// isDelimiterRow is a table's second line: "|---|:--:|".
func isDelimiterRow(line string) bool {
	cells := tableCells(line)
	if cells == nil {
		return false
	}
	for _, c := range cells {
		if strings.Trim(c, ":-") != "" || !strings.Contains(c, "-") {
			return false
		}
	}
	return true
}

// formatMsg tells the root the format the preview now shows, which the
// next preview opens on and e outside the preview writes.
type formatMsg struct{ format exportFormat }

// exportMsg is e in the preview: write the format it shows.
type exportMsg struct{ format exportFormat }

// plainPreview is a mail export as the preview shows it: cleaned of what
// could reach the terminal as a control sequence (the subjects and names
// come from mail), each line wrapped to the width.
func plainPreview(text string, width int) string {
	text = mail.CleanText(strings.ReplaceAll(text, "\t", "    "), true)
	var out []string
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		out = append(out, strings.Split(ansi.Wrap(l, width, ""), "\n")...)
	}
	return strings.Join(out, "\n")
}
