package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// Triage: the keys that record stances, questions, notes and decisions,
// and the saving that follows every change. The store is changed here, in
// Update, and saved in a command; the panes draw from a snapshot
// (triageView) taken after each change.

// defaultSaveRetry is how long a failed save waits before trying again.
const defaultSaveRetry = 2 * time.Second

// sessionStep is how much + and - change a session's length.
const sessionStep = 15

// suggestion is what a message's own words suggest: a stance and why,
// and the sentences ending in '?'. Never applied without a key.
type suggestion struct {
	stance    annot.Stance
	why       string
	questions []string
}

// suggest reads a body for suggestions; it runs in the render command.
func suggest(text string) *suggestion {
	st, why := annot.SuggestStance(text)
	return &suggestion{stance: st, why: why, questions: annot.CandidateQuestions(text)}
}

// refreshTriage takes a new snapshot of the annotations for the panes.
func (m *Model) refreshTriage() {
	scopeChanged := m.followScope()
	ann := annot.Annotations{Messages: map[string]annot.MessageNote{}, Topics: map[string]annot.TopicNote{}}
	if m.store != nil {
		ann = m.store.Snapshot()
	}
	// A split changes the topics: the list, the index and the unread
	// counts follow.
	var all []*thread.Topic
	splitChanged := false
	if m.archive != nil {
		before := m.splitKey
		all = m.allTopicsOf(ann)
		if m.splitKey != before {
			m.topicOf, scopeChanged, splitChanged = nil, true, true
		}
	}
	if m.topicOf == nil && m.archive != nil && (len(ann.Messages) > 0 || len(m.opts.Others) > 0) {
		m.topicOf = make(map[string]*thread.Topic, len(m.archive.Messages))
		for _, t := range all {
			for _, msg := range t.Messages {
				m.topicOf[msg.ID] = t
			}
		}
	}
	topicOf := m.topicOf
	find := func(id string) *thread.Topic { return topicOf[id] }
	ann.Scope = m.scope
	m.tv = newTriageView(m.archive, ann, find, m.tv)
	m.tv.rv = newReviewers(ann, m.opts.Others, find)
	if splitChanged {
		m.countUnread()
	}
	m.topics.setTriage(m.tv)
	m.thread.setTriage(m.tv)
	// Undo, redo or another summit may have changed the scope or the
	// ignored topics: the list follows.
	if scopeChanged {
		m.refreshTopics()
	} else {
		m.topics.applyFilter()
	}
}

// changed follows a change of the store: new snapshot, a save, and the
// open overlay told (the preview renders the agenda again). The flash
// names the change, and stays in the status bar until the next change
// (see Model.sticky), so what a stray key did is never out of sight.
func (m *Model) changed(flash string) tea.Cmd {
	m.flash, m.flashE = flash, false
	m.sticky = true
	m.refreshTriage()
	return tea.Batch(m.save(), m.triageChanged())
}

// save starts a save unless one is running; then it saves again when that
// one returns, so there is never more than one in flight.
func (m *Model) save() tea.Cmd {
	if m.store == nil || !m.store.Dirty() {
		return nil
	}
	if m.saving {
		m.saveAgain = true
		return nil
	}
	m.saving, m.saveAgain = true, false
	return saveCmd(m.store)
}

// watch is the watch timer going off: a save, which with nothing of ours
// to write only looks for a change to the file and merges it in.
func (m *Model) watch() tea.Cmd {
	if m.store == nil || m.saving || m.retryPending {
		return nil
	}
	m.saving = true
	return saveCmd(m.store)
}

// adoptionLine says what a change to the annotations file from outside
// did: merged in, which of the user's values it replaced or removed (u
// takes them back), and where both changed a field (the user's kept).
func adoptionLine(ad annot.Adoption) string {
	var parts []string
	if n := len(ad.Replaced); n > 0 {
		rm := ad.Removed()
		var line string
		switch {
		case n == 1:
			line = "another summit or a change to the file " + describeChange(ad.Replaced[0])
		case rm == n:
			line = agenda.Plural(n, "annotation") + " removed by a change to the file"
		default:
			line = fmt.Sprintf("%s of yours changed by a change to the file (%d removed)", agenda.Plural(n, "annotation"), rm)
		}
		parts = append(parts, line+"; u brings yours back")
	}
	if n := len(ad.Conflicts); n > 0 {
		parts = append(parts, fmt.Sprintf("%s with another summit: yours kept and saved", agenda.Plural(n, "disagreement")))
	}
	if len(parts) == 0 {
		return "saved, with changes another summit made to the file merged in"
	}
	return strings.Join(parts, "; ")
}

