package main

import (
	"image/color"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"summit/mailview"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// showTriage prints the annotations in `summit show` as the reader shows
// them, without its hints for keys: above a message its stance, the
// questions it raised and the note on it; under a topic's heading its
// decision, session length and note. The badges are the reader's (+ - ! ~
// = for stances, ✓ ✗ » for decisions, ? for an open question), in the
// reader's colours when there is colour, and read the same without.
type showTriage struct {
	ann   annot.Annotations
	width int
	plain bool
	// Styles, all empty when plain.
	label, dim, question, answered lipgloss.Style
	stance                         map[annot.Stance]lipgloss.Style
	status                         map[annot.Status]lipgloss.Style
}

func newShowTriage(ann annot.Annotations, opt mailview.RenderOptions) *showTriage {
	t := &showTriage{ann: ann, width: opt.Width, plain: opt.Plain,
		stance: map[annot.Stance]lipgloss.Style{}, status: map[annot.Status]lipgloss.Style{}}
	if opt.Plain {
		return t
	}
	p := mailview.NewPalette(opt.Dark)
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c).Bold(true) }
	t.label = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	t.dim = lipgloss.NewStyle().Foreground(p.Dim)
	t.question = fg(p.Purple)
	t.answered = fg(p.Green)
	t.stance[annot.StanceSupport] = fg(p.Green)
	t.stance[annot.StanceOppose] = fg(p.Red)
	t.stance[annot.StanceConcern] = fg(p.Amber)
	t.stance[annot.StanceAlternative] = fg(p.Blue)
	t.stance[annot.StanceNeutral] = fg(p.Grey)
	t.status[annot.StatusAccepted] = fg(p.Green)
	t.status[annot.StatusDeclined] = fg(p.Red)
	t.status[annot.StatusDeferred] = fg(p.Amber)
	return t
}

// paint renders s in st, or leaves it as it is without colour.
func (t *showTriage) paint(st lipgloss.Style, s string) string {
	if t.plain || s == "" {
		return s
	}
	return st.Render(s)
}

// hang wraps text after a lead (painted, plainWidth columns wide), the
// rows after the first indented under the text.
func (t *showTriage) hang(lead string, leadWidth int, text string, st lipgloss.Style) []string {
	rows := mailview.WrapText(text, max(t.width-leadWidth, 8))
	out := make([]string, len(rows))
	pad := strings.Repeat(" ", leadWidth)
	for i, r := range rows {
		if i == 0 {
			out[i] = lead + t.paint(st, r)
		} else {
			out[i] = pad + t.paint(st, r)
		}
	}
	return out
}

// note is a note's lines under its label, each indented two columns.
func (t *showTriage) note(label, text string) []string {
	out := []string{t.paint(t.label, label)}
	for _, l := range strings.Split(mail.CleanText(text, true), "\n") {
		out = append(out, t.hang("  ", 2, l, lipgloss.NewStyle())...)
	}
	return out
}

// message is the block printed above a message: nothing when it carries
// no annotation.
func (t *showTriage) message(msg *mail.Message) []string {
	n := t.ann.Messages[msg.ID]
	if n.IsZero() {
		return nil
	}
	var out []string
	if n.Stance != annot.StanceNone {
		badge := n.Stance.Glyph() + " " + string(n.Stance)
		out = append(out, t.paint(t.label, "Stance")+" "+t.paint(t.stance[n.Stance], badge))
	}
	if len(n.Questions) > 0 {
		out = append(out, t.paint(t.label, "Questions raised here"))
		for _, q := range n.Questions {
			mark, st := "?", t.question
			text := mail.CleanText(q.Text, false)
			if q.Answered {
				mark, st = "✓", t.answered
				text += " (answered)"
			}
			out = append(out, t.hang(t.paint(st, mark)+" ", 2, text, lipgloss.NewStyle())...)
		}
	}
	if n.Note != "" {
		out = append(out, t.note("Note", n.Note)...)
	}
	return t.fit(out)
}

// topic is what follows a topic's heading: its decision and session
// length ("✓ accepted · 45 min"), its note; nothing while it is undecided
// and carries neither.
func (t *showTriage) topic(tp *thread.Topic) []string {
	n := t.ann.Topics[tp.ID]
	st := agenda.TopicStatus(t.ann, tp.ID)
	var out []string
	if st != annot.StatusUndecided || n.Minutes > 0 {
		decision := st.Glyph() + " " + string(st)
		if n.Minutes > 0 {
			decision += " · " + strconv.Itoa(n.Minutes) + " min"
		}
		out = append(out, t.paint(t.label, "Decision")+" "+t.paint(t.status[st], decision))
	}
	if n.Note != "" {
		out = append(out, t.note("Topic note", n.Note)...)
	}
	return t.fit(out)
}

// fit cuts a line that is still too wide (a label row at a tiny width).
func (t *showTriage) fit(lines []string) []string {
	for i, l := range lines {
		if xansi.StringWidth(l) > t.width {
			lines[i] = xansi.Truncate(l, t.width, "…")
		}
	}
	return lines
}
