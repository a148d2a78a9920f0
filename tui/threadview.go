package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// threadRow is one node of the thread tree in display order.
type threadRow struct {
	node      *thread.Node
	parentRow int  // row of the parent node, -1 for the root
	last      bool // last child of its parent: the branch ends here
	// open has bit i set when the ancestor at depth i (i < 64) has
	// siblings after it, so its column of the tree draws a "│".
	open uint64
	// showSubject is set when the subject says something its parent's does
	// not (a changed subject in a reply, a dummy's child...).
	showSubject bool
}

// threadView is the thread pane: the topic's tree, one row per node,
// indented by depth with tree glyphs. Like the topic list it formats only
// the rows on screen; the tree glyphs of a row are found by walking up its
// ancestors, capped at the indentation that fits.
type threadView struct {
	listCursor // over visible
	topic      *thread.Topic
	rows       []threadRow
	hay        []string
	visible    []int // indices into rows after filtering
	width      int
	filter     listFilter
	tv         *triageView
	read       *readState // what the user has opened; nil: no marks
}

func newThreadView(st Styles) threadView {
	return threadView{filter: newListFilter(st)}
}

// setTopic shows another topic's tree, with the cursor on its first
// message. The filter is dropped: it was for the previous thread.
func (v *threadView) setTopic(t *thread.Topic) {
	v.topic = t
	// The rows go, and with them what indexed them: the visible rows of
	// the previous topic would point past the new (maybe empty) rows.
	v.rows = v.rows[:0]
	v.visible = v.visible[:0]
	v.hay = nil
	v.filter.clear()
	if t != nil && t.Root != nil {
		v.rows = appendRows(v.rows, t.Root)
	}
	v.cursor, v.offset = 0, 0
	v.applyFilter()
	// Start on a message rather than on a dummy root.
	for i, ri := range v.visible {
		if v.rows[ri].node.Msg != nil {
			v.cursor = i
			break
		}
	}
	v.ensureVisible()
}

// appendRows walks the tree depth first. It is iterative: a reply chain
// can be thousands of messages deep.
func appendRows(rows []threadRow, root *thread.Node) []threadRow {
	type item struct {
		n         *thread.Node
		parentRow int
		last      bool
		parentSub string
	}
	stack := []item{{n: root, parentRow: -1, last: true}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		sub := it.parentSub
		show := false
		if it.n.Msg != nil {
			sub = baseSubject(it.n.Msg.Subject)
			show = it.parentRow >= 0 && sub != it.parentSub
		}
		row := len(rows)
		var open uint64
		if it.parentRow >= 0 {
			p := rows[it.parentRow]
			open = p.open
			if d := p.node.Depth; !p.last && d > 0 && d < 64 {
				open |= 1 << d
			}
		}
		rows = append(rows, threadRow{node: it.n, parentRow: it.parentRow, last: it.last, open: open, showSubject: show})
		for i := len(it.n.Children) - 1; i >= 0; i-- {
			stack = append(stack, item{n: it.n.Children[i], parentRow: row, last: i == len(it.n.Children)-1, parentSub: sub})
		}
	}
	return rows
}

// baseSubject is a subject reduced to what replies share, lower case, to
// tell whether a reply changed it. Posting tags count ([PATCH 2/4]), so
// that the parts of a series show their number in the tree.
func baseSubject(s string) string {
	base, _ := mail.SimplifySubject(s)
	return strings.ToLower(strings.Join(append(mail.PostingTags(s), base), " "))
}

// setTriage gives the pane a new snapshot of the annotations; the filter
// finds stances and open questions, so its haystack is built again.
func (v *threadView) setTriage(tv *triageView) {
	v.tv = tv
	v.hay = nil
}

// selectMessage puts the cursor on a message, clearing a filter that
// hides it; it reports whether the message is in the thread.
func (v *threadView) selectMessage(id string) bool {
	find := func() bool {
		for i, ri := range v.visible {
			if m := v.rows[ri].node.Msg; m != nil && m.ID == id {
				v.selectRow(i)
				return true
			}
		}
		return false
	}
	if find() {
		return true
	}
	if v.filter.clear() {
		v.applyFilter()
	}
	return find()
}

func (v *threadView) setSize(w, h int) {
	v.width = w
	v.setHeight(h)
}

// selectedNode is the node under the cursor.
func (v threadView) selectedNode() *thread.Node {
	if v.cursor < 0 || v.cursor >= len(v.visible) {
		return nil
	}
	return v.rows[v.visible[v.cursor]].node
}

