package tui

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The reader's search: "/" in the reader types a word, the matches in the
// message are highlighted as it is typed, enter ends the typing, the
// search keys (n and N while a search is on, as in less, vim and mutt's
// pager) go from match to match, and esc clears it. While the word is
// typed every key goes to it, so "/fwctl" can never run the triage keys
// its letters are bound to.

// searchMatch is one match: bytes [start, end) of the line's text without
// escape codes.
type searchMatch struct{ line, start, end int }

// readerSearch is the state of the reader's search.
type readerSearch struct {
	input  textinput.Model
	typing bool
	query  string // as typed; "" when there is no search
	// from is the top line when the typing began: the matches are looked
	// for from there, and esc while typing goes back to it.
	from int
	// plain is the pager's lines without escape codes, kept while a search
	// is on; matches are in them, in order.
	plain   []string
	matches []searchMatch
	cur     int // the current match, -1 before one is chosen
}

func newReaderSearch(st Styles) readerSearch {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "search the message"
	in.SetStyles(st.Input)
	return readerSearch{input: in, cur: -1}
}

// on reports whether a search is being typed or shown.
func (s *readerSearch) on() bool { return s.typing || s.query != "" }

// start opens the input, empty, for a new search from line top.
func (s *readerSearch) start(width, top int) tea.Cmd {
	s.typing = true
	s.from = top
	s.query = ""
	s.matches, s.cur = nil, -1
	s.input.Reset()
	s.input.SetWidth(max(width-3, 1))
	return s.input.Focus()
}

// clear ends the search and drops its highlights.
func (s *readerSearch) clear() {
	s.typing = false
	s.query = ""
	s.plain, s.matches, s.cur = nil, nil, -1
	s.input.Reset()
	s.input.Blur()
}

// index takes the pager's lines anew (another message, a new rendering,
// the triage block changed) and finds the matches in them.
func (s *readerSearch) index(lines []string) {
	if !s.on() {
		return
	}
	s.plain = make([]string, len(lines))
	for i, l := range lines {
		if strings.IndexByte(l, '\x1b') >= 0 {
			l = ansi.Strip(l)
		}
		s.plain[i] = l
	}
	s.find()
}

// find looks for the query in the lines; the current match is dropped.
func (s *readerSearch) find() {
	s.matches, s.cur = findMatches(s.plain, s.query), -1
}

// findMatches finds every match of q in lines. The case is ignored unless
// q has an upper-case letter (vim's smartcase, less -i).
func findMatches(lines []string, q string) []searchMatch {
	if q == "" {
		return nil
	}
	fold := strings.ToLower(q) == q
	var out []searchMatch
	for i, l := range lines {
		for off := 0; off < len(l); {
			var s, e int
			if fold {
				s, e = indexFold(l[off:], q)
			} else {
				s = strings.Index(l[off:], q)
				e = s + len(q)
			}
			if s < 0 {
				break
			}
			out = append(out, searchMatch{line: i, start: off + s, end: off + e})
			off += max(e, s+1)
		}
	}
	return out
}

// indexFold is strings.Index ignoring case, for a lower-case needle: the
// start and end of the first match in hay (whose bytes may differ in
// length from the needle's), or -1.
func indexFold(hay, needle string) (int, int) {
	if isASCII(hay) && isASCII(needle) {
		// The common case, and the fast one.
		for i := 0; i+len(needle) <= len(hay); i++ {
			if asciiFoldPrefix(hay[i:], needle) {
				return i, i + len(needle)
			}
		}
		return -1, -1
	}
	for i := 0; i < len(hay); {
		if e, ok := foldPrefix(hay[i:], needle); ok {
			return i, i + e
		}
		_, n := utf8.DecodeRuneInString(hay[i:])
		i += n
	}
	return -1, -1
}

func asciiFoldPrefix(s, lower string) bool {
	for j := 0; j < len(lower); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[j] {
			return false
		}
	}
	return true
}

