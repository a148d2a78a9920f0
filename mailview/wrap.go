package mailview

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// ContinuationMark starts a row that continues a line broken inside a
// word, or any continued line of code or a diff, so a reader can tell a
// wrapped line from the mail's next one. It is one column wide, and
// stripped with the white space when what was shown is compared with the
// mail.
const ContinuationMark = "↪"

const continuationMarkWidth = 1

// dropFormatChars removes the invisible format characters (Unicode
// category Cf: U+FEFF, U+200B, soft hyphens, word joiners...) that
// terminals disagree about, some drawing them a column wide: a U+FEFF
// made an 80-column line 81 wide. The joiners U+200C and U+200D stay:
// they shape words in some scripts and hold emoji together. Bidi
// controls are already gone (mail.CleanText).
func dropFormatChars(s string) string {
	if !hasFormatChar(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDroppedFormat(r) {
			return -1
		}
		return r
	}, s)
}

func hasFormatChar(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isDroppedFormat(r) {
			return true
		}
		i += size - 1
	}
	return false
}

func isDroppedFormat(r rune) bool {
	return r >= 0xad && r != 0x200c && r != 0x200d && unicode.Is(unicode.Cf, r)
}

// cell is one grapheme cluster of a line as the terminal shows it, with
// the escape sequences written just before it.
type cell struct {
	pre   string // escape sequences before the cluster
	text  string
	width int
	space bool // white space a row may break at (a no-break space is not)
	blank bool // white space, no-break spaces included: indentation
	wide  bool // a wide (CJK) character: a row may break on either side
}

// cellsOf cuts a line into cells; tail holds the escape sequences after
// the last one. The line holds no newline and no tab.
func cellsOf(s string) (cells []cell, tail string) {
	cells = make([]cell, 0, len(s))
	esc := 0 // where the escape sequences before the next cell start
	for i := 0; i < len(s); {
		if n := escapeSeqLen(s[i:]); n > 0 {
			i += n
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			cells = append(cells, cell{pre: s[esc:i], text: s[i : i+1], width: 1, space: c == ' ', blank: c == ' '})
			i++
			esc = i
			continue
		}
		cl, w := xansi.FirstGraphemeCluster(s[i:], xansi.GraphemeWidth)
		if cl == "" {
			cl, w = s[i:i+1], 1
		}
		r, _ := utf8.DecodeRuneInString(cl)
		blank := unicode.IsSpace(r)
		cells = append(cells, cell{pre: s[esc:i], text: cl, width: w, space: blank && r != '\u00a0', blank: blank, wide: w == 2})
		i += len(cl)
		esc = i
	}
	return cells, s[esc:]
}

// span is one row of a broken line: the cells [start, end) shown but for
// [hideFrom, hideTo), indentation shed so a word fits; the white space
// before start (at a break) is hidden too.
type span struct {
	start, end       int
	hideFrom, hideTo int
	cont             bool // the row starts with the continuation mark
}

// shown reports whether the row shows cell i.
func (sp span) shown(i int) bool {
	return i >= sp.start && i < sp.end && (i < sp.hideFrom || i >= sp.hideTo)
}

// breakRows breaks a line of cells into rows of at most width columns.
// A row breaks at white space (or beside a wide CJK character) where it
// can, so a word that fits the width is never split: it moves to the next
// row whole. Only a word longer than a row is split, after punctuation
// where there is some (a URL at a slash), and the row that continues it
// starts with the continuation mark. With code set every continued row
// is marked, since a row of code cannot be told from the next line of it.
// Rows after the first are hang columns narrower (their indentation).
func breakRows(cs []cell, width int, code bool, hang int) []span {
	markW := continuationMarkWidth
	if width < 2*continuationMarkWidth+2 {
		markW = 0 // too narrow to spend a column on the mark
	}
	var rows []span
	start, cont := 0, false
	for {
		if len(rows) > 0 {
			for start < len(cs) && cs[start].space {
				start++
			}
			if start == len(cs) {
				break
			}
		}
		avail := width
		if len(rows) > 0 {
			avail -= hang
		}
		if cont {
			avail -= markW
		}
		hf, ht := 0, 0
		if len(rows) == 0 {
			hf, ht = shedIndent(cs, avail)
		}
		e, w := start, 0
		for e < len(cs) && (w+cs[e].width <= avail || e >= hf && e < ht) {
			if e < hf || e >= ht {
				w += cs[e].width
			}
			e++
		}
		if e == len(cs) {
			rows = append(rows, span{start: start, end: e, hideFrom: hf, hideTo: ht, cont: cont})
			break
		}
		if e == start {
			e++ // one cluster wider than the row: it goes alone
		}
		b, atSpace := breakPoint(cs, max(start, ht), e, avail, width-hang-markW)
		rows = append(rows, span{start: start, end: b, hideFrom: hf, hideTo: ht, cont: cont})
		start = b
		cont = markW > 0 && (code || !atSpace)
	}
	return rows
}

