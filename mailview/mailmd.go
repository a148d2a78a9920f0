package mailview

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BlockKind says what a run of mail lines is, which decides how it is
// shown: prose is escaped and wrapped, diffs and code keep their lines,
// quotes get bars, signatures are dimmed.
type BlockKind int

// The kinds of block a plain-text mail is cut into.
const (
	BlockProse       BlockKind = iota // the author's own text
	BlockAttribution                  // "On ..., X wrote:" introducing a quote
	BlockQuote                        // quoted text at some depth
	BlockDiff                         // a patch or diff, diffstat included
	BlockCode                         // indented code
	BlockSignature                    // from the "-- " line on
	BlockTrailers                     // Acked-by:, Reviewed-by:, Signed-off-by: ...
)

// String implements fmt.Stringer; the names appear in golden files.
func (k BlockKind) String() string {
	switch k {
	case BlockProse:
		return "prose"
	case BlockAttribution:
		return "attribution"
	case BlockQuote:
		return "quote"
	case BlockDiff:
		return "diff"
	case BlockCode:
		return "code"
	case BlockSignature:
		return "signature"
	case BlockTrailers:
		return "trailers"
	}
	return "unknown"
}

// Block is a run of lines of one kind. Lines are the mail's own lines with
// the quote markers stripped, so the text can be re-quoted at any depth.
type Block struct {
	Kind  BlockKind
	Depth int // quote depth: 0 for the author's own text
	Lines []string
	// From is who is quoted (for quotes) or who is introduced (for
	// attributions), taken from the attribution line when there is one.
	From string
}

// mailLine is one line of the body with its quote depth worked out.
type mailLine struct {
	depth int
	text  string
}

// ParseMail cuts a plain-text mail body into blocks. It is pure and never
// fails: every non-blank line of text ends up in exactly one block.
func ParseMail(text string) []Block {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	raw := strings.Split(strings.TrimRight(text, "\n"), "\n")
	lines := make([]mailLine, len(raw))
	for i, r := range raw {
		d, t := splitQuote(r)
		lines[i] = mailLine{depth: d, text: t}
	}
	p := parser{lines: lines, who: map[int]string{}}
	p.run()
	return p.blocks
}

type parser struct {
	lines  []mailLine
	blocks []Block
	// who maps a quote depth to the person quoted there, as named by the
	// last attribution line one level up.
	who map[int]string
}

func (p *parser) run() {
	n := len(p.lines)
	for i := 0; i < n; {
		l := p.lines[i]
		if isBlank(l.text) {
			i++
			continue
		}
		if k, from := p.attribution(i); k > 0 {
			p.add(BlockAttribution, l.depth, i, i+k, from)
			p.who[l.depth+1] = from
			for d := range p.who {
				if d > l.depth+1 {
					delete(p.who, d)
				}
			}
			i += k
			continue
		}
		if l.depth > 0 {
			i = p.quote(i)
			continue
		}
		switch {
		case isSignatureDelimiter(l.text):
			j := i + 1
			for j < n && p.lines[j].depth == 0 {
				j++
			}
			p.add(BlockSignature, 0, i, j, "")
			i = j
		case p.diffStart(i):
			i = p.diff(i)
		case p.codeStart(i):
			i = p.code(i)
		default:
			i = p.paragraph(i)
		}
	}
}

// add appends a block made of lines [from, to), blank lines at either end
// dropped.
func (p *parser) add(kind BlockKind, depth, from, to int, who string) {
	for from < to && isBlank(p.lines[from].text) {
		from++
	}
	for to > from && isBlank(p.lines[to-1].text) {
		to--
	}
	if from == to {
		return
	}
	b := Block{Kind: kind, Depth: depth, From: who, Lines: make([]string, 0, to-from)}
	for _, l := range p.lines[from:to] {
		b.Lines = append(b.Lines, l.text)
	}
	p.blocks = append(p.blocks, b)
}

// quote collects the run of lines at the depth of line i, up to a change
// of depth or an attribution line opening a deeper quote.
func (p *parser) quote(i int) int {
	d := p.lines[i].depth
	j := i
	for j < len(p.lines) && p.lines[j].depth == d {
		if j > i {
			if k, _ := p.attribution(j); k > 0 {
				break
			}
		}
		j++
	}
	p.add(BlockQuote, d, i, j, p.who[d])
	return j
}