// foldPrefix reports whether s starts with needle ignoring case, and how
// many bytes of s that is.
func foldPrefix(s, needle string) (int, bool) {
	i := 0
	for _, nr := range needle {
		if i >= len(s) {
			return 0, false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.ToLower(r) != nr && r != nr {
			return 0, false
		}
		i += n
	}
	return i, true
}

// firstFrom is the first match on line y or after it, wrapping to the
// first of all; -1 without matches.
func (s *readerSearch) firstFrom(y int) int {
	if len(s.matches) == 0 {
		return -1
	}
	if i := s.after(y); i < len(s.matches) {
		return i
	}
	return 0
}

// after is the index of the first match on line y or below.
func (s *readerSearch) after(y int) int {
	return sort.Search(len(s.matches), func(i int) bool { return s.matches[i].line >= y })
}

// step moves the current match by dir (1 next, -1 previous), wrapping;
// without a current match it starts from line y: the first match from y
// down, or the last one above it. It reports whether it wrapped round an
// end of the message.
func (s *readerSearch) step(dir, y int) (wrapped bool) {
	n := len(s.matches)
	if n == 0 {
		return false
	}
	switch {
	case s.cur < 0 && dir > 0:
		s.cur = s.after(y)
	case s.cur < 0:
		s.cur = s.after(y) - 1
	default:
		s.cur += dir
	}
	switch {
	case s.cur >= n:
		s.cur = 0
		return true
	case s.cur < 0:
		s.cur = n - 1
		return true
	}
	return false
}

// status is the search as the reader's title shows it.
func (s *readerSearch) status(keys KeyMap) string {
	if s.query == "" {
		return ""
	}
	q := "/" + s.query
	switch {
	case len(s.matches) == 0:
		return q + " · not found · " + firstKey(keys.FilterClear) + " clears"
	case s.cur < 0:
		return q + " · " + strconv.Itoa(len(s.matches)) + " matches · " + firstKey(keys.SearchNext) + "/" + firstKey(keys.SearchPrev) + " go to them · " + firstKey(keys.FilterClear) + " clears"
	}
	return q + " · " + strconv.Itoa(s.cur+1) + " of " + strconv.Itoa(len(s.matches)) + " · " + firstKey(keys.SearchNext) + "/" + firstKey(keys.SearchPrev) + " next/previous · " + firstKey(keys.FilterClear) + " clears"
}

// Highlights: reverse video for every match and, for the current one,
// reverse, bold and underline; attributes, not colours, so they show under
// NO_COLOR and on any palette.
const (
	hlOn     = "\x1b[7m"
	hlCurOn  = "\x1b[7;1;4m"
	hlOff    = "\x1b[27m"
	hlCurOff = "\x1b[27;22;24m"
)

// highlight paints the matches ms of one line on screen, l (escape codes
// and all, already fitted to the pane) whose text without them is plain.
// The line is cut around each match, so the styles and links of the rest
// stay as they were.
func highlight(l, plain string, ms []searchMatch, cur searchMatch, width int) string {
	var b strings.Builder
	at := 0 // the cell up to which l has been written
	for _, m := range ms {
		s := ansi.StringWidth(plain[:m.start])
		e := s + ansi.StringWidth(plain[m.start:m.end])
		if s >= width {
			break
		}
		e = min(e, width)
		if s < at || e <= s {
			continue
		}
		on, off := hlOn, hlOff
		if m == cur {
			on, off = hlCurOn, hlCurOff
		}
		b.WriteString(ansi.Cut(l, at, s))
		b.WriteString(on + ansi.Strip(ansi.Cut(l, s, e)) + off)
		at = e
	}
	if at == 0 {
		return l
	}
	b.WriteString(ansi.Cut(l, at, width))
	return b.String()
}

// matchesOn is the matches on lines [y, y+h), for the view.
func (s *readerSearch) matchesOn(y, h int) []searchMatch {
	return s.matches[s.after(y):s.after(y+h)]
}

// current is the current match, the zero match and false without one.
func (s *readerSearch) current() (searchMatch, bool) {
	if s.cur < 0 || s.cur >= len(s.matches) {
		return searchMatch{line: -1}, false
	}
	return s.matches[s.cur], true
}

// Reader side.

// searchContext is how many lines show above a match the reader scrolls
// to.
const searchContext = 3

// showMatch scrolls the reader to the current match, unless it is on
// screen already.
func (r *reader) showMatch() {
	m, ok := r.search.current()
	if !ok {
		return
	}
	if m.line < r.vp.y || m.line >= r.vp.y+r.vp.height {
		r.vp.setY(m.line - min(searchContext, r.vp.height/4))
	}
}

// searchTyped follows the word as it is typed: the first match from where
// the typing began is shown, or the reader goes back there.
func (r *reader) searchTyped() {
	r.search.find()
	if len(r.search.matches) == 0 {
		r.vp.setY(r.search.from)
		return
	}
	r.search.cur = r.search.firstFrom(r.search.from)
	r.vp.setY(r.search.from)
	r.showMatch()
}

// searchUpdate takes a message while the word is typed.
func (r *reader) searchUpdate(msg tea.Msg, keys KeyMap) tea.Cmd {
	s := &r.search
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, keys.FilterAccept):
			s.typing = false
			s.input.Blur()
			if s.query == "" {
				s.clear()
			}
			return nil
		case key.Matches(k, keys.FilterClear):
			// Esc while typing goes back to where the search began.
			r.vp.setY(s.from)
			s.clear()
			return nil
		}
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if q := s.input.Value(); q != s.query {
		s.query = q
		if s.plain == nil {
			s.index(r.vp.lines)
		}
		r.searchTyped()
	}
	return cmd
}

// searchStep goes to the next (dir 1) or previous (-1) match; it returns
// what the status bar should say.
func (r *reader) searchStep(dir int) string {
	s := &r.search
	if len(s.matches) == 0 {
		return "not found in this message: /" + s.query
	}
	y := r.vp.y
	if dir < 0 {
		y = r.vp.y + r.vp.height
	}
	wrapped := s.step(dir, y)
	r.showMatch()
	if wrapped {
		if dir > 0 {
			return "search went on from the top of the message"
		}
		return "search went on from the bottom of the message"
	}
	return ""
}

// searchView draws the title line while the word is typed.
func (r *reader) searchView(w int) string { return fit(" "+r.search.input.View(), w) }
