package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// pager is a window over the lines of a rendered message. The reader
// keeps a message as lines and draws only those on screen, so that a
// 2 MB patch costs a key what a short mail does: bubbles' viewport
// measures the width of every line each time it is given content, which
// for a large patch froze the interface for a fifth of a second.
type pager struct {
	lines         []string
	y             int // the first line shown
	width, height int
}

// setLines replaces the content, keeping the position where it still
// exists.
func (p *pager) setLines(lines []string) {
	p.lines = lines
	p.y = min(p.y, p.maxY())
}

func (p *pager) setSize(w, h int) {
	p.width, p.height = max(w, 0), max(h, 1)
	p.y = min(p.y, p.maxY())
}

func (p pager) total() int { return len(p.lines) }
func (p pager) maxY() int  { return max(len(p.lines)-p.height, 0) }

func (p pager) atBottom() bool { return p.y >= p.maxY() }

// scroll moves by n lines, down when n > 0.
func (p *pager) scroll(n int) { p.y = min(max(p.y+n, 0), p.maxY()) }

func (p *pager) pageDown() { p.scroll(p.height) }
func (p *pager) pageUp()   { p.scroll(-p.height) }
func (p *pager) top()      { p.y = 0 }
func (p *pager) bottom()   { p.y = p.maxY() }

// setY puts line y at the top, as far as the content allows.
func (p *pager) setY(y int) { p.y = min(max(y, 0), p.maxY()) }

// percent is how far down the content the window is, 1 when it all fits.
func (p pager) percent() float64 {
	if p.maxY() == 0 {
		return 1
	}
	return float64(p.y) / float64(p.maxY())
}

// view is the lines on screen, each padded or cut to the width, and blank
// lines below the end.
func (p pager) view() []string {
	out := make([]string, 0, p.height)
	blank := strings.Repeat(" ", p.width)
	for i := p.y; i < p.y+p.height; i++ {
		if i >= len(p.lines) {
			out = append(out, blank)
			continue
		}
		l := p.lines[i]
		switch w := ansi.StringWidth(l); {
		case w > p.width:
			l = ansi.Truncate(l, p.width, "")
		case w < p.width:
			l += strings.Repeat(" ", p.width-w)
		}
		out = append(out, l)
	}
	return out
}
