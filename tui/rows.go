package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Helpers to lay out fixed-size blocks of lines. The panes are joined line
// by line rather than with lipgloss.JoinHorizontal, which measures and pads
// every line again: the layout is known, so each line is built at its width.

// fit truncates or pads s (which may hold ANSI codes) to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// isASCII reports whether s is plain ASCII, whose width is its length:
// most of what the lists show, measured without grapheme segmentation.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// textWidth is the width of text without escape codes.
func textWidth(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return ansi.StringWidth(s)
}

// fitText is fit for text without escape codes, fast for ASCII.
func fitText(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if !isASCII(s) {
		return fit(s, w)
	}
	switch {
	case len(s) > w:
		return s[:w-1] + "…"
	case len(s) < w:
		return s + strings.Repeat(" ", w-len(s))
	}
	return s
}

// clip shortens plain text to at most w cells with an ellipsis, without
// padding.
func clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	if isASCII(s) {
		return s[:w-1] + "…"
	}
	return ansi.Truncate(s, w, "…")
}

// clipLeft shortens text from the left (for paths, whose end matters).
func clipLeft(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw <= w {
		return s
	}
	return "…" + ansi.TruncateLeft(s, sw-w+1, "")
}

// block makes lines exactly h lines, adding blank ones of w cells. The
// lines themselves must already be w cells wide (every pane builds its
// lines at its width), so they are not measured again.
func block(lines []string, w, h int) []string {
	if len(lines) >= h {
		return lines[:h]
	}
	blank := strings.Repeat(" ", max(w, 0))
	for len(lines) < h {
		lines = append(lines, blank)
	}
	return lines
}