// describeChange says what one outside change did to the user's value.
func describeChange(c annot.Change) string {
	what := c.Field + " " + strconv.Quote(clip(mail.CleanText(c.Before, false), 30))
	if c.After == "" {
		return "removed your " + what
	}
	return "replaced your " + what + " by " + strconv.Quote(clip(mail.CleanText(c.After, false), 30))
}

// saveDone takes a save's result. A failure keeps the change in the store
// (it stays dirty) and tries again after a pause, as long as it fails; the
// status bar says so meanwhile.
func (m *Model) saveDone(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		m.saveErr = msg.err
		if m.retryPending {
			return nil
		}
		m.retryPending = true
		return saveRetryCmd(m.saveRetry)
	}
	recovered := m.saveErr != nil
	m.saveErr = nil
	if msg.saved.Checked() {
		m.saved = true
	}
	var cmds []tea.Cmd
	if m.store != nil {
		if ad := m.store.Adopt(msg.saved); ad.Merged {
			// Someone else's work came in with the save: show it, and say
			// what it did to the user's own annotations.
			m.refreshTriage()
			m.flash, m.flashE = adoptionLine(ad), len(ad.Replaced) > 0
			m.sticky = true
			cmds = append(cmds, m.triageChanged())
		} else if recovered {
			m.flash, m.flashE = "saved: nothing was lost", false
		}
	}
	if m.saveAgain || (m.store != nil && m.store.Dirty()) {
		cmds = append(cmds, m.save())
	}
	return tea.Batch(cmds...)
}

// retrySave is the retry timer going off.
func (m *Model) retrySave() tea.Cmd {
	m.retryPending = false
	return m.save()
}

// triageKey handles the triage keys; it reports false for any other key.
func (m *Model) triageKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	km := m.keys
	switch {
	case key.Matches(k, km.Undo):
		return m.undo(), true
	case key.Matches(k, km.Redo):
		return m.redo(), true
	case key.Matches(k, km.Preview):
		return m.openPreview(), true
	case key.Matches(k, km.Export):
		return m.openExport(), true
	case key.Matches(k, km.Scope):
		return m.openScope(), true
	case key.Matches(k, km.Day):
		return m.openDay(), true
	case key.Matches(k, km.Sort):
		return m.cycleSort(), true
	case key.Matches(k, km.NextUnread):
		return m.nextUnread(), true
	case key.Matches(k, km.AddSession):
		return m.openAddSession(false), true
	case key.Matches(k, km.Split):
		return m.splitOff(), true
	}
	if cmd, ok := m.topicKey(k); ok {
		return cmd, true
	}
	return m.messageKey(k)
}

// topicKey handles the keys that act on the selected topic.
func (m *Model) topicKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	km := m.keys
	var act func(t *thread.Topic) tea.Cmd
	switch {
	case key.Matches(k, km.Accept):
		act = func(t *thread.Topic) tea.Cmd { return m.toggleStatus(t, annot.StatusAccepted) }
	case key.Matches(k, km.Decline):
		act = func(t *thread.Topic) tea.Cmd { return m.toggleStatus(t, annot.StatusDeclined) }
	case key.Matches(k, km.Defer):
		act = func(t *thread.Topic) tea.Cmd { return m.toggleStatus(t, annot.StatusDeferred) }
	case key.Matches(k, km.Longer):
		act = func(t *thread.Topic) tea.Cmd { return m.addMinutes(t, sessionStep) }
	case key.Matches(k, km.Shorter):
		act = func(t *thread.Topic) tea.Cmd { return m.addMinutes(t, -sessionStep) }
	case key.Matches(k, km.MoveUp):
		act = func(t *thread.Topic) tea.Cmd { return m.moveTopic(t, -1) }
	case key.Matches(k, km.MoveDown):
		act = func(t *thread.Topic) tea.Cmd { return m.moveTopic(t, 1) }
	case key.Matches(k, km.Questions):
		act = m.openQuestions
	case key.Matches(k, km.Ignore):
		act = m.toggleIgnore
	case key.Matches(k, km.Merge):
		act = m.openMerge
	case key.Matches(k, km.Leads):
		act = func(t *thread.Topic) tea.Cmd {
			s, ok := m.tv.session(t.ID)
			if !ok {
				m.flash, m.flashE = "this topic is on no agenda (out of the scope or ignored)", true
				return nil
			}
			return m.openLeads(s.ID, false)
		}
	case key.Matches(k, km.TopicNote):
		act = func(t *thread.Topic) tea.Cmd {
			return m.editNote(noteTopic, t.ID, "Note on the topic: "+mail.CleanText(t.Title, false), m.tv.topic(t.ID).Note, false)
		}
	default:
		return nil, false
	}
	t := m.topics.selected()
	switch {
	case t == nil:
		m.flash, m.flashE = "no topic selected", true
		return nil, true
	case m.store == nil && !key.Matches(k, km.Questions):
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil, true
	}
	return act(t), true
}