// paragraph collects the author's lines up to a blank line or the start of
// something else, as prose or, when every line is one, as trailers.
func (p *parser) paragraph(i int) int {
	j := i
	for j < len(p.lines) {
		l := p.lines[j]
		if l.depth != 0 || isBlank(l.text) {
			break
		}
		if j > i {
			if isSignatureDelimiter(l.text) || p.diffStart(j) || p.codeStart(j) {
				break
			}
			if k, _ := p.attribution(j); k > 0 {
				break
			}
		}
		j++
	}
	kind := BlockTrailers
	for _, l := range p.lines[i:j] {
		if !isTrailer(l.text) {
			kind = BlockProse
			break
		}
	}
	p.add(kind, 0, i, j, "")
	return j
}

// Signature delimiter: "-- " by the convention (RFC 3676), and a bare "--"
// because many mailers strip the trailing space.
func isSignatureDelimiter(s string) bool {
	return s == "-- " || s == "--"
}

var (
	diffHeader   = regexp.MustCompile(`^(diff --git |diff -[a-zA-Z]|Index: \S|--- \S|@@ -\d+(,\d+)? \+\d+(,\d+)? @@)`)
	diffContinue = regexp.MustCompile(`^([ +\-]|@@ |diff |index [0-9a-f]|new file mode|deleted file mode|old mode|new mode|similarity index|dissimilarity index|rename from|rename to|copy from|copy to|Binary files|\\ No newline|GIT binary patch|literal \d|delta \d|={5,}$)`)
	diffstatLine = regexp.MustCompile(`^ (\S.* \| +(\d+ ?[+\-]*|Bin .*)|\d+ files? changed|create mode|delete mode|rename |mode change)`)
)

// diffStart recognises the first line of a patch: a diff header, a unified
// hunk, or the "---" line of git format-patch followed by its diffstat.
func (p *parser) diffStart(i int) bool {
	t := p.lines[i].text
	if strings.HasPrefix(t, "--- ") {
		return i+1 < len(p.lines) && p.lines[i+1].depth == 0 && strings.HasPrefix(p.lines[i+1].text, "+++ ")
	}
	if diffHeader.MatchString(t) {
		if strings.HasPrefix(t, "Index: ") {
			return i+1 < len(p.lines) && strings.HasPrefix(p.lines[i+1].text, "====")
		}
		return true
	}
	if t != "---" {
		return false
	}
	seenStat := false
	for j := i + 1; j < len(p.lines) && p.lines[j].depth == 0; j++ {
		s := p.lines[j].text
		switch {
		case isBlank(s):
		case diffstatLine.MatchString(s):
			seenStat = true
		case diffHeader.MatchString(s):
			return true
		default:
			return seenStat && strings.HasPrefix(s, " ")
		}
	}
	return seenStat
}

// diff collects a patch: its header lines, hunks and the blank lines
// between files, up to the first line that is not part of a diff.
func (p *parser) diff(i int) int {
	j := i + 1
	for j < len(p.lines) {
		l := p.lines[j]
		if l.depth != 0 || isSignatureDelimiter(l.text) {
			break
		}
		if isBlank(l.text) || diffstatLine.MatchString(l.text) || diffContinue.MatchString(l.text) || diffHeader.MatchString(l.text) {
			j++
			continue
		}
		break
	}
	// Blank lines at the end belong to what follows, not to the diff.
	for j > i+1 && isBlank(p.lines[j-1].text) {
		j--
	}
	p.add(BlockDiff, 0, i, j, "")
	return j
}

// codeStart: an indented line (tab or four spaces) after a blank line or a
// line ending in a colon, as code is introduced in mail.
func (p *parser) codeStart(i int) bool {
	if !isIndented(p.lines[i].text) {
		return false
	}
	if i == 0 {
		return true
	}
	prev := p.lines[i-1]
	return prev.depth != 0 || isBlank(prev.text) || strings.HasSuffix(strings.TrimSpace(prev.text), ":")
}

func (p *parser) code(i int) int {
	j := i + 1
	for j < len(p.lines) && p.lines[j].depth == 0 {
		t := p.lines[j].text
		if isIndented(t) {
			j++
			continue
		}
		if isBlank(t) {
			k := j
			for k < len(p.lines) && p.lines[k].depth == 0 && isBlank(p.lines[k].text) {
				k++
			}
			if k < len(p.lines) && p.lines[k].depth == 0 && isIndented(p.lines[k].text) {
				j = k
				continue
			}
		}
		break
	}
	p.add(BlockCode, 0, i, j, "")
	return j
}

