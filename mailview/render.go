package mailview

import (
	"fmt"
	"image/color"
	"strings"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"summit/model/mail"
)

// RenderOptions says how to render a message. The UI caches the result per
// message and per options, so everything that changes the output is here.
type RenderOptions struct {
	Width      int  // columns; no output line is wider
	Dark       bool // dark terminal background
	FoldQuotes bool // long quoted runs become one line
	Plain      bool // no colour and no escape codes at all (pipes, NO_COLOR)
}

const (
	defaultRenderWidth = 80
	// minQuoteWidth is the narrowest column quoted text is given; deeper
	// quotes than fit draw fewer bars rather than squeeze the text.
	minQuoteWidth    = 16
	headerLabelWidth = len("Subject: ")
)

// RenderMessage renders a message for the reader pane: a header (From,
// Date, Subject, attachments, warnings), then the body cut into blocks by
// ParseMail. Prose goes through glamour with its markdown escaped, and is
// wrapped here at the width left by its quote bars, which are drawn here
// too (glamour mis-wraps nested block quotes); where that width is less
// than a paragraph's lines, the lines its mailer wrapped are joined
// (reflowGroups). Diffs, code, signatures and trailers keep their lines.
// A line too long for the width breaks at white space, a word that fits
// moving whole to the next row; a longer word (a URL) breaks after
// punctuation, its next row marked with ContinuationMark, as is every
// continued row of code. No word is lost and no line is wider than
// opt.Width. Every string from the mail is cleaned of control and
// invisible format characters first. It builds its own glamour renderers,
// so several goroutines may call it at once.
func RenderMessage(msg *mail.Message, body *mail.Body, opt RenderOptions) (string, error) {
	if opt.Width <= 0 {
		opt.Width = defaultRenderWidth
	}
	r := &mailRenderer{opt: opt, pal: newMailStyles(opt.Dark, opt.Plain), glam: map[bool]*glamour.TermRenderer{}}
	if msg != nil {
		r.header(msg, body)
	}
	if body != nil {
		if err := r.body(ParseMail(dropFormatChars(mail.CleanText(body.Text, true)))); err != nil {
			return "", err
		}
	}
	return r.finish(), nil
}

// mailStyles are the styles of a render, derived from the Palette; all
// empty when plain.
type mailStyles struct {
	label, value, dim, fold                    lipgloss.Style
	bars                                       []lipgloss.Style
	quoteText                                  string // glamour colour of quoted text
	diffAdd, diffDel, diffHunk, diffMeta, code lipgloss.Style
	trailerGood, trailerBad, trailerKey        lipgloss.Style
}

func newMailStyles(dark, plain bool) mailStyles {
	if plain {
		return mailStyles{bars: []lipgloss.Style{lipgloss.NewStyle()}}
	}
	p := NewPalette(dark)
	fg := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	s := mailStyles{
		label:       fg(p.Label).Bold(true),
		value:       lipgloss.NewStyle(),
		dim:         fg(p.MailDim),
		fold:        fg(p.Fold).Italic(true),
		diffAdd:     fg(p.DiffAdd),
		diffDel:     fg(p.DiffDel),
		diffHunk:    fg(p.DiffHunk),
		diffMeta:    lipgloss.NewStyle().Bold(true),
		code:        fg(p.Code),
		trailerGood: fg(p.DiffAdd),
		trailerBad:  fg(p.DiffDel),
		trailerKey:  lipgloss.NewStyle().Bold(true),
		quoteText:   p.QuoteText,
	}
	// One colour per depth, dimmed, cycling for deep quotes.
	for _, c := range p.QuoteBars {
		s.bars = append(s.bars, fg(c))
	}
	return s
}

// mailRenderer accumulates the rendered message as segments separated by
// blank lines; it lives for one RenderMessage call.
type mailRenderer struct {
	opt      RenderOptions
	pal      mailStyles
	glam     map[bool]*glamour.TermRenderer // by whether the text is quoted
	segments []segment
}

// segment is a run of output lines drawn at one quote depth (its bars are
// added at the end, so blank lines between quotes can carry them too).
type segment struct {
	depth int
	lines []string
}

func (r *mailRenderer) add(depth int, lines []string) {
	if len(lines) > 0 {
		r.segments = append(r.segments, segment{depth: depth, lines: lines})
	}
}