// messageKey handles the keys that act on the selected message.
func (m *Model) messageKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	km := m.keys
	stance, isStance := annot.StanceNone, true
	switch {
	case key.Matches(k, km.Support):
		stance = annot.StanceSupport
	case key.Matches(k, km.Oppose):
		stance = annot.StanceOppose
	case key.Matches(k, km.Concern):
		stance = annot.StanceConcern
	case key.Matches(k, km.Alternative):
		stance = annot.StanceAlternative
	case key.Matches(k, km.Neutral):
		stance = annot.StanceNeutral
	case key.Matches(k, km.ClearStance):
	case key.Matches(k, km.AdoptStance), key.Matches(k, km.AddQuestion),
		key.Matches(k, km.MessageNote), key.Matches(k, km.CopyLink):
		isStance = false
	default:
		return nil, false
	}
	if key.Matches(k, km.CopyLink) && m.focus == focusTopics {
		// In the topic list the topic is what is pointed at: its link.
		return m.copyTopicLink(m.topics.selected()), true
	}
	msg := m.triageMessage()
	switch {
	case msg == nil:
		m.flash, m.flashE = "no message selected: open a thread and pick one", true
		return nil, true
	case key.Matches(k, km.CopyLink):
		return m.copyLink(msg), true
	case m.store == nil:
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil, true
	case isStance:
		return m.setStance(msg, stance), true
	case key.Matches(k, km.AdoptStance):
		return m.adoptStance(msg), true
	case key.Matches(k, km.AddQuestion):
		return m.openAddQuestion(msg), true
	default: // MessageNote
		return m.editNote(noteMessage, msg.ID, "Note on the message from "+mail.CleanText(msg.From.Display(), false), m.tv.message(msg.ID).Note, false), true
	}
}

// triageMessage is the message the message keys act on: the one selected
// in the thread, when the thread is on screen.
func (m *Model) triageMessage() *mail.Message {
	if !m.threadVisible() {
		return nil
	}
	return m.SelectedMessage()
}

func (m *Model) setStance(msg *mail.Message, st annot.Stance) tea.Cmd {
	before := m.tv.message(msg.ID).Stance
	m.store.SetStance(msg.ID, st)
	who := mail.CleanText(msg.From.Display(), false)
	switch {
	case before == st && st == annot.StanceNone:
		m.flash = "no stance to clear"
		return nil
	case before == st:
		m.flash = "already " + string(st)
		return nil
	case st == annot.StanceNone:
		return m.changed("stance cleared: " + who)
	}
	return m.changed(st.Glyph() + " " + string(st) + ": " + who)
}

func (m *Model) adoptStance(msg *mail.Message) tea.Cmd {
	sg, ok := m.reader.sugg[msg.ID]
	switch {
	case !ok:
		m.flash = "the message is still being read; try again in a moment"
		return nil
	case sg.stance == annot.StanceNone:
		m.flash = "no stance is suggested for this message"
		return nil
	}
	return m.setStance(msg, sg.stance)
}

// candidates are the suggested questions of a message not yet recorded.
func (m *Model) candidates(msg *mail.Message) []string {
	sg, ok := m.reader.sugg[msg.ID]
	if !ok {
		return nil
	}
	// Recorded on this message or on another of the topic (a question
	// asked again later), or recorded and then edited: not offered again.
	var recorded []string
	for _, q := range m.tv.message(msg.ID).Questions {
		recorded = append(recorded, q.Text)
	}
	if t := m.thread.topic; t != nil {
		for _, o := range t.Messages {
			if o.ID != msg.ID {
				for _, q := range m.tv.message(o.ID).Questions {
					recorded = append(recorded, q.Text)
				}
			}
		}
	}
	out := make([]string, 0, len(sg.questions))
	for _, q := range sg.questions {
		out = append(out, mail.CleanText(q, false))
	}
	return annot.UnrecordedQuestions(out, recorded)
}