// selected is the message under the cursor, nil on a dummy.
func (v threadView) selected() *mail.Message {
	if n := v.selectedNode(); n != nil {
		return n.Msg
	}
	return nil
}

// neighbours are the messages before and after the cursor, skipping
// dummies: what the reader renders ahead.
func (v threadView) neighbours() (prev, next *mail.Message) {
	for i := v.cursor - 1; i >= 0; i-- {
		if m := v.rows[v.visible[i]].node.Msg; m != nil {
			prev = m
			break
		}
	}
	for i := v.cursor + 1; i < len(v.visible); i++ {
		if m := v.rows[v.visible[i]].node.Msg; m != nil {
			next = m
			break
		}
	}
	return prev, next
}

// position is the cursor's message number in the thread, for titles.
func (v threadView) position() (n, total int) {
	if v.topic == nil {
		return 0, 0
	}
	return v.cursor + 1, len(v.visible)
}

// applyFilter keeps the rows whose author or subject match.
func (v *threadView) applyFilter() {
	cur := v.selectedNode()
	v.visible = v.visible[:0]
	if v.filter.query == "" {
		for i := range v.rows {
			v.visible = append(v.visible, i)
		}
	} else {
		if v.hay == nil {
			v.hay = make([]string, len(v.rows))
			for i, r := range v.rows {
				if m := r.node.Msg; m != nil {
					v.hay[i] = strings.ToLower(m.From.Display()+" "+m.From.Email+"\n"+m.Subject) + messageTriageHay(v.tv.message(m.ID)) + v.tv.disagreeHay(m.ID)
				}
			}
		}
		for i, h := range v.hay {
			if h != "" && strings.Contains(h, v.filter.query) {
				v.visible = append(v.visible, i)
			}
		}
	}
	v.setCount(len(v.visible))
	for i, ri := range v.visible {
		if v.rows[ri].node == cur {
			v.cursor = i
		}
	}
	v.ensureVisible()
}

// messageTriageHay is what the thread filter finds of a message's triage:
// "stance:support", "question" while it has open questions, "note"; and
// "disagree" (disagreeHay) when reviewers' stances differ.
func messageTriageHay(n annot.MessageNote) string {
	s := ""
	if n.Stance != "" {
		s += "\nstance:" + string(n.Stance)
	}
	if openQuestions(n) > 0 {
		s += "\nquestion"
	}
	if n.Note != "" {
		s += "\nnote"
	}
	return s
}

func (v threadView) title() string {
	if v.topic == nil {
		return "Thread"
	}
	t := mail.CleanText(v.topic.Title, false)
	if v.topic.Label != "" {
		t = mail.CleanText(v.topic.Label, false) + " " + t
	}
	if n := v.read.topicUnread(v.topic); n > 0 {
		t = itoa(n) + " new · " + t
	}
	// The topic's decision leads, so it shows however narrow the pane.
	if v.tv != nil {
		n := v.tv.topic(v.topic.ID)
		st := v.tv.status(v.topic.ID)
		// Other reviewers' statuses, when one is not yours, stand in for
		// your decision: "≠ status: accepted (you) · deferred (bob.json)".
		switch others := v.tv.statusSummary(v.topic.ID); {
		case others != "" && v.tv.statusDisagrees(v.topic.ID):
			t = disagreeGlyph + " status: " + minutesAfter(others, n) + " · " + t
		case others != "":
			t = "status: " + minutesAfter(others, n) + " · " + t
		case st != annot.StatusUndecided || n.Minutes > 0:
			t = st.Glyph() + " " + decisionText(n, st) + " · " + t
		}
	}
	if v.filter.query != "" {
		return fmt.Sprintf("/%s  %d of %d · %s", v.filter.query, len(v.visible), len(v.rows), t)
	}
	return t
}

// view draws the pane: the topic title (or the filter input), then the
// tree rows on screen.
func (v threadView) view(st Styles, focused bool, placeholder string) []string {
	lines := make([]string, 0, v.height+1)
	lines = append(lines, paneTitle(st, v.title(), v.filter, focused, v.width))
	switch {
	case placeholder != "":
		return append(lines, st.ink.placeholder.paint(fitText(" "+placeholder, v.width)))
	case v.topic == nil:
		return append(lines, st.ink.placeholder.paint(fitText(" no topic selected", v.width)))
	case len(v.visible) == 0:
		return append(lines, st.ink.placeholder.paint(fitText(" no message matches "+v.filter.query, v.width)))
	}
	start, end := v.shown()
	for i := start; i < end; i++ {
		lines = append(lines, v.row(st, v.visible[i], i == v.cursor, focused))
	}
	return lines
}