// header lays out From, Date, Subject, attachments and warnings.
func (r *mailRenderer) header(msg *mail.Message, body *mail.Body) {
	var lines []string
	from := clean(msg.From.Display())
	if msg.From.Email != "" && msg.From.Name != "" {
		from += " <" + clean(msg.From.Email) + ">"
	}
	lines = append(lines, r.field("From:", from)...)
	date := "unknown"
	if !msg.DateUnknown && !msg.Date.IsZero() {
		date = msg.Date.Format("Mon, 2 Jan 2006 15:04 -0700")
	}
	lines = append(lines, r.field("Date:", date)...)
	lines = append(lines, r.field("Subject:", clean(msg.Subject))...)
	warnings := append([]string(nil), msg.Warnings()...)
	if body != nil {
		for _, a := range body.Attachments {
			desc := fmt.Sprintf("%s (%s, %s)", clean(orDefault(a.Name, "unnamed")), clean(orDefault(a.Type, "unknown type")), humanSize(a.Size))
			lines = append(lines, r.field("Attach:", desc)...)
		}
		warnings = append(warnings, body.Warnings...)
	}
	for _, w := range warnings {
		lines = append(lines, r.field("Warning:", clean(w))...)
	}
	r.add(0, lines)
}

// field is one header line, its value wrapped under itself.
func (r *mailRenderer) field(label, value string) []string {
	if r.opt.Width-headerLabelWidth < 10 {
		// Too narrow for a hanging indent: the value goes below.
		return append([]string{r.pal.label.Render(label)}, r.layout(value, r.opt.Width, "", "", false, uniform(r.pal.value))...)
	}
	lead := r.pal.label.Render(fmt.Sprintf("%-*s", headerLabelWidth, label))
	return r.layout(value, r.opt.Width, lead, strings.Repeat(" ", headerLabelWidth), false, uniform(r.pal.value))
}

// body renders the blocks, folding long quoted runs when asked.
func (r *mailRenderer) body(blocks []Block) error {
	for i := 0; i < len(blocks); {
		if r.opt.FoldQuotes {
			if run, ok := quoteRunAt(blocks, i); ok && run.lines >= foldMinLines {
				r.add(0, r.layout("▸ "+clean(FoldLabel(run.lines, run.from)), r.opt.Width, "", "", false, uniform(r.pal.fold)))
				i = run.end
				continue
			}
		}
		b := blocks[i]
		switch b.Kind {
		case BlockProse, BlockQuote, BlockAttribution:
			j := i + 1
			for j < len(blocks) && blocks[j].Depth == b.Depth && isGlamourKind(blocks[j].Kind) {
				j++
			}
			if err := r.prose(blocks[i:j]); err != nil {
				return err
			}
			i = j
			continue
		case BlockDiff:
			r.add(0, r.diff(b.Lines))
		case BlockCode:
			r.add(0, r.hardwrap(b.Lines, func(string) lipgloss.Style { return r.pal.code }))
		case BlockSignature:
			var lines []string
			for _, l := range b.Lines {
				lines = append(lines, r.layout(expandTabs(l), r.opt.Width, "", "", false, uniform(r.pal.dim))...)
			}
			r.add(0, lines)
		case BlockTrailers:
			r.add(0, r.trailers(b.Lines))
		}
		i++
	}
	return nil
}

func isGlamourKind(k BlockKind) bool {
	return k == BlockProse || k == BlockQuote || k == BlockAttribution
}

// barsFor is how many quote bars fit at depth, leaving quoted text at least
// minQuoteWidth columns.
func (r *mailRenderer) barsFor(depth int) int {
	return max(0, min(depth, (r.opt.Width-minQuoteWidth)/2))
}