func (m *Model) openAddQuestion(msg *mail.Message) tea.Cmd {
	f := newTextField(fieldQuestion, "Open question raised by "+mail.CleanText(msg.From.Display(), false))
	f.msgID = msg.ID
	open := m.openOverlay(f)
	f.setChoices(m.candidates(msg))
	return tea.Batch(open, f.focus())
}

// toggleStatus decides the topic's session: a merged topic's decision is
// its session's.
func (m *Model) toggleStatus(t *thread.Topic, st annot.Status) tea.Cmd {
	m.store.ToggleStatus(t.ID, st)
	cmd := m.changed("")
	now := m.tv.status(t.ID)
	m.flash = now.Glyph() + " " + string(now) + ": " + m.sessionName(t)
	return cmd
}

// sessionName names the topic's session in a flash: the topic's title, or
// the session's when the topic is merged into another.
func (m *Model) sessionName(t *thread.Topic) string {
	if s, ok := m.tv.session(t.ID); ok && s.ID != t.ID {
		return "the session “" + clip(sessionTitle(s), 50) + "”"
	}
	return mail.CleanText(t.Title, false)
}

func (m *Model) addMinutes(t *thread.Topic, delta int) tea.Cmd {
	before := m.store.Session(t.ID).Minutes
	m.store.AddMinutes(t.ID, delta)
	after := m.store.Session(t.ID).Minutes
	if after == before {
		m.flash = "no session length to shorten"
		return nil
	}
	if after == 0 {
		return m.changed("no session length: " + m.sessionName(t))
	}
	return m.changed(fmt.Sprintf("session of %d minutes: %s", after, m.sessionName(t)))
}

// moveTopic moves a topic's session among the sessions of its section of
// the agenda (accepted, deferred...), where the order shows.
func (m *Model) moveTopic(t *thread.Topic, delta int) tea.Cmd {
	own, ok := m.tv.session(t.ID)
	if !ok {
		m.flash, m.flashE = "this topic is on no agenda (out of the scope or ignored)", true
		return nil
	}
	var ids []string
	for _, s := range m.tv.sessions {
		if s.Status == own.Status {
			ids = append(ids, s.ID)
		}
	}
	before := m.tv.number[t.ID]
	m.store.MoveSession(ids, own.ID, delta)
	// One new snapshot (the sessions of 100k messages take milliseconds
	// to gather), then the flash from it.
	cmd := m.changed("")
	after := m.tv.number[t.ID]
	if after == before {
		where := "first"
		if delta > 0 {
			where = "last"
		}
		m.flash, m.sticky = fmt.Sprintf("already %s of the %s sessions", where, own.Status), false
		return cmd
	}
	m.flash = fmt.Sprintf("#%d on the agenda: %s", after, m.sessionName(t))
	return cmd
}

func (m *Model) undo() tea.Cmd {
	if m.store == nil || !m.store.Undo() {
		m.flash = "nothing to undo"
		return nil
	}
	return m.changed("undone (ctrl+r redoes)")
}

func (m *Model) redo() tea.Cmd {
	if m.store == nil || !m.store.Redo() {
		m.flash = "nothing to redo"
		return nil
	}
	return m.changed("redone")
}

// copyLink sends the message's lore link to the clipboard (see sendLink).
func (m *Model) copyLink(msg *mail.Message) tea.Cmd {
	if msg.Synthetic {
		m.flash, m.flashE = "this message has no Message-ID, so no lore link", true
		return nil
	}
	return m.sendLink(mail.LoreURL(msg.ID))
}

