package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
)

// previewOverlay shows the agenda (p) as the export writes it, rendered
// through glamour. The render runs in a command; while the preview is
// open, every change renders it again, and the decision keys (a d f + - [
// ] u ctrl+r) work on the selected topic from inside it, so the agenda
// can be arranged while looking at it.
type previewOverlay struct {
	vp        viewport.Model
	gen       uint64 // the render wanted; older results are dropped
	shown     bool   // the viewport holds a render
	err       error
	boxW      int
	boxH      int
	renderW   int
	rendering bool
}

// previewMaxWidth is the preview's widest box.
const previewMaxWidth = 110

func newPreviewOverlay() *previewOverlay {
	return &previewOverlay{vp: viewport.New()}
}

// resize fits the preview to the screen above the status bar.
func (p *previewOverlay) resize(st Styles, screenW, bodyH int) {
	// Wide enough for the agenda's table, no wider: glamour stretches a
	// table's columns to the width it is given.
	p.boxW = max(min(screenW, previewMaxWidth), 20)
	p.boxH = max(bodyH, 5)
	p.renderW = max(p.boxW-st.HelpBox.GetHorizontalFrameSize(), 10)
	p.vp.SetWidth(p.renderW)
	p.vp.SetHeight(max(p.boxH-st.HelpBox.GetVerticalFrameSize()-2, 1))
}

// passes lets the triage keys of the topic through to the root.
func (p *previewOverlay) passes(k tea.KeyPressMsg, keys KeyMap) bool {
	for _, b := range []key.Binding{keys.Accept, keys.Decline, keys.Defer, keys.Longer, keys.Shorter,
		keys.MoveUp, keys.MoveDown, keys.Undo, keys.Redo, keys.Export} {
		if key.Matches(k, b) {
			return true
		}
	}
	return false
}

func (p *previewOverlay) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return true, nil
	}
	switch {
	case key.Matches(k, keys.CloseOverlay), key.Matches(k, keys.Preview):
		return false, nil
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
	if msg.gen != p.gen {
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

func (p *previewOverlay) view(st Styles, width, height int) string {
	inner := p.renderW
	title := fmt.Sprintf("Agenda preview · live · %d%%", int(p.vp.ScrollPercent()*100+0.5))
	if p.rendering && p.shown {
		title += " · updating…"
	}
	lines := []string{st.HelpTitle.Render(fit(title, inner))}
	switch {
	case p.err != nil:
		lines = append(lines, st.StatusErr.Render(fit("cannot render the agenda: "+p.err.Error(), inner)))
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
	lines = append(lines, st.HelpDesc.Render(fit("j/k/space/b scroll · a d f + - [ ] decide · u undo · e export · q close", inner)))
	return st.HelpBox.Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// agendaOptions are the options of the agenda the interface shows and
// writes: the default title, generated today.
func (m *Model) agendaOptions() agenda.Options {
	return agenda.Options{Generated: m.now()}
}

// openPreview opens the agenda preview and starts its render.
func (m *Model) openPreview() tea.Cmd {
	if m.archive == nil {
		return nil
	}
	p := newPreviewOverlay()
	p.resize(m.styles, m.width, m.height-statusHeight)
	m.overlay = p
	return m.refreshPreview()
}

// refreshPreview renders the agenda again if the preview is open.
func (m *Model) refreshPreview() tea.Cmd {
	p, ok := m.overlay.(*previewOverlay)
	if !ok || m.archive == nil {
		return nil
	}
	m.previewGen++
	p.gen = m.previewGen
	p.rendering = true
	// With other reviewers' files, the agenda merges them with yours, as
	// the export command does.
	ann := m.agendaAnnotations()
	return previewCmd(p.gen, m.archive, ann, m.agendaOptions(), p.renderW, m.dark, m.plain)
}

// previewCmd builds the agenda's markdown and renders it through glamour,
// off the UI loop.
func previewCmd(gen uint64, a *model.Archive, ann annot.Annotations, opt agenda.Options, width int, dark, plain bool) tea.Cmd {
	return func() tea.Msg {
		md := agenda.Build(a, ann, opt).Markdown()
		out, err := renderMarkdown(string(md), width, dark, plain)
		return previewMsg{gen: gen, out: out, err: err}
	}
}

// renderMarkdown renders a markdown document at width, in the reader's
// style for the background, or without colour.
func renderMarkdown(md string, width int, dark, plain bool) (string, error) {
	var st gansi.StyleConfig
	switch {
	case plain:
		st = styles.NoTTYStyleConfig
	case dark:
		st = styles.DarkStyleConfig
	default:
		st = styles.LightStyleConfig
	}
	zero := uint(0)
	st.Document.Margin = &zero
	r, err := glamour.NewTermRenderer(glamour.WithStyles(st), glamour.WithWordWrap(width))
	if err != nil {
		return "", err
	}
	out, err := r.Render(md)
	if err != nil {
		return "", err
	}
	return strings.Trim(out, "\n"), nil
}