// prose renders blocks of one depth through glamour, reflowed and
// wrapped to the width their quote bars leave.
func (r *mailRenderer) prose(blocks []Block) error {
	depth := blocks[0].Depth
	width := r.opt.Width - 2*r.barsFor(depth)
	var md strings.Builder
	for k, b := range blocks {
		if k > 0 {
			md.WriteString("\n")
		}
		md.WriteString(blockMarkdownAt(b, "", width))
	}
	tr, err := r.renderer(depth > 0)
	if err != nil {
		return err
	}
	out, err := tr.Render(md.String())
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	rendered := strings.Split(out, "\n")
	for len(rendered) > 0 && rendered[0] == "" {
		rendered = rendered[1:]
	}
	lines := make([]string, 0, len(rendered))
	for _, l := range rendered {
		lines = append(lines, r.wrapANSI(trimPadding(l), width)...)
	}
	for len(lines) > 0 && xansi.Strip(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	r.add(depth, lines)
	return nil
}

// diff hard-wraps a patch, colouring each line (and its continuation) by
// what it is.
func (r *mailRenderer) diff(lines []string) []string {
	return r.hardwrap(lines, func(l string) lipgloss.Style {
		switch {
		case strings.HasPrefix(l, "+++ "), strings.HasPrefix(l, "--- "), strings.HasPrefix(l, "diff "), strings.HasPrefix(l, "index "):
			return r.pal.diffMeta
		case strings.HasPrefix(l, "@@"):
			return r.pal.diffHunk
		case strings.HasPrefix(l, "+"):
			return r.pal.diffAdd
		case strings.HasPrefix(l, "-"):
			return r.pal.diffDel
		}
		return lipgloss.NewStyle()
	})
}

// hardwrap lays out code and diffs without reflowing them: each line
// keeps its shape, a long one continuing on marked rows, broken at white
// space or punctuation rather than inside a word.
func (r *mailRenderer) hardwrap(lines []string, style func(string) lipgloss.Style) []string {
	var out []string
	for _, l := range lines {
		out = append(out, r.layout(expandTabs(l), r.opt.Width, "", "", true, uniform(style(l)))...)
	}
	return out
}

// trailers lists Acked-by, Reviewed-by... with the key marked, approvals
// and refusals coloured.
func (r *mailRenderer) trailers(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.TrimSpace(expandTabs(l))
		key, _, _ := strings.Cut(l, ":")
		st := r.pal.trailerKey
		switch strings.ToLower(key) {
		case "acked-by", "reviewed-by", "tested-by":
			st = r.pal.trailerGood.Bold(!r.opt.Plain)
		case "nacked-by", "naked-by", "nak-by":
			st = r.pal.trailerBad.Bold(!r.opt.Plain)
		}
		split := len(key) + 1
		if !strings.Contains(l, ":") {
			split = 0
		}
		paint := func(line string, from, to int) string {
			var s string
			if from < split {
				s = st.Render(line[from:min(to, split)])
			}
			if to > split {
				s += r.pal.value.Render(line[max(from, split):to])
			}
			return s
		}
		out = append(out, r.layout(l, r.opt.Width, "• ", "  ", false, paint)...)
	}
	return out
}

// bars is the quote-bar prefix of a line at depth: one bar per level, each
// in its own colour.
func (r *mailRenderer) bars(depth int) string {
	var b strings.Builder
	for k := 0; k < r.barsFor(depth); k++ {
		b.WriteString(r.pal.bars[k%len(r.pal.bars)].Render("│"))
		b.WriteString(" ")
	}
	return b.String()
}

// finish joins the segments: a blank line between segments, carrying the
// bars both neighbours share so a quote does not look cut in two.
func (r *mailRenderer) finish() string {
	var out []string
	for k, s := range r.segments {
		if k > 0 {
			shared := min(s.depth, r.segments[k-1].depth)
			out = append(out, strings.TrimRight(r.bars(shared), " "))
		}
		prefix := r.bars(s.depth)
		for _, l := range s.lines {
			out = append(out, strings.TrimRight(prefix, " ")+spaceIf(prefix != "" && l != "")+l)
		}
	}
	// Safety net: nothing may be wider than asked, whatever a library did.
	for k, l := range out {
		if xansi.StringWidth(l) > r.opt.Width {
			out[k] = xansi.Hardwrap(l, r.opt.Width, true)
		}
	}
	s := strings.Join(out, "\n") + "\n"
	if r.opt.Plain {
		s = xansi.Strip(s)
	}
	return s
}

func spaceIf(b bool) string {
	if b {
		return " "
	}
	return ""
}

// trimPadding removes the spaces glamour pads every line with (each in its
// own colour sequence), keeping hyperlink ends and closing the style.
func trimPadding(line string) string {
	lastVisible := -1 // end of the last non-space visible character
	for i := 0; i < len(line); {
		if n := escapeSeqLen(line[i:]); n > 0 {
			i += n
			continue
		}
		if line[i] != ' ' {
			_, size := decodeRune(line[i:])
			lastVisible = i + size
			i += size
			continue
		}
		i++
	}
	if lastVisible < 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(line[:lastVisible])
	droppedSGR := false
	for i := lastVisible; i < len(line); {
		if n := escapeSeqLen(line[i:]); n > 0 {
			if line[i+1] == ']' {
				b.WriteString(line[i : i+n]) // OSC: a hyperlink end
			} else {
				droppedSGR = true
			}
			i += n
			continue
		}
		i++
	}
	if droppedSGR {
		b.WriteString("\x1b[m")
	}
	return b.String()
}

// escapeSeqLen is the length of the CSI or OSC sequence at the start of s,
// 0 if there is none. Only output of glamour and lipgloss is scanned here.
func escapeSeqLen(s string) int {
	if len(s) < 2 || s[0] != 0x1b {
		return 0
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return 2
}

func decodeRune(s string) (rune, int) {
	return utf8.DecodeRuneInString(s)
}

func clean(s string) string {
	return dropFormatChars(mail.CleanText(s, false))
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// humanSize is a byte count for people: 812 B, 12 KB, 1.4 MB.
func humanSize(n int) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
	}
}