// fieldDone takes what was typed in a text field.
func (m *Model) fieldDone(msg fieldDoneMsg) tea.Cmd {
	switch msg.kind {
	case fieldQuestion:
		text := strings.TrimSpace(msg.value)
		if text == "" {
			m.flash = "no question added: the field was empty"
			return nil
		}
		before := len(m.tv.message(msg.msgID).Questions)
		m.store.AddQuestion(msg.msgID, text)
		if len(m.store.Message(msg.msgID).Questions) == before {
			m.flash = "that question is recorded already"
			return nil
		}
		return m.changed("question added (O lists the topic's questions)")
	case fieldEditQuestion:
		m.store.EditQuestion(msg.msgID, msg.index, msg.value)
		cmd := m.changed("question changed")
		if strings.TrimSpace(msg.value) == "" {
			m.flash = "question deleted (u undoes)"
		}
		if t := m.topics.selected(); t != nil {
			q := newQuestionsOverlay(t, m.tv, m.archive, m.keys)
			q.selectQuestion(msg.msgID, msg.index)
			cmd = tea.Batch(cmd, m.openOverlay(q))
		}
		return cmd
	case fieldExport:
		return m.export(msg.value)
	case fieldScope:
		m.scopeSet = true
		return m.setScope(msg.value)
	case fieldAddSession:
		return m.addSession(msg.value, msg.back)
	case fieldLeads:
		return m.setLeads(msg.msgID, msg.value, msg.back)
	case fieldDayFixed, fieldDayWhen, fieldDayRename:
		return m.dayFieldDone(msg)
	}
	return nil
}

// noteDone takes a note back from the text area or the editor, and goes
// back to the day view when it opened the note.
func (m *Model) noteDone(msg noteDoneMsg) tea.Cmd {
	cmd := m.storeNote(msg)
	if msg.back {
		cmd = tea.Batch(cmd, m.reopenDay(msg.id))
	}
	return cmd
}

func (m *Model) storeNote(msg noteDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.flash, m.flashE = "note not changed: "+msg.err.Error(), true
		return nil
	}
	var before, after string
	switch msg.kind {
	case noteTopic:
		before = m.tv.topic(msg.id).Note
		m.store.SetTopicNote(msg.id, msg.text)
		after = m.store.Topic(msg.id).Note
	case noteSession:
		before = m.store.Session(msg.id).Note
		m.store.SetSessionNote(msg.id, msg.text)
		after = m.store.Session(msg.id).Note
	default:
		before = m.tv.message(msg.id).Note
		m.store.SetMessageNote(msg.id, msg.text)
		after = m.store.Message(msg.id).Note
	}
	switch {
	case after == before:
		m.flash = "note unchanged"
		return nil
	case after == "":
		return m.changed("note removed")
	}
	return m.changed("note saved")
}

// triageHeader is what the reader shows above the message: its stance (and
// the suggested one), the questions it raised, the candidate questions in
// its text, and the note. It is plain text wrapped to the reader's width,
// built in Update when something changes.
func (m *Model) triageHeader() string {
	msg := m.reader.msg
	if msg == nil || m.reader.missing {
		return ""
	}
	w := m.reader.textWidth()
	st := m.styles
	b := st.badge
	n := m.tv.message(msg.ID)
	sg, known := m.reader.sugg[msg.ID]
	var lines []string
	add := func(s string) {
		lines = append(lines, strings.Split(ansi.Wrap(s, w, ""), "\n")...)
	}
	lines = append(lines, m.topicSummary(msg, w)...)
	line := b.label.paint("Stance") + " "
	if n.Stance != annot.StanceNone {
		line += b.stance[n.Stance].paint(n.Stance.Glyph() + " " + string(n.Stance))
	} else {
		line += st.ink.dim.paint("none · 1-5 set one")
	}
	if known && sg.stance != annot.StanceNone && sg.stance != n.Stance {
		line += "  " + b.suggest.paint("suggested: "+string(sg.stance)+" ("+mail.CleanText(sg.why, false)+") · s adopts")
	}
	add(line)
	lines = append(lines, m.othersLines(msg.ID, w)...)
	if len(n.Questions) > 0 {
		add(b.label.paint("Questions raised here") + st.ink.dim.paint(" · O lists the topic's"))
		for _, q := range n.Questions {
			mark := b.question.paint("?")
			text := mail.CleanText(q.Text, false)
			if q.Answered {
				mark = b.stance[annot.StanceSupport].paint("✓")
				text += " (answered)"
			}
			lines = append(lines, hang(mark+" ", text, w, ink{})...)
		}
	}
	if cands := m.candidates(msg); len(cands) > 0 {
		add(b.label.paint("Candidate questions") + st.ink.dim.paint(" · o adds the first, ↑/↓ there for another"))
		// On a short screen the mail must still show under the block.
		shown := 2
		if m.height >= 40 {
			shown = 4
		}
		for i, q := range cands {
			if i == shown {
				add(b.suggest.paint(fmt.Sprintf("  … %d more", len(cands)-shown)))
				break
			}
			mark := "  "
			if i == 0 {
				mark = "› "
			}
			lines = append(lines, hang(b.suggest.paint(mark), q, w, b.suggest)...)
		}
	}
	if rel := m.relatedTitles(msg); len(rel) > 0 {
		add(b.label.paint("Related topics"))
		for _, t := range rel {
			lines = append(lines, hang("  ", t, w, ink{})...)
		}
	}
	if n.Note != "" {
		add(b.label.paint("Note"))
		for _, l := range strings.Split(mail.CleanText(n.Note, true), "\n") {
			lines = append(lines, hang("  ", l, w, ink{})...)
		}
	}
	lines = append(lines, st.ink.separator.paint(strings.Repeat("─", w)))
	return strings.Join(lines, "\n") + "\n"
}