func isIndented(s string) bool {
	return !isBlank(s) && (strings.HasPrefix(s, "\t") || strings.HasPrefix(s, "    "))
}

func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}

var trailerLine = regexp.MustCompile(`(?i)^(signed-off-by|acked-by|reviewed-by|tested-by|reported-by|suggested-by|co-developed-by|nacked-by|naked-by|nak-by|requested-by|debugged-by|helped-by|originally-by|cc|fixes|link|closes|bug|buglink|message-id|change-id|[a-z]+(-[a-z]+)*-by):[ \t]*\S`)

// isTrailer reports whether a line is a git-style trailer.
func isTrailer(s string) bool {
	return trailerLine.MatchString(s)
}

// splitQuote counts the quote markers at the start of a line and strips
// them, with the one space that conventionally follows the last marker.
// "> > x", ">> x" and ">>x" are all depth 2.
func splitQuote(s string) (int, string) {
	depth, i := 0, 0
	for {
		j := i
		if depth > 0 {
			for j < len(s) && s[j] == ' ' {
				j++
			}
		}
		if j < len(s) && s[j] == '>' {
			depth++
			i = j + 1
			continue
		}
		break
	}
	rest := s[i:]
	if depth > 0 {
		rest = strings.TrimPrefix(rest, " ")
	}
	return depth, rest
}

// Attribution lines. Most put the verb last ("X wrote:", "X escreveu:",
// "X a écrit :"); German puts the name last ("Am ... schrieb X:").
var (
	attributionVerbLast = regexp.MustCompile(`(?i)^(.*?)[\s,]*\b(wrote|writes|said|says|escreveu|escribió|escribio|a écrit|a ecrit|ha scritto|scrive|schreef|skrev|skriver|kirjoitti|napisał|napisal|napsal|írta|пишет|написал|написала|написал\(а\)|yazdı)[\s\p{Zs}]*:$`)
	attributionCJK      = regexp.MustCompile(`^(.*?)\s*(写道|寫道|書きました|さんは書きました)[\s\p{Zs}]*[:：]$`)
	attributionNameLast = regexp.MustCompile(`(?i)^(am|on)\s.*\bschrieb\s+(.+?)[\s\p{Zs}]*:$`)
	attributionQuoting  = regexp.MustCompile(`^(?:Quoting|Zitat von)\s+(.+?)\s*(\(.*\))?\s*:$`)
	emailInAngles       = regexp.MustCompile(`<([^<>\s]+@[^<>\s]+)>`)
	emptyParens         = regexp.MustCompile(`[(\[]\s*[)\]]`)
	bareEmail           = regexp.MustCompile(`^\S+@\S+$`)
	attributionOpener   = regexp.MustCompile(`(?i)^(on|em|le|am|el|il|op|den|w dniu|dne|в|\d)`)
)

// attribution reports how many lines (0, 1 or 2) starting at i form an
// attribution line, and who it names. It must be followed by a deeper
// quote, which keeps "He said:" in prose from counting.
func (p *parser) attribution(i int) (int, string) {
	l := p.lines[i]
	if isBlank(l.text) || utf8.RuneCountInString(l.text) > 200 {
		return 0, ""
	}
	if name, ok := attributionName(strings.TrimSpace(l.text)); ok && p.quoteFollows(i+1, l.depth) {
		return 1, name
	}
	// Two lines: "On <date>, X <x@y>" wrapped before "wrote:", or the date
	// on one line and "X <x@y> escreveu:" on the next.
	if i+1 < len(p.lines) && p.lines[i+1].depth == l.depth && !isBlank(p.lines[i+1].text) &&
		attributionOpener.MatchString(strings.TrimSpace(l.text)) {
		joined := strings.TrimSpace(l.text) + " " + strings.TrimSpace(p.lines[i+1].text)
		if name, ok := attributionName(joined); ok && p.quoteFollows(i+2, l.depth) {
			return 2, name
		}
	}
	return 0, ""
}

// quoteFollows reports whether the next non-blank line from i is quoted
// deeper than depth.
func (p *parser) quoteFollows(i, depth int) bool {
	for ; i < len(p.lines); i++ {
		l := p.lines[i]
		if l.depth == depth && isBlank(l.text) {
			continue
		}
		return l.depth > depth
	}
	return false
}

