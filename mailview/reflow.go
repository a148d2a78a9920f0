package mailview

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	xansi "github.com/charmbracelet/x/ansi"
)

// Reflow. Mail is written at 72 to 80 columns; shown narrower, each of its
// lines would break into a long row and an orphan of a word or two. So
// where a prose paragraph (the author's own or quoted) has a line wider
// than the text, the lines the mailer wrapped are joined and the
// paragraph is wrapped to the width. Lines someone broke on purpose stay
// broken: short lines, lines before a list item or indented text, the
// last line before a short sign-off. A paragraph holding a list, code, a
// patch, a table or trailers keeps all its lines. Where every line fits,
// nothing is joined: at 80 columns and more mail reads as written.

// reflowMinFill is the narrowest fill column taken for wrapped text: a
// paragraph whose lines are shorter was not filled by a mailer.
const reflowMinFill = 40

// reflowSlack is how much shorter than the paragraph's fill column a line
// may end and still be taken as wrapped by the mailer (fill columns vary
// between mailers, and a long word moves to the next line early).
const reflowSlack = 5

// listItem is a line that starts an item of a list.
var listItem = regexp.MustCompile(`^(?:[-*+•o·]|\d{1,3}[.)/]|[a-zA-Z][.)]|\(\w{1,3}\)|\[\w{1,3}\]:?)\s`)

// tableGap is a run of spaces that aligns columns: three or more, not
// after the end of a sentence (some put three spaces there).
var tableGap = regexp.MustCompile(`[^.!?:;,\s]   `)

// labelLine starts with a label, as header lines ("From: ...", "Date:
// ...") and notes ("Note: ...") do: it starts a line of its own.
var labelLine = regexp.MustCompile(`^(?:[A-Z][A-Za-z-]{0,30}|\p{Han}{1,8})(?:: |：)`)

// timeOfDay starts a line of a timetable ("9:00  Welcome").
var timeOfDay = regexp.MustCompile(`^\d{1,2}[:.]\d{2}\b`)

// keepsLines reports whether a paragraph keeps its lines however narrow the
// text: a list, trailers, or code, a patch or a table quoted in prose (two
// lines of it; one such line only stands on its own, see apart).
func keepsLines(para []string) bool {
	code := 0
	for _, l := range para {
		if listItem.MatchString(l) || isTrailer(l) {
			return true
		}
		if apart(l) {
			code++
		}
	}
	return code > 1
}

// apart reports whether a line is not running text and stands on its own
// line: indented, a line of a patch, a table, a timetable or code, a
// prompt, a rule, a sign-off such as "-Daniel".
func apart(l string) bool {
	if l == "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(l); unicode.IsSpace(r) {
		return true // indented, with a no-break space too
	}
	switch l[0] {
	case '\t', '+', '-', '@', '#', '|', '=', '$', '>', '~', ':', '_':
		return true
	}
	if !strings.ContainsFunc(l, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return true // a rule, a row of punctuation
	}
	switch l[len(l)-1] {
	case ';', '{', '}', '\\':
		return true
	}
	return strings.ContainsRune(l, '\t') || tableGap.MatchString(l) || diffHeader.MatchString(l) || timeOfDay.MatchString(l)
}

// reflowGroups returns the paragraph's lines grouped into the lines to
// show, each group joined into one: a group per line when the paragraph
// fits width or keeps its lines, the runs the mailer wrapped otherwise.
func reflowGroups(para []string, width int) [][]string {
	widths := make([]int, len(para))
	wider := false
	for i, l := range para {
		widths[i] = textWidth(l)
		wider = wider || widths[i] > width
	}
	one := func() [][]string {
		out := make([][]string, len(para))
		for i := range para {
			out[i] = para[i : i+1]
		}
		return out
	}
	if width <= 0 || !wider || len(para) < 2 || keepsLines(para) {
		return one()
	}
	fill := fillColumn(para, widths)
	if fill < reflowMinFill {
		return one()
	}
	var out [][]string
	from := 0
	for i := 0; i < len(para)-1; i++ {
		if !softBreak(para, widths, i, fill) {
			out = append(out, para[from:i+1])
			from = i + 1
		}
	}
	return append(out, para[from:])
}

// fillColumn estimates the column the mailer wrapped the paragraph at:
// the widest of its lines but the last (which ends where the text does),
// or the second widest of four and more, so one long line (a URL, a
// pasted log line) does not count.
func fillColumn(para []string, widths []int) int {
	var ws []int
	for i, l := range para[:len(para)-1] {
		if strings.Contains(strings.TrimSpace(l), " ") || hasWide(l) {
			ws = append(ws, widths[i])
		}
	}
	if len(ws) == 0 {
		return 0
	}
	slices.Sort(ws)
	if len(ws) >= 4 {
		return ws[len(ws)-2]
	}
	return ws[len(ws)-1]
}

// softBreak reports whether the end of line i was the mailer's wrapping:
// the next line's first word would not have fitted on it.
func softBreak(para []string, widths []int, i, fill int) bool {
	cur, next := para[i], para[i+1]
	if strings.HasSuffix(cur, ":") || labelLine.MatchString(next) || apart(cur) || apart(next) {
		return false
	}
	first, _, _ := strings.Cut(next, " ")
	// A quote cut short mid-sentence goes on: its first line ("which
	// we") is the end of a line the replier cut.
	if i == 0 && startsLower(cur) && endsInWord(cur) && widths[i+1] >= fill-2*reflowSlack {
		return true
	}
	if widths[i]+1+textWidth(first) <= fill-reflowSlack {
		return false
	}
	// A short last line after a sentence is a sign-off ("Thanks, Dan").
	if i+1 == len(para)-1 && widths[i+1] < 20 && strings.ContainsAny(cur[len(cur)-1:], ".!?") {
		return false
	}
	return true
}

// joinLines joins the lines of a group with a space, or with nothing
// between two CJK characters, where a space would not be written.
func joinLines(group []string) string {
	if len(group) == 1 {
		return group[0]
	}
	var b strings.Builder
	for k, l := range group {
		l = strings.TrimRight(l, " ")
		if k > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if !(isWideRune(last) && isWideRune(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func endsInWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// textWidth is the width of a line of mail text, in columns.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < 0x20 {
			return xansi.StringWidth(expandTabs(s))
		}
	}
	return len(s)
}

func hasWide(s string) bool {
	for _, r := range s {
		if isWideRune(r) {
			return true
		}
	}
	return false
}

func isWideRune(r rune) bool {
	return r >= 0x1100 && xansi.StringWidth(string(r)) == 2
}
