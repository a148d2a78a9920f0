package tui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// Sessions: what the committee schedules. m merges the selected topic
// into a session (picker.go), X splits a sub-thread off into a topic of
// its own, A adds a committee session, L sets a session's leads; the day
// (D) is in day.go. Every change goes through the store, is one undo step,
// and is named in the status bar.

// sessionLeadsMsg asks the root for the leads field of a session: L in
// the day view, which knows the session its cursor is on.
type sessionLeadsMsg struct{ id string }

// sessionNoteMsg is N in the day view: the session's note, in the text
// area (or $EDITOR), and the day again after it.
type sessionNoteMsg struct{ id string }

// openSessionNote edits the note the agenda prints under a session.
func (m *Model) openSessionNote(id string) tea.Cmd {
	if m.store == nil {
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	title := "Note on the session “" + clip(mail.CleanText(m.sessionTitleByID(id), false), 50) + "” (the agenda prints it)"
	return m.editNote(noteSession, id, title, m.store.Session(id).Note, true)
}

// addSessionMsg is A in the day view: the root's field for a committee
// session's title, and the day again after it.
type addSessionMsg struct{}

// dayReturnMsg brings the day view back after a field opened from it,
// the cursor on the session id ("" the first line).
type dayReturnMsg struct{ id string }

// reopenDay is the day view again, on the session id.
func (m *Model) reopenDay(id string) tea.Cmd {
	cmd := m.openDay()
	if m.overlay != nil && id != "" {
		_, sel := m.overlay.update(daySelectMsg{id: id}, m.keys)
		cmd = tea.Batch(cmd, sel)
	}
	return cmd
}

// mergeMsg is the session picked for a topic; sessionID "" takes the topic
// out of the session it was merged into.
type mergeMsg struct{ topicID, sessionID string }

// sessionTitle is a session's title for one line, cleaned of what mail
// may hold.
func sessionTitle(s agenda.Session) string {
	return mail.CleanText(s.Title, false)
}

// sessionOfTopic is the agenda's session the topic is in, and false when
// the topic is on no agenda (out of the scope, ignored).
func (m *Model) sessionOfTopic(t *thread.Topic) (agenda.Session, bool) {
	return m.tv.session(t.ID)
}

// openMerge is m: the picker of the sessions the topic can join.
func (m *Model) openMerge(t *thread.Topic) tea.Cmd {
	own, onAgenda := m.sessionOfTopic(t)
	if !onAgenda {
		m.flash, m.flashE = "this topic is on no agenda (out of the scope or ignored): nothing to merge it into", true
		return nil
	}
	var entries []pickerEntry
	if own.ID != t.ID {
		entries = append(entries, pickerEntry{id: "", title: "its own session again (out of “" + clip(sessionTitle(own), 40) + "”)"})
	}
	for _, s := range m.tv.sessions {
		if s.ID == own.ID {
			continue
		}
		entries = append(entries, pickerEntry{id: s.ID, title: sessionTitle(s), detail: sessionDetail(s)})
	}
	if len(entries) == 0 {
		m.flash, m.flashE = "there is no other session to merge this topic into (A adds one)", true
		return nil
	}
	p := newPicker("Merge “"+clip(mail.CleanText(t.Title, false), 50)+"” into the session", entries,
		func(id string) tea.Msg { return mergeMsg{topicID: t.ID, sessionID: id} })
	return tea.Batch(m.openOverlay(p), p.focus())
}

// sessionDetail is what the picker says of a session besides its title:
// its decision, its threads and its length.
func sessionDetail(s agenda.Session) string {
	parts := []string{string(s.Status)}
	switch {
	case s.Committee && len(s.Topics) == 0:
		parts = append(parts, "committee session")
	case len(s.Topics) > 1:
		parts = append(parts, agenda.Plural(len(s.Topics), "thread"))
	}
	if s.Note.Minutes > 0 {
		parts = append(parts, itoa(s.Note.Minutes)+" min")
	}
	// Who proposed it and when: two proposals may bear one title.
	if !s.Committee && len(s.Topics) > 0 {
		host := s.Topics[0]
		who := mail.CleanText(host.Proposer.Display(), false)
		if !host.First.IsZero() {
			who += " " + host.First.UTC().Format("2006-01-02")
		}
		parts = append(parts, who)
	}
	return strings.Join(parts, " · ")
}

// merged performs what the picker chose.
func (m *Model) merged(msg mergeMsg) tea.Cmd {
	if m.store == nil {
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	t := m.topicByID(msg.topicID)
	if t == nil {
		return nil
	}
	title := clip(mail.CleanText(t.Title, false), 40)
	if msg.sessionID == "" {
		m.store.Unmerge(t.ID)
		return m.changed("“" + title + "” is its own session again (u undoes)")
	}
	m.store.MergeTopic(t.ID, msg.sessionID)
	cmd := m.changed("“" + title + "” merged into the session “" + clip(mail.CleanText(m.sessionTitleByID(msg.sessionID), false), 40) + "” (u undoes; m again takes it out)")
	return tea.Batch(cmd, m.sync())
}

// sessionTitleByID is the title of the session with this ID, as it now
// stands.
func (m *Model) sessionTitleByID(id string) string {
	if m.tv != nil {
		for _, s := range m.tv.sessions {
			if s.ID == id {
				return s.Title
			}
		}
	}
	return id
}

// topicByID is the listed topic with this ID, nil when there is none.
func (m *Model) topicByID(id string) *thread.Topic {
	for _, t := range m.topics.topics {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// splitOff is X on a message: its sub-thread becomes a topic of its own, or,
// on the first message of a topic split off, goes back into its thread.
func (m *Model) splitOff() tea.Cmd {
	msg := m.triageMessage()
	t := m.thread.topic
	switch {
	case msg == nil || t == nil:
		m.flash, m.flashE = "no message selected: open a thread and pick the reply to split off", true
		return nil
	case m.store == nil:
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	subject := clip(mail.CleanText(msg.Subject, false), 40)
	if m.tv.message(msg.ID).Split {
		m.store.SetSplit(msg.ID, false)
		m.topicOf = nil
		cmd := m.changed("“" + subject + "” is back in its thread (u undoes)")
		return tea.Batch(cmd, m.sync())
	}
	if t.Root != nil && t.Root.Msg == msg {
		m.flash, m.flashE = "this is the topic's first message: pick a reply (or a part of a series) to split off", true
		return nil
	}
	m.store.SetSplit(msg.ID, true)
	m.topicOf = nil
	cmd := m.changed("“" + subject + "” and its replies are a topic of their own (X on it puts them back; u undoes)")
	return tea.Batch(cmd, m.sync())
}

// openAddSession is A: a field for the title of a committee session;
// back: the day view opened it, and comes back after it.
func (m *Model) openAddSession(back bool) tea.Cmd {
	if m.store == nil {
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	f := newTextField(fieldAddSession, "A committee session, one no thread proposed: its title")
	f.back = back
	return tea.Batch(m.openOverlay(f), f.focus())
}

// addSession takes the title typed for a committee session.
func (m *Model) addSession(title string, back bool) tea.Cmd {
	if strings.TrimSpace(title) == "" {
		m.flash = "no session added: the title was empty"
		if back {
			return m.reopenDay("")
		}
		return nil
	}
	id := m.store.AddSession(title)
	cmd := m.changed("committee session “" + clip(mail.CleanText(m.store.Session(id).Title, false), 40) +
		"” added, accepted (D places it in the day; L sets its leads)")
	if back {
		cmd = tea.Batch(cmd, m.reopenDay(id))
	}
	return cmd
}

// openLeads is L: a field holding the session's leads, "Name <email>"
// separated by commas; ↑/↓ offer the participants of its threads, the
// proposer first. back: the day view opened it, and comes back after it.
func (m *Model) openLeads(sessionID string, back bool) tea.Cmd {
	if m.store == nil {
		m.flash, m.flashE = "nothing can be recorded: there is no annotations file", true
		return nil
	}
	var sess agenda.Session
	found := false
	for _, s := range m.tv.sessions {
		if s.ID == sessionID {
			sess, found = s, true
		}
	}
	if !found {
		m.flash, m.flashE = "that session is on no agenda", true
		return nil
	}
	var current []string
	have := map[string]bool{}
	for _, l := range sess.Note.Leads {
		current = append(current, l.String())
		have[strings.ToLower(l.Email)] = true
	}
	prefix := strings.Join(current, ", ")
	if prefix != "" {
		prefix += ", "
	}
	var choices []string
	for _, p := range leadCandidates(sess) {
		if l := annot.LeadOf(p); !have[strings.ToLower(l.Email)] {
			have[strings.ToLower(l.Email)] = true
			choices = append(choices, prefix+mail.CleanText(l.String(), false))
		}
	}
	f := newTextField(fieldLeads, "Leads of “"+clip(sessionTitle(sess), 50)+"”: Name <email>, separated by commas")
	f.msgID, f.back = sessionID, back
	cmd := m.openOverlay(f)
	f.setValue(strings.Join(current, ", "))
	if len(current) == 0 && len(choices) > 0 {
		f.setChoices(choices)
	} else if len(choices) > 0 {
		// The field keeps the leads as they are; ↑/↓ add a participant.
		f.choices, f.choice = choices, len(choices)
	}
	return tea.Batch(cmd, f.focus())
}

// leadCandidates are the people a session's leads are picked from: the
// proposer of each of its threads, then their participants, most active
// first.
func leadCandidates(s agenda.Session) []mail.Address {
	var out []mail.Address
	for _, t := range s.Topics {
		out = append(out, t.Proposer)
	}
	for _, t := range s.Topics {
		for _, p := range t.Participants {
			out = append(out, p.Address)
		}
	}
	return out
}

// setLeads takes the leads typed for a session, and goes back to the day
// view when it opened the field.
func (m *Model) setLeads(sessionID, typed string, back bool) tea.Cmd {
	cmd := m.storeLeads(sessionID, typed)
	if back {
		cmd = tea.Batch(cmd, m.reopenDay(sessionID))
	}
	return cmd
}

func (m *Model) storeLeads(sessionID, typed string) tea.Cmd {
	var leads []annot.Lead
	for _, part := range splitLeads(typed) {
		if l, ok := annot.ParseLead(part); ok {
			leads = append(leads, l)
		}
	}
	before := m.store.Session(sessionID).Leads
	m.store.SetLeads(sessionID, leads)
	after := m.store.Session(sessionID).Leads
	if slices.Equal(before, after) {
		m.flash = "leads unchanged"
		return nil
	}
	title := clip(mail.CleanText(m.sessionTitleByID(sessionID), false), 40)
	if len(after) == 0 {
		return m.changed("no leads for “" + title + "” (u undoes)")
	}
	var names []string
	for _, l := range after {
		names = append(names, mail.CleanText(l.Display(), false))
	}
	return m.changed("leads of “" + title + "”: " + strings.Join(names, ", "))
}

// splitLeads cuts a typed list of people at its commas, except those
// inside quotes or angle brackets ("Ts'o, Ted" <tytso@mit.edu>).
func splitLeads(s string) []string {
	var parts []string
	depth, quoted, start := 0, false, 0
	for i, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '<' && !quoted:
			depth++
		case r == '>' && !quoted && depth > 0:
			depth--
		case r == ',' && !quoted && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	parts = append(parts, s[start:])
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// topicOfMessage is the listed topic that holds a message, nil when none
// does.
func (m *Model) topicOfMessage(id string) *thread.Topic {
	if t, ok := m.topicOf[id]; ok {
		return t
	}
	if m.archive == nil {
		return nil
	}
	for _, t := range m.allTopics() {
		for _, msg := range t.Messages {
			if msg.ID == id {
				return t
			}
		}
	}
	return nil
}