// attributionName recognises an attribution line and pulls out the name
// of the person it introduces, falling back to their address.
func attributionName(s string) (string, bool) {
	if !strings.HasSuffix(s, ":") && !strings.HasSuffix(s, "：") {
		return "", false
	}
	var who string
	switch {
	case attributionNameLast.MatchString(s):
		who = attributionNameLast.FindStringSubmatch(s)[2]
	case attributionQuoting.MatchString(s):
		who = attributionQuoting.FindStringSubmatch(s)[1]
	case attributionVerbLast.MatchString(s):
		who = attributionVerbLast.FindStringSubmatch(s)[1]
	case attributionCJK.MatchString(s):
		who = attributionCJK.FindStringSubmatch(s)[1]
	default:
		return "", false
	}
	return cleanAttributionName(who), true
}

// cleanAttributionName turns "On Sun, 28 Jul 2024 11:49:44 -0400 James
// Bottomley <jejb@...>" into "James Bottomley": the address goes, and so
// does everything up to the last part that looks like a date or time.
func cleanAttributionName(s string) string {
	email := ""
	if m := emailInAngles.FindStringSubmatch(s); m != nil {
		email = m[1]
		s = emptyParens.ReplaceAllString(emailInAngles.ReplaceAllString(s, " "), " ")
	}
	if k := strings.LastIndex(s, ","); k >= 0 {
		s = s[k+1:]
	}
	fields := strings.Fields(s)
	cut := 0
	for k, f := range fields {
		if strings.ContainsAny(f, "0123456789") {
			cut = k + 1
		}
	}
	fields = fields[cut:]
	for len(fields) > 0 && isTimeWord(fields[0]) {
		fields = fields[1:]
	}
	if len(fields) > 0 {
		switch strings.ToLower(fields[0]) {
		case "on", "em", "le", "am", "el", "il", "quoting":
			if len(fields) > 1 {
				fields = fields[1:]
			}
		}
	}
	name := strings.Trim(strings.Join(fields, " "), `"' `)
	if name == "" || bareEmail.MatchString(name) && email == "" {
		if email != "" {
			return email
		}
		return name
	}
	return name
}

func isTimeWord(s string) bool {
	switch strings.ToUpper(strings.Trim(s, "(),")) {
	case "AM", "PM", "UTC", "GMT", "CET", "CEST", "EET", "EEST", "BST", "PST", "PDT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "JST", "IST":
		return true
	}
	return false
}

// blockMarkdown is the markdown of one block, every line starting with
// prefix (the quote markers of its depth), each mail line its own line.
func blockMarkdown(bl Block, prefix string) string {
	return blockMarkdownAt(bl, prefix, 0)
}

