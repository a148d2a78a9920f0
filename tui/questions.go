package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// questionAct is what the open questions list asks the root to do.
type questionAct int

const (
	questionAnswer questionAct = iota // toggle answered, by the selected message
	questionEdit                      // open a field on its text
	questionDelete
	questionGoto    // select the message that raised it
	questionPrework // prework for the session, or not
)

// questionItem is one recorded question of the topic.
type questionItem struct {
	msgID    string
	index    int
	q        annot.Question
	raisedBy string
	answerBy string // who answered it, "" when not known
}

// questionsOverlay lists the open questions of a topic's session (O): of
// the topic, and of the topics merged with it, in thread order, with who
// raised them; the root performs what is chosen.
type questionsOverlay struct {
	title         string
	topics        []*thread.Topic
	items         []questionItem
	cursor        int
	offset        int
	st            Styles
	width, height int      // of the screen above the status bar
	hints         []string // the keys of the list, from the keymap
}

func newQuestionsOverlay(t *thread.Topic, tv *triageView, a *model.Archive, keys KeyMap) *questionsOverlay {
	q := &questionsOverlay{title: mail.CleanText(t.Title, false), topics: []*thread.Topic{t}, hints: []string{
		keys.QuestionAnswer.Help().Key + " answered (by the selected message)",
		keys.QuestionEdit.Help().Key + " edit",
		keys.QuestionDelete.Help().Key + " delete",
		keys.QuestionGoto.Help().Key + " go to its message",
		keys.Prework.Help().Key + " prework for the session",
		keys.Undo.Help().Key + " undo",
		firstKey(keys.CloseOverlay) + " close",
	}}
	if s, ok := tv.session(t.ID); ok && len(s.Topics) > 1 {
		q.title, q.topics = sessionTitle(s)+" ("+agenda.Plural(len(s.Topics), "thread")+")", s.Topics
	}
	q.refresh(tv, a)
	return q
}

// refresh rebuilds the list after a change, keeping the cursor's place.
func (q *questionsOverlay) refresh(tv *triageView, a *model.Archive) {
	q.items = q.items[:0]
	for _, msg := range q.allMessages() {
		n := tv.message(msg.ID)
		for i, qu := range n.Questions {
			it := questionItem{msgID: msg.ID, index: i, q: qu, raisedBy: mail.CleanText(msg.From.Display(), false)}
			if qu.AnsweredBy != "" && a != nil {
				if by := a.Lookup(qu.AnsweredBy); by != nil {
					it.answerBy = mail.CleanText(by.From.Display(), false)
				}
			}
			q.items = append(q.items, it)
		}
	}
	q.cursor = min(q.cursor, max(len(q.items)-1, 0))
}

func (q *questionsOverlay) setSize(width, height int) tea.Cmd {
	q.width, q.height = width, height
	return nil
}

func (q *questionsOverlay) setStyles(st Styles) tea.Cmd {
	q.st = st
	return nil
}

// selectQuestion puts the cursor on a message's i-th question.
func (q *questionsOverlay) selectQuestion(msgID string, i int) {
	for j, it := range q.items {
		if it.msgID == msgID && it.index == i {
			q.cursor = j
		}
	}
}

// passes lets undo and redo through to the root while the list is open.
func (q *questionsOverlay) passes(k tea.KeyPressMsg, keys KeyMap) bool {
	return key.Matches(k, keys.Undo) || key.Matches(k, keys.Redo)
}

func (q *questionsOverlay) update(msg tea.Msg, keys KeyMap) (bool, tea.Cmd) {
	if tm, ok := msg.(triageMsg); ok {
		q.refresh(tm.tv, tm.archive)
		return true, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return true, nil
	}
	act := func(a questionAct) tea.Cmd {
		if len(q.items) == 0 {
			return nil
		}
		it := q.items[q.cursor]
		m := questionActMsg{act: a, msgID: it.msgID, index: it.index}
		return func() tea.Msg { return m }
	}
	switch {
	case key.Matches(k, keys.Down):
		q.cursor = min(q.cursor+1, max(len(q.items)-1, 0))
	case key.Matches(k, keys.Up):
		q.cursor = max(q.cursor-1, 0)
	case key.Matches(k, keys.QuestionAnswer):
		return true, act(questionAnswer)
	case key.Matches(k, keys.QuestionEdit):
		return len(q.items) == 0, act(questionEdit)
	case key.Matches(k, keys.QuestionDelete):
		return true, act(questionDelete)
	case key.Matches(k, keys.QuestionGoto):
		return len(q.items) == 0, act(questionGoto)
	case key.Matches(k, keys.Prework):
		return true, act(questionPrework)
	case key.Matches(k, keys.CloseOverlay), key.Matches(k, keys.Questions):
		return false, nil
	}
	return true, nil
}

