package mailview

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is every colour summit draws with, for one background. The
// mail's styles here and the interface's styles and badges (package tui)
// are all derived from it, so each colour is chosen once, in NewPalette,
// and a role that shares a colour with another (saved and support are
// the same green) cannot drift from it. It lives here because mailview is
// the lowest package that draws and the interface imports it. Under
// NO_COLOR none of it is used.
type Palette struct {
	// The interface's text and chrome.
	Fg            color.Color // rows and the status bar's text
	Dim           color.Color // secondary text: dates, hints, pane titles
	Faint         color.Color // tree glyphs, undecided topics
	Subtle        color.Color // the pane separator
	Accent        color.Color // the focused title, keys, labels, counts
	OnAccent      color.Color // text on the accent
	Selection     color.Color // background of the selected row
	SelectionBlur color.Color // the same in a pane without the focus
	Author        color.Color
	Bar           color.Color // the status bar's background

	// States and badges; the names say the hue because each serves
	// several roles.
	Green  color.Color // saved, support, accepted
	Amber  color.Color // unsaved, concern, deferred
	Red    color.Color // oppose, declined
	Err    color.Color // a failure in the status bar
	Blue   color.Color // alternative
	Grey   color.Color // neutral
	Purple color.Color // open questions
	Muted  color.Color // suggestions, never applied without a key
	Yellow color.Color // reviewers disagree

	// The mail in the reader and in `summit show`.
	Label     color.Color // header labels (From:, Date:...)
	MailDim   color.Color // signatures
	Fold      color.Color // a folded quote's line
	Code      color.Color
	DiffAdd   color.Color // added lines, approving trailers
	DiffDel   color.Color // removed lines, refusing trailers
	DiffHunk  color.Color
	QuoteBars []color.Color // one per quote depth, cycling for deeper ones
	// QuoteText is the colour of quoted prose, as glamour takes it (a
	// string, not a color.Color).
	QuoteText string
}

// NewPalette is the palette for a dark or light background: each colour
// as its light value, then its dark one.
func NewPalette(dark bool) Palette {
	pick := func(light, darkValue string) string {
		if dark {
			return darkValue
		}
		return light
	}
	c := func(light, darkValue string) color.Color { return lipgloss.Color(pick(light, darkValue)) }
	return Palette{
		Fg:            c("#1A1A1A", "#E6E6E6"),
		Dim:           c("#6E6E6E", "#8A8A8A"),
		Faint:         c("#9A9A9A", "#5F5F5F"),
		Subtle:        c("#C8C8C8", "#444444"),
		Accent:        c("#5A3FC0", "#B4A0FF"),
		OnAccent:      c("#FFFFFF", "#1A1A1A"),
		Selection:     c("#D9D2F5", "#3B3363"),
		SelectionBlur: c("#ECECEC", "#2A2A2A"),
		Author:        c("#005F87", "#87D7FF"),
		Bar:           c("#E4E4E4", "#262626"),

		Green:  c("#2E7D32", "#81C784"),
		Amber:  c("#A15C00", "#FFB74D"),
		Red:    c("#C62828", "#FF8A80"),
		Err:    c("#B71C1C", "#FF8A80"),
		Blue:   c("#1565C0", "#64B5F6"),
		Grey:   c("#616161", "#BDBDBD"),
		Purple: c("#6A1B9A", "#CE93D8"),
		Muted:  c("#8A8A8A", "#6E6E6E"),
		Yellow: c("#9E7C00", "#FFEB3B"),

		// The mail's colours are 256-colour indices: they sit with
		// glamour's own styles, which use the same.
		Label:    c("61", "141"),
		MailDim:  c("246", "242"),
		Fold:     c("243", "245"),
		Code:     c("94", "180"),
		DiffAdd:  c("28", "42"),
		DiffDel:  c("124", "203"),
		DiffHunk: c("25", "39"),
		QuoteBars: []color.Color{
			c("61", "62"), c("30", "36"), c("130", "136"), c("127", "133"), c("24", "67"),
		},
		QuoteText: pick("241", "244"),
	}
}