// blockMarkdownAt is blockMarkdown for text shown width columns wide: a
// prose or quoted paragraph with a line wider than that is reflowed, the
// lines its mailer wrapped joined (see reflowGroups). Width 0 keeps every
// line.
func blockMarkdownAt(bl Block, prefix string, width int) string {
	var b strings.Builder
	line := func(s string) {
		b.WriteString(strings.TrimRight(prefix+s, " "))
		b.WriteByte('\n')
	}
	switch bl.Kind {
	case BlockProse, BlockQuote, BlockSignature:
		if bl.Kind == BlockSignature {
			width = 0
		}
		for _, para := range paragraphs(bl.Lines) {
			if b.Len() > 0 {
				line("")
			}
			groups := reflowGroups(para, width)
			for k, g := range groups {
				s := EscapeMarkdownLine(joinLines(g))
				if k < len(groups)-1 {
					s += `\`
				}
				line(s)
			}
		}
	case BlockAttribution:
		line("*" + EscapeMarkdownLine(strings.Join(trimAll(bl.Lines), " ")) + "*")
	case BlockTrailers:
		for _, l := range bl.Lines {
			line("- " + EscapeMarkdownLine(strings.TrimSpace(l)))
		}
	case BlockDiff, BlockCode:
		fence := codeFence(bl.Lines)
		lang := ""
		if bl.Kind == BlockDiff {
			lang = "diff"
		}
		line(fence + lang)
		for _, l := range bl.Lines {
			b.WriteString(prefix + expandTabs(l) + "\n")
		}
		line(fence)
	}
	return b.String()
}

func trimAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// paragraphs splits lines at blank lines.
func paragraphs(lines []string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range lines {
		if isBlank(l) {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// codeFence is a backtick fence longer than any backtick run in the code.
func codeFence(lines []string) string {
	longest := 0
	for _, l := range lines {
		run := 0
		for _, r := range l {
			if r == '`' {
				run++
				longest = max(longest, run)
			} else {
				run = 0
			}
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// expandTabs replaces tabs with spaces to the next multiple of eight
// columns, so widths are known before the text reaches the terminal.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// urlPattern finds URLs to emit as autolinks. Trailing punctuation is
// trimmed afterwards, as a reader would.
var urlPattern = regexp.MustCompile(`(?i)\b(?:https?|ftp)://[^\s<>"\x60]+`)

// EscapeMarkdownLine turns one line of mail text into markdown that shows
// exactly that text: inline metacharacters are backslash-escaped, those
// glamour would print with their backslash are written as entities,
// line-start markers (lists, headings, setext underlines, definition
// lists) are neutralised, leading indentation becomes no-break spaces,
// and URLs become autolinks so they stay whole and clickable.
func EscapeMarkdownLine(s string) string {
	s = strings.TrimRight(expandTabs(s), " ")
	var b strings.Builder
	b.Grow(len(s) + 16)
	// Leading spaces would be eaten (or make an indented code block).
	lead := len(s) - len(strings.TrimLeft(s, " "))
	b.WriteString(strings.Repeat("\u00a0", lead))
	s = s[lead:]
	b.WriteString(escapeLineStart(s))
	s = s[len(lineStartMarker(s)):]
	for s != "" {
		loc := urlPattern.FindStringIndex(s)
		if loc == nil {
			escapeInline(&b, s)
			break
		}
		link := trimURL(s[loc[0]:loc[1]])
		escapeInline(&b, s[:loc[0]])
		if _, err := url.Parse(link); err == nil {
			b.WriteString("<" + link + ">")
		} else {
			// Glamour drops a link it cannot parse, text and all: show
			// it as text, its "://" hidden from GFM's linkify.
			scheme, rest, _ := strings.Cut(link, ":")
			escapeInline(&b, scheme)
			b.WriteString("&#58;")
			escapeInline(&b, rest)
		}
		s = s[loc[0]+len(link):]
	}
	out := b.String()
	// An escaped backslash before the hard line break that follows a mail
	// line shows as two: the last one is written as an entity.
	if strings.HasSuffix(out, `\\`) {
		out = out[:len(out)-2] + "&#92;"
	}
	return out
}

// lineStartMarker is the part of s that would start a block construct.
func lineStartMarker(s string) string {
	if s == "" {
		return ""
	}
	switch s[0] {
	case '-', '+', '=', ':':
		return s[:1]
	}
	k := 0
	for k < len(s) && k < 9 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k > 0 && k < len(s) && (s[k] == '.' || s[k] == ')') {
		return s[:k+1]
	}
	return ""
}

func escapeLineStart(s string) string {
	m := lineStartMarker(s)
	switch {
	case m == "":
		return ""
	case m == "=":
		return "&#61;"
	case m == ":":
		return "&#58;"
	case len(m) == 1:
		return `\` + m
	default: // "12." or "12)"
		return m[:len(m)-1] + `\` + m[len(m)-1:]
	}
}

// entityLike is an ampersand that could start a character reference;
// glamour decodes some even without their semicolon ("&amp" shows "&").
var entityLike = regexp.MustCompile(`^&[#A-Za-z0-9]`)

// escapeInline escapes the inline metacharacters of plain text.
func escapeInline(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '~':
			b.WriteString("&#126;")
		case '&':
			if entityLike.MatchString(s[i:]) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		case 'w', 'W':
			// GFM turns "www.x" into a link to "http://www.x", adding text.
			if i+4 <= len(s) && strings.EqualFold(s[i:i+4], "www.") && (i == 0 || !isWordByte(s[i-1])) {
				b.WriteString(s[i:i+3] + `\.`)
				i += 3
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// trimURL drops trailing punctuation that ends the sentence rather than the
// URL, keeping a closing parenthesis that has its opening one.
func trimURL(u string) string {
	for u != "" {
		last, size := utf8.DecodeLastRuneInString(u)
		switch {
		case strings.ContainsRune(".,;:!?'*", last):
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		case last == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
		case unicode.IsPunct(last) && last > 0x7f:
		default:
			return u
		}
		u = u[:len(u)-size]
	}
	return u
}