func (q *questionsOverlay) view() string {
	st, width, height := q.st, q.width, q.height
	boxW := max(min(width-2, 100), 20)
	inner := boxW - st.HelpBox.GetHorizontalFrameSize()
	hints := hintLines(q.hints, inner)
	rows := max(height-st.HelpBox.GetVerticalFrameSize()-2-len(hints), 1)
	b := st.badge
	title := "Open questions · " + q.title
	lines := []string{st.HelpTitle.Render(fit(title, inner))}
	var body []string
	cursorLine := 0
	for i, it := range q.items {
		mark := b.question.paint("?")
		if it.q.Answered {
			mark = b.stance[annot.StanceSupport].paint("✓")
		}
		who := "raised by " + it.raisedBy
		if it.q.Prework {
			who = "prework · " + who
		}
		if it.q.Answered {
			who += "; answered"
			if it.answerBy != "" {
				who += " by " + it.answerBy
			}
		}
		text := strings.Split(ansi.Wrap(mail.CleanText(it.q.Text, false), max(inner-4, 8), ""), "\n")
		if i == q.cursor {
			cursorLine = len(body)
		}
		for j, l := range text {
			pre := "    "
			if j == 0 {
				pre = "  " + mark + " "
				if i == q.cursor {
					pre = "› " + mark + " "
				}
			}
			l = pre + l
			if i == q.cursor {
				l = st.ink.cursor.paint(fit(l, inner))
			}
			body = append(body, l)
		}
		body = append(body, st.ink.dim.paint("    "+who))
	}
	if len(q.items) == 0 {
		body = append(body, st.ink.placeholder.paint("No open question is recorded for this topic: o adds one on the selected message."))
	}
	// Keep the cursor's question on screen.
	if cursorLine < q.offset {
		q.offset = cursorLine
	}
	if cursorLine+2 > q.offset+rows {
		q.offset = cursorLine + 2 - rows
	}
	q.offset = max(min(q.offset, len(body)-rows), 0)
	end := min(q.offset+rows, len(body))
	for _, l := range body[q.offset:end] {
		lines = append(lines, fit(l, inner))
	}
	lines = append(lines, "")
	for _, l := range hints {
		lines = append(lines, st.HelpDesc.Render(fit(l, inner)))
	}
	return st.HelpBox.Render(lipgloss.JoinVertical(lipgloss.Left, lines...))
}

// openQuestions shows the topic's questions.
func (m *Model) openQuestions(t *thread.Topic) tea.Cmd {
	return m.openOverlay(newQuestionsOverlay(t, m.tv, m.archive, m.keys))
}

// questionAct performs what was chosen in the questions list.
func (m *Model) questionAct(msg questionActMsg) tea.Cmd {
	if m.store == nil {
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	n := m.store.Message(msg.msgID)
	if msg.index >= len(n.Questions) {
		return nil
	}
	q := n.Questions[msg.index]
	switch msg.act {
	case questionAnswer:
		if q.Answered {
			m.store.SetAnswered(msg.msgID, msg.index, false, "")
			return m.changed("the question is open again")
		}
		by := ""
		if sel := m.SelectedMessage(); sel != nil && sel.ID != msg.msgID {
			by = sel.ID
		}
		m.store.SetAnswered(msg.msgID, msg.index, true, by)
		if by == "" {
			return m.changed("marked answered (select the answering message first to record who answered)")
		}
		return m.changed("marked answered by " + mail.CleanText(m.SelectedMessage().From.Display(), false))
	case questionEdit:
		f := newTextField(fieldEditQuestion, "Edit the question (empty deletes it)")
		f.msgID, f.index = msg.msgID, msg.index
		open := m.openOverlay(f)
		f.setValue(mail.CleanText(q.Text, false))
		return tea.Batch(open, f.focus())
	case questionDelete:
		m.store.RemoveQuestion(msg.msgID, msg.index)
		return m.changed("question deleted (u undoes)")
	case questionPrework:
		m.store.SetPrework(msg.msgID, msg.index, !q.Prework)
		if q.Prework {
			return m.changed("no longer prework: " + clip(mail.CleanText(q.Text, false), 50))
		}
		return m.changed("prework for the session (the agenda lists it): " + clip(mail.CleanText(q.Text, false), 50))
	case questionGoto:
		m.overlay = nil
		if t := m.topicOfMessage(msg.msgID); t != nil && t != m.thread.topic {
			// A question of a topic merged into the session.
			m.topics.selectTopic(t)
			m.thread.setTopic(m.topics.selected())
		}
		if m.thread.selectMessage(msg.msgID) {
			m.focus = focusThread
		}
	}
	return nil
}

// hintLines joins a box's key hints with " · " into lines of width w,
// breaking between hints so that none is cut at the box's edge.
func hintLines(hints []string, w int) []string {
	var out []string
	cur := ""
	for _, h := range hints {
		switch {
		case cur == "":
			cur = h
		case textWidth(cur)+3+textWidth(h) <= w:
			cur += " · " + h
		default:
			out = append(out, cur)
			cur = h
		}
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// allMessages are the messages of the session's topics, topic by topic.
func (q *questionsOverlay) allMessages() []*mail.Message {
	if len(q.topics) == 1 {
		return q.topics[0].Messages
	}
	var out []*mail.Message
	for _, t := range q.topics {
		out = append(out, t.Messages...)
	}
	return out
}
