package tui

import (
	"fmt"
	"strconv"
	"strings"

	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// topicList is the topics pane. It is not a bubbles list: that component
// renders and filters every item each frame, and an archive can hold tens
// of thousands of topics. Here a frame costs one line per visible row, and
// filtering (O(topics), on a key press) keeps the indices of the matches.
type topicList struct {
	listCursor // over visible; its height is the rows below the title line
	topics     []*thread.Topic
	hay        []string // lower-case text the filter searches, built on first use
	visible    []int    // indices into topics, in order, after filtering
	width      int
	countW     int // width of the message-count column
	filter     listFilter
	tv         *triageView
	read       *readState        // what the user has opened; nil: no marks
	sortLabel  string            // the order, for the pane title
	hints      map[string]string // topic ID -> why it looks like one to ignore
	// text is what the filter searches of each topic's mail, built after
	// loading (topicTextCmd); a topic not in it yet is read on the spot.
	text map[*thread.Topic]string
	// lastQuery and lastMatches are the previous filter's result: a query
	// that extends it only looks among those matches.
	lastQuery   string
	lastMatches []int
}

// setText takes the filter's text of the topics, built off the UI loop.
func (l *topicList) setText(text map[*thread.Topic]string) {
	l.text = text
}

func newTopicList(st Styles) topicList {
	return topicList{filter: newListFilter(st)}
}

// setTopics replaces the topics (after loading).
func (l *topicList) setTopics(ts []*thread.Topic) {
	l.topics = ts
	// The visible indices were into the old topics: they go with them.
	l.visible = l.visible[:0]
	l.hay = nil
	l.lastQuery, l.lastMatches = "", nil
	most := 0
	for _, t := range ts {
		most = max(most, len(t.Messages))
	}
	l.countW = max(len(strconv.Itoa(most)), 2)
	l.cursor, l.offset = 0, 0
	l.applyFilter()
}

// setTriage gives the list a new snapshot of the annotations. The filter
// searches decisions and stances too, so its haystack is built again; the
// rows shown stay as they are until the query changes.
func (l *topicList) setTriage(tv *triageView) {
	l.tv = tv
	l.hay = nil
	l.lastQuery, l.lastMatches = "", nil
}

func (l *topicList) setSize(w, h int) {
	l.width = w
	l.setHeight(h)
}

// selected is the topic under the cursor, nil when nothing matches.
func (l topicList) selected() *thread.Topic {
	if l.cursor < 0 || l.cursor >= len(l.visible) {
		return nil
	}
	return l.topics[l.visible[l.cursor]]
}

// selectTopic puts the cursor on t if it is visible.
func (l *topicList) selectTopic(t *thread.Topic) bool {
	// By ID too: a split makes new topics of the ones it cuts.
	for i, ti := range l.visible {
		if o := l.topics[ti]; o == t || (t != nil && o.ID == t.ID) {
			l.selectRow(i)
			return true
		}
	}
	return false
}

// applyFilter recomputes the visible topics, keeping the cursor on the
// same topic when it still matches.
func (l *topicList) applyFilter() {
	cur := l.selected()
	prev, prevMatches := l.lastQuery, l.lastMatches
	l.lastQuery, l.lastMatches = "", nil
	l.visible = l.visible[:0]
	// Ignored topics are out of the list, except in the /ignored view,
	// which shows only them (filtered by the words after "ignored").
	query, wantIgnored := strings.CutPrefix(l.filter.query, ignoredWord)
	if !wantIgnored {
		query = l.filter.query
	}
	query = strings.TrimSpace(query)
	if query == "" {
		if cap(l.visible) < len(l.topics) {
			l.visible = make([]int, 0, len(l.topics))
		}
		for i, t := range l.topics {
			if l.ignored(t) == wantIgnored {
				l.visible = append(l.visible, i)
			}
		}
	} else {
		if l.hay == nil {
			// The triage's words only: the mail's are in l.text, and
			// joining the two for every topic would cost the first
			// keystroke its frame.
			l.hay = make([]string, len(l.topics))
			for i, t := range l.topics {
				l.hay[i] = l.triageHaystack(t)
			}
		}
		// Typing on narrows the previous result: only its matches can
		// match the longer query.
		candidates := prevMatches
		if prev == "" || !strings.HasPrefix(l.filter.query, prev) {
			candidates = nil
		}
		match := func(i int) {
			t := l.topics[i]
			text, ok := l.text[t]
			if !ok {
				text = topicHaystack(t)
			}
			if (strings.Contains(text, query) || strings.Contains(l.hay[i], query)) && l.ignored(t) == wantIgnored {
				l.visible = append(l.visible, i)
			}
		}
		if candidates != nil {
			for _, i := range candidates {
				match(i)
			}
		} else {
			for i := range l.hay {
				match(i)
			}
		}
		l.lastQuery, l.lastMatches = l.filter.query, append([]int(nil), l.visible...)
	}
	l.setCount(len(l.visible))
	if cur != nil {
		l.selectTopic(cur)
	}
	l.ensureVisible()
}

// labelTag is a topic label as a short column of the topic list.
func labelTag(label string) string {
	switch label {
	case mail.LabelMaintainers:
		return "maint"
	case mail.LabelTech:
		return "tech "
	}
	return "     "
}

// ignored reports whether the topic is ignored (x).
func (l *topicList) ignored(t *thread.Topic) bool {
	return l.tv != nil && l.tv.topic(t.ID).Ignored
}

// topicHaystack is what "/" searches in a topic: title, label, the date
// of its first message (so /2024 finds a year's), proposer and
// participants.
func topicHaystack(t *thread.Topic) string {
	var b strings.Builder
	b.WriteString(t.Title)
	b.WriteByte('\n')
	b.WriteString(t.Label)
	if !t.First.IsZero() {
		b.WriteByte(' ')
		b.WriteString(t.First.UTC().Format("2006-01-02"))
	}
	b.WriteByte('\n')
	b.WriteString(t.Proposer.Display())
	b.WriteByte(' ')
	b.WriteString(t.Proposer.Email)
	for _, p := range t.Participants {
		b.WriteByte('\n')
		b.WriteString(p.Display())
		b.WriteByte(' ')
		b.WriteString(p.Email)
	}
	return strings.ToLower(b.String())
}

// triageHaystack is what "/" finds of a topic's triage: its decision and
// the stances taken in it, as words ("accepted", "support"), and
// "disagree" where reviewers' statuses or stances in it differ.
func (l *topicList) triageHaystack(t *thread.Topic) string {
	if l.tv == nil {
		return ""
	}
	status := l.tv.status(t.ID)
	tally := l.tv.tally[t.ID]
	disagree := l.tv.topicDisagreeHay(t.ID)
	if tally == (stanceTally{}) && disagree == "" {
		return statusHay[status] // the common case, without allocating
	}
	s := "\n" + string(status) + disagree
	for i, n := range tally {
		if n > 0 {
			s += " " + string(annot.Stances[i])
		}
	}
	return s
}

// statusHay is the filter's text of a topic with a decision and nothing
// else.
var statusHay = map[annot.Status]string{
	annot.StatusUndecided: "\nundecided", annot.StatusAccepted: "\naccepted",
	annot.StatusDeclined: "\ndeclined", annot.StatusDeferred: "\ndeferred",
}

// title is the pane title: the count, or the filter.
func (l topicList) title() string {
	switch {
	case len(l.topics) == 0:
		return "Topics"
	case l.filter.query != "":
		return fmt.Sprintf("Topics /%s  %d of %d", l.filter.query, len(l.visible), len(l.topics))
	case l.sortLabel != "" && l.sortLabel != sortActivity.String():
		return fmt.Sprintf("Topics  %d/%d  %s", l.cursor+1, len(l.visible), l.sortLabel) + l.newCount()
	default:
		return fmt.Sprintf("Topics  %d/%d", l.cursor+1, len(l.visible)) + l.newCount()
	}
}

// newCount is the unread messages of the topics listed, for the title.
func (l topicList) newCount() string {
	if l.read == nil || !l.read.loaded {
		return ""
	}
	n := 0
	for _, i := range l.visible {
		n += l.read.topicUnread(l.topics[i])
	}
	if n == 0 {
		return ""
	}
	return " · " + strconv.Itoa(n) + " new"
}

// view draws the pane: a title line (or the filter input), then the rows
// from offset. Only the rows on screen are formatted.
func (l topicList) view(st Styles, focused bool, placeholder string) []string {
	lines := make([]string, 0, l.height+1)
	lines = append(lines, paneTitle(st, l.title(), l.filter, focused, l.width))
	if placeholder != "" {
		lines = append(lines, st.ink.placeholder.paint(fitText(" "+placeholder, l.width)))
		return lines
	}
	if len(l.visible) == 0 && len(l.topics) > 0 {
		lines = append(lines, st.ink.placeholder.paint(fitText(" no topic matches "+l.filter.query, l.width)))
		return lines
	}
	start, end := l.shown()
	for i := start; i < end; i++ {
		t := l.topics[l.visible[i]]
		lines = append(lines, l.row(st, t, i == l.cursor, focused))
	}
	return lines
}

// row formats one topic: message count, agenda number and decision,
// title, then the stance tally and session length, and, when there is
// room, proposer and date.
func (l topicList) row(st Styles, t *thread.Topic, isCursor, focused bool) string {
	w := l.width
	count := fmt.Sprintf(" %*d ", l.countW, len(t.Messages))
	// The messages not opened yet: "•3", in a column of their own once
	// the read state is known; only the mark where the pane is narrow.
	if l.read != nil && l.read.loaded {
		n, col := l.read.topicUnread(t), ""
		switch {
		case w < 40 && n > 0:
			col = unreadGlyph + " "
		case w < 40:
			col = "  "
		case n > 0:
			col = fmt.Sprintf("%-*s ", l.countW+1, unreadGlyph+strconv.Itoa(n))
		default:
			col = strings.Repeat(" ", l.countW+2)
		}
		count += col
	}
	num, mark, split, tally, minutes := "", "", "", "", ""
	var status annot.Status = annot.StatusUndecided
	var tl stanceTally
	if l.tv != nil {
		status = l.tv.status(t.ID)
		// Only topics on the agenda (accepted, deferred) get a number;
		// the others are padded so the titles line up.
		if l.tv.onAgenda > 0 {
			numW := len(strconv.Itoa(l.tv.onAgenda))
			if n := l.tv.number[t.ID]; n > 0 && n <= l.tv.onAgenda {
				num = fmt.Sprintf("#%-*d ", numW, n)
			} else {
				num = strings.Repeat(" ", numW+2)
			}
		}
		mark = status.Glyph() + " "
		// With other reviewers, a column says where their statuses
		// differ; the titles stay lined up.
		if l.tv.hasOthers() {
			split = " "
			if l.tv.statusDisagrees(t.ID) {
				split = disagreeGlyph
			}
			mark = status.Glyph() + split + " "
		}
		tl = l.tv.tally[t.ID]
		tally = tl.String()
		if mn := l.tv.ann.Session(t.ID).Minutes; mn > 0 {
			minutes = strconv.Itoa(mn) + "m"
		}
	}
	right := ""
	if tally != "" {
		right += " " + tally
	}
	if minutes != "" {
		right += " " + minutes
	}
	if w >= 64 {
		who := " " + clip(mail.CleanText(t.Proposer.Display(), false), 18)
		if w >= 90 {
			who = " " + labelTag(t.Label) + who
		}
		if !t.First.IsZero() && w >= 72+textWidth(right) {
			who += "  " + t.First.Local().Format("2006-01-02")
		}
		right += " " + who
	}
	if right != "" {
		right += " "
	}
	lead := count + num + mark
	lead = clip(lead, w)
	leadW := textWidth(lead)
	rightW := min(textWidth(right), w-leadW)
	if rightW < textWidth(right) {
		right, tally = fitText(right, rightW), ""
	}
	titleW := max(w-leadW-rightW, 0)
	hinted := l.hints[t.ID] != "" && !l.ignored(t)
	text := mail.CleanText(t.Title, false)
	if s, ok := l.tv.session(t.ID); ok && s.ID != t.ID {
		// Merged into another session, whose number it shares.
		text = mergedGlyph + " " + text
	}
	if hinted {
		text = "ignore? " + text // a bounce or an auto-reply: x ignores it
	}
	title := fitText(text, titleW)
	if isCursor {
		k := st.ink.cursorBlur
		if focused {
			k = st.ink.cursor
		}
		return k.paint(lead + title + right)
	}
	painted := st.badge.status[status].paint(mark)
	if split == disagreeGlyph {
		painted = st.badge.status[status].paint(status.Glyph()) + st.badge.disagree.paint(split) + " "
	}
	if hinted {
		return st.ink.dim.paint(lead + title + right)
	}
	out := st.ink.count.paint(count) + st.ink.dim.paint(num) + painted + st.ink.row.paint(title)
	if tally != "" {
		// The tally in its colours, the rest of the right part dimmed.
		rest := strings.TrimPrefix(right, " "+tally)
		return out + " " + tl.paint(st.badge) + st.ink.dim.paint(rest)
	}
	return out + st.ink.dim.paint(right)
}

// paneTitle draws a pane's title line, or the filter input while typing.
func paneTitle(st Styles, title string, f listFilter, focused bool, w int) string {
	if f.typing {
		return fit(" "+f.view(), w)
	}
	return titleLine(st, title, focused, w)
}

// titleLine draws a pane title, highlighted on the focused pane.
func titleLine(st Styles, title string, focused bool, w int) string {
	k := st.ink.title
	if focused {
		k = st.ink.titleFocused
	}
	return k.paint(fitText(" "+mail.CleanText(title, false), w))
}