// shedIndent returns the cells of a line's indentation to hide so that
// its first word is not split: an indented word that fits the width alone
// is shown less indented rather than cut, or moved alone to a row of its
// own. A diff's + or - before the indentation stays, with a space.
func shedIndent(cs []cell, avail int) (from, to int) {
	lead, keep := 0, 0
	if len(cs) > 1 && (cs[0].text == "+" || cs[0].text == "-") && cs[1].blank {
		lead, keep = 1, 1
	}
	word := lead
	for word < len(cs) && cs[word].blank {
		word++
	}
	if word == lead || word == len(cs) {
		return 0, 0
	}
	ww := 0
	for end := word; end < len(cs) && !cs[end].space; end++ {
		ww += cs[end].width
	}
	indent := 0
	for _, c := range cs[:word] {
		indent += c.width
	}
	if indent+ww <= avail || lead+keep+ww > avail {
		return 0, 0
	}
	to = lead
	for indent+ww > avail && to < word-keep {
		indent -= cs[to].width
		to++
	}
	return lead, to
}

// breakPoint chooses where a row that would overflow at e ends: at the
// last white space after some text (atSpace), the word after it moving
// to the next row, unless that word is too long for a row of its own
// (contAvail) and a fair piece of it fits here: then, as when one word
// fills the row, the word is split, after punctuation if that leaves the
// row at least a third full, else at e.
func breakPoint(cs []cell, start, e, avail, contAvail int) (int, bool) {
	text := start
	for text < e && cs[text].blank {
		text++
	}
	from := text // where the word to split starts
	for b := e; b > text; b-- {
		if b == len(cs) {
			continue
		}
		if cs[b].space && !cs[b-1].space {
			word := b
			for word < len(cs) && cs[word].space {
				word++
			}
			ww, piece := 0, 0
			for k := word; k < len(cs) && !cs[k].space; k++ {
				ww += cs[k].width
				if k < e {
					piece += cs[k].width
				}
			}
			if ww <= contAvail || piece < max(16, avail/4) {
				return b, true
			}
			from = word
			break
		}
		if (cs[b-1].wide || cs[b].wide) && !cs[b].blank && !noBreakBefore(cs[b].text) && !noBreakAfter(cs[b-1].text) {
			return b, true
		}
	}
	w := 0
	for _, c := range cs[start:e] {
		w += c.width
	}
	for b := e; b > from+1; b-- {
		if w >= max(avail/3, 1) && (breakAfter(cs[b-1].text) || breakBefore(cs[b].text)) {
			return b, false
		}
		w -= cs[b-1].width
	}
	return e, false
}

// breakAfter and breakBefore are the punctuation a long word (a URL, a
// path, a long identifier) is split at.
func breakAfter(s string) bool {
	return len(s) == 1 && strings.ContainsAny(s, "/-_.,;:?&=#)]}>|@+!*~\\")
}

func breakBefore(s string) bool {
	return len(s) == 1 && strings.ContainsAny(s, "([{<%")
}

// noBreakBefore and noBreakAfter keep CJK punctuation with the character it
// closes or opens.
func noBreakBefore(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("，。、；：？！）」』】〕》〉…・ー～,.;:?!)]}", r)
}

func noBreakAfter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("（「『【〔《〈([{", r)
}

// fitsWidth reports whether a line (escape sequences allowed) fits.
func fitsWidth(s string, width int) bool {
	if len(s) <= width {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < 0x20 {
			return xansi.StringWidth(s) <= width
		}
	}
	return false // printable ASCII, one column a byte
}

// mark is the continuation mark as drawn: dim where there is colour.
func (r *mailRenderer) mark() string {
	if r.opt.Plain {
		return ContinuationMark
	}
	return r.pal.dim.Render(ContinuationMark)
}

// wrapANSI breaks a line of styled text (glamour's output) into rows of at
// most width columns, each row carrying the styles and the hyperlink it
// is in, so a link broken over rows stays one link.
func (r *mailRenderer) wrapANSI(line string, width int) []string {
	if fitsWidth(line, width) {
		return []string{line}
	}
	cs, tail := cellsOf(line)
	hang := hangingIndent(cs, width)
	spans := breakRows(cs, width, false, hang)
	var b strings.Builder
	b.Grow(len(line) + 8*len(spans))
	prev := 0
	for k, sp := range spans {
		if k > 0 {
			b.WriteByte('\n')
		}
		for i := prev; i < sp.end; i++ {
			b.WriteString(cs[i].pre)
			if sp.shown(i) {
				b.WriteString(cs[i].text)
			}
		}
		prev = sp.end
	}
	for _, c := range cs[prev:] {
		b.WriteString(c.pre)
	}
	b.WriteString(tail)
	var fixed strings.Builder
	ww := lipgloss.NewWrapWriter(&fixed)
	_, _ = io.WriteString(ww, b.String())
	_ = ww.Close()
	rows := strings.Split(fixed.String(), "\n")
	indent := strings.Repeat(" ", hang)
	for k, sp := range spans {
		if k == 0 || k >= len(rows) {
			continue
		}
		if sp.cont {
			rows[k] = r.mark() + rows[k]
		}
		rows[k] = indent + rows[k]
	}
	return rows
}