// maxLevels is how many levels of tree glyphs fit: what is left after
// room for an author and a date, so both stay readable however deep the
// reply chain.
func (v threadView) maxLevels() int { return min(max((v.width-32)/2, 2), 63) }

// treePrefix builds the glyphs of a row: for each depth above it "│ " where
// that ancestor's branch continues and "  " where it ended, then "├─" or
// "└─". Rows deeper than fits are drawn at the deepest level shown, marked
// "┄┄", so the columns of every row still line up.
func (v threadView) treePrefix(ri int) string {
	r := v.rows[ri]
	depth := r.node.Depth
	if r.parentRow < 0 || depth <= 0 {
		return ""
	}
	levels := min(depth, v.maxLevels())
	var b strings.Builder
	b.Grow(levels * 6)
	for d := 1; d < levels; d++ {
		if r.open&(1<<d) != 0 {
			b.WriteString("│ ")
		} else {
			b.WriteString("  ")
		}
	}
	switch {
	case depth > levels:
		b.WriteString("┄┄")
	case r.last:
		b.WriteString("└─")
	default:
		b.WriteString("├─")
	}
	return b.String()
}

// row formats one node: tree glyphs, author, the subject when it changed,
// and the date on the right.
func (v threadView) row(st Styles, ri int, isCursor, focused bool) string {
	r := v.rows[ri]
	w := v.width
	// A filtered thread is a list of matches: the tree's lines would run
	// through rows that are not shown.
	tree := ""
	if v.filter.query == "" {
		if tree = v.treePrefix(ri); tree != "" {
			tree += " "
		}
	}
	// A message not opened yet is marked in the first column, as mutt's N.
	prefix := " " + tree
	if v.read.isUnread(r.node.Msg) {
		prefix = unreadGlyph + tree
	}
	var author, subject, date, badge, marks, split string
	var note annot.MessageNote
	if m := r.node.Msg; m != nil {
		author = mail.CleanText(m.From.Display(), false)
		note = v.tv.message(m.ID)
		if v.tv.stanceDisagrees(m.ID) {
			split = disagreeGlyph
		}
		if g := note.Stance.Glyph(); g != "" || split != "" {
			badge = g + split + " "
		}
		if q := openQuestions(note); q > 0 {
			marks += " ?" + itoa(q)
		}
		if note.Note != "" {
			marks += " ✎"
		}
		if r.showSubject {
			subject = "  " + mail.CleanText(m.Subject, false)
		}
		if !m.Date.IsZero() {
			switch {
			case w >= 60:
				date = m.Date.Local().Format("2006-01-02 15:04")
			case w >= 36:
				date = m.Date.Local().Format("01-02 15:04")
			}
		}
	} else {
		author = "(not in the archive)"
	}
	if date != "" {
		date = "  " + date + " "
	}
	prefixW := ansi.StringWidth(prefix)
	if prefixW > w {
		prefix, prefixW = fit(prefix, w), w
	}
	dateW := len(date)
	if prefixW+dateW > w {
		date, dateW = "", 0
	}
	badgeW, marksW := textWidth(badge), textWidth(marks)
	if prefixW+dateW+badgeW+marksW+4 > w {
		marks, marksW = "", 0
	}
	if prefixW+dateW+badgeW > w {
		badge, badgeW = "", 0
	}
	mid := w - prefixW - dateW - badgeW - marksW
	author = clip(author, mid)
	subject = clip(subject, mid-textWidth(author))
	pad := strings.Repeat(" ", max(mid-textWidth(author)-textWidth(subject), 0))
	if isCursor {
		k := st.ink.cursorBlur
		if focused {
			k = st.ink.cursor
		}
		return k.paint(prefix + badge + author + subject + pad + marks + date)
	}
	ak := st.ink.author
	if r.node.Msg == nil {
		ak = st.ink.missing
	}
	if split != "" && badge != "" {
		// The stance in its colour, then the disagreement in its own.
		g := strings.TrimSuffix(badge, split+" ")
		badge = st.badge.stance[note.Stance].paint(g) + st.badge.disagree.paint(split) + " "
	} else {
		badge = st.badge.stance[note.Stance].paint(badge)
	}
	return st.ink.tree.paint(prefix) + badge + ak.paint(author) +
		st.ink.dim.paint(subject) + pad + st.badge.question.paint(marks) + st.ink.dim.paint(date)
}
