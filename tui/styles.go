package tui

import (
	"strings"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"summit/mailview"
)

// Styles is every style of the interface, built for one background. It is
// rebuilt when the terminal reports its background colour, so no colour is
// chosen before the terminal has been asked (no AdaptiveColor).
type Styles struct {
	Dark  bool
	Plain bool // NO_COLOR: attributes only, no colour

	// Pane titles: the focused pane is the one that stands out.
	Title        lipgloss.Style
	TitleFocused lipgloss.Style
	Separator    lipgloss.Style

	// List rows.
	Row          lipgloss.Style
	Cursor       lipgloss.Style // the selected row of the focused pane
	CursorBlur   lipgloss.Style // the selected row of another pane
	Count        lipgloss.Style
	Author       lipgloss.Style
	Dim          lipgloss.Style
	Tree         lipgloss.Style
	Missing      lipgloss.Style
	Placeholder  lipgloss.Style
	FilterPrompt lipgloss.Style
	Input        textinput.Styles // the filters and one-line fields
	Note         textarea.Styles  // the note editor

	// Status bar.
	Status     lipgloss.Style
	StatusKey  lipgloss.Style
	StatusOK   lipgloss.Style
	StatusWarn lipgloss.Style
	StatusErr  lipgloss.Style
	Hint       lipgloss.Style
	HintKey    lipgloss.Style
	Progress   lipgloss.Style

	// Help overlay.
	HelpBox   lipgloss.Style
	HelpTitle lipgloss.Style
	HelpKey   lipgloss.Style
	HelpDesc  lipgloss.Style

	ink   inks
	badge badgeInks
}

// ink is a style reduced to the escape codes around its text. The list
// rows are drawn every frame, a few hundred pieces at 160x48; pasting
// two strings around each costs nothing, while lipgloss's Render
// measures, wraps and pads again. Only for styles without size or
// spacing.
type ink struct{ pre, post string }

func inkOf(s lipgloss.Style) ink {
	out := s.Render("X")
	i := strings.Index(out, "X")
	if i < 0 {
		return ink{}
	}
	return ink{pre: out[:i], post: out[i+1:]}
}

// paint wraps text in the ink's codes.
func (k ink) paint(text string) string {
	if k.pre == "" || text == "" {
		return text
	}
	return k.pre + text + k.post
}

// inks are the row styles as inks.
type inks struct {
	row, cursor, cursorBlur, count, author, dim, tree, missing ink
	title, titleFocused, separator, placeholder, hint, hintKey ink
}

// withInks fills the inks from the styles.
func (s Styles) withInks() Styles {
	s.ink = inks{
		row: inkOf(s.Row), cursor: inkOf(s.Cursor), cursorBlur: inkOf(s.CursorBlur),
		count: inkOf(s.Count), author: inkOf(s.Author), dim: inkOf(s.Dim),
		tree: inkOf(s.Tree), missing: inkOf(s.Missing),
		title: inkOf(s.Title), titleFocused: inkOf(s.TitleFocused),
		separator: inkOf(s.Separator), placeholder: inkOf(s.Placeholder),
		hint: inkOf(s.Hint), hintKey: inkOf(s.HintKey),
	}
	return s
}

// NewStyles builds the styles for a dark or light background, from the
// palette the reader's mail colours come from too.
func NewStyles(isDark bool) Styles {
	p := mailview.NewPalette(isDark)
	accent, dim, fg := p.Accent, p.Dim, p.Fg

	s := Styles{Dark: isDark}
	s.Title = lipgloss.NewStyle().Foreground(dim).Bold(true)
	s.TitleFocused = lipgloss.NewStyle().Foreground(p.OnAccent).Background(accent).Bold(true)
	s.Separator = lipgloss.NewStyle().Foreground(p.Subtle)
	s.Row = lipgloss.NewStyle().Foreground(fg)
	s.Cursor = lipgloss.NewStyle().Foreground(fg).Background(p.Selection).Bold(true)
	s.CursorBlur = lipgloss.NewStyle().Foreground(fg).Background(p.SelectionBlur)
	s.Count = lipgloss.NewStyle().Foreground(accent)
	s.Author = lipgloss.NewStyle().Foreground(p.Author)
	s.Dim = lipgloss.NewStyle().Foreground(dim)
	s.Tree = lipgloss.NewStyle().Foreground(p.Faint)
	s.Missing = lipgloss.NewStyle().Foreground(dim).Italic(true)
	s.Placeholder = lipgloss.NewStyle().Foreground(dim).Italic(true)
	s.FilterPrompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Input = textinput.DefaultStyles(isDark)
	s.Input.Cursor.Blink = false // a blinking cursor redraws the screen twice a second for nothing
	s.Note = textarea.DefaultStyles(isDark)
	s.Note.Cursor.Blink = false

	s.Status = lipgloss.NewStyle().Foreground(fg).Background(p.Bar)
	s.StatusKey = s.Status.Foreground(accent).Bold(true)
	s.StatusOK = s.Status.Foreground(p.Green)
	s.StatusWarn = s.Status.Foreground(p.Amber)
	s.StatusErr = s.Status.Foreground(p.Err).Bold(true)
	s.Hint = lipgloss.NewStyle().Foreground(dim)
	s.HintKey = lipgloss.NewStyle().Foreground(accent)
	s.Progress = lipgloss.NewStyle().Foreground(accent)

	s.HelpBox = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	s.HelpTitle = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.HelpKey = lipgloss.NewStyle().Foreground(fg).Bold(true)
	s.HelpDesc = lipgloss.NewStyle().Foreground(dim)
	return s.withInks()
}

// PlainStyles are the styles under NO_COLOR: no colour at all, the focus
// and the selection shown with bold, reverse and underline.
func PlainStyles(isDark bool) Styles {
	s := Styles{Dark: isDark, Plain: true}
	n := lipgloss.NewStyle
	s.Title = n()
	s.TitleFocused = n().Reverse(true).Bold(true)
	s.Separator = n()
	s.Row = n()
	s.Cursor = n().Reverse(true)
	s.CursorBlur = n().Underline(true)
	s.Count = n()
	s.Author = n().Bold(true)
	s.Dim = n()
	s.Tree = n()
	s.Missing = n().Italic(true)
	s.Placeholder = n().Italic(true)
	s.FilterPrompt = n().Bold(true)
	s.Input = plainInputStyles()
	s.Note = textarea.Styles{} // no colour, and no blink
	s.Status = n().Reverse(true)
	s.StatusKey = s.Status.Bold(true)
	s.StatusOK = s.Status
	s.StatusWarn = s.Status
	s.StatusErr = s.Status.Bold(true)
	s.Hint = n()
	s.HintKey = n().Bold(true)
	s.Progress = n()
	s.HelpBox = n().Border(lipgloss.NormalBorder()).Padding(0, 1)
	s.HelpTitle = n().Bold(true).Underline(true)
	s.HelpKey = n().Bold(true)
	s.HelpDesc = n()
	return s.withInks()
}

// plainInputStyles strips the colours from the text input's defaults.
func plainInputStyles() textinput.Styles {
	var st textinput.Styles
	st.Cursor = textinput.DefaultStyles(true).Cursor
	st.Cursor.Color = nil
	st.Cursor.Blink = false
	return st
}

// stylesFor picks the styles for a background and the NO_COLOR setting.
func stylesFor(isDark, plain bool) Styles {
	var s Styles
	if plain {
		s = PlainStyles(isDark)
	} else {
		s = NewStyles(isDark)
	}
	s.badge = newBadgeInks(isDark, plain)
	return s
}