// hangingIndent is how far the rows that continue a line of prose are
// indented: under its text when it is indented, under the text of an item
// when it starts one, so a list stays a list however narrow. At most a
// third of the width.
func hangingIndent(cs []cell, width int) int {
	n := 0
	for n < len(cs) && cs[n].blank {
		n++
	}
	var b strings.Builder
	for i := n; i < len(cs) && i < n+8; i++ {
		b.WriteString(cs[i].text)
	}
	if m := listItem.FindString(b.String()); m != "" {
		n += len(m)
	}
	if n > width/3 {
		return 0
	}
	return n
}

// painter styles part of a line of plain text: the bytes [from, to).
type painter func(line string, from, to int) string

// uniform paints a whole line in one style.
func uniform(st lipgloss.Style) painter {
	return func(line string, from, to int) string { return st.Render(line[from:to]) }
}

// layout breaks a line of plain text (code, a diff, a signature, a
// trailer, a header value) into rows of at most width columns, each row
// after lead (the first) or hang (the others, as wide as lead), painted
// by paint, URLs made hyperlinks where there is colour. With code set
// every continued row is marked.
func (r *mailRenderer) layout(line string, width int, lead, hang string, code bool, paint painter) []string {
	w := max(width-xansi.StringWidth(lead), 1)
	links := r.links(line)
	if fitsWidth(line, w) {
		return []string{lead + r.paintLinked(line, 0, len(line), links, paint)}
	}
	cs, _ := cellsOf(line)
	off := make([]int, len(cs)+1)
	for i, c := range cs {
		off[i+1] = off[i] + len(c.text)
	}
	spans := breakRows(cs, w, code, 0)
	out := make([]string, 0, len(spans))
	for k, sp := range spans {
		row := lead
		if k > 0 {
			row = hang
		}
		if sp.cont {
			row += r.mark()
		}
		if sp.hideFrom < sp.hideTo {
			row += r.paintLinked(line, off[sp.start], off[sp.hideFrom], links, paint)
			row += r.paintLinked(line, off[sp.hideTo], off[sp.end], links, paint)
		} else {
			row += r.paintLinked(line, off[sp.start], off[sp.end], links, paint)
		}
		out = append(out, row)
	}
	return out
}

// link is a URL in a line of plain text: the bytes [start, end).
type link struct {
	start, end int
	url        string
}

// links finds the URLs of a line, none when the output is plain.
func (r *mailRenderer) links(line string) []link {
	if r.opt.Plain || !strings.Contains(line, "://") {
		return nil
	}
	var out []link
	for _, loc := range urlPattern.FindAllStringIndex(line, -1) {
		u := trimURL(line[loc[0]:loc[1]])
		if u != "" {
			out = append(out, link{start: loc[0], end: loc[0] + len(u), url: u})
		}
	}
	return out
}

// paintLinked paints line[from:to], the parts inside a URL wrapped in its
// hyperlink, so each row of a broken URL opens the whole URL.
func (r *mailRenderer) paintLinked(line string, from, to int, links []link, paint painter) string {
	if from >= to {
		return ""
	}
	var b strings.Builder
	for _, l := range links {
		s, e := max(l.start, from), min(l.end, to)
		if s >= e {
			continue
		}
		if from < s {
			b.WriteString(paint(line, from, s))
		}
		b.WriteString(xansi.SetHyperlink(l.url))
		b.WriteString(paint(line, s, e))
		b.WriteString(xansi.ResetHyperlink())
		from = e
	}
	if from < to {
		b.WriteString(paint(line, from, to))
	}
	return b.String()
}

// WrapText breaks a line of plain text (no escape sequences) into rows of
// at most width columns as the reader breaks a message's lines: at white
// space, a word that fits moving whole to the next row, a longer one split
// after punctuation with its next row marked. Invisible format characters
// are dropped; tabs become spaces.
func WrapText(s string, width int) []string {
	s = dropFormatChars(strings.ReplaceAll(expandTabs(s), "\n", " "))
	if width < 1 || fitsWidth(s, width) {
		return []string{s}
	}
	cs, _ := cellsOf(s)
	var out []string
	for _, sp := range breakRows(cs, width, false, 0) {
		var b strings.Builder
		if sp.cont {
			b.WriteString(ContinuationMark)
		}
		for i := sp.start; i < sp.end; i++ {
			if sp.shown(i) {
				b.WriteString(cs[i].text)
			}
		}
		out = append(out, b.String())
	}
	return out
}
