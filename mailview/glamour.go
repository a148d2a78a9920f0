package mailview

import (
	"fmt"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// glamourStyle is the one place summit chooses glamour's style: the
// standard dark or light style, or notty without colour, with the
// document margin removed, since every caller lays out its own margins
// and a margin would add columns the width does not allow for.
func glamourStyle(dark, plain bool) ansi.StyleConfig {
	var st ansi.StyleConfig
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
	return st
}

// proseStyle is glamour's style for a mail's prose: also without the blank
// lines around the document (the renderer places blocks itself), without
// the asterisks the notty style marks emphasis with (mail has none), and
// with quoted text in a dimmer colour.
func (r *mailRenderer) proseStyle(quoted bool) ansi.StyleConfig {
	st := glamourStyle(r.opt.Dark, r.opt.Plain)
	st.Document.BlockPrefix = ""
	st.Document.BlockSuffix = ""
	if r.opt.Plain {
		st.Emph = ansi.StylePrimitive{}
		st.Strong = ansi.StylePrimitive{}
	}
	if quoted && !r.opt.Plain {
		c := r.pal.quoteText
		st.Document.Color = &c
	}
	return st
}

// renderer returns the glamour renderer for quoted or unquoted prose,
// made on first use. It does not wrap (with no width, glamour neither
// wraps nor pads): the renderer wraps glamour's lines itself, at white
// space only, where glamour would also break words at hyphens
// ("linux-" / "foundation.org"). Renderers are not safe for concurrent
// use, and each RenderMessage call has its own.
func (r *mailRenderer) renderer(quoted bool) (*glamour.TermRenderer, error) {
	if tr, ok := r.glam[quoted]; ok {
		return tr, nil
	}
	tr, err := glamour.NewTermRenderer(
		glamour.WithStyles(r.proseStyle(quoted)),
		glamour.WithWordWrap(0),
		glamour.WithPreservedNewLines(),
	)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	r.glam[quoted] = tr
	return tr, nil
}

// RenderMarkdown renders a markdown document (the agenda) at width, in the
// reader's style for the background, or without colour when plain. Unlike
// mail, it is real markdown: lines are reflowed and emphasis is shown. It
// builds its own renderer, so several goroutines may call it at once.
func RenderMarkdown(md string, width int, dark, plain bool) (string, error) {
	r, err := glamour.NewTermRenderer(glamour.WithStyles(glamourStyle(dark, plain)), glamour.WithWordWrap(width))
	if err != nil {
		return "", err
	}
	out, err := r.Render(md)
	if err != nil {
		return "", err
	}
	return strings.Trim(out, "\n"), nil
}