// hang wraps text to width w after a lead (which may hold escape codes),
// indenting the following lines under the text, each painted with k.
func hang(lead, text string, w int, k ink) []string {
	lw := ansi.StringWidth(lead)
	parts := strings.Split(ansi.Wrap(text, max(w-lw, 8), ""), "\n")
	pad := strings.Repeat(" ", lw)
	for i, p := range parts {
		if i == 0 {
			parts[i] = lead + k.paint(p)
		} else {
			parts[i] = pad + k.paint(p)
		}
	}
	return parts
}

// relatedTitles lists the topics the current topic refers to, shown with
// its opening message, where a reader meets the topic.
func (m *Model) relatedTitles(msg *mail.Message) []string {
	t := m.thread.topic
	if t == nil || len(t.Related) == 0 || len(t.Messages) == 0 || t.Messages[0] != msg || m.archive == nil {
		return nil
	}
	var titles []string
	for _, id := range t.Related {
		for _, other := range m.archive.Topics {
			if other.ID == id {
				titles = append(titles, mail.CleanText(other.Title, false))
				break
			}
		}
	}
	return titles
}

// topicSummary frames a topic where a reader meets it, with its opening
// message: its size, its dates and who is most active in it.
func (m *Model) topicSummary(msg *mail.Message, w int) []string {
	t := m.thread.topic
	if t == nil || len(t.Messages) == 0 || t.Messages[0] != msg {
		return nil
	}
	b := m.styles.badge
	size := fmt.Sprintf("%s, %s", agenda.Plural(len(t.Messages), "message"), agenda.Plural(len(t.Participants), "participant"))
	if !t.First.IsZero() {
		size += ", " + t.First.UTC().Format("2006-01-02")
		if t.Last.After(t.First) && t.Last.UTC().Format("2006-01-02") != t.First.UTC().Format("2006-01-02") {
			size += " to " + t.Last.UTC().Format("2006-01-02")
		}
	}
	out := hang(b.label.paint("Topic")+" ", size, w, ink{})
	if sess, ok := m.tv.session(t.ID); ok && (sess.ID != t.ID || len(sess.Topics) > 1 || len(sess.Note.Leads) > 0) {
		line := "“" + sessionTitle(sess) + "”"
		if len(sess.Topics) > 1 {
			line += ", drawing on " + agenda.Plural(len(sess.Topics), "thread")
		}
		var leads []string
		for _, l := range sess.Note.Leads {
			leads = append(leads, mail.CleanText(l.Display(), false))
		}
		if len(leads) > 0 {
			line += ", led by " + strings.Join(leads, ", ")
		}
		out = append(out, hang(b.label.paint("Session")+" ", line, w, ink{})...)
	}
	if m.tv.rv != nil {
		if differ := m.tv.rv.sessionText[t.ID]; differ != "" {
			out = append(out, b.disagree.paint(disagreeGlyph)+" "+b.label.paint("Reviewers merged it into different sessions"))
			out = append(out, hang("  ", differ, w, ink{})...)
		}
	}
	if len(t.Participants) > 1 {
		const most = 5
		var who []string
		for i, p := range t.Participants {
			if i == most {
				break
			}
			who = append(who, fmt.Sprintf("%s (%d)", mail.CleanText(p.Display(), false), p.Count))
		}
		out = append(out, hang(b.label.paint("Most active")+" ", strings.Join(who, ", "), w, ink{})...)
	}
	return out
}
